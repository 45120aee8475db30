"""The simulated applicant population behind the SIMULATED norms."""

from __future__ import annotations

import numpy as np
import pytest

import questionnaires
from assess.results.pipeline import score_candidates
from assess.simulated_population import simulate_answers


@pytest.fixture(scope="module")
def instruments():
    return [questionnaires.load("service-composure"), questionnaires.load("service-judgement")]


def test_same_seed_same_people(instruments):
    one = simulate_answers(instruments, 50, np.random.default_rng(4))
    two = simulate_answers(instruments, 50, np.random.default_rng(4))
    assert one.keys() == two.keys()
    assert all(np.array_equal(one[k], two[k]) for k in one)


def test_shipped_norms_match_the_population(instruments):
    """The shipped SIMULATED norms are what scripts/simulate_norms.py derives
    (seed 20261202, n 5000): re-run it when items or options change. Judgement
    scales land near sten 5-6 for the population, and a typical candidate's
    95% interval stays below the ceiling."""
    answers = simulate_answers(instruments, 5000, np.random.default_rng(20261202))
    results = score_candidates(instruments, answers)
    for instrument in instruments:
        for norm in instrument.norms:
            assert norm.simulated and "SIMULATED" in norm.source
            raw = np.array([r["scales"][norm.scale]["raw"] for r in results])
            assert raw.mean() == pytest.approx(norm.mean, abs=0.06)
            assert raw.std(ddof=1) == pytest.approx(norm.sd, abs=0.06)
            stens = np.array([r["scales"][norm.scale]["sten"] for r in results])
            assert 5.0 <= np.median(stens) <= 6.0
            typical = [r["scales"][norm.scale]["ci95"][1] for r in results]
            assert np.median(typical) < 100.0


def test_bad_arguments(instruments):
    with pytest.raises(ValueError, match="positive integer"):
        simulate_answers(instruments, 0, np.random.default_rng(1))
    with pytest.raises(ValueError, match="Generator"):
        simulate_answers(instruments, 3, 1)
