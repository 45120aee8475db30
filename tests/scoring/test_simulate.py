"""Graded response model simulation (Samejima, 1969)."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from scipy.special import expit

from assess.scoring import simulate
from assess.scoring.simulate import simulate_candidates, simulate_graded_response


def test_docstring_examples():
    assert doctest.testmod(simulate).failed == 0


def test_trait_recovery_on_a_30_item_scale():
    """Scale mean of 30 simulated items correlates >= 0.9 with the true trait
    (n = 2000, fixed seed)."""
    x, theta, _ = simulate_candidates(2000, 30, rng=np.random.default_rng(20261123))
    assert np.corrcoef(x.mean(axis=1), theta)[0, 1] >= 0.9


def test_category_frequencies_follow_the_model():
    """Category probabilities from the model written out with scipy.special.expit:
    P(X = c) = P*(c) - P*(c + 1), P*(c) = expit(a (theta - b_{c-1})); 200,000
    draws at theta = 0.3 agree within 4 standard errors."""
    a, b, theta, n = 1.7, np.array([-1.0, 0.0, 0.5, 1.5]), 0.3, 200_000
    x = simulate_graded_response(np.full(n, theta), [a], b[None, :], rng=np.random.default_rng(4))
    cumulative = np.concatenate([[1.0], expit(a * (theta - b)), [0.0]])
    p = cumulative[:-1] - cumulative[1:]
    observed = np.bincount(x[:, 0], minlength=6)[1:] / n
    assert np.all(np.abs(observed - p) < 4 * np.sqrt(p * (1 - p) / n))


def test_same_seed_same_answers_and_missing_share():
    one = simulate_candidates(500, 10, rng=np.random.default_rng(1), missing_rate=0.1)
    two = simulate_candidates(500, 10, rng=np.random.default_rng(1), missing_rate=0.1)
    np.testing.assert_array_equal(one[0], two[0])
    assert 0.08 < np.isnan(one[0]).mean() < 0.12
    answered = one[0][~np.isnan(one[0])]
    assert set(np.unique(answered)) <= {1.0, 2.0, 3.0, 4.0, 5.0}


def test_float32_and_seven_categories():
    x, _, params = simulate_candidates(
        300, 4, rng=np.random.default_rng(2), n_categories=7, dtype=np.float32
    )
    assert x.dtype == np.float32 and params.thresholds.shape == (4, 6)
    assert x.min() >= 1 and x.max() <= 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([0.0], [1.0], [[1.0, 0.0]]), "increase"),
        (([0.0], [0.0], [[0.0, 1.0]]), "discriminations > 0"),
        (([0.0], [1.0, 1.0], [[0.0, 1.0]]), "thresholds"),
        (([[0.0]], [1.0], [[0.0, 1.0]]), "1-D"),
    ],
)
def test_graded_response_rejects_bad_parameters(args, message):
    with pytest.raises(ValueError, match=message):
        simulate_graded_response(*args, rng=np.random.default_rng(0))


def test_candidates_reject_bad_arguments():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="positive integer"):
        simulate_candidates(0, 5, rng=rng)
    with pytest.raises(ValueError, match="missing_rate"):
        simulate_candidates(5, 5, rng=rng, missing_rate=1.0)
    with pytest.raises(ValueError, match="Generator"):
        simulate_candidates(5, 5, rng=0)
