"""Logs as one JSON object a line, each with the request id.

Every request gets an id: the ``X-Request-ID`` a proxy sent (when it looks
like an id) or a new one; it is echoed in the response and in every log
line written while the request runs, so a proxy's line, the app's line and
an error report can be matched. One ``request`` line per request says the
method, the path (an invitation token in it masked), the status and the
time taken. Nothing a person typed (form fields, answers, query strings)
is logged; SQL parameters are left out of database errors
(``hide_parameters`` in :func:`assess.store.db.make_engine`).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_TOKEN_LIKE = re.compile(r"/[A-Za-z0-9_-]{32,}(?=/|$)")
MASK = "/[masked]"
LOGGER_NAME = "assess"

log = logging.getLogger("assess.requests")


def masked_path(path: str) -> str:
    """``path`` with any segment that could be a secret token (32 or more
    URL-safe characters, as invitation tokens are) replaced."""
    return _TOKEN_LIKE.sub(MASK, path)


class JsonLines(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, the
    request id when there is a request, extra fields and any traceback."""

    RESERVED = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context() and "request_id" in g:
            entry["request_id"] = g.request_id
        for key, value in vars(record).items():
            if key not in self.RESERVED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _start() -> None:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if _VALID_REQUEST_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started")
    log.info(
        "request",
        extra={
            "request_id": request_id,
            "method": request.method,
            "path": masked_path(request.path),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "client": request.remote_addr,
        },
    )
    return response


def configure_logging(level: int = logging.INFO) -> None:
    """Send the app's loggers (``assess.*``) to stderr as JSON lines, once
    per process."""
    logger = logging.getLogger(LOGGER_NAME)
    if any(isinstance(h.formatter, JsonLines) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    logger.addHandler(handler)
    logger.setLevel(level)


def init_app(app: Flask) -> None:
    if app.config.get("LOG_JSON", True):
        configure_logging()
    app.before_request(_start)
    app.after_request(_finish)
