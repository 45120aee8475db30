"""Shared fixtures: an app per test on SQLite and on PostgreSQL, its test
client and CLI runner.

PostgreSQL and Redis are reached through ``TEST_DATABASE_URL`` and
``TEST_REDIS_URL``. Where they are unset the tests that need them skip on a
laptop and fail in CI (``CI=true``), so CI can never pass without them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from assess.store import Base, db
from assess.store.db import make_engine
from assess.web import create_app

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
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the current schema, once per backend per session.

    On PostgreSQL each session creates its own database next to the one
    ``TEST_DATABASE_URL`` names and drops it afterwards, so concurrent test
    runs on one server never see each other's rows."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'assess.sqlite'}"
    else:
        url = _private_postgres_database(request, service_url("TEST_DATABASE_URL"))
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    return url


def _private_postgres_database(request: pytest.FixtureRequest, server_url: str) -> str:
    name = f"assess_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return admin.url.set(database=name).render_as_string(hide_password=False)


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
