"""Response-validity indices: careless responding, impression management,
inconsistency and response time.

Every function takes a response matrix (candidates x items, NaN = missing) on
the instrument's response metric and returns one value per candidate. The
answer-pattern indices live here; those that rest on dedicated validity
items or page times live in :mod:`assess.scoring.validity_items`, the
random and page-wise straight-lining indices in
:mod:`assess.scoring.validity_patterns`; both are re-exported here, so
``validity.<index>`` reaches every one. The indices describe how a
questionnaire was answered; they never change a score.
:func:`validity_flags` turns them into readable flags.

References
----------
Curran, P. G. (2016). Methods for the detection of carelessly invalid
responses in survey data. Journal of Experimental Social Psychology, 66, 4-19.
Dunn, A. M., Heggestad, E. D., Shanock, L. R., & Theilgard, N. (2018).
Intra-individual response variability as an indicator of insufficient effort
responding. Journal of Business and Psychology, 33, 105-121.
Huang, J. L., Curran, P. G., Keeney, J., Poposki, E. M., & DeShon, R. P.
(2012). Detecting and deterring insufficient effort responding to surveys.
Journal of Business and Psychology, 27, 99-114.
Johnson, J. A. (2005). Ascertaining the validity of individual protocols from
Web-based personality inventories. Journal of Research in Personality, 39,
103-129.
Meade, A. W., & Craig, S. B. (2012). Identifying careless responses in survey
data. Psychological Methods, 17, 437-455.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from assess.scoring.distributions import chi2_sf
from assess.scoring.reliability import listwise_moments
from assess.scoring.rowpass import RowStats, longest_run, row_stats
from assess.scoring.validity_flags import DEFAULT_THRESHOLDS, validity_flags
from assess.scoring.validity_items import (
    ImpressionManagement,
    impression_management,
    inconsistency,
    instructed_failures,
    too_fast,
)
from assess.scoring.validity_patterns import inter_item_sd, straight_pages

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Mahalanobis",
    "ImpressionManagement",
    "even_odd",
    "impression_management",
    "inconsistency",
    "instructed_failures",
    "inter_item_sd",
    "irv",
    "long_string",
    "mahalanobis_d2",
    "straight_pages",
    "too_fast",
    "validity_flags",
]


def _matrix(responses, name: str = "responses") -> np.ndarray:
    """A 2-d float array; float32 is kept (halves memory traffic), others become float64."""
    r = np.asarray(responses)
    if r.dtype != np.float32:
        r = r.astype(np.float64, copy=False)
    if r.ndim != 2:
        raise ValueError(f"{name} must be a 2-d array (candidates x items), got shape {r.shape}")
    return r


def long_string(responses) -> np.ndarray:
    """Longest run of identical consecutive answers, in item order.

    Parameters
    ----------
    responses : array_like, shape (n_candidates, n_items)
        Raw answers in presentation order (before reverse keying), NaN =
        missing. A missing answer breaks a run.

    Returns
    -------
    ndarray of int, shape (n_candidates,)
        Length of the longest run (items); 0 when nothing was answered.

    Notes
    -----
    Meade & Craig (2012); Johnson (2005). Each pair of neighbouring answers
    that are equal sets one bit of a bit string per candidate, and the
    longest run of set bits is found with word operations
    (:func:`assess.scoring.rowpass.longest_run`).

    Examples
    --------
    >>> long_string([[1, 1, 1, 2, 2], [3, float("nan"), 3, 3, 4]]).tolist()
    [3, 2]
    """
    r = _matrix(responses)
    if r.shape[1] == 0:
        return np.zeros(r.shape[0], dtype=np.int64)
    return long_string_from(row_stats(r, same=True))


def long_string_from(stats: RowStats) -> np.ndarray:
    """:func:`long_string` from a :func:`row_stats` pass with ``same=True``.

    A run of ``L`` equal-neighbour bits is a run of ``L + 1`` equal answers;
    a candidate who answered anything has a run of at least 1.
    """
    return np.where(stats.answered > 0, longest_run(stats.same) + 1, 0)


def irv(responses) -> np.ndarray:
    """Intra-individual response variability (IRV).

    Parameters
    ----------
    responses : array_like, shape (n_candidates, n_items)
        Answers on the response metric, NaN = missing.

    Returns
    -------
    ndarray, shape (n_candidates,)
        Sample standard deviation (ddof = 1, as ``sd()`` in R
        ``careless::irv``) of each candidate's answered items, on the
        response metric; NaN with fewer than two answers.

    Notes
    -----
    Dunn et al. (2018): a very low IRV suggests straight-lining.

    Examples
    --------
    >>> irv([[1, 2, 3, 4, 5], [3, 3, 3, 3, 3]]).round(4).tolist()
    [1.5811, 0.0]
    """
    r = _matrix(responses)
    return irv_from(row_stats(r, value_weights=np.ones(r.shape[1]), squares=True))


def irv_from(stats: RowStats) -> np.ndarray:
    """:func:`irv` from a :func:`row_stats` pass whose first value-weight
    column is all ones and with ``squares=True``."""
    count, total = stats.answered.astype(float), stats.sums[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        # n·Σx² − (Σx)² is exact for whole-number answers, so a straight
        # line gives exactly 0 rather than rounding noise.
        var = np.maximum(count * stats.squares - total * total, 0.0) / (count * (count - 1))
    return np.where(count >= 2, np.sqrt(var), np.nan)


def even_odd(responses, scale_of_item, *, min_scales: int = 3) -> np.ndarray:
    """Even-odd consistency, Spearman-Brown corrected.

    Parameters
    ----------
    responses : array_like, shape (n_candidates, n_items)
        Reverse-keyed answers (so that all items of a scale point the same
        way), NaN = missing.
    scale_of_item : array_like, shape (n_items,)
        Scale label of each item. Items of a scale are split by their order
        within the scale: 1st, 3rd, 5th ... (odd) and 2nd, 4th ... (even).
        Items labelled ``None`` or ``""`` are left out.
    min_scales : int, default 3
        Fewest scales with both half-means needed to compute a correlation.

    Returns
    -------
    ndarray, shape (n_candidates,)
        ``2r / (1 + r)``, where r is the Pearson correlation across scales
        between the odd-half and even-half means (means of answered items);
        values below -1 are set to -1, as R ``careless::evenodd`` does. Higher
        means more consistent. NaN when too few scales or a constant half.

    Notes
    -----
    Johnson (2005); Meade & Craig (2012). R ``careless::evenodd`` returns the
    negative of this value since version 1.2.0; here positive is consistent.

    Examples
    --------
    >>> x = [[1, 1, 3, 3, 5, 5], [1, 5, 3, 3, 5, 1]]
    >>> even_odd(x, ["a", "a", "b", "b", "c", "c"]).round(3).tolist()
    [1.0, -1.0]
    """
    r = _matrix(responses)
    halves = even_odd_halves(scale_of_item, r.shape[1], min_scales)
    if halves is None:
        return np.full(r.shape[0], np.nan)
    stats = row_stats(r, value_weights=halves, count_weights=halves)
    return even_odd_from(stats.sums, stats.counts, min_scales)


def even_odd_halves(scale_of_item, n_items, min_scales=3):
    """(k, 2s) 0/1 matrix: odd halves of the ``s`` usable scales, then even
    halves; None when fewer than ``max(min_scales, 2)`` scales have two items."""
    labels = np.asarray(scale_of_item, dtype=object)
    if labels.shape != (n_items,):
        raise ValueError(f"scale_of_item must have one label per item ({n_items})")
    scales = list(dict.fromkeys(lab for lab in labels if lab is not None and lab != ""))
    scales = [scale for scale in scales if np.sum(labels == scale) >= 2]  # else no even half
    if len(scales) < max(min_scales, 2):
        return None
    halves = np.zeros((n_items, 2 * len(scales)))
    for s, scale in enumerate(scales):
        items = np.flatnonzero(labels == scale)
        halves[items[0::2], s] = 1.0
        halves[items[1::2], len(scales) + s] = 1.0
    return halves


def even_odd_from(half_sums, half_counts, min_scales=3):
    """:func:`even_odd` from each candidate's (n, 2s) sums and counts of
    answered items in the halves of :func:`even_odd_halves`."""
    s = half_sums.shape[1] // 2
    with np.errstate(invalid="ignore", divide="ignore"):
        # Scale-major (2s, n): the correlation reduces over a short leading axis.
        means = (half_sums / half_counts).T
    odd_mean, even_mean = means[:s], means[s:]
    n = means.shape[1]
    both = ~(np.isnan(odd_mean) | np.isnan(even_mean))
    with np.errstate(invalid="ignore", divide="ignore"):
        if both.all():  # complete data: skip the masking
            m = np.full(n, s)
            xc = odd_mean - odd_mean.mean(axis=0)
            yc = even_mean - even_mean.mean(axis=0)
        else:
            m = both.sum(axis=0)
            x = np.where(both, odd_mean, 0.0)
            y = np.where(both, even_mean, 0.0)
            xc = np.where(both, x - x.sum(axis=0) / m, 0.0)
            yc = np.where(both, y - y.sum(axis=0) / m, 0.0)
        corr = (xc * yc).sum(axis=0) / np.sqrt((xc * xc).sum(axis=0) * (yc * yc).sum(axis=0))
        corrected = 2.0 * corr / (1.0 + corr)
    corrected = np.where(corr <= -1.0 / 3.0, -1.0, corrected)  # 2r/(1+r) < -1 there
    return np.where(m >= min_scales, corrected, np.nan)


class Mahalanobis(NamedTuple):
    """Squared Mahalanobis distance ``d2`` and its chi-square p-value ``p``."""

    d2: np.ndarray
    p: np.ndarray


def mahalanobis_d2(responses, *, mean=None, cov=None) -> Mahalanobis:
    """Squared Mahalanobis distance of each answer vector from the centroid.

    Parameters
    ----------
    responses : array_like, shape (n_candidates, n_items)
        Answers, NaN = missing; a candidate with any missing answer gets NaN.
    mean : array_like, shape (n_items,), optional
        Centroid; default the mean of the complete rows.
    cov : array_like, shape (n_items, n_items), optional
        Covariance matrix; default the sample covariance (ddof = 1) of the
        complete rows. Its Moore-Penrose pseudo-inverse is used, so a singular
        matrix (e.g. a constant item) does not fail. Mean and covariance are
        accumulated in double precision; the quadratic form runs in the
        input's precision (float32 input: an absolute error near 1e-6 of a
        typical D², so about six significant digits for D² near k).

    Returns
    -------
    Mahalanobis
        ``d2 = (x - mean)' pinv(cov) (x - mean)`` (squared metric, not D) and
        ``p = P(chi2(k) > d2)`` with k = number of items.

    Notes
    -----
    Meade & Craig (2012); Curran (2016). Small p marks an unusual pattern.

    Examples
    --------
    >>> res = mahalanobis_d2([[1.0, 2.0]], mean=[0.0, 0.0], cov=[[1.0, 0.0], [0.0, 4.0]])
    >>> float(res.d2[0]), round(float(res.p[0]), 6)
    (2.0, 0.367879)
    """
    r = _matrix(responses)
    n, k = r.shape
    if mean is None or cov is None:
        sample_mean, sample_cov = reference_moments(r)
    mu = sample_mean if mean is None else np.asarray(mean, dtype=float)
    if mu.shape != (k,):
        raise ValueError(f"mean must have shape ({k},), got {mu.shape}")
    sigma = sample_cov if cov is None else np.asarray(cov, dtype=float)
    if sigma.shape != (k, k):
        raise ValueError(f"cov must have shape ({k}, {k}), got {sigma.shape}")
    return mahalanobis_from(row_stats(r, quad=(mu, mahalanobis_precision(sigma))), k)


def reference_moments(r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sample covariance (ddof = 1) of the complete rows, the
    default centroid of :func:`mahalanobis_d2`.

    The same listwise moments as the reliability analysis: one blocked pass,
    products in the input's precision after a whole-number shift (exact for
    answers on an integer grid), sums in double precision.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        cov, mean, complete = listwise_moments(r)
    if complete < 2:
        raise ValueError("mahalanobis_d2 needs at least 2 complete rows to estimate mean/cov")
    if not (np.isfinite(cov).all() and np.isfinite(mean).all()):
        raise ValueError("responses must be finite or NaN (missing); found an infinity")
    return mean, cov


def mahalanobis_precision(cov) -> np.ndarray:
    """Moore-Penrose pseudo-inverse of a covariance matrix (a singular one,
    e.g. with a constant item, does not fail)."""
    return np.linalg.pinv(np.asarray(cov, dtype=float), hermitian=True)


def mahalanobis_from(stats: RowStats, n_items: int) -> Mahalanobis:
    """:func:`mahalanobis_d2` from a :func:`row_stats` pass with ``quad``
    over ``n_items`` items (the chi-square's degrees of freedom)."""
    d2 = stats.quad
    p = np.full(d2.shape, np.nan)
    # Only rows with every answer have a D²: the others skip the p formula.
    measured = ~np.isnan(d2)
    p[measured] = chi2_sf(d2[measured], n_items)
    return Mahalanobis(d2=d2, p=p)
