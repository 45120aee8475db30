"""The candidate fixtures (an invited candidate, a browser) for scoring
against local norms."""

from tests.web.candidate.conftest import (  # noqa: F401
    browser,
    candidate_id,
    fresh_request_globals,
    invited,
    token,
)
