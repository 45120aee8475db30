"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask

from assess.store import db
from assess.web import (
    admin,
    auth,
    decisions,
    demographics,
    errors,
    health,
    i18n,
    panel,
    recruiter,
    request_log,
    security,
)
from assess.web.candidate import views as candidate
from assess.web.config import instance_folder, load_config
from assess.web.extensions import csrf
from assess.web.sessions import SignedCookieSessions


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, then extensions, then blueprints,
    then error handlers. Serve it with ``gunicorn 'assess.web:create_app()'``."""
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_folder())
    load_config(app, config)
    app.session_interface = SignedCookieSessions()

    # Extensions, in the order they depend on each other; the request log
    # first, so its request id is there for everything that logs.
    request_log.init_app(app)
    security.init_app(app)
    db.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    auth.init_app(app)

    # Blueprints, one per kind of user, and the health endpoints.
    app.register_blueprint(health.bp)
    app.register_blueprint(candidate.bp)
    app.register_blueprint(recruiter.bp)
    app.register_blueprint(decisions.bp)
    app.register_blueprint(demographics.bp)
    app.register_blueprint(panel.bp)
    app.register_blueprint(admin.bp)

    errors.init_app(app)
    return app
