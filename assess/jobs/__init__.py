"""Background jobs: inline by default, on RQ workers when REDIS_URL is set."""
