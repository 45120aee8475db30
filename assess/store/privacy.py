"""Data protection for candidates in the EU: erasure, retention, data export.

Erasing a candidate deletes their answers, scores, ratings, decisions,
rendered PDFs (their own and the campaign's, which may name them),
demographics, invitations and panel assignments, and blanks
their contact details. The candidate row stays, without personal data, so
campaign counts (invited, completed, erased) remain. The audit log refers to
the candidate by id only and is kept.

Retention: a campaign's data is kept until its deadline plus
``retention_months`` (at most 24, the period the Finnish data protection
authority accepted for defending discrimination claims); ``assess retention
run`` erases what is past that, and running it again erases nothing more.
"""

from __future__ import annotations

import calendar
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assess.store import utcnow
from assess.store.models import (
    Answer,
    AuditEvent,
    Campaign,
    Candidate,
    Decision,
    Demographic,
    Invitation,
    PanelAssignment,
    Rating,
    ReportFile,
    ScoreRecord,
    Submission,
    User,
)

MAX_RETENTION_MONTHS = 24

PERSONAL_ROWS = (
    Answer,
    ScoreRecord,
    Rating,
    Decision,
    ReportFile,
    Demographic,
    Invitation,
    PanelAssignment,
    Submission,
)
"""Every table that holds data about one candidate, keyed by ``candidate_id``."""

SCORING_METHOD = {
    "reverse_key": "A reverse-keyed answer x on a min..max scale counts as min + max - x.",
    "scale_score": "The mean of the keyed answers to a scale's items, on the answer scale "
    "(e.g. 1-5). A scale is scored only when at least 80% of its items are answered.",
    "judgement_score": "Each rating of a scenario option earns 100 * (1 - |your rating - "
    "expert rating| / 4); a judgement scale is the mean over its options, 0-100.",
    "precision": "Every score has a standard error of measurement SEM = SD * sqrt(1 - "
    "reliability) and a 95% interval score +/- 1.96 * SEM.",
    "norms": "Where a norm group exists: z = (score - norm mean) / norm SD, T = 50 + 10z, "
    "sten = floor(2z + 6) limited to 1-10, percentile = 100 * Phi(z).",
    "role_fit": "Each scale is put on a 0-100 scale (percent of the maximum possible), "
    "weighted by the role profile, and compared with the role's must-reach bars.",
    "decision": "The scores support a hiring decision; a person makes it.",
}


def retention_end(campaign: Campaign) -> datetime:
    """The moment after which the campaign's candidate data is erased."""
    months = min(campaign.retention_months, MAX_RETENTION_MONTHS)
    return add_months(campaign.deadline, months)


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` plus whole calendar months, clamped to the month's last day."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def erase_candidate(
    session: Session, candidate: Candidate, *, actor: User | None, reason: str
) -> bool:
    """Erase one candidate's personal data; return False if already erased.

    The caller commits. ``actor`` is None for scheduled retention.
    """
    if candidate.status == "erased":
        return False
    for model in PERSONAL_ROWS:
        session.execute(delete(model).where(model.candidate_id == candidate.id))
    # Campaign-wide PDFs (panel pack, item analysis) may name the candidate;
    # they are caches and are rendered again without them when next asked for.
    session.execute(delete(ReportFile).where(ReportFile.campaign_id == candidate.campaign_id))
    candidate.name = None
    candidate.email = None
    candidate.consent_at = candidate.started_at = candidate.completed_at = None
    candidate.status = "erased"
    candidate.erased_at = utcnow()
    session.add(
        AuditEvent(
            organisation_id=candidate.organisation_id,
            user_id=actor.id if actor else None,
            action="candidate.erase",
            object_type="candidate",
            object_id=candidate.id,
            detail={"reason": reason},
        )
    )
    return True


def run_retention(session: Session, *, now: datetime | None = None) -> int:
    """Erase every candidate of every campaign past its retention end.

    Idempotent and safe to schedule: returns how many were erased this run.
    """
    now = now or utcnow()
    erased = 0
    for campaign in session.scalars(select(Campaign)):
        if retention_end(campaign) > now:
            continue
        pending = session.scalars(
            select(Candidate).where(
                Candidate.campaign_id == campaign.id, Candidate.status != "erased"
            )
        )
        for candidate in pending:
            erased += erase_candidate(session, candidate, actor=None, reason="retention")
        session.commit()
    return erased


def candidate_export(session: Session, candidate: Candidate) -> dict[str, Any]:
    """Everything stored about ``candidate``, JSON-ready (access and portability,
    GDPR Articles 15 and 20), including how their scores were computed."""
    campaign = candidate.campaign

    def rows(model: Any) -> list[Any]:
        return list(
            session.scalars(
                select(model).where(model.candidate_id == candidate.id).order_by(model.id)
            )
        )

    def stamp(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    demographic = session.scalar(
        select(Demographic).where(Demographic.candidate_id == candidate.id)
    )
    decisions = rows(Decision)
    deciders = {
        u.id: u.name
        for u in session.scalars(select(User).where(User.id.in_([d.user_id for d in decisions])))
    }
    return {
        "candidate": {
            "id": candidate.id,
            "name": candidate.name,
            "email": candidate.email,
            "locale": candidate.locale,
            "status": candidate.status,
            "consent_at": stamp(candidate.consent_at),
            "consent_notice_version": candidate.consent_notice_version,
            "started_at": stamp(candidate.started_at),
            "completed_at": stamp(candidate.completed_at),
        },
        "campaign": {
            "name": campaign.name,
            "organisation": campaign.organisation.name,
            "role": campaign.role_profile.title,
            "deadline": stamp(campaign.deadline),
            "data_kept_until": stamp(retention_end(campaign)),
        },
        "answers": [
            {
                "instrument": a.instrument_id,
                "item": a.item_id,
                "value": a.value,
                "page": a.page,
                "page_seconds": a.page_seconds,
                "answered_at": stamp(a.answered_at),
            }
            for a in rows(Answer)
        ],
        "scores": [
            {
                "created_at": stamp(s.created_at),
                "scoring_version": s.scoring_version,
                "instrument_versions": s.instrument_versions,
                "norm_basis": s.norm_basis,
                "result": s.result,
            }
            for s in rows(ScoreRecord)
        ],
        "how_scores_are_computed": SCORING_METHOD,
        "interview_ratings": [
            {"competency": r.competency_id, "rating": r.rating, "rated_at": stamp(r.created_at)}
            for r in rows(Rating)
        ],
        "decisions": [
            {
                "outcome": d.outcome,
                "rationale": d.rationale,
                "decided_by": deciders.get(d.user_id),
                "decided_at": stamp(d.created_at),
            }
            for d in decisions
        ],
        "demographics": demographic.data if demographic else None,
    }
