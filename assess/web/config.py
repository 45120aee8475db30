"""Configuration: defaults, then the instance folder's ``config.py``, then
``ASSESS_*`` environment variables (plus the conventional ``DATABASE_URL``
and ``REDIS_URL``), then the mapping a test passes."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # filled in: SQLite in the instance folder
    "REDIS_URL": None,  # None: jobs run inline
    "BASE_URL": "http://127.0.0.1:5000",
    "LANGUAGES": ("en", "fi"),
    "BABEL_DEFAULT_LOCALE": "en",
    "INVITATION_DAYS": 14,
    "PRIVACY_NOTICE_VERSION": "2026-11",
    "MAX_CONTENT_LENGTH": 256 * 1024,
    "MAX_FORM_MEMORY_SIZE": 64 * 1024,
    "MAX_FORM_PARTS": 400,
    "WTF_CSRF_TIME_LIMIT": 3600,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_SENDER": "assess@localhost",
    "PRODUCTION": False,  # True: refuse to start with an unsafe configuration
    "TRUSTED_HOSTS": None,  # e.g. "assess.example.org,assess.internal": others get 400
    "PROXY_COUNT": 0,  # reverse proxies in front that set X-Forwarded-For/-Proto/-Host
    "LOG_JSON": True,  # one JSON object a line on stderr (False: Flask's plain lines)
}

DEFAULT_SECRET_KEYS = frozenset(
    {"", "dev", "development", "secret", "changeme", "change-me", "change me", "test-secret"}
)
"""Values that are not secrets: sample and placeholder keys."""
MIN_SECRET_KEY_LENGTH = 32


class ProductionConfigError(RuntimeError):
    """The configuration is not safe to serve in production; the message
    says every reason, one a line."""


def instance_folder() -> str:
    """Where the SQLite database, the secret key and an optional ``config.py``
    live: ``ASSESS_INSTANCE_PATH``, else ``./instance`` in the working
    directory. (Flask's default for an installed package is a folder inside
    its virtualenv, where nobody would look for their data.)"""
    return os.path.abspath(os.environ.get("ASSESS_INSTANCE_PATH") or "instance")


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY"):
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    app.config.from_prefixed_env("ASSESS")
    if overrides:
        app.config.from_mapping(overrides)
    if not app.config.get("DATABASE_URL"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'assess.sqlite'}"
    if isinstance(app.config["TRUSTED_HOSTS"], str):
        hosts = [host.strip() for host in app.config["TRUSTED_HOSTS"].split(",")]
        app.config["TRUSTED_HOSTS"] = [host for host in hosts if host] or None
    if app.config["PRODUCTION"]:
        problems = production_problems(app)
        if problems:
            raise ProductionConfigError(
                "refusing to start in production:\n" + "\n".join(f"- {p}" for p in problems)
            )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config["BASE_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        # The __Host- prefix: the browser keeps the cookie only if it is
        # Secure, has path / and names no domain, so no subdomain can set it.
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"
        app.config["SESSION_COOKIE_PATH"] = "/"
        app.config["SESSION_COOKIE_DOMAIN"] = None


def production_problems(app: Flask) -> list[str]:
    """Why ``app``'s configuration is unsafe to serve in production, if it is."""
    config = app.config
    problems = []
    secret = config.get("SECRET_KEY")
    if not secret:
        problems.append(
            "SECRET_KEY is not set: set the same long random value on every host"
            " (e.g. python3 -c 'import secrets; print(secrets.token_hex(32))')"
        )
    elif str(secret).strip().lower() in DEFAULT_SECRET_KEYS:
        problems.append("SECRET_KEY is a placeholder value; set a long random one")
    elif len(str(secret)) < MIN_SECRET_KEY_LENGTH:
        problems.append(f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters")
    if app.debug or config.get("DEBUG") or config.get("TESTING"):
        problems.append("debug (or testing) mode is on; turn FLASK_DEBUG / ASSESS_DEBUG off")
    if not str(config.get("BASE_URL", "")).startswith("https://"):
        problems.append(
            f"BASE_URL is {config.get('BASE_URL')!r}; it must be the https:// address"
            " people use (invitation links, Secure cookies and HSTS depend on it)"
        )
    return problems


def _instance_secret(instance: Path) -> str:
    """A secret key kept in the instance folder, made once. Several hosts
    must share one: set ``SECRET_KEY`` (or ``ASSESS_SECRET_KEY``) there."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
