"""Alembic environment: the models' metadata against the configured URL.

SQLite cannot alter most table features in place, so migrations run in
batch mode there (copy, change, swap); PostgreSQL alters directly.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import text

import assess.store.models  # noqa: F401  (registers every table on the metadata)
from assess.store.db import Base, UTCDateTime, make_engine

config = context.config

MIGRATION_LOCK = 0x61737365  # "asse": the advisory lock key of `assess db upgrade`


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    # The timezone-aware wrapper stores a plain DateTime column.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def _url() -> str:
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    if not url:
        from flask import current_app

        url = current_app.config["DATABASE_URL"]
    return url


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Hosts starting together (containers, a rolling deploy) each run
            # `assess db upgrade`: one migrates, the others wait, then find
            # the schema current. The lock ends with the transaction.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()
    if connection.in_transaction():
        connection.commit()


run_migrations()
