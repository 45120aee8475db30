"""The database handle: one engine per app, one session per app context.

SQLite (WAL, foreign keys on) is the default; PostgreSQL comes through
``DATABASE_URL``. Nothing is held between requests except the engine's
connection pool, so any number of app hosts can share one PostgreSQL.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from typing import Any

from flask.globals import app_ctx as _app_ctx
from sqlalchemy import JSON, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A timestamp stored as naive UTC and read back as aware UTC on every
    database, so comparisons never mix naive and aware values."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


def utcnow() -> datetime:
    return datetime.now(UTC)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; psycopg 3 is the PostgreSQL driver.

    Pooled connections to a server are tested before use (a restarted server
    drops them); an SQLite file cannot drop a connection, so it skips the test.
    """
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return create_engine(url, pool_pre_ping=not url.startswith("sqlite"))


def _app_context_id() -> int:
    # Runs on every ``db.session`` access: the proxy is imported once, at the top.
    return id(_app_ctx._get_current_object())


class Database:
    """Binds an engine to a Flask app and gives a session scoped to the
    current app context (``db.session``), removed at teardown."""

    def __init__(self) -> None:
        self._factory = sessionmaker(expire_on_commit=False)
        self.session: scoped_session[Session] = scoped_session(
            self._session_for_app, scopefunc=_app_context_id
        )

    def _session_for_app(self) -> Session:
        from flask import current_app

        engine = current_app.extensions["assess.engine"]
        if current_app.extensions["assess.engine_pid"] != os.getpid():
            # A forked RQ work horse must not share the parent's connections.
            engine.dispose(close=False)
            current_app.extensions["assess.engine_pid"] = os.getpid()
        return self._factory(bind=engine)

    def init_app(self, app: Any) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["assess.engine"] = engine
        app.extensions["assess.engine_pid"] = os.getpid()
        app.teardown_appcontext(self._remove_session)

    def _remove_session(self, exc: BaseException | None) -> None:
        if exc is not None:
            self.session.rollback()
        self.session.remove()

    @staticmethod
    def engine() -> Engine:
        from flask import current_app

        return current_app.extensions["assess.engine"]


db = Database()
