"""Data-protection screens for one candidate: erasure with a confirm step
and the candidate's data export as JSON (GDPR Articles 15, 17 and 20).
Both are written to the audit log; the work is done by ``assess.store.privacy``."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from assess.store import audit, db, privacy
from assess.store.models import Candidate
from assess.web.auth import current_user, org_get_or_404
from assess.web.decisions.forms import EraseForm
from assess.web.decisions.views import bp, live_candidate_or_404, recruiter_required


@bp.route("/candidates/<int:candidate_id>/erase", methods=["GET", "POST"])
@recruiter_required
def erase(candidate_id: int):
    candidate = org_get_or_404(Candidate, candidate_id)
    if candidate.status == "erased":
        return render_template("decisions/erased.html", candidate=candidate), 410
    form = EraseForm()
    if form.validate_on_submit():
        privacy.erase_candidate(
            db.session, candidate, actor=current_user.row, reason=form.reason.data
        )
        db.session.commit()
        flash(_("The candidate's data has been erased."), "success")
        return redirect(url_for("decisions.erase", candidate_id=candidate.id))
    status = 400 if form.errors else 200
    return render_template("decisions/erase.html", candidate=candidate, form=form), status


@bp.get("/candidates/<int:candidate_id>/data-export.json")
@recruiter_required
def data_export(candidate_id: int):
    candidate = live_candidate_or_404(candidate_id)
    body = json.dumps(privacy.candidate_export(db.session, candidate), ensure_ascii=False, indent=2)
    audit.record("candidate.exported", "candidate", candidate.id, format="json")
    db.session.commit()
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="candidate-{candidate.id}-data.json"',
            "Cache-Control": "no-store",
        },
    )
