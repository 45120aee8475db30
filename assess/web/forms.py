"""The base classes of every form in the app, so that every text field gets
the same treatment (:mod:`assess.text_input`) without each form having to
remember it: the value is normalised to NFC before any other filter and
validator (a length limit counts what a person sees), and a control
character stops validation with a clear message.

``TextAreaField`` is multi-line text (tab and newline allowed); every other
``StringField`` (``EmailField``, ``PasswordField``...) is one line. A
``HiddenField`` holds what the app wrote itself (a ``next`` path), which no
person could correct: its control characters are removed instead.

Forms inherit :class:`AssessForm` (a ``FlaskForm``, CSRF on) and the
sub-forms of a ``FormField`` inherit :class:`AssessSubForm`;
``tests/web/staff/test_text_input.py`` fails for a form that does not.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, HiddenField, StringField, TextAreaField
from wtforms.validators import StopValidation

from assess.text_input import control_character, normalise, without_controls

SINGLE_LINE_MESSAGE = _l(
    "Type this on one line, without tabs, line breaks or other control characters (found %(code)s)."
)
MULTI_LINE_MESSAGE = _l("This text holds a control character that is not allowed (found %(code)s).")


def _normalise_single_line(value: Any) -> Any:
    return normalise(value) if isinstance(value, str) else value


def _normalise_multi_line(value: Any) -> Any:
    return normalise(value, multiline=True) if isinstance(value, str) else value


def _normalise_hidden(value: Any) -> Any:
    return without_controls(value) if isinstance(value, str) else value


def _refuse_control_characters(form: Any, field: Field) -> None:
    if not isinstance(field.data, str):
        return
    multiline = isinstance(field, TextAreaField)
    bad = control_character(field.data, multiline=multiline)
    if bad is not None:
        message = MULTI_LINE_MESSAGE if multiline else SINGLE_LINE_MESSAGE
        raise StopValidation(str(message % {"code": f"U+{ord(bad):04X}"}))


def with_text_rules(field: Field) -> Field:
    """``field`` with the normaliser first among its filters and the
    control-character check first among its validators, when it holds text."""
    if isinstance(field, HiddenField):
        field.filters = (_normalise_hidden, *field.filters)
    elif isinstance(field, StringField):
        multiline = isinstance(field, TextAreaField)
        first = _normalise_multi_line if multiline else _normalise_single_line
        field.filters = (first, *field.filters)
        field.validators = [_refuse_control_characters, *field.validators]
    return field


class TextRulesMeta:
    """A ``Meta`` mixin: every field is bound through :func:`with_text_rules`."""

    def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Field:
        return with_text_rules(super().bind_field(form, unbound_field, options))  # type: ignore[misc]


class AssessForm(FlaskForm):
    """A form posted to the app (CSRF-protected by Flask-WTF)."""

    class Meta(TextRulesMeta):
        pass


class AssessSubForm(Form):
    """A form nested in another through ``FormField``."""

    class Meta(TextRulesMeta):
        pass
