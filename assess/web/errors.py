"""Errors rendered in one place, as HTML for browsers and JSON for clients
that ask for it (``Accept: application/json``). A 500 rolls the session back
so a half-done change is never committed by a later request. A database
that cannot be reached is a 503 with ``Retry-After`` and a message saying
that what was saved is kept and to try again."""

from __future__ import annotations

import contextlib
import sqlite3

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from assess.store import db

MESSAGES = {
    400: (_l("Something in the request was not right"), _l("Please go back and try again.")),
    403: (_l("Not allowed"), _l("You do not have access to this page.")),
    404: (_l("Page not found"), _l("The page you asked for does not exist.")),
    405: (_l("Not allowed"), _l("This page cannot be used that way.")),
    413: (
        _l("Too much was sent"),
        _l("What you sent was larger than this service accepts. Please go back and try again."),
    ),
    429: (
        _l("Too many attempts"),
        _l(
            "There were too many attempts in a short time. Please wait a few minutes and try again."
        ),
    ),
    503: (
        _l("The service is briefly unavailable"),
        _l(
            "The database did not answer. What you saved before is kept;"
            " please try again in a moment."
        ),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l(
            "The error has been recorded. Please try again in a moment;"
            " what you saved before is kept."
        ),
    ),
}


def wants_json() -> bool:
    """True when the client prefers JSON over HTML (API clients, fetch())."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and (
        request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def render_error(status: int, title: str | None = None, detail: str | None = None) -> Response:
    """The error response for ``status``, as JSON or an HTML page."""
    default_title, default_detail = MESSAGES.get(status, MESSAGES[500])
    title = str(title or default_title)
    detail = str(detail or default_detail)
    if wants_json():
        response = jsonify(error={"status": status, "title": title, "detail": detail})
    else:
        response = Response(
            render_template("errors/error.html", status=status, title=title, detail=detail),
            mimetype="text/html",
        )
    response.status_code = status
    return response


def _http_error(error: HTTPException) -> Response | HTTPException:
    if error.code is None or error.code < 400:
        return error
    response = render_error(error.code)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _server_error(error: Exception) -> Response:
    db.session.rollback()
    return render_error(500)


def database_unavailable(error: OperationalError) -> bool:
    """True when ``error`` says the database cannot be reached or is busy
    (a server restarting or refusing connections, a connection dropped, an
    SQLite file locked past the busy timeout or unwritable), which the same
    request can get past later; not for errors in the SQL itself."""
    if error.connection_invalidated:
        return True
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        return any(word in str(original) for word in ("locked", "disk", "unable to open"))
    return type(original).__module__.startswith("psycopg")


def _database_error(error: OperationalError) -> Response:
    if not database_unavailable(error):
        raise error
    current_app.logger.warning("database unavailable: %s", type(error.orig).__name__)
    with contextlib.suppress(Exception):  # the connection is gone; teardown discards it
        db.session.rollback()
    try:
        response = render_error(503)
    except OperationalError:  # the page itself needed the database (a staff user's name)
        title, detail = MESSAGES[503]
        response = Response(f"{title}\n\n{detail}\n", 503, mimetype="text/plain")
    response.headers["Retry-After"] = "5"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
    app.register_error_handler(OperationalError, _database_error)
