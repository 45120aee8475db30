"""One time estimate, computed from the campaign's instruments, is what the
invitation, the landing page and the instructions say, in both languages."""

from __future__ import annotations

import re

import pytest

import questionnaires
from assess.web.recruiter.invitation_mail import invitation_message
from questionnaires.length import session_minutes
from tests.web.candidate.helpers import CandidateClient
from tests.web.factories import invite, make_campaign

STATED = re.compile(r"(\d+)\s*(?:minutes|minuuttia)")


def stated_minutes(text: str) -> list[int]:
    return [int(m) for m in STATED.findall(text)]


@pytest.mark.parametrize("locale", ["en", "fi"])
def test_every_place_states_the_same_estimate(app, session, client, locale):
    campaign = make_campaign(session)
    expected = session_minutes(questionnaires.load_pinned(campaign.instruments))
    assert expected == 25
    candidate, token = invite(session, campaign, locale=locale)
    with app.test_request_context():
        _subject, body = invitation_message(campaign, candidate, "http://assess.test/c/x")
    browser = CandidateClient(client)
    browser.open(token)
    landing = client.get("/c/", headers={"Accept-Language": locale}).text
    instructions = browser.start(token, locale=locale).text
    for where, text in (("mail", body), ("landing", landing), ("instructions", instructions)):
        assert stated_minutes(text) == [expected], where


def test_a_campaign_of_one_instrument_is_told_its_own_time(app, session, client):
    campaign = make_campaign(session, instruments=["service-composure"])
    alone = session_minutes([questionnaires.load("service-composure")])
    assert alone < 25
    _candidate, token = invite(session, campaign)
    CandidateClient(client).open(token)
    assert stated_minutes(client.get("/c/").text) == [alone]
