"""The Alembic migrations build the schema the models describe, on a fresh
SQLite file and on a fresh PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import assess.store.models  # noqa: F401
from assess.store import Base
from assess.store.db import make_engine
from assess.store.migrations import current, upgrade
from tests.conftest import service_url
from tests.postgres import scratch_database


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request, tmp_path) -> Iterator[str]:
    """An empty database of each kind. PostgreSQL gets a database of its own
    (created and dropped here) so the shared test database is never touched."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"
        return
    with scratch_database(service_url("TEST_DATABASE_URL"), "assess_migrations") as url:
        yield url


def _differences(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def test_upgrade_head_creates_every_table(fresh_database_url):
    upgrade(fresh_database_url)
    assert current(fresh_database_url) is not None
    engine = make_engine(fresh_database_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_models_and_migrations_agree(fresh_database_url):
    """Like ``alembic check``: after upgrading, autogenerate finds nothing to do."""
    upgrade(fresh_database_url)
    assert _differences(fresh_database_url) == []


def test_upgrade_is_repeatable(fresh_database_url):
    upgrade(fresh_database_url)
    first = current(fresh_database_url)
    upgrade(fresh_database_url)
    assert current(fresh_database_url) == first


def test_db_commands_upgrade_and_report_the_revision(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from assess.cli import cli

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    runner = CliRunner()
    assert "empty" in runner.invoke(cli, ["db", "current"]).output
    result = runner.invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["db", "current"]).output.strip() == current(url)
