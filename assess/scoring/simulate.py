"""Simulated Likert answers from Samejima's graded response model.

For demo norms (always labelled as simulated), tests and benchmarks. The
trait is on the standard normal (theta) metric; answers are integers
1..m on the response scale.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["ItemParameters", "simulate_candidates", "simulate_graded_response"]

# Rows simulated at a time: keeps the (rows, k) temporaries small for a
# million candidates.
_BLOCK_ROWS = 1 << 15


class ItemParameters(NamedTuple):
    """Graded-response item parameters.

    Attributes
    ----------
    discrimination : ndarray, shape (k,)
        Slopes ``a_j`` > 0 (logistic metric).
    thresholds : ndarray, shape (k, m - 1)
        Category boundaries ``b_jc``, increasing along each row, theta metric.
    """

    discrimination: np.ndarray
    thresholds: np.ndarray


def simulate_graded_response(traits, discrimination, thresholds, *, rng):
    """Draw answers from Samejima's (1969) graded response model.

    ``P(X_ij >= c + 1) = 1 / (1 + exp(-a_j (theta_i - b_jc)))`` for
    ``c = 1..m-1``; the answer is 1 plus the number of boundaries passed,
    drawn with one uniform number per candidate and item (the boundary
    probabilities decrease in ``c``, so counting ``u < P(X >= c + 1)`` gives
    the right category probabilities).

    Parameters
    ----------
    traits : array_like, shape (n,)
        True trait levels theta (standard normal metric).
    discrimination : array_like, shape (k,)
        Item slopes, > 0.
    thresholds : array_like, shape (k, m - 1)
        Increasing boundaries per item.
    rng : numpy.random.Generator
        Source of randomness (pass a seeded generator for reproducibility).

    Returns
    -------
    ndarray of int8, shape (n, k)
        Answers 1..m.

    References
    ----------
    Samejima, F. (1969). Estimation of latent ability using a response
    pattern of graded scores. *Psychometrika Monograph Supplement, 34*(4,
    Pt. 2), No. 17.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = simulate_graded_response([-3.0, 0.0, 3.0], [4.0, 4.0],
    ...                              [[-1, 0, 1, 2], [-2, -1, 0, 1]], rng=rng)
    >>> x.shape, int(x.min()) >= 1, int(x.max()) <= 5
    ((3, 2), True, True)
    """
    theta = np.asarray(traits, dtype=float)
    a = np.asarray(discrimination, dtype=float)
    b = np.asarray(thresholds, dtype=float)
    if theta.ndim != 1:
        raise ValueError(f"traits must be 1-D; got shape {theta.shape}")
    if b.ndim != 2 or a.shape != (b.shape[0],) or b.shape[1] < 1:
        raise ValueError(
            "need discrimination (k,) and thresholds (k, m-1) with m >= 2; "
            f"got {a.shape} and {b.shape}"
        )
    if not (np.all(np.isfinite(theta)) and np.all(np.isfinite(b)) and np.all(a > 0)):
        raise ValueError("traits and thresholds must be finite and discriminations > 0")
    if np.any(np.diff(b, axis=1) <= 0):
        raise ValueError("thresholds must increase along each item's row")
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    n, k = theta.size, a.size
    answers = np.empty((n, k), np.int8)
    for start in range(0, n, _BLOCK_ROWS):
        t = theta[start : start + _BLOCK_ROWS, None]
        u = rng.random((t.shape[0], k))
        count = np.ones((t.shape[0], k), np.int8)
        for c in range(b.shape[1]):
            count += u < 1.0 / (1.0 + np.exp(-a * (t - b[:, c])))
        answers[start : start + _BLOCK_ROWS] = count
    return answers


def simulate_candidates(
    n,
    n_items,
    *,
    rng,
    n_categories=5,
    discrimination=(1.0, 2.5),
    location_sd=0.5,
    missing_rate=0.0,
    dtype=np.float64,
):
    """Candidates with normal traits answering items of one scale.

    Traits are standard normal. Each item gets a slope uniform in
    ``discrimination`` and thresholds at an item location drawn from
    N(0, ``location_sd``) plus steps evenly spread over -2..2 (so all
    ``n_categories`` are used). Then a share ``missing_rate`` of answers is
    blanked (NaN) at random.

    Parameters
    ----------
    n, n_items : int
        Candidates and items.
    rng : numpy.random.Generator
    n_categories : int, default 5
        Points of the response scale (answers 1..n_categories).
    discrimination : tuple of float, default (1.0, 2.5)
        Range of the uniform slope distribution.
    location_sd : float, default 0.5
        SD of item locations (theta metric).
    missing_rate : float, default 0.0
        Share of answers set to NaN, in [0, 1).
    dtype : numpy dtype, default float64
        Of the returned answers (float32 halves the memory).

    Returns
    -------
    responses : ndarray, shape (n, n_items)
        Answers 1..n_categories on the response metric, NaN = missing.
    traits : ndarray, shape (n,)
        True theta of each candidate.
    params : ItemParameters

    Examples
    --------
    >>> x, theta, params = simulate_candidates(4, 3, rng=np.random.default_rng(0))
    >>> x.shape, theta.shape, params.thresholds.shape
    ((4, 3), (4,), (3, 4))
    """
    for name, value in (("n", n), ("n_items", n_items), ("n_categories", n_categories)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(f"{name} must be a positive integer; got {value!r}")
    if n_categories < 2:
        raise ValueError("n_categories must be at least 2")
    if not 0 <= missing_rate < 1:
        raise ValueError(f"missing_rate must lie in [0, 1); got {missing_rate}")
    low_a, high_a = discrimination
    if not 0 < low_a <= high_a:
        raise ValueError("discrimination must be a range (low, high) with 0 < low <= high")
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    traits = rng.standard_normal(n)
    a = rng.uniform(low_a, high_a, n_items)
    steps = np.linspace(-2.0, 2.0, n_categories - 1) if n_categories > 2 else np.zeros(1)
    thresholds = rng.normal(0.0, location_sd, (n_items, 1)) + steps
    responses = simulate_graded_response(traits, a, thresholds, rng=rng).astype(dtype)
    if missing_rate > 0:
        responses[rng.random(responses.shape) < missing_rate] = np.nan
    return responses, traits, ItemParameters(a, thresholds)
