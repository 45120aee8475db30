"""Quantile of the F distribution, one value at a time in plain floats.

:func:`assess.scoring.distributions.f_ppf` validates and broadcasts its
arguments and calls :func:`f_quantile` for each element. A confidence
interval needs two quantiles, so the cost that matters is per value: numpy's
per-call overhead would dominate, and each element also converges at its own
pace.

Method: Halley's iteration on ``u = log x`` for ``F_cdf(e^u) = q``, started
from a Cornish-Fisher expansion (Fisher's z approximation for small df) and
safeguarded by a bisection bracket over the whole double range. The cdf
comes from the regularised incomplete beta function
(:func:`assess.scoring.incomplete.beta_inc_one`), whose prefactor is also
the exact derivative the iteration needs.

References
----------
Cornish, E. A., & Fisher, R. A. (1937). Moments and cumulants in the
specification of distributions. *Revue de l'Institut International de
Statistique, 5*, 307-320.
Fisher, R. A. (1924). On a distribution yielding the error functions of
several well known statistics. *Proceedings of the International
Mathematical Congress, Toronto*, 805-813 (z = log(F) / 2 nearly normal).
Abramowitz, M., & Stegun, I. A. (1964). *Handbook of Mathematical
Functions*, 26.6.2 (F cdf as an incomplete beta function).
Press, W. H., Teukolsky, S. A., Vetterling, W. T., & Flannery, B. P. (2007).
*Numerical Recipes* (3rd ed.), section 9.4 (Halley's method, safeguarded
Newton steps).
"""

from __future__ import annotations

import math
from statistics import NormalDist

from assess.scoring.beta_large import log_beta_front
from assess.scoring.incomplete import beta_inc_one

__all__ = ["f_quantile"]

_STANDARD_NORMAL = NormalDist()
_LOG_MIN, _LOG_MAX = -745.0, 710.0  # log x over the positive doubles
_MAX_STEPS = 200


def _beta_arguments(x: float, d1: float, d2: float) -> tuple[float, float]:
    """``z = d1 x / (d1 x + d2)`` and ``w = 1 - z``, each without cancellation
    and finite for ``x`` = 0 or inf (A&S 26.6.2)."""
    if d1 * x <= d2:
        denominator = d1 * x + d2
        return d1 * x / denominator, d2 / denominator
    ratio = d2 / (d1 * x)  # 0 for x = inf
    return 1.0 / (1.0 + ratio), ratio / (1.0 + ratio)


def _log_f_cumulants(a: float, b: float) -> tuple[float, ...]:
    """First five cumulants of ``log F`` for ``a = d1/2, b = d2/2 >= 5``.

    ``log F = log(2 G_a / d1) - log(2 G_b / d2)`` with gamma variables
    ``G``, so ``k1 = (psi(a) - log a) - (psi(b) - log b)`` and
    ``k_r = psi_(r-1)(a) + (-1)^r psi_(r-1)(b)``; the polygamma functions come
    from their asymptotic series (Abramowitz & Stegun 6.3.18, 6.4.11),
    relative error below 1e-6 from 5 on, ample for a starting value.
    """
    out = []
    for sign, v in ((1.0, a), (-1.0, b)):
        t = 1.0 / v
        t2 = t * t
        out.append((
            sign * -t * (0.5 + t * (1 / 12 - t2 * (1 / 120 - t2 / 252))),
            t * (1.0 + t * (0.5 + t * (1 / 6 - t2 * (1 / 30 - t2 / 42)))),
            sign * -t2 * (1.0 + t * (1.0 + t * (0.5 - t2 * (1 / 6 - t2 / 6)))),
            2.0 * t * t2 * (1.0 + t * (1.5 + t * (1.0 - t2 * (0.5 - t2 * 2 / 3)))),
            sign * -6.0 * t2 * t2 * (1.0 + t * (2.0 + t * (5 / 3 - t2 * (7 / 6 - t2 * 2)))),
        ))  # fmt: skip
    return tuple(p + q for p, q in zip(*out, strict=True))


def _cornish_fisher(z: float, a: float, b: float) -> float:
    """Cornish-Fisher expansion of the q quantile of ``log F`` (z = Phi^-1(q)).

    ``k1 + sqrt(k2) (z + g1 h1 + g2 h2 + g1^2 h11 + g3 h3 + g1 g2 h12 +
    g1^3 h111)`` with standardised cumulants ``g_r = k_(r+2) / k2^((r+2)/2)``
    and the Hermite polynomials of Abramowitz & Stegun 26.2.51; the error is
    of order ``min(a, b)^-2`` standard deviations, so Halley's first step
    usually lands within the tolerance.
    """
    k1, k2, k3, k4, k5 = _log_f_cumulants(a, b)
    g1, g2, g3 = k3 / k2**1.5, k4 / (k2 * k2), k5 / k2**2.5
    z2 = z * z
    w = (
        z + g1 * (z2 - 1.0) / 6.0
        + g2 * z * (z2 - 3.0) / 24.0 - g1 * g1 * z * (2.0 * z2 - 5.0) / 36.0
        + g3 * (z2 * (z2 - 6.0) + 3.0) / 120.0 - g1 * g2 * (z2 * (z2 - 5.0) + 2.0) / 24.0
        + g1**3 * (z2 * (12.0 * z2 - 53.0) + 17.0) / 324.0
    )  # fmt: skip
    return k1 + math.sqrt(k2) * w


def f_quantile(q: float, d1: float, d2: float) -> float:
    """x with ``P(F(d1, d2) <= x) = q`` for ``0 < q < 1`` and ``d1, d2 > 0``.

    With ``a = d1/2``, ``b = d2/2``, ``z = d1 x / (d1 x + d2)``,
    ``w = 1 - z`` and ``u = log x``, the cdf is ``P(u) = I_z(a, b)``
    (A&S 26.6.2) with ``P'(u) = z^a w^b / B(a, b)`` (the beta prefactor) and
    ``P''(u) / P'(u) = a w - b z``. The iteration solves
    ``g(u) = log P(u) - log q`` (``log S(u) - log(1 - q)`` with the upper
    tail ``S = 1 - P`` above the median, where P has lost digits), which is
    nearly linear far out in either tail, so a poor start costs few steps:

    - ``g' = P' / P`` and ``g'' / g' = P'' / P' - P' / P``
      (``-P' / S`` and ``P'' / P' + P' / S`` for the upper tail);
    - Halley's step ``u -= (g / g') / (1 - (g / g') (g'' / g') / 2)``.

    The start is the Cornish-Fisher expansion of ``log F`` when both df are
    10 or more, else Fisher's z: ``log F`` near normal with mean
    ``1/d2 - 1/d1`` and variance ``sigma^2 = 2 (1/d1 + 1/d2)``. Halley
    converges cubically, so the iteration stops after a step below
    ``1e-6 min(sigma, 1)`` (the error left is of order 1e-18), or when the
    bisection bracket is below 1e-15 relative; a step that would leave the
    bracket, or once both ends are known does not halve the step before
    last, bisects it instead.

    Returns
    -------
    float
        The quantile, relative accuracy about 1e-13.

    Examples
    --------
    >>> round(f_quantile(0.95, 5, 18), 8)
    2.77285315
    """
    a, b = 0.5 * d1, 0.5 * d2
    sigma = math.sqrt(2.0 * (1.0 / d1 + 1.0 / d2))
    z_score = _STANDARD_NORMAL.inv_cdf(q)
    if min(a, b) >= 5.0:
        u = _cornish_fisher(z_score, a, b)
    else:
        u = (1.0 / d2 - 1.0 / d1) + z_score * sigma
    u = min(max(u, -700.0), 700.0)
    tolerance = 1e-6 * min(sigma, 1.0)
    upper = q > 0.5  # work on the sf there, where the cdf has lost digits
    target = 1.0 - q if upper else q  # 1 - q is exact for q > 1/2
    log_target = math.log(target)
    lo, hi = _LOG_MIN, _LOG_MAX
    last_step = older_step = hi - lo
    for _ in range(_MAX_STEPS):
        z, w = _beta_arguments(math.exp(u), d1, d2)
        cdf, sf = beta_inc_one(a, b, z, w)
        tail = sf if upper else cdf
        if (tail < target) != upper:  # cdf(x) < q
            lo = u
        else:
            hi = u
        step = math.inf
        slope = math.exp(log_beta_front(a, b, z, w))
        if tail > 0.0 and slope > 0.0:
            # Newton on log(tail): linear in u far out in either tail.
            ratio = slope / tail
            newton = (math.log(tail) - log_target) / (-ratio if upper else ratio)
            curvature = (a * w - b * z) + (ratio if upper else -ratio)
            halley = 1.0 - 0.5 * newton * curvature
            # Far from the root the correction can flip the step: stay Newton.
            step = newton / halley if halley > 0.5 else newton
        if abs(step) <= tolerance:
            u -= step
            break
        new = u - step
        # Bisect when the step leaves the bracket (or is NaN), or, once both
        # ends are evaluated, does not halve the step before last
        # (Numerical Recipes' rtsafe).
        bounded = lo > _LOG_MIN and hi < _LOG_MAX
        if not lo < new < hi or (bounded and abs(step) > 0.5 * abs(older_step)):
            new = 0.5 * (lo + hi)
        older_step, last_step = last_step, u - new
        u = new
        if hi - lo <= 1e-15 * max(1.0, abs(u)):
            break
    return math.exp(u)
