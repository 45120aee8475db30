"""Norms, measurement error and bands for one reported score, over all
candidates at once.

Choices (see PSYCHOMETRICS.md):

- The norm of a scale is the explicit ``norms`` argument, else the
  instrument's own norm for it, else none. Without a norm, z, T, sten and
  percentile are null and the scale is read against its criterion bands.
- SEM = norm SD * sqrt(1 - norm reliability), on the raw metric. When the
  norm gives no reliability (or there is no norm), the batch being scored
  supplies it: Cronbach's alpha and the SD of the scale score over the
  candidates who answered every item of the scale, when there are at least
  ``BATCH_MIN_COMPLETE`` (30) of them; otherwise the SEM is null, with the
  reason. A batch SEM is labelled as such in ``sem_basis``.
- Intervals are raw +/- z * SEM (z = 1.644854 for 90%, 1.959964 for 95%),
  held within the scale's possible range.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assess.scoring import norms as norm_scores
from assess.scoring import precision
from assess.scoring.distributions import normal_ppf
from assess.scoring.reliability import cronbach_alpha
from questionnaires.model import Band, ScaleNorm

BATCH_MIN_COMPLETE = 30


@dataclass(frozen=True)
class Measurement:
    """The SEM of one score and where it came from (None with a reason)."""

    sem: float | None
    basis: dict | None
    reason: str | None


def norm_label(norm: ScaleNorm) -> str:
    """The norm's source, marked SIMULATED when it is, wherever it is shown."""
    if norm.simulated and "SIMULATED" not in norm.source.upper():
        return f"SIMULATED: {norm.source}"
    return norm.source


def measurement(
    norm: ScaleNorm | None,
    raw: np.ndarray,
    items: Callable[[], np.ndarray] | None = None,
    complete: np.ndarray | None = None,
) -> Measurement:
    """SEM from the norm, else from the batch (alpha and SD of complete cases).

    Parameters
    ----------
    norm : ScaleNorm or None
    raw : ndarray (n,)
        The scale scores on the reported metric.
    items : callable returning ndarray (n, k), optional
        Keyed item (or scenario) scores of the scale, NaN = missing; called
        only when the batch must supply the reliability. None when the
        batch cannot supply one.
    complete : ndarray of bool (n,), optional
        The candidates who answered every item (default: from ``items``).
    """
    if norm is not None and norm.sd is not None and norm.reliability is not None:
        value = float(precision.sem(norm.sd, norm.reliability))
        basis = {
            "source": "norm",
            "sd": norm.sd,
            "reliability": norm.reliability,
            "n": norm.n,
        }
        return Measurement(value, basis, None)
    why = "the norm gives no reliability" if norm is not None else "there is no norm"
    if items is None:
        return Measurement(None, None, f"No SEM: {why} and the batch gives no reliability")
    matrix = None
    if complete is None:
        matrix = items()
        complete = ~np.isnan(matrix).any(axis=1)
    n_complete = int(complete.sum())
    if n_complete < BATCH_MIN_COMPLETE:
        return Measurement(
            None,
            None,
            f"No SEM: {why}, and the batch has {n_complete} candidate(s) with every item "
            f"answered ({BATCH_MIN_COMPLETE} needed to estimate reliability)",
        )
    matrix = items() if matrix is None else matrix
    if matrix.shape[1] < 2:
        return Measurement(None, None, f"No SEM: {why}, and one item gives no batch reliability")
    alpha = float(cronbach_alpha(matrix[complete])[0])
    sd = float(np.std(raw[complete], ddof=1))
    if not np.isfinite(alpha) or alpha <= 0 or not np.isfinite(sd):
        return Measurement(
            None, None, f"No SEM: {why}, and the batch alpha ({alpha:.2f}) is not positive"
        )
    basis = {"source": "batch", "sd": sd, "reliability": alpha, "n": n_complete}
    return Measurement(float(precision.sem(sd, alpha)), basis, None)


def intervals(raw: np.ndarray, sem: float | None, low: float, high: float) -> dict:
    """90% and 95% intervals (n, 2) around ``raw``, NaN where unknown.

    The limits are held within the scale's possible range ``[low, high]``
    (a 0-100 score of 98 with SEM 5 reads 89.8-100, not 89.8-106.2), as the
    role-fit composite's are.
    """
    out = {}
    for name, level in (("ci90", 0.90), ("ci95", 0.95)):
        if sem is None:
            out[name] = np.full((raw.shape[0], 2), np.nan)
        else:
            lo, hi = precision.confidence_interval(raw, sem, level=level)
            out[name] = np.clip(np.column_stack([lo, hi]), low, high)
    return out


def normed(raw: np.ndarray, norm: ScaleNorm | None) -> dict[str, np.ndarray]:
    """z, T, sten and percentile (n,) of ``raw`` against ``norm`` (NaN without).

    With mean and SD: ``z = (raw - mean) / sd``, percentile ``100 Phi(z)``
    (or from the norm's percentile table when it has one). With a
    percentile table alone: the percentile from the table and the
    normalised ``z = Phi^-1(percentile / 100)``, the percentile held within
    0.1-99.9 so that z stays finite (|z| <= 3.09).
    """
    nan = np.full(raw.shape, np.nan)
    if norm is None:
        return {"z": nan, "t": nan, "sten": nan, "percentile": nan}
    if norm.mean is not None and norm.sd is not None:
        z = norm_scores.z_scores(raw, norm.mean, norm.sd)
        if norm.percentiles:
            percentile = norm_scores.percentile_from_table(raw, norm.percentiles)
        else:
            percentile = norm_scores.normal_percentiles(z)
    elif norm.percentiles:
        percentile = norm_scores.percentile_from_table(raw, norm.percentiles)
        held = np.clip(np.where(np.isnan(percentile), 50.0, percentile), 0.1, 99.9)
        z = np.where(np.isnan(percentile), np.nan, normal_ppf(held / 100.0))
    else:
        return {"z": nan, "t": nan, "sten": nan, "percentile": nan}
    return {
        "z": np.asarray(z, dtype=float),
        "t": np.asarray(norm_scores.t_scores(z), dtype=float),
        "sten": np.asarray(norm_scores.stens(z), dtype=float),
        "percentile": np.asarray(percentile, dtype=float),
    }


def band_index(raw: np.ndarray, bands: tuple[Band, ...]) -> np.ndarray:
    """Index of the band each raw score falls in; -1 for none or NaN.

    A score belongs to the band with the highest ``min`` at or below it, so
    a score in a rounding gap between bands (2.995 between 1.00-2.99 and
    3.00-3.99) reads as the lower band, never as no band.
    """
    out = np.full(raw.shape, -1, dtype=np.int64)
    if not bands:
        return out
    order = np.argsort([b.min for b in bands], kind="stable")
    mins = np.array([bands[i].min for i in order])
    pos = np.searchsorted(mins, np.where(np.isnan(raw), -np.inf, raw), side="right") - 1
    ok = (pos >= 0) & ~np.isnan(raw)
    out[ok] = order[pos[ok]]
    return out


def band_dict(band: Band) -> dict:
    return {"id": band.id, "label": dict(band.label), "text": dict(band.text)}
