"""Role fit: a weighted composite of scale scores, must-reach bars, fit bands
and the reasons behind each result.

Scales are put on one 0-100 metric (percent of maximum possible, POMP) before
they are weighted, so a 1-5 Likert mean and a 0-100 situational-judgement
score count alike. Bars stay on each scale's own raw metric, as a role
profile states them.

References
----------
Cohen, P., Cohen, J., Aiken, L. S., & West, S. G. (1999). The problem of
units and the circumstance for POMP. Multivariate Behavioral Research, 34,
315-346.
Mosier, C. I. (1943). On the reliability of a weighted composite.
Psychometrika, 8, 161-168.
AERA, APA, & NCME (2014). Standards for Educational and Psychological
Testing, standard 2.14 (precision near cut scores).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from assess.scoring.fit_reasons import fit_reasons
from assess.scoring.precision import z_for_level

__all__ = [
    "BarsMet",
    "Composite",
    "RoleFit",
    "bars_met",
    "composite",
    "composite_sem",
    "fit_bands",
    "fit_reasons",
    "mosier_reliability",
    "pomp",
    "role_fit",
]


def pomp(raw, low, high):
    """Percent of maximum possible: ``100 (raw - low) / (high - low)``.

    Parameters
    ----------
    raw : array_like, shape (n, s) or (n,)
        Raw scale scores (e.g. 1-5 means, 0-100 judgement scores), NaN =
        not scored.
    low, high : array_like, shape (s,) or scalar
        The lowest and highest possible raw score of each scale.

    Returns
    -------
    ndarray
        Scores on the 0-100 POMP metric (Cohen et al., 1999).

    Raises
    ------
    ValueError
        If ``high <= low`` or a score lies outside ``[low, high]``.

    Examples
    --------
    >>> pomp([[1.0, 3.0, 5.0]], 1, 5).tolist()
    [[0.0, 50.0, 100.0]]
    """
    x = np.asarray(raw, dtype=float)
    lo, hi = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    if np.any(hi <= lo):
        raise ValueError("pomp: every scale needs high > low")
    tol = 1e-9 * (hi - lo)
    with np.errstate(invalid="ignore"):
        outside = (x < lo - tol) | (x > hi + tol)
    if np.any(outside):
        raise ValueError("pomp: a raw score lies outside its scale's possible range")
    return np.clip(100.0 * (x - lo) / (hi - lo), 0.0, 100.0)


def _weights(weights, s: int) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    if w.shape != (s,):
        raise ValueError(f"weights must have one value per scale ({s}), got shape {w.shape}")
    if np.any(~np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise ValueError("weights must be finite, non-negative and not all zero")
    return w / w.sum()


class Composite(NamedTuple):
    """Composite on the 0-100 metric and, per scale, whether it was missing."""

    value: np.ndarray
    missing: np.ndarray


def composite(scores_pomp, weights) -> Composite:
    """Weighted mean of POMP scale scores.

    Parameters
    ----------
    scores_pomp : array_like, shape (n, s)
        Scale scores on the 0-100 POMP metric, NaN = not scored.
    weights : array_like, shape (s,)
        Non-negative weights, normalised here to sum to 1.

    Returns
    -------
    Composite
        ``value = sum_j w_j pomp_j`` (0-100). A candidate with any weighted
        scale missing gets NaN rather than a composite of the rest, and
        ``missing`` (n, s) says which scales were absent. A scale of weight
        0 never makes the composite missing.

    Examples
    --------
    >>> composite([[50.0, 100.0], [80.0, float("nan")]], [1, 3]).value.tolist()
    [87.5, nan]
    """
    x = np.asarray(scores_pomp, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"scores_pomp must be 2-d (candidates x scales), got shape {x.shape}")
    w = _weights(weights, x.shape[1])
    missing = np.isnan(x) & (w > 0)
    value = np.where(np.isnan(x), 0.0, x) @ w
    return Composite(value=np.where(missing.any(axis=1), np.nan, value), missing=missing)


def _covariance(weights, sds, reliabilities, corr):
    w = np.asarray(weights, dtype=float)
    s = w.shape[0] if w.ndim == 1 else -1
    w = _weights(w, s)
    sd = np.asarray(sds, dtype=float)
    rel = np.asarray(reliabilities, dtype=float)
    r = np.asarray(corr, dtype=float)
    if sd.shape != (s,) or rel.shape != (s,) or r.shape != (s, s):
        raise ValueError(f"sds and reliabilities need shape ({s},), corr ({s}, {s})")
    if np.any(sd < 0) or np.any((rel < 0) | (rel > 1)):
        raise ValueError("sds must be >= 0 and reliabilities in [0, 1]")
    if not np.allclose(r, r.T) or not np.allclose(np.diag(r), 1.0):
        raise ValueError("corr must be a symmetric correlation matrix with unit diagonal")
    cov = r * np.outer(sd, sd)
    error = float(np.sum(w * w * sd * sd * (1.0 - rel)))
    return error, float(w @ cov @ w)


def mosier_reliability(weights, sds, reliabilities, corr) -> float:
    """Reliability of a weighted composite (Mosier, 1943).

    Parameters
    ----------
    weights : array_like, shape (s,)
        Composite weights (normalised here; the result does not depend on it).
    sds : array_like, shape (s,)
        Scale SDs on the metric the weights apply to (POMP for
        :func:`composite`).
    reliabilities : array_like, shape (s,)
        Scale reliabilities (e.g. alpha), 0-1.
    corr : array_like, shape (s, s)
        Scale intercorrelations.

    Returns
    -------
    float
        ``1 - sum_j w_j² sd_j² (1 - r_jj) / (w' S w)`` with ``S = D corr D``.

    Examples
    --------
    Two uncorrelated scales of equal SD and weight, reliabilities .8 and .6:
    error variance .25(.2) + .25(.4) = .15, total .5, so 1 - .15/.5 = .7.

    >>> round(mosier_reliability([1, 1], [1, 1], [0.8, 0.6], [[1, 0], [0, 1]]), 10)
    0.7
    """
    error, total = _covariance(weights, sds, reliabilities, corr)
    if total <= 0:
        raise ValueError("the composite has zero variance")
    return 1.0 - error / total


def composite_sem(weights, sds, reliabilities, corr) -> float:
    """Standard error of measurement of the weighted composite.

    Parameters
    ----------
    weights, sds, reliabilities, corr
        As :func:`mosier_reliability`; the SEM is on the metric of ``sds``
        (POMP points for :func:`composite`).

    Returns
    -------
    float
        ``SD_c sqrt(1 - r_c)`` with ``SD_c = sqrt(w' S w)`` (normalised
        weights) and ``r_c`` Mosier's reliability, which equals
        ``sqrt(sum_j w_j² SEM_j²)``: the scale errors are taken as uncorrelated.

    Examples
    --------
    >>> round(composite_sem([1, 1], [10, 10], [0.8, 0.6], [[1, 0.5], [0.5, 1]]), 6)
    3.872983
    """
    error, _ = _covariance(weights, sds, reliabilities, corr)
    return float(np.sqrt(error))


class BarsMet(NamedTuple):
    """``all_met`` (n,), and per scale ``failed`` and ``missing`` (n, s)."""

    all_met: np.ndarray
    failed: np.ndarray
    missing: np.ndarray


def bars_met(raw, bars) -> BarsMet:
    """Check must-reach bars on each scale's raw metric.

    Parameters
    ----------
    raw : array_like, shape (n, s)
        Raw scale scores, NaN = not scored.
    bars : array_like, shape (s,)
        Minimum raw score per scale (reached when ``raw >= bar``); NaN = no bar.

    Returns
    -------
    BarsMet
        ``failed``: scored below the bar; ``missing``: not scored on a scale
        with a bar (a bar cannot be shown to be met, so ``all_met`` is False).

    Examples
    --------
    >>> res = bars_met([[3.5, 60.0], [3.0, 40.0]], [3.5, 50.0])
    >>> res.all_met.tolist(), res.failed.tolist()
    ([True, False], [[False, False], [True, True]])
    """
    x = np.asarray(raw, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"raw must be 2-d (candidates x scales), got shape {x.shape}")
    b = np.asarray(bars, dtype=float)
    if b.shape != (x.shape[1],):
        raise ValueError(f"bars must have one value per scale ({x.shape[1]})")
    has_bar = ~np.isnan(b)
    missing = np.isnan(x) & has_bar
    with np.errstate(invalid="ignore"):
        failed = ~np.isnan(x) & has_bar & (x < b)
    return BarsMet(all_met=~(failed | missing).any(axis=1), failed=failed, missing=missing)


def fit_bands(composite, band_mins, requires_all_bars, all_bars_met) -> np.ndarray:
    """Index of the fit band each composite falls in.

    Parameters
    ----------
    composite : array_like, shape (n,)
        Composite on the 0-100 metric, NaN = none.
    band_mins : array_like, shape (b,)
        Lower bound (inclusive) of each band on the 0-100 metric, any order.
    requires_all_bars : array_like of bool, shape (b,)
        Bands that apply only when every must-reach bar is met.
    all_bars_met : array_like of bool, shape (n,)

    Returns
    -------
    ndarray of int, shape (n,)
        Index into the given bands of the highest band whose minimum the
        composite reaches and whose bar condition holds; -1 when the
        composite is NaN or no band applies.

    Examples
    --------
    >>> fit_bands([85.0, 85.0, 40.0, float("nan")], [0, 50, 80], [False, False, True],
    ...           [True, False, True, True]).tolist()
    [2, 1, 0, -1]
    """
    c = np.asarray(composite, dtype=float).ravel()
    mins = np.asarray(band_mins, dtype=float).ravel()
    req = np.asarray(requires_all_bars, dtype=bool).ravel()
    met = np.asarray(all_bars_met, dtype=bool).ravel()
    if req.shape != mins.shape:
        raise ValueError("requires_all_bars needs one value per band")
    if met.shape != c.shape:
        raise ValueError("all_bars_met needs one value per candidate")
    band = np.full(c.shape, -1, dtype=np.int64)
    best = np.full(c.shape, -np.inf)
    for i in range(mins.shape[0]):  # a loop over the few bands
        with np.errstate(invalid="ignore"):
            applies = (c >= mins[i]) & (met | ~req[i]) & (mins[i] > best)
        band[applies] = i
        best[applies] = mins[i]
    return band


class RoleFit(NamedTuple):
    """Everything a report needs about role fit, per candidate."""

    pomp: np.ndarray
    composite: np.ndarray
    composite_low: np.ndarray
    composite_high: np.ndarray
    missing: np.ndarray
    all_bars_met: np.ndarray
    bars_failed: np.ndarray
    band: np.ndarray
    band_id: list
    contributions: np.ndarray
    bar_uncertain: np.ndarray
    reasons: list


def role_fit(
    raw,
    low,
    high,
    weights,
    bars,
    band_mins,
    requires_all_bars,
    scale_ids,
    *,
    sem=None,
    composite_sem=None,
    band_ids=None,
    scale_names=None,
    level: float = 0.90,
    records: bool = True,
    texts: bool = True,
) -> RoleFit:
    """Role fit from raw scale scores: POMP, composite, bars, band, reasons.

    Parameters
    ----------
    raw : array_like, shape (n, s)
        Raw scale scores on each scale's metric, NaN = not scored.
    low, high : array_like, shape (s,)
        Possible range of each scale (e.g. 1 and 5; 0 and 100).
    weights, bars : array_like, shape (s,)
        The role's weights and must-reach bars (raw metric; NaN = no bar).
    band_mins, requires_all_bars : array_like, shape (b,)
        The role's fit bands (0-100 minimum, bar condition).
    scale_ids : sequence of str, shape (s,)
        Scale ids, used in the reasons.
    sem : array_like, shape (s,) or (n, s), optional
        SEM of each raw scale score; needed to find bars within the interval.
    composite_sem : float, optional
        SEM of the composite in POMP points (see :func:`composite_sem`);
        gives ``composite_low``/``composite_high``.
    band_ids : sequence of str, optional
        Band ids reported in ``band_id`` (None where no band applies).
    scale_names : mapping, optional
        ``{scale_id: {"en": ..., "fi": ...}}`` used in the reason texts.
    level : float, default 0.90
        Confidence level of the intervals (z = 1.644854 at 0.90).
    records : bool, default True
        Build the per-candidate reason records (skip for bulk scoring).
    texts : bool, default True
        Put the reason texts in the records (see :func:`fit_reasons`).

    Returns
    -------
    RoleFit
        Arrays per candidate plus ``reasons`` from :func:`fit_reasons`.

    Examples
    --------
    >>> res = role_fit([[4.5, 70.0]], [1, 0], [5, 100], [1, 1], [3.5, 50], [0, 60],
    ...                [False, True], ["service", "judgement"], band_ids=["low", "high"])
    >>> round(float(res.composite[0]), 2), res.band_id
    (78.75, ['high'])
    """
    x = np.asarray(raw, dtype=float)
    p = pomp(x, low, high)
    comp = composite(p, weights)
    bars_ = bars_met(x, bars)
    band = fit_bands(comp.value, band_mins, requires_all_bars, bars_.all_met)
    z = z_for_level(level)
    if composite_sem is None:
        c_low = c_high = np.full(comp.value.shape, np.nan)
    else:
        c_low = np.clip(comp.value - z * composite_sem, 0, 100)
        c_high = np.clip(comp.value + z * composite_sem, 0, 100)
    reasons = fit_reasons(
        p,
        weights,
        x,
        bars,
        scale_ids,
        sem=sem,
        scale_names=scale_names,
        level=level,
        records=records,
        texts=texts,
    )
    ids = list(band_ids) if band_ids is not None else None
    return RoleFit(
        pomp=p,
        composite=comp.value,
        composite_low=c_low,
        composite_high=c_high,
        missing=comp.missing,
        all_bars_met=bars_.all_met,
        bars_failed=bars_.failed,
        band=band,
        band_id=[None if b < 0 or ids is None else ids[b] for b in band],
        contributions=reasons.contributions,
        bar_uncertain=reasons.bar_uncertain,
        reasons=reasons.records,
    )


BAR_VERDICTS = ("met", "not_met", "cannot_tell")
"""The three verdicts on a must-reach bar, by the codes :func:`bar_verdicts` returns."""


def bar_verdicts(raw, bars, low, high) -> np.ndarray:
    """Verdict on each must-reach bar: met, not met, or cannot tell.

    Parameters
    ----------
    raw : array_like, shape (n, s)
        Raw scale scores, NaN = not scored.
    bars : array_like, shape (s,)
        Must-reach bars on the raw metric, NaN = no bar.
    low, high : array_like, shape (n, s)
        The interval around each score (e.g. 90%, ``raw -/+ 1.644854 SEM``),
        NaN where the SEM is unknown.

    Returns
    -------
    ndarray of int, shape (n, s)
        Index into :data:`BAR_VERDICTS`: 2 (cannot tell) when the bar lies
        within the interval (AERA/APA/NCME, 2014, standard 2.14), else 0
        (met) for ``raw >= bar`` and 1 (not met) below it; -1 without a
        score or a bar. Without an interval the point score decides.

    Examples
    --------
    >>> bar_verdicts([[4.2, 3.9, 3.0, float("nan")]], [4.0, 4.0, 4.0, 4.0],
    ...              [[4.05, 3.6, 2.7, float("nan")]], [[4.35, 4.2, 3.3, float("nan")]]).tolist()
    [[0, 2, 1, -1]]
    """
    x = np.asarray(raw, dtype=float)
    b = np.broadcast_to(np.asarray(bars, dtype=float), x.shape)
    lo, hi = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    out = np.where(x >= b, 0, 1)
    with np.errstate(invalid="ignore"):
        out[(lo <= b) & (b <= hi)] = 2
    out[np.isnan(x) | np.isnan(b)] = -1
    return out
