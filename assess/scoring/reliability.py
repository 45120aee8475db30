"""Internal consistency of one scale: alpha with its Feldt interval, omega
total, corrected item-total correlations and alpha if an item is deleted.

Every statistic comes from the item covariance matrix, which is accumulated
in one pass over the data in cache-sized blocks of rows (float64
accumulation, so float32 responses lose nothing). ``X`` holds *keyed*
answers (reverse-key first, see :func:`assess.scoring.scales.reverse_key`),
one row per candidate, one column per item of the scale, NaN = missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assess.scoring.distributions import f_ppf
from assess.scoring.onefactor import omega_from_correlation, one_factor_loadings
from assess.scoring.scales import response_matrix

__all__ = [
    "ScaleReliability",
    "alpha_ci",
    "alpha_if_deleted",
    "corrected_item_total",
    "cronbach_alpha",
    "omega_from_correlation",
    "omega_total",
    "one_factor_loadings",
    "scale_reliability",
]

_BLOCK_BYTES = 1 << 19


@dataclass(frozen=True)
class ScaleReliability:
    """Reliability and item analysis of one scale (see :func:`scale_reliability`).

    ``alpha`` and ``omega`` are unitless (0-1); ``item_mean`` and ``item_sd``
    are on the response metric; ``citc`` (corrected item-total correlation)
    and ``alpha_if_deleted`` have one entry per item.
    """

    alpha: float
    alpha_ci95: tuple[float, float]
    omega: float
    n: int
    k: int
    item_mean: np.ndarray
    item_sd: np.ndarray
    citc: np.ndarray
    alpha_if_deleted: np.ndarray


def cronbach_alpha(X, *, nan_policy="listwise"):
    """Cronbach's (1951) coefficient alpha of keyed item answers.

    ``alpha = k/(k-1) * (1 - sum_j var(x_j) / var(sum_j x_j))`` with sample
    variances (n-1), computed from the item covariance matrix ``C`` as
    ``k/(k-1) * (1 - trace(C) / sum(C))``.

    Parameters
    ----------
    X : array_like, shape (n, k)
        Keyed answers, NaN = missing, k >= 2.
    nan_policy : {"listwise", "pairwise"}, default "listwise"
        ``"listwise"`` drops every candidate with a missing answer (R
        ``psych::alpha(use="complete.obs")``); ``"pairwise"`` estimates each
        covariance from the candidates who answered both items, with that
        pair's own means (R ``cov(use="pairwise")``, as
        ``psych::alpha(use="pairwise")``).

    Returns
    -------
    alpha : float
        Unitless; at most 1, negative when items covary negatively.
    n_used : int
        Candidates used: complete cases (listwise), or the smallest number
        of candidates behind any one covariance (pairwise; the conservative
        ``n`` for :func:`alpha_ci`).

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of
    tests. *Psychometrika, 16*, 297-334.

    Examples
    --------
    Item variances 2/3, 2/3 and 2, totals 5, 9, 12, 10 with variance 26/3
    (the tests write out the arithmetic): 3/2 * (1 - (10/3)/(26/3)) = 12/13.

    >>> alpha, n = cronbach_alpha([[1, 2, 2], [2, 3, 4], [3, 4, 5], [2, 3, 5]])
    >>> round(alpha, 6), n
    (0.923077, 4)
    """
    C, _, n_used = _covariance(X, nan_policy)
    return _alpha(C), n_used


def alpha_ci(alpha, n, k, *, confidence=0.95):
    """Feldt (1965) confidence interval of coefficient alpha.

    ``(1 - (1 - alpha) * F_{1-a/2}, 1 - (1 - alpha) * F_{a/2})`` with
    ``a = 1 - confidence`` and F quantiles on df ``(n - 1, (n - 1)(k - 1))``,
    ``n`` being the candidates actually used (after listwise deletion).

    Parameters
    ----------
    alpha : float
        Sample alpha.
    n : int
        Candidates used to compute it, >= 2.
    k : int
        Items, >= 2.
    confidence : float, default 0.95
        Coverage of the interval, in (0, 1).

    Returns
    -------
    tuple of float
        Lower and upper limit (unitless).

    References
    ----------
    Feldt, L. S. (1965). The approximate sampling distribution of
    Kuder-Richardson reliability coefficient twenty. *Psychometrika, 30*,
    357-370.

    Examples
    --------
    >>> low, high = alpha_ci(0.8, 100, 10)
    >>> round(low, 3), round(high, 3)
    (0.736, 0.854)
    """
    if not (np.isfinite(alpha) and alpha <= 1):
        raise ValueError(f"alpha must be a finite number <= 1; got {alpha}")
    if int(n) != n or n < 2 or int(k) != k or k < 2:
        raise ValueError(f"alpha_ci needs integers n >= 2 and k >= 2; got n={n}, k={k}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie in (0, 1); got {confidence}")
    tail = (1 - confidence) / 2
    df1, df2 = n - 1, (n - 1) * (k - 1)
    upper_f = f_ppf(1 - tail, df1, df2)
    lower_f = f_ppf(tail, df1, df2)
    return float(1 - (1 - alpha) * upper_f), float(1 - (1 - alpha) * lower_f)


def omega_total(X, *, nan_policy="listwise"):
    """McDonald's omega total from one factor fitted by minres.

    One common factor is fitted to the item *correlation* matrix by minres
    (unweighted least squares on the off-diagonal elements; computed by
    principal-axis iteration to convergence, whose fixed point is the minres
    solution), starting from squared multiple correlations. Then::

        omega = (sum lambda)^2 / ((sum lambda)^2 + sum(1 - lambda^2))

    on the standardised metric: the variant with the model-implied total
    variance in the denominator. ``psych::omega(nf=1)``'s ``omega.tot``
    divides by the sum of the observed correlation matrix instead; the two
    agree exactly when one factor reproduces the correlations and otherwise
    differ by the sum of the off-diagonal residuals. A communality that
    would exceed 1 (Heywood case) is held at 1.

    Parameters
    ----------
    X : array_like, shape (n, k)
        Keyed answers, NaN = missing, k >= 3 (one factor is not identified
        from two items).
    nan_policy : {"listwise", "pairwise"}, default "listwise"
        As in :func:`cronbach_alpha`.

    Returns
    -------
    float
        Omega total, unitless, in [0, 1].

    References
    ----------
    McDonald, R. P. (1999). *Test theory: A unified treatment*. Erlbaum,
    ch. 6. Revelle, W. *psych* package, functions ``fa(fm="minres")`` and
    ``omega``.

    Examples
    --------
    Population correlations of four items with loadings 0.8, 0.7, 0.6, 0.5
    are recovered exactly: (2.6)^2 / (2.6^2 + 4 - 1.74) = 0.749446.

    >>> lam = np.array([0.8, 0.7, 0.6, 0.5])
    >>> R = np.outer(lam, lam) + np.diag(1 - lam**2)
    >>> round(omega_from_correlation(R), 6)
    0.749446
    """
    C, _, _ = _covariance(X, nan_policy)
    if np.any(np.diag(C) <= 0):
        raise ValueError("omega needs every item to vary; an item has zero variance")
    return omega_from_correlation(_correlation(C))


def corrected_item_total(X, *, nan_policy="listwise"):
    """Correlation of each item with the sum of the *other* items.

    ``r_j = cov(x_j, T - x_j) / (sd(x_j) * sd(T - x_j))`` with ``T`` the
    scale total; the item itself is left out of the total, so a lone item is
    not credited with correlating with itself.

    Parameters
    ----------
    X : array_like, shape (n, k)
        Keyed answers, NaN = missing, k >= 2.
    nan_policy : {"listwise", "pairwise"}, default "listwise"

    Returns
    -------
    ndarray, shape (k,)
        Correlations in [-1, 1]; NaN for an item (or rest) without variance.

    Examples
    --------
    >>> corrected_item_total([[1, 2, 2], [2, 3, 4], [3, 4, 5], [2, 3, 5]]).round(4)
    array([0.9449, 0.9449, 0.866 ])
    """
    C, _, _ = _covariance(X, nan_policy)
    return _citc(C)


def alpha_if_deleted(X, *, nan_policy="listwise"):
    """Cronbach's alpha of the scale without each item in turn.

    Parameters
    ----------
    X : array_like, shape (n, k)
        Keyed answers, NaN = missing, k >= 2.
    nan_policy : {"listwise", "pairwise"}, default "listwise"
        Candidates are dropped once, on all ``k`` items (as ``psych::alpha``
        reports ``alpha.drop``), not again for each reduced scale.

    Returns
    -------
    ndarray, shape (k,)
        Alpha of the remaining ``k - 1`` items; NaN when ``k == 2`` (alpha
        of a single item is undefined).

    Examples
    --------
    >>> alpha_if_deleted([[1, 2, 2], [2, 3, 4], [3, 4, 5], [2, 3, 5]]).round(4)
    array([0.8571, 0.8571, 1.    ])
    """
    C, _, _ = _covariance(X, nan_policy)
    return _alpha_drop(C)


def scale_reliability(X, *, nan_policy="listwise", keys=None, low=None, high=None):
    """Full reliability and item analysis of one scale from one data pass.

    Combines :func:`cronbach_alpha` (with its Feldt 95% interval from
    :func:`alpha_ci`, n = candidates used), :func:`omega_total`,
    :func:`corrected_item_total` and :func:`alpha_if_deleted`, plus item
    means and SDs (n-1) on the response metric.

    Parameters
    ----------
    X : array_like, shape (n, k)
        Keyed answers, NaN = missing, k >= 2.
    nan_policy : {"listwise", "pairwise"}, default "listwise"
    keys : array_like of +1/-1, shape (k,), optional
        When given, ``X`` holds *raw* answers and the items with key -1 are
        reverse-keyed on ``[low, high]`` inside the computation (their
        covariances change sign and their means become ``low + high - m``),
        which saves a keyed copy of a large matrix. Results equal those on
        the keyed copy.
    low, high : float, optional
        The response range; required with ``keys``.

    Returns
    -------
    ScaleReliability
        ``omega`` is NaN when ``k < 3`` or an item has zero variance.

    Examples
    --------
    >>> r = scale_reliability([[1, 2, 2], [2, 3, 4], [3, 4, 5], [2, 3, 5]])
    >>> round(r.alpha, 4), r.n, r.k, r.item_mean.tolist()
    (0.9231, 4, 3, [2.0, 3.0, 4.0])
    """
    C, mean, n_used = _covariance(X, nan_policy)
    if keys is not None:
        C, mean = _reverse_keyed(C, mean, keys, low, high)
    alpha = _alpha(C)
    k = C.shape[0]
    omega = (
        omega_from_correlation(_correlation(C))
        if k >= 3 and np.all(np.diag(C) > 0)
        else float("nan")
    )
    return ScaleReliability(
        alpha=alpha,
        alpha_ci95=alpha_ci(alpha, n_used, k),
        omega=omega,
        n=n_used,
        k=k,
        item_mean=mean,
        item_sd=np.sqrt(np.diag(C)),
        citc=_citc(C),
        alpha_if_deleted=_alpha_drop(C),
    )


def _reverse_keyed(C, mean, keys, low, high):
    """Covariances and means after ``x -> low + high - x`` for key -1 items."""
    keys = np.asarray(keys)
    if keys.shape != mean.shape or not np.isin(keys, (1, -1)).all():
        raise ValueError(f"keys must hold +1 or -1 for each of the {mean.size} items")
    if low is None or high is None:
        raise ValueError("reverse-keying needs the response range: pass low and high")
    sign = keys.astype(np.float64)
    mean = np.where(sign < 0, low + high - mean, mean)
    return C * np.outer(sign, sign), mean


def _alpha(C):
    k = C.shape[0]
    total = C.sum()
    if not total > 0:
        raise ValueError("alpha is undefined: the total score has no variance")
    return float(k / (k - 1) * (1 - np.trace(C) / total))


def _citc(C):
    item_var = np.diag(C)
    with_total = C.sum(axis=1)
    rest_var = C.sum() - 2 * with_total + item_var
    with np.errstate(invalid="ignore", divide="ignore"):
        return (with_total - item_var) / np.sqrt(item_var * rest_var)


def _alpha_drop(C):
    k = C.shape[0]
    if k == 2:
        return np.full(2, np.nan)
    item_var = np.diag(C)
    rest_var = C.sum() - 2 * C.sum(axis=1) + item_var
    with np.errstate(invalid="ignore", divide="ignore"):
        return (k - 1) / (k - 2) * (1 - (np.trace(C) - item_var) / rest_var)


def _correlation(C):
    sd = np.sqrt(np.diag(C))
    R = C / np.outer(sd, sd)
    np.fill_diagonal(R, 1.0)
    return R


def _covariance(X, nan_policy):
    """Item covariance matrix (n-1), item means and candidates used."""
    if nan_policy not in ("listwise", "pairwise"):
        raise ValueError(f"nan_policy must be 'listwise' or 'pairwise'; got {nan_policy!r}")
    X = response_matrix(X, "X")
    k = X.shape[1]
    if k < 2:
        raise ValueError(f"reliability needs at least 2 items; got {k}")
    # An infinite answer is reported below from C, not as a warning.
    with np.errstate(invalid="ignore", over="ignore"):
        C, mean, n_used = listwise_moments(X) if nan_policy == "listwise" else _pairwise(X)
    if n_used < 2:
        raise ValueError(f"reliability needs at least 2 candidates with answers; have {n_used}")
    # An infinite answer surfaces here rather than through a separate pass.
    if not np.all(np.isfinite(C)):
        raise ValueError("X must be finite or NaN (missing); found an infinity")
    return C, mean, n_used


def listwise_moments(X):
    """Shifted sums of squares and cross-products over complete rows.

    Shifting by the first block's answered means keeps the one-pass formula
    ``(S2 - S1 S1'/n) / (n - 1)`` free of cancellation. An incomplete row
    (found through its NaN row sum) is zeroed after the shift, which takes it
    out of both sums without copying the complete rows. float32 answers are
    multiplied in float32 within a block (twice as fast) after a shift by
    whole numbers, so answers on the usual integer (or half-point) grid
    stay exact; the block sums are accumulated in float64.
    """
    n_rows, k = X.shape
    shift = _answered_means(X[:4096].astype(np.float64))
    dtype = np.float32 if X.dtype == np.float32 else np.float64
    if dtype == np.float32:
        shift = np.round(shift)
    shift = shift.astype(dtype)
    rows = max(64, _BLOCK_BYTES // (k * 8))
    buffer = np.empty((min(rows, n_rows), k), dtype)
    ones = np.ones(max(k, min(rows, n_rows)), dtype)
    n, s1, s2 = 0, np.zeros(k), np.zeros((k, k))
    for start in range(0, n_rows, rows):
        block = np.subtract(X[start : start + rows], shift, out=buffer[: min(rows, n_rows - start)])
        incomplete = np.isnan(block @ ones[:k])
        if incomplete.any():
            block[incomplete] = 0.0
        n += len(block) - int(incomplete.sum())
        s1 += ones[: len(block)] @ block
        s2 += block.T @ block
    shift = shift.astype(np.float64)
    if n < 2:
        return np.full((k, k), np.nan), np.full(k, np.nan), n
    C = (s2 - np.outer(s1, s1) / n) / (n - 1)
    return C, shift + s1 / n, n


def _pairwise(X):
    """Pairwise-complete covariances, each with its own pair's means."""
    k = X.shape[1]
    counts, sums, cross = np.zeros((k, k)), np.zeros((k, k)), np.zeros((k, k))
    shift = _answered_means(X[:4096].astype(np.float64))
    rows = max(64, _BLOCK_BYTES // (k * 8))
    for start in range(0, len(X), rows):
        block = X[start : start + rows].astype(np.float64)
        answered = ~np.isnan(block)
        shifted = np.where(answered, block - shift, 0.0)
        present = answered.astype(np.float64)
        counts += present.T @ present
        sums += shifted.T @ present  # sums[i, j]: sum of x_i where j is answered too
        cross += shifted.T @ shifted
    n_used = int(counts.min()) if counts.size else 0
    with np.errstate(invalid="ignore", divide="ignore"):
        C = (cross - sums * sums.T / counts) / (counts - 1)
        mean = shift + np.diag(sums) / np.diag(counts)
    return C, mean, n_used


def _answered_means(block):
    """Column means over answered cells; 0 for a column with none."""
    answered = ~np.isnan(block)
    total = np.where(answered, block, 0.0).sum(axis=0)
    count = answered.sum(axis=0)
    return np.divide(total, count, out=np.zeros(block.shape[1]), where=count > 0)
