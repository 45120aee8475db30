"""The candidate's voluntary demographic questions, after the final submit.

Every question has "prefer not to say" as its empty first choice; saving
with nothing chosen removes anything stored before. The page rides on the
candidate's own session (``with_visit(completed=True)``), so it opens only
for the candidate who has submitted, and only while their link is theirs.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from assess.results.fairness import DEMOGRAPHIC_FIELDS
from assess.store import db
from assess.store.models import Demographic
from assess.web.candidate.views import Visit, with_visit
from assess.web.forms import AssessForm

bp = Blueprint("demographics", __name__, url_prefix="/c", template_folder="templates")

NOT_SAID = SelectChoice("", _l("Prefer not to say"))
OPTIONS = {
    "gender": [("woman", _l("Woman")), ("man", _l("Man")), ("another", _l("Another gender"))],
    "age_band": [
        ("under-25", _l("Under 25")),
        ("25-39", _l("25–39")),
        ("40-54", _l("40–54")),
        ("55-plus", _l("55 or over")),
    ],
    "first_language": [
        ("finnish", _l("Finnish")),
        ("swedish", _l("Swedish")),
        ("another", _l("Another language")),
    ],
    "disability": [("yes", _l("Yes")), ("no", _l("No"))],
}
"""The allowed answers per question in :data:`DEMOGRAPHIC_FIELDS`."""
# Checks constants, not input (bandit B101).
assert set(OPTIONS) == set(DEMOGRAPHIC_FIELDS)  # nosec B101


def _field(label: Any, name: str) -> SelectField:
    choices = [NOT_SAID] + [SelectChoice(value, text) for value, text in OPTIONS[name]]
    return SelectField(label, choices=choices, default="")


class AboutYouForm(AssessForm):
    gender = _field(_l("Gender"), "gender")
    age_band = _field(_l("Age"), "age_band")
    first_language = _field(_l("First language"), "first_language")
    disability = _field(_l("Do you have a disability or long-term health condition?"), "disability")


@bp.route("/about-you", methods=["GET", "POST"])
@with_visit(completed=True)
def about_you(visit: Visit) -> Any:
    candidate_id = visit.state.candidate_id
    stored = db.session.scalar(select(Demographic).where(Demographic.candidate_id == candidate_id))
    # A post stands alone: a question left out of it counts as not answered.
    shown = dict(stored.data) if stored is not None and request.method == "GET" else None
    form = AboutYouForm(data=shown)
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in DEMOGRAPHIC_FIELDS}
        data = {name: value for name, value in data.items() if value}
        if stored is not None and not data:
            db.session.delete(stored)
        elif stored is not None:
            stored.data = data
        elif data:
            db.session.add(Demographic(candidate_id=candidate_id, data=data))
        db.session.commit()
        flash(_("Thank you. Your answers were saved apart from your questionnaire."), "success")
        return redirect(url_for("candidate.done"))
    status = 400 if form.errors else 200
    return render_template("demographics/about_you.html", visit=visit, form=form), status
