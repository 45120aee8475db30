"""Likert scale scores: reverse keys and the prorated mean of answered items.

Every score here is on the instrument's own response metric (a raw 1-5 mean
for a 1-5 scale). A missing answer is NaN. A scale is scored only when at
least ``min_answered`` of its items are answered; otherwise its score is NaN
and ``n_answered`` says why.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from assess.scoring.rowpass import row_stats

__all__ = ["ScaleScores", "reverse_key", "scale_scores"]


class ScaleScores(NamedTuple):
    """Scores of ``n`` candidates on ``s`` scales.

    Attributes
    ----------
    score : ndarray, shape (n, s), float64
        Scale score on the metric of the scoring function; NaN where fewer
        than ``min_answered`` of the scale's items were answered.
    n_answered : ndarray, shape (n, s), int64
        Items (or options) of the scale the candidate answered.
    n_items : ndarray, shape (s,), int64
        Items (or options) that belong to each scale.
    """

    score: np.ndarray
    n_answered: np.ndarray
    n_items: np.ndarray


def reverse_key(x, low, high):
    """Reverse-key answers on the instrument's own range.

    ``x' = low + high - x``: on a 1-5 scale 1 becomes 5 and 4 becomes 2; on a
    0-6 scale 1 becomes 5. ``6 - x`` is right only for 1-5. NaN stays NaN.

    Parameters
    ----------
    x : array_like
        Raw answers on the response metric.
    low, high : float
        Lowest and highest point of the response scale.

    Returns
    -------
    ndarray
        Keyed answers on the same metric.

    Examples
    --------
    >>> reverse_key([1, 2, 5], 1, 5)
    array([5., 4., 1.])
    >>> reverse_key([0.0, 6.0], 0, 6)
    array([6., 0.])
    """
    low, high = response_range(low, high)
    return low + high - np.asarray(x, dtype=float)


def scale_scores(responses, keys, scale_of_item, n_scales, *, low, high, min_answered=0.8):
    """Prorated mean of keyed, answered items per scale.

    For candidate ``i`` and scale ``s`` with answered items ``A``::

        score[i, s] = (1/|A|) * sum_{j in A} y_ij,
        y_ij = x_ij if keys[j] == +1 else low + high - x_ij

    and NaN when ``|A| < min_answered * n_items[s]`` (the 80% rule). Scores
    are on the response metric (raw 1-5 mean for a 1-5 scale). Computed
    with two matrix products, so a million candidates take well under a
    second.

    Parameters
    ----------
    responses : array_like, shape (n, k)
        Raw answers, NaN where unanswered. float32 input is scored without
        a float64 copy (sums of up to a few hundred 1-5 answers are exact).
    keys : array_like, shape (k,)
        +1 for a positively keyed item, -1 for a reverse-keyed item.
    scale_of_item : array_like of int, shape (k,)
        Scale index in ``[0, n_scales)`` for each item; -1 for an item that
        no scale scores (e.g. an instructed-response item).
    n_scales : int
        Number of scales.
    low, high : float
        Range of the response scale; answers outside it are an error.
    min_answered : float, default 0.8
        Share of a scale's items that must be answered for a score.

    Returns
    -------
    ScaleScores
        ``score`` (n, s), ``n_answered`` (n, s) and ``n_items`` (s,).

    Raises
    ------
    ValueError
        On shapes that do not match, keys other than +1/-1, a scale index
        out of range, a scale without items, or an answer outside
        ``[low, high]``.

    References
    ----------
    Cronbach, L. J. (1951) for keyed item sums; the prorated-mean rule for
    missing items follows common practice (e.g. Schafer & Graham, 2002,
    on person-mean imputation, of which the prorated mean is the scale-level
    equivalent).

    Examples
    --------
    Two candidates, three items of one scale, the third reverse-keyed; the
    second candidate skipped item 2 (2 of 3 answered < 80%, so no score):

    >>> x = [[4, 5, 2], [3, float("nan"), 1]]
    >>> r = scale_scores(x, [1, 1, -1], [0, 0, 0], 1, low=1, high=5)
    >>> r.score
    array([[4.33333333],
           [       nan]])
    >>> r.n_answered
    array([[3],
           [2]])
    >>> r = scale_scores(x, [1, 1, -1], [0, 0, 0], 1, low=1, high=5, min_answered=0.6)
    >>> r.score  # (3 + (1 + 5 - 1)) / 2
    array([[4.33333333],
           [4.        ]])
    """
    X = response_matrix(responses)
    low, high = response_range(low, high)
    membership = scale_membership(scale_of_item, n_scales, X.shape[1])
    keys = _item_keys(keys, X.shape[1])
    min_answered = answered_share(min_answered)
    weights = keyed_weights(membership, keys, low, high)
    return scale_scores_from(row_stats(X, **weights), membership, low, high, min_answered)


def keyed_weights(membership, keys, low, high):
    """:func:`assess.scoring.rowpass.row_stats` weights for keyed scale sums.

    A keyed answer is ``c_j + sign_j * x_j`` with ``c_j = low + high`` for a
    reversed item: the signed answers are value sums, and the constants are
    counted over the answered items together with the items themselves.
    """
    reversal = (low + high) * membership * (keys[:, None] < 0)
    return {
        "value_weights": membership * keys[:, None],
        "count_weights": np.hstack([membership, reversal]),
    }


def scale_scores_from(stats, membership, low, high, min_answered):
    """:class:`ScaleScores` from a :func:`row_stats` pass whose first value
    and count columns are those of :func:`keyed_weights`; checks the range."""
    _check_range(stats.smallest, stats.largest, low, high)
    n_items = membership.sum(axis=0)
    sums, n_answered = keyed_sums_from(stats, membership.shape[1])
    score = prorated_mean(sums, n_answered, n_items[:, None], min_answered)
    return ScaleScores(score.T, n_answered.T, n_items.astype(np.int64))


def keyed_sums_from(stats, n_scales):
    """Keyed sums and items answered per scale, scale-major ``(s, n)``:
    with only a few scales, arithmetic on (n, s) arrays runs inner loops of
    length s and is several times slower."""
    counts = stats.counts[:, : 2 * n_scales].T
    n_answered = np.rint(counts[:n_scales]).astype(np.int64)
    return stats.sums[:, :n_scales].T + counts[n_scales:], n_answered


def prorated_mean(sums, n_answered, n_items, min_answered):
    """``sums / n_answered`` where enough items are answered, else NaN.

    The shared last step of :func:`scale_scores` and the situational
    judgement scores; ``n_items`` broadcasts against ``sums`` and
    ``n_answered``.
    The tolerance keeps 8 of 10 answered items at exactly 80%.
    """
    enough = (n_answered > 0) & (n_answered >= min_answered * n_items - 1e-9)
    out = np.full(np.shape(sums), np.nan)
    return np.divide(sums, n_answered, out=out, where=enough)


def per_scale(op, scores, *params):
    """``op(scores, *params)`` with per-scale parameters, fast for many rows.

    For (n, s) scores and (s,) parameters numpy's broadcast runs its inner
    loop s elements at a time, several times slower than applying ``op``
    one scale (column) at a time with scalar parameters; this does the
    latter when it pays and otherwise calls ``op`` directly.
    """
    scores = np.asarray(scores, dtype=float)
    params = [np.asarray(p, dtype=float) for p in params]
    columnwise = (
        scores.ndim == 2
        and scores.shape[0] > 1024
        and scores.shape[1] <= 64
        and all(p.shape == (scores.shape[1],) for p in params)
    )
    if not columnwise:
        return op(scores, *params)
    out = np.empty(scores.shape)
    for j in range(scores.shape[1]):
        out[:, j] = op(scores[:, j], *(p[j] for p in params))
    return out


def response_matrix(responses, name="responses"):
    """``responses`` as a 2-D float array (float32 kept, others float64)."""
    X = np.asarray(responses)
    if X.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array (candidates x items); got {X.ndim}-D")
    if X.shape[1] == 0:
        raise ValueError(f"{name} has no items (columns)")
    if X.dtype != np.float32:
        if not (np.issubdtype(X.dtype, np.number) or X.dtype == bool):
            raise ValueError(f"{name} must be numeric; got dtype {X.dtype}")
        X = X.astype(np.float64, copy=False)
    return X


def scale_membership(scale_of_item, n_scales, n_items):
    """(k, s) 0/1 matrix: item ``j`` belongs to scale ``s``; validates indices."""
    if isinstance(n_scales, bool) or not isinstance(n_scales, int | np.integer) or n_scales < 1:
        raise ValueError(f"n_scales must be a positive integer; got {n_scales!r}")
    scale_of_item = np.asarray(scale_of_item)
    if scale_of_item.shape != (n_items,):
        raise ValueError(
            f"scale_of_item must have one entry per item ({n_items}); got shape "
            f"{scale_of_item.shape}"
        )
    if scale_of_item.size and not np.issubdtype(scale_of_item.dtype, np.integer):
        raise ValueError(f"scale_of_item must hold integers; got dtype {scale_of_item.dtype}")
    bad = (scale_of_item < -1) | (scale_of_item >= n_scales)
    if bad.any():
        raise ValueError(
            f"scale_of_item must lie in [0, {n_scales}) or be -1 (not scored); "
            f"item {int(np.flatnonzero(bad)[0])} has {int(scale_of_item[bad][0])}"
        )
    membership = np.zeros((n_items, n_scales))
    scored = np.flatnonzero(scale_of_item >= 0)
    membership[scored, scale_of_item[scored]] = 1.0
    empty = np.flatnonzero(membership.sum(axis=0) == 0)
    if empty.size:
        raise ValueError(f"scale {int(empty[0])} has no items")
    return membership


def _item_keys(keys, n_items):
    keys = np.asarray(keys)
    if keys.shape != (n_items,):
        raise ValueError(f"keys must have one entry per item ({n_items}); got shape {keys.shape}")
    if not np.isin(keys, (1, -1)).all():
        raise ValueError("keys must be +1 (positive) or -1 (reverse-keyed)")
    return keys.astype(np.float64)


def response_range(low, high):
    low, high = float(low), float(high)
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"response range needs finite low < high; got low={low}, high={high}")
    return low, high


def answered_share(min_answered):
    min_answered = float(min_answered)
    if not 0.0 < min_answered <= 1.0:
        raise ValueError(f"min_answered must be a share in (0, 1]; got {min_answered}")
    return min_answered


def _check_range(smallest, largest, low, high):
    """Raise unless every answer given lies in ``[low, high]`` (with none
    given, ``smallest > largest`` and there is nothing to check)."""
    if smallest <= largest and (smallest < low or largest > high):
        raise ValueError(
            f"responses must lie in [{low:g}, {high:g}] (NaN = missing); "
            f"found values from {smallest:g} to {largest:g}"
        )
