"""The admin's forms. Selects start with an empty choice so nothing is
picked for the admin by default."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, PasswordField, SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from assess.web.auth import password_problem
from assess.web.forms import AssessForm
from assess.web.recruiter.fields import is_email


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email(form, field):
    if field.data and not is_email(field.data):
        raise ValidationError(_l("Enter an e-mail address such as name@example.org."))


def _password(form, field):
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


ROLE_CHOICES = [
    SelectChoice("", ""),
    SelectChoice("recruiter", _l("Recruiter")),
    SelectChoice("panel", _l("Panel member")),
    SelectChoice("admin", _l("Admin")),
]
LOCALE_CHOICES = [SelectChoice("en", "English"), SelectChoice("fi", "suomi")]


class UserForm(AssessForm):
    name = StringField(_l("Name"), filters=[_strip], validators=[InputRequired(), Length(max=200)])
    email = EmailField(_l("E-mail address"), filters=[_strip], validators=[InputRequired(), _email])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[InputRequired()])
    locale = SelectField(_l("Language"), choices=LOCALE_CHOICES, validators=[InputRequired()])
    password = PasswordField(
        _l("Initial password"), validators=[InputRequired(), Length(max=1024), _password]
    )


class PasswordForm(AssessForm):
    password = PasswordField(
        _l("New password"), validators=[InputRequired(), Length(max=1024), _password]
    )


class OrganisationForm(AssessForm):
    name = StringField(_l("Name"), filters=[_strip], validators=[InputRequired(), Length(max=200)])
    privacy_contact = StringField(
        _l("Privacy contact"), filters=[_strip], validators=[Optional(), Length(max=200)]
    )


class DemographicsForm(AssessForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()])
