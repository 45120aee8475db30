"""The hiring decision for one candidate.

A decision is recorded by the signed-in person, named in the history, with
a required rationale, and only after that person has opened the
candidate's results (a ``results.viewed`` entry of theirs in the audit
log). Every decision is kept; the latest one stands.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from assess.store import audit, db
from assess.store.models import AuditEvent, Candidate, Decision, User
from assess.web.auth import current_user, org_get_or_404, staff_required
from assess.web.decisions.forms import DecisionForm, outcome_choices

bp = Blueprint("decisions", __name__, url_prefix="/recruiter", template_folder="templates")

recruiter_required = staff_required("recruiter", "admin")


def has_read_results(candidate_id: int, user_id: int) -> bool:
    """Whether ``user_id`` has opened this candidate's results page."""
    return (
        db.session.scalar(
            select(AuditEvent.id)
            .where(
                AuditEvent.action == "results.viewed",
                AuditEvent.object_type == "candidate",
                AuditEvent.object_id == candidate_id,
                AuditEvent.user_id == user_id,
            )
            .limit(1)
        )
        is not None
    )


def decisions_of(candidate_id: int) -> list[tuple[Decision, str]]:
    """Every decision on the candidate, newest first, with the decider's name."""
    rows = db.session.execute(
        select(Decision, User.name)
        .join(User, User.id == Decision.user_id)
        .where(Decision.candidate_id == candidate_id)
        .order_by(Decision.created_at.desc(), Decision.id.desc())
    )
    return [(d, name) for d, name in rows]


def live_candidate_or_404(candidate_id: int) -> Candidate:
    candidate = org_get_or_404(Candidate, candidate_id)
    if candidate.status == "erased":
        abort(404)
    return candidate


@bp.route("/candidates/<int:candidate_id>/decision", methods=["GET", "POST"])
@recruiter_required
def decide(candidate_id: int):
    candidate = live_candidate_or_404(candidate_id)
    form = DecisionForm()
    read = has_read_results(candidate.id, current_user.id)
    status = 200
    if form.is_submitted():
        if not read:
            status = 409
        elif form.validate():
            decision = Decision(
                candidate_id=candidate.id,
                user_id=current_user.id,
                outcome=form.outcome.data,
                rationale=form.rationale.data,
            )
            db.session.add(decision)
            db.session.flush()
            audit.record(
                "decision.recorded",
                "candidate",
                candidate.id,
                decision=decision.id,
                outcome=decision.outcome,
            )
            db.session.commit()
            flash(_("Decision recorded."), "success")
            return redirect(url_for("decisions.decide", candidate_id=candidate.id))
        else:
            status = 400
    labels = {choice.value: choice.label for choice in outcome_choices()}
    return render_template(
        "decisions/decision.html",
        candidate=candidate,
        form=form,
        read=read,
        history=decisions_of(candidate.id),
        labels=labels,
    ), status
