"""The candidate's optional "about you" page after submitting: voluntary,
skippable, stored apart from the answers, never an input to a score."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from assess.store.models import Demographic, ScoreRecord
from tests.web.candidate.helpers import CandidateClient, csrf_token
from tests.web.factories import invite


@pytest.fixture
def submitted(app, world, rows):
    """A candidate who has answered and submitted, with their browser."""
    app.config["WTF_CSRF_ENABLED"] = True  # the candidate pages render their tokens
    with rows() as session:
        campaign = session.get(type(world.campaign), world.campaign.id)
        candidate, token = invite(session, campaign, email="veera@example.org")
        candidate_id = candidate.id
    browser = CandidateClient(app.test_client())
    browser.start(token)
    browser.answer_all("4")
    assert browser.submit().status_code == 302
    return browser, candidate_id


def _post(browser, **answers):
    html = browser.client.get("/c/about-you").text
    return browser.client.post("/c/about-you", data={"csrf_token": csrf_token(html), **answers})


def test_the_page_is_optional_and_says_how_answers_are_used(submitted):
    browser, _candidate_id = submitted
    page = browser.client.get("/c/about-you")
    assert page.status_code == 200
    assert "voluntary" in page.text and "never used in your scores" in page.text
    assert 'href="/c/done"' in page.text, "a way to skip"
    assert (
        page.text.count('<option selected value="">')
        + page.text.count('<option value="" selected>')
        == 4
    ), "every question starts at 'prefer not to say'"


def test_answers_are_stored_apart_and_scores_do_not_change(submitted, rows):
    browser, candidate_id = submitted
    with rows() as session:
        before = session.scalar(select(func.count(ScoreRecord.id)))
    response = _post(browser, gender="woman", age_band="25-39", first_language="", disability="")
    assert response.status_code == 302
    with rows() as session:
        stored = session.scalar(select(Demographic).where(Demographic.candidate_id == candidate_id))
        assert stored.data == {"gender": "woman", "age_band": "25-39"}
        assert session.scalar(select(func.count(ScoreRecord.id))) == before
    assert _post(browser).status_code == 302, "saving nothing withdraws the answers"
    with rows() as session:
        assert session.scalar(select(Demographic.id)) is None


def test_only_listed_answers_are_accepted(submitted, rows):
    browser, _candidate_id = submitted
    assert _post(browser, gender="<script>").status_code == 400
    with rows() as session:
        assert session.scalar(select(Demographic.id)) is None


def test_the_page_opens_only_after_submitting(app, world, rows):
    app.config["WTF_CSRF_ENABLED"] = True
    with rows() as session:
        campaign = session.get(type(world.campaign), world.campaign.id)
        _candidate, token = invite(session, campaign, email="ville@example.org")
    browser = CandidateClient(app.test_client())
    assert browser.client.get("/c/about-you").status_code != 200, "no session"
    browser.start(token)
    assert browser.client.get("/c/about-you").status_code != 200, "not yet submitted"
