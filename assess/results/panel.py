"""Structured interview panels: who rates which candidate, their ratings on
the role's behaviourally anchored competencies, and what the panel says
together.

Ratings are independent: a member sees the other members' ratings only
after submitting their own (``PanelAssignment.submitted_at``), and the
panel summary counts submitted ratings only, so nobody anchors on a
colleague's draft. Agreement is the engine's ICC(2,k)
(:func:`assess.scoring.agreement.icc`) per competency over the campaign's
candidates rated by every member.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

import questionnaires
from assess.scoring.agreement import icc
from assess.store.db import utcnow
from assess.store.models import Campaign, Candidate, PanelAssignment, Rating, User
from questionnaires.model import Competency

RATING_POINTS = (1, 2, 3, 4, 5)
DISAGREEMENT_POINTS = 2
"""Members whose ratings of one competency differ by this much or more disagree."""
MIN_RATERS = 2
MIN_CANDIDATES = 2
"""ICC(2,k) needs at least two raters and two candidates rated by all of them."""


class PanelError(ValueError):
    """An operation the panel rules do not allow (e.g. changing submitted ratings)."""


def competencies(campaign: Campaign) -> tuple[Competency, ...]:
    """The competencies of the role profile version the campaign pinned."""
    role = questionnaires.role_from_mapping(campaign.role_profile.definition)
    return role.competencies


def assign(session: Session, candidate: Candidate, user: User) -> PanelAssignment:
    """Assign ``user`` to rate ``candidate`` (idempotent; same organisation only).

    Raises
    ------
    PanelError
        If the two belong to different organisations or the user is inactive.
    """
    if user.organisation_id != candidate.organisation_id or not user.active:
        raise PanelError("the panel member must be an active user of the same organisation")
    existing = assignment(session, candidate.id, user.id)
    if existing is not None:
        return existing
    row = PanelAssignment(candidate_id=candidate.id, user_id=user.id)
    session.add(row)
    session.flush()
    return row


def assignment(session: Session, candidate_id: int, user_id: int) -> PanelAssignment | None:
    return session.scalar(
        select(PanelAssignment).where(
            PanelAssignment.candidate_id == candidate_id, PanelAssignment.user_id == user_id
        )
    )


def campaign_assignments(
    session: Session, candidate_ids: Sequence[int]
) -> dict[int, list[PanelAssignment]]:
    """Candidate id -> its panel assignments (candidates without any left out)."""
    out: dict[int, list[PanelAssignment]] = {}
    if not candidate_ids:
        return out
    rows = session.scalars(
        select(PanelAssignment)
        .where(PanelAssignment.candidate_id.in_(list(candidate_ids)))
        .order_by(PanelAssignment.id)
    )
    for row in rows:
        out.setdefault(row.candidate_id, []).append(row)
    return out


def assigned_candidates(session: Session, user: Any) -> list[tuple[Candidate, PanelAssignment]]:
    """The candidates assigned to ``user`` (not erased), oldest assignment first."""
    rows = session.execute(
        select(Candidate, PanelAssignment)
        .join(PanelAssignment, PanelAssignment.candidate_id == Candidate.id)
        .where(
            PanelAssignment.user_id == user.id,
            Candidate.organisation_id == user.organisation_id,
            Candidate.status != "erased",
        )
        .order_by(PanelAssignment.id)
    )
    return [(c, a) for c, a in rows]


def member_ratings(session: Session, candidate_id: int, user_id: int) -> dict[str, Rating]:
    """Competency id -> this member's rating of the candidate."""
    rows = session.scalars(
        select(Rating).where(Rating.candidate_id == candidate_id, Rating.user_id == user_id)
    )
    return {r.competency_id: r for r in rows}


def save_ratings(
    session: Session,
    row: PanelAssignment,
    ratings: Mapping[str, int | None],
    notes: Mapping[str, str] | None = None,
    *,
    allowed: Sequence[str],
) -> None:
    """Store a member's draft ratings (1-5; None leaves a competency unrated).

    Raises
    ------
    PanelError
        After submit (ratings are then final), for a competency the role
        does not list, or for a rating outside 1-5.
    """
    if row.submitted_at is not None:
        raise PanelError("ratings are final once submitted")
    notes = notes or {}
    current = member_ratings(session, row.candidate_id, row.user_id)
    for competency_id, value in ratings.items():
        if competency_id not in allowed:
            raise PanelError(f"unknown competency {competency_id!r}")
        if value is None:
            if competency_id in current:
                session.delete(current.pop(competency_id))
            continue
        if value not in RATING_POINTS:
            raise PanelError(f"a rating is 1-5; got {value!r}")
        note = (notes.get(competency_id) or "").strip()
        rating = current.get(competency_id)
        if rating is None:
            session.add(
                Rating(
                    candidate_id=row.candidate_id,
                    user_id=row.user_id,
                    competency_id=competency_id,
                    rating=value,
                    note=note,
                )
            )
        else:
            rating.rating, rating.note = value, note
    session.flush()


def submit(session: Session, row: PanelAssignment, *, required: Sequence[str]) -> None:
    """Make the member's ratings final; every competency in ``required`` must be rated.

    Raises
    ------
    PanelError
        If already submitted or a competency is unrated.
    """
    if row.submitted_at is not None:
        raise PanelError("already submitted")
    rated = member_ratings(session, row.candidate_id, row.user_id)
    missing = [c for c in required if c not in rated]
    if missing:
        raise PanelError("rate every competency before submitting: " + ", ".join(missing))
    row.submitted_at = utcnow()
    session.flush()


@dataclass
class CompetencySummary:
    """Submitted ratings of one candidate on one competency."""

    competency_id: str
    ratings: dict[int, int] = field(default_factory=dict)
    """Member id -> rating."""
    notes: dict[int, str] = field(default_factory=dict)
    """Member id -> the evidence they noted (members who wrote none left out)."""

    @property
    def mean(self) -> float | None:
        return float(np.mean(list(self.ratings.values()))) if self.ratings else None

    @property
    def spread(self) -> int | None:
        values = list(self.ratings.values())
        return max(values) - min(values) if values else None

    @property
    def disagree(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT_POINTS


def submitted_ratings(session: Session, candidate_ids: Sequence[int]) -> list[Rating]:
    """Ratings of the candidates by members who have submitted them."""
    if not candidate_ids:
        return []
    return list(
        session.scalars(
            select(Rating)
            .join(
                PanelAssignment,
                (PanelAssignment.candidate_id == Rating.candidate_id)
                & (PanelAssignment.user_id == Rating.user_id),
            )
            .where(
                Rating.candidate_id.in_(list(candidate_ids)),
                PanelAssignment.submitted_at.is_not(None),
            )
            .order_by(Rating.id)
        )
    )


def candidate_summary(
    session: Session, candidate_id: int, competency_ids: Sequence[str]
) -> list[CompetencySummary]:
    """Per competency (in role order), the submitted ratings of one candidate."""
    by_id = {c: CompetencySummary(c) for c in competency_ids}
    for rating in submitted_ratings(session, [candidate_id]):
        if rating.competency_id in by_id:
            by_id[rating.competency_id].ratings[rating.user_id] = rating.rating
            if rating.note:
                by_id[rating.competency_id].notes[rating.user_id] = rating.note
    return list(by_id.values())


@dataclass
class Agreement:
    """ICC(2,k) of one competency, or why it cannot be computed."""

    competency_id: str
    value: float | None = None
    ci95: tuple[float, float] | None = None
    n_candidates: int = 0
    n_raters: int = 0
    reason: str | None = None
    """``"too_few_raters"``, ``"too_few_candidates"`` or ``"undefined"``."""


def agreement(
    session: Session, candidate_ids: Sequence[int], competency_ids: Sequence[str]
) -> list[Agreement]:
    """ICC(2,k) with its 95% interval per competency over the candidates.

    Raters are the members who submitted ratings; candidates lacking a
    submitted rating from any of them are left out (listwise, as
    ``psych::ICC``), so the panel is the same for every candidate counted.
    """
    ratings = submitted_ratings(session, candidate_ids)
    out = []
    for competency_id in competency_ids:
        table: dict[int, dict[int, int]] = {}
        for r in ratings:
            if r.competency_id == competency_id:
                table.setdefault(r.candidate_id, {})[r.user_id] = r.rating
        raters = sorted({u for row in table.values() for u in row})
        complete = [row for row in table.values() if all(u in row for u in raters)]
        result = Agreement(competency_id, n_candidates=len(complete), n_raters=len(raters))
        if len(raters) < MIN_RATERS:
            result.reason = "too_few_raters"
        elif len(complete) < MIN_CANDIDATES:
            result.reason = "too_few_candidates"
        else:
            wide = np.array([[row[u] for u in raters] for row in complete], dtype=float)
            with np.errstate(all="ignore"):
                row = icc(wide).row("ICC(2,k)")
            if np.isfinite(row["value"]):
                result.value = row["value"]
                if np.isfinite(row["ci_low"]) and np.isfinite(row["ci_high"]):
                    result.ci95 = (row["ci_low"], row["ci_high"])
            else:
                result.reason = "undefined"
        out.append(result)
    return out
