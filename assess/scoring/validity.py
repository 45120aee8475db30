"""Response-validity indices: careless responding, impression management,
inconsistency and response time.

Every function takes a response matrix (candidates x items, NaN = missing) on
the instrument's response metric and returns one value per candidate. The
indices describe how a questionnaire was answered; they never change a
score. :func:`validity_flags` turns them into readable flags.

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
from assess.scoring.validity_flags import DEFAULT_THRESHOLDS, validity_flags

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Mahalanobis",
    "ImpressionManagement",
    "even_odd",
    "impression_management",
    "inconsistency",
    "instructed_failures",
    "irv",
    "long_string",
    "mahalanobis_d2",
    "too_fast",
    "validity_flags",
]


def _matrix(responses, name: str = "responses") -> np.ndarray:
    r = np.asarray(responses, dtype=float)
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
    Meade & Craig (2012); Johnson (2005). Computed per item column over all
    candidates at once: ``run_j = run_{j-1} + 1`` when answer j equals answer
    j-1, else 1 (0 when missing).

    Examples
    --------
    >>> long_string([[1, 1, 1, 2, 2], [3, float("nan"), 3, 3, 4]]).tolist()
    [3, 2]
    """
    r = _matrix(responses)
    n, k = r.shape
    if k == 0:
        return np.zeros(n, dtype=np.int64)
    same = r[:, 1:] == r[:, :-1]  # NaN never equals anything: a gap breaks the run
    run = np.ones(n, dtype=np.int32)
    longest = run.copy()
    for j in range(k - 1):  # a loop over items, each step over all candidates
        run += 1
        run *= same[:, j]
        np.maximum(run, 1, out=run)
        np.maximum(longest, run, out=longest)
    longest[np.isnan(r).all(axis=1)] = 0  # a lone missing answer counted as a run of 1
    return longest.astype(np.int64)


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
    count, total, squares = _row_moments(r)
    with np.errstate(invalid="ignore", divide="ignore"):
        # n·Σx² − (Σx)² is exact for whole-number answers, so a straight
        # line gives exactly 0 rather than rounding noise.
        var = np.maximum(count * squares - total * total, 0.0) / (count * (count - 1))
    return np.where(count >= 2, np.sqrt(var), np.nan)


def _row_moments(r: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: number answered, sum and sum of squares of answered values."""
    missing = np.isnan(r)
    if missing.any():
        count = r.shape[1] - missing.sum(axis=1).astype(float)
        r = np.where(missing, 0.0, r)
    else:
        count = np.full(r.shape[0], float(r.shape[1]))
    return count, r @ np.ones(r.shape[1]), np.einsum("ij,ij->i", r, r)


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
    labels = np.asarray(scale_of_item, dtype=object)
    if labels.shape != (r.shape[1],):
        raise ValueError(f"scale_of_item must have one label per item ({r.shape[1]})")
    scales = list(dict.fromkeys(lab for lab in labels if lab is not None and lab != ""))
    scales = [scale for scale in scales if np.sum(labels == scale) >= 2]  # else no even half
    odd = np.zeros((r.shape[1], len(scales)))
    even = np.zeros_like(odd)
    for s, scale in enumerate(scales):
        items = np.flatnonzero(labels == scale)
        odd[items[0::2], s] = 1.0
        even[items[1::2], s] = 1.0
    halves = np.hstack([odd, even])
    missing = np.isnan(r)
    if missing.any():
        sums = np.where(missing, 0.0, r) @ halves
        counts = (~missing).astype(float) @ halves
    else:
        sums, counts = r @ halves, halves.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / counts
    odd_mean, even_mean = means[:, : len(scales)], means[:, len(scales) :]
    both = ~(np.isnan(odd_mean) | np.isnan(even_mean))
    m = both.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if both.all():  # complete data: skip the masking
            xc = odd_mean - odd_mean.mean(axis=1, keepdims=True)
            yc = even_mean - even_mean.mean(axis=1, keepdims=True)
        else:
            x = np.where(both, odd_mean, 0.0)
            y = np.where(both, even_mean, 0.0)
            xc = np.where(both, x - x.sum(axis=1, keepdims=True) / m[:, None], 0.0)
            yc = np.where(both, y - y.sum(axis=1, keepdims=True) / m[:, None], 0.0)
        corr = (xc * yc).sum(axis=1) / np.sqrt((xc * xc).sum(axis=1) * (yc * yc).sum(axis=1))
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
        matrix (e.g. a constant item) does not fail.

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
    complete = ~np.isnan(r).any(axis=1)
    sample = r if complete.all() else r[complete]  # avoid copying a complete matrix
    if (mean is None or cov is None) and sample.shape[0] < 2:
        raise ValueError("mahalanobis_d2 needs at least 2 complete rows to estimate mean/cov")
    mu = sample.mean(axis=0) if mean is None else np.asarray(mean, dtype=float)
    if mu.shape != (k,):
        raise ValueError(f"mean must have shape ({k},), got {mu.shape}")
    diff = sample - mu
    if cov is None:
        centred = diff if mean is None else sample - sample.mean(axis=0)
        sigma = centred.T @ centred / (sample.shape[0] - 1)
    else:
        sigma = np.asarray(cov, dtype=float)
    if sigma.shape != (k, k):
        raise ValueError(f"cov must have shape ({k}, {k}), got {sigma.shape}")
    precision = np.linalg.pinv(sigma, hermitian=True)
    d2 = np.full(n, np.nan)
    d2[complete] = np.einsum("ij,ij->i", diff @ precision, diff)
    return Mahalanobis(d2=d2, p=np.asarray(chi2_sf(d2, k), dtype=float).reshape(n))


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
