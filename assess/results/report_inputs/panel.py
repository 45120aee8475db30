"""The panel pack of a campaign: candidates ranked by role fit with the
groups the scores cannot tell apart, panel ratings and their agreement,
and the interview sheets of the role's competencies."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assess.results import panel
from assess.results.display import with_texts
from assess.results.pipeline import compare
from assess.results.report_inputs import scores
from assess.results.report_inputs.stored import (
    campaign_setting,
    candidate_reference,
    report_date,
    scored_candidates,
)
from assess.results.report_inputs.texts import instrument_titles, instrument_versions, localized
from assess.store.models import Campaign, User
from questionnaires.model import Instrument, RoleProfile
from reports.model import (
    CompetencyAgreement,
    CompetencySheet,
    PanelCandidate,
    PanelPack,
    PanelRating,
)

AUTHOR = "assess"


@dataclass(frozen=True)
class PanelEntry:
    """One candidate for the pack: reference, printed name, scorecard."""

    reference: str
    name: str
    result: Mapping[str, Any]


@dataclass(frozen=True)
class PanelRatings:
    """Submitted ratings: rater names in column order, and per candidate
    reference and competency id the ratings (one per rater, None = none)."""

    raters: tuple[str, ...] = ()
    table: Mapping[tuple[str, str], tuple[float | None, ...]] = field(default_factory=dict)
    notes: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    agreement: Mapping[str, tuple[float | None, tuple[float, float] | None, int, int]] = field(
        default_factory=dict
    )
    """Competency id -> ICC(2,k), its 95% interval, raters, candidates."""


def _group_letters(results: Sequence[Mapping[str, Any]]) -> list[str]:
    """Per candidate the letters of the groups (A = highest) whose members
    the fit composite cannot tell apart at 95%."""
    letters = [""] * len(results)
    for g, members in enumerate(compare(list(results), "fit")):
        letter = string.ascii_uppercase[g % 26] + ("" if g < 26 else str(g // 26))
        for i in members:
            letters[i] += letter
    return letters


def _rank_order(entries: Sequence[PanelEntry]) -> list[int]:
    def key(i: int) -> tuple[int, float, str]:
        composite = (entries[i].result.get("fit") or {}).get("composite")
        return (composite is None, -(composite or 0.0), entries[i].reference)

    return sorted(range(len(entries)), key=key)


def _sheets(role: RoleProfile | None, language: str) -> tuple[CompetencySheet, ...]:
    if role is None:
        return ()
    return tuple(
        CompetencySheet(
            name=localized(c.name, language),
            description=localized(c.description, language),
            anchors=tuple(localized(c.anchors[k], language) for k in sorted(c.anchors)),
            questions=tuple(localized(q, language) for q in c.questions),
        )
        for c in role.competencies
    )


def _agreement(
    role: RoleProfile, ratings: PanelRatings, language: str
) -> tuple[CompetencyAgreement, ...]:
    return tuple(
        CompetencyAgreement(localized(c.name, language), *ratings.agreement[c.id])
        for c in role.competencies
        if c.id in ratings.agreement
    )


def panel_pack(
    entries: Sequence[PanelEntry],
    *,
    organisation: str,
    role: RoleProfile | None,
    campaign: str,
    date: str,
    instruments: Sequence[Instrument],
    language: str = "en",
    ratings: PanelRatings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PanelPack:
    """The panel pack from the candidates' scorecards.

    Candidates are ranked by the role-fit composite (highest first; those
    without one last); ``progress(done, total)`` is called as candidates are
    prepared, for long campaigns.
    """
    ratings = ratings or PanelRatings()
    entries = [
        PanelEntry(e.reference, e.name, with_texts(e.result, instruments, role)) for e in entries
    ]
    letters = _group_letters([e.result for e in entries])
    order = _rank_order(entries)
    candidates = []
    for rank, i in enumerate(order, start=1):
        entry = entries[i]
        scales = scores.scale_scores(entry.result, instruments, role, language)
        strengths, development = scores.strengths_and_development(scales, language)
        candidates.append(
            PanelCandidate(
                reference=entry.reference,
                name=entry.name,
                rank=rank,
                fit=scores.fit(entry.result, language),
                scales=scales,
                group=letters[i],
                strengths=strengths,
                development=development,
                validity=scores.validity_flags(entry.result, language),
            )
        )
        if progress is not None:
            progress(rank, len(entries))
    first = entries[order[0]].result if entries else {}
    versions = first.get("versions") or {}
    rows = []
    if role is not None:
        for candidate in candidates:
            for competency in role.competencies:
                key = (candidate.reference, competency.id)
                if key in ratings.table:
                    rows.append(
                        PanelRating(
                            candidate.reference,
                            localized(competency.name, language),
                            ratings.table[key],
                            ratings.notes.get(key, ()),
                        )
                    )
    return PanelPack(
        language=language,
        organisation=organisation,
        role=localized(role.title, language) if role else "",
        campaign=campaign,
        date=date,
        instrument=instrument_titles(instruments, language),
        instrument_version=instrument_versions(instruments),
        scoring_version=str(versions.get("scoring") or ""),
        norms=scores.norm_basis(first),
        candidates=tuple(candidates),
        competencies=_sheets(role, language),
        raters=ratings.raters,
        agreement=_agreement(role, ratings, language) if role and ratings.raters else (),
        ratings=tuple(rows),
        fit_thresholds=tuple(
            (localized(b.label, language), float(b.min))
            for b in sorted(role.fit_bands, key=lambda b: b.min)
        )
        if role
        else (),
        author=AUTHOR,
    )


def stored_ratings(
    session: Session, candidate_ids: Sequence[int], competency_ids: Sequence[str] = ()
) -> PanelRatings:
    """The submitted panel ratings of the candidates (raters in id order)
    and their agreement per competency (:func:`assess.results.panel.agreement`)."""
    found = panel.submitted_ratings(session, candidate_ids)
    names = (
        dict(
            session.execute(
                select(User.id, User.name).where(User.id.in_({r.user_id for r in found}))
            ).all()
        )
        if found
        else {}
    )
    raters = sorted(names)
    column = {user_id: j for j, user_id in enumerate(raters)}
    table: dict[tuple[str, str], list[float | None]] = {}
    notes: dict[tuple[str, str], list[str]] = {}
    for rating in found:
        key = (candidate_reference(rating.candidate_id), rating.competency_id)
        table.setdefault(key, [None] * len(raters))[column[rating.user_id]] = float(rating.rating)
        if rating.note:
            notes.setdefault(key, []).append(f"{names[rating.user_id]}: {rating.note}")
    agreement = {}
    if found:
        for a in panel.agreement(session, candidate_ids, competency_ids):
            agreement[a.competency_id] = (a.value, a.ci95, a.n_raters, a.n_candidates)
    return PanelRatings(
        raters=tuple(names[u] for u in raters),
        table={k: tuple(v) for k, v in table.items()},
        notes={k: tuple(v) for k, v in notes.items()},
        agreement=agreement,
    )


def panel_pack_for(
    session: Session,
    campaign: Campaign,
    *,
    language: str = "en",
    progress: Callable[[int, int], None] | None = None,
) -> PanelPack:
    """The panel pack of a stored campaign: its scored, not erased candidates."""
    setting = campaign_setting(campaign)
    pairs = scored_candidates(session, campaign.id)
    entries = [
        PanelEntry(candidate_reference(c.id), c.name or candidate_reference(c.id), r.result)
        for c, r in pairs
    ]
    latest = max((r.created_at for _c, r in pairs), default=campaign.created_at)
    return panel_pack(
        entries,
        organisation=setting.organisation,
        role=setting.role,
        campaign=campaign.name,
        date=report_date(latest, language),
        instruments=setting.instruments,
        language=language,
        ratings=stored_ratings(
            session, [c.id for c, _r in pairs], [c.id for c in setting.role.competencies]
        ),
        progress=progress,
    )
