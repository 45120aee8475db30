"""Fixtures for staff tests: cheap password hashing, CSRF off (a dedicated
test keeps it on), and a world of two organisations with their people."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from assess.store import db
from tests.web.staff.people import World, make_world


@pytest.fixture
def app(app):
    app.config.update(
        WTF_CSRF_ENABLED=False,
        ARGON2_PROFILE="CHEAPEST",  # argon2id still, at test speed
    )
    return app


@pytest.fixture
def world(app) -> World:
    """Rows made in an app context of their own, popped before the test
    sends requests: a context held open would be shared by every request
    (and its ``g`` with Flask-Login's cached user), hiding what a real,
    separate request sees."""
    with app.app_context():
        return make_world(db.session)


@pytest.fixture
def rows(app):
    """``with rows() as session:`` changes rows in a short app context and commits."""

    @contextmanager
    def open_session():
        with app.app_context():
            yield db.session
            db.session.commit()

    return open_session
