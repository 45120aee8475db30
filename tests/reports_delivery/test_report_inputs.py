"""The adapter passes the engine's numbers on unchanged, in the report's
language, with the role's bars; the panel pack ranks by fit and letters the
groups the composite cannot tell apart (hand-computed below)."""

from __future__ import annotations

import numpy as np
import pytest

import questionnaires
from assess.commands.demo_data import simulated_answers
from assess.results.display import with_texts
from assess.results.pipeline import score_candidates
from assess.results.report_inputs import PanelEntry, candidate_report, feedback_report, panel_pack


@pytest.fixture(scope="module")
def shipped():
    instruments = [questionnaires.load(i) for i in ("service-composure", "service-judgement")]
    role = questionnaires.load_role("airport-agent-night")
    results = score_candidates(
        instruments, simulated_answers(5, np.random.default_rng(11)), role=role
    )
    return instruments, role, results


def _report(shipped, language="en", index=0):
    instruments, role, results = shipped
    return candidate_report(
        results[index],
        candidate="Aino Mäkinen",
        reference="#1",
        organisation="Nordic Air Services",
        role=role,
        campaign="Night shift",
        date="23.11.2026",
        instruments=instruments,
        language=language,
    )


def test_scale_numbers_are_the_engines_own(shipped):
    report = _report(shipped)
    stored = shipped[2][0]["scales"]
    assert [s.id for s in report.scales] == [
        "service_orientation",
        "composure",
        "judgement_service",
        "judgement_composure",
    ]
    for scale in report.scales:
        block = stored[scale.id]
        assert scale.raw == block["raw"] and scale.sem == block["sem"]
        assert scale.ci90 == tuple(block["ci90"]) and scale.ci95 == tuple(block["ci95"])
        assert (scale.t, scale.sten, scale.percentile) == (
            block["t"],
            block["sten"],
            block["percentile"],
        )
    bars = {s.id: (s.bar, s.weight) for s in report.scales}
    # airport-agent-night.yaml: bars 3.8, 4.0, 50, 60; weights .25, .35, .15, .25
    assert bars == {
        "service_orientation": (3.8, 0.25),
        "composure": (4.0, 0.35),
        "judgement_service": (50, 0.15),
        "judgement_composure": (60, 0.25),
    }
    assert report.fit.composite == shipped[2][0]["fit"]["composite"]
    # The report labels simulated norms itself; the source is not prefixed twice.
    assert report.norms.simulated
    assert report.norms.source == (
        "applicant population model (scripts/simulate_norms.py, seed 20261202), "
        "not a real norm group"
    )


def test_band_rank_counts_from_the_lowest_band(shipped):
    definitions = {s.id: s for i in shipped[0] for s in i.scales}
    for scale in _report(shipped).scales:
        definition = definitions[scale.id]
        ordered = [b.label["en"] for b in sorted(definition.bands, key=lambda b: b.min)]
        assert ordered.index(scale.band) + 1 == scale.band_rank
        assert scale.band_count == len(definition.bands)


def test_finnish_texts_come_from_the_definitions(shipped):
    instruments, role, results = shipped
    report = _report(shipped, "fi")
    assert report.role == role.title["fi"]
    assert report.scales[0].name == instruments[0].scales[0].name["fi"]
    shown = with_texts(results[0], instruments, role)
    assert report.fit.band == shown["fit"]["band"]["label"]["fi"]
    assert report.fit.reasons == tuple(r["text"]["fi"] for r in shown["fit"]["reasons"])
    feedback = feedback_report(
        results[0],
        candidate="Aino",
        organisation="Nordic",
        role=role,
        date="23.11.2026",
        instruments=instruments,
        language="fi",
    )
    assert all(not hasattr(s, "percentile") for s in feedback.scales)  # no comparison
    assert feedback.scales[0].name == instruments[0].scales[0].name["fi"]


def _fit(composite, sem=2.0):
    return {"fit": {"composite": composite, "sem": sem, "band": {"label": {"en": "x"}}}}


def test_panel_ranks_by_fit_and_letters_indistinguishable_groups():
    """By hand: 80 vs 79 differ by 1 < 1.959964 * sqrt(2² + 2²) = 5.54, so
    they share group A; 79 vs 50 differ by 29 > 5.54, so 50 is group B; a
    candidate without a composite ranks last with no group."""
    entries = [
        PanelEntry("#1", "Low", _fit(50.0)),
        PanelEntry("#2", "Top", _fit(80.0)),
        PanelEntry("#3", "None", {"fit": {"composite": None, "sem": None}}),
        PanelEntry("#4", "Next", _fit(79.0)),
    ]
    pack = panel_pack(
        entries,
        organisation="Org",
        role=None,
        campaign="C",
        date="d",
        instruments=[],
    )
    assert [(c.rank, c.name, c.group) for c in pack.candidates] == [
        (1, "Top", "A"),
        (2, "Next", "A"),
        (3, "Low", "B"),
        (4, "None", ""),
    ]
