"""Flask extensions, created once at module scope and bound to an app by
``create_app`` (``init_app``), so every blueprint imports the same objects."""

from __future__ import annotations

from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
