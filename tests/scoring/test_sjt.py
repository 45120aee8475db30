"""Situational judgement distance scores (McDaniel et al., 2011; Weng et al., 2018)."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from assess.scoring import sjt
from assess.scoring.sjt import sjt_scores

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
