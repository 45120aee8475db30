"""Validity indices from dedicated items and page times: instructed items,
impression management, consistency pairs and responding too fast.

Re-exported by :mod:`assess.scoring.validity`. Matrices are candidates x
items, NaN = missing, on the instrument's response metric.

References
----------
Huang, J. L., Curran, P. G., Keeney, J., Poposki, E. M., & DeShon, R. P.
(2012). Detecting and deterring insufficient effort responding to surveys.
Journal of Business and Psychology, 27, 99-114.
Curran, P. G. (2016). Methods for the detection of carelessly invalid
responses in survey data. Journal of Experimental Social Psychology, 66, 4-19.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = [
    "ImpressionManagement",
    "impression_management",
    "inconsistency",
    "instructed_failures",
    "too_fast",
]


def _matrix(values, name: str = "responses") -> np.ndarray:
    r = np.asarray(values, dtype=np.float64)
    if r.ndim != 2:
        raise ValueError(f"{name} must be a 2-d array (candidates x items), got shape {r.shape}")
    return r


def instructed_failures(responses, expected, *, missing_fails: bool = True) -> np.ndarray:
    """Number of instructed items not answered as instructed.

    Parameters
    ----------
    responses : array_like, shape (n_candidates, n_instructed)
        Answers to the instructed items ("Choose 'disagree' here"), NaN =
        missing.
    expected : array_like, shape (n_instructed,)
        The answer each item asks for.
    missing_fails : bool, default True
        Count an unanswered instructed item as failed. The item asked for one
        specific answer; leaving it blank does not follow the instruction,
        and skipping is itself a sign of inattention (Huang et al., 2012).

    Returns
    -------
    ndarray of int, shape (n_candidates,)
        Count of failed instructed items.

    Examples
    --------
    >>> instructed_failures([[2, 4], [2, float("nan")], [3, 4]], [2, 4]).tolist()
    [0, 1, 1]
    """
    r = _matrix(responses)
    exp = np.asarray(expected, dtype=float)
    if exp.shape != (r.shape[1],):
        raise ValueError(f"expected must have one answer per instructed item ({r.shape[1]})")
    missing = np.isnan(r)
    wrong = ~missing & (r != exp)
    if missing_fails:
        wrong |= missing
    return wrong.sum(axis=1).astype(np.int64)


class ImpressionManagement(NamedTuple):
    """Mean answer to the impression-management items and its flag."""

    score: np.ndarray
    flagged: np.ndarray


def impression_management(responses, *, flag_at: float) -> ImpressionManagement:
    """Impression-management score: mean of the keyed IM items.

    Parameters
    ----------
    responses : array_like, shape (n_candidates, n_im_items)
        Reverse-keyed answers to the impression-management items on the
        response metric, NaN = missing.
    flag_at : float
        Scores at or above this (response metric) are flagged.

    Returns
    -------
    ImpressionManagement
        ``score``: mean of answered items (NaN if none); ``flagged``: bool,
        False where the score is NaN.

    Examples
    --------
    >>> res = impression_management([[5, 5, 4], [3, 2, 4]], flag_at=4.5)
    >>> res.score.round(3).tolist(), res.flagged.tolist()
    ([4.667, 3.0], [True, False])
    """
    r = _matrix(responses)
    count = (~np.isnan(r)).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(np.isnan(r), 0.0, r).sum(axis=1) / count
    score = np.where(count > 0, score, np.nan)
    return ImpressionManagement(score=score, flagged=np.nan_to_num(score, nan=-np.inf) >= flag_at)


def inconsistency(responses, pairs) -> np.ndarray:
    """Mean absolute difference between paired items a consistent person
    answers alike.

    Parameters
    ----------
    responses : array_like, shape (n_candidates, n_items)
        Reverse-keyed answers on the response metric, NaN = missing.
    pairs : array_like of int, shape (n_pairs, 2)
        Column indices of the paired items.

    Returns
    -------
    ndarray, shape (n_candidates,)
        Mean of ``|x_first - x_second|`` over pairs with both answered, on
        the response metric (0 = fully consistent); NaN when no pair is
        complete.

    Examples
    --------
    >>> inconsistency([[1, 1, 5, 2], [1, 3, 5, 5]], [[0, 1], [2, 3]]).tolist()
    [1.5, 1.0]
    """
    r = _matrix(responses)
    idx = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    if idx.size and (idx.min() < 0 or idx.max() >= r.shape[1]):
        raise ValueError("pairs refer to item columns outside the response matrix")
    diff = np.abs(r[:, idx[:, 0]] - r[:, idx[:, 1]])
    count = (~np.isnan(diff)).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(np.isnan(diff), 0.0, diff).sum(axis=1) / count
    return np.where(count > 0, mean, np.nan)


def too_fast(page_seconds, items_per_page, *, seconds_per_item: float = 2.0) -> np.ndarray:
    """Share of pages answered faster than ``seconds_per_item`` per item.

    Parameters
    ----------
    page_seconds : array_like, shape (n_candidates, n_pages)
        Seconds spent on each page, NaN = not timed.
    items_per_page : array_like, shape (n_pages,)
        Number of items on each page.
    seconds_per_item : float, default 2.0
        Huang et al. (2012): under about 2 seconds an item cannot have been
        read and considered.

    Returns
    -------
    ndarray, shape (n_candidates,)
        Proportion (0-1) of timed pages with ``seconds < items x
        seconds_per_item``; NaN when no page was timed.

    Examples
    --------
    >>> too_fast([[10.0, 3.0, 20.0, float("nan")]], [5, 5, 5, 5]).round(3).tolist()
    [0.333]
    """
    t = _matrix(page_seconds, "page_seconds")
    per_page = np.asarray(items_per_page, dtype=float)
    if per_page.shape != (t.shape[1],):
        raise ValueError(f"items_per_page must have one count per page ({t.shape[1]})")
    if seconds_per_item <= 0:
        raise ValueError("seconds_per_item must be positive")
    timed = ~np.isnan(t)
    fast = timed & (np.where(timed, t, np.inf) < per_page * seconds_per_item)
    count = timed.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = fast.sum(axis=1) / count
    return np.where(count > 0, share, np.nan)
