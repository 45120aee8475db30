"""What the reports read from the database: a campaign's role and
instruments, the latest score record per candidate, submitted panel
ratings. Loading only; nothing here formats a number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import questionnaires
from assess.results.store import latest_records
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


def scored_candidates(session: Session, campaign_id: int) -> list[tuple[Candidate, ScoreRecord]]:
    """Every candidate of the campaign who has a score record (not erased),
    with the latest record, in candidate id order."""
    records = latest_records(session, campaign_id=campaign_id)
    if not records:
        return []
    candidates = session.scalars(
        select(Candidate).where(Candidate.id.in_(list(records))).order_by(Candidate.id)
    )
    return [(c, records[c.id]) for c in candidates]


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
