"""Candidate forms. Questionnaire pages are generated from the instrument
definition: each item type is one small class in ``ITEM_TYPES`` that makes
the field for one answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import UnboundField
from wtforms.validators import AnyOf, InputRequired, ValidationError

from assess.web.candidate.paging import Page
from assess.web.forms import AssessForm
from questionnaires.model import Instrument, ResponseScale

MAX_ANSWER_CHARS = 8


def answer_value(raw: Any) -> int:
    """An answer as an int: surrounding spaces dropped, any script's decimal
    digits accepted (``"٣"`` and ``"３"`` are 3); anything else (``"3.0"``,
    ``"nan"``, ``"1_0"``, ``"+3"``) is refused with ``ValueError``."""
    if isinstance(raw, bool):
        raise ValueError("not an answer")
    if isinstance(raw, int):
        return raw
    text = str(raw).strip()
    if not text or len(text) > MAX_ANSWER_CHARS or not text.isdecimal():
        raise ValueError("not an answer")
    return int(text)


ANSWER_REQUIRED = InputRequired(message=_l("Please choose an answer."))
"""One validator for every answer field: it keeps no state between calls."""


def no_answer() -> None:
    """An answer field's default. WTForms tries ``default()`` for every field
    it processes and falls back on ``TypeError``: a plain ``None`` would
    raise and catch an exception per field, a function does not."""
    return None


class AnswerField(RadioField):
    """One answer on an integer scale, with messages a candidate understands."""

    def __init__(self, label: str, choices: list[SelectChoice], **kwargs: Any) -> None:
        super().__init__(
            label,
            choices=choices,
            coerce=answer_value,
            validators=[ANSWER_REQUIRED],
            default=no_answer,
            **kwargs,
        )
        self.values = frozenset(choice.value for choice in choices)

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            try:
                self.data = answer_value(valuelist[0])
            except ValueError:
                self.data = None
                raise ValueError(_l("Please choose one of the options shown.")) from None

    def pre_validate(self, form: Any) -> None:
        if self.data is not None and self.data not in self.values:
            raise ValidationError(_l("Please choose one of the options shown."))


class PreparedField(UnboundField):
    """An unbound field whose constructor runs once, not once per form.

    WTForms builds every field of a form anew for each form instance; for a
    page of answer fields that is about 15 us a field, a sixth of a page
    post. The first binding builds the field as usual and keeps it, unused,
    as a prototype; later bindings are shallow copies of it that get their
    own form and meta. A copy shares only what no request changes (label,
    choices, validators, flags, widget); the data, raw data and errors a
    form sets on it are its own.
    """

    def __init__(self, field_class: type[Field], *args: Any, **kwargs: Any) -> None:
        super().__init__(field_class, *args, **kwargs)
        self._prototypes: dict[tuple[str, str], Field] = {}

    def bind(
        self, form: Any, name: str, prefix: str = "", translations: Any = None, **kwargs: Any
    ) -> Field:
        if translations is not None or kwargs:
            return super().bind(form, name, prefix, translations, **kwargs)
        prototype = self._prototypes.get((name, prefix))
        if prototype is None:
            prototype = super().bind(form, name, prefix)
            prototype._form = prototype.meta = None  # holds no form alive
            self._prototypes[name, prefix] = prototype
        field = object.__new__(type(prototype))
        field.__dict__.update(prototype.__dict__)
        field._form, field.meta = form, form.meta
        return field


def _choices(scale: ResponseScale, locale: str) -> list[SelectChoice]:
    return [
        SelectChoice(point, f"{point} – {scale.labels[point][locale]}") for point in scale.points
    ]


@dataclass(frozen=True)
class Question:
    """What the page template shows for one field: its prompt and any context."""

    field_name: str
    answer_id: str
    prompt: str


class ItemType:
    """Makes the form field for one answer of one kind."""

    kind: ClassVar[str]

    def field(
        self, instrument: Instrument, answer_id: str, locale: str
    ) -> tuple[str, UnboundField]:
        raise NotImplementedError


class LikertItem(ItemType):
    """A statement answered on the instrument's response scale."""

    kind = "likert"

    def field(
        self, instrument: Instrument, answer_id: str, locale: str
    ) -> tuple[str, UnboundField]:
        item = next(item for item in instrument.all_likert_items if item.id == answer_id)
        prompt = item.text[locale]
        return prompt, PreparedField(
            AnswerField, prompt, _choices(instrument.response_scale, locale)
        )


class ScenarioOptionRating(ItemType):
    """One response option of a scenario, rated on the effectiveness scale."""

    kind = "scenario"

    def field(
        self, instrument: Instrument, answer_id: str, locale: str
    ) -> tuple[str, UnboundField]:
        scenario_id, option_id = answer_id.split(".", 1)
        scenario = next(s for s in instrument.scenarios if s.id == scenario_id)
        option = next(o for o in scenario.options if o.id == option_id)
        prompt = option.text[locale]
        scale = instrument.effectiveness_scale or instrument.response_scale
        return prompt, PreparedField(AnswerField, prompt, _choices(scale, locale))


ITEM_TYPES: dict[str, ItemType] = {cls.kind: cls() for cls in (LikertItem, ScenarioOptionRating)}


def field_name(answer_id: str) -> str:
    """The form field name of an answer id (``sj01.a`` -> ``a_sj01__a``)."""
    return "a_" + answer_id.replace(".", "__")


class CandidateForm(AssessForm):
    """A form of the candidate's path. ``CSRFProtect`` checks the token of
    every post before the view runs, and a refused token re-renders the page
    through the blueprint's CSRF handler; so the form does not check it a
    second time, and templates write the token with ``csrf_token()`` only
    when they render (a post that redirects never signs a new one)."""

    class Meta:
        csrf = False


class PageForm(CandidateForm):
    """A questionnaire page. ``questions`` lists the fields in display order;
    ``unexpected`` holds posted names that are not on this page."""

    class Meta:
        def get_translations(self, form: Any) -> None:
            # Every message a page shows is this module's own (translated by
            # Flask-Babel); skipping WTForms' catalogue saves loading it per request.
            return None

    questions: ClassVar[tuple[Question, ...]] = ()
    ALLOWED_EXTRA: ClassVar[frozenset[str]] = frozenset({"csrf_token", "action"})

    action = StringField(validators=[AnyOf(("next", "back"))], default="next")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unexpected: list[str] = []

    def check_fields(self, posted_names: set[str]) -> None:
        """Record names posted that this page does not ask (tampering or a stale tab)."""
        known = {question.field_name for question in self.questions} | self.ALLOWED_EXTRA
        self.unexpected = sorted(posted_names - known)

    def answer_fields(self) -> list[tuple[Question, AnswerField]]:
        return [(question, self[question.field_name]) for question in self.questions]

    def failed_fields(self) -> list[tuple[Question, AnswerField]]:
        return [(question, field) for question, field in self.answer_fields() if field.errors]

    def valid_answers(self) -> dict[str, int]:
        """Answer id -> value for every field that passed validation."""
        return {
            question.answer_id: field.data
            for question, field in self.answer_fields()
            if not field.errors and isinstance(field.data, int)
        }


_form_classes: dict[tuple, type[PageForm]] = {}


def page_form_class(page: Page, instrument: Instrument, locale: str) -> type[PageForm]:
    """``make_page_form``, made once per page layout and language: a form
    class holds no request data, and building one costs more than using it."""
    key = (instrument.id, instrument.version, id(instrument), page.kind, page.answer_ids, locale)
    form_class = _form_classes.get(key)
    if form_class is None:
        if len(_form_classes) >= 4096:
            _form_classes.clear()
        form_class = _form_classes[key] = make_page_form(page, instrument, locale)
    return form_class


def make_page_form(page: Page, instrument: Instrument, locale: str) -> type[PageForm]:
    """A ``PageForm`` subclass with one field per answer on ``page``."""
    item_type = ITEM_TYPES[page.kind]
    attributes: dict[str, Any] = {}
    questions = []
    for answer_id in page.answer_ids:
        name = field_name(answer_id)
        prompt, field = item_type.field(instrument, answer_id, locale)
        attributes[name] = field
        questions.append(Question(name, answer_id, prompt))
    attributes["questions"] = tuple(questions)
    return type(f"Page{page.number}Form", (PageForm,), attributes)


def page_form_data(page: Page, saved: Mapping[str, int]) -> dict[str, int]:
    """Saved answers of ``page`` as form data, to fill the page when resuming."""
    return {field_name(a): saved[a] for a in page.answer_ids if a in saved}


class ConsentForm(CandidateForm):
    agree = BooleanField(
        _l("I have read the notice above and I consent to taking this assessment.")
    )
    accept = SubmitField(_l("I consent, continue"))
    decline = SubmitField(_l("I do not consent"))

    def validate_agree(self, field: BooleanField) -> None:
        if self.accept.data and not field.data:
            raise ValidationError(
                _l("Tick the box to give your consent, or choose “I do not consent”.")
            )


class LanguageForm(CandidateForm):
    locale = StringField(validators=[InputRequired()])
    page = StringField()


class SubmitForm(CandidateForm):
    """The final submit: nothing but the CSRF token."""
