"""The result record: every stored format reads through one upgrade
function into the current one, which the JSON Schema accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest

import questionnaires
from assess.commands.demo_data import simulated_answers
from assess.results.display import with_texts
from assess.results.pipeline import score_candidates
from assess.results.record import RECORD_VERSION, schema, upgrade

FIXTURE = Path(__file__).parent / "fixtures" / "record_v1.json"


@pytest.fixture(scope="module")
def v1():
    """A record as the scorecard stored it before records were versioned
    (written by that code for the shipped instruments and the night-shift
    role, with page times)."""
    return json.loads(FIXTURE.read_text("utf-8"))


def test_a_version_1_record_upgrades_to_a_valid_current_record(v1):
    record = upgrade(v1)
    jsonschema.validate(record, schema())
    assert record["record_version"] == RECORD_VERSION == 2
    assert "record_version" not in v1  # the stored dict is not changed


def test_upgrading_keeps_every_number(v1):
    record = upgrade(v1)
    for scale_id, old in v1["scales"].items():
        new = record["scales"][scale_id]
        for key in ("raw", "sem", "ci90", "ci95", "z", "t", "sten", "percentile"):
            assert new[key] == old[key]
        assert new["band"] == old["band"]["id"]
        assert new["norm"]["source"] == old["norm"]["source"]
        # The v1 SEM came from the norm: its SD and reliability are the norm's.
        assert new["norm"]["sd"] == old["sem_basis"]["sd"]
        assert (new["low"], new["high"]) == ((1.0, 5.0) if "mean" in old["metric"] else (0, 100))
        for facet_id, facet in old["facets"].items():
            assert record["scales"][scale_id]["facets"][facet_id]["raw"] == facet["raw"]
    assert record["fit"]["composite"] == v1["fit"]["composite"]
    assert record["fit"]["band"] == v1["fit"]["band"]["id"]
    assert record["validity"]["indices"] == v1["validity"]["indices"]
    assert record["validity"]["page_times"] is None  # version 1 did not keep them


def test_bar_verdicts_of_a_version_1_record_follow_met_and_straddles(v1):
    for old, new in zip(v1["fit"]["bars"], upgrade(v1)["fit"]["bars"], strict=True):
        expected = "cannot_tell" if old["straddles"] else ("met" if old["met"] else "not_met")
        assert new["verdict"] == expected


def test_a_version_1_record_shows_the_same_texts(v1):
    """The texts written when shown equal those version 1 stored."""
    instruments = [questionnaires.load(i, v) for i, v in v1["versions"]["instruments"].items()]
    role = questionnaires.load_role("airport-agent-night")
    shown = with_texts(v1, instruments, role)
    assert shown["fit"]["band"] == v1["fit"]["band"]
    for old, new in zip(v1["fit"]["reasons"], shown["fit"]["reasons"], strict=True):
        assert new["text"] == old["text"]
    assert shown["scales"]["composure"]["band"] == v1["scales"]["composure"]["band"]
    assert [f["reason"] for f in shown["validity"]["flags"]] == [
        f["reason"] for f in v1["validity"]["flags"]
    ]


def test_current_records_pass_unchanged_and_validate():
    instruments = [questionnaires.load(i) for i in ("service-composure", "service-judgement")]
    role = questionnaires.load_role("airport-agent-night")
    records = score_candidates(
        instruments, simulated_answers(40, np.random.default_rng(2)), role=role
    )
    validator = jsonschema.Draft202012Validator(schema())
    for record in records:
        stored = json.loads(json.dumps(record, allow_nan=False))
        validator.validate(stored)
        assert upgrade(stored) is stored


def test_a_newer_record_is_refused():
    with pytest.raises(ValueError, match="newer"):
        upgrade({"record_version": RECORD_VERSION + 1})
