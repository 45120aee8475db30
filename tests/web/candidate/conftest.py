"""Fixtures for the candidate blueprint: an invited candidate and a browser."""

from __future__ import annotations

import pytest
from flask import g

from tests.web.candidate.helpers import CandidateClient
from tests.web.factories import invite


@pytest.fixture
def invited(session):
    """(candidate, token) of a freshly invited candidate."""
    return invite(session)


@pytest.fixture
def token(invited) -> str:
    return invited[1]


@pytest.fixture
def candidate_id(invited) -> int:
    return invited[0].id


@pytest.fixture
def browser(client) -> CandidateClient:
    return CandidateClient(client)


@pytest.fixture(autouse=True)
def fresh_request_globals(app):
    """Give every test-client request an empty ``g``, as in production.

    While a test holds an app context (the ``session`` fixture), Flask reuses
    it, and its ``g``, for each request; the locale and CSRF token Flask-Babel
    and Flask-WTF cache there would leak from one request to the next."""

    def forget(*_args):
        vars(g).clear()

    app.before_request_funcs.setdefault(None, []).insert(0, forget)
