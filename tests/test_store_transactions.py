"""One connection per app context, shared by Core statements and the ORM
session: what each commit covers and what teardown throws away, on SQLite
and PostgreSQL. Each step runs in an app context of its own, as a request
does, and the outcome is read in a fresh one (committed rows only)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from assess.store import db
from assess.store.models import Candidate
from tests.rows import make_candidate


def _candidate(app) -> int:
    with app.app_context():
        candidate = make_candidate(db.session)
        db.session.commit()
        return candidate.id


def _stored(app, candidate_id: int) -> tuple[str, str | None]:
    with app.app_context():
        row = db.connection().execute(
            select(Candidate.status, Candidate.locale).where(Candidate.id == candidate_id)
        )
        return tuple(row.one())


def _core_status(candidate_id: int, status: str) -> None:
    db.connection().execute(
        update(Candidate).where(Candidate.id == candidate_id).values(status=status)
    )


def test_core_statements_last_only_when_committed(app):
    candidate_id = _candidate(app)
    with app.app_context():
        _core_status(candidate_id, "started")
    assert _stored(app, candidate_id)[0] == "invited"
    with app.app_context():
        _core_status(candidate_id, "started")
        db.commit()
        assert not db.session.registry.has()  # Core work alone builds no session
    assert _stored(app, candidate_id)[0] == "started"


@pytest.mark.parametrize(
    ("end", "stored"),
    [("commit", ("started", "fi")), ("flush", ("invited", "en"))],
)
def test_core_statements_before_the_session_share_its_transaction(app, end, stored):
    """A session commits the Core statements made before it; when nothing
    commits, teardown rolls both back."""
    candidate_id = _candidate(app)
    with app.app_context():
        _core_status(candidate_id, "started")
        db.session.get(Candidate, candidate_id).locale = "fi"
        getattr(db.session, end)()
    assert _stored(app, candidate_id) == stored


def test_core_statements_after_a_session_commit_go_with_the_next_one(app):
    candidate_id = _candidate(app)
    with app.app_context():
        db.session.get(Candidate, candidate_id).locale = "fi"
        db.session.commit()
        _core_status(candidate_id, "started")
        db.session.commit()
    assert _stored(app, candidate_id) == ("started", "fi")
