"""The audit log: who did what to which object, and when.

Every view of a candidate's results or PDF, every export, rating, decision
and erasure calls :func:`record`. Events refer to objects by id only, so the
log survives the erasure of the candidate without keeping personal data;
``detail`` must therefore hold ids, counts and choices, never names or
e-mail addresses.
"""

from __future__ import annotations

from typing import Any

from assess.store import db
from assess.store.models import AuditEvent


def record(action: str, object_type: str, object_id: int | None, **detail: Any) -> AuditEvent:
    """Add an audit event for the signed-in user and their organisation.

    The event joins the request's database session; the view's single
    commit writes it together with whatever the action changed, so an
    action and its audit entry are stored together or not at all.

    Parameters
    ----------
    action : str
        What happened, dotted and in the past tense by convention, e.g.
        ``"results.viewed"``, ``"campaign.exported"``, ``"candidate.erased"``.
    object_type : str
        The kind of object acted on (``"candidate"``, ``"campaign"``...).
    object_id : int or None
        Its primary key; ``None`` for actions on no single object.
    **detail
        JSON-serialisable facts about the action (ids, formats, counts).

    Returns
    -------
    AuditEvent
        The pending event (not yet committed).
    """
    user = _current_user()
    event = AuditEvent(
        organisation_id=user.organisation_id if user is not None else None,
        user_id=user.id if user is not None else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=dict(detail),
    )
    db.session.add(event)
    return event


def _current_user() -> Any:
    """The signed-in staff user, or None outside a request or when anonymous
    (command-line actions such as scheduled erasure)."""
    from flask import has_request_context
    from flask_login import current_user

    if not has_request_context() or not current_user.is_authenticated:
        return None
    return current_user._get_current_object()
