"""Staff sign-in state with Flask-Login, invalidated on the server.

The session stores ``"<user id>:<session_version>"``. Every request reloads
the user and compares the version, so bumping ``User.session_version`` (at
logout, when an account is disabled and at a password reset) ends every
session of that user on every app host, including copies of the cookie.
"""

from __future__ import annotations

from typing import Any

from flask_login import LoginManager
from flask_login import current_user as current_user  # re-exported for views
from flask_login import login_user as _login_user

from assess.store import db
from assess.store.models import User

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = None  # the login page explains itself
login_manager.session_protection = "basic"


class StaffUser:
    """The signed-in staff member as Flask-Login sees them; reads through
    to the ``User`` row (``current_user.id``, ``.organisation_id``,
    ``.role``, ``.name``...). ``current_user.row`` is the row itself."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, row: User) -> None:
        self.row = row

    @property
    def is_active(self) -> bool:
        return bool(self.row.active)

    def get_id(self) -> str:
        return f"{self.row.id}:{self.row.session_version}"

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)


@login_manager.user_loader
def load_user(session_id: str) -> StaffUser | None:
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    row = db.session.get(User, int(user_id))
    if row is None or not row.active or row.session_version != int(version):
        return None
    return StaffUser(row)


def sign_in(row: User) -> None:
    """Start a fresh session for ``row`` (the caller cleared the old one)."""
    _login_user(StaffUser(row))


def end_all_sessions(row: User) -> None:
    """Invalidate every session of ``row`` on every host; commit to apply.
    Called at logout, at disable and at password reset."""
    row.session_version = (row.session_version or 1) + 1
