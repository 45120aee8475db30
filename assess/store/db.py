"""The database handle: one engine per app; per app context, one connection
that Core statements and the ORM session share.

SQLite (WAL, foreign keys on) is the default; PostgreSQL comes through
``DATABASE_URL``. Nothing is held between requests except the engine's
connection pool, so any number of app hosts can share one PostgreSQL.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from flask.globals import app_ctx as _app_ctx
from sqlalchemy import JSON, Connection, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import ScopedRegistry

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


SQLITE_BUSY_TIMEOUT_MS = 10_000
"""How long an SQLite connection waits for another process's write lock
before it gives up with "database is locked"."""

_READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """In a request that changes something (POST...), start the transaction
    with BEGIN IMMEDIATE: the write lock is taken before the first read,
    waiting up to the busy timeout for another process to finish. Without
    it, a transaction that reads and then writes fails at once with
    "database is locked" when another process wrote in between, whatever
    the busy timeout. Elsewhere (GET pages, commands) the driver's default
    stands: reads take no lock, and a write begins its own transaction, so
    a long read (a PDF rendered inline) holds up no writer."""
    from flask import has_request_context, request

    if has_request_context() and request.method not in _READ_ONLY_METHODS:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; psycopg 3 is the PostgreSQL driver.

    Pooled connections to a server are tested before use (a restarted server
    drops them); an SQLite file cannot drop a connection, so it skips the test.
    SQLite runs in WAL mode (readers never wait for the writer) with a busy
    timeout and IMMEDIATE write transactions (``_sqlite_begin``): the one-host
    default, good for several gunicorn workers on one machine. SQL parameters
    stay out of error messages, so logs never hold what a person typed.
    """
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    sqlite = url.startswith("sqlite")
    engine = create_engine(url, pool_pre_ping=not sqlite, hide_parameters=True)
    if sqlite:
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _app_context_id() -> int:
    # Runs on every ``db.session`` access: the proxy is imported once, at the top.
    return id(_app_ctx._get_current_object())


class Database:
    """Binds an engine to a Flask app. Each app context gets one connection,
    checked out when first used, and an ORM session (``db.session``) that
    works on that same connection; both end at teardown.

    Core statements go through ``connection()`` and ORM work through
    ``db.session``; in one request they share one transaction, which
    ``commit()`` commits (as does ``db.session.commit()`` once the session
    is in use). A request that needs no ORM objects (the candidate's page
    post) never builds a session, which saves it about 6% of its
    instructions (``benchmarks/page_post.py --instructions``).
    """

    def __init__(self) -> None:
        # "control_fully": a session that finds the connection already in a
        # transaction (begun by Core statements) commits or rolls back that one.
        self._factory = sessionmaker(expire_on_commit=False, join_transaction_mode="control_fully")
        self._connections: ScopedRegistry[Connection] = ScopedRegistry(
            self._connect, _app_context_id
        )
        self.session: scoped_session[Session] = scoped_session(
            self._session_for_app, scopefunc=_app_context_id
        )

    def connection(self) -> Connection:
        """The app context's connection, for Core statements. Once the
        session is in use, statements run inside its transaction, so its
        commit covers them."""
        if self.session.registry.has():
            return self.session.connection()
        return self._connections()

    def commit(self) -> None:
        """Commit the app context's transaction: the session's when there is
        a session, else the connection's."""
        if self.session.registry.has():
            self.session.commit()
        elif self._connections.has():
            self._connections().commit()

    def _connect(self) -> Connection:
        from flask import current_app

        engine = current_app.extensions["assess.engine"]
        if current_app.extensions["assess.engine_pid"] != os.getpid():
            # A forked RQ work horse must not share the parent's connections.
            engine.dispose(close=False)
            current_app.extensions["assess.engine_pid"] = os.getpid()
        return engine.connect()

    def _session_for_app(self) -> Session:
        return self._factory(bind=self._connections())

    def init_app(self, app: Any) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["assess.engine"] = engine
        app.extensions["assess.engine_pid"] = os.getpid()
        app.teardown_appcontext(self.remove)

    def remove(self, exc: BaseException | None = None) -> None:
        """End the app context's session and return its connection to the
        pool, rolling back what was not committed. Teardown calls this; call
        it before ``engine().dispose()`` inside an app context."""
        self.session.remove()
        if self._connections.has():
            self._connections().close()
            self._connections.clear()

    @staticmethod
    def engine() -> Engine:
        from flask import current_app

        return current_app.extensions["assess.engine"]


db = Database()
