"""Loading by id or path, caching, the error's form, and roles held as data."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest

import questionnaires
from questionnaires import loader
from tests.questionnaires.documents import FIXTURES, TINY_INSTRUMENT, TINY_ROLE, edit, line_of

TINY = questionnaires.instrument_from_text(TINY_INSTRUMENT, "tiny.yaml")


def test_the_valid_instrument_loads_into_the_model() -> None:
    assert TINY.id == "tiny"
    assert [scale.id for scale in TINY.scales] == ["warmth", "calm", "judgement"]
    assert [item.key for item in TINY.scale_items("warmth")] == [1, 1, -1]
    assert TINY.items[0].facet == "greeting"
    assert TINY.response_scale.points == (1, 2, 3, 4, 5)
    assert TINY.validity.impression_management.flag_at == 4.5
    assert TINY.validity.consistency_pairs[0].second == "w2"
    assert [item.id for item in TINY.all_likert_items][-2:] == ["im1", "ir1"]
    assert TINY.norms[1].percentiles == ((2.0, 10.0), (3.0, 50.0), (4.0, 90.0))
    assert TINY.min_answered == 0.8
    assert questionnaires.scale_metrics(TINY) == {
        "warmth": (1.0, 5.0),
        "calm": (1.0, 5.0),
        "judgement": (0.0, 100.0),
    }


def test_every_problem_is_collected_and_listed_one_per_line() -> None:
    text = edit(TINY_INSTRUMENT, "{id: w2, scale: warmth,", "{id: w2, scale: warmth, facet: x,")
    text = edit(text, "{id: ir1, expected: 2,", "{id: ir1, expected: 9,")
    text = edit(text, "n: 100,", "n: many,")
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.instrument_from_text(text, "t.yaml")
    error = caught.value
    assert isinstance(error, ValueError)
    assert [p.path for p in error.problems] == [
        "items[1].facet",
        "validity.instructed[0].expected",
        "norms[0].n",
    ]
    lines = str(error).splitlines()
    assert lines == [
        f"t.yaml:{line_of(text, 'I smile.')}: items[1].facet: 'x' is not a facet of scale 'warmth'",
        f"t.yaml:{line_of(text, 'Answer 2.')}: validity.instructed[0].expected: 9 is outside "
        "the response scale 1..5",
        f"t.yaml:{line_of(text, 'n: many')}: norms[0].n: expected a whole number, got text 'many'",
    ]


def test_an_empty_file_is_a_problem() -> None:
    with pytest.raises(questionnaires.InstrumentError, match="the file is empty"):
        questionnaires.instrument_from_text("# nothing yet\n", "empty.yaml")


def test_python_tags_are_refused() -> None:
    text = edit(TINY_INSTRUMENT, 'version: "1"', "version: !!python/name:os.system ''")
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.instrument_from_text(text, "t.yaml")
    assert caught.value.problems[0].path == "version"
    assert caught.value.problems[0].line == 2


def test_load_by_path_caches_until_the_file_changes(tmp_path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_INSTRUMENT, encoding="utf-8")
    first = questionnaires.load(path)
    assert questionnaires.load(str(path)) is first
    path.write_text(TINY_INSTRUMENT.replace('version: "1"', 'version: "2"'), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = questionnaires.load(path)
    assert second.version == "2"
    assert second.source == path


def test_unknown_id_and_missing_file_are_instrument_errors(tmp_path) -> None:
    with pytest.raises(questionnaires.InstrumentError, match="no shipped instrument 'nope'"):
        questionnaires.load("nope")
    with pytest.raises(questionnaires.InstrumentError, match="no shipped role profile 'nope'"):
        questionnaires.load_role("nope")
    with pytest.raises(questionnaires.InstrumentError, match="cannot read"):
        questionnaires.load(tmp_path / "absent.yaml")


def test_a_shipped_file_must_carry_its_own_name_as_id(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(loader, "INSTRUMENTS_DIR", tmp_path)
    (tmp_path / "other.yaml").write_text(TINY_INSTRUMENT, encoding="utf-8")
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.load("other")
    assert [(p.path, p.line) for p in caught.value.problems] == [("id", 1)]
    assert "must match the file name 'other'" in caught.value.problems[0].message


def test_load_role_finds_instruments_given_and_reports_file_lines() -> None:
    role = questionnaires.load_role(FIXTURES / "tiny-role.yaml", instruments={"tiny": TINY})
    assert role.instruments == ("tiny",)
    assert role.source == FIXTURES / "tiny-role.yaml"


def test_role_round_trips_through_json() -> None:
    """What the database stores (JSON) reads back to an equal role."""
    role = questionnaires.role_from_text(TINY_ROLE, "role.yaml", instruments={"tiny": TINY})
    stored = json.loads(json.dumps(questionnaires.role_to_mapping(role)))
    assert set(stored["competencies"][0]["anchors"]) == {"1", "2", "3", "4", "5"}
    again = questionnaires.role_from_mapping(stored, "role 7", instruments={"tiny": TINY})
    assert again == replace(role, source=None)


def test_role_from_mapping_reports_every_problem_without_lines() -> None:
    role = questionnaires.role_from_text(TINY_ROLE, "role.yaml", instruments={"tiny": TINY})
    stored = questionnaires.role_to_mapping(role)
    stored["requirements"][0]["weight"] = 0
    stored["fit_bands"][-1]["min"] = 5
    stored["competencies"][0]["anchors"].pop("3")
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.role_from_mapping(stored, "role 7", instruments={"tiny": TINY})
    assert str(caught.value).splitlines() == [
        "role 7: requirements[0].weight: weight must be above 0, got 0",
        "role 7: fit_bands: the lowest band must start at 0 so every composite has a band "
        "(lowest min is 5)",
        "role 7: competencies[0].anchors: no anchor for level 3 (levels are 1-5)",
    ]
    assert {p.line for p in caught.value.problems} == {None}


def test_role_from_mapping_rejects_what_is_not_a_mapping() -> None:
    with pytest.raises(questionnaires.InstrumentError, match="expected a mapping, got a list"):
        questionnaires.role_from_mapping([], "role 7")


def test_roles_and_instruments_are_told_apart_by_their_keys() -> None:
    assert loader.is_role(TINY_ROLE)
    assert not loader.is_role(TINY_INSTRUMENT)
    assert not loader.is_role("id: [unclosed\n")


def test_an_unreadable_scales_section_is_one_problem_not_one_per_reference() -> None:
    text = edit(
        TINY_INSTRUMENT, "scales:\n  - id: warmth", "scales: 7\nold_scales:\n  - id: warmth"
    )
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.instrument_from_text(text, "t.yaml")
    assert [p.path for p in caught.value.problems] == ["scales", "old_scales"]
