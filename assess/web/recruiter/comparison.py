"""Side-by-side comparison: per measure (role fit, then each scale) the
chosen candidates' scores with their 95% intervals, grouped into those the
measure cannot tell apart at 95% (the engine decides, from the standard
error of the difference)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assess.web.recruiter.results import CandidateResult


@dataclass
class Entry:
    name: str
    value: float | None
    ci95: tuple[float, float] | None
    sem: float | None


@dataclass
class Measure:
    name: str
    entries: list[Entry]
    groups: list[list[str]] = field(default_factory=list)


def compare_rows(rows: list[CandidateResult], fit_name: str) -> list[Measure]:
    measures = [
        _measure(
            fit_name,
            [Entry(r.candidate.name or "", r.fit_composite, r.fit_ci95, r.fit_sem) for r in rows],
        )
    ]
    scale_ids: list[str] = []
    for row in rows:
        scale_ids += [s.id for s in row.scales if s.id not in scale_ids]
    for scale_id in scale_ids:
        entries, name = [], scale_id
        for row in rows:
            scale = row.scale(scale_id)
            if scale is not None:
                name = scale.name
                entries.append(Entry(row.candidate.name or "", scale.raw, scale.ci95, scale.sem))
        measures.append(_measure(name, entries))
    return measures


def _measure(name: str, entries: list[Entry]) -> Measure:
    entries = sorted(entries, key=lambda e: (e.value is None, -(e.value or 0.0)))
    scored = [e for e in entries if e.value is not None and e.sem is not None]
    groups = indistinguishable([e.value for e in scored], [e.sem for e in scored])
    return Measure(name, entries, [[scored[i].name for i in group] for group in groups])


def indistinguishable(values: list[float], sems: list[float]) -> list[list[int]]:
    """Groups of indices the engine finds not distinguishable at 95%."""
    from assess.scoring.precision import indistinguishable_groups

    if len(values) < 2:
        return []
    return [list(group) for group in indistinguishable_groups(values, sems)]
