"""Health endpoints for load balancers and orchestrators.

``/healthz``: the process answers (liveness; it touches nothing else, so a
database outage does not get every app process restarted). ``/readyz``:
the database answers, and Redis too when ``REDIS_URL`` is set (readiness:
send this host traffic). A failed check is a 503 naming what is down; the
details (addresses, driver messages) go to the log, not to the client.
"""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from assess.store import db

bp = Blueprint("health", __name__)
log = logging.getLogger("assess.health")

CHECK_TIMEOUT_SECONDS = 3


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    checks = {"database": _database()}
    if current_app.config.get("REDIS_URL"):
        checks["redis"] = _redis(current_app.config["REDIS_URL"])
    down = sorted(name for name, state in checks.items() if state != "ok")
    if down:
        reason = ", ".join(f"{name} unreachable" for name in down)
        return jsonify(status="unavailable", reason=reason, checks=checks), 503
    return jsonify(status="ok", checks=checks)


def _database() -> str:
    try:
        with db.engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any driver error means "not ready"
        log.warning("readiness: database check failed: %s", type(error).__name__)
        return "unreachable"
    return "ok"


def _redis(url: str) -> str:
    try:
        from redis import Redis

        client = Redis.from_url(
            url,
            socket_connect_timeout=CHECK_TIMEOUT_SECONDS,
            socket_timeout=CHECK_TIMEOUT_SECONDS,
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as error:  # ImportError, connection and auth errors alike
        log.warning("readiness: redis check failed: %s", type(error).__name__)
        return "unreachable"
    return "ok"
