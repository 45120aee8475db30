"""Rows for admin tests: completed candidates with answers or scores."""

from __future__ import annotations

import numpy as np

import questionnaires
from assess.results.store import store_result
from assess.store import utcnow
from assess.store.models import Answer, Candidate
from tests.records import fit_entry, record, scale_entry
from tests.web.staff.people import make_user


def make_admin(session, organisation, email: str):
    return make_user(session, organisation, role="admin", email=email)


def completed_candidate(session, world, number: int) -> Candidate:
    candidate = Candidate(
        organisation_id=world.org.id,
        campaign_id=world.campaign.id,
        name=f"Candidate {number}",
        email=f"c{number}@example.org",
        status="completed",
        shuffle_seed=number,
        completed_at=utcnow(),
    )
    session.add(candidate)
    session.flush()
    return candidate


def add_likert_answers(session, candidate_ids, seed: int = 7) -> dict[str, np.ndarray]:
    """Random 1-5 answers to every scored item of service-composure; returns
    them as the engine's responses mapping (item id -> answers)."""
    instrument = questionnaires.load("service-composure")
    rng = np.random.default_rng(seed)
    responses = {}
    for item in instrument.items:
        values = rng.integers(1, 6, size=len(candidate_ids))
        responses[item.id] = values.astype(float)
        for candidate_id, value in zip(candidate_ids, values, strict=True):
            session.add(
                Answer(
                    candidate_id=candidate_id,
                    instrument_id=instrument.id,
                    item_id=item.id,
                    value=int(value),
                    page=1,
                )
            )
    session.flush()
    return responses


def add_score(session, candidate_id: int, *, raw: float, fit: float | None = None) -> None:
    """A score record with the same raw score on every service-composure scale."""
    result = record(
        {"service_orientation": scale_entry(raw), "composure": scale_entry(raw)},
        fit=None if fit is None else fit_entry(fit),
    )
    store_result(session, candidate_id, result, role_profile_version_id=None)
