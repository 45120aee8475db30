"""Measurement error: SEM, confidence intervals, and when two candidates can
be told apart.

All quantities are on the metric of the score they describe: pass the SD of
raw 1-5 means to get an SEM in raw points, the SD of T-scores (10) to get
one in T points.
"""

from __future__ import annotations

import numpy as np

from assess.scoring.distributions import normal_ppf
from assess.scoring.scales import per_scale

__all__ = [
    "confidence_interval",
    "distinguishable",
    "indistinguishable_groups",
    "se_difference",
    "sem",
    "z_for_level",
]

# Two-sided normal quantiles pinned to the values in the method table.
_Z = {0.95: 1.959964, 0.90: 1.644854}


def z_for_level(level):
    """Two-sided normal quantile for a confidence ``level`` in (0, 1).

    1.959964 for 0.95 and 1.644854 for 0.90 (the pinned values), otherwise
    ``Phi^-1((1 + level) / 2)``.

    Examples
    --------
    >>> z_for_level(0.95), z_for_level(0.90)
    (1.959964, 1.644854)
    >>> round(z_for_level(0.99), 6)
    2.575829
    """
    level = float(level)
    if not 0 < level < 1:
        raise ValueError(f"confidence level must lie in (0, 1); got {level}")
    if level in _Z:
        return _Z[level]
    return float(normal_ppf(0.5 + level / 2))


def sem(sd, reliability):
    """Standard error of measurement ``SEM = SD * sqrt(1 - reliability)``.

    Not the standard error of estimate ``SD * sqrt(r (1 - r))``, which
    belongs to a regressed true-score estimate.

    Parameters
    ----------
    sd : array_like
        Standard deviation of the score in the reference group, >= 0, on
        the reporting metric.
    reliability : array_like
        Reliability (e.g. alpha) in [0, 1].

    Returns
    -------
    ndarray or float
        SEM on the metric of ``sd``.

    References
    ----------
    AERA, APA & NCME (2014). *Standards for educational and psychological
    testing*, ch. 2.

    Examples
    --------
    >>> sem(0.6, 0.84)  # 0.6 * sqrt(0.16)
    0.24
    >>> sem(10, [0.75, 1.0])
    array([5., 0.])
    """
    sd, reliability = np.asarray(sd, dtype=float), np.asarray(reliability, dtype=float)
    if np.any(~(sd >= 0)):
        raise ValueError("sd must be >= 0 and not NaN")
    if np.any(~((reliability >= 0) & (reliability <= 1))):
        raise ValueError("reliability must lie in [0, 1]")
    out = sd * np.sqrt(1.0 - reliability)
    return float(out) if out.ndim == 0 else out


def confidence_interval(score, sem, *, level=0.95):
    """Interval ``score -/+ z * SEM`` around observed scores.

    Parameters
    ----------
    score : array_like
        Observed scores (NaN = unscored, giving NaN limits).
    sem : array_like
        Standard error of measurement on the same metric, >= 0; broadcasts
        against ``score`` (e.g. one SEM per scale for an (n, s) matrix).
    level : float, default 0.95
        Coverage; z = 1.959964 (95%), 1.644854 (90%), else exact.

    Returns
    -------
    low, high : ndarray or float
        Limits on the metric of ``score`` (not clipped to the scale range);
        floats for scalar input.

    Examples
    --------
    >>> low, high = confidence_interval(3.5, 0.25)  # 3.5 -/+ 1.959964 * 0.25
    >>> round(low, 6), round(high, 6)
    (3.010009, 3.989991)
    """
    half = z_for_level(level) * _sem_array(sem)
    low, high = per_scale(np.subtract, score, half), per_scale(np.add, score, half)
    if np.ndim(low) == 0:
        return float(low), float(high)
    return low, high


def se_difference(sem_a, sem_b):
    """Standard error of the difference of two scores, ``sqrt(SEM_a^2 + SEM_b^2)``.

    Examples
    --------
    >>> se_difference(0.3, 0.4)
    0.5
    """
    out = np.hypot(_sem_array(sem_a), _sem_array(sem_b))
    return float(out) if out.ndim == 0 else out


def distinguishable(scores, sems, *, level=0.95):
    """Which pairs of candidates differ by more than measurement error.

    ``D[a, b] = |x_a - x_b| > z * sqrt(SEM_a^2 + SEM_b^2)``; symmetric, false
    on the diagonal and for any pair with a NaN score.

    Parameters
    ----------
    scores : array_like, shape (n,)
        Scores on one scale.
    sems : array_like, shape (n,) or scalar
        SEM of each score, same metric.
    level : float, default 0.95

    Returns
    -------
    ndarray of bool, shape (n, n)

    Examples
    --------
    SE_diff = 0.5 for SEMs 0.3 and 0.4, so a gap must exceed 0.98:

    >>> distinguishable([4.0, 3.5, 2.9], [0.3, 0.4, 0.3]).astype(int)
    array([[0, 0, 1],
           [0, 0, 0],
           [1, 0, 0]])
    """
    x, s = _scores_and_sems(scores, sems)
    threshold = z_for_level(level) * np.hypot(s[:, None], s[None, :])
    with np.errstate(invalid="ignore"):
        return np.abs(x[:, None] - x[None, :]) > threshold


def indistinguishable_groups(scores, sems, *, level=0.95):
    """Bands of candidates that cannot be told apart from their band's top.

    Rule: sort candidates by score, highest first (ties keep input order).
    The first candidate opens a band and is its *top*. Each next candidate
    joins the current band when ``|top - x| <= z * SE_diff(top, x)``;
    otherwise it opens a new band as that band's top. Members of a band may
    differ from each other by more than the error (the rule compares with
    the top only), and the bands are consecutive in rank, so a recruiter
    reads them as "these cannot be ranked apart from the best in the band".

    Parameters
    ----------
    scores : array_like, shape (n,)
        Scores on one scale; NaN is an error (leave unscored candidates out).
    sems : array_like, shape (n,) or scalar
    level : float, default 0.95

    Returns
    -------
    list of list of int
        Indices into ``scores``, bands in descending order of their tops.

    Examples
    --------
    >>> indistinguishable_groups([3.0, 4.0, 3.6, 2.0], [0.2, 0.2, 0.2, 0.2])
    [[1, 2], [0], [3]]
    """
    x, s = _scores_and_sems(scores, sems)
    if np.isnan(x).any():
        raise ValueError("scores must not contain NaN; leave unscored candidates out")
    z = z_for_level(level)
    order = np.argsort(-x, kind="stable")
    groups, top = [], None
    for i in order.tolist():
        if top is None or abs(x[top] - x[i]) > z * np.hypot(s[top], s[i]):
            groups.append([])
            top = i
        groups[-1].append(i)
    return groups


def _sem_array(sem_):
    sem_ = np.asarray(sem_, dtype=float)
    if np.any(sem_ < 0) or np.any(np.isinf(sem_)):
        raise ValueError("SEM must be finite and >= 0")
    return sem_


def _scores_and_sems(scores, sems):
    x = np.asarray(scores, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"scores must be 1-D (one scale); got shape {x.shape}")
    s = _sem_array(sems)
    if s.ndim == 0:
        s = np.full_like(x, float(s))
    if s.shape != x.shape:
        raise ValueError(f"sems must match scores ({x.shape}); got shape {s.shape}")
    if np.isnan(s).any():
        raise ValueError("sems must not contain NaN")
    return x, s
