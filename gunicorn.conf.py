"""gunicorn settings for serving assess in production:
``gunicorn -c gunicorn.conf.py`` (from the repository or wherever this file
is copied). Every setting here can be changed with an environment variable.

The app is built in production mode (``ASSESS_PRODUCTION``), so it refuses
to start with a missing or placeholder ``SECRET_KEY``, debug mode or a
``BASE_URL`` that is not https, and says why. Access lines come from the
app itself (one JSON object a line, invitation tokens masked), so gunicorn's
own access log stays off.
"""

import multiprocessing
import os
import sys

os.environ.setdefault("ASSESS_PRODUCTION", "true")

wsgi_app = "assess.web:create_app()"
bind = os.environ.get("ASSESS_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("ASSESS_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("ASSESS_THREADS", "1"))
# An inline PDF (no REDIS_URL) can take a few seconds; a hung worker is
# replaced after this many.
timeout = int(os.environ.get("ASSESS_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Replace workers now and then so slow leaks in libraries cannot build up.
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
loglevel = os.environ.get("ASSESS_LOG_LEVEL", "info")
# gunicorn's own lines (worker boot, timeouts) as JSON too, like the app's.
_JSON_TO_STDERR = {
    "class": "logging.StreamHandler",
    "formatter": "json",
    "stream": "ext://sys.stderr",
}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "assess.web.request_log.JsonLines"}},
    # gunicorn's default configuration names these two handlers.
    "handlers": {"console": _JSON_TO_STDERR, "error_console": _JSON_TO_STDERR},
    # The app's loggers (``assess.*``) have their own JSON handler; nothing on
    # the root logger, or each of their lines would be written twice.
    "root": {"level": "WARNING", "handlers": []},
    "loggers": {
        "gunicorn.error": {
            "handlers": ["error_console"],
            "level": loglevel.upper(),
            "propagate": False,
        },
    },
}
# Request line and header limits below gunicorn's defaults: nothing in the
# app needs long URLs or many headers.
limit_request_line = 4094
limit_request_fields = 60


def on_starting(server):
    """Check the configuration once, in the master, before any worker
    starts: an unsafe one stops gunicorn with the reasons, not a traceback
    in every worker."""
    from assess.web import create_app
    from assess.web.config import ProductionConfigError

    try:
        app = create_app()
    except ProductionConfigError as problem:
        server.log.error("assess: %s", problem)
        sys.exit(1)
    app.extensions["assess.engine"].dispose()
