"""z, T, sten, percentiles and local norms."""

from __future__ import annotations

import doctest
import statistics

import numpy as np
import pytest
from scipy import stats

from assess.scoring import norms
from assess.scoring.norms import (
    build_norms,
    normal_percentiles,
    percentile_from_table,
    percentile_ranks,
    stens,
    t_scores,
    z_scores,
)


def test_docstring_examples():
    assert doctest.testmod(norms).failed == 0


def test_z_and_t_hand_calculation():
    """Hand calculation: (4.1 - 3.5) / 0.4 = 1.5 -> T 65; (2.9 - 3.5)/0.4 = -1.5 -> T 35."""
    z = z_scores([4.1, 2.9, np.nan], 3.5, 0.4)
    np.testing.assert_allclose(z[:2], [1.5, -1.5])
    np.testing.assert_allclose(t_scores(z[:2]), [65.0, 35.0])
    assert np.isnan(z[2]) and np.isnan(t_scores(z)[2])
    with pytest.raises(ValueError, match="sd"):
        z_scores([1.0], 0.0, 0.0)


@pytest.mark.parametrize(
    ("z", "sten"),
    [
        (-0.5, 5),  # floor(5) = 5; round(2z + 5.5) = round(4.5) would give 4
        (0.5, 7),  # floor(7) = 7; round(6.5) would give 6
        (-1.5, 3),  # floor(-3 + 6) = 3
        (1.5, 9),  # floor(3 + 6) = 9
        (0.0, 6),
        (-0.5001, 4),
        (0.4999, 6),
        (-2.0, 2),
        (-2.5, 1),
        (-9.0, 1),
        (2.0, 10),
        (9.0, 10),
    ],
)
def test_sten_band_edges(z, sten):
    """Hand calculation of floor(2z + 6) clipped to 1-10, including z = +-0.5, +-1.5."""
    assert stens(z) == sten


def test_sten_keeps_nan():
    assert np.isnan(stens([np.nan])[0])


def test_normal_percentiles_match_scipy():
    """scipy.stats.norm.cdf * 100."""
    z = np.array([-3.0, -1.5, -0.25, 0.0, 0.5, 1.96, 4.0])
    np.testing.assert_allclose(normal_percentiles(z), 100 * stats.norm.cdf(z), atol=1e-10)


def test_percentile_ranks_match_scipy_percentileofscore_mean():
    """scipy.stats.percentileofscore(kind="mean") is (below + 0.5 * equal) / N * 100."""
    rng = np.random.default_rng(5)
    sample = rng.integers(1, 21, 300) / 4  # many ties
    raw = np.array([0.0, 0.25, 1.0, 2.5, 2.6, 5.0, 5.5])
    want = [stats.percentileofscore(sample, r, kind="mean") for r in raw]
    np.testing.assert_allclose(percentile_ranks(raw, sample), want, atol=1e-10)
    np.testing.assert_allclose(
        percentile_ranks(raw, np.sort(sample), assume_sorted=True), want, atol=1e-10
    )


def test_percentile_ranks_ignore_nan_in_sample_and_keep_nan_raw():
    """Hand calculation: sample 1, 2, 3 (NaN dropped); 2 -> (1 + 0.5) / 3 = 50."""
    out = percentile_ranks([2.0, np.nan], [1.0, np.nan, 3.0, 2.0])
    assert out[0] == pytest.approx(50.0) and np.isnan(out[1])
    with pytest.raises(ValueError, match="empty"):
        percentile_ranks([1.0], [np.nan])


def test_percentile_from_table_interpolates_linearly():
    """Hand calculation in ((1, 5), (2, 20), (3, 60), (4, 95)): 2.5 -> 40;
    3.8 -> 60 + 0.8 * 35 = 88; beyond the ends the end values."""
    table = [(1, 5), (2, 20), (3, 60), (4, 95)]
    out = percentile_from_table([2.5, 3.8, 0.0, 5.0, np.nan], table)
    np.testing.assert_allclose(out[:4], [40.0, 88.0, 5.0, 95.0])
    assert np.isnan(out[4])


@pytest.mark.parametrize(
    "table",
    [[(1, 5)], [(2, 5), (1, 10)], [(1, 50), (2, 40)], [(1, -1), (2, 10)], [(1, 5), (np.nan, 9)]],
)
def test_percentile_table_is_validated(table):
    with pytest.raises(ValueError):
        percentile_from_table([1.5], table)


def test_build_norms_matches_statistics_module():
    """statistics.mean and statistics.stdev (n-1) per scale, NaN left out."""
    rng = np.random.default_rng(9)
    raw = rng.normal(3.5, 0.6, (150, 2))
    raw[:20, 1] = np.nan
    built = build_norms(raw)
    for s in range(2):
        column = [v for v in raw[:, s] if not np.isnan(v)]
        assert built.mean[s] == pytest.approx(statistics.mean(column), rel=1e-12)
        assert built.sd[s] == pytest.approx(statistics.stdev(column), rel=1e-12)
        assert built.n[s] == len(column)
        np.testing.assert_array_equal(built.sorted_scores[s], sorted(column))


def test_build_norms_refuses_small_groups():
    raw = np.full((150, 2), 3.0)
    raw[:60, 1] = np.nan
    with pytest.raises(
        ValueError, match="local norms need at least 100 completed candidates; have 90"
    ):
        build_norms(raw)
    assert build_norms(raw, min_n=90).n.tolist() == [150, 90]
    with pytest.raises(ValueError, match="min_n"):
        build_norms(raw, min_n=1)
