"""Check an instrument definition (plain data) and build the ``Instrument``.

The layout is described in docs/instrument-format.md. Checking happens in
one pass that reports every problem; cross-references (items to scales,
bands to a scale's metric, norms to scales) are checked once every section
has been read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from questionnaires.fields import INSTRUMENT_ID, Fields, get, scale_hint
from questionnaires.model import (
    Band,
    Facet,
    Instrument,
    Item,
    ResponseScale,
    Scale,
    Scenario,
    ScenarioOption,
)
from questionnaires.problems import FieldPath, ProblemLog
from questionnaires.validity_schema import read_norms, read_validity

JUDGEMENT_METRIC = (0.0, 100.0)
"""Situational-judgement scales report 0-100 (percent of maximum agreement)."""
EFFECTIVENESS_POINTS = (1, 5)
"""Expert ratings and candidate effectiveness ratings of scenario options."""
MIN_SCALE_ENTRIES = 3
SCENARIO_OPTIONS = (4, 5)

REQUIRED = ("id", "version", "title", "instructions", "response_scale", "scales")
OPTIONAL = (
    "min_answered",
    "items",
    "validity",
    "effectiveness_scale",
    "sjt_scoring",
    "scenarios",
    "norms",
)
SJT_SCORING = ("key_distance", "standardised_distance")
"""How scenario ratings are compared with the key (docs/sjt-scoring.md)."""


@dataclass
class _ScaleDraft:
    """A scale as read, before its metric (Likert or judgement) is known."""

    path: FieldPath
    scale: Scale
    facet_ids: set[str] = field(default_factory=set)
    band_paths: list[tuple[FieldPath, Band]] = field(default_factory=list)


def read_instrument(
    data: Any,
    log: ProblemLog,
    source: Path | None = None,
    taken_scales: Mapping[str, str] | None = None,
) -> Instrument | None:
    """The ``Instrument`` in ``data``; ``None`` when problems were reported in ``log``.

    ``taken_scales`` maps scale ids of other instruments to their instrument
    id; a scale here with one of those ids is a problem, since role profiles
    name scales by id alone.
    """
    fields = Fields(log)
    top = fields.mapping((), data, REQUIRED, OPTIONAL)
    if top is None:
        return None
    ident = fields.read(
        top, (), "id", fields.string, INSTRUMENT_ID, "lowercase letters, digits and hyphens"
    )
    version = fields.read(top, (), "version", fields.string)
    title = fields.read(top, (), "title", fields.text)
    instructions = fields.read(top, (), "instructions", fields.text)
    response = fields.read(top, (), "response_scale", read_response_scale, fields)
    drafts = _read_scales(fields, top)
    _check_taken_scales(fields, drafts, ident, taken_scales or {})
    scales = {draft.scale.id: draft for draft in drafts if draft.scale.id}
    ids: dict[str, FieldPath] = {}  # items, validity items and scenarios share one id space
    items = _read_items(fields, top, scales, ids)
    scenarios = _read_scenarios(fields, top, scales, ids)
    effectiveness = _read_effectiveness(fields, top, bool(scenarios))
    metrics = _check_scale_kinds(fields, drafts, items, scenarios, response)
    validity = (
        read_validity(fields, top.get("validity"), response, items, ids)
        if "validity" in top
        else None
    )
    norms = read_norms(fields, top.get("norms"), metrics) if "norms" in top else ()
    sjt_scoring = _read_sjt_scoring(fields, top, bool(scenarios))
    min_answered = fields.read(top, (), "min_answered", fields.number, 0.0, 1.0)
    if min_answered == 0.0:
        fields.report(("min_answered",), "must be above 0 (a share of the scale's items)")
    if log.problems:
        return None
    # Absent optional sections keep the model's defaults.
    defaults = {"validity": validity, "min_answered": min_answered, "sjt_scoring": sjt_scoring}
    return Instrument(
        id=ident,
        version=version,
        title=title,
        instructions=instructions,
        response_scale=response,
        scales=tuple(draft.scale for draft in drafts),
        items=tuple(items),
        scenarios=tuple(scenarios),
        norms=tuple(norms),
        effectiveness_scale=effectiveness,
        source=source,
        **{name: value for name, value in defaults.items() if value is not None},
    )


def _read_sjt_scoring(fields: Fields, top: Mapping[str, Any], has_scenarios: bool) -> str | None:
    if "sjt_scoring" not in top:
        return None
    value = top["sjt_scoring"]
    if not has_scenarios:
        fields.report(("sjt_scoring",), "only allowed with scenarios")
        return None
    if value not in SJT_SCORING:
        fields.report(("sjt_scoring",), f"expected one of {', '.join(SJT_SCORING)}, got {value!r}")
        return None
    return value


def read_response_scale(path: FieldPath, value: Any, fields: Fields) -> ResponseScale | None:
    """An integer answer range with one bilingual label per point."""
    scale = fields.mapping(path, value, ("min", "max", "labels"))
    low = fields.read(scale, path, "min", fields.integer)
    high = fields.read(scale, path, "max", fields.integer)
    if low is not None and high is not None and low >= high:
        fields.report((*path, "max"), f"max ({high}) must be greater than min ({low})")
        low = high = None
    labels = fields.read(scale, path, "labels", fields.points)
    if labels is None:
        return None
    texts = {point: fields.text((*path, "labels", point), label) for point, label in labels.items()}
    if low is not None and high is not None:
        missing = [str(point) for point in range(low, high + 1) if point not in labels]
        if missing:
            fields.report((*path, "labels"), f"no label for point {', '.join(missing)}")
        for point in labels:
            if not low <= point <= high:
                fields.report((*path, "labels", point), f"point {point} is outside {low}..{high}")
        return ResponseScale(min=low, max=high, labels=dict(sorted(texts.items())))
    return None


def _read_scales(fields: Fields, top: dict[str, Any]) -> list[_ScaleDraft]:
    drafts = []
    seen: dict[str, FieldPath] = {}
    for index, raw in enumerate(fields.sequence(("scales",), top.get("scales", []), 1)):
        path: FieldPath = ("scales", index)
        entry = fields.mapping(path, raw, ("id", "name", "description", "bands"), ("facets",))
        ident = fields.read(entry, path, "id", fields.identifier)
        fields.unique((*path, "id"), seen, ident, "scale id")
        draft = _ScaleDraft(path, Scale(id=ident, name=None, description=None))
        facets = []
        facet_seen: dict[str, FieldPath] = {}
        raw_facets = get(entry, "facets", [])
        for position, raw_facet in enumerate(fields.sequence((*path, "facets"), raw_facets)):
            facet_path: FieldPath = (*path, "facets", position)
            facet = fields.mapping(facet_path, raw_facet, ("id", "name", "description"), ("bands",))
            facet_id = fields.read(facet, facet_path, "id", fields.identifier)
            fields.unique((*facet_path, "id"), facet_seen, facet_id, "facet id")
            if facet_id:
                draft.facet_ids.add(facet_id)
            facets.append(
                Facet(
                    id=facet_id,
                    name=fields.read(facet, facet_path, "name", fields.text),
                    description=fields.read(facet, facet_path, "description", fields.text),
                    bands=_read_bands(fields, facet, facet_path, draft, required=False),
                )
            )
        draft.scale = Scale(
            id=ident,
            name=fields.read(entry, path, "name", fields.text),
            description=fields.read(entry, path, "description", fields.text),
            facets=tuple(facets),
            bands=_read_bands(fields, entry, path, draft, required=True),
        )
        drafts.append(draft)
    return drafts


def _check_taken_scales(
    fields: Fields, drafts: list[_ScaleDraft], ident: str | None, taken: Mapping[str, str]
) -> None:
    for draft in drafts:
        owner = taken.get(draft.scale.id)
        if owner is not None and owner != ident:
            fields.report(
                (*draft.path, "id"),
                f"scale id '{draft.scale.id}' is taken by instrument '{owner}'; scale ids "
                "must be unique across instruments",
            )


def _read_bands(
    fields: Fields,
    owner: dict[str, Any] | None,
    path: FieldPath,
    draft: _ScaleDraft,
    required: bool,
) -> tuple[Band, ...]:
    if owner is None or "bands" not in owner:
        return ()
    bands = []
    seen: dict[str, FieldPath] = {}
    raw_bands = fields.sequence((*path, "bands"), owner["bands"], 1 if required else 0)
    for index, raw in enumerate(raw_bands):
        band_path: FieldPath = (*path, "bands", index)
        entry = fields.mapping(band_path, raw, ("id", "min", "max", "label", "text"))
        ident = fields.read(entry, band_path, "id", fields.identifier)
        fields.unique((*band_path, "id"), seen, ident, "band id")
        low = fields.read(entry, band_path, "min", fields.number)
        high = fields.read(entry, band_path, "max", fields.number)
        if low is not None and high is not None and low > high:
            fields.report((*band_path, "min"), f"min ({low:g}) is above max ({high:g})")
        band = Band(
            id=ident,
            min=low,
            max=high,
            label=fields.read(entry, band_path, "label", fields.text),
            text=fields.read(entry, band_path, "text", fields.text),
        )
        bands.append(band)
        draft.band_paths.append((band_path, band))
    return tuple(bands)


def _read_items(
    fields: Fields, top: dict[str, Any], scales: dict[str, _ScaleDraft], ids: dict[str, FieldPath]
) -> list[Item]:
    items = []
    for index, raw in enumerate(fields.sequence(("items",), top.get("items", []))):
        path: FieldPath = ("items", index)
        entry = fields.mapping(path, raw, ("id", "scale", "key", "text"), ("facet",))
        ident = fields.read(entry, path, "id", fields.identifier)
        fields.unique((*path, "id"), ids, ident)
        scale = _scale_ref(fields, entry, path, scales)
        facet = fields.read(entry, path, "facet", fields.identifier)
        if facet and scale in scales and facet not in scales[scale].facet_ids:
            fields.report((*path, "facet"), f"'{facet}' is not a facet of scale '{scale}'")
        items.append(
            Item(
                id=ident,
                text=fields.read(entry, path, "text", fields.text),
                scale=scale,
                key=fields.read(entry, path, "key", fields.key),
                facet=facet,
            )
        )
    return items


def _scale_ref(
    fields: Fields, entry: dict[str, Any] | None, path: FieldPath, scales: dict[str, _ScaleDraft]
) -> str | None:
    scale = fields.read(entry, path, "scale", fields.identifier)
    # Without a readable scales section every reference would be reported: one
    # problem (about the section) says it better.
    if scale is not None and scales and scale not in scales:
        fields.report((*path, "scale"), f"unknown scale '{scale}'{scale_hint(scale, scales)}")
    return scale


def _read_scenarios(
    fields: Fields, top: dict[str, Any], scales: dict[str, _ScaleDraft], ids: dict[str, FieldPath]
) -> list[Scenario]:
    scenarios = []
    for index, raw in enumerate(fields.sequence(("scenarios",), top.get("scenarios", []))):
        path: FieldPath = ("scenarios", index)
        entry = fields.mapping(path, raw, ("id", "scale", "text", "options"))
        ident = fields.read(entry, path, "id", fields.identifier)
        fields.unique((*path, "id"), ids, ident)
        scale = _scale_ref(fields, entry, path, scales)
        options = []
        seen: dict[str, FieldPath] = {}
        raw_options = fields.sequence((*path, "options"), get(entry, "options", []))
        fewest, most = SCENARIO_OPTIONS
        if entry is not None and "options" in entry and not fewest <= len(raw_options) <= most:
            fields.report(
                (*path, "options"), f"needs {fewest} or {most} options, has {len(raw_options)}"
            )
        for position, raw_option in enumerate(raw_options):
            option_path: FieldPath = (*path, "options", position)
            option = fields.mapping(option_path, raw_option, ("id", "rating", "text", "rationale"))
            option_id = fields.read(option, option_path, "id", fields.identifier)
            fields.unique((*option_path, "id"), seen, option_id, "option id")
            options.append(
                ScenarioOption(
                    id=option_id,
                    text=fields.read(option, option_path, "text", fields.text),
                    rating=fields.read(
                        option,
                        option_path,
                        "rating",
                        fields.integer,
                        *EFFECTIVENESS_POINTS,
                        what="the rating range",
                    ),
                    rationale=fields.read(option, option_path, "rationale", fields.text),
                )
            )
        scenarios.append(
            Scenario(
                id=ident,
                text=fields.read(entry, path, "text", fields.text),
                scale=scale,
                options=tuple(options),
            )
        )
    return scenarios


def _read_effectiveness(
    fields: Fields, top: dict[str, Any], has_scenarios: bool
) -> ResponseScale | None:
    path: FieldPath = ("effectiveness_scale",)
    if "effectiveness_scale" not in top:
        if has_scenarios:
            fields.report(path, "is required when there are scenarios", at=("scenarios",))
        return None
    if not has_scenarios:
        fields.report(path, "is only used by scenarios, and there are none")
    scale = read_response_scale(path, top["effectiveness_scale"], fields)
    if scale is not None and (scale.min, scale.max) != EFFECTIVENESS_POINTS:
        fields.report(
            path,
            f"must run from {EFFECTIVENESS_POINTS[0]} to "
            f"{EFFECTIVENESS_POINTS[1]}, like the expert ratings",
        )
    return scale


def _check_scale_kinds(
    fields: Fields,
    drafts: list[_ScaleDraft],
    items: list[Item],
    scenarios: list[Scenario],
    response: ResponseScale | None,
) -> dict[str, tuple[float, float] | None]:
    """Each scale's metric (``None`` when unknown), checking counts and bands."""
    item_counts = Counter(item.scale for item in items)
    scenario_counts = Counter(scenario.scale for scenario in scenarios)
    metrics: dict[str, tuple[float, float] | None] = {}
    for draft in drafts:
        ident = draft.scale.id
        n_items, n_scenarios = item_counts[ident], scenario_counts[ident]
        metric: tuple[float, float] | None = None
        if n_items and n_scenarios:
            fields.report(
                draft.path,
                f"has both items ({n_items}) and scenarios "
                f"({n_scenarios}); a scale is one or the other",
            )
        elif n_scenarios:
            metric, what = JUDGEMENT_METRIC, "the judgement metric"
            if n_scenarios < MIN_SCALE_ENTRIES:
                fields.report(
                    draft.path,
                    f"has {n_scenarios} scenarios; a scale needs at least {MIN_SCALE_ENTRIES}",
                )
        else:
            if response is not None:
                metric, what = (float(response.min), float(response.max)), "the response scale"
            if n_items < MIN_SCALE_ENTRIES:
                fields.report(
                    draft.path,
                    f"has {n_items} items; a scale needs at least "
                    f"{MIN_SCALE_ENTRIES} items or {MIN_SCALE_ENTRIES} "
                    f"scenarios",
                )
        if ident:
            metrics[ident] = metric
        if metric is None:
            continue
        low, high = metric
        for band_path, band in draft.band_paths:
            for end in ("min", "max"):
                value = getattr(band, end)
                if value is not None and not low <= value <= high:
                    fields.report(
                        (*band_path, end), f"{value:g} is outside {what} {low:g}..{high:g}"
                    )
        _check_overlaps(fields, draft.band_paths)
    return metrics


def _check_overlaps(fields: Fields, band_paths: list[tuple[FieldPath, Band]]) -> None:
    # A score must read as one band; facet bands are checked among themselves.
    groups: dict[FieldPath, list[tuple[FieldPath, Band]]] = {}
    for band_path, band in band_paths:
        if band.min is not None and band.max is not None and band.min <= band.max:
            groups.setdefault(band_path[:-1], []).append((band_path, band))
    for group in groups.values():
        ordered = sorted(group, key=lambda pair: pair[1].min)
        for (_, lower), (path, upper) in zip(ordered, ordered[1:], strict=False):
            if upper.min <= lower.max:
                fields.report(
                    (*path, "min"),
                    f"band '{upper.id}' overlaps band '{lower.id}' ({lower.min:g}..{lower.max:g})",
                )


def scale_metrics(instrument: Instrument) -> dict[str, tuple[float, float]]:
    """The raw metric of every scale: the response scale's range for Likert
    scales, 0-100 for situational-judgement scales."""
    judgement = {scenario.scale for scenario in instrument.scenarios}
    likert = (float(instrument.response_scale.min), float(instrument.response_scale.max))
    return {
        scale.id: JUDGEMENT_METRIC if scale.id in judgement else likert
        for scale in instrument.scales
    }
