"""SQLite as the one-host default with several gunicorn workers: WAL, an
explicit busy timeout, and write transactions that take the lock before
their first read (BEGIN IMMEDIATE) in requests that change something."""

from __future__ import annotations

import sqlite3

import pytest
from flask import Flask
from sqlalchemy import text

from assess.store.db import SQLITE_BUSY_TIMEOUT_MS, make_engine


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.sqlite'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (n INTEGER)"))
        connection.execute(text("INSERT INTO counter VALUES (0)"))
    yield engine
    engine.dispose()


def test_wal_and_busy_timeout(engine):
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == (
            SQLITE_BUSY_TIMEOUT_MS
        )
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _other_writer(path) -> sqlite3.Connection:
    """A second process's connection that gives up at once instead of waiting."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    return other


@pytest.mark.parametrize(("method", "locked"), [("POST", True), ("GET", False)])
def test_a_post_holds_the_write_lock_from_its_first_read(engine, tmp_path, method, locked):
    app = Flask(__name__)
    other = _other_writer(tmp_path / "c.sqlite")
    with app.test_request_context(method=method), engine.connect() as connection:
        assert connection.execute(text("SELECT n FROM counter")).scalar() == 0
        if locked:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("UPDATE counter SET n = n + 100")
        else:
            other.execute("UPDATE counter SET n = n + 100")
        connection.execute(text("UPDATE counter SET n = n + 1"))
        connection.commit()
    other.close()
    with engine.connect() as connection:
        expected = 1 if locked else 101
        assert connection.execute(text("SELECT n FROM counter")).scalar() == expected
