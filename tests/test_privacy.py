"""Erasure, retention and the candidate's data export."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from assess.store.models import (
    Answer,
    AuditEvent,
    Candidate,
    Decision,
    Demographic,
    Rating,
    ReportFile,
    ScoreRecord,
    User,
)
from assess.store.privacy import (
    PERSONAL_ROWS,
    add_months,
    candidate_export,
    erase_candidate,
    run_retention,
)
from tests.rows import make_candidate


def _fill(session, candidate: Candidate) -> User:
    user = User(
        organisation_id=candidate.organisation_id,
        email="r@example.org",
        name="Riikka Rekrytoija",
        role="recruiter",
        password_hash="x",
    )
    session.add(user)
    session.flush()
    session.add_all(
        [
            Answer(
                candidate_id=candidate.id,
                instrument_id="service-composure",
                item_id="so01",
                value=4,
                page=1,
                page_seconds=31.5,
            ),
            ScoreRecord(
                candidate_id=candidate.id,
                instrument_versions={"service-composure": "1.0"},
                scoring_version="1.0",
                norm_basis="none",
                result={"scales": {}},
            ),
            Rating(candidate_id=candidate.id, user_id=user.id, competency_id="calm", rating=4),
            Decision(
                candidate_id=candidate.id,
                user_id=user.id,
                outcome="advance",
                rationale="Calm, warm answers in the interview.",
            ),
            ReportFile(
                organisation_id=candidate.organisation_id,
                candidate_id=candidate.id,
                kind="candidate",
                input_hash="a" * 64,
                content=b"%PDF",
            ),
            Demographic(candidate_id=candidate.id, data={"gender": "woman"}),
        ]
    )
    session.commit()
    return user


def _count(session, model, candidate_id) -> int:
    return session.scalar(
        select(func.count()).select_from(model).where(model.candidate_id == candidate_id)
    )


def test_erasure_removes_every_personal_row_and_keeps_an_anonymous_count(session):
    candidate = make_candidate(session)
    user = _fill(session, candidate)
    assert erase_candidate(session, candidate, actor=user, reason="candidate asked") is True
    session.commit()
    for model in PERSONAL_ROWS:
        assert _count(session, model, candidate.id) == 0, model.__name__
    session.expire_all()
    kept = session.get(Candidate, candidate.id)
    assert (kept.status, kept.name, kept.email) == ("erased", None, None)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "candidate.erase"))
    assert (event.user_id, event.object_id, event.detail) == (
        user.id,
        candidate.id,
        {"reason": "candidate asked"},
    )


def test_erasure_also_drops_campaign_pdfs_that_may_name_the_candidate(session):
    candidate = make_candidate(session)
    other = make_candidate(session, name="Other campaign")
    for campaign_id, digest in ((candidate.campaign_id, "b"), (other.campaign_id, "c")):
        session.add(
            ReportFile(
                organisation_id=candidate.organisation_id,
                campaign_id=campaign_id,
                kind="panel_pack",
                input_hash=digest * 64,
                content=b"%PDF",
            )
        )
    session.commit()
    erase_candidate(session, candidate, actor=None, reason="candidate asked")
    session.commit()
    kept = session.scalars(select(ReportFile.campaign_id)).all()
    assert kept == [other.campaign_id]


def test_erasing_twice_changes_nothing(session):
    candidate = make_candidate(session)
    erase_candidate(session, candidate, actor=None, reason="retention")
    session.commit()
    assert erase_candidate(session, candidate, actor=None, reason="retention") is False


def test_retention_erases_only_campaigns_past_their_end_and_is_idempotent(session):
    old = make_candidate(
        session, name="Old", deadline=datetime(2024, 1, 31, tzinfo=UTC), retention_months=12
    )
    current = make_candidate(session, name="Current", deadline=datetime(2026, 1, 31, tzinfo=UTC))
    now = datetime(2026, 11, 23, tzinfo=UTC)
    assert run_retention(session, now=now) == 1
    assert run_retention(session, now=now) == 0
    session.expire_all()
    assert session.get(Candidate, old.id).status == "erased"
    assert session.get(Candidate, current.id).name == "Current"


def test_retention_is_capped_at_24_months(session):
    candidate = make_candidate(
        session, deadline=datetime(2024, 1, 31, tzinfo=UTC), retention_months=60
    )
    assert run_retention(session, now=datetime(2026, 2, 1, tzinfo=UTC)) == 1
    session.expire_all()
    assert session.get(Candidate, candidate.id).status == "erased"


def test_add_months_clamps_to_the_last_day_of_the_month():
    """Hand calendar: 31 Jan + 1 month is 29 Feb in the leap year 2028."""
    assert add_months(datetime(2028, 1, 31, tzinfo=UTC), 1) == datetime(2028, 2, 29, tzinfo=UTC)
    assert add_months(datetime(2026, 12, 31, tzinfo=UTC), 24) == datetime(2028, 12, 31, tzinfo=UTC)


def test_export_holds_answers_scores_ratings_decisions_and_the_method(session):
    candidate = make_candidate(session)
    _fill(session, candidate)
    export = candidate_export(session, candidate)
    assert export["candidate"]["name"] == "Äijälä"
    assert export["answers"][0] == {
        "instrument": "service-composure",
        "item": "so01",
        "value": 4,
        "page": 1,
        "page_seconds": 31.5,
        "answered_at": export["answers"][0]["answered_at"],
    }
    assert export["scores"][0]["scoring_version"] == "1.0"
    assert export["interview_ratings"][0]["rating"] == 4
    assert export["decisions"][0]["decided_by"] == "Riikka Rekrytoija"
    assert "sqrt(1 - reliability)" in export["how_scores_are_computed"]["precision"]
    assert export["demographics"] == {"gender": "woman"}
    assert export["campaign"]["data_kept_until"].startswith("2028-12-31")


def test_retention_command_runs(runner, session):
    make_candidate(session, deadline=datetime(2020, 1, 31, tzinfo=UTC))
    from assess.cli import cli

    result = runner.invoke(cli, ["retention", "run"])
    assert result.exit_code == 0, result.output
