"""Situational judgement scores against the expert key, 0-100.

Two methods, chosen per instrument version (``sjt_scoring`` in its YAML):

- :func:`sjt_scores`, ``key_distance``: raw distance of each rating from the
  key. It charges little for hedging: rating every option at the midpoint
  scores near the median (Cullen, Sackett & Lievens, 2006).
- :func:`sjt_standardised_scores`, ``standardised_distance``: the ratings
  are standardised within the candidate first (McDaniel et al., 2011), so
  the candidate's own level (elevation) and spread (scatter) carry no
  weight; only which options they rate above or below their own average
  counts. The score is the correlation of the ratings with the key, in
  per cent (held at 0): answers that do not discriminate score 0.
"""

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

__all__ = ["sjt_scores", "sjt_standardised_scores"]


def _checked(ratings, expert, low, high, min_answered):
    """The rating matrix and key as floats, checked against each other and
    the rating range."""
    R = response_matrix(ratings, "ratings")
    low, high = response_range(low, high)
    min_answered = answered_share(min_answered)
    expert = np.asarray(expert, dtype=np.float64)
    if expert.shape != (R.shape[1],):
        raise ValueError(
            f"expert must have one value per option ({R.shape[1]}); got shape {expert.shape}"
        )
    if not np.all((expert >= low) & (expert <= high)):
        raise ValueError(f"expert key values must lie in [{low:g}, {high:g}]")
    rated = R[~np.isnan(R)]
    if rated.size and (rated.min() < low or rated.max() > high):
        raise ValueError(f"ratings must lie in [{low:g}, {high:g}] (NaN = unrated)")
    return R, expert, low, high, min_answered


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
    R, expert, low, high, min_answered = _checked(ratings, expert, low, high, min_answered)
    m = R.shape[1]
    membership = scale_membership(scale_of_option, n_scales, m)
    answered = ~np.isnan(R)
    # fmax maps NaN (unrated) to 0, which the answered counts leave out.
    distance = np.fmax(np.abs(R - expert), 0.0)
    option_score_sum = answered @ membership * 100.0 - (distance @ membership) * (
        100.0 / (high - low)
    )
    n_answered = (answered @ membership).astype(np.int64)
    n_items = membership.sum(axis=0).astype(np.int64)
    score = prorated_mean(option_score_sum, n_answered, n_items, min_answered)
    return ScaleScores(score, n_answered, n_items)


def sjt_standardised_scores(
    ratings,
    expert,
    scale_of_option,
    n_scales,
    *,
    standardise_within=None,
    low=1,
    high=5,
    min_answered=0.8,
):
    """Within-person standardised distance of rated options from the key.

    For candidate ``i`` and a standardisation group ``g`` (a judgement
    scale) with rated options ``J``, both the ratings and the expert key are
    z-scored over ``J`` with the population SD (divide by ``|J|``)::

        z_ij = (r_ij - mean_J r_i) / sd_J r_i
        w_ij = (e_j - mean_J e) / sd_J e
        option[i, j] = 100 * (1 - (z_ij - w_ij)**2 / 2)

    and ``option[i, j] = 0`` for every option of the group when the
    candidate gave all of them the same rating (no order to compare).

    A score is the mean option score over the rated options it covers, held
    at 0 from below. Over a whole group this is ``100 * (1 - D2 / 2)`` with
    ``D2 = mean_J (z - w)**2 = 2 * (1 - r)``, so the group score equals
    ``100 * r``, ``r`` the Pearson correlation of the candidate's ratings
    with the key: 100 = same order and spacing as the experts, 0 = no
    relation or worse (also the score of identical ratings for every option;
    random ratings score near 0). A candidate's elevation (rating everything
    high or at the midpoint) and scatter (extreme or timid use of the scale)
    drop out. NaN when fewer than ``min_answered`` of the covered options
    were rated.

    Parameters
    ----------
    ratings : array_like, shape (n, m)
        Effectiveness ratings of ``m`` options on ``low``-``high``, NaN if
        unrated.
    expert : array_like, shape (m,)
        The experts' key on the same scale.
    scale_of_option : array_like of int, shape (m,)
        Which score each option counts towards, in ``[0, n_scales)``; -1 =
        unscored.
    n_scales : int
        Number of scores.
    standardise_within : array_like of int, shape (m,), optional
        The group over which ratings and key are standardised (a judgement
        scale); defaults to ``scale_of_option``. Per-scenario summaries pass
        the scenario as ``scale_of_option`` and its scale here, so a
        scenario is judged on the candidate's scale-wide standardisation.
    low, high : float, default 1 and 5
        Range of the rating scale.
    min_answered : float, default 0.8
        Share of a score's options that must be rated.

    Returns
    -------
    ScaleScores
        ``score`` (n, s) on 0-100, ``n_answered`` (n, s), ``n_items`` (s,).

    Raises
    ------
    ValueError
        On mismatched shapes, ratings or key outside ``[low, high]``, or a
        standardisation group whose key does not vary (nothing to compare).

    References
    ----------
    Cullen, M. J., Sackett, P. R., & Lievens, F. (2006). Threats to the
    operational use of situational judgment tests in the college admission
    process. *International Journal of Selection and Assessment, 14*(2),
    142-155.
    McDaniel et al. (2011), who standardised within person, and Weng et al.
    (2018), who compared scoring methods: full references under
    :func:`sjt_scores`.

    Examples
    --------
    Key (5, 4, 2, 1), ratings (4, 4, 3, 3): the key's z-scores are
    (1.2649, 0.6325, -0.6325, -1.2649), the ratings' (1, 1, -1, -1); the
    correlation is 0.9487, so the score is 94.8683. Rating every option 3
    scores 0.

    >>> r = sjt_standardised_scores([[4, 4, 3, 3], [3, 3, 3, 3]], [5, 4, 2, 1], [0] * 4, 1)
    >>> r.score.round(4)
    array([[94.8683],
           [ 0.    ]])
    """
    R, expert, low, high, min_answered = _checked(ratings, expert, low, high, min_answered)
    m = R.shape[1]
    membership = scale_membership(scale_of_option, n_scales, m)
    groups = scale_of_option if standardise_within is None else standardise_within
    groups = np.asarray(groups)
    n_groups = int(groups.max()) + 1 if groups.size and groups.max() >= 0 else 0
    group_membership = scale_membership(groups, n_groups, m)
    answered = ~np.isnan(R)
    for g in range(n_groups):
        key = expert[group_membership[:, g] > 0]
        if key.size and np.ptp(key) == 0:
            raise ValueError(f"the expert key of standardisation group {g} does not vary")
    z, flat = _standardised(R, answered, group_membership, groups)
    E = np.where(answered, expert, np.nan)
    w, _ = _standardised(E, answered, group_membership, groups)
    option = np.where(flat, 0.0, 100.0 * (1.0 - (z - w) ** 2 / 2.0))
    option = np.where(answered, option, 0.0)
    n_answered = (answered @ membership).astype(np.int64)
    n_items = membership.sum(axis=0).astype(np.int64)
    score = prorated_mean(option @ membership, n_answered, n_items, min_answered)
    return ScaleScores(np.maximum(score, 0.0), n_answered, n_items)


def _standardised(values, answered, group_membership, groups):
    """z-scores of each row's answered values within each group (population
    SD), NaN where unrated; and where a row's values in the group do not
    vary (z set to 0 there)."""
    filled = np.where(answered, values, 0.0)
    count = answered @ group_membership
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (filled @ group_membership) / count
        mean_sq = (filled**2 @ group_membership) / count
    sd = np.sqrt(np.maximum(mean_sq - mean**2, 0.0))
    in_group = groups >= 0
    mean_of = np.zeros_like(values)
    sd_of = np.ones_like(values)
    mean_of[:, in_group] = mean[:, groups[in_group]]
    sd_of[:, in_group] = sd[:, groups[in_group]]
    # Rounding leaves about 1e-8 of "spread" when every value is equal.
    flat = sd_of < 1e-9
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(flat, 0.0, (values - mean_of) / np.where(flat, 1.0, sd_of))
    return np.where(answered, z, np.nan), flat & answered
