"""Probability distributions the scoring engine needs, in numpy alone.

Normal, chi-square, F and Student t tail probabilities and quantiles, and
Fisher's exact test for a 2x2 table (kept in :mod:`assess.scoring.exact`,
re-exported here). All functions broadcast over array
arguments, accept non-integer degrees of freedom (ICC(2,.) confidence limits
use a Satterthwaite-type df) and propagate NaN.

Methods
-------
- Normal cdf: Hart (1968) double-precision rational approximation as given
  by West (2005) for |z| < 3 and the complementary error function beyond,
  both computing the tail directly (relative accuracy about 3e-13 in the
  tails).
- Normal quantile: Acklam's (2003) rational approximation refined with one
  Halley step on the exact cdf.
- Regularised incomplete gamma and beta: see
  :mod:`assess.scoring.incomplete`.
- F quantile: Halley's iteration on log(x) from Fisher's z, safeguarded by
  bisection over the whole double range (:mod:`assess.scoring.f_quantile`).

References
----------
West, G. (2005). Better approximations to cumulative normal functions.
Wilmott Magazine, 70-76.
Press, W. H., Teukolsky, S. A., Vetterling, W. T., & Flannery, B. P. (2007).
Numerical Recipes (3rd ed.). Cambridge University Press.
"""

from __future__ import annotations

import math

import numpy as np

from assess.scoring.exact import fisher_exact_two_sided
from assess.scoring.f_quantile import f_quantile
from assess.scoring.incomplete import beta_inc_pair, gamma_q

__all__ = [
    "chi2_sf",
    "f_cdf",
    "f_ppf",
    "f_sf",
    "fisher_exact_two_sided",
    "normal_cdf",
    "normal_ppf",
    "t_sf",
]

_SQRT_2PI = math.sqrt(2.0 * math.pi)
_erfc = np.frompyfunc(math.erfc, 1, 1)


def _as_float(*args) -> list[np.ndarray]:
    return [np.asarray(a, dtype=float) for a in np.broadcast_arrays(*args)]


def _scalar_or_array(out: np.ndarray):
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------- normal
def _normal_tail(x_abs: np.ndarray) -> np.ndarray:
    """``P(Z > |x|)`` for ``x_abs >= 0``.

    Hart's (1968) rational approximation (West, 2005) below 3, where its
    relative error stays under 3e-13; ``math.erfc`` beyond, where Hart's
    relative error grows towards 1e-8 and few values fall in practice.
    """
    shape = np.shape(x_abs)
    x_abs = np.atleast_1d(x_abs)
    x = np.minimum(x_abs, 3.0)
    # Horner's rule in place (the same operations in the same order as
    # ``num = num * x + c``, without a temporary array per step).
    num = x * 3.52624965998911e-02
    for coef in (0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871,
                 221.213596169931):  # fmt: skip
        num += coef
        num *= x
    num += 220.206867912376
    den = x * 8.83883476483184e-02
    for coef in (1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674,
                 637.333633378831, 793.826512519948):  # fmt: skip
        den += coef
        den *= x
    den += 440.413735824752
    out = x * x
    out *= -0.5
    np.exp(out, out=out)
    out *= num
    out /= den
    far = x_abs >= 3.0
    if far.any():
        out[far] = 0.5 * _erfc(x_abs[far] / math.sqrt(2.0)).astype(float)
    out[np.isnan(x_abs)] = np.nan
    return out.reshape(shape)


def normal_cdf(z):
    """Standard normal cumulative distribution function ``Phi(z)``.

    Parameters
    ----------
    z : array_like
        Standard scores (z metric). NaN gives NaN.

    Returns
    -------
    float or ndarray
        ``P(Z <= z)`` in [0, 1]; absolute accuracy about 1e-16, relative
        accuracy of the smaller tail about 3e-13.

    Notes
    -----
    Hart's (1968) rational approximation as published by West (2005) for
    ``|z| < 3``, ``erfc`` beyond.

    Examples
    --------
    >>> round(normal_cdf(1.959963984540054), 12)
    0.975
    """
    z = np.asarray(z, dtype=float)
    return _scalar_or_array(in_chunks(_normal_cdf, z))


def _normal_cdf(z: np.ndarray) -> np.ndarray:
    tail = _normal_tail(np.abs(z))
    return np.where(z > 0, 1.0 - tail, tail)


# Elements per chunk: 16,384 doubles (128 KiB) and the few temporaries of an
# elementwise formula stay in the CPU's L2 cache.
_CHUNK = 1 << 14


def in_chunks(formula, *arrays):
    """``formula(*arrays)`` for an elementwise formula, evaluated a
    cache-sized chunk at a time: the same numbers, but each of the formula's
    steps reads and writes the cache instead of main memory, which makes a
    million-element evaluation two to three times faster.

    ``arrays`` must share one shape; the result has that shape.
    """
    shape = arrays[0].shape
    if arrays[0].size <= _CHUNK:
        return formula(*arrays)
    flat = [a.ravel() for a in arrays]
    out = np.empty(arrays[0].size)
    for start in range(0, out.size, _CHUNK):
        out[start : start + _CHUNK] = formula(*(a[start : start + _CHUNK] for a in flat))
    return out.reshape(shape)


_A = (-39.69683028665376, 220.9460984245205, -275.9285104469687,
      138.3577518672690, -30.66479806614716, 2.506628277459239)  # fmt: skip
_B = (-54.47609879822406, 161.5858368580409, -155.6989798598866,
      66.80131188771972, -13.28068155288572)  # fmt: skip
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838,
      -2.549732539343734, 4.374664141464968, 2.938163982698783)  # fmt: skip
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996,
      3.754408661907416)  # fmt: skip


def _poly(coefs, x):
    out = np.full_like(x, coefs[0])
    for c in coefs[1:]:
        out = out * x + c
    return out


def normal_ppf(p):
    """Standard normal quantile function ``Phi^-1(p)``.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1]; 0 gives -inf, 1 gives +inf.

    Returns
    -------
    float or ndarray
        z such that ``Phi(z) = p``; relative accuracy about 1e-15.

    Raises
    ------
    ValueError
        If any non-missing ``p`` lies outside [0, 1].

    Notes
    -----
    Acklam's (2003) rational approximation (relative error 1.15e-9) on the
    smaller tail ``min(p, 1 - p)``, refined by one Halley step on
    :func:`normal_cdf`, which brings it to full double precision.

    Examples
    --------
    >>> round(normal_ppf(0.975), 9)
    1.959963985
    """
    p = np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("normal_ppf: probabilities must lie in [0, 1]")
    q = np.minimum(p, 1.0 - p)  # smaller tail; the quantile of q is <= 0
    with np.errstate(divide="ignore", invalid="ignore"):
        low = q < 0.02425
        r = np.sqrt(-2.0 * np.log(np.where(low, q, 0.5)))
        x_low = _poly(_C, r) / (_poly(_D, r) * r + 1.0)
        s = q - 0.5
        t = s * s
        x_mid = _poly(_A, t) * s / (_poly(_B, t) * t + 1.0)
        x = np.where(low, x_low, x_mid)
        # Halley step: e = Phi(x) - q, u = e / phi(x).
        e = _normal_tail(np.abs(x)) - q
        u = e * _SQRT_2PI * np.exp(0.5 * x * x)
        x = x - u / (1.0 + 0.5 * x * u)
    x = np.where(q == 0, -np.inf, x)
    x = np.where(q == 0.5, 0.0, x)
    return _scalar_or_array(np.where(p > 0.5, -x, x))


def chi2_sf(x, df):
    """Chi-square survival function ``P(X > x)`` for ``X ~ chi2(df)``.

    Parameters
    ----------
    x : array_like
        Values of the statistic (e.g. a Mahalanobis D², squared metric).
    df : array_like
        Degrees of freedom, > 0; need not be an integer.

    Returns
    -------
    float or ndarray
        Upper-tail probability ``Q(df/2, x/2)`` (regularised upper incomplete
        gamma function).

    Raises
    ------
    ValueError
        If any non-missing ``df`` is not positive.

    Examples
    --------
    >>> round(chi2_sf(3.841458820694124, 1), 12)
    0.05
    """
    x, df = _as_float(x, df)
    if np.any(df <= 0):
        raise ValueError("chi2_sf: degrees of freedom must be positive")
    return _scalar_or_array(in_chunks(_chi2_sf, x, df))


def _chi2_sf(xf: np.ndarray, dff: np.ndarray) -> np.ndarray:
    first = float(dff.flat[0]) if dff.size else 0.0
    one_whole_df = first == round(first) and 0 < first <= 400 and (dff == first).all()
    if one_whole_df and not ((xf < 0) | (xf >= 1400)).any():
        # The usual call (D² over k items): the closed form for every
        # element, a NaN passing through as NaN, without any selection.
        return _chi2_sf_whole_df(xf, int(first))
    out = np.empty(xf.shape)
    # Whole df up to 400 (a Mahalanobis D² over k items) have a closed form
    # that is exact and ten times faster than the continued fraction; x is
    # kept below 1400 so that exp(-x/2) stays a normal double.
    closed = (dff == np.round(dff)) & (dff <= 400) & (xf >= 0) & (xf < 1400)
    whole = dff[closed]
    # One df for all (a D² over k items) needs no np.unique, which sorts.
    dfs = whole[:1] if whole.size and whole.min() == whole.max() else np.unique(whole)
    for k in dfs:
        sel = closed & (dff == k)
        out[sel] = _chi2_sf_whole_df(xf[sel], int(k))
    missing = np.isnan(xf) | np.isnan(dff)
    out[missing] = np.nan  # straight away, not through the continued fraction
    rest = ~closed & ~missing
    if rest.any():
        out[rest] = gamma_q(0.5 * dff[rest], 0.5 * xf[rest])
    return out


def _chi2_sf_whole_df(x: np.ndarray, df: int) -> np.ndarray:
    """``P(chi2(df) > x)`` for a whole df and ``0 <= x < 1400``.

    Even df = 2m: ``exp(-y) sum_{j<m} y^j / j!`` with ``y = x/2``. Odd
    df = 2m + 1: ``erfc(sqrt(y)) + exp(-y) sqrt(y) sum_{j=1..m} y^(j-1) /
    Gamma(j+1/2)`` (Abramowitz & Stegun 26.4.4-5). The polynomial is
    evaluated by Horner's rule, two array operations per term, in
    ``u = y / 100`` with coefficients ``100^j / j!`` (or ``100^(j-1) /
    Gamma(j+1/2)``), which stay well inside double range for df <= 400 where
    plain ``1/j!`` would underflow; every partial sum is at most
    ``exp(y) < 1e305``.
    """
    y = 0.5 * x
    if df % 2 == 0:
        powers = [(j, math.lgamma(j + 1.0)) for j in range(df // 2)]
    else:
        powers = [(j - 1, math.lgamma(j + 0.5)) for j in range(1, df // 2 + 1)]
    coefs = [math.exp(j * _LOG_HORNER_SCALE - log_gamma) for j, log_gamma in powers]
    u = y / _HORNER_SCALE
    total = np.full(y.shape, coefs[-1] if coefs else 0.0)
    for coef in reversed(coefs[:-1]):
        total *= u
        total += coef
    total *= np.exp(-y)
    if df % 2:
        total *= np.sqrt(y)
        total += 2.0 * _normal_tail(np.sqrt(x))
    return np.minimum(total, 1.0)


_HORNER_SCALE = 100.0
_LOG_HORNER_SCALE = math.log(_HORNER_SCALE)


def _f_parts(x, d1, d2):
    x, d1, d2 = _as_float(x, d1, d2)
    if np.any(d1 <= 0) or np.any(d2 <= 0):
        raise ValueError("F distribution: degrees of freedom must be positive")
    shape = x.shape
    xc = np.maximum(x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        # z = d1 x / (d1 x + d2) and 1 - z, each without cancellation.
        z = np.where(np.isinf(xc), 1.0, d1 * xc / (d1 * xc + d2))
        w = np.where(np.isinf(xc), 0.0, d2 / (d1 * xc + d2))
    cdf, sf = beta_inc_pair(0.5 * d1, 0.5 * d2, z, w)
    return cdf.reshape(shape), sf.reshape(shape)


def f_cdf(x, d1, d2):
    """F distribution cumulative distribution function ``P(F <= x)``.

    Parameters
    ----------
    x : array_like
        Values of the F ratio (>= 0; negative values give 0).
    d1, d2 : array_like
        Numerator and denominator degrees of freedom, > 0, non-integer allowed.

    Returns
    -------
    float or ndarray
        ``I_z(d1/2, d2/2)`` with ``z = d1 x / (d1 x + d2)``.

    Examples
    --------
    >>> round(f_cdf(1.0, 4, 4), 12)
    0.5
    """
    return _scalar_or_array(_f_parts(x, d1, d2)[0])


def f_sf(x, d1, d2):
    """F distribution survival function ``P(F > x)`` (the p of an F test).

    Parameters
    ----------
    x : array_like
        Values of the F ratio; ``inf`` gives 0.
    d1, d2 : array_like
        Numerator and denominator degrees of freedom, > 0, non-integer allowed.

    Returns
    -------
    float or ndarray
        ``I_w(d2/2, d1/2)`` with ``w = d2 / (d1 x + d2)``.

    Examples
    --------
    >>> round(f_sf(3.0, 5, 18), 10)
    0.0384274656
    """
    return _scalar_or_array(_f_parts(x, d1, d2)[1])


def f_ppf(q, d1, d2):
    """F distribution quantile function: x with ``P(F <= x) = q``.

    Parameters
    ----------
    q : array_like
        Probabilities in [0, 1]; 0 gives 0 and 1 gives ``inf``.
    d1, d2 : array_like
        Numerator and denominator degrees of freedom, > 0, non-integer allowed.

    Returns
    -------
    float or ndarray
        The quantile (relative accuracy about 1e-13): Halley's iteration on
        ``log x`` from Fisher's z, safeguarded by bisection over [-745, 710];
        see :func:`assess.scoring.f_quantile.f_quantile`.

    Raises
    ------
    ValueError
        If any non-missing ``q`` lies outside [0, 1] or a df is not positive.

    Examples
    --------
    >>> round(f_ppf(0.95, 5, 18), 8)
    2.77285315
    """
    q, d1, d2 = _as_float(q, d1, d2)
    # One element at a time in plain floats: each converges at its own pace
    # and a confidence interval's two values pay no per-array overhead.
    rows = list(zip(q.ravel().tolist(), d1.ravel().tolist(), d2.ravel().tolist(), strict=True))
    if any(not 0 <= p <= 1 for p, _, _ in rows if p == p):  # NaN is missing, not wrong
        raise ValueError("f_ppf: probabilities must lie in [0, 1]")
    if any(m <= 0 or n <= 0 for _, m, n in rows):
        raise ValueError("F distribution: degrees of freedom must be positive")
    out = [
        math.nan if math.isnan(p + m + n) else 0.0 if p == 0 else math.inf if p == 1
        else f_quantile(p, m, n)
        for p, m, n in rows
    ]  # fmt: skip
    return _scalar_or_array(np.array(out).reshape(q.shape))


def t_sf(t, df):
    """Student t survival function ``P(T > t)``.

    Parameters
    ----------
    t : array_like
        t statistics.
    df : array_like
        Degrees of freedom, > 0, non-integer allowed.

    Returns
    -------
    float or ndarray
        ``0.5 I_w(df/2, 1/2)`` with ``w = df / (df + t²)`` for t > 0, and its
        complement for t < 0.

    Examples
    --------
    >>> round(t_sf(2.0, 10), 10)
    0.0366940174
    """
    t, df = _as_float(t, df)
    if np.any(df <= 0):
        raise ValueError("t_sf: degrees of freedom must be positive")
    with np.errstate(invalid="ignore", divide="ignore"):
        t2 = t * t
        w = np.where(np.isinf(t), 0.0, df / (df + t2))
        v = np.where(np.isinf(t), 1.0, t2 / (df + t2))
    half_tail = 0.5 * beta_inc_pair(0.5 * df, 0.5, w, v)[0].reshape(t.shape)
    out = np.where(t > 0, half_tail, 1.0 - half_tail)
    return _scalar_or_array(np.where(np.isnan(t), np.nan, out))
