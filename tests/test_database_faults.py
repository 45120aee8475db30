"""PostgreSQL going away under a candidate mid-questionnaire, on a scratch
database of the shared server (the server itself is never stopped): its
connections are cut, as a restart cuts them, and new ones are refused for a
while. The candidate gets a clear 503 asking to try again, the retry works,
and what was saved before is intact."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from assess.store import Base, db
from assess.store.db import make_engine
from assess.store.models import Answer
from assess.web import create_app
from tests.conftest import service_url
from tests.postgres import scratch_database
from tests.web.candidate.helpers import CandidateClient, answer_names, csrf_token
from tests.web.factories import invite

pytestmark = pytest.mark.postgres


@pytest.fixture
def database():
    server = service_url("TEST_DATABASE_URL")
    with scratch_database(server, "assess_faults") as url:
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        engine.dispose()
        admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
        name = make_engine(url).url.database
        yield url, admin, name
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()


def _cut_connections(admin, name: str, *, refuse_new: bool) -> None:
    with admin.connect() as connection:
        if refuse_new:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": name},
        )


def _answers(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Answer))


def test_a_database_outage_mid_questionnaire_is_a_retry_not_a_loss(database):
    url, admin, name = database
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url})
    try:
        with app.app_context():
            _, token = invite(db.session)
        browser = CandidateClient(app.test_client())
        browser.start(token)
        assert browser.answer(1, "4").status_code == 302
        saved = _answers(app)
        assert saved > 0

        # A restart drops every pooled connection: the next request reconnects.
        _cut_connections(admin, name, refuse_new=False)
        page = browser.page(2)
        assert page.status_code == 200
        data = {field: "2" for field in answer_names(page.text)}
        data.update(csrf_token=csrf_token(page.text), action="next")

        # While the server refuses connections, the answer is a clear retry.
        _cut_connections(admin, name, refuse_new=True)
        refused = browser.client.post("/c/page/2", data=data)
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "5"
        assert "What you saved before is kept" in refused.text

        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        retried = browser.client.post("/c/page/2", data=data)
        assert retried.status_code == 302
        assert _answers(app) == saved + len(data) - 2
    finally:
        with app.app_context():
            db.remove()
            db.engine().dispose()
