"""Norm-referenced scores: z, T, sten and percentiles, and local norms.

Raw scores are on the scale's own metric (1-5 mean, or 0-100 for
situational judgement); ``z`` is in SD units of the norm group; T-scores
have mean 50 and SD 10; stens run 1-10 with mean 5.5 and SD 2; percentiles
run 0-100.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from assess.scoring.distributions import normal_cdf
from assess.scoring.scales import per_scale

__all__ = [
    "Norms",
    "build_norms",
    "normal_percentiles",
    "percentile_from_table",
    "percentile_ranks",
    "stens",
    "t_scores",
    "z_scores",
]


class Norms(NamedTuple):
    """Local norms per scale, built by :func:`build_norms`.

    Attributes
    ----------
    mean, sd : ndarray, shape (s,)
        Mean and sample SD (n-1) of the raw scores, raw metric.
    n : ndarray of int, shape (s,)
        Candidates with a score on the scale.
    sorted_scores : tuple of ndarray
        Each scale's scores in ascending order, for :func:`percentile_ranks`.
    """

    mean: np.ndarray
    sd: np.ndarray
    n: np.ndarray
    sorted_scores: tuple


def z_scores(raw, mean, sd):
    """``z = (raw - mean) / sd``; NaN raw gives NaN.

    Examples
    --------
    >>> z_scores([3.0, 4.2], 3.6, 0.6).round(6)
    array([-1.,  1.])
    """
    sd = np.asarray(sd, dtype=float)
    if np.any(~(sd > 0)):
        raise ValueError("norm sd must be > 0")
    return per_scale(_standardise, raw, mean, sd)


def _standardise(raw, mean, sd):
    return (raw - mean) / sd


def t_scores(z):
    """T-score ``50 + 10 z`` (mean 50, SD 10).

    Examples
    --------
    >>> t_scores([-1.0, 0.0, 2.5])
    array([40., 50., 75.])
    """
    return 50.0 + 10.0 * np.asarray(z, dtype=float)


def stens(z):
    """Standard ten ``floor(2 z + 6)`` clipped to 1-10; NaN stays NaN.

    Band edges fall on half SDs: z = 0.5 is sten 7 and z = -0.5 is sten 5
    (Python's ``round`` would give 6 for both, rounding half to even).

    Returns
    -------
    ndarray of float
        Stens 1-10 (float so that NaN can mark an unscored candidate).

    Examples
    --------
    >>> stens([-3.0, -1.5, -0.5, 0.0, 0.5, 1.5, 3.0])
    array([ 1.,  3.,  5.,  6.,  7.,  9., 10.])
    """
    z = np.asarray(z, dtype=float)
    return np.clip(np.floor(2.0 * z + 6.0), 1.0, 10.0)


def normal_percentiles(z):
    """Normal-curve percentile ``100 * Phi(z)``, 0-100.

    Examples
    --------
    >>> normal_percentiles([0.0, 1.0]).round(2)
    array([50.  , 84.13])
    """
    return 100.0 * np.asarray(normal_cdf(np.asarray(z, dtype=float)), dtype=float)


def percentile_ranks(raw, norm_sample, *, assume_sorted=False):
    """Empirical percentile rank ``100 * (below + 0.5 * equal) / N``.

    ``below`` counts norm scores lower than the raw score and ``equal``
    those equal to it (the mid-rank convention), so the result is in
    (0, 100) for a score inside the sample and 0 or 100 beyond it.

    Parameters
    ----------
    raw : array_like
        Scores to rank; NaN gives NaN.
    norm_sample : array_like, shape (N,)
        Norm-group scores on the same metric; NaN entries are dropped.
    assume_sorted : bool, default False
        Skip sorting when ``norm_sample`` is already ascending (as
        :func:`build_norms` stores it).

    Returns
    -------
    ndarray
        Percentile ranks 0-100.

    Examples
    --------
    Sample 1, 2, 2, 3: a score of 2 has 1 below and 2 equal,
    100 * (1 + 1) / 4 = 50.

    >>> percentile_ranks([2, 2.5, 0, 4], [3, 2, 1, 2])
    array([ 50.,  75.,   0., 100.])
    """
    sample = np.asarray(norm_sample, dtype=float).ravel()
    sample = sample[~np.isnan(sample)]
    if sample.size == 0:
        raise ValueError("norm sample is empty")
    if not assume_sorted:
        sample = np.sort(sample)
    raw = np.asarray(raw, dtype=float)
    # One search per candidate among the sample's *distinct* values (few for
    # scale means): ``first[i]`` norm scores lie below distinct value i.
    values, first = np.unique(sample, return_index=True)
    counts = np.diff(np.append(first, sample.size))
    position = np.searchsorted(values, raw, side="right")  # distinct values <= raw
    previous = np.maximum(position - 1, 0)
    equal = (position > 0) & (values[previous] == raw)
    below = np.where(equal, first[previous], np.append(first, sample.size)[position])
    ranks = 100.0 * (below + 0.5 * counts[previous] * equal) / sample.size
    return np.where(np.isnan(raw), np.nan, ranks)


def percentile_from_table(raw, table):
    """Percentile by linear interpolation in a (raw score, percentile) table.

    Below the first raw score the first percentile is returned and above
    the last the last one (no extrapolation past the published table).

    Parameters
    ----------
    raw : array_like
        Raw scores; NaN gives NaN.
    table : array_like, shape (m, 2)
        Pairs (raw, percentile) with strictly increasing raw scores and
        non-decreasing percentiles in [0, 100], m >= 2.

    Returns
    -------
    ndarray
        Percentiles 0-100.

    Examples
    --------
    >>> percentile_from_table([3.25, 1.0, 6.0], [(2, 10), (3, 40), (4, 80)])
    array([50., 10., 80.])
    """
    table = np.asarray(table, dtype=float)
    if table.ndim != 2 or table.shape[1] != 2 or table.shape[0] < 2:
        raise ValueError("table must be at least two (raw, percentile) pairs")
    points, percents = table[:, 0], table[:, 1]
    if not np.all(np.isfinite(table)):
        raise ValueError("table must hold finite numbers")
    if np.any(np.diff(points) <= 0):
        raise ValueError("table raw scores must be strictly increasing")
    if np.any(np.diff(percents) < 0) or percents[0] < 0 or percents[-1] > 100:
        raise ValueError("table percentiles must be non-decreasing within [0, 100]")
    return np.interp(np.asarray(raw, dtype=float), points, percents)


def build_norms(raw, *, min_n=100):
    """Local norms per scale from the scores of completed candidates.

    Parameters
    ----------
    raw : array_like, shape (n,) or (n, s)
        Raw scale scores; NaN (unscored) entries are left out per scale.
    min_n : int, default 100
        Smallest norm group accepted per scale.

    Returns
    -------
    Norms
        Mean, SD (n-1), n and sorted scores per scale.

    Raises
    ------
    ValueError
        When a scale has fewer than ``min_n`` scores: "local norms need at
        least 100 completed candidates; have N".

    Examples
    --------
    >>> norms = build_norms(np.arange(1.0, 201.0) / 40, min_n=100)
    >>> round(float(norms.mean[0]), 6), int(norms.n[0])
    (2.5125, 200)
    """
    if int(min_n) != min_n or min_n < 2:
        raise ValueError(f"min_n must be an integer >= 2; got {min_n}")
    raw = np.asarray(raw, dtype=float)
    if raw.ndim == 1:
        raw = raw[:, None]
    if raw.ndim != 2:
        raise ValueError(f"raw must be 1-D or 2-D (candidates x scales); got {raw.ndim}-D")
    if np.isinf(raw).any():
        raise ValueError("raw scores must be finite or NaN")
    columns = [np.sort(column[~np.isnan(column)]) for column in raw.T]
    n = np.array([len(column) for column in columns], dtype=np.int64)
    if n.size == 0 or n.min() < min_n:
        have = int(n.min()) if n.size else 0
        raise ValueError(f"local norms need at least {min_n} completed candidates; have {have}")
    mean = np.array([column.mean() for column in columns])
    sd = np.array([column.std(ddof=1) for column in columns])
    return Norms(mean, sd, n, tuple(columns))
