"""Complete result records (assess.results.record, version 2) made from a few
numbers, for tests that need stored scores without scoring answers."""

from __future__ import annotations

from assess.results.record import RECORD_VERSION

Z90, Z95 = 1.644854, 1.959964


def scale_entry(
    raw: float | None,
    sem: float | None = 0.2,
    band: str | None = "solid",
    *,
    instrument: str = "service-composure",
    low: float = 1.0,
    high: float = 5.0,
) -> dict:
    """One scale (or facet) scored ``raw`` on ``low``-``high`` with ``sem``."""

    def ci(z):
        if raw is None or sem is None:
            return None
        return [max(low, raw - z * sem), min(high, raw + z * sem)]

    return {
        "instrument": instrument,
        "metric": "0-100" if (low, high) == (0.0, 100.0) else f"mean {low:g}-{high:g}",
        "low": low,
        "high": high,
        "raw": raw,
        "n_answered": 10,
        "n_items": 10,
        "reason": None,
        "sem": sem,
        "sem_basis": None,
        "ci90": ci(Z90),
        "ci95": ci(Z95),
        "z": None,
        "t": None,
        "sten": None,
        "percentile": None,
        "norm": None,
        "band": band if raw is not None else None,
        "facets": {},
    }


def bar_entry(scale: str, bar: float, raw: float | None, sem: float = 0.2) -> dict:
    """A must-reach bar on ``scale`` judged on the 90% interval of ``raw``."""
    if raw is None:
        return {"scale": scale, "weight": 0.5, "bar": bar, "raw": None, "pomp": None,
                "met": None, "straddles": None, "interval": None, "verdict": None}  # fmt: skip
    low, high = raw - Z90 * sem, raw + Z90 * sem
    straddles = low <= bar <= high
    verdict = "cannot_tell" if straddles else ("met" if raw >= bar else "not_met")
    return {
        "scale": scale,
        "weight": 0.5,
        "bar": bar,
        "raw": raw,
        "pomp": 25.0 * (raw - 1.0),
        "met": raw >= bar,
        "straddles": straddles,
        "interval": {"level": 0.90, "low": low, "high": high},
        "verdict": verdict,
    }


def record(
    scales: dict[str, dict],
    *,
    fit: dict | None = None,
    flags: list[dict] | None = None,
    instruments: dict[str, str] | None = None,
    role: str | None = None,
) -> dict:
    """A complete record of the given scale entries, fit block and flags."""
    return {
        "record_version": RECORD_VERSION,
        "versions": {
            "scoring": "2.0",
            "instruments": instruments or {"service-composure": "1.0"},
            "role": role,
        },
        "scales": scales,
        "norm_basis": {
            "source": None,
            "note": "No norm group: raw scores with criterion-referenced bands",
        },
        "validity": {"indices": {}, "flags": flags or [], "page_times": None},
        "judgement": {},
        "fit": fit,
    }


def fit_entry(
    composite: float | None,
    *,
    sem: float | None = 4.0,
    band: str | None = "borderline",
    bars: list[dict] | None = None,
    reasons: list[dict] | None = None,
) -> dict:
    """A role-fit block on the 0-100 metric."""

    def ci(z):
        if composite is None or sem is None:
            return None
        return [max(0.0, composite - z * sem), min(100.0, composite + z * sem)]

    bars = bars or []
    return {
        "composite": composite,
        "metric": "0-100",
        "sem": sem,
        "ci90": ci(Z90),
        "ci95": ci(Z95),
        "reliability": None,
        "reliability_note": "No composite reliability: set by hand in a test",
        "all_bars_met": all(b["verdict"] == "met" for b in bars),
        "band": band,
        "bars": bars,
        "reasons": reasons or [],
    }


def reason(kind: str, scale: str, **numbers: float | None) -> dict:
    """A fit reason of ``kind`` on ``scale`` (numbers default to null)."""
    out = {"kind": kind, "scale": scale, "contribution": None, "pomp": None, "raw": None,
           "bar": None, "low": None, "high": None}  # fmt: skip
    out.update(numbers)
    return out


def flag(index: str, value: float = 14.0, threshold: float = 10.0) -> dict:
    """A validity flag (its reason text is written from these when shown)."""
    return {"index": index, "value": value, "threshold": threshold}
