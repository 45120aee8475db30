"""Who may do what: the signed-in staff member, role checks, and loading a
tenant's object so another organisation's object looks as if it did not
exist (404, not 403: a 403 would confirm that the id is in use)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort
from flask_login import current_user

from assess.store import db

Model = TypeVar("Model")


def staff_required(*roles: str) -> Callable:
    """Allow only a signed-in staff member, and with ``roles`` only those
    roles: anonymous visitors go to the login page, other roles get 403.

    Examples
    --------
    >>> @bp.get("/campaigns")
    ... @staff_required("recruiter", "admin")
    ... def campaigns(): ...
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            from assess.web.auth.session import login_manager

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def org_get_or_404(model: type[Model], object_id: int | None) -> Model:
    """The ``model`` row with ``object_id`` when it belongs to the signed-in
    user's organisation; otherwise 404, exactly as for an id that does not
    exist. ``model`` must carry ``organisation_id``."""
    if not hasattr(model, "organisation_id"):
        raise TypeError(f"{model.__name__} has no organisation_id to scope by")
    if not current_user.is_authenticated or not isinstance(object_id, int):
        abort(404)  # no id at all (a select's empty choice) is a missing row too
    row = db.session.get(model, object_id)
    if row is None or row.organisation_id != current_user.organisation_id:
        abort(404)
    return row


def org_select(model: type[Model]) -> Any:
    """``select(model)`` filtered to the signed-in user's organisation; the
    starting point of every list query."""
    from sqlalchemy import select

    return select(model).where(model.organisation_id == current_user.organisation_id)


def safe_next(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None.

    Refused: absolute URLs (``https://evil.example``), scheme-relative ones
    (``//evil.example``), backslashes (browsers read ``/\\evil.example`` as
    ``//evil.example``) and control characters (some browsers drop them,
    turning ``/\\t/evil.example`` into ``//evil.example``).
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
