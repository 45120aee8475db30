"""Regularised incomplete gamma and beta functions, vectorised in numpy.

Power series and continued fractions evaluated with the modified Lentz
method (Press et al., 2007, Numerical Recipes, 3rd ed., sections 6.2 and
6.4). For the incomplete beta function the prefactor comes from
:func:`assess.scoring.beta_large.log_beta_front` (exact for large
parameters), and for two large parameters near the mean Temme's asymptotic
expansion replaces the continued fraction (DiDonato & Morris, 1992). They
are the engine of the chi-square, F and t distributions in
:mod:`assess.scoring.distributions`, which is where to look for the public
functions.
"""

from __future__ import annotations

import math

import numpy as np

from assess.scoring.beta_large import asymptotic_applies, beta_asymptotic, log_beta_front

__all__ = ["beta_inc_one", "beta_inc_pair", "gamma_q", "log_gamma"]

_EPS = 1e-15
_TINY = 1e-300
_MAX_ITER = 100_000
_lgamma = np.frompyfunc(math.lgamma, 1, 1)
_log_beta_front = np.frompyfunc(log_beta_front, 4, 1)


def log_gamma(a) -> np.ndarray:
    """``log Gamma(a)`` elementwise (numpy has no vectorised lgamma).

    Examples
    --------
    >>> round(float(log_gamma(5.0)), 12) == round(math.log(24.0), 12)
    True
    """
    return np.asarray(_lgamma(np.asarray(a, dtype=float)), dtype=float)


def gamma_q(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Regularised upper incomplete gamma ``Q(a, x)``, 1-d float arrays.

    Series for ``x < a + 1`` (giving ``P = 1 - Q``), continued fraction
    otherwise; NaN propagates, ``Q(a, 0) = 1``, ``Q(a, inf) = 0``.

    Examples
    --------
    >>> round(float(gamma_q(np.array([1.0]), np.array([2.0]))[0]), 12) == round(math.exp(-2), 12)
    True
    """
    out = np.full(a.shape, np.nan)
    ok = ~(np.isnan(a) | np.isnan(x))
    out[ok & (x <= 0)] = 1.0
    out[ok & np.isinf(x) & (x > 0)] = 0.0
    todo = ok & (x > 0) & np.isfinite(x)
    series = todo & (x < a + 1.0)
    contfr = todo & ~series
    if series.any():
        aa, xx = a[series], x[series]
        log_front = -xx + aa * np.log(xx) - log_gamma(aa)
        out[series] = 1.0 - np.exp(log_front) * _gamma_series(aa, xx)
    if contfr.any():
        aa, xx = a[contfr], x[contfr]
        log_front = -xx + aa * np.log(xx) - log_gamma(aa)
        out[contfr] = np.exp(log_front) * _gamma_contfrac(aa, xx)
    return np.clip(out, 0.0, 1.0)


def _settle(out, idx, done, *arrays):
    """Drop the elements that have converged (already stored in ``out``).

    Each element leaves the iteration as soon as it converges, so a batch
    costs the sum of its elements' iterations, not the slowest one's times
    the batch size.
    """
    keep = ~done
    return idx[keep], [v[keep] for v in arrays]


def _gamma_series(a, x):
    """``sum_n x^n / (a (a+1) ... (a+n))`` until the term is negligible."""
    out = np.empty_like(x)
    idx = np.arange(x.size)
    term = 1.0 / a
    total = term.copy()
    ap = a.copy()
    for _ in range(_MAX_ITER):
        ap = ap + 1.0
        term = term * x / ap
        total = total + term
        done = np.abs(term) < np.abs(total) * _EPS
        if done.any():
            out[idx[done]] = total[done]
            idx, (x, term, total, ap) = _settle(out, idx, done, x, term, total, ap)
            if idx.size == 0:
                return out
    raise ValueError("incomplete gamma series did not converge")  # pragma: no cover


def _gamma_contfrac(a, x):
    """Continued fraction for ``Q(a, x) e^x x^-a Gamma(a)`` (modified Lentz)."""
    out = np.empty_like(x)
    idx = np.arange(x.size)
    b = x + 1.0 - a
    c = np.full_like(x, 1.0 / _TINY)
    d = 1.0 / b
    h = d.copy()
    for i in range(1, _MAX_ITER):
        an = -i * (i - a)
        b = b + 2.0
        d = an * d + b
        d = np.where(np.abs(d) < _TINY, _TINY, d)
        c = b + an / c
        c = np.where(np.abs(c) < _TINY, _TINY, c)
        d = 1.0 / d
        delta = d * c
        h = h * delta
        done = np.abs(delta - 1.0) < _EPS
        if done.any():
            out[idx[done]] = h[done]
            idx, (a, b, c, d, h) = _settle(out, idx, done, a, b, c, d, h)
            if idx.size == 0:
                return out
    raise ValueError("incomplete gamma continued fraction did not converge")  # pragma: no cover


def _beta_contfrac_scalar(a: float, b: float, x: float) -> float:
    """:func:`_beta_contfrac` for one element in plain floats: for a few
    values (a confidence interval) this avoids numpy's per-call overhead,
    which dominates when large df need hundreds of iterations."""
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) >= _TINY else _TINY)
    h = d
    for m in range(1, _MAX_ITER):
        m2 = 2.0 * m
        for aa in (
            m * (b - m) * x / ((a - 1.0 + m2) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) >= _TINY else _TINY)
            c = 1.0 + aa / c
            c = c if abs(c) >= _TINY else _TINY
            delta = d * c
            h *= delta
        if abs(delta - 1.0) < _EPS:
            return h
    raise ValueError("incomplete beta continued fraction did not converge")  # pragma: no cover


def _beta_contfrac(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    if x.size <= 4:
        return np.array([_beta_contfrac_scalar(*map(float, v)) for v in zip(a, b, x, strict=True)])
    out = np.empty_like(x)
    idx = np.arange(x.size)
    c = np.ones_like(x)
    d = 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / np.where(np.abs(d) < _TINY, _TINY, d)
    h = d.copy()
    for m in range(1, _MAX_ITER):
        m2 = 2.0 * m
        for aa in (
            m * (b - m) * x / ((a - 1.0 + m2) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / np.where(np.abs(d) < _TINY, _TINY, d)
            c = 1.0 + aa / c
            c = np.where(np.abs(c) < _TINY, _TINY, c)
            delta = d * c
            h = h * delta
        done = np.abs(delta - 1.0) < _EPS
        if done.any():
            out[idx[done]] = h[done]
            idx, (a, b, x, c, d, h) = _settle(out, idx, done, a, b, x, c, d, h)
            if idx.size == 0:
                return out
    raise ValueError("incomplete beta continued fraction did not converge")  # pragma: no cover


def beta_inc_pair(a, b, x, y):
    """``(I_x(a, b), 1 - I_x(a, b))`` with ``y = 1 - x`` given exactly.

    Both are computed directly on the side where the continued fraction
    converges, ``x^a y^b / B(a, b) * contfrac / a`` (Press et al., 2007,
    6.4.5), so either tail keeps its relative accuracy; where
    :func:`~assess.scoring.beta_large.asymptotic_applies`, Temme's expansion
    instead, one element at a time.

    Examples
    --------
    >>> low, high = beta_inc_pair(2.0, 3.0, 0.5, 0.5)
    >>> round(float(low[0]), 12), round(float(high[0]), 12)
    (0.6875, 0.3125)
    """
    a, b, x, y = (
        v.ravel() for v in np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, x, y)))
    )
    lower = np.full(a.shape, np.nan)
    upper = np.full(a.shape, np.nan)
    ok = ~(np.isnan(a) | np.isnan(b) | np.isnan(x) | np.isnan(y))
    zero = ok & (x <= 0)
    one = ok & (y <= 0)
    lower[zero], upper[zero] = 0.0, 1.0
    lower[one], upper[one] = 1.0, 0.0
    inner = ok & ~zero & ~one
    asym = inner & (np.minimum(a, b) > 100.0)
    for i in np.flatnonzero(asym):
        args = float(a[i]), float(b[i]), float(x[i]), float(y[i])
        if asymptotic_applies(*args):
            lower[i], upper[i] = beta_asymptotic(*args)
        else:
            asym[i] = False
    inner &= ~asym
    direct = inner & (x < (a + 1.0) / (a + b + 2.0))
    swapped = inner & ~direct
    for mask, p, q, u, v in ((direct, a, b, x, y), (swapped, b, a, y, x)):
        if not mask.any():
            continue
        p, q, u, v = p[mask], q[mask], u[mask], v[mask]
        log_front = _log_beta_front(p, q, u, v).astype(float)
        part = np.clip(np.exp(log_front) * _beta_contfrac(p, q, u) / p, 0.0, 1.0)
        if mask is direct:
            lower[mask], upper[mask] = part, 1.0 - part
        else:
            lower[mask], upper[mask] = 1.0 - part, part
    return lower, upper


def beta_inc_one(a: float, b: float, x: float, y: float) -> tuple[float, float]:
    """:func:`beta_inc_pair` for one element in plain floats.

    The same choice of method (Temme's expansion, or the continued fraction
    on the side where it converges) without numpy's per-call overhead, for
    the few quantiles of a confidence interval.

    Examples
    --------
    >>> low, high = beta_inc_one(2.0, 3.0, 0.5, 0.5)
    >>> round(low, 12), round(high, 12)
    (0.6875, 0.3125)
    """
    if math.isnan(a) or math.isnan(b) or math.isnan(x) or math.isnan(y):
        return math.nan, math.nan
    if x <= 0:
        return 0.0, 1.0
    if y <= 0:
        return 1.0, 0.0
    if asymptotic_applies(a, b, x, y):
        return beta_asymptotic(a, b, x, y)
    direct = x < (a + 1.0) / (a + b + 2.0)
    p, q, u, v = (a, b, x, y) if direct else (b, a, y, x)
    part = math.exp(log_beta_front(p, q, u, v)) * _beta_contfrac_scalar(p, q, u) / p
    part = min(max(part, 0.0), 1.0)
    return (part, 1.0 - part) if direct else (1.0 - part, part)
