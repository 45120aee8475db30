"""Check a role profile (plain data) against its instruments and build it.

A role profile names the instruments a candidate takes, weighs some of their
scales with must-reach bars, sorts the weighted composite into fit bands and
gives the interview panel behaviourally anchored competencies.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from questionnaires.fields import INSTRUMENT_ID, Fields, get, scale_hint
from questionnaires.instrument_schema import scale_metrics
from questionnaires.model import (
    Competency,
    FitBand,
    Instrument,
    RoleProfile,
    ScaleRequirement,
)
from questionnaires.problems import FieldPath, InstrumentError, ProblemLog

ANCHOR_LEVELS = (1, 2, 3, 4, 5)
FIT_METRIC = (0.0, 100.0)
"""The role composite: percent of the maximum possible weighted score."""

REQUIRED = (
    "id",
    "version",
    "title",
    "description",
    "instruments",
    "requirements",
    "fit_bands",
    "competencies",
)

ScaleMetrics = dict[str, tuple[float, float]] | None
"""The metric of every scale of the role's instruments; ``None`` when an
instrument could not be found, so scale references cannot be checked."""

InstrumentLookup = Callable[[str], Instrument]
"""Finds an instrument by id; raises ``KeyError`` when there is none."""


def read_role(
    data: Any, log: ProblemLog, lookup: InstrumentLookup, source: Path | None = None
) -> RoleProfile | None:
    """The ``RoleProfile`` in ``data``; ``None`` when problems were reported in ``log``."""
    fields = Fields(log)
    top = fields.mapping((), data, REQUIRED)
    if top is None:
        return None
    ident = fields.read(
        top, (), "id", fields.string, INSTRUMENT_ID, "lowercase letters, digits and hyphens"
    )
    version = fields.read(top, (), "version", fields.string)
    title = fields.read(top, (), "title", fields.text)
    description = fields.read(top, (), "description", fields.text)
    instruments, metrics = _read_instruments(fields, top, lookup)
    requirements = _read_requirements(fields, top, metrics)
    fit_bands = _read_fit_bands(fields, top)
    competencies = _read_competencies(fields, top, metrics)
    if log.problems:
        return None
    return RoleProfile(
        id=ident,
        version=version,
        title=title,
        description=description,
        instruments=tuple(instruments),
        requirements=tuple(requirements),
        fit_bands=tuple(fit_bands),
        competencies=tuple(competencies),
        source=source,
    )


def _read_instruments(
    fields: Fields, top: dict[str, Any], lookup: InstrumentLookup
) -> tuple[list[str], ScaleMetrics]:
    """The instrument ids, and the metric of every scale they hold."""
    ids: list[str] = []
    metrics: dict[str, tuple[float, float]] = {}
    complete = True
    owners: dict[str, str] = {}
    seen: dict[str, FieldPath] = {}
    for index, raw in enumerate(fields.sequence(("instruments",), top.get("instruments", []), 1)):
        path: FieldPath = ("instruments", index)
        ident = fields.string(path, raw, INSTRUMENT_ID, "lowercase letters, digits and hyphens")
        fields.unique(path, seen, ident, "instrument")
        if ident is None:
            continue
        ids.append(ident)
        try:
            instrument = lookup(ident)
        except KeyError as error:
            fields.report(path, f"unknown instrument '{ident}'{_known(error)}")
            complete = False
            continue
        except InstrumentError as error:
            fields.report(
                path,
                f"instrument '{ident}' does not load ({len(error.problems)} "
                f"problems; run: assess instruments check)",
            )
            complete = False
            continue
        for scale, metric in scale_metrics(instrument).items():
            if scale in owners and owners[scale] != ident:
                fields.report(
                    path,
                    f"scale '{scale}' is in both '{owners[scale]}' and "
                    f"'{ident}'; scale ids must be unique across instruments",
                )
            owners[scale] = ident
            metrics[scale] = metric
    return ids, (metrics if complete else None)


def _known(error: KeyError) -> str:
    # The lookup may say which instruments exist as the KeyError's second argument.
    return f" (instruments: {error.args[1]})" if len(error.args) > 1 else ""


def _read_requirements(
    fields: Fields, top: dict[str, Any], metrics: ScaleMetrics
) -> list[ScaleRequirement]:
    requirements = []
    seen: dict[str, FieldPath] = {}
    raw_list = fields.sequence(("requirements",), top.get("requirements", []), 1)
    for index, raw in enumerate(raw_list):
        path: FieldPath = ("requirements", index)
        entry = fields.mapping(path, raw, ("scale", "weight", "bar"))
        scale = (
            _scale_ref(fields, (*path, "scale"), get(entry, "scale"), metrics)
            if entry is not None and "scale" in entry
            else None
        )
        fields.unique((*path, "scale"), seen, scale, "requirement for scale")
        weight = fields.read(entry, path, "weight", fields.number)
        if weight is not None and weight <= 0:
            fields.report((*path, "weight"), f"weight must be above 0, got {weight:g}")
        low, high = (metrics or {}).get(scale) or (None, None)
        bar = fields.read(entry, path, "bar", fields.number, low, high, what="the scale's metric")
        requirements.append(ScaleRequirement(scale=scale, weight=weight, bar=bar))
    return requirements


def _scale_ref(fields: Fields, path: FieldPath, value: Any, metrics: ScaleMetrics) -> str | None:
    scale = fields.identifier(path, value)
    if scale is not None and metrics is not None and scale not in metrics:
        hint = scale_hint(scale, metrics, "scales of the listed instruments")
        fields.report(path, f"unknown scale '{scale}'{hint}")
    return scale


def _read_fit_bands(fields: Fields, top: dict[str, Any]) -> list[FitBand]:
    bands = []
    seen: dict[str, FieldPath] = {}
    raw_bands = fields.sequence(("fit_bands",), top.get("fit_bands", []), 1)
    lowest: float | None = None
    for index, raw in enumerate(raw_bands):
        path: FieldPath = ("fit_bands", index)
        entry = fields.mapping(path, raw, ("id", "min", "label", "text"), ("requires_all_bars",))
        ident = fields.read(entry, path, "id", fields.identifier)
        fields.unique((*path, "id"), seen, ident, "band id")
        low = fields.read(entry, path, "min", fields.number, *FIT_METRIC, what="the fit metric")
        if low is not None:
            if lowest is not None and low >= lowest:
                fields.report(
                    (*path, "min"),
                    f"{low:g} is not below the band before it "
                    f"({lowest:g}); list bands highest first",
                )
            lowest = low if lowest is None else min(lowest, low)
        requires_all = fields.read(entry, path, "requires_all_bars", fields.boolean)
        bands.append(
            FitBand(
                id=ident,
                min=low,
                label=fields.read(entry, path, "label", fields.text),
                text=fields.read(entry, path, "text", fields.text),
                requires_all_bars=bool(requires_all),
            )
        )
    if lowest is not None and lowest != 0:
        fields.report(
            ("fit_bands",),
            f"the lowest band must start at 0 so every composite "
            f"has a band (lowest min is {lowest:g})",
        )
    return bands


def _read_competencies(
    fields: Fields, top: dict[str, Any], metrics: ScaleMetrics
) -> list[Competency]:
    competencies = []
    seen: dict[str, FieldPath] = {}
    raw_list = fields.sequence(("competencies",), top.get("competencies", []), 1)
    for index, raw in enumerate(raw_list):
        path: FieldPath = ("competencies", index)
        entry = fields.mapping(
            path, raw, ("id", "name", "description", "anchors"), ("scales", "questions")
        )
        ident = fields.read(entry, path, "id", fields.identifier)
        fields.unique((*path, "id"), seen, ident, "competency id")
        scales = [
            _scale_ref(fields, (*path, "scales", position), value, metrics)
            for position, value in enumerate(
                fields.sequence((*path, "scales"), get(entry, "scales", []))
            )
        ]
        questions = [
            fields.text((*path, "questions", position), value)
            for position, value in enumerate(
                fields.sequence((*path, "questions"), get(entry, "questions", []))
            )
        ]
        competencies.append(
            Competency(
                id=ident,
                name=fields.read(entry, path, "name", fields.text),
                description=fields.read(entry, path, "description", fields.text),
                anchors=_read_anchors(fields, entry, path),
                scales=tuple(scales),
                questions=tuple(questions),
            )
        )
    return competencies


def _read_anchors(fields: Fields, entry: dict[str, Any] | None, path: FieldPath):
    anchors = fields.read(entry, path, "anchors", fields.points)
    if anchors is None:
        return None
    missing = [str(level) for level in ANCHOR_LEVELS if level not in anchors]
    if missing:
        fields.report(
            (*path, "anchors"), f"no anchor for level {', '.join(missing)} (levels are 1-5)"
        )
    for level in anchors:
        if level not in ANCHOR_LEVELS:
            fields.report((*path, "anchors", level), f"level {level} is outside 1..5")
    return {
        level: fields.text((*path, "anchors", level), text)
        for level, text in sorted(anchors.items())
    }


def role_to_mapping(role: RoleProfile) -> dict[str, Any]:
    """The role as JSON-safe data in the file layout; ``read_role`` reads it back equal."""
    return {
        "id": role.id,
        "version": role.version,
        "title": dict(role.title),
        "description": dict(role.description),
        "instruments": list(role.instruments),
        "requirements": [
            {"scale": r.scale, "weight": r.weight, "bar": r.bar} for r in role.requirements
        ],
        "fit_bands": [
            {
                "id": band.id,
                "min": band.min,
                "requires_all_bars": band.requires_all_bars,
                "label": dict(band.label),
                "text": dict(band.text),
            }
            for band in role.fit_bands
        ],
        "competencies": [
            {
                "id": c.id,
                "scales": list(c.scales),
                "name": dict(c.name),
                "description": dict(c.description),
                "anchors": {str(level): dict(text) for level, text in c.anchors.items()},
                "questions": [dict(question) for question in c.questions],
            }
            for c in role.competencies
        ],
    }
