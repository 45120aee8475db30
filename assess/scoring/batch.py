"""Score a whole response matrix in one pass: scale scores with their
intervals and norm scores, and the answer-pattern validity indices.

:func:`score_matrix` gives the same numbers as calling
:func:`~assess.scoring.scales.scale_scores`, the norm functions and
:func:`~assess.scoring.validity.long_string`, :func:`~assess.scoring.validity.irv`,
:func:`~assess.scoring.validity.even_odd` and
:func:`~assess.scoring.validity.mahalanobis_d2` one after another, but reads
the matrix once (:func:`~assess.scoring.rowpass.row_stats`), so a million
candidates cost one pass over memory instead of five.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from assess.scoring.norms import normal_percentiles, stens, t_scores, z_scores
from assess.scoring.precision import confidence_interval, sem
from assess.scoring.rowpass import row_stats
from assess.scoring.scales import (
    ScaleScores,
    _item_keys,
    answered_share,
    keyed_weights,
    response_matrix,
    response_range,
    scale_membership,
    scale_scores_from,
)
from assess.scoring.validity import (
    Mahalanobis,
    even_odd_from,
    even_odd_halves,
    irv_from,
    long_string_from,
    mahalanobis_from,
    mahalanobis_precision,
    reference_moments,
)

__all__ = ["MatrixScores", "score_matrix"]


class MatrixScores(NamedTuple):
    """Everything :func:`score_matrix` computes, one row per candidate.

    Attributes
    ----------
    scales : ScaleScores
        Raw scores on the response metric (e.g. 1-5 mean), items answered.
    ci_low, ci_high : ndarray, shape (n, s)
        Interval ``raw -/+ z * SEM`` at the requested level, raw metric.
    t : ndarray, shape (n, s)
        T-scores (mean 50, SD 10).
    sten : ndarray, shape (n, s)
        Stens 1-10.
    percentile : ndarray, shape (n, s)
        Normal-curve percentiles 0-100.
    long_string : ndarray of int, shape (n,)
        Longest run of identical answers (items).
    irv : ndarray, shape (n,)
        Intra-individual response variability (SD of raw answers).
    even_odd : ndarray, shape (n,)
        Even-odd consistency; NaN with fewer than ``min_scales`` scales.
    mahalanobis : Mahalanobis
        D² (squared metric) and its chi-square p.
    """

    scales: ScaleScores
    ci_low: np.ndarray
    ci_high: np.ndarray
    t: np.ndarray
    sten: np.ndarray
    percentile: np.ndarray
    long_string: np.ndarray
    irv: np.ndarray
    even_odd: np.ndarray
    mahalanobis: Mahalanobis


def score_matrix(
    responses,
    keys,
    scale_of_item,
    n_scales,
    *,
    low,
    high,
    norm_mean,
    norm_sd,
    reliability,
    min_answered=0.8,
    level=0.95,
    reference=None,
    min_scales=3,
):
    """Scale scores, precision, norm scores and validity indices at once.

    Parameters
    ----------
    responses : array_like, shape (n, k)
        Raw answers in presentation order, NaN = missing; float32 is kept
        (see :func:`assess.scoring.rowpass.row_stats` on precision).
    keys, scale_of_item, n_scales, low, high, min_answered
        As for :func:`assess.scoring.scales.scale_scores`.
    norm_mean, norm_sd : array_like, shape (s,)
        Norm group mean and SD per scale, raw metric.
    reliability : array_like, shape (s,)
        Reliability per scale for ``SEM = SD sqrt(1 - reliability)``.
    level : float, default 0.95
        Coverage of the score interval.
    reference : tuple (mean, cov), optional
        Centroid and covariance of the raw answers for Mahalanobis D² (e.g.
        of the norm group); default the complete rows of ``responses``,
        which costs one more pass.
    min_scales : int, default 3
        For even-odd consistency, whose halves are split within each scale
        on the keyed answers.

    Returns
    -------
    MatrixScores

    Notes
    -----
    D² is computed on the raw answers: reverse keying is an affine change
    of each item (``low + high - x``), under which D² does not change.
    Formulas and references are those of the functions named above.

    Examples
    --------
    >>> x = np.array([[1, 2, 4, 5], [3, 3, 3, 3], [5, 4, 2, 2]], dtype=float)
    >>> out = score_matrix(x, [1, 1, -1, -1], [0, 0, 0, 0], 1, low=1, high=5,
    ...                    norm_mean=[3.0], norm_sd=[1.0], reliability=[0.84],
    ...                    reference=(np.full(4, 3.0), np.eye(4)))
    >>> out.scales.score.ravel().tolist(), out.sten.ravel().tolist()
    ([1.5, 3.0, 4.25], [3.0, 6.0, 8.0])
    >>> out.long_string.tolist(), out.mahalanobis.d2.tolist()
    ([1, 4, 2], [10.0, 0.0, 7.0])
    """
    X = response_matrix(responses)
    n, k = X.shape
    low, high = response_range(low, high)
    membership = scale_membership(scale_of_item, n_scales, k)
    keys = _item_keys(keys, k)
    min_answered = answered_share(min_answered)
    sd = np.asarray(norm_sd, dtype=float)
    sems = sem(sd, reliability)
    labels = np.asarray(scale_of_item, dtype=object)
    labels[np.asarray(scale_of_item) < 0] = None  # items no scale scores
    halves = even_odd_halves(labels, k, min_scales)
    if reference is None:
        mean, cov = reference_moments(X)
    else:
        mean, cov = (np.asarray(a, dtype=float) for a in reference)
    scale_w = keyed_weights(membership, keys, low, high)
    value_w = [scale_w["value_weights"], np.ones((k, 1))]
    count_w = [scale_w["count_weights"]]
    if halves is not None:  # keyed halves: the same construction as the scales
        half_w = keyed_weights(halves, keys, low, high)
        value_w.append(half_w["value_weights"])
        count_w.append(half_w["count_weights"])
    stats = row_stats(
        X,
        value_weights=np.hstack(value_w),
        count_weights=np.hstack(count_w),
        squares=True,
        quad=(mean, mahalanobis_precision(cov)),
        same=True,
    )
    s = n_scales
    scales = scale_scores_from(stats, membership, low, high, min_answered)
    z = z_scores(scales.score, norm_mean, sd)
    ci_low, ci_high = confidence_interval(scales.score, sems, level=level)
    if halves is None:
        consistency = np.full(n, np.nan)
    else:
        h = halves.shape[1]
        half_sums = stats.sums[:, s + 1 :] + stats.counts[:, 2 * s + h :]
        consistency = even_odd_from(half_sums, stats.counts[:, 2 * s : 2 * s + h], min_scales)
    return MatrixScores(
        scales=scales,
        ci_low=ci_low,
        ci_high=ci_high,
        t=t_scores(z),
        sten=stens(z),
        percentile=normal_percentiles(z),
        long_string=long_string_from(stats),
        irv=irv_from(stats._replace(sums=stats.sums[:, s:])),
        even_odd=consistency,
        mahalanobis=mahalanobis_from(stats, k),
    )
