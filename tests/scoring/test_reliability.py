"""Alpha, Feldt interval, omega total, item-total and alpha-if-deleted.

Outside references: hand calculations, scipy.stats.f (Feldt), pingouin
(alpha), pandas (pairwise covariance), numpy.corrcoef, and population
correlation matrices with exactly known one-factor loadings (omega).
"""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats

from assess.scoring import onefactor, reliability
from assess.scoring.reliability import (
    alpha_ci,
    alpha_if_deleted,
    corrected_item_total,
    cronbach_alpha,
    omega_from_correlation,
    omega_total,
    one_factor_loadings,
    scale_reliability,
)
from assess.scoring.simulate import simulate_candidates

NAN = np.nan
HAND = np.array([[1, 2, 2], [2, 3, 4], [3, 4, 5], [2, 3, 5]], dtype=float)


def test_docstring_examples():
    assert doctest.testmod(reliability).failed == 0
    assert doctest.testmod(onefactor).failed == 0


def test_alpha_hand_calculation():
    """Hand calculation for HAND (4 candidates x 3 items):

    item 1: 1, 2, 3, 2; mean 2; squared deviations 1+0+1+0 = 2; var 2/3
    item 2: item 1 + 1, var 2/3
    item 3: 2, 4, 5, 5; mean 4; 4+0+1+1 = 6; var 2
    totals: 5, 9, 12, 10; mean 9; 16+0+9+1 = 26; var 26/3
    alpha = 3/2 * (1 - (2/3 + 2/3 + 2) / (26/3)) = 3/2 * 16/26 = 12/13
    """
    alpha, n = cronbach_alpha(HAND)
    assert alpha == pytest.approx(12 / 13, abs=1e-12)
    assert n == 4


def test_item_total_and_alpha_if_deleted_hand_calculation():
    """Hand calculation for HAND, covariances c12 = 2/3, c13 = c23 = 1:

    citc item 1: cov(x1, x2 + x3) = 2/3 + 1 = 5/3, var(x2 + x3) = 2/3 + 2 + 2 = 14/3,
      r = (5/3) / sqrt(2/3 * 14/3) = 5 / sqrt(28); item 2 the same
    citc item 3: cov(x3, x1 + x2) = 2, var(x1 + x2) = 8/3, r = 2 / sqrt(16/3) = sqrt(3)/2
    alpha without item 1: 2 * (1 - (2/3 + 2) / (14/3)) = 6/7; without item 3:
      2 * (1 - (4/3) / (8/3)) = 1
    """
    np.testing.assert_allclose(
        corrected_item_total(HAND), [5 / np.sqrt(28), 5 / np.sqrt(28), np.sqrt(3) / 2]
    )
    np.testing.assert_allclose(alpha_if_deleted(HAND), [6 / 7, 6 / 7, 1.0])


def _simulated(n=500, k=8, missing=0.0, seed=3):
    x, _, _ = simulate_candidates(n, k, rng=np.random.default_rng(seed), missing_rate=missing)
    return x


def test_alpha_matches_pingouin_listwise_and_pairwise():
    """pingouin.cronbach_alpha (nan_policy listwise and pairwise) to 1e-10."""
    x = _simulated(missing=0.05)
    df = pd.DataFrame(x)
    for policy in ("listwise", "pairwise"):
        want, _ = pg.cronbach_alpha(data=df, nan_policy=policy)
        got, _ = cronbach_alpha(x, nan_policy=policy)
        assert got == pytest.approx(want, abs=1e-10)


def test_feldt_interval_matches_pingouin_without_missing_data():
    """pingouin's Feldt interval (rounded to 3 decimals) on complete data,
    where its n and ours coincide."""
    x = _simulated()
    _, want = pg.cronbach_alpha(data=pd.DataFrame(x))
    r = scale_reliability(x)
    np.testing.assert_allclose(np.round(r.alpha_ci95, 3), want, atol=1e-12)


def test_feldt_interval_matches_scipy_f_ppf():
    """scipy.stats.f.ppf with df (n-1, (n-1)(k-1)) for several n, k, levels."""
    for alpha, n, k, conf in [(0.8, 100, 10, 0.95), (0.62, 35, 4, 0.90), (0.91, 2000, 30, 0.99)]:
        df1, df2 = n - 1, (n - 1) * (k - 1)
        tail = (1 - conf) / 2
        want = (
            1 - (1 - alpha) * stats.f.ppf(1 - tail, df1, df2),
            1 - (1 - alpha) * stats.f.ppf(tail, df1, df2),
        )
        np.testing.assert_allclose(alpha_ci(alpha, n, k, confidence=conf), want, rtol=1e-8)


def test_feldt_interval_uses_the_cases_actually_used():
    """With missing answers the interval's n is the complete-case count (as
    PSYCHOMETRICS.md pins), checked against scipy.stats.f.ppf with that n;
    pingouin uses the n before deletion and so differs."""
    x = _simulated(n=300, missing=0.03)
    r = scale_reliability(x)
    complete = int((~np.isnan(x).any(axis=1)).sum())
    assert r.n == complete < 300
    df1, df2 = complete - 1, (complete - 1) * (r.k - 1)
    want = (
        1 - (1 - r.alpha) * stats.f.ppf(0.975, df1, df2),
        1 - (1 - r.alpha) * stats.f.ppf(0.025, df1, df2),
    )
    np.testing.assert_allclose(r.alpha_ci95, want, rtol=1e-8)


def test_pairwise_covariances_match_pandas():
    """pandas DataFrame.cov (pairwise complete, each pair with its own means)."""
    x = _simulated(n=3000, k=6, missing=0.2)
    C, mean, n_used = reliability._covariance(x, "pairwise")
    np.testing.assert_allclose(C, pd.DataFrame(x).cov().to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(mean, np.nanmean(x, axis=0), rtol=1e-12)
    present = (~np.isnan(x)).astype(int)
    assert n_used == (present.T @ present).min()


def test_blocked_covariance_matches_numpy_on_float32_data():
    """numpy.cov (float64) on 20,000 complete rows of float32 answers (many blocks)."""
    x = _simulated(n=20000, k=12).astype(np.float32)
    C, mean, n_used = reliability._covariance(x, "listwise")
    np.testing.assert_allclose(C, np.cov(x.astype(float), rowvar=False), rtol=1e-9)
    np.testing.assert_allclose(mean, x.astype(float).mean(axis=0), rtol=1e-12)
    assert n_used == 20000


def test_item_total_and_alpha_if_deleted_match_direct_computation():
    """numpy.corrcoef of each item with the rest sum; pingouin alpha of the
    data without each item."""
    x = _simulated(k=6)
    total = x.sum(axis=1)
    want_r = [np.corrcoef(x[:, j], total - x[:, j])[0, 1] for j in range(6)]
    np.testing.assert_allclose(corrected_item_total(x), want_r, rtol=1e-10)
    want_a = [pg.cronbach_alpha(pd.DataFrame(np.delete(x, j, axis=1)))[0] for j in range(6)]
    np.testing.assert_allclose(alpha_if_deleted(x), want_a, rtol=1e-10)


LOADINGS = [
    np.array([0.8, 0.7, 0.6, 0.5]),
    np.array([0.9, 0.3, 0.75, 0.55, 0.42, 0.66]),
    np.linspace(0.2, 0.85, 30),
]


def _omega_formula(lam):
    common = lam.sum() ** 2
    return common / (common + np.sum(1 - lam**2))


@pytest.mark.parametrize("lam", LOADINGS)
def test_omega_of_an_exact_one_factor_matrix(lam):
    """Population matrix R = lam lam' + diag(1 - lam^2): minres recovers lam
    and omega equals (sum lam)^2 / ((sum lam)^2 + sum(1 - lam^2)) to 1e-6."""
    R = np.outer(lam, lam) + np.diag(1 - lam**2)
    np.testing.assert_allclose(one_factor_loadings(R), lam, atol=1e-6)
    assert omega_from_correlation(R) == pytest.approx(_omega_formula(lam), abs=1e-6)


@pytest.mark.parametrize("lam", LOADINGS)
def test_omega_from_data_with_exactly_that_correlation_matrix(lam):
    """Data whitened and coloured so its sample correlation matrix is exactly
    the one-factor population matrix: omega_total equals the formula to 1e-6."""
    k = lam.size
    R = np.outer(lam, lam) + np.diag(1 - lam**2)
    z = np.random.default_rng(11).standard_normal((400, k))
    z -= z.mean(axis=0)
    z = z @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False)).T)
    x = 3 + z @ np.linalg.cholesky(R).T * 0.9
    assert omega_total(x) == pytest.approx(_omega_formula(lam), abs=1e-6)


def test_omega_is_close_to_alpha_for_equal_loadings():
    """With equal loadings (tau-equivalent, standardised) omega equals the
    standardised alpha k r / (1 + (k - 1) r), r = lam^2: a textbook identity."""
    lam, k = 0.6, 8
    R = np.full((k, k), lam**2)
    np.fill_diagonal(R, 1.0)
    r = lam**2
    assert omega_from_correlation(R) == pytest.approx(k * r / (1 + (k - 1) * r), abs=1e-9)


def test_scale_reliability_combines_the_pieces():
    x = _simulated(n=400, k=7, missing=0.02)
    r = scale_reliability(x)
    complete = x[~np.isnan(x).any(axis=1)]
    assert r.alpha == pytest.approx(cronbach_alpha(x)[0])
    assert r.omega == pytest.approx(omega_total(x))
    assert r.k == 7 and r.n == len(complete)
    np.testing.assert_allclose(r.item_mean, complete.mean(axis=0))
    np.testing.assert_allclose(r.item_sd, complete.std(axis=0, ddof=1))
    np.testing.assert_allclose(r.citc, corrected_item_total(x))
    np.testing.assert_allclose(r.alpha_if_deleted, alpha_if_deleted(x))
    assert r.alpha_ci95[0] < r.alpha < r.alpha_ci95[1]


def test_two_items_have_alpha_but_no_omega():
    x = _simulated(k=2)
    r = scale_reliability(x)
    assert np.isfinite(r.alpha) and np.isnan(r.omega)
    assert np.isnan(r.alpha_if_deleted).all()
    with pytest.raises(ValueError, match="at least 3 items"):
        omega_total(x)


@pytest.mark.parametrize(
    ("x", "kwargs", "message"),
    [
        (HAND, {"nan_policy": "everything"}, "nan_policy"),
        (HAND[:, :1], {}, "at least 2 items"),
        (HAND[:1], {}, "at least 2 candidates"),
        (np.ones((5, 3)), {}, "no variance"),
        ([[1, 2, NAN], [NAN, 2, 3]], {}, "at least 2 candidates"),
        ([[1, 2, np.inf], [2, 2, 3], [3, 1, 1]], {}, "infinity"),
        ([1, 2, 3], {}, "2-D"),
    ],
)
def test_bad_input_raises(x, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cronbach_alpha(x, **kwargs)


@pytest.mark.parametrize(
    ("args", "message"),
    [((1.2, 100, 5), "<= 1"), ((0.8, 1, 5), "n >= 2"), ((0.8, 100, 1), "k >= 2")],
)
def test_alpha_ci_rejects_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        alpha_ci(*args)
    with pytest.raises(ValueError, match="confidence"):
        alpha_ci(0.8, 100, 5, confidence=1.0)


def test_omega_rejects_a_constant_item():
    x = _simulated(k=4)
    x[:, 0] = 3.0
    with pytest.raises(ValueError, match="zero variance"):
        omega_total(x)
    assert np.isnan(scale_reliability(x).omega)


def test_keys_give_the_same_result_as_a_keyed_copy():
    """Reverse-keying inside (keys=) equals reliability of the keyed copy,
    low + high - x computed by hand for the reversed columns."""
    x = _simulated(n=300, k=6, missing=0.02)
    keys = np.array([1, -1, 1, -1, -1, 1])
    keyed_copy = scale_reliability(np.where(keys < 0, 6 - x, x))
    inside = scale_reliability(x, keys=keys, low=1, high=5)
    for field in ("alpha", "omega", "n"):
        assert getattr(inside, field) == pytest.approx(getattr(keyed_copy, field), abs=1e-10)
    for field in ("item_mean", "item_sd", "citc", "alpha_if_deleted"):
        np.testing.assert_allclose(getattr(inside, field), getattr(keyed_copy, field), atol=1e-10)
    with pytest.raises(ValueError, match="low and high"):
        scale_reliability(x, keys=keys)
    with pytest.raises(ValueError, match=r"\+1 or -1"):
        scale_reliability(x, keys=[1, 0, 1, 1, 1, 1], low=1, high=5)


def test_feldt_interval_for_a_large_sample_is_exact():
    """scipy.stats.f.ppf with df (99,999, 899,991) (n = 100,000, k = 10), the
    size whose speed benchmarks/scoring.py compares with pingouin."""
    n, k = 100_000, 10
    want = (
        1 - 0.2 * stats.f.ppf(0.975, n - 1, (n - 1) * (k - 1)),
        1 - 0.2 * stats.f.ppf(0.025, n - 1, (n - 1) * (k - 1)),
    )
    np.testing.assert_allclose(alpha_ci(0.8, n, k), want, rtol=1e-12)
