"""Distributions against scipy.stats over grids (outside reference: scipy 1.11+)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from assess.scoring.distributions import (
    chi2_sf,
    f_cdf,
    f_ppf,
    f_sf,
    fisher_exact_two_sided,
    normal_cdf,
    normal_ppf,
    t_sf,
)

DFS = np.array([0.3, 1.0, 2.0, 2.5, 4.7, 17.3, 30.0, 60.0, 250.0, 1500.0])


def test_normal_cdf_matches_scipy():
    """Phi(z) equals scipy.stats.norm.cdf to 1e-15 absolute, tails to 1e-12 relative."""
    z = np.linspace(-37.0, 37.0, 40001)
    assert np.max(np.abs(normal_cdf(z) - stats.norm.cdf(z))) < 1e-15
    lower = z[z < 0]
    assert np.max(np.abs(normal_cdf(lower) / stats.norm.cdf(lower) - 1)) < 1e-12


def test_normal_cdf_keeps_nan_and_infinities():
    """NaN stays missing; Phi(-inf) = 0 and Phi(inf) = 1 by definition."""
    out = normal_cdf(np.array([np.nan, -np.inf, np.inf, 0.0]))
    assert np.isnan(out[0])
    np.testing.assert_array_equal(out[1:], [0.0, 1.0, 0.5])
    assert isinstance(normal_cdf(0.3), float)


def test_normal_ppf_matches_scipy():
    """Phi^-1(p) equals scipy.stats.norm.ppf to 1e-9 relative, deep tails included."""
    p = np.concatenate(
        [np.logspace(-300, -1, 2000), np.linspace(0.01, 0.99, 2001), 1 - np.logspace(-15, -1, 500)]
    )
    expected = stats.norm.ppf(p)
    assert np.max(np.abs(normal_ppf(p) - expected) / np.maximum(1, np.abs(expected))) < 1e-9
    np.testing.assert_array_equal(normal_ppf(np.array([0.0, 1.0, 0.5])), [-np.inf, np.inf, 0.0])


def test_normal_ppf_rejects_probabilities_outside_unit_interval():
    """Bad input is a ValueError, never an assert."""
    with pytest.raises(ValueError, match="probabilities"):
        normal_ppf(np.array([0.2, 1.5]))


def test_chi2_sf_matches_scipy():
    """Q(df/2, x/2) equals scipy.stats.chi2.sf to 1e-9 over x and non-integer df."""
    x = np.concatenate([[0.0], np.logspace(-4, 3.5, 600)])[:, None]
    got = chi2_sf(x, DFS[None, :])
    np.testing.assert_allclose(got, stats.chi2.sf(x, DFS[None, :]), rtol=0, atol=1e-9)
    # relative accuracy in the far tail too (Mahalanobis p-values are tiny)
    tail = chi2_sf(400.0, 60)
    assert abs(tail / stats.chi2.sf(400.0, 60) - 1) < 1e-9


def test_chi2_sf_edges():
    """By definition: P(X > 0) = 1, P(X > -1) = 1, P(X > inf) = 0; NaN stays NaN."""
    out = chi2_sf(np.array([np.nan, 0.0, -1.0, np.inf]), 3)
    assert np.isnan(out[0])
    np.testing.assert_array_equal(out[1:], [1.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="degrees of freedom"):
        chi2_sf(1.0, 0)


def test_f_sf_and_cdf_match_scipy():
    """F sf and cdf equal scipy.stats.f to 1e-9 over x, d1, d2 (non-integer df)."""
    x = np.concatenate([[0.0], np.logspace(-4, 3, 200)])[:, None, None]
    d1 = DFS[None, :, None]
    d2 = DFS[None, None, :]
    np.testing.assert_allclose(f_sf(x, d1, d2), stats.f.sf(x, d1, d2), rtol=0, atol=1e-9)
    np.testing.assert_allclose(f_cdf(x, d1, d2), stats.f.cdf(x, d1, d2), rtol=0, atol=1e-9)
    # small p-values keep their relative accuracy
    assert abs(f_sf(40.0, 5, 18) / stats.f.sf(40.0, 5, 18) - 1) < 1e-9


def test_f_sf_of_infinite_ratio_is_zero():
    """An ICC with zero error variance gives F = inf and p = 0."""
    assert f_sf(np.inf, 5, 15) == 0.0
    assert f_cdf(np.inf, 5, 15) == 1.0


def test_f_ppf_matches_scipy():
    """F quantiles equal scipy.stats.f.ppf to 1e-9 relative, Satterthwaite-like df included."""
    q = np.array([0.001, 0.025, 0.05, 0.5, 0.95, 0.975, 0.999])[:, None, None]
    d1 = DFS[None, :, None]
    d2 = DFS[None, None, :]
    np.testing.assert_allclose(f_ppf(q, d1, d2), stats.f.ppf(q, d1, d2), rtol=1e-9)
    np.testing.assert_array_equal(f_ppf(np.array([0.0, 1.0]), 3, 7), [0.0, np.inf])
    with pytest.raises(ValueError, match="probabilities"):
        f_ppf(-0.1, 2, 3)


def test_t_sf_matches_scipy():
    """Student t sf equals scipy.stats.t.sf to 1e-9."""
    t = np.linspace(-40, 40, 801)[:, None]
    np.testing.assert_allclose(t_sf(t, DFS[None, :]), stats.t.sf(t, DFS[None, :]), atol=1e-9)


@pytest.mark.parametrize(
    "table",
    [
        (8, 2, 1, 5),
        (3, 1, 1, 3),
        (0, 10, 10, 0),
        (12, 38, 30, 20),
        (1, 99, 5, 95),
        (50, 50, 50, 50),
        (0, 0, 4, 6),
        (7, 0, 0, 0),
        (120, 380, 95, 405),
        (2, 3, 4, 5),
    ],
)
def test_fisher_exact_matches_scipy(table):
    """Two-sided Fisher p equals scipy.stats.fisher_exact (same 1e-7 tie tolerance)."""
    a, b, c, d = table
    expected = stats.fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue
    assert fisher_exact_two_sided(a, b, c, d) == pytest.approx(expected, rel=1e-10, abs=1e-15)


def test_fisher_exact_hand_calculation():
    """Table [[3, 1], [1, 3]]: hypergeometric probs 1/70, 16/70, 36/70, 16/70, 1/70;
    P(observed) = 16/70, so p = (1 + 16 + 16 + 1) / 70 = 34/70 (hand calculation)."""
    assert fisher_exact_two_sided(3, 1, 1, 3) == pytest.approx(34 / 70, rel=1e-12)


def test_fisher_exact_broadcasts_and_validates():
    """Broadcast over tables; [[3, 1], [1, 3]] is 34/70 by hand (see above)."""
    got = fisher_exact_two_sided(np.array([3, 8]), np.array([1, 2]), 1, np.array([3, 5]))
    assert got.shape == (2,)
    assert got[0] == pytest.approx(34 / 70)
    with pytest.raises(ValueError, match="whole numbers"):
        fisher_exact_two_sided(1.5, 2, 3, 4)
    with pytest.raises(ValueError, match="whole numbers"):
        fisher_exact_two_sided(-1, 2, 3, 4)


def test_chi2_sf_whole_df_closed_form_matches_scipy():
    """The closed form for whole df (1..400) equals scipy.stats.chi2.sf to 1e-12
    absolute, and to 1e-9 relative in the upper tail up to x = 1390."""
    x = np.concatenate([[0.0], np.logspace(-4, 3.1, 300)])[:, None]
    df = np.arange(1, 401)[None, :]
    np.testing.assert_allclose(chi2_sf(x, df), stats.chi2.sf(x, df), rtol=0, atol=1e-12)
    far = np.linspace(100, 1390, 60)[:, None]
    dfs = np.array([1, 2, 3, 7, 60, 61, 399, 400])[None, :]
    np.testing.assert_allclose(chi2_sf(far, dfs), stats.chi2.sf(far, dfs), rtol=1e-9)


def test_missing_values_propagate():
    """NaN in gives NaN out, without warnings."""
    assert np.isnan(normal_ppf(np.array([np.nan, 0.3]))[0])
    assert np.isnan(f_ppf(np.nan, 2, 3)) and np.isnan(f_sf(np.nan, 2, 3))
    assert np.isnan(t_sf(np.nan, 3)) and np.isnan(chi2_sf(np.nan, 4))
    assert np.isnan(chi2_sf(np.array([np.nan, 1.0]), np.array([4, 2.5]))[0])


def test_f_ppf_large_and_mixed_df_quickly():
    """Feldt CIs use df near (n - 1, (n - 1)(k - 1)) for n up to a million:
    scipy.stats.f.ppf agrees to 1e-9 relative, and a mixed grid of tiny and
    huge df stays fast because converged elements leave the iteration."""
    import time

    dfs = np.array([0.3, 2.5, 60.0, 1e5])
    q = np.array([1e-12, 0.025, 0.5, 0.975, 1 - 1e-10])[:, None, None]
    start = time.process_time()
    got = f_ppf(q, dfs[None, :, None], dfs[None, None, :])
    assert time.process_time() - start < 20  # was minutes when every element waited for the slowest
    expected = stats.f.ppf(q, dfs[None, :, None], dfs[None, None, :])
    np.testing.assert_allclose(got, expected, rtol=1e-9)
    assert f_ppf(0.975, 999_999, 8_999_991) == pytest.approx(
        stats.f.ppf(0.975, 999_999, 8_999_991), rel=1e-9
    )


GRID_DFS = np.array([1, 2, 5, 10, 30, 100, 1e3, 1e4, 1e5, 1e6])
GRID_Q = np.array([1e-6, 0.025, 0.5, 0.975, 1 - 1e-6])


def test_f_ppf_matches_scipy_on_the_large_df_grid():
    """Outside reference: scipy.stats.f.ppf (Boost's inverse incomplete beta).
    Every df1 x df2 in {1, 2, 5, ..., 1e5, 1e6} and q from 1e-6 to 1 - 1e-6
    agree to 1e-9 relative (about 6e-12 at worst). The corners with one df
    of 1e6 and the other small were off by 1.7e-9 while the beta prefactor
    subtracted lgamma values near 1e7."""
    q, d1, d2 = GRID_Q[:, None, None], GRID_DFS[None, :, None], GRID_DFS[None, None, :]
    np.testing.assert_allclose(f_ppf(q, d1, d2), stats.f.ppf(q, d1, d2), rtol=1e-9)
    # One value at a time (the path a confidence interval takes) gives the same.
    assert f_ppf(0.025, 1e6, 1) == f_ppf(q, d1, d2)[1, 9, 0]


def test_f_cdf_and_sf_match_scipy_at_large_df():
    """Outside reference: scipy.stats.f.cdf and .sf. At the grid's quantiles,
    where Temme's expansion (both df large, near the mean) or the continued
    fraction with the Stirling prefactor (one df large) is used, both tails
    agree to 1e-10 relative."""
    d1, d2 = GRID_DFS[None, :, None], GRID_DFS[None, None, :]
    x = stats.f.ppf(GRID_Q[:, None, None], d1, d2)
    np.testing.assert_allclose(f_cdf(x, d1, d2), stats.f.cdf(x, d1, d2), rtol=1e-10)
    np.testing.assert_allclose(f_sf(x, d1, d2), stats.f.sf(x, d1, d2), rtol=1e-10)
