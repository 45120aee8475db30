"""``assess worker``: run PDF and bulk-scoring jobs from Redis."""

from __future__ import annotations

import click


@click.command()
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool) -> None:
    """Run an RQ worker for the 'assess' queue (needs REDIS_URL)."""
    from rq import Worker
    from rq.serializers import JSONSerializer

    from assess.commands import web_app
    from assess.jobs import rq_queue

    app = web_app()
    redis_url = app.config.get("REDIS_URL")
    if not redis_url:
        raise click.UsageError("set REDIS_URL (or ASSESS_REDIS_URL) to the Redis the app uses")
    queue = rq_queue(redis_url)
    with app.app_context():
        Worker([queue], connection=queue.connection, serializer=JSONSerializer).work(burst=burst)
