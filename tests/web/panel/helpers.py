"""Panel members, assignments and ratings for the panel tests."""

from __future__ import annotations

from assess.results import panel
from assess.store import utcnow
from assess.store.models import Campaign, Candidate, User
from tests.web.factories import invite
from tests.web.staff.people import make_user

COMPETENCIES = (
    "calming_upset_passengers",
    "informing_during_disruption",
    "night_shift_resilience",
    "owning_the_passengers_problem",
    "taking_worries_seriously",
)
"""The shipped airport-agent-night role's competencies, in role order."""


def add_member(session, world, email: str, *, organisation=None, locale: str = "en") -> int:
    user = make_user(session, organisation or world.org, role="panel", email=email)
    user.locale = locale
    session.flush()
    return user.id


def add_candidate(session, world, name: str, email: str) -> int:
    campaign = session.get(Campaign, world.campaign.id)
    candidate, _token = invite(session, campaign, name=name, email=email)
    return candidate.id


def assign(session, candidate_id: int, user_id: int) -> None:
    panel.assign(session, session.get(Candidate, candidate_id), session.get(User, user_id))


def rate_and_submit(session, candidate_id: int, user_id: int, values) -> None:
    """Submitted ratings straight into the store (``values``: one per competency
    or a single value for all)."""
    if isinstance(values, int):
        values = [values] * len(COMPETENCIES)
    row = panel.assignment(session, candidate_id, user_id)
    if row is None:
        assign(session, candidate_id, user_id)
        row = panel.assignment(session, candidate_id, user_id)
    panel.save_ratings(
        session, row, dict(zip(COMPETENCIES, values, strict=True)), allowed=COMPETENCIES
    )
    row.submitted_at = utcnow()
    session.flush()


def form_data(values, action: str = "save") -> dict[str, str]:
    if isinstance(values, int):
        values = [values] * len(COMPETENCIES)
    data = {"action": action}
    for competency, value in zip(COMPETENCIES, values, strict=True):
        if value is not None:
            data[f"c_{competency}-rating"] = str(value)
        data[f"c_{competency}-note"] = f"observed {competency}"
    return data
