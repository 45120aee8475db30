"""Fixtures for the candidate blueprint: an invited candidate and a browser."""

from __future__ import annotations

import pytest

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
