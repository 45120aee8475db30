"""The audit log for admins: who did what, when, filtered by user, action
and date range. Filter values are checked against allow-lists (the
organisation's users, the actions in its log, ISO dates) before use."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask import render_template, request
from sqlalchemy import select

from assess.store import db
from assess.store.models import AuditEvent, User
from assess.web.admin.views import admin_required, bp
from assess.web.auth import current_user, org_select

PAGE_SIZE = 200


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@bp.get("/audit")
@admin_required
def audit_log():
    org_id = current_user.organisation_id
    users = {u.id: u.name for u in db.session.scalars(org_select(User).order_by(User.name))}
    actions = sorted(
        db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.organisation_id == org_id).distinct()
        )
    )
    query = select(AuditEvent).where(AuditEvent.organisation_id == org_id)
    user = request.args.get("user", "")
    user_id = int(user) if user.isdigit() and int(user) in users else None
    if user_id is not None:
        query = query.where(AuditEvent.user_id == user_id)
    action = request.args.get("action")
    action = action if action in actions else None
    if action:
        query = query.where(AuditEvent.action == action)
    since, until = _date(request.args.get("from")), _date(request.args.get("to"))
    if since:
        query = query.where(AuditEvent.created_at >= datetime.combine(since, time.min, tzinfo=UTC))
    if until:
        query = query.where(
            AuditEvent.created_at
            < datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC)
        )
    events = list(
        db.session.scalars(
            query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(PAGE_SIZE)
        )
    )
    return render_template(
        "admin/audit.html",
        events=events,
        users=users,
        actions=actions,
        chosen={"user": user_id, "action": action, "from": since, "to": until},
        page_size=PAGE_SIZE,
    )
