"""The database-backed fixed-window limiter shared by every app host."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assess.store.models import RateLimitHit
from assess.web.ratelimit import hit


def test_allows_up_to_the_limit_then_refuses(session):
    assert [hit("test:a", 3, 3600) for _ in range(5)] == [True, True, True, False, False]


def test_keys_are_counted_separately(session):
    assert hit("candidate-token:198.51.100.1", 1, 3600)
    assert not hit("candidate-token:198.51.100.1", 1, 3600)
    assert hit("staff-login:198.51.100.1", 1, 3600)


def test_counts_live_in_the_shared_table(session):
    hit("test:b", 10, 3600)
    hit("test:b", 10, 3600)
    session.rollback()
    assert session.scalar(select(RateLimitHit.count).where(RateLimitHit.key == "test:b")) == 2


def test_a_new_window_starts_a_new_count(session, monkeypatch):
    from datetime import UTC, datetime

    import assess.web.ratelimit as ratelimit

    moments = iter(
        [datetime(2026, 1, 1, 12, 0, 5, tzinfo=UTC), datetime(2026, 1, 1, 12, 1, 5, tzinfo=UTC)]
    )

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return next(moments)

    monkeypatch.setattr(ratelimit, "datetime", Clock)
    assert hit("test:c", 1, 60)
    assert hit("test:c", 1, 60)


@pytest.mark.parametrize(("limit", "window"), [(0, 60), (5, 0)])
def test_nonsense_limits_are_refused(session, limit, window):
    with pytest.raises(ValueError, match="positive"):
        hit("test:d", limit, window)
