"""Fisher's exact test for a 2x2 table (re-exported by
:mod:`assess.scoring.distributions`).

References
----------
Fisher, R. A. (1922). On the interpretation of chi-square from contingency
tables, and the calculation of P. Journal of the Royal Statistical Society,
85, 87-94.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["fisher_exact_two_sided"]


def _hypergeometric_logpmf(lo: int, hi: int, row1: int, col1: int, n: int) -> np.ndarray:
    """``log P(X = x)`` for x = lo..hi, up to a constant that cancels.

    Log-factorials (``math.lgamma``) anchor every 512th value; the values in
    between follow from the pmf ratio ``P(x+1)/P(x) = (r-x)(c-x) /
    ((x+1)(n-r-c+x+1))``, so large tables (a million applicants) need few
    lgamma calls and the running sums never drift over more than 512 steps.
    """
    x = np.arange(lo, hi, dtype=float)
    steps = np.log((row1 - x) * (col1 - x)) - np.log((x + 1) * (n - row1 - col1 + x + 1))
    out = np.empty(hi - lo + 1)
    for start in range(0, hi - lo + 1, 512):
        j = lo + start
        out[start] = -(
            math.lgamma(j + 1)
            + math.lgamma(row1 - j + 1)
            + math.lgamma(col1 - j + 1)
            + math.lgamma(n - row1 - col1 + j + 1)
        )
        stop = min(start + 512, hi - lo + 1)
        out[start + 1 : stop] = out[start] + np.cumsum(steps[start : stop - 1])
    return out


def _fisher_one(a: int, b: int, c: int, d: int) -> float:
    row1, col1, n = a + b, a + c, a + b + c + d
    lo, hi = max(0, row1 + col1 - n), min(row1, col1)
    if lo == hi:
        return 1.0
    logp = _hypergeometric_logpmf(lo, hi, row1, col1, n)
    logp_obs = logp[a - lo]
    probs = np.exp(logp - logp.max())
    observed = math.exp(logp_obs - logp.max())
    # The 1e-7 relative tolerance counts tables tied with the observed one
    # despite rounding, as R's fisher.test and scipy.stats.fisher_exact do.
    p = probs[probs <= observed * (1.0 + 1e-7)].sum() / probs.sum()
    return float(min(1.0, p))


def fisher_exact_two_sided(a, b, c, d):
    """Two-sided p of Fisher's exact test for the 2x2 table ``[[a, b], [c, d]]``.

    Parameters
    ----------
    a, b, c, d : int or array_like of int
        Non-negative cell counts (broadcast together).

    Returns
    -------
    float or ndarray
        Sum of the hypergeometric probabilities (fixed margins) of all tables
        no more probable than the observed one, with relative tolerance 1e-7
        as in R ``fisher.test`` and ``scipy.stats.fisher_exact``. A table with
        an empty row or column gives 1.

    Raises
    ------
    ValueError
        If a count is negative, missing or not a whole number.

    Examples
    --------
    >>> round(fisher_exact_two_sided(8, 2, 1, 5), 10)
    0.034965035
    """
    cells = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, c, d)))
    stacked = np.stack(cells)
    if np.any(np.isnan(stacked)) or np.any(stacked < 0) or np.any(stacked != np.round(stacked)):
        raise ValueError("fisher_exact_two_sided: counts must be non-negative whole numbers")
    flat = stacked.reshape(4, -1).astype(np.int64)
    out = np.array([_fisher_one(*map(int, flat[:, i])) for i in range(flat.shape[1])])
    out = out.reshape(cells[0].shape)
    return float(out) if out.ndim == 0 else out
