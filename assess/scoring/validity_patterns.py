"""Answer-pattern indices of random and page-wise straight-line responding.

Both take answers on the response metric (candidates x answers, NaN =
missing) and return one value per candidate; they describe how the
questionnaire was answered and never change a score.

References
----------
Marjanovic, Z., Holden, R., Struthers, W., Cribbie, R., & Greenglass, E.
(2015). The inter-item standard deviation (ISD): An index that discriminates
between conscientious and random responders. *Personality and Individual
Differences, 84*, 79-83.
Curran, P. G. (2016). Methods for the detection of carelessly invalid
responses in survey data. *Journal of Experimental Social Psychology, 66*,
4-19.
"""

from __future__ import annotations

import numpy as np

__all__ = ["inter_item_sd", "straight_pages"]


def _matrix(values, name: str) -> np.ndarray:
    X = np.asarray(values, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D (candidates x answers); got {X.ndim}-D")
    return X


def _membership(group_of_item, k: int, name: str) -> np.ndarray:
    groups = np.asarray(group_of_item)
    if groups.shape != (k,) or not np.issubdtype(groups.dtype, np.integer):
        raise ValueError(f"{name} must hold one integer per answer column ({k})")
    n_groups = int(groups.max()) + 1 if k and groups.max() >= 0 else 0
    M = np.zeros((k, n_groups))
    inside = groups >= 0
    M[np.flatnonzero(inside), groups[inside]] = 1.0
    return M


def inter_item_sd(keyed, group_of_item) -> np.ndarray:
    """Pooled within-group standard deviation of keyed answers (ISD).

    Items of one facet measure one behaviour, so an attentive candidate's
    keyed answers to them lie close together; random answers spread as
    widely as the response scale allows (about 1.41 on a 1-5 scale).
    Marjanovic et al. (2015) compute the ISD per scale; here the squared
    deviations from each group's own mean are pooled over the groups::

        ISD_i = sqrt( sum_g sum_{j in g} (y_ij - mean_g y_i)² / sum_g (n_ig - 1) )

    over groups with at least two answered items.

    Parameters
    ----------
    keyed : array_like, shape (n, k)
        Keyed answers (reverse-keyed items already reversed), NaN = missing.
    group_of_item : array_like of int, shape (k,)
        Facet (or scale) index of each item, -1 to leave an item out.

    Returns
    -------
    ndarray, shape (n,)
        ISD on the response metric; NaN when no group has two answers.

    Examples
    --------
    Groups (1, 2) and (3, 4, 5): deviations ±0.5 and -1, 0, 1, so
    sqrt((0.25 + 0.25 + 1 + 0 + 1) / (1 + 2)) = 0.9129.

    >>> inter_item_sd([[1, 2, 3, 4, 5]], [0, 0, 1, 1, 1]).round(4)
    array([0.9129])
    """
    Y = _matrix(keyed, "keyed")
    M = _membership(group_of_item, Y.shape[1], "group_of_item")
    answered = ~np.isnan(Y)
    filled = np.where(answered, Y, 0.0)
    count = answered @ M
    total = filled @ M
    with np.errstate(invalid="ignore", divide="ignore"):
        squares = (filled**2) @ M - np.where(count > 0, total**2 / count, 0.0)
    usable = count >= 2
    df = np.where(usable, count - 1, 0).sum(axis=1)
    ss = np.where(usable, np.maximum(squares, 0.0), 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(df > 0, np.sqrt(ss / df), np.nan)


def straight_pages(responses, page_of_answer, *, min_answers: int = 3) -> np.ndarray:
    """Share of pages answered with one and the same option throughout.

    A page counts when the candidate answered at least ``min_answers`` of
    its questions; it is straight-lined when all those answers are equal.
    Unlike the longest run (Johnson, 2005), this catches a candidate who
    picks a new option for each page and ticks it all the way down, which
    never makes a run longer than a page.

    Parameters
    ----------
    responses : array_like, shape (n, k)
        Raw answers (not reverse-keyed), NaN = missing.
    page_of_answer : array_like of int, shape (k,)
        Page index of each answer column, -1 to leave a column out.
    min_answers : int, default 3

    Returns
    -------
    ndarray, shape (n,)
        Proportion (0-1) of counted pages that were straight-lined; NaN
        when no page counts.

    Examples
    --------
    Page 0 all 4s, page 1 mixed, page 2 all 2s: 2 of 3 pages.

    >>> straight_pages([[4, 4, 4, 1, 5, 3, 2, 2, 2]], [0, 0, 0, 1, 1, 1, 2, 2, 2]).round(3)
    array([0.667])
    """
    X = _matrix(responses, "responses")
    M = _membership(page_of_answer, X.shape[1], "page_of_answer")
    if min_answers < 2:
        raise ValueError("min_answers must be at least 2")
    answered = ~np.isnan(X)
    count = answered @ M
    low = np.where(answered, X, np.inf)
    high = np.where(answered, X, -np.inf)
    pages = M.shape[1]
    lowest = np.full((X.shape[0], pages), np.inf)
    highest = np.full((X.shape[0], pages), -np.inf)
    for p in range(pages):
        columns = M[:, p] > 0
        if columns.any():
            lowest[:, p] = low[:, columns].min(axis=1)
            highest[:, p] = high[:, columns].max(axis=1)
    counted = count >= min_answers
    straight = counted & (lowest == highest)
    n_counted = counted.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n_counted > 0, straight.sum(axis=1) / n_counted, np.nan)
