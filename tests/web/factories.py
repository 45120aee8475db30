"""Rows for web tests: an organisation, a role profile version from a
shipped role, a campaign and invited candidates. Call inside an app context
(the ``session`` fixture gives one)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import questionnaires
from assess.store import utcnow
from assess.store.models import Campaign, Candidate, Organisation, RoleProfileVersion
from assess.web.invitations import invite_candidate

ROLE_ID = "airport-agent-night"
INSTRUMENT_IDS = ("service-composure", "service-judgement")


def make_organisation(session, *, name: str = "Nordic Air Services", slug: str | None = None):
    organisation = Organisation(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        privacy_contact="privacy@example.org",
    )
    session.add(organisation)
    session.flush()
    return organisation


def make_role_version(session, organisation, *, role_id: str = ROLE_ID, version: int = 1):
    role = questionnaires.load_role(role_id)
    profile = RoleProfileVersion(
        organisation_id=organisation.id,
        profile_key=role.id,
        version=version,
        title=role.title["en"],
        definition=questionnaires.role_to_mapping(role),
    )
    session.add(profile)
    session.flush()
    return profile


def make_campaign(
    session,
    *,
    organisation=None,
    instruments: Sequence[str] = INSTRUMENT_IDS,
    languages: Sequence[str] = ("en", "fi"),
    feedback: bool = True,
    days_open: int = 30,
    name: str = "Night shift, winter",
) -> Campaign:
    """A campaign pinning the installed versions of ``instruments``."""
    organisation = organisation or make_organisation(session)
    profile = make_role_version(session, organisation)
    campaign = Campaign(
        organisation_id=organisation.id,
        role_profile_version_id=profile.id,
        name=name,
        instruments=[
            {"id": instrument_id, "version": questionnaires.load(instrument_id).version}
            for instrument_id in instruments
        ],
        languages=list(languages),
        deadline=utcnow() + timedelta(days=days_open),
        feedback_enabled=feedback,
    )
    session.add(campaign)
    session.flush()
    return campaign


def invite(
    session,
    campaign=None,
    *,
    name: str = "Aino Äijälä",
    email: str = "aino@example.org",
    locale: str = "en",
    **campaign_options,
) -> tuple[Candidate, str]:
    """An invited candidate (in a new campaign unless one is given) and the
    plain token of their link; committed."""
    campaign = campaign or make_campaign(session, **campaign_options)
    candidate, token = invite_candidate(session, campaign, name=name, email=email, locale=locale)
    session.commit()
    return candidate, token
