"""The admin blueprint and its index page. Only the ``admin`` role enters;
every object is loaded through ``org_get_or_404``."""

from __future__ import annotations

from flask import Blueprint, render_template

from assess.store import db
from assess.store.models import Campaign
from assess.web.auth import org_select, staff_required

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

admin_required = staff_required("admin")


@bp.get("/")
@admin_required
def index():
    campaigns = list(db.session.scalars(org_select(Campaign).order_by(Campaign.created_at.desc())))
    return render_template("admin/index.html", campaigns=campaigns)
