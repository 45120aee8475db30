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
    keyed_sums_from,
    keyed_weights,
    prorated_mean,
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
    half_labels=None,
    distance_items=None,
):
    """Scale scores, precision, norm scores and validity indices at once.

    Parameters
    ----------
    responses : array_like, shape (n, k)
        Raw answers in presentation order, NaN = missing; float32 is kept
        (see :func:`assess.scoring.rowpass.row_stats` on precision).
    keys, scale_of_item, n_scales, low, high, min_answered
        As for :func:`assess.scoring.scales.scale_scores`; ``scale_of_item``
        may also be a (k, s) 0/1 membership matrix, so that an item can
        score a scale and one of its facets in the same pass.
    norm_mean, norm_sd : array_like, shape (s,)
        Norm group mean and SD per scale, raw metric.
    reliability : array_like, shape (s,)
        Reliability per scale for ``SEM = SD sqrt(1 - reliability)``.
    level : float, default 0.95
        Coverage of the score interval.
    reference : tuple (mean, cov), optional
        Centroid and covariance of the raw answers for Mahalanobis D² (e.g.
        of the norm group); default the complete rows of ``responses``,
        which costs one more pass. ``False`` skips D² (NaN).
    min_scales : int, default 3
        For even-odd consistency, whose halves are split within each scale
        on the keyed answers.
    half_labels : sequence, shape (k,), optional
        The group each item's even-odd halves are split within (None = not
        used); default the scale of each item (1-D ``scale_of_item``).
    distance_items : array_like of bool, shape (k,), optional
        The items D² is computed over (default all); ``reference`` is then
        over these items only, and a row missing one of them has NaN.

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
    membership = _membership(scale_of_item, n_scales, k)
    keys = _item_keys(keys, k)
    min_answered = answered_share(min_answered)
    sd = np.asarray(norm_sd, dtype=float)
    with np.errstate(invalid="ignore"):
        sems = sem(sd, reliability)
    if half_labels is None:
        labels = np.asarray(scale_of_item, dtype=object)
        labels[np.asarray(scale_of_item) < 0] = None  # items no scale scores
    else:
        labels = np.asarray(half_labels, dtype=object)
    halves = even_odd_halves(labels, k, min_scales)
    on = np.ones(k, dtype=bool) if distance_items is None else np.asarray(distance_items, bool)
    if on.shape != (k,) or not on.any():
        raise ValueError(f"distance_items must mark some of the {k} items")
    quad = None
    if reference is not False:
        if reference is None:
            mean, cov = reference_moments(X if on.all() else X[:, on])
        else:
            mean, cov = (np.asarray(a, dtype=float) for a in reference)
        full_mean, precision = np.zeros(k), np.zeros((k, k))
        full_mean[on] = mean
        precision[np.ix_(on, on)] = mahalanobis_precision(cov)
        quad = (full_mean, precision, on)
    scale_w = keyed_weights(membership, keys, low, high)
    value_w = [scale_w["value_weights"], np.ones((k, 1))]
    count_w = [scale_w["count_weights"]]
    if halves is not None:  # keyed halves: the same construction as the scales
        half_w = keyed_weights(halves, keys, low, high)
        value_w.append(half_w["value_weights"])
        count_w.append(half_w["count_weights"])
    pass_args = {
        "value_weights": np.hstack(value_w),
        "count_weights": np.hstack(count_w),
        "squares": True,
        "quad": quad,
        "same": True,
    }
    scoring = {
        "membership": membership,
        "low": low,
        "high": high,
        "min_answered": min_answered,
        "norm_mean": norm_mean,
        "sd": sd,
        "sems": sems,
        "level": level,
        "halves": halves,
        "min_scales": min_scales,
        "distance_df": int(on.sum()) if quad is not None else None,
    }
    # A chunk of rows at a time, so the row statistics and every formula
    # after them work in the CPU cache, not in main memory.
    if n <= CHUNK_ROWS:
        return _score_rows(row_stats(X, **pass_args), **scoring)
    out = None
    for start in range(0, n, CHUNK_ROWS):
        part = _score_rows(row_stats(X[start : start + CHUNK_ROWS], **pass_args), **scoring)
        if out is None:
            out = _allocated(part, n)
        _put(out, part, slice(start, start + CHUNK_ROWS))
    return out


# Candidates per chunk of score_matrix: a chunk's row statistics (a few
# dozen doubles per candidate) stay in the CPU's cache, and the few dozen
# array operations per chunk cost little next to its arithmetic.
CHUNK_ROWS = 1 << 16


def _score_rows(
    stats,
    *,
    membership,
    low,
    high,
    min_answered,
    norm_mean,
    sd,
    sems,
    level,
    halves,
    min_scales,
    distance_df,
):
    """:class:`MatrixScores` of the rows one :func:`row_stats` pass covered."""
    s = membership.shape[1]
    scales = scale_scores_from(stats, membership, low, high, min_answered)
    z = z_scores(scales.score, norm_mean, sd)
    ci_low, ci_high = confidence_interval(scales.score, sems, level=level)
    if halves is None:
        consistency = np.full(len(stats.answered), np.nan)
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
        percentile=_percentiles(scales, stats, min_answered, norm_mean, sd),
        long_string=long_string_from(stats),
        irv=irv_from(stats._replace(sums=stats.sums[:, s:])),
        even_odd=consistency,
        mahalanobis=_distance(stats, distance_df),
    )


def _distance(stats, df):
    if df is None:
        nan = np.full(len(stats.answered), np.nan)
        return Mahalanobis(nan, nan.copy())
    return mahalanobis_from(stats, df)


def _membership(scale_of_item, n_scales, k):
    """(k, s) membership from scale indices, or a given 0/1 membership matrix."""
    given = np.asarray(scale_of_item)
    if given.ndim != 2:
        return scale_membership(scale_of_item, n_scales, k)
    if given.shape != (k, n_scales) or not np.isin(given, (0, 1)).all():
        raise ValueError(f"a membership matrix must be 0/1 of shape ({k}, {n_scales})")
    if (given.sum(axis=0) == 0).any():
        raise ValueError(f"scale {int(np.flatnonzero(given.sum(axis=0) == 0)[0])} has no items")
    return given.astype(float)


def _allocated(part: MatrixScores, n: int) -> MatrixScores:
    """Empty results for ``n`` candidates, shaped and typed like ``part``."""

    def rows(a):
        # In the chunk's memory layout, so that each chunk is copied in
        # long runs (an (n, 2) array copied across layouts runs in pairs).
        return np.empty_like(a, shape=(n, *a.shape[1:]))

    return MatrixScores(
        scales=ScaleScores(
            rows(part.scales.score), rows(part.scales.n_answered), part.scales.n_items
        ),
        mahalanobis=Mahalanobis(rows(part.mahalanobis.d2), rows(part.mahalanobis.p)),
        **{name: rows(getattr(part, name)) for name in _PER_ROW},
    )


def _put(out: MatrixScores, part: MatrixScores, rows: slice) -> None:
    """Copy one chunk's results into ``out`` at ``rows``."""
    out.scales.score[rows] = part.scales.score
    out.scales.n_answered[rows] = part.scales.n_answered
    out.mahalanobis.d2[rows] = part.mahalanobis.d2
    out.mahalanobis.p[rows] = part.mahalanobis.p
    for name in _PER_ROW:
        getattr(out, name)[rows] = getattr(part, name)


_PER_ROW = ("ci_low", "ci_high", "t", "sten", "percentile", "long_string", "irv", "even_odd")


def _percentiles(scales: ScaleScores, stats, min_answered, norm_mean, norm_sd) -> np.ndarray:
    """``normal_percentiles(z_scores(score, mean, sd))``, scale by scale,
    computed once per distinct score where the scores allow it.

    With whole-number answers a scale score is ``sum / answered`` with a
    whole ``sum``, so a million candidates have a few thousand distinct
    scores, and the normal curve (some forty array operations per value) is
    the costliest step of :func:`score_matrix`. When every keyed sum is a
    whole number, the formula runs on a table of
    :func:`~assess.scoring.scales.prorated_mean` over all (sum, answered)
    pairs in range, the same division (and 80% rule) that made the scores
    and so the same numbers bit for bit, and each candidate's percentile is
    looked up. Otherwise the formula runs on every score.
    """
    mean = np.broadcast_to(np.asarray(norm_mean, dtype=float), scales.n_items.shape)
    sums, answered = keyed_sums_from(stats, scales.n_items.size)
    out = np.empty(scales.score.shape)
    for s in range(out.shape[1]):

        def formula(raw, s=s):
            return normal_percentiles(z_scores(raw, mean[s], norm_sd[s]))

        table = _score_table(sums[s], answered[s], scales.n_items[s], min_answered)
        if table is None:
            out[:, s] = formula(scales.score[:, s])
        else:
            table_scores, key = table
            out[:, s] = formula(table_scores).ravel()[key]
    return out


def _score_table(sums, answered, n_items, min_answered):
    """Every score that whole-number ``sums`` with these ``answered``
    counts can give, and each candidate's place in that table; None when a
    sum is not whole or the table would not be much smaller than the data."""
    if sums.size < 1024:
        return None
    low, high = sums.min(), sums.max()
    fewest, most = int(answered.min()), int(answered.max())
    width = most - fewest + 1
    if (high - low + 1) * width > sums.size // 8 or not np.array_equal(sums, np.rint(sums)):
        return None
    table_sums, table_answered = np.meshgrid(
        np.arange(low, high + 1), np.arange(fewest, most + 1), indexing="ij"
    )
    table = prorated_mean(table_sums, table_answered, n_items, min_answered)
    key = (sums - low).astype(np.int64)
    key *= width
    key += answered
    key -= fewest
    return table, key
