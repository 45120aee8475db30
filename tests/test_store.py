"""The store on both databases: portable types, constraints that keep
duplicates out, timestamps that come back timezone-aware."""

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from assess.store.models import Candidate, ScoreRecord, Submission
from tests.rows import make_candidate


def test_timestamps_round_trip_as_aware_utc(session):
    candidate = make_candidate(session)
    session.expire_all()
    deadline = session.get(Candidate, candidate.id).campaign.deadline
    assert deadline == datetime(2026, 12, 31, tzinfo=UTC)
    assert deadline.tzinfo is not None


def test_naive_timestamps_are_refused(session):
    candidate = make_candidate(session)
    candidate.started_at = datetime(2026, 1, 1, 9)
    with pytest.raises(Exception, match="timezone-aware"):
        session.commit()
    session.rollback()


def test_second_submission_for_a_candidate_is_refused(session):
    candidate = make_candidate(session)
    session.add(Submission(candidate_id=candidate.id))
    session.commit()
    session.add(Submission(candidate_id=candidate.id))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_score_records_cannot_be_changed(session):
    candidate = make_candidate(session)
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
