"""A scored campaign for delivery tests: simulated answers (graded response
model) scored by the real engine, one candidate with a hostile name, and a
recruiter in this organisation and another."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from assess.commands.demo_data import add_simulated_candidates
from assess.results.rescore import rescore_campaign
from assess.store import db
from tests.web.factories import make_campaign, make_organisation
from tests.web.staff.people import make_user

HOSTILE = 'Åsa "Öberg"; filename=evil.sh\r\n<img src="/etc/passwd"> & co'
NAMES = (HOSTILE, "Väinö Äijälä", "Юлия Иванова")


@dataclass(frozen=True)
class Scored:
    campaign_id: int
    candidate_ids: tuple[int, ...]
    recruiter: str
    admin: str
    other_recruiter: str


@pytest.fixture
def app(app):
    app.config.update(WTF_CSRF_ENABLED=False, ARGON2_PROFILE="CHEAPEST")
    return app


@pytest.fixture
def scored(app) -> Scored:
    with app.app_context():
        session = db.session
        org = make_organisation(session, name="Nordic Air Services")
        other = make_organisation(session, name="Harbour Clinic")
        campaign = make_campaign(session, organisation=org)
        people = add_simulated_candidates(session, campaign, NAMES, np.random.default_rng(7))
        rescore_campaign(session, campaign.id)
        make_user(session, org, role="recruiter", email="rita@nordic.example")
        make_user(session, org, role="admin", email="adam@nordic.example")
        make_user(session, other, role="recruiter", email="otto@harbour.example")
        session.commit()
        return Scored(
            campaign.id,
            tuple(p.id for p in people),
            "rita@nordic.example",
            "adam@nordic.example",
            "otto@harbour.example",
        )
