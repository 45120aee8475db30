"""Situational judgement scores: key distance and within-person standardised
(McDaniel et al., 2011; Weng et al., 2018)."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from scipy import stats

from assess.scoring import sjt
from assess.scoring.sjt import sjt_scores, sjt_standardised_scores

NAN = np.nan


def test_docstring_examples():
    assert doctest.testmod(sjt).failed == 0


def test_distance_scores_match_a_hand_calculation():
    """Hand calculation on the 1-5 rating scale (range 4), expert key
    (4, 2, 5 | 1, 3):

    row 0, scale 0: |5-4| = 1 -> 75; |2-2| = 0 -> 100; |1-5| = 4 -> 0; mean 58.333
            scale 1: |1-1| -> 100; |5-3| = 2 -> 50; mean 75
    row 1, scale 0: 3 of 3: |4-4|, |3-2|, |5-5| -> 100, 75, 100; mean 91.667
            scale 1: 1 of 2 rated (50% < 80%): NaN
    """
    expert = [4, 2, 5, 1, 3]
    ratings = [[5, 2, 1, 1, 5], [4, 3, 5, 2, NAN]]
    r = sjt_scores(ratings, expert, [0, 0, 0, 1, 1], 2)
    np.testing.assert_allclose(r.score, [[175 / 3, 75.0], [275 / 3, NAN]], rtol=1e-12)
    np.testing.assert_array_equal(r.n_answered, [[3, 2], [3, 1]])
    np.testing.assert_array_equal(r.n_items, [3, 2])


def test_fractional_expert_key_and_other_range():
    """Hand calculation on a 1-7 scale (range 6) with expert mean 4.5:
    rating 6 is 1.5 away -> 100 * (1 - 1.5/6) = 75."""
    r = sjt_scores([[6]], [4.5], [0], 1, low=1, high=7)
    assert r.score[0, 0] == pytest.approx(75.0)


def test_skipped_option_is_left_out_of_the_mean():
    """5 options, 4 rated (80%): mean of the 4 rated, hand calculation 100."""
    r = sjt_scores([[3, 3, 3, 3, NAN]], [3] * 5, [0] * 5, 1)
    assert r.score[0, 0] == 100.0 and r.n_answered[0, 0] == 4


@pytest.mark.parametrize(
    ("ratings", "expert", "message"),
    [
        ([[6, 1]], [3, 3], r"ratings must lie in \[1, 5\]"),
        ([[1, 1]], [3, 9], "expert key"),
        ([[1, 1]], [3], "one value per option"),
        ([1, 1], [3, 3], "2-D"),
    ],
)
def test_bad_input_raises(ratings, expert, message):
    with pytest.raises(ValueError, match=message):
        sjt_scores(ratings, expert, [0, 0], 1)


# Within-person standardised scoring (McDaniel et al., 2011).


def test_standardised_score_matches_a_hand_calculation():
    """Hand calculation, key (5, 3, 1), ratings (4, 4, 2):
    ratings: mean 10/3, deviations (2/3, 2/3, -4/3), population SD sqrt(8/9);
    key: mean 3, deviations (2, 0, -2), population SD sqrt(8/3);
    covariance (4/3 + 0 + 8/3) / 3 = 4/3; r = (4/3) / sqrt(8/9 * 8/3) = 0.8660254;
    score 100 r = 86.60254. The second row reverses the key: r = -1, held at 0.
    """
    r = sjt_standardised_scores([[4, 4, 2], [1, 3, 5]], [5, 3, 1], [0, 0, 0], 1)
    np.testing.assert_allclose(r.score[:, 0], [86.60254038, 0.0], atol=1e-7)


def test_standardised_option_scores_per_scenario_hand_calculation():
    """Same candidate, options (a, b) in scenario 0 and (c) in scenario 1, all
    standardised over the scale: z = (0.70711, 0.70711, -1.41421),
    w = (1.22474, 0, -1.22474); (z - w)**2 = (0.26795, 0.5, 0.03590); option
    scores 100 * (1 - (z - w)**2 / 2) = (86.6025, 75, 98.2051);
    scenario 0 = mean(86.6025, 75) = 80.8013."""
    r = sjt_standardised_scores(
        [[4, 4, 2]], [5, 3, 1], [0, 0, 1], 2, standardise_within=[0, 0, 0], min_answered=1e-9
    )
    np.testing.assert_allclose(r.score[0], [80.80127019, 98.20508076], atol=1e-7)


def test_standardised_score_is_pearson_r_in_per_cent():
    """Outside reference: scipy.stats.pearsonr; the scale score is 100 r, held
    at 0, for any candidate whose ratings vary, whatever their level and spread."""
    rng = np.random.default_rng(13)
    key = rng.integers(1, 6, 12).astype(float)
    ratings = rng.integers(1, 6, (40, 12)).astype(float)
    r = sjt_standardised_scores(ratings, key, [0] * 12, 1)
    expected = [max(0.0, 100 * stats.pearsonr(row, key).statistic) for row in ratings]
    np.testing.assert_allclose(r.score[:, 0], expected, rtol=1e-10, atol=1e-9)


def test_elevation_and_scatter_do_not_change_the_standardised_score():
    """A linear transform of the ratings (a * r + b, a > 0) keeps r, so the score."""
    key = [5, 4, 2, 1, 3]
    base = [5, 4, 1, 1, 2]
    timid = [3.5, 3.0, 1.5, 1.5, 2.0]  # half the spread, shifted
    r = sjt_standardised_scores([base, [x for x in timid]], key, [0] * 5, 1)
    assert r.score[0, 0] == pytest.approx(r.score[1, 0], abs=1e-9)


@pytest.mark.parametrize("value", [1, 3, 5])
def test_identical_ratings_score_zero(value):
    """No order to compare: 0 on the scale and on every scenario."""
    r = sjt_standardised_scores(
        [[value] * 4], [5, 4, 2, 1], [0, 0, 1, 1], 2, standardise_within=[0] * 4
    )
    np.testing.assert_array_equal(r.score, [[0.0, 0.0]])


def test_standardised_uses_only_rated_options_and_the_80_percent_rule():
    """5 options, 4 rated (80%): the key is standardised over the 4 rated ones,
    (5, 4, 2, 1) against ratings (5, 4, 2, 1): r = 1, score 100. With 3 of 5
    rated (60%) there is no score."""
    key = [5, 4, 2, 1, 3]
    r = sjt_standardised_scores([[5, 4, 2, 1, NAN], [5, 4, NAN, NAN, 3]], key, [0] * 5, 1)
    assert r.score[0, 0] == pytest.approx(100.0)
    assert np.isnan(r.score[1, 0]) and r.n_answered[1, 0] == 3


def test_standardised_rejects_a_key_that_does_not_vary():
    with pytest.raises(ValueError, match="does not vary"):
        sjt_standardised_scores([[1, 2]], [3, 3], [0, 0], 1)


def test_worked_example_of_the_docs():
    """docs/sjt-scoring.md, recomputed by hand there: scale 81.74, scenarios
    77.03 and 86.46; key distance 70.83; all 3s 66.67 (distance) and 0."""
    key = [5, 3, 1, 4, 2, 1]
    ratings = [[4, 4, 2, 5, 3, 3], [3] * 6]
    scale = sjt_standardised_scores(ratings, key, [0] * 6, 1)
    np.testing.assert_allclose(scale.score[:, 0], [81.74239, 0.0], atol=1e-5)
    scenarios = sjt_standardised_scores(
        ratings[:1], key, [0, 0, 0, 1, 1, 1], 2, standardise_within=[0] * 6
    )
    np.testing.assert_allclose(scenarios.score[0], [77.02738, 86.45740], atol=1e-5)
    distance = sjt_scores(ratings, key, [0] * 6, 1)
    np.testing.assert_allclose(distance.score[:, 0], [70.83333, 66.66667], atol=1e-5)
