"""Candidates' results as the recruiter's screens show them, read from the
latest result record (:mod:`assess.results.record`), with its texts.

Sorting and filtering take column names from :data:`SORT_COLUMNS` and
:data:`FILTERS` only, never a name from the request used as SQL or as an
attribute.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import questionnaires
from assess.results.display import shown
from assess.results.store import latest_records
from assess.store.db import utcnow
from assess.store.models import Campaign, Candidate, Invitation, ScoreRecord

SORT_COLUMNS = ("name", "status", "fit", "completed")
"""Allowed sort keys; ``scale:<id>`` is allowed for the campaign's own scales."""
STATUS_FILTERS = ("invited", "started", "completed", "expired")
FLAG_FILTERS = ("any", "flagged", "clear")


@dataclass
class ScaleResult:
    id: str
    name: str
    raw: float | None
    sem: float | None
    ci95: tuple[float, float] | None
    band: str | None
    band_text: str | None
    reason: str | None
    metric: str | None
    facets: list[ScaleResult] = field(default_factory=list)


@dataclass
class CandidateResult:
    """One candidate's row: status and, once scored, every scale, the role
    fit and the validity flags."""

    candidate: Candidate
    status: str
    record: ScoreRecord | None
    scales: list[ScaleResult] = field(default_factory=list)
    fit_composite: float | None = None
    fit_ci95: tuple[float, float] | None = None
    fit_sem: float | None = None
    fit_band: str | None = None
    fit_reasons: list[str] = field(default_factory=list)
    bars: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, str]] = field(default_factory=list)

    def scale(self, scale_id: str) -> ScaleResult | None:
        return next((s for s in self.scales if s.id == scale_id), None)


def latest_expiries(session: Session, candidate_ids: Iterable[int]) -> dict[int, datetime]:
    ids = list(candidate_ids)
    if not ids:
        return {}
    query = (
        select(Invitation.candidate_id, func.max(Invitation.expires_at))
        .where(Invitation.candidate_id.in_(ids), Invitation.revoked_at.is_(None))
        .group_by(Invitation.candidate_id)
    )
    return {candidate_id: expiry for candidate_id, expiry in session.execute(query)}


def display_status(
    candidate: Candidate, link_expiry: datetime | None, now: datetime | None = None
) -> str:
    """invited / started / completed / expired (or declined, erased). An
    open candidate whose links have all run out, or whose campaign's
    deadline has passed, shows as expired."""
    now = now or utcnow()
    if candidate.status not in ("invited", "started"):
        return candidate.status
    if candidate.campaign.deadline < now or (link_expiry is not None and link_expiry < now):
        return "expired"
    return candidate.status


def campaign_results(session: Session, campaign: Campaign, locale: str) -> list[CandidateResult]:
    candidates = list(
        session.scalars(
            select(Candidate)
            .where(Candidate.campaign_id == campaign.id, Candidate.status != "erased")
            .order_by(Candidate.id)
        )
    )
    ids = [c.id for c in candidates]
    records = latest_records(session, ids)
    expiries = latest_expiries(session, ids)
    names = scale_names(campaign, locale)
    return [
        read_result(c, display_status(c, expiries.get(c.id)), records.get(c.id), names, locale)
        for c in candidates
    ]


def scale_names(campaign: Campaign, locale: str) -> dict[str, str]:
    """Scale and facet id -> name in ``locale``, from the pinned instruments."""
    pins = campaign.instruments or []
    return instrument_scale_names(
        [f"{pin['id']}@{pin['version']}" if pin.get("version") else pin["id"] for pin in pins],
        locale,
    )


def instrument_scale_names(instrument_ids: Iterable[str], locale: str) -> dict[str, str]:
    """Scale and facet id -> name in ``locale`` for the given instruments
    (ids, or ``id@version`` for a pinned version)."""
    names: dict[str, str] = {}
    for instrument_id in instrument_ids:
        try:
            instrument = questionnaires.load(instrument_id)
        except questionnaires.InstrumentError:
            continue
        for scale in instrument.scales:
            names[scale.id] = _text(scale.name, locale)
            for facet in scale.facets:
                names[facet.id] = _text(facet.name, locale)
    return names


def read_result(
    candidate: Candidate,
    status: str,
    record: ScoreRecord | None,
    names: Mapping[str, str],
    locale: str,
) -> CandidateResult:
    row = CandidateResult(candidate=candidate, status=status, record=record)
    if record is None:
        return row
    result = shown(record.result or {}, candidate.campaign)
    row.scales = [
        _scale(scale_id, block, names, locale) for scale_id, block in _items(result.get("scales"))
    ]
    fit = result.get("fit") or {}
    if fit:
        row.fit_composite = fit.get("composite")
        row.fit_sem = fit.get("sem")
        row.fit_ci95 = _pair(fit.get("ci95"))
        row.fit_band = _label(fit.get("band"), locale)
        row.fit_reasons = [_reason(r, locale) for r in fit.get("reasons") or []]
        row.bars = [dict(bar) for _, bar in _items(fit.get("bars"))]
    validity = result.get("validity") or {}
    row.flags = [_flag(flag, locale) for flag in validity.get("flags") or []]
    return row


def _scale(scale_id: str, block: Mapping[str, Any], names: Mapping[str, str], locale: str):
    band = block.get("band")
    return ScaleResult(
        id=scale_id,
        name=names.get(scale_id, scale_id),
        raw=block.get("raw"),
        sem=block.get("sem"),
        ci95=_pair(block.get("ci95")),
        band=_label(band, locale),
        band_text=_text(band.get("text"), locale) if isinstance(band, Mapping) else None,
        reason=block.get("reason") if block.get("raw") is None else None,
        metric=block.get("metric"),
        facets=[_scale(fid, fblock, names, locale) for fid, fblock in _items(block.get("facets"))],
    )


def _items(value: Any) -> list[tuple[str, Mapping[str, Any]]]:
    """A block keyed by id, given as a mapping or as a list of dicts with ``id``/``scale``."""
    if isinstance(value, Mapping):
        return [(str(k), v) for k, v in value.items() if isinstance(v, Mapping)]
    if isinstance(value, list):
        return [
            (str(v.get("id") or v.get("scale") or i), v)
            for i, v in enumerate(value)
            if isinstance(v, Mapping)
        ]
    return []


def _pair(value: Any) -> tuple[float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and None not in value:
        return float(value[0]), float(value[1])
    return None


def _text(value: Any, locale: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(locale) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _label(band: Any, locale: str) -> str | None:
    if band is None:
        return None
    if isinstance(band, Mapping):
        return _text(band.get("label") or band.get("id"), locale)
    return str(band)


def _reason(reason: Any, locale: str) -> str:
    if isinstance(reason, Mapping):
        return _text(reason.get("text") or reason.get("reason") or reason, locale)
    return str(reason)


def _flag(flag: Any, locale: str) -> dict[str, str]:
    if isinstance(flag, Mapping):
        name = str(flag.get("index") or flag.get("id") or flag.get("code") or flag.get("name", ""))
        return {"name": name, "reason": _text(flag.get("reason") or flag.get("text"), locale)}
    return {"name": str(flag), "reason": ""}


def sort_and_filter(
    rows: list[CandidateResult],
    *,
    sort: str | None,
    descending: bool,
    status: str | None,
    flags: str | None,
    scale_ids: Iterable[str],
) -> list[CandidateResult]:
    """Rows filtered and sorted by allow-listed keys; an unknown key is
    ignored (the default order stays), never passed on."""
    if status in STATUS_FILTERS:
        rows = [r for r in rows if r.status == status]
    if flags == "flagged":
        rows = [r for r in rows if r.flags]
    elif flags == "clear":
        rows = [r for r in rows if r.record is not None and not r.flags]
    key = _sort_key(sort, set(scale_ids))
    if key is None:
        return rows
    present = [r for r in rows if key(r) is not None]
    absent = [r for r in rows if key(r) is None]
    return sorted(present, key=key, reverse=descending) + absent


def _sort_key(sort: str | None, scale_ids: set[str]):
    if sort == "name":
        return lambda r: (r.candidate.name or "").casefold()
    if sort == "status":
        return lambda r: r.status
    if sort == "fit":
        return lambda r: r.fit_composite
    if sort == "completed":
        return lambda r: r.candidate.completed_at
    if sort and sort.startswith("scale:") and sort[6:] in scale_ids:
        scale_id = sort[6:]
        return lambda r: r.scale(scale_id).raw if r.scale(scale_id) else None
    return None
