"""Incomplete beta pieces that stay accurate when a parameter is large.

For F tests and Feldt intervals on big samples the beta parameters are
``(n - 1) / 2`` and more, and the textbook prefactor
``x^a y^b / B(a, b) = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + ...)``
subtracts logarithms near ``10^7``, losing nine digits. Here the prefactor
is built from Stirling's series and ``t - log(1 + t)`` instead, and when
both parameters are large and ``x`` lies near the mean the regularised
function itself comes from Temme's uniform asymptotic expansion, which needs
a handful of terms where the continued fraction needs hundreds of
iterations.

All functions take and return plain floats: they serve one value at a time
(a confidence interval) and per-element loops over arrays.

References
----------
DiDonato, A. R., & Morris, A. H. (1992). Algorithm 708: Significant digit
computation of the incomplete beta function ratios. *ACM Transactions on
Mathematical Software, 18*, 360-373 (functions BASYM, BRCOMP, BCORR).
Temme, N. M. (1987). Incomplete Laplace integrals: uniform asymptotic
expansion with application to the incomplete beta function. *SIAM Journal on
Mathematical Analysis, 18*, 1638-1663.
Abramowitz, M., & Stegun, I. A. (1964). *Handbook of Mathematical
Functions*, 6.1.40-41 (Stirling's series).
"""

from __future__ import annotations

import functools
import math
import threading

__all__ = ["asymptotic_applies", "beta_asymptotic", "log_beta_front", "log1pmx"]

_E0 = 2.0 / math.sqrt(math.pi)
_E1 = 2.0**-1.5
_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
# B_2k / (2k (2k - 1)), k = 1..7: Stirling's series for log Gamma.
_STIRLING = (1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156)
_LARGE = 10.0  # Stirling's series with these seven terms is exact to 3e-17 from here
_MAX_TERMS = 20  # of the asymptotic expansion; DiDonato & Morris's NUM


def stirling_delta(x: float) -> float:
    """Remainder of Stirling's formula, for ``x >= 10``.

    ``delta(x) = log Gamma(x) - (x - 1/2) log x + x - log(2 pi) / 2
    = sum_k B_2k / (2k (2k - 1) x^(2k - 1))`` (Abramowitz & Stegun 6.1.41),
    summed to ``k = 7``; the first omitted term is below 3e-17 for x >= 10.

    Examples
    --------
    >>> round(stirling_delta(10.0), 16)  # 0.00833056343336287126 (mpmath, 30 digits)
    0.0083305634333629
    """
    t = 1.0 / (x * x)
    total = 0.0
    for coef in reversed(_STIRLING):
        total = total * t + coef
    return total / x


def log1pmx(t: float) -> float:
    """``log(1 + t) - t`` for ``t > -1`` without cancellation near 0.

    With ``s = t / (2 + t)``, ``log(1 + t) = 2 atanh(s)`` and ``t - 2s = t s``,
    so ``log(1 + t) - t = 2 (s^3/3 + s^5/5 + ...) - t s``: no digits cancel
    for ``|t| < 0.1``, where eight terms reach double precision. Beyond, the
    direct difference loses at most a digit.

    Examples
    --------
    >>> t = 1e-8  # log(1 + t) - t = -t^2/2 + t^3/3 - ..., the rest below 1e-16 of it
    >>> abs(log1pmx(t) / (-t * t / 2 + t**3 / 3) - 1) < 1e-15
    True
    """
    if abs(t) >= 0.1:
        return math.log1p(t) - t
    s = t / (2.0 + t)
    s2 = s * s
    series = 1.0 / 17.0
    for odd in (15.0, 13.0, 11.0, 9.0, 7.0, 5.0, 3.0):
        series = series * s2 + 1.0 / odd
    return 2.0 * s * s2 * series - t * s


def _beta_correction(a: float, b: float) -> float:
    """``delta(a) + delta(b) - delta(a + b)`` (BCORR), for a, b >= 10."""
    return stirling_delta(a) + stirling_delta(b) - stirling_delta(a + b)


def _deviation(a: float, b: float, x: float, y: float) -> float:
    """``lambda = a - (a + b) x = (a + b) y - b``, from the side that rounds least."""
    return a - (a + b) * x if a <= b else (a + b) * y - b


def log_beta_front(a: float, b: float, x: float, y: float) -> float:
    """``log(x^a y^b / B(a, b))`` for ``a, b > 0`` and ``x + y = 1``.

    The prefactor of every series and continued fraction for ``I_x(a, b)``,
    and the density of ``log(x / y)``. Three regimes:

    - ``min(a, b) >= 10``: with ``lambda = a - (a + b) x`` and Stirling's
      formula, ``x^a y^b / B(a, b) = sqrt(a b / (2 pi (a + b)))
      exp(-(a phi(-lambda/a) + b phi(lambda/b)) - Delta(a, b))``, where
      ``phi(t) = t - log(1 + t)`` and ``Delta = delta(a) + delta(b) -
      delta(a + b)`` (DiDonato & Morris, 1992, BRCOMP);
    - one parameter >= 10: ``log Gamma(h + s) - log Gamma(h) = s log h +
      (h + s - 1/2) log1p(s/h) - s + delta(h + s) - delta(h)`` for the large
      ``h`` and small ``s``, so no two large logarithms are subtracted;
    - both < 10: ``lgamma`` directly, whose values are small.

    ``log x`` is taken as ``log1p(-y)`` when ``x > 1/2`` so that a large
    exponent does not amplify the rounding of ``x`` near 1.

    Examples
    --------
    >>> x = 0.3
    >>> direct = 2.0 * math.log(x) + 3.0 * math.log(1 - x) - math.log(1 / 12)
    >>> abs(log_beta_front(2.0, 3.0, x, 1 - x) - direct) < 1e-14
    True
    """
    if x <= 0.0 or y <= 0.0:
        return -math.inf
    small, large = min(a, b), max(a, b)
    if small >= _LARGE:
        lam = _deviation(a, b, x, y)
        u = -lam / a
        v = lam / b
        # phi(u) = u - log(1 + u) with 1 + u = x / x0; take the log of x
        # itself when the ratio is far from 1 (TOMS 708's 0.6 threshold).
        phi_u = u - math.log(x * (a + b) / a) if abs(u) > 0.6 else -log1pmx(u)
        phi_v = v - math.log(y * (a + b) / b) if abs(v) > 0.6 else -log1pmx(v)
        return (
            0.5 * math.log(a * b / (a + b)) - _HALF_LOG_2PI
            - (a * phi_u + b * phi_v) - _beta_correction(a, b)
        )  # fmt: skip
    log_x = math.log(x) if x <= 0.5 else math.log1p(-y)
    log_y = math.log(y) if y <= 0.5 else math.log1p(-x)
    if large >= _LARGE:
        # log Gamma(a + b) - log Gamma(large), then - log Gamma(small)
        log_ratio = (
            small * math.log(large) + (large + small - 0.5) * math.log1p(small / large) - small
            + stirling_delta(large + small) - stirling_delta(large)
        )  # fmt: skip
        log_inv_beta = log_ratio - math.lgamma(small)
    else:
        log_inv_beta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    return a * log_x + b * log_y + log_inv_beta


def asymptotic_applies(a: float, b: float, x: float, y: float) -> bool:
    """Whether :func:`beta_asymptotic` is accurate for ``I_x(a, b)``.

    DiDonato & Morris's (1992) rule: ``min(a, b) > 100`` and
    ``|lambda| <= 0.03 min(a, b)`` with ``lambda = a - (a + b) x``, which
    keeps twenty terms of the expansion enough for double precision.
    """
    small = min(a, b)
    return small > 100.0 and abs(_deviation(a, b, x, y)) <= 0.03 * small


def beta_asymptotic(a: float, b: float, x: float, y: float) -> tuple[float, float]:
    """``(I_x(a, b), 1 - I_x(a, b))`` by Temme's uniform asymptotic expansion.

    For ``lambda = a - (a + b) x >= 0`` (x at or below the mean; otherwise
    the complement is computed from ``I_y(b, a)``)::

        I_x(a, b) = (2 / sqrt(pi)) exp(-Delta(a, b) - f) sum_n d_n w0^n J_n

    with ``f = a phi(-lambda/a) + b phi(lambda/b)``, ``phi(t) = t - log(1 + t)``,
    ``z0 = sqrt(f)``, ``h = min(a, b) / max(a, b)``,
    ``w0 = 1 / sqrt(min(a, b) (1 + h))``, ``J_0 = (sqrt(pi) / 4) exp(f)
    erfc(z0)``, ``J_1 = 2^(-3/2)``, ``J_n = 2^(-3/2) (sqrt(2) z0)^(n - 1)
    + (n - 1) J_(n-2)``, and coefficients ``d_n`` that depend on ``h`` alone,
    by the recurrences of DiDonato & Morris (1992, BASYM). The sum stops when
    a pair of terms falls below 1e-15 of it, after at most twenty terms.
    Use only where :func:`asymptotic_applies`.

    Examples
    --------
    >>> low, high = beta_asymptotic(500.0, 500.0, 0.5, 0.5)
    >>> round(low, 15), round(high, 15)
    (0.5, 0.5)
    """
    lam = _deviation(a, b, x, y)
    if lam < 0:
        high, low = beta_asymptotic(b, a, y, x)
        return low, high
    low = _temme_sum(a, b, lam)
    return low, 1.0 - low


class _TemmeCoefficients:
    """The ``d_n`` of :func:`beta_asymptotic` for one ``(a, b)``, made on demand.

    They depend on ``h = min/max`` alone, not on x, so the iterations of a
    quantile share them (:func:`_temme_coefficients` caches them per pair).
    DiDonato & Morris's (1992) recurrences: ``a0`` are the coefficients of
    the expansion of the phase function, ``b0`` those of its power
    ``-(i + 1) / 2``, and ``d`` follow from ``c_i = b0_i / (i + 1)``.
    """

    def __init__(self, a: float, b: float):
        small, large = min(a, b), max(a, b)
        self.h = small / large
        self.r0 = 1.0 / (1.0 + self.h)
        self.r1 = (b - a) / large
        self.w0 = 1.0 / math.sqrt(small * (1.0 + self.h))
        self.a0 = [2.0 / 3.0 * self.r1]
        self.c = [-0.5 * self.a0[0]]
        self.d = [-self.c[0]]
        self.s = self.hn = 1.0
        self.lock = threading.Lock()

    def pair(self, n: int) -> tuple[float, float]:
        """``(d_(n-1), d_n)`` for even ``n >= 2``, extending the lists if needed."""
        with self.lock:
            while len(self.d) <= n:
                self._extend()
            return self.d[n - 1], self.d[n]

    def _extend(self) -> None:
        a0, c, d = self.a0, self.c, self.d
        n = len(d) + 1
        self.hn *= self.h * self.h
        a0.append(2.0 * self.r0 * (1.0 + self.h * self.hn) / (n + 2.0))
        self.s += self.hn
        a0.append(2.0 * self.r1 * self.s / (n + 3.0))
        for i in (n, n + 1):
            r = -0.5 * (i + 1.0)
            b0 = [r * a0[0]]
            for m in range(2, i + 1):
                bsum = 0.0
                for j in range(1, m):
                    bsum += (j * r - (m - j)) * a0[j - 1] * b0[m - j - 1]
                b0.append(r * a0[m - 1] + bsum / m)
            c.append(b0[i - 1] / (i + 1.0))
            dsum = 0.0
            for j in range(1, i):
                dsum += d[i - j - 1] * c[j - 1]
            d.append(-(dsum + c[i - 1]))


@functools.lru_cache(maxsize=64)
def _temme_coefficients(a: float, b: float) -> _TemmeCoefficients:
    return _TemmeCoefficients(a, b)


def _temme_sum(a: float, b: float, lam: float) -> float:
    """``I_x(a, b)`` for ``lambda >= 0``: the series of :func:`beta_asymptotic`.

    Every ``J_n`` is carried multiplied by ``exp(-f)``, so ``J_0`` is a plain
    ``erfc`` and nothing overflows in the far tail (DiDonato & Morris carry
    ``exp(f) erfc(z0)`` instead).
    """
    f = -(a * log1pmx(-lam / a) + b * log1pmx(lam / b))
    scale = math.exp(-f)
    coefficients = _temme_coefficients(a, b)
    w0 = w = coefficients.w0
    j0 = 0.5 / _E0 * math.erfc(math.sqrt(f))
    j1 = _E1 * scale
    total = j0 + coefficients.d[0] * w0 * j1
    z_odd = math.sqrt(2.0 * f) * scale  # (sqrt(2) z0)^(n - 1), n even
    z_even = 2.0 * f * scale  # (sqrt(2) z0)^n
    for n in range(2, _MAX_TERMS + 1, 2):
        d_odd, d_even = coefficients.pair(n)
        j0 = _E1 * z_odd + (n - 1.0) * j0
        j1 = _E1 * z_even + n * j1
        z_odd *= 2.0 * f
        z_even *= 2.0 * f
        w *= w0
        t0 = d_odd * w * j0
        w *= w0
        t1 = d_even * w * j1
        total += t0 + t1
        if abs(t0) + abs(t1) <= 1e-15 * total:
            break
    return _E0 * math.exp(-_beta_correction(a, b)) * total
