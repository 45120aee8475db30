"""Staff accounts for tests and a signed-in test client.

``make_world`` gives organisation A (a recruiter, an admin and a panel
member, a campaign with a role profile version and an invited candidate)
and organisation B with its own recruiter, so access tests can try every
route as someone who must not get in.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.store.models import Campaign, Candidate, Organisation, User
from assess.web.auth.passwords import hash_password
from tests.web.factories import invite, make_campaign, make_organisation

PASSWORD = "correct horse battery"


def make_user(session, organisation, *, role: str, email: str, name: str | None = None) -> User:
    user = User(
        organisation_id=organisation.id,
        email=email,
        name=name or email.split("@")[0].title(),
        role=role,
        password_hash=hash_password(PASSWORD),
    )
    session.add(user)
    session.flush()
    return user


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    recruiter: User
    admin: User
    panel: User
    other_recruiter: User
    campaign: Campaign
    candidate: Candidate

    @property
    def ids(self) -> dict[str, int]:
        """Values for the placeholders of route paths."""
        return {
            "campaign": self.campaign.id,
            "candidate": self.candidate.id,
            "role_version": self.campaign.role_profile_version_id,
            "user": self.panel.id,
        }


def make_world(session) -> World:
    org = make_organisation(session, name="Nordic Air Services")
    other = make_organisation(session, name="Harbour Clinic")
    campaign = make_campaign(session, organisation=org)
    candidate, _token = invite(session, campaign, name="Aino Äijälä", email="aino@example.org")
    world = World(
        org=org,
        other_org=other,
        recruiter=make_user(session, org, role="recruiter", email="rita@nordic.example"),
        admin=make_user(session, org, role="admin", email="adam@nordic.example"),
        panel=make_user(session, org, role="panel", email="paula@nordic.example"),
        other_recruiter=make_user(session, other, role="recruiter", email="otto@harbour.example"),
        campaign=campaign,
        candidate=candidate,
    )
    session.commit()
    return world


def login(client, email: str, password: str = PASSWORD, next: str | None = None):
    data = {"email": email, "password": password}
    if next is not None:
        data["next"] = next
    return client.post("/staff/login", data=data)
