"""The result record: the one definition of a candidate's stored result.

A record is plain JSON (``ScoreRecord.result``), built by the scoring
pipeline (:func:`assess.results.pipeline.score_candidates`) and never changed
afterwards: re-scoring stores a new one. The types below say what each
field holds; ``result.schema.json`` next to this module says the same for a
validator, and docs/result-format.md explains every field.

Records stored by earlier versions are read through :func:`upgrade`, the
only place that knows older shapes.

Units: ``raw`` is on the scale's own metric (``metric``: "mean 1-5" for a
1-5 Likert scale, "0-100" for situational judgement); ``sem`` and the
intervals are on the same metric; ``t`` is a T-score (mean 50, SD 10),
``sten`` 1-10, ``percentile`` 0-100; the fit composite, its SEM and
intervals are on the 0-100 POMP metric.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal, TypedDict

RECORD_VERSION = 2
"""The record format this code writes. 1: the unversioned scorecard JSON
stored before records were versioned (band, reason and flag texts inside)."""

Pair = list[float]  # [low, high]
Verdict = Literal["met", "not_met", "cannot_tell"]


class Versions(TypedDict):
    scoring: str
    instruments: dict[str, str]
    role: str | None  # "<role id>@<role version>"


class SemBasis(TypedDict):
    source: Literal["norm", "batch"]
    sd: float
    reliability: float
    n: int


class NormUsed(TypedDict):
    id: str
    source: str  # marked SIMULATED when simulated
    n: int
    mean: float | None
    sd: float | None
    reliability: float | None
    simulated: bool
    percentiles: Literal["normal", "table"]


class ScaleScore(TypedDict):
    instrument: str
    metric: str
    low: float
    high: float
    raw: float | None
    n_answered: int
    n_items: int
    reason: str | None
    sem: float | None
    sem_basis: SemBasis | None
    ci90: Pair | None
    ci95: Pair | None
    z: float | None
    t: float | None
    sten: int | None
    percentile: float | None
    norm: NormUsed | None
    band: str | None  # band id of the instrument's scale or facet


class Scale(ScaleScore):
    facets: dict[str, ScaleScore]


class NormBasis(TypedDict, total=False):
    source: str | None
    n: int
    simulated: bool
    note: str


class Flag(TypedDict):
    index: str
    value: float
    threshold: float


class PageTime(TypedDict):
    seconds: float | None
    items: int


class PageTimes(TypedDict):
    seconds_per_item: float
    pages: dict[str, PageTime]


class Validity(TypedDict):
    indices: dict[str, float | int | None]
    flags: list[Flag]
    page_times: PageTimes | None


class Scenario(TypedDict):
    instrument: str
    scale: str
    score: float | None
    n_rated: int
    n_options: int


class BarInterval(TypedDict):
    level: float
    low: float
    high: float


class Bar(TypedDict):
    scale: str
    weight: float
    bar: float
    raw: float | None
    pomp: float | None
    met: bool | None
    straddles: bool | None
    interval: BarInterval | None
    verdict: Verdict | None


class Reason(TypedDict):
    kind: Literal["missing", "bar_missed", "bar_uncertain", "lifts", "sinks"]
    scale: str
    contribution: float | None
    pomp: float | None
    raw: float | None
    bar: float | None
    low: float | None
    high: float | None


class Fit(TypedDict):
    composite: float | None
    metric: str
    sem: float | None
    ci90: Pair | None
    ci95: Pair | None
    reliability: float | None
    reliability_note: str | None
    all_bars_met: bool
    band: str | None  # fit band id of the role profile, after the bar rule
    bars: list[Bar]
    reasons: list[Reason]


class ResultRecord(TypedDict):
    record_version: int
    versions: Versions
    scales: dict[str, Scale]
    norm_basis: NormBasis
    validity: Validity
    judgement: dict[str, Scenario]
    fit: Fit | None


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the current record (``result.schema.json``)."""
    text = resources.files("assess.results").joinpath("result.schema.json").read_text("utf-8")
    return json.loads(text)


def upgrade(stored: Mapping[str, Any]) -> ResultRecord:
    """A stored record in the current format, whatever version wrote it.

    Version 1 (no ``record_version``) kept band and reason texts inside the
    record and lacked the norm's details, the bar verdicts and the page
    times. Upgrading keeps every number as stored; band dicts become their
    ids; reason and flag texts are dropped (they are written from the
    numbers when shown); what version 1 did not store is null, and a bar's verdict is
    derived from the stored ``met``/``straddles`` exactly as version 2
    decides it.

    Raises
    ------
    ValueError
        For a record of a newer version than this code knows.
    """
    version = stored.get("record_version", 1)
    if version == RECORD_VERSION:
        return stored  # type: ignore[return-value]
    if not isinstance(version, int) or version > RECORD_VERSION:
        raise ValueError(f"result record version {version!r} is newer than this code knows")
    record = copy.deepcopy(dict(stored))
    record["record_version"] = RECORD_VERSION
    versions = record.get("versions") or {}
    record["versions"] = {
        "scoring": str(versions.get("scoring") or "1.0"),
        "instruments": dict(versions.get("instruments") or {}),
        "role": versions.get("role"),
    }
    record["norm_basis"] = record.get("norm_basis") or {"source": None}
    record["scales"] = {
        scale_id: _scale_v1(block, with_facets=True)
        for scale_id, block in (record.get("scales") or {}).items()
    }
    validity = record.get("validity") or {}
    record["validity"] = {
        "indices": dict(validity.get("indices") or {}),
        "flags": [
            {key: flag.get(key) for key in ("index", "value", "threshold")}
            for flag in validity.get("flags") or []
        ],
        "page_times": None,
    }
    record["judgement"] = record.get("judgement") or {}
    if record.get("fit") is not None:
        record["fit"] = _fit_v1(record["fit"])
    else:
        record["fit"] = None
    return record  # type: ignore[return-value]


_SCALE_DEFAULTS = {
    "low": None,
    "high": None,
    "reason": None,
    "sem": None,
    "sem_basis": None,
    "ci90": None,
    "ci95": None,
    "z": None,
    "t": None,
    "sten": None,
    "percentile": None,
    "norm": None,
}


def _scale_v1(block: dict, *, with_facets: bool) -> dict:
    out = {**_SCALE_DEFAULTS, **block}
    low, high = _metric_range(out.get("metric"))
    out["low"] = low if out["low"] is None else out["low"]
    out["high"] = high if out["high"] is None else out["high"]
    band = out.get("band")
    out["band"] = band.get("id") if isinstance(band, Mapping) else band
    norm = out.get("norm")
    if isinstance(norm, Mapping):
        basis = out.get("sem_basis") if isinstance(out.get("sem_basis"), Mapping) else {}
        from_norm = basis.get("source") == "norm"
        out["norm"] = {
            "id": norm.get("id") or f"v1:{norm.get('source')}",
            "source": norm.get("source"),
            "n": norm.get("n"),
            "mean": norm.get("mean"),
            "sd": norm.get("sd", basis.get("sd") if from_norm else None),
            "reliability": norm.get("reliability", basis.get("reliability") if from_norm else None),
            "simulated": bool(norm.get("simulated")),
            "percentiles": norm.get("percentiles", "normal"),
        }
    if with_facets:
        out["facets"] = {
            fid: _scale_v1(facet, with_facets=False)
            for fid, facet in (block.get("facets") or {}).items()
        }
    else:
        out.pop("facets", None)
    return out


def _metric_range(metric: str | None) -> tuple[float | None, float | None]:
    """(low, high) from a v1 metric label: "mean 1-5" or "0-100"."""
    if not metric:
        return None, None
    text = metric.removeprefix("mean ").strip()
    low, _, high = text.partition("-")
    try:
        return float(low), float(high)
    except ValueError:
        return None, None


def _fit_v1(fit: dict) -> dict:
    out = dict(fit)
    band = out.get("band")
    out["band"] = band.get("id") if isinstance(band, Mapping) else band
    out["bars"] = [_bar_v1(bar) for bar in out.get("bars") or []]
    out["reasons"] = [
        {key: reason.get(key) for key in _REASON_KEYS} for reason in out.get("reasons") or []
    ]
    for key in ("sem", "ci90", "ci95", "reliability", "reliability_note", "composite"):
        out.setdefault(key, None)
    out.setdefault("metric", "0-100")
    out["all_bars_met"] = bool(out.get("all_bars_met"))
    return out


_REASON_KEYS = ("kind", "scale", "contribution", "pomp", "raw", "bar", "low", "high")


def _bar_v1(bar: dict) -> dict:
    out = dict(bar)
    out.setdefault("interval", None)
    if "verdict" not in out:
        if out.get("raw") is None or out.get("met") is None:
            out["verdict"] = None
        elif out.get("straddles"):
            out["verdict"] = "cannot_tell"
        else:
            out["verdict"] = "met" if out["met"] else "not_met"
    return out
