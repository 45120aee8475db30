"""The panel's forms: a rating form built from the role's competencies
(anchors as the choice labels, in the member's language) and the
recruiter's assignment form."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from wtforms import FormField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from assess.results.panel import RATING_POINTS
from assess.web.forms import AssessForm, AssessSubForm
from questionnaires.model import Competency


def optional_int(value) -> int | None:
    """An id from a select whose first choice is empty ("" -> None)."""
    text = str(value) if value is not None else ""
    return int(text) if text.isdigit() else None


class AssignForm(AssessForm):
    candidate_id = SelectField(_l("Candidate"), coerce=optional_int, validators=[InputRequired()])
    user_id = SelectField(_l("Panel member"), coerce=optional_int, validators=[InputRequired()])


def rating_form(competencies: Sequence[Competency], locale: str, data=None) -> AssessForm:
    """A form with one sub-form per competency: a 1-5 rating whose choices
    read as that competency's behavioural anchors, and a note."""

    class RatingForm(AssessForm):
        pass

    for competency in competencies:
        choices = [
            SelectChoice(str(point), f"{point} – {_text(competency.anchors.get(point), locale)}")
            for point in RATING_POINTS
        ]

        class CompetencyForm(AssessSubForm):
            # Unrated is allowed in a draft; submit checks completeness.
            rating = RadioField(_l("Rating"), choices=choices, coerce=int, validate_choice=False)
            note = TextAreaField(_l("Evidence you observed"), validators=[Length(max=2000)])

        setattr(RatingForm, f"c_{competency.id}", FormField(CompetencyForm, label=""))
    return RatingForm(data=data)


def _text(localized, locale: str) -> str:
    if not localized:
        return ""
    return localized.get(locale) or localized.get("en") or ""
