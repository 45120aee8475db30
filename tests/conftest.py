"""Shared fixtures: an app per test on SQLite and on PostgreSQL, its test
client and CLI runner.

PostgreSQL and Redis are reached through ``TEST_DATABASE_URL`` and
``TEST_REDIS_URL``. Where they are unset the tests that need them skip on a
laptop and fail in CI (``CI=true``), so CI can never pass without them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from assess.store import Base, db
from assess.store.db import make_engine
from assess.web import create_app
from tests.postgres import scratch_database

BACKENDS = ("sqlite", "postgresql")


def service_url(variable: str) -> str:
    """The URL in ``variable``, or skip (fail in CI) when it is unset."""
    url = os.environ.get(variable)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{variable} must point at the service in CI")
        pytest.skip(f"{variable} is not set")
    return url


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database with the current schema, once per backend per session.

    On PostgreSQL each session works in a database of its own, created next
    to the one ``TEST_DATABASE_URL`` names and dropped afterwards."""
    if request.param == "sqlite":
        yield _with_schema(f"sqlite:///{tmp_path_factory.mktemp('db') / 'assess.sqlite'}")
        return
    with scratch_database(service_url("TEST_DATABASE_URL"), "assess_test") as url:
        yield _with_schema(url)


def _with_schema(url: str) -> str:
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def app(database_url: str, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "BASE_URL": "http://assess.test",
            "SERVER_NAME": None,
        }
    )
    app.instance_path = str(tmp_path)
    yield app
    with app.app_context():
        _empty_all_tables()
        db.remove()
        db.engine().dispose()


def _empty_all_tables() -> None:
    session = db.session()
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(table.delete())
    session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def redis_url() -> str:
    return service_url("TEST_REDIS_URL")


@pytest.fixture
def session(app) -> Iterator:
    """The app-context session, for tests that set up rows directly."""
    with app.app_context():
        yield db.session


@pytest.fixture(autouse=True, scope="session")
def _stored_records_follow_the_schema() -> Iterator[None]:
    """Every score record any test stores is checked against the record's
    JSON Schema (after :func:`assess.results.record.upgrade` for records
    written in an older format), on insert."""
    import jsonschema
    from sqlalchemy import event

    from assess.results.record import schema, upgrade
    from assess.store.models import ScoreRecord

    validator = jsonschema.Draft202012Validator(schema())

    def check(mapper, connection, target) -> None:
        validator.validate(upgrade(target.result))

    event.listen(ScoreRecord, "before_insert", check)
    yield
    event.remove(ScoreRecord, "before_insert", check)
