"""Forms for decisions and erasure. The outcome select starts empty: no
outcome is ever pre-selected, and each decision is made one candidate at a
time (GDPR Article 22: a score must not decide alone)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from assess.web.forms import AssessForm

MIN_RATIONALE = 20
"""Characters: enough for a reason, not a tick in a box."""


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def outcome_choices() -> list[SelectChoice]:
    """The outcomes, after an empty first choice that is never valid."""
    return [
        SelectChoice("", _l("Choose an outcome")),
        SelectChoice("advance", _l("Advance to the next stage")),
        SelectChoice("hire", _l("Hire")),
        SelectChoice("hold", _l("Hold")),
        SelectChoice("reject", _l("Do not proceed")),
    ]


class DecisionForm(AssessForm):
    outcome = SelectField(_l("Outcome"), validators=[InputRequired()])
    rationale = TextAreaField(
        _l("Rationale"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Write why you decided this.")),
            Length(
                min=MIN_RATIONALE,
                max=5000,
                message=_l("Write the reasons in at least %(min)d characters."),
            ),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome.choices = outcome_choices()


class EraseForm(AssessForm):
    confirm = BooleanField(
        _l("I understand that this erases the candidate's data for good."),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )
    reason = TextAreaField(
        _l("Reason"),
        filters=[_strip],
        validators=[DataRequired(_l("Say why the data is erased.")), Length(max=500)],
    )
