"""Check the validity section and the norms of an instrument definition."""

from __future__ import annotations

from typing import Any

from questionnaires.fields import Fields, get, scale_hint
from questionnaires.model import (
    ConsistencyPair,
    ImpressionManagement,
    InstructedItem,
    Item,
    ResponseScale,
    ScaleNorm,
    Validity,
)
from questionnaires.problems import FieldPath

IMPRESSION_MANAGEMENT = "impression_management"
"""The ``Item.scale`` of impression-management items (not a scored scale)."""

Metric = tuple[float, float]


def read_validity(
    fields: Fields,
    value: Any,
    response: ResponseScale | None,
    items: list[Item],
    ids: dict[str, FieldPath],
) -> Validity | None:
    """The validity section: impression management, instructed items, consistency pairs."""
    path: FieldPath = ("validity",)
    section = fields.mapping(
        path, value, (), (IMPRESSION_MANAGEMENT, "instructed", "consistency_pairs")
    )
    if section is None:
        return None
    answer_range = (response.min, response.max) if response else (None, None)
    im = None
    if IMPRESSION_MANAGEMENT in section:
        im = _read_impression_management(fields, section[IMPRESSION_MANAGEMENT], answer_range, ids)
    instructed = []
    raw_instructed = fields.sequence((*path, "instructed"), section.get("instructed", []))
    for index, raw in enumerate(raw_instructed):
        item_path: FieldPath = (*path, "instructed", index)
        entry = fields.mapping(item_path, raw, ("id", "expected", "text"))
        ident = fields.read(entry, item_path, "id", fields.identifier)
        fields.unique((*item_path, "id"), ids, ident)
        instructed.append(
            InstructedItem(
                id=ident,
                text=fields.read(entry, item_path, "text", fields.text),
                expected=fields.read(
                    entry,
                    item_path,
                    "expected",
                    fields.integer,
                    *answer_range,
                    what="the response scale",
                ),
            )
        )
    scored = {item.id for item in items if item.id}
    pairs = []
    raw_pairs = fields.sequence((*path, "consistency_pairs"), section.get("consistency_pairs", []))
    for index, raw in enumerate(raw_pairs):
        pair_path: FieldPath = (*path, "consistency_pairs", index)
        if not isinstance(raw, list) or len(raw) != 2:
            fields.report(pair_path, "expected a pair of item ids, e.g. [so03, so17]")
            continue
        names = [fields.identifier((*pair_path, side), name) for side, name in enumerate(raw)]
        for side, name in enumerate(names):
            if name is not None and name not in scored:
                fields.report(
                    (*pair_path, side), f"unknown item '{name}' (a pair names two scored items)"
                )
        if names[0] is not None and names[0] == names[1]:
            fields.report(pair_path, f"pairs item '{names[0]}' with itself")
        pairs.append(ConsistencyPair(first=names[0], second=names[1]))
    return Validity(
        impression_management=im,
        instructed=tuple(instructed),
        consistency_pairs=tuple(pairs),
    )


def _read_impression_management(
    fields: Fields, value: Any, answer_range: tuple[Any, Any], ids: dict[str, FieldPath]
) -> ImpressionManagement | None:
    path: FieldPath = ("validity", IMPRESSION_MANAGEMENT)
    section = fields.mapping(path, value, ("flag_at", "items"))
    flag_at = fields.read(
        section, path, "flag_at", fields.number, *answer_range, what="the response scale"
    )
    items = []
    for index, raw in enumerate(fields.sequence((*path, "items"), get(section, "items", []), 1)):
        item_path: FieldPath = (*path, "items", index)
        entry = fields.mapping(item_path, raw, ("id", "key", "text"))
        ident = fields.read(entry, item_path, "id", fields.identifier)
        fields.unique((*item_path, "id"), ids, ident)
        items.append(
            Item(
                id=ident,
                text=fields.read(entry, item_path, "text", fields.text),
                scale=IMPRESSION_MANAGEMENT,
                key=fields.read(entry, item_path, "key", fields.key),
            )
        )
    return ImpressionManagement(items=tuple(items), flag_at=flag_at)


def read_norms(fields: Fields, value: Any, metrics: dict[str, Metric | None]) -> list[ScaleNorm]:
    """Norms per scale: mean and SD, or a percentile table, on the scale's raw metric."""
    norms = []
    seen: dict[str, FieldPath] = {}
    for index, raw in enumerate(fields.sequence(("norms",), value)):
        path: FieldPath = ("norms", index)
        entry = fields.mapping(
            path,
            raw,
            ("scale", "source", "n"),
            ("mean", "sd", "percentiles", "reliability", "simulated"),
        )
        scale = fields.read(entry, path, "scale", fields.identifier)
        metric = None
        if scale is not None:
            if scale not in metrics:
                if metrics:  # else the scales section itself is at fault, and says so
                    fields.report(
                        (*path, "scale"), f"unknown scale '{scale}'{scale_hint(scale, metrics)}"
                    )
            else:
                metric = metrics[scale]
                fields.unique((*path, "scale"), seen, scale, "norm for scale")
        low, high = metric or (None, None)
        mean = fields.read(entry, path, "mean", fields.number, low, high, what="the scale's metric")
        sd = fields.read(entry, path, "sd", fields.number, 0.0)
        if sd == 0.0:
            fields.report((*path, "sd"), "must be above 0")
        has_mean, has_sd = "mean" in (entry or {}), "sd" in (entry or {})
        if has_mean != has_sd:
            fields.report((*path, "sd" if has_mean else "mean"), "mean and sd go together")
        percentiles = _read_percentiles(fields, entry, path, metric)
        if entry is not None and not (has_mean and has_sd) and "percentiles" not in entry:
            fields.report(path, "needs mean and sd, or percentiles")
        reliability = fields.read(entry, path, "reliability", fields.number, 0.0, 1.0)
        if reliability in (0.0, 1.0):
            fields.report((*path, "reliability"), "must lie strictly between 0 and 1")
        simulated = fields.read(entry, path, "simulated", fields.boolean)
        norms.append(
            ScaleNorm(
                scale=scale,
                source=fields.read(entry, path, "source", fields.string),
                n=fields.read(entry, path, "n", fields.integer, 1),
                mean=mean,
                sd=sd,
                percentiles=percentiles,
                reliability=reliability,
                simulated=bool(simulated),
            )
        )
    return norms


def _read_percentiles(
    fields: Fields, entry: dict[str, Any] | None, path: FieldPath, metric: Metric | None
) -> tuple[tuple[float, float], ...]:
    if entry is None or "percentiles" not in entry:
        return ()
    table_path: FieldPath = (*path, "percentiles")
    low, high = metric or (None, None)
    table = []
    for index, raw in enumerate(fields.sequence(table_path, entry["percentiles"], 2)):
        row_path: FieldPath = (*table_path, index)
        if not isinstance(raw, list) or len(raw) != 2:
            fields.report(row_path, "expected a pair [raw score, percentile]")
            continue
        score = fields.number((*row_path, 0), raw[0], low, high, what="the scale's metric")
        rank = fields.number((*row_path, 1), raw[1], 0.0, 100.0, what="percentiles")
        if score is None or rank is None:
            continue
        if table and (score <= table[-1][0] or rank < table[-1][1]):
            fields.report(
                row_path, "rows must rise: raw scores increasing, percentiles not decreasing"
            )
        table.append((score, rank))
    return tuple(table)
