"""Security headers on every response, and what the app trusts about the
request it is given.

- A Content-Security-Policy that allows no inline script or style and no
  framing: every script and style is a file under ``/static``.
- ``Referrer-Policy: same-origin``: a page's address (which may hold an
  invitation token) never goes to another site, while Flask-WTF's CSRF
  check over https still gets the same-origin ``Referer`` it requires.
- ``Strict-Transport-Security`` when ``BASE_URL`` is https.
- ``Cache-Control: no-store`` on every response but static files: pages
  show names, answers and scores, and PDFs are reports on people.
- Direction controls (embeddings, overrides, isolates) removed from every
  plain string a template prints, so a name stored with a right-to-left
  override cannot reorder the page around it (input removes them too).
- ``TRUSTED_HOSTS`` (Flask's own check, a 400 for any other ``Host``) and,
  behind ``PROXY_COUNT`` reverse proxies, the client address and scheme
  taken from their ``X-Forwarded-*`` headers (Werkzeug's ``ProxyFix``), so
  throttling counts clients, not the proxy.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from assess.text_input import without_direction_controls

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
HSTS = "max-age=31536000"
"""One year; subdomains are the operator's to decide (``includeSubDomains``)."""


def _add_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"  # for browsers without frame-ancestors
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
        headers.pop("Expires", None)
        headers.pop("ETag", None)
    return response


def _add_hsts(response: Response) -> Response:
    response.headers["Strict-Transport-Security"] = HSTS
    return response


def _printable(value: object) -> object:
    # Plain strings only: Markup is HTML the app built itself.
    return without_direction_controls(value) if type(value) is str else value


def _untrusted_host(error: SecurityError) -> Response:
    # No URL can be built for a host the app does not serve, so no page
    # either: a short plain answer.
    return Response("This host name is not served here.\n", 400, mimetype="text/plain")


def init_app(app: Flask) -> None:
    if app.config.get("PRODUCTION") and not app.config.get("TRUSTED_HOSTS"):
        logging.getLogger("assess.security").warning(
            "TRUSTED_HOSTS is not set: requests for any host name are answered;"
            " set ASSESS_TRUSTED_HOSTS to the names people and probes use"
        )
    app.register_error_handler(SecurityError, _untrusted_host)
    app.jinja_env.finalize = _printable
    app.after_request(_add_headers)
    if app.config["BASE_URL"].startswith("https://"):
        app.after_request(_add_hsts)
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
