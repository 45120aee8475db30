"""What the reports read from the database: a campaign's role and
instruments, the latest score record per candidate, submitted panel
ratings. Loading only; nothing here formats a number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import questionnaires
from assess.store.models import (
    Campaign,
    Candidate,
    ScoreRecord,
)
from questionnaires.model import Instrument, RoleProfile

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class CampaignSetting:
    """A campaign's organisation name, pinned role profile and instruments."""

    campaign: Campaign
    organisation: str
    role: RoleProfile
    instruments: tuple[Instrument, ...]


def campaign_setting(campaign: Campaign) -> CampaignSetting:
    instruments = questionnaires.load_pinned(campaign.instruments)
    role = questionnaires.role_from_mapping(campaign.role_profile.definition)
    return CampaignSetting(campaign, campaign.organisation.name, role, instruments)


def latest_record(session: Session, candidate_id: int) -> ScoreRecord | None:
    return session.scalar(
        select(ScoreRecord)
        .where(ScoreRecord.candidate_id == candidate_id)
        .order_by(ScoreRecord.id.desc())
        .limit(1)
    )


def scored_candidates(session: Session, campaign_id: int) -> list[tuple[Candidate, ScoreRecord]]:
    """Every candidate of the campaign who has a score record (not erased),
    with the latest record, in candidate id order."""
    newest = (
        select(func.max(ScoreRecord.id))
        .join(Candidate, Candidate.id == ScoreRecord.candidate_id)
        .where(Candidate.campaign_id == campaign_id, Candidate.status != "erased")
        .group_by(ScoreRecord.candidate_id)
    )
    rows = session.execute(
        select(Candidate, ScoreRecord)
        .join(ScoreRecord, ScoreRecord.candidate_id == Candidate.id)
        .where(ScoreRecord.id.in_(newest))
        .order_by(Candidate.id)
    )
    return [(c, r) for c, r in rows]


def report_date(moment: dt.datetime | dt.date | None, language: str) -> str:
    """A date as the report's reader writes it: 23 November 2026, 23.11.2026."""
    if moment is None:
        return ""
    if language == "fi":
        return f"{moment.day}.{moment.month}.{moment.year}"
    return f"{moment.day} {EN_MONTHS[moment.month - 1]} {moment.year}"


def candidate_reference(candidate_id: int | str) -> str:
    """The reference printed next to a name: the candidate's id."""
    return f"#{candidate_id}"
