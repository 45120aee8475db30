"""The session interface signs cookies exactly as Flask's default does, and
a changed secret key (or its fallbacks) takes effect at once."""

from __future__ import annotations

from flask import Flask, session
from flask.sessions import SecureCookieSessionInterface

from assess.web.sessions import SignedCookieSessions


def _app(interface, key: str = "one", fallbacks: list[str] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY=key, SECRET_KEY_FALLBACKS=fallbacks or [])
    app.session_interface = interface

    @app.route("/set")
    def set_value() -> str:
        session["seen"] = [3, 1.5]
        return "ok"

    @app.route("/get")
    def get_value() -> str:
        return repr(session.get("seen"))

    return app


def _cookie(app: Flask) -> str:
    client = app.test_client()
    client.get("/set")
    return client.get_cookie("session").value


def _read(app: Flask, cookie: str) -> str:
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client.get("/get").text


def test_cookies_are_interchangeable_with_flasks_own():
    ours, flasks = _app(SignedCookieSessions()), _app(SecureCookieSessionInterface())
    assert _read(flasks, _cookie(ours)) == "[3, 1.5]"
    assert _read(ours, _cookie(flasks)) == "[3, 1.5]"


def test_a_new_secret_key_refuses_old_cookies_unless_it_falls_back():
    app = _app(SignedCookieSessions(), key="one")
    old = _cookie(app)
    assert _read(app, old) == "[3, 1.5]"
    app.config["SECRET_KEY"] = "two"
    assert _read(app, old) == "None"
    app.config["SECRET_KEY_FALLBACKS"] = ["one"]
    assert _read(app, old) == "[3, 1.5]"
