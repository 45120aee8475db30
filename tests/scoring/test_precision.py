"""SEM, confidence intervals and distinguishability (AERA/APA/NCME 2014, ch. 2)."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from scipy import stats

from assess.scoring import precision
from assess.scoring.precision import (
    confidence_interval,
    distinguishable,
    indistinguishable_groups,
    se_difference,
    sem,
    z_for_level,
)


def test_docstring_examples():
    assert doctest.testmod(precision).failed == 0


def test_sem_hand_calculation():
    """Hand calculation: 0.5 * sqrt(1 - 0.91) = 0.5 * 0.3 = 0.15; 10 * sqrt(0.36) = 6."""
    assert sem(0.5, 0.91) == pytest.approx(0.15)
    np.testing.assert_allclose(sem([10, 10, 10], [0.64, 0.0, 1.0]), [6.0, 10.0, 0.0])


@pytest.mark.parametrize(("sd", "rel"), [(-1, 0.8), (1, -0.1), (1, 1.1), (np.nan, 0.8)])
def test_sem_rejects_out_of_range_input(sd, rel):
    with pytest.raises(ValueError):
        sem(sd, rel)


def test_pinned_z_values_and_exact_others():
    """The pinned constants for 95% and 90%; scipy.stats.norm.ppf for others."""
    assert z_for_level(0.95) == 1.959964
    assert z_for_level(0.90) == 1.644854
    for level in (0.8, 0.99, 0.999):
        assert z_for_level(level) == pytest.approx(stats.norm.ppf(0.5 + level / 2), abs=1e-9)
    with pytest.raises(ValueError):
        z_for_level(1.0)


def test_confidence_interval_hand_calculation():
    """Hand calculation: 3.2 -/+ 1.959964 * 0.3 = 3.2 -/+ 0.5879892;
    90%: 3.2 -/+ 1.644854 * 0.3 = 3.2 -/+ 0.4934562."""
    low, high = confidence_interval(np.array([3.2, np.nan]), 0.3)
    np.testing.assert_allclose(low[0], 2.6120108)
    np.testing.assert_allclose(high[0], 3.7879892)
    assert np.isnan(low[1]) and np.isnan(high[1])
    low, high = confidence_interval(3.2, 0.3, level=0.90)
    assert (low, high) == pytest.approx((2.7065438, 3.6934562))


def test_interval_broadcasts_one_sem_per_scale():
    scores = np.array([[3.0, 60.0], [4.0, 70.0]])
    low, high = confidence_interval(scores, np.array([0.25, 5.0]))
    np.testing.assert_allclose(high - low, [[0.979982, 19.59964]] * 2)


def test_se_difference_hand_calculation():
    """Hand calculation: sqrt(0.3^2 + 0.4^2) = 0.5; sqrt(5^2 + 12^2) = 13."""
    assert se_difference(0.3, 0.4) == pytest.approx(0.5)
    np.testing.assert_allclose(se_difference([5.0], [12.0]), [13.0])
    with pytest.raises(ValueError):
        se_difference(-0.1, 0.2)


def test_distinguishable_at_the_threshold():
    """Hand calculation: SE_diff = 0.5, threshold 0.979982. A gap of 0.98 is
    distinguishable, a gap of 0.97 is not; NaN pairs are not."""
    d = distinguishable([3.0, 3.98, 3.97, np.nan], [0.3, 0.4, 0.4, 0.3])
    assert d[0, 1] and d[1, 0]
    assert not d[0, 2]
    assert not d[:, 3].any() and not d.diagonal().any()


def test_distinguishable_with_a_common_sem_and_other_level():
    """90%: threshold 1.644854 * sqrt(2) * 0.3 = 0.697859."""
    d = distinguishable([2.0, 2.69, 2.70], 0.3, level=0.90)
    assert not d[0, 1] and d[0, 2]


def test_indistinguishable_groups_compare_with_the_top_of_the_band():
    """Rule from the docstring, by hand with SEM 0.25 (threshold 0.692965):
    sorted 4.5 (3), 4.0 (0), 3.85 (4), 3.7 (1), 3.0 (2).
    4.0 and 3.85 are within 0.69 of 4.5; 3.7 is 0.8 below: new band topped by 3.7;
    3.0 is 0.7 below 3.7: new band."""
    groups = indistinguishable_groups([4.0, 3.7, 3.0, 4.5, 3.85], 0.25)
    assert groups == [[3, 0, 4], [1], [2]]


def test_indistinguishable_groups_tie_keeps_input_order():
    assert indistinguishable_groups([2.0, 3.0, 3.0], [0.01, 0.01, 0.01]) == [[1, 2], [0]]


@pytest.mark.parametrize(
    ("scores", "sems", "message"),
    [
        ([1.0, np.nan], 0.2, "NaN"),
        ([1.0, 2.0], [0.1, 0.2, 0.3], "match"),
        ([[1.0, 2.0]], 0.2, "1-D"),
        ([1.0, 2.0], [0.1, np.nan], "NaN"),
    ],
)
def test_groups_reject_bad_input(scores, sems, message):
    with pytest.raises(ValueError, match=message):
        indistinguishable_groups(scores, sems)
