"""Response-validity indices: careless responding, impression management,
inconsistency and response time.

Every function takes a response matrix (candidates x items, NaN = missing) on
the instrument's response metric and returns one value per candidate. The
answer-pattern indices live here; those that rest on dedicated validity
items or page times live in :mod:`assess.scoring.validity_items` and are
re-exported here, so ``validity.<index>`` reaches every one. The
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
from assess.scoring.reliability import listwise_moments
from assess.scoring.validity_flags import DEFAULT_THRESHOLDS, validity_flags
from assess.scoring.validity_items import (
    ImpressionManagement,
    impression_management,
    inconsistency,
    instructed_failures,
    too_fast,
)

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


# Rows per block: large arrays are processed in blocks of this many
# candidates so temporaries stay in cache and memory stays bounded.
BLOCK_ROWS = 16_384
# The Mahalanobis quadratic form is a matrix product per block; it runs
# fastest when a block and its product (2 x 2,048 rows x 60 items in float32,
# about 1 MiB) stay in the CPU's L2 cache.
QUAD_ROWS = 2_048


def _matrix(responses, name: str = "responses") -> np.ndarray:
    """A 2-d float array; float32 is kept (halves memory traffic), others become float64."""
    r = np.asarray(responses)
    if r.dtype != np.float32:
        r = r.astype(np.float64, copy=False)
    if r.ndim != 2:
        raise ValueError(f"{name} must be a 2-d array (candidates x items), got shape {r.shape}")
    return r


def _blocks(n: int, size: int = BLOCK_ROWS):
    return (slice(start, min(start + size, n)) for start in range(0, n, size))


def _has_missing(block: np.ndarray) -> np.ndarray:
    """Per row: any NaN. A NaN makes the row sum NaN, and a matrix-vector
    product finds that several times faster than ``isnan(...).any(axis=1)``."""
    return np.isnan(block @ np.ones(block.shape[1], dtype=block.dtype))


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
    longest = np.zeros(n, dtype=np.int64)
    if k == 0:
        return longest
    counter = np.int8 if k < 127 else np.int32
    for rows in _blocks(n):
        block = r[rows]
        # NaN never equals anything, so a missing answer breaks the run.
        # Item-major layout makes each step below a contiguous pass.
        same = np.ascontiguousarray((block[:, 1:] == block[:, :-1]).T).view(np.int8)
        run = np.ones(block.shape[0], dtype=counter)
        best = run.copy()
        for j in range(k - 1):  # a loop over items, each step over a block of candidates
            run += 1
            run *= same[j]
            np.maximum(run, 1, out=run)
            np.maximum(best, run, out=best)
        gaps = np.flatnonzero(_has_missing(block))
        empty = gaps[np.isnan(block[gaps]).all(axis=1)]
        best[empty] = 0  # a lone missing answer was counted as a run of 1
        longest[rows] = best
    return longest


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
    out = np.empty(r.shape[0])
    for rows in _blocks(r.shape[0]):
        count, total, squares = _row_moments(r[rows])
        with np.errstate(invalid="ignore", divide="ignore"):
            # n·Σx² − (Σx)² is exact for whole-number answers, so a straight
            # line gives exactly 0 rather than rounding noise.
            var = np.maximum(count * squares - total * total, 0.0) / (count * (count - 1))
        out[rows] = np.where(count >= 2, np.sqrt(var), np.nan)
    return out


def _row_moments(r: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: number answered, sum and sum of squares of answered values."""
    r = r.astype(np.float64)  # a block-sized copy: sums in double precision
    missing = np.isnan(r)
    if missing.any():
        count = r.shape[1] - missing.astype(np.float32) @ np.ones(r.shape[1], dtype=np.float32)
        r[missing] = 0.0
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
    if len(scales) < max(min_scales, 2):
        return np.full(r.shape[0], np.nan)
    odd = np.zeros((r.shape[1], len(scales)))
    even = np.zeros_like(odd)
    for s, scale in enumerate(scales):
        items = np.flatnonzero(labels == scale)
        odd[items[0::2], s] = 1.0
        even[items[1::2], s] = 1.0
    halves = np.hstack([odd, even])
    halves32 = halves.astype(np.float32)
    # Half means are held scale-major, (2 scales, candidates), so that the
    # correlation below reduces over a short leading axis in long passes.
    means = np.empty((halves.shape[1], r.shape[0]))
    for rows in _blocks(r.shape[0]):
        block = r[rows].astype(np.float64)
        missing = np.isnan(block)
        if missing.any():
            block[missing] = 0.0
            # float32 counts are exact and several times faster to multiply
            counts = (~missing).astype(np.float32) @ halves32
        else:
            counts = halves.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            means[:, rows] = ((block @ halves) / counts).T
    odd_mean, even_mean = means[: len(scales)], means[len(scales) :]
    both = ~(np.isnan(odd_mean) | np.isnan(even_mean))
    with np.errstate(invalid="ignore", divide="ignore"):
        if both.all():  # complete data: skip the masking
            m = np.full(r.shape[0], len(scales))
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
        input's precision (float32 input: about six significant digits).

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
    complete = np.empty(n, dtype=bool)
    for rows in _blocks(n):
        complete[rows] = ~_has_missing(r[rows])
    if mean is None or cov is None:
        if complete.sum() < 2:
            raise ValueError("mahalanobis_d2 needs at least 2 complete rows to estimate mean/cov")
        # The same listwise moments as the reliability analysis: one blocked
        # pass, products in the input's precision after a whole-number shift
        # (exact for answers on an integer grid), sums in double precision.
        with np.errstate(invalid="ignore", over="ignore"):
            sample_cov, sample_mean, _ = listwise_moments(r)
    mu = sample_mean if mean is None else np.asarray(mean, dtype=float)
    if mu.shape != (k,):
        raise ValueError(f"mean must have shape ({k},), got {mu.shape}")
    sigma = sample_cov if cov is None else np.asarray(cov, dtype=float)
    if sigma.shape != (k, k):
        raise ValueError(f"cov must have shape ({k}, {k}), got {sigma.shape}")
    # The quadratic form runs in the input's precision: float32 answers
    # (small whole numbers) give D² to about six significant digits at twice
    # the speed; the mean and covariance above are always double precision.
    precision = np.linalg.pinv(sigma, hermitian=True).astype(r.dtype)
    centre = mu.astype(r.dtype)
    ones = np.ones(k, dtype=r.dtype)
    d2 = np.empty(n)
    for rows in _blocks(n, QUAD_ROWS):
        # Whole blocks, incomplete rows included (their NaN stays in their
        # own row): one matrix product per block and no copy of the kept rows.
        diff = r[rows] - centre
        quad = diff @ precision
        quad *= diff
        d2[rows] = quad @ ones  # row sums of (x - mu)' P * (x - mu)
    d2[~complete] = np.nan
    return Mahalanobis(d2=d2, p=np.asarray(chi2_sf(d2, k), dtype=float).reshape(n))
