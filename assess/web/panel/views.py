"""Panel screens. A panel member opens only candidates assigned to them
(anything else is a 404, as for an id that does not exist) and sees other
members' ratings only after submitting their own. Recruiters assign members
and read the campaign's panel summary: submitted ratings per competency,
ICC(2,k) with its 95% interval, and the competencies the panel disagrees on."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from assess.results import panel
from assess.store import audit, db
from assess.store.models import Campaign, Candidate, User
from assess.web.auth import current_user, org_get_or_404, org_select, staff_required
from assess.web.i18n import current_language
from assess.web.panel.forms import AssignForm, rating_form

bp = Blueprint("panel", __name__, url_prefix="/panel", template_folder="templates")

member_required = staff_required("panel")
recruiter_required = staff_required("recruiter", "admin")


def _text(localized) -> str:
    if not localized:
        return ""
    return localized.get(current_language()) or localized.get("en") or ""


def _assigned_or_404(candidate_id: int):
    """The candidate and the signed-in member's assignment; 404 when the
    candidate is another organisation's, erased, or not assigned to them."""
    candidate = org_get_or_404(Candidate, candidate_id)
    row = panel.assignment(db.session, candidate.id, current_user.id)
    if row is None or candidate.status == "erased":
        abort(404)
    return candidate, row


@bp.get("/")
@member_required
def assigned():
    rows = panel.assigned_candidates(db.session, current_user)
    return render_template("panel/assigned.html", rows=rows)


@bp.route("/candidates/<int:candidate_id>", methods=["GET", "POST"])
@member_required
def rate(candidate_id: int):
    candidate, row = _assigned_or_404(candidate_id)
    competencies = panel.competencies(candidate.campaign)
    ids = [c.id for c in competencies]
    if row.submitted_at is not None:
        if request.method == "POST":
            flash(_("Your ratings are already submitted and cannot be changed."), "error")
            return redirect(url_for("panel.rate", candidate_id=candidate.id))
        return _submitted_view(candidate, row, competencies)
    own = panel.member_ratings(db.session, candidate.id, current_user.id)
    data = {f"c_{c}": {"rating": r.rating, "note": r.note} for c, r in own.items()}
    form = rating_form(competencies, current_language(), data=data)
    if request.method == "POST" and form.validate_on_submit():
        values = {c: getattr(form, f"c_{c}").form.rating.data for c in ids}
        notes = {c: getattr(form, f"c_{c}").form.note.data or "" for c in ids}
        try:
            panel.save_ratings(db.session, row, values, notes, allowed=ids)
        except panel.PanelError:
            db.session.rollback()
            form.form_errors.append(_("A rating is a whole number from 1 to 5."))
        else:
            if request.form.get("action") == "submit":
                try:
                    panel.submit(db.session, row, required=ids)
                except panel.PanelError:
                    # The draft is kept; only the submit is refused.
                    form.form_errors.append(
                        _("Rate every competency on the 1–5 scale before submitting.")
                    )
            submitted = row.submitted_at is not None
            audit.record(
                "panel.submitted" if submitted else "panel.rated",
                "candidate",
                candidate.id,
                competencies=sorted(c for c, v in values.items() if v is not None),
            )
            db.session.commit()
            if not form.form_errors:
                flash(_("Ratings submitted.") if submitted else _("Draft saved."), "success")
                return redirect(url_for("panel.rate", candidate_id=candidate.id))
    fields = [(c, getattr(form, f"c_{c.id}").form) for c in competencies]
    return render_template(
        "panel/rate.html", candidate=candidate, form=form, fields=fields, text=_text
    ), (400 if form.errors or form.form_errors else 200)


def _submitted_view(candidate, row, competencies):
    summary = panel.candidate_summary(db.session, candidate.id, [c.id for c in competencies])
    members = _member_names({u for s in summary for u in s.ratings})
    return render_template(
        "panel/submitted.html",
        candidate=candidate,
        rows=list(zip(competencies, summary, strict=True)),
        members=members,
        text=_text,
    )


def _member_names(user_ids) -> dict[int, str]:
    if not user_ids:
        return {}
    query = select(User.id, User.name).where(
        User.id.in_(list(user_ids)), User.organisation_id == current_user.organisation_id
    )
    return dict(db.session.execute(query).all())


def _assign_form(campaign: Campaign) -> AssignForm:
    form = AssignForm()
    candidates = db.session.scalars(
        org_select(Candidate)
        .where(Candidate.campaign_id == campaign.id, Candidate.status != "erased")
        .order_by(Candidate.id)
    )
    members = db.session.scalars(
        org_select(User).where(User.role == "panel", User.active.is_(True)).order_by(User.name)
    )
    form.candidate_id.choices = [SelectChoice("", "")] + [
        SelectChoice(str(c.id), c.name or f"#{c.id}") for c in candidates
    ]
    form.user_id.choices = [SelectChoice("", "")] + [
        SelectChoice(str(u.id), u.name) for u in members
    ]
    return form


@bp.get("/campaigns/<int:campaign_id>")
@recruiter_required
def campaign_panel(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    return _campaign_page(campaign, _assign_form(campaign))


def _campaign_page(campaign: Campaign, form: AssignForm, status: int = 200):
    competencies = panel.competencies(campaign)
    ids = [c.id for c in competencies]
    candidates = list(
        db.session.scalars(
            org_select(Candidate)
            .where(Candidate.campaign_id == campaign.id, Candidate.status != "erased")
            .order_by(Candidate.id)
        )
    )
    assignments = panel.campaign_assignments(db.session, [c.id for c in candidates])
    rated = [c for c in candidates if c.id in assignments]
    summaries = {
        c.id: list(zip(competencies, panel.candidate_summary(db.session, c.id, ids), strict=True))
        for c in rated
    }
    agreement = panel.agreement(db.session, [c.id for c in rated], ids)
    members = _member_names({a.user_id for rows in assignments.values() for a in rows})
    return render_template(
        "panel/campaign.html",
        campaign=campaign,
        candidates=rated,
        assignments=assignments,
        summaries=summaries,
        agreement=list(zip(competencies, agreement, strict=True)),
        members=members,
        form=form,
        text=_text,
        disagreement_points=panel.DISAGREEMENT_POINTS,
    ), status


@bp.post("/campaigns/<int:campaign_id>/assign")
@recruiter_required
def assign(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    form = _assign_form(campaign)
    if not form.validate_on_submit():
        return _campaign_page(campaign, form, 400)
    candidate = org_get_or_404(Candidate, form.candidate_id.data)
    member = org_get_or_404(User, form.user_id.data)
    row = panel.assign(db.session, candidate, member)
    audit.record("panel.assigned", "candidate", candidate.id, member=member.id)
    db.session.commit()
    flash(_("%(name)s will rate this candidate.", name=member.name), "success")
    return redirect(
        url_for("panel.campaign_panel", campaign_id=campaign.id, _anchor=f"c{row.candidate_id}")
    )
