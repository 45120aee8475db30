"""The probability functions the scoring engine calls, from scipy.

Each is a thin wrapper over :mod:`scipy.special` (Cephes/Boost, maintained
by specialists) that adds what the engine relies on: a ``ValueError`` for an
argument outside the function's domain, NaN passed through as missing, and a
plain ``float`` for scalar input. Degrees of freedom need not be integers
(ICC(2,.) confidence limits use a Satterthwaite-type df).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

__all__ = [
    "chi2_sf",
    "f_ppf",
    "f_sf",
    "fisher_exact_two_sided",
    "normal_cdf",
    "normal_ppf",
]


def _scalar_or_array(out):
    out = np.asarray(out, dtype=float)
    return float(out) if out.ndim == 0 else out


def _check_probabilities(name: str, p: np.ndarray) -> None:
    if np.any((p < 0) | (p > 1)):  # NaN compares False: missing, not wrong
        raise ValueError(f"{name}: probabilities must lie in [0, 1]")


def _check_df(name: str, *dfs: np.ndarray) -> None:
    if any(np.any(df <= 0) for df in dfs):
        raise ValueError(f"{name}: degrees of freedom must be positive")


def normal_cdf(z):
    """Standard normal cumulative distribution ``Phi(z)`` (``scipy.special.ndtr``).

    Parameters
    ----------
    z : array_like
        Standard scores (z metric). NaN gives NaN.

    Returns
    -------
    float or ndarray
        ``P(Z <= z)`` in [0, 1].

    Examples
    --------
    >>> round(normal_cdf(1.959963984540054), 12)
    0.975
    """
    return _scalar_or_array(special.ndtr(np.asarray(z, dtype=float)))


def normal_ppf(p):
    """Standard normal quantile ``Phi^-1(p)`` (``scipy.special.ndtri``).

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1]; 0 gives -inf, 1 gives +inf, NaN gives NaN.

    Raises
    ------
    ValueError
        If any non-missing ``p`` lies outside [0, 1].

    Examples
    --------
    >>> round(normal_ppf(0.975), 9)
    1.959963985
    """
    p = np.asarray(p, dtype=float)
    _check_probabilities("normal_ppf", p)
    return _scalar_or_array(special.ndtri(p))


def chi2_sf(x, df):
    """Chi-square survival function ``P(X > x)`` (``scipy.special.chdtrc``).

    Parameters
    ----------
    x : array_like
        Values of the statistic (e.g. a Mahalanobis D², squared metric); a
        negative value gives 1.
    df : array_like
        Degrees of freedom, > 0; need not be an integer.

    Raises
    ------
    ValueError
        If any non-missing ``df`` is not positive.

    Notes
    -----
    One whole df up to 400 for every value (a D² over k items, the call
    that scores a million candidates) takes the closed form of
    :func:`_chi2_sf_whole_df`, seven times faster than ``chdtrc`` on such
    arrays: without it ``benchmarks/scoring.py``'s full scoring of a million
    candidates took 0.56 s instead of 0.44-0.46 s (interleaved runs).

    Examples
    --------
    >>> round(chi2_sf(3.841458820694124, 1), 12)
    0.05
    """
    x, df = np.asarray(x, dtype=float), np.asarray(df, dtype=float)
    _check_df("chi2_sf", df)
    x = np.maximum(x, 0.0)
    first = float(df.flat[0]) if df.size else 0.0
    if first == round(first) and first <= 400 and (df == first).all() and not (x >= 1400).any():
        return _scalar_or_array(_chi2_sf_whole_df(x, int(first)))
    return _scalar_or_array(special.chdtrc(df, x))


_HORNER_SCALE = 100.0


def _chi2_sf_whole_df(x: np.ndarray, df: int) -> np.ndarray:
    """``P(chi2(df) > x)`` for a whole df and ``0 <= x < 1400`` (NaN passes).

    Even df = 2m: ``exp(-y) sum_{j<m} y^j / j!`` with ``y = x/2``. Odd
    df = 2m + 1: ``erfc(sqrt(y)) + exp(-y) sqrt(y) sum_{j=1..m} y^(j-1) /
    Gamma(j+1/2)`` (Abramowitz & Stegun 26.4.4-5). Horner's rule runs in
    ``u = y / 100`` with coefficients ``100^j / j!`` (or ``100^(j-1) /
    Gamma(j+1/2)``), which stay inside double range for df <= 400 where
    ``1/j!`` would underflow; every partial sum is at most ``exp(y) < 1e305``.
    """
    if df % 2 == 0:
        powers = [(j, math.lgamma(j + 1.0)) for j in range(df // 2)]
    else:
        powers = [(j - 1, math.lgamma(j + 0.5)) for j in range(1, df // 2 + 1)]
    coefs = [math.exp(j * math.log(_HORNER_SCALE) - log_gamma) for j, log_gamma in powers]
    y = 0.5 * x
    u = y / _HORNER_SCALE
    total = np.full(y.shape, coefs[-1] if coefs else 0.0)
    for coef in reversed(coefs[:-1]):
        total *= u
        total += coef
    total *= np.exp(-y)
    if df % 2:
        total *= np.sqrt(y)
        total += special.erfc(np.sqrt(y))
    return np.minimum(total, 1.0)


def f_sf(x, d1, d2):
    """F survival function ``P(F > x)``, the p of an F test (``scipy.special.fdtrc``).

    Parameters
    ----------
    x : array_like
        Values of the F ratio; a negative value gives 1, ``inf`` gives 0 (an
        ICC with zero error variance).
    d1, d2 : array_like
        Numerator and denominator degrees of freedom, > 0, non-integer allowed.

    Examples
    --------
    >>> round(f_sf(3.0, 5, 18), 10)
    0.0384274656
    """
    x, d1, d2 = (np.asarray(v, dtype=float) for v in (x, d1, d2))
    _check_df("F distribution", d1, d2)
    return _scalar_or_array(special.fdtrc(d1, d2, np.maximum(x, 0.0)))


def f_ppf(q, d1, d2):
    """F quantile: x with ``P(F <= x) = q`` (``scipy.special.fdtri``).

    Parameters
    ----------
    q : array_like
        Probabilities in [0, 1]; 0 gives 0 and 1 gives ``inf``.
    d1, d2 : array_like
        Numerator and denominator degrees of freedom, > 0, non-integer allowed.

    Raises
    ------
    ValueError
        If any non-missing ``q`` lies outside [0, 1] or a df is not positive.

    Examples
    --------
    >>> round(f_ppf(0.95, 5, 18), 8)
    2.77285315
    """
    q, d1, d2 = (np.asarray(v, dtype=float) for v in (q, d1, d2))
    _check_probabilities("f_ppf", q)
    _check_df("F distribution", d1, d2)
    return _scalar_or_array(special.fdtri(d1, d2, q))


def fisher_exact_two_sided(a, b, c, d) -> float:
    """Two-sided p of Fisher's exact test for the 2x2 table ``[[a, b], [c, d]]``.

    ``scipy.stats.fisher_exact``: the sum of the hypergeometric probabilities
    (fixed margins) of all tables no more probable than the observed one,
    with the relative tie tolerance R's ``fisher.test`` uses. A table with an
    empty row or column gives 1.

    Raises
    ------
    ValueError
        If a count is negative, missing or not a whole number.

    Examples
    --------
    >>> round(fisher_exact_two_sided(8, 2, 1, 5), 10)
    0.034965035
    """
    cells = [float(v) for v in (a, b, c, d)]
    if any(not (math.isfinite(v) and v >= 0 and v == int(v)) for v in cells):
        raise ValueError("fisher_exact_two_sided: counts must be non-negative whole numbers")
    # Imported here: scipy.stats takes about 0.4 s to import, which every
    # command and web worker would pay for a test only the fairness audit runs.
    from scipy.stats import fisher_exact

    table = np.array(cells, dtype=np.int64).reshape(2, 2)
    return float(fisher_exact(table, alternative="two-sided").pvalue)
