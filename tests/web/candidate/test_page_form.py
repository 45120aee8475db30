"""Page forms: fields copied from a prepared prototype behave as fields
WTForms builds anew, and no form sees another form's data."""

from __future__ import annotations

import pytest
from flask import request
from wtforms.fields.core import UnboundField

import questionnaires
from assess.web.candidate.forms import AnswerField, PreparedField, field_name, page_form_class
from assess.web.candidate.paging import build_pages

PER_REQUEST = {"_form", "meta", "data", "raw_data", "object_data", "process_errors", "errors"}


@pytest.fixture
def page_and_form(app):
    instrument = questionnaires.load("service-composure")
    page = build_pages((instrument,), seed=7)[0]
    return page, page_form_class(page, instrument, "en")


def _same(a, b) -> bool:
    """Equal, or (for WTForms' Flags and Label, which do not compare) of one
    type with equal attributes."""
    return a == b or (type(a) is type(b) and hasattr(a, "__dict__") and vars(a) == vars(b))


def _post(app, form_class, data):
    with app.test_request_context("/c/page/1", method="POST", data=data):
        form = form_class()
        form.validate()
        return form, {name: list(form[name].errors) for name in form._fields}


def test_forms_of_one_class_keep_their_own_answers_and_errors(app, page_and_form):
    page, form_class = page_and_form
    names = [field_name(answer_id) for answer_id in page.answer_ids]
    first, first_errors = _post(app, form_class, {name: "2" for name in names})
    second, second_errors = _post(app, form_class, {names[0]: "9"})

    assert first.valid_answers() == dict.fromkeys(page.answer_ids, 2)
    assert second.valid_answers() == {}
    assert not any(first_errors.values())
    assert second_errors[names[0]] == ["Please choose one of the options shown."]
    assert second_errors[names[1]] == ["Please choose an answer."]
    for name in names:
        assert first[name] is not second[name]
        assert first[name]._form is first and second[name]._form is second
        assert first[name].errors is not second[name].errors


def test_a_prepared_field_has_what_a_newly_built_field_has(app, page_and_form):
    page, form_class = page_and_form
    name = field_name(page.answer_ids[0])
    prepared = form_class.__dict__[name]
    assert isinstance(prepared, PreparedField)
    _post(app, form_class, {})  # the first binding makes the prototype
    with app.test_request_context("/c/page/1", method="POST", data={name: "4"}):
        form = form_class()
        built = UnboundField(AnswerField, *prepared.args, **prepared.kwargs).bind(form, name)
        built.process(request.form)
        form.validate()
        built.validate(form)

    copied = vars(form[name])
    assert copied.keys() == vars(built).keys()
    for attribute, value in vars(built).items():
        if attribute not in PER_REQUEST:
            assert _same(copied[attribute], value), attribute
    assert form[name].data == built.data == 4
    assert form[name].errors == built.errors == []
