"""Minimal rows for store-level tests: an organisation, role profile,
campaign and candidate, without going through the web app."""

from __future__ import annotations

from datetime import UTC, datetime

from assess.store.models import Campaign, Candidate, Organisation, RoleProfileVersion


def make_candidate(
    session, *, name: str = "Äijälä", deadline: datetime | None = None, retention_months: int = 24
) -> Candidate:
    org = session.query(Organisation).filter_by(slug="demo-air").one_or_none()
    if org is None:
        org = Organisation(name="Demo Air", slug="demo-air")
        session.add(org)
        session.flush()
    profile = RoleProfileVersion(
        organisation_id=org.id,
        profile_key="airport",
        version=session.query(RoleProfileVersion).count() + 1,
        title="Agent",
        definition={"id": "x"},
    )
    session.add(profile)
    session.flush()
    campaign = Campaign(
        organisation_id=org.id,
        role_profile_version_id=profile.id,
        name="Winter",
        instruments=[{"id": "service-composure", "version": "1.0"}],
        languages=["en", "fi"],
        deadline=deadline or datetime(2026, 12, 31, tzinfo=UTC),
        retention_months=retention_months,
    )
    session.add(campaign)
    session.flush()
    candidate = Candidate(
        organisation_id=org.id,
        campaign_id=campaign.id,
        name=name,
        email="candidate@example.org",
        shuffle_seed=7,
    )
    session.add(candidate)
    session.commit()
    return candidate
