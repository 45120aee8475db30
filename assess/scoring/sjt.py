"""Situational judgement scores: distance from the expert key, 0-100."""

from __future__ import annotations

import numpy as np

from assess.scoring.scales import (
    ScaleScores,
    answered_share,
    prorated_mean,
    response_matrix,
    response_range,
    scale_membership,
)

__all__ = ["sjt_scores"]


def sjt_scores(ratings, expert, scale_of_option, n_scales, *, low=1, high=5, min_answered=0.8):
    """Distance scores of rated scenario options against the expert key.

    Each option the candidate rated scores::

        option[i, j] = 100 * (1 - |r_ij - e_j| / (high - low))

    so agreeing with the experts scores 100 and the furthest possible rating
    scores 0. A scale's score is the mean over its *answered* options, and
    NaN when fewer than ``min_answered`` of them were rated (the same 80%
    rule as Likert scales). Scores are on a 0-100 metric, not the rating
    metric.

    Parameters
    ----------
    ratings : array_like, shape (n, m)
        Candidates' effectiveness ratings of ``m`` options, NaN if unrated.
    expert : array_like, shape (m,)
        The experts' consensus (e.g. mean) effectiveness of each option on
        the same ``low``-``high`` scale; need not be an integer.
    scale_of_option : array_like of int, shape (m,)
        Scale index per option in ``[0, n_scales)``, -1 for unscored.
    n_scales : int
        Number of scales.
    low, high : float, default 1 and 5
        Range of the effectiveness rating scale.
    min_answered : float, default 0.8
        Share of a scale's options that must be rated for a score.

    Returns
    -------
    ScaleScores
        ``score`` (n, s) on 0-100, ``n_answered`` (n, s), ``n_items`` (s,)
        (options per scale).

    Raises
    ------
    ValueError
        On mismatched shapes, or ratings or expert values outside
        ``[low, high]``.

    References
    ----------
    McDaniel, M. A., Psotka, J., Legree, P. J., Yost, A. P., & Weekley, J. A.
    (2011). Toward an understanding of situational judgment item validity and
    group differences. *Journal of Applied Psychology, 96*(2), 327-336.
    Weng, Q., Yang, H., Lievens, F., & McDaniel, M. A. (2018). Optimizing the
    validity of situational judgment tests: The importance of scoring methods.
    *Journal of Vocational Behavior, 104*, 199-209.

    Examples
    --------
    One candidate, three options of one scenario scale, expert key
    (4.5, 2, 1); ratings 5, 2 and 3 are 0.5, 0 and 2 points away:
    100 * (1 - 0.5/4) = 87.5, 100, 100 * (1 - 2/4) = 50; mean 79.1667.

    >>> r = sjt_scores([[5, 2, 3]], [4.5, 2, 1], [0, 0, 0], 1)
    >>> r.score.round(4)
    array([[79.1667]])
    """
    R = response_matrix(ratings, "ratings")
    low, high = response_range(low, high)
    min_answered = answered_share(min_answered)
    m = R.shape[1]
    expert = np.asarray(expert, dtype=np.float64)
    if expert.shape != (m,):
        raise ValueError(f"expert must have one value per option ({m}); got shape {expert.shape}")
    if not np.all((expert >= low) & (expert <= high)):
        raise ValueError(f"expert key values must lie in [{low:g}, {high:g}]")
    membership = scale_membership(scale_of_option, n_scales, m)
    answered = ~np.isnan(R)
    rated = R[answered]
    if rated.size and (rated.min() < low or rated.max() > high):
        raise ValueError(f"ratings must lie in [{low:g}, {high:g}] (NaN = unrated)")
    # fmax maps NaN (unrated) to 0, which the answered counts leave out.
    distance = np.fmax(np.abs(R - expert), 0.0)
    option_score_sum = answered @ membership * 100.0 - (distance @ membership) * (
        100.0 / (high - low)
    )
    n_answered = (answered @ membership).astype(np.int64)
    n_items = membership.sum(axis=0).astype(np.int64)
    score = prorated_mean(option_score_sum, n_answered, n_items, min_answered)
    return ScaleScores(score, n_answered, n_items)
