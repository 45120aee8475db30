"""Staff accounts: sign-in, sessions invalidated on the server, roles and
organisation-scoped access.

Public API for every staff blueprint::

    from assess.web.auth import staff_required, org_get_or_404, org_select, current_user

``staff_required(*roles)`` guards a view (anonymous: login redirect; wrong
role: 403); ``org_get_or_404(model, id)`` loads a tenant's row or answers
404; ``end_all_sessions(user)`` ends every session of a user (disable,
password reset).
"""

from __future__ import annotations

from flask import Flask

from assess.web.auth.access import org_get_or_404, org_select, safe_next, staff_required
from assess.web.auth.passwords import hash_password, password_problem, verify_password
from assess.web.auth.session import StaffUser, current_user, end_all_sessions, login_manager

__all__ = [
    "StaffUser",
    "current_user",
    "end_all_sessions",
    "hash_password",
    "init_app",
    "login_manager",
    "org_get_or_404",
    "org_select",
    "password_problem",
    "safe_next",
    "staff_required",
    "verify_password",
]


def init_app(app: Flask) -> None:
    """Bind Flask-Login and register the sign-in pages."""
    from assess.web.auth.views import bp

    login_manager.init_app(app)
    app.register_blueprint(bp)
    # Staff pages link only to blueprints that are installed.
    app.jinja_env.globals["staff_endpoints"] = lambda: app.view_functions
