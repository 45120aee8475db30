"""The engine's probability functions: published table values and hand
calculations, and the wrapper's own contract (domain errors, NaN, scalars).

Outside references: NIST/SEMATECH e-Handbook of Statistical Methods,
section 1.3.6.7 (tables of the normal, chi-square and F distributions), and
Fisher's exact test worked by hand.
"""

from __future__ import annotations

import numpy as np
import pytest

from assess.scoring.distributions import (
    chi2_sf,
    f_ppf,
    f_sf,
    fisher_exact_two_sided,
    normal_cdf,
    normal_ppf,
)


@pytest.mark.parametrize(("z", "area"), [(0.0, 0.5), (1.0, 0.84134), (1.96, 0.97500)])
def test_normal_cdf_against_the_published_table(z, area):
    """NIST table 1.3.6.7.1 (area from -inf to z, five decimals)."""
    assert normal_cdf(z) == pytest.approx(area, abs=5e-6)
    assert isinstance(normal_cdf(z), float)


def test_normal_ppf_against_the_published_quantiles():
    """z of 0.95 and 0.975: 1.644854 and 1.959964 (any normal table; the
    intervals in PSYCHOMETRICS.md use them)."""
    np.testing.assert_allclose(normal_ppf([0.95, 0.975]), [1.644854, 1.959964], atol=5e-7)
    np.testing.assert_array_equal(normal_ppf(np.array([0.0, 1.0, 0.5])), [-np.inf, np.inf, 0.0])


def test_normal_ppf_rejects_probabilities_outside_unit_interval():
    """Bad input is a ValueError, never an assert."""
    with pytest.raises(ValueError, match="probabilities"):
        normal_ppf(np.array([0.2, 1.5]))


@pytest.mark.parametrize(
    ("critical", "df", "upper"), [(3.841, 1, 0.05), (18.307, 10, 0.05), (88.379, 60, 0.01)]
)
def test_chi2_sf_at_published_critical_values(critical, df, upper):
    """NIST table 1.3.6.7.4 (upper critical values, three decimals)."""
    assert chi2_sf(critical, df) == pytest.approx(upper, abs=2e-5)


def test_chi2_sf_edges():
    """By definition: P(X > 0) = 1, P(X > -1) = 1, P(X > inf) = 0; NaN stays NaN."""
    out = chi2_sf(np.array([np.nan, 0.0, -1.0, np.inf]), 3)
    assert np.isnan(out[0])
    np.testing.assert_array_equal(out[1:], [1.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="degrees of freedom"):
        chi2_sf(1.0, 0)


@pytest.mark.parametrize(
    ("q", "d1", "d2", "critical"),
    [(0.95, 5, 18, 2.773), (0.99, 10, 20, 3.368), (0.95, 1, 1, 161.448)],
)
def test_f_ppf_and_sf_at_published_critical_values(q, d1, d2, critical):
    """NIST table 1.3.6.7.3 (upper critical values of F, three decimals)."""
    assert f_ppf(q, d1, d2) == pytest.approx(critical, abs=5e-4)
    assert f_sf(critical, d1, d2) == pytest.approx(1 - q, abs=1e-4)


def test_f_edges_and_domain():
    """An ICC with zero error variance gives F = inf and p = 0; q = 0 and 1 give 0
    and inf; a non-positive df or q outside [0, 1] is a ValueError; NaN is missing."""
    assert f_sf(np.inf, 5, 15) == 0.0
    np.testing.assert_array_equal(f_ppf(np.array([0.0, 1.0]), 3, 7), [0.0, np.inf])
    assert np.isnan(f_ppf(np.nan, 2, 3)) and np.isnan(f_sf(np.nan, 2, 3))
    with pytest.raises(ValueError, match="probabilities"):
        f_ppf(-0.1, 2, 3)
    with pytest.raises(ValueError, match="degrees of freedom"):
        f_sf(1.0, 0, 3)


def test_fisher_exact_hand_calculation():
    """Table [[3, 1], [1, 3]]: hypergeometric probs 1/70, 16/70, 36/70, 16/70, 1/70;
    P(observed) = 16/70, so p = (1 + 16 + 16 + 1) / 70 = 34/70 (hand calculation).
    [[8, 2], [1, 5]]: margins 10, 6 / 9, 7 of 16; the tables no more probable than
    the observed one sum to 0.034965 (hand calculation, as R fisher.test gives)."""
    assert fisher_exact_two_sided(3, 1, 1, 3) == pytest.approx(34 / 70, rel=1e-12)
    assert fisher_exact_two_sided(8, 2, 1, 5) == pytest.approx(0.034965035, abs=1e-9)
    assert fisher_exact_two_sided(0, 0, 4, 6) == 1.0  # an empty row: nothing to test


@pytest.mark.parametrize("bad", [1.5, -1, float("nan"), float("inf")])
def test_fisher_exact_rejects_counts_that_are_not_whole(bad):
    with pytest.raises(ValueError, match="whole numbers"):
        fisher_exact_two_sided(bad, 2, 3, 4)
