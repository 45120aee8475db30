"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask

from assess.store import db
from assess.web.config import load_config


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, then extensions, then blueprints."""
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)

    db.init_app(app)
    return app
