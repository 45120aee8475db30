"""A fixed-window rate limiter kept in the database (``rate_limit_hit``),
so every app host behind a load balancer counts the same attempts.

Counts are committed at once, so a request that later fails still counts.
On PostgreSQL they are written on a connection of their own, leaving the
request's transaction untouched. On SQLite, where a request that changes
something holds the one write lock from its first statement
(:func:`assess.store.db.make_engine`), a second connection would wait for
its own request: there the count goes through the request's connection, so
call :func:`hit` before the view changes anything.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from assess.store import db
from assess.store.models import RateLimitHit

_PURGE_CHANCE = 0.01
"""Share of calls that also delete windows older than a day (bounded table)."""


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for ``key`` and say whether it is allowed.

    Parameters
    ----------
    key : str
        What is limited, e.g. ``"invitation-token:203.0.113.7"``.
    limit : int
        Attempts allowed per window.
    window_seconds : int
        Length of the fixed window in seconds.

    Returns
    -------
    bool
        True while the attempts in the current window are at most ``limit``.
    """
    if limit < 1 or window_seconds < 1:
        raise ValueError("limit and window_seconds must be positive")
    now = datetime.now(UTC)
    epoch = int(now.timestamp())
    window_start = datetime.fromtimestamp(epoch - epoch % window_seconds, UTC)
    engine = db.engine()
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    # Keys carry what clients send (addresses, header values): escaped, a NUL
    # or other control character becomes text PostgreSQL can store.
    stored_key = key.encode("unicode_escape").decode("ascii")[:200]
    statement = insert(RateLimitHit).values(key=stored_key, window_start=window_start, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[RateLimitHit.key, RateLimitHit.window_start],
        set_={"count": RateLimitHit.count + 1},
    ).returning(RateLimitHit.count)
    purge = None
    # Housekeeping odds, not a secret (bandit B311).
    if random.random() < _PURGE_CHANCE:  # nosec B311
        cutoff = now - timedelta(days=1, seconds=window_seconds)
        purge = delete(RateLimitHit).where(RateLimitHit.window_start < cutoff)
    if engine.dialect.name == "sqlite":
        count = db.connection().execute(statement).scalar_one()
        if purge is not None:
            db.connection().execute(purge)
        db.commit()
        return count <= limit
    with engine.begin() as connection:
        count = connection.execute(statement).scalar_one()
        if purge is not None:
            connection.execute(purge)
    return count <= limit
