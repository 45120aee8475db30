"""The store on both databases: portable types, constraints that keep
duplicates out, timestamps that come back timezone-aware."""

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from assess.store.models import (
    Campaign,
    Candidate,
    Organisation,
    RoleProfileVersion,
    ScoreRecord,
    Submission,
)


def _candidate(session) -> Candidate:
    org = Organisation(name="Demo Air", slug="demo-air")
    session.add(org)
    session.flush()
    profile = RoleProfileVersion(
        organisation_id=org.id,
        profile_key="airport",
        version=1,
        title="Agent",
        definition={"id": "x"},
    )
    session.add(profile)
    session.flush()
    campaign = Campaign(
        organisation_id=org.id,
        role_profile_version_id=profile.id,
        name="Winter",
        instruments=[{"id": "service-composure", "version": "1.0"}],
        languages=["en", "fi"],
        deadline=datetime(2026, 12, 31, tzinfo=UTC),
    )
    session.add(campaign)
    session.flush()
    candidate = Candidate(
        organisation_id=org.id, campaign_id=campaign.id, name="Äijälä", shuffle_seed=7
    )
    session.add(candidate)
    session.commit()
    return candidate


def test_timestamps_round_trip_as_aware_utc(session):
    candidate = _candidate(session)
    session.expire_all()
    deadline = session.get(Candidate, candidate.id).campaign.deadline
    assert deadline == datetime(2026, 12, 31, tzinfo=UTC)
    assert deadline.tzinfo is not None


def test_naive_timestamps_are_refused(session):
    candidate = _candidate(session)
    candidate.started_at = datetime(2026, 1, 1, 9)
    with pytest.raises(Exception, match="timezone-aware"):
        session.commit()
    session.rollback()


def test_second_submission_for_a_candidate_is_refused(session):
    candidate = _candidate(session)
    session.add(Submission(candidate_id=candidate.id))
    session.commit()
    session.add(Submission(candidate_id=candidate.id))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_score_records_cannot_be_changed(session):
    candidate = _candidate(session)
    record = ScoreRecord(
        candidate_id=candidate.id,
        instrument_versions={"service-composure": "1.0"},
        scoring_version="1",
        norm_basis="none",
        result={"scales": {}},
    )
    session.add(record)
    session.commit()
    record.norm_basis = "changed"
    with pytest.raises(ValueError, match="immutable"):
        session.commit()
    session.rollback()
