"""The recruiter's forms. Everything a recruiter posts goes through one of
these; rules that need the instrument catalogue (a role profile's
consistency) are checked by ``questionnaires.role_from_mapping`` in
``operations`` and shown on the same form."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    FloatField,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from assess.web.forms import AssessForm, AssessSubForm
from assess.web.recruiter.fields import ANCHOR_LEVELS, MAX_RETENTION_MONTHS, is_email

LANGUAGE_CHOICES = [SelectChoice("en", "English"), SelectChoice("fi", "suomi")]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _text(label: str, area: bool = False, required: bool = True, limit: int = 2000):
    validators = [InputRequired() if required else Optional(), Length(max=limit)]
    return (TextAreaField if area else StringField)(label, validators=validators)


class RequirementForm(AssessSubForm):
    scale = HiddenField()
    weight = FloatField(_l("Weight"), validators=[InputRequired(), NumberRange(min=0.001)])
    bar = FloatField(_l("Must-reach bar"), validators=[InputRequired(), NumberRange(min=0)])


class FitBandForm(AssessSubForm):
    id = HiddenField()
    min = FloatField(_l("From (0-100)"), validators=[InputRequired(), NumberRange(0, 100)])
    requires_all_bars = BooleanField(_l("Only when every bar is reached"))
    label_en = _text(_l("Label (English)"), limit=120)
    label_fi = _text(_l("Label (Finnish)"), limit=120)
    text_en = _text(_l("Text (English)"), area=True)
    text_fi = _text(_l("Text (Finnish)"), area=True)


class CompetencyForm(AssessSubForm):
    """One interview competency. A blank entry at the end adds a new one;
    ticking *remove* drops one."""

    id = StringField(
        _l("Identifier"),
        validators=[Optional(), Regexp(r"^[a-z][a-z0-9_]*$", message=_l("Use a-z, 0-9 and _"))],
    )
    remove = BooleanField(_l("Remove this competency"))
    scales = StringField(_l("Scales it probes (comma-separated)"), validators=[Optional()])
    name_en = _text(_l("Name (English)"), required=False, limit=200)
    name_fi = _text(_l("Name (Finnish)"), required=False, limit=200)
    description_en = _text(_l("Description (English)"), area=True, required=False)
    description_fi = _text(_l("Description (Finnish)"), area=True, required=False)
    questions_en = _text(_l("Interview questions (English, one a line)"), area=True, required=False)
    questions_fi = _text(_l("Interview questions (Finnish, one a line)"), area=True, required=False)

    def validate_questions_fi(self, field: TextAreaField) -> None:
        if len(_lines(field.data)) != len(_lines(self.questions_en.data)):
            raise ValidationError(_l("Give each question in both languages, one a line."))

    @property
    def is_blank(self) -> bool:
        return not any(
            (value or "").strip()
            for name, value in self.data.items()
            if name not in ("remove",) and isinstance(value, str)
        )


for _level in ANCHOR_LEVELS:
    for _language, _label in (("en", _l("English")), ("fi", _l("Finnish"))):
        setattr(
            CompetencyForm,
            f"anchor_{_level}_{_language}",
            TextAreaField(
                _l("Level %(level)s (%(language)s)", level=_level, language=_label),
                validators=[Optional(), Length(max=1000)],
            ),
        )


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class RoleProfileForm(AssessForm):
    title_en = _text(_l("Title (English)"), limit=200)
    title_fi = _text(_l("Title (Finnish)"), limit=200)
    description_en = _text(_l("Description (English)"), area=True)
    description_fi = _text(_l("Description (Finnish)"), area=True)
    requirements = FieldList(FormField(RequirementForm))
    fit_bands = FieldList(FormField(FitBandForm))
    competencies = FieldList(FormField(CompetencyForm))
    submit = SubmitField(_l("Save as a new version"))


class StartRoleForm(AssessForm):
    example = HiddenField(validators=[InputRequired()])
    submit = SubmitField(_l("Start from this example"))


class CampaignForm(AssessForm):
    name = _text(_l("Campaign name"), limit=200)
    role_profile_version_id = SelectField(_l("Role profile version"), coerce=int)
    instruments = MultiCheckboxField(_l("Instruments"))
    languages = MultiCheckboxField(_l("Languages"), choices=LANGUAGE_CHOICES, default=["en", "fi"])
    deadline = DateField(_l("Deadline"), validators=[InputRequired()])
    retention_months = IntegerField(
        _l("Keep candidates' data for (months after the campaign ends)"),
        default=MAX_RETENTION_MONTHS,
        validators=[InputRequired(), NumberRange(1, MAX_RETENTION_MONTHS)],
    )
    feedback_enabled = BooleanField(_l("Offer candidates their own feedback report"), default=True)
    submit = SubmitField(_l("Create the campaign"))

    def validate_languages(self, field: MultiCheckboxField) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one language."))

    def validate_instruments(self, field: MultiCheckboxField) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one instrument."))

    def validate_deadline(self, field: DateField) -> None:
        if field.data and field.data < date.today():
            raise ValidationError(_l("The deadline cannot be in the past."))


class InviteForm(AssessForm):
    name = _text(_l("Name"), limit=200)
    email = EmailField(_l("E-mail address"), validators=[InputRequired(), Length(max=254)])
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    submit = SubmitField(_l("Invite"))

    def validate_email(self, field: EmailField) -> None:
        field.data = (field.data or "").strip()
        if not is_email(field.data):
            raise ValidationError(_l("This is not an e-mail address."))


class InviteCsvForm(AssessForm):
    file = FileField(
        _l("CSV file with the columns name, email, locale"), validators=[FileRequired()]
    )
    submit = SubmitField(_l("Invite everyone in the file"))


class ActionForm(AssessForm):
    """A button that changes something (resend an invitation): CSRF only."""

    submit = SubmitField(_l("Resend"))
