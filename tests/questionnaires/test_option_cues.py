"""Scenario options must not give the key away by their length.

Rating the longest option highest must not score: for the newest version of
every situational-judgement instrument, in every language, option length
may not predict the expert rating (docs/sjt-scoring.md).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import questionnaires
from questionnaires.cues import LengthCues, length_cues, spearman
from questionnaires.fields import LANGUAGES

JUDGEMENT_INSTRUMENTS = [i for i in questionnaires.available() if questionnaires.load(i).scenarios]


def test_some_shipped_instrument_has_scenarios() -> None:
    assert JUDGEMENT_INSTRUMENTS


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("ident", JUDGEMENT_INSTRUMENTS)
def test_option_length_does_not_predict_the_key(ident: str, language: str) -> None:
    cues = length_cues(questionnaires.load(ident), language)
    problems = cues.problems()
    assert not problems, f"{ident} ({language}): " + "; ".join(problems)


def test_spearman_matches_scipy_with_ties() -> None:
    """Outside reference: scipy.stats.spearmanr (average ranks for ties)."""
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 8, 60), rng.integers(1, 6, 60)
    assert spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)


def test_the_check_fails_an_instrument_whose_best_options_are_longest() -> None:
    """The check can fail: rho 0.75 and 12 of 12 best-is-longest, as the
    first service-judgement version had, give two readable problems."""
    problems = LengthCues(0.75, 12, 12).problems()
    assert len(problems) == 2
    assert "Spearman rho = +0.75" in problems[0] and "12 of 12" in problems[1]
    assert LengthCues(0.1, 4, 12).problems() == []
