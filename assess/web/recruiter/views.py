"""The recruiter blueprint and its dashboard. The other screens live in
``role_views``, ``campaign_views`` and ``result_views``; every view loads
through ``org_get_or_404`` (another organisation's id is a 404), checks the
role with ``staff_required`` and commits once."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import get_locale
from sqlalchemy import func, select

from assess.store import db
from assess.store.models import Campaign, Candidate
from assess.web.auth import current_user, org_select, staff_required

bp = Blueprint("recruiter", __name__, url_prefix="/recruiter", template_folder="templates")

RECRUITER_ROLES = ("recruiter", "admin")
recruiter_required = staff_required(*RECRUITER_ROLES)


def locale() -> str:
    current = get_locale()
    return current.language if current else "en"


@bp.get("/")
@recruiter_required
def dashboard():
    campaigns = list(db.session.scalars(org_select(Campaign).order_by(Campaign.created_at.desc())))
    counts: dict[int, dict[str, int]] = {}
    query = (
        select(Candidate.campaign_id, Candidate.status, func.count())
        .where(Candidate.organisation_id == current_user.organisation_id)
        .group_by(Candidate.campaign_id, Candidate.status)
    )
    for campaign_id, status, count in db.session.execute(query):
        counts.setdefault(campaign_id, {})[status] = count
    return render_template("recruiter/dashboard.html", campaigns=campaigns, counts=counts)
