"""Test-wise answering cannot buy a recommendation (docs/sjt-scoring.md).

Every strategy of :mod:`assess.coaching_strategies` is scored by the
product's scoring on the shipped instruments and every shipped role. The
reference is the simulated norm sample (the people behind the SIMULATED
norms): no strategy may score above its median on any scale, none may reach
a fit band that recommends an interview in any draw, and straight-lining,
random and too-fast answering must withhold the band with a reason.
"""

from __future__ import annotations

import numpy as np
import pytest

import questionnaires
from assess.coaching_strategies import (
    INTERVIEW_BANDS,
    STRATEGIES,
    norm_sample_medians,
    run_strategy,
)
from assess.results.display import with_texts
from assess.scoring.validity_flags import withholds

SCORED = [s for s in STRATEGIES if s.scored]
WITHHELD = [s for s in STRATEGIES if s.withheld_expected]


@pytest.fixture(scope="module")
def instruments():
    return [questionnaires.load("service-composure"), questionnaires.load("service-judgement")]


@pytest.fixture(scope="module")
def medians(instruments):
    return norm_sample_medians(instruments)


@pytest.fixture(scope="module")
def results(instruments):
    role = questionnaires.load_role("airport-agent-night")
    return {s.name: run_strategy(s, instruments, role) for s in STRATEGIES}


@pytest.mark.parametrize("strategy", SCORED, ids=lambda s: s.name)
def test_no_strategy_beats_the_norm_median_on_any_scale(strategy, results, medians):
    result = results[strategy.name]
    for scale, median in medians.items():
        raw = result.raw(scale)
        assert np.nanmax(raw) <= median, (
            f"{strategy.name}: {scale} reaches {np.nanmax(raw):.2f} > median {median:.2f}"
        )


@pytest.mark.parametrize("role_id", questionnaires.available_roles())
@pytest.mark.parametrize("strategy", SCORED, ids=lambda s: s.name)
def test_no_strategy_reaches_an_interview_band(strategy, role_id, instruments):
    """Not even before a band is withheld, in any of the draws."""
    role = questionnaires.load_role(role_id)
    result = run_strategy(strategy, instruments, role)
    reached = set(result.underlying_bands(role)) | set(result.bands())
    assert not reached & INTERVIEW_BANDS, f"{strategy.name} reaches {reached} for {role_id}"


@pytest.mark.parametrize("strategy", WITHHELD, ids=lambda s: s.name)
def test_careless_patterns_withhold_the_band_with_a_reason(strategy, results, instruments):
    """The record names the withholding flags; what screens and reports show
    (with_texts) says "Not interpretable:" with the reason in both languages."""
    result = results[strategy.name]
    assert result.withheld() == strategy.draws
    role = questionnaires.load_role("airport-agent-night")
    for card in result.results:
        assert card["fit"]["band"] is None
        assert all(
            withholds(f) for f in card["validity"]["flags"] if f["index"] in card["fit"]["withheld"]
        )
        fit = with_texts(card, instruments, role)["fit"]
        assert fit["band"] is None
        assert fit["withheld"]["text"]["en"].startswith("Not interpretable: ")
        assert fit["withheld"]["text"]["fi"].startswith("Ei tulkittavissa: ")
        assert fit["withheld"]["label"] == {"en": "Not interpretable", "fi": "Ei tulkittavissa"}


def test_the_first_judgement_version_fails_these_rules():
    """The rules can fail: service-judgement 1.0 (key distance, the best option
    always the longest) lets length-only rating beat the median and reach
    "good fit", as reported when the problem was found."""
    old = [questionnaires.load("service-composure"), questionnaires.load("service-judgement@1.0")]
    role = questionnaires.load_role("airport-agent-night")
    medians = norm_sample_medians(old)
    strategy = next(s for s in STRATEGIES if s.name == "length only (en)")
    result = run_strategy(strategy, old, role)
    assert result.raw("judgement_service")[0] > medians["judgement_service"]
    assert result.underlying_bands(role) == ["good"]
