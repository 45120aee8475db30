"""A decision is made by a named person, one candidate at a time, with a
rationale, after that person has opened the candidate's results; no outcome
is pre-selected and there is no bulk or threshold rejection."""

from __future__ import annotations

import re

from sqlalchemy import select

from assess.store.models import AuditEvent, Decision
from tests.web.staff.people import login

RATIONALE = "Calm and clear in the disruption exercise; the panel agreed."


def _url(world) -> str:
    return f"/recruiter/candidates/{world.candidate.id}/decision"


def test_the_form_asks_to_open_the_results_first(client, world, rows):
    login(client, world.recruiter.email)
    page = client.get(_url(world))
    assert page.status_code == 200
    assert "results before recording a decision" in page.text
    assert f'href="/recruiter/candidates/{world.candidate.id}"' in page.text
    refused = client.post(_url(world), data={"outcome": "hire", "rationale": RATIONALE})
    assert refused.status_code == 409
    with rows() as session:
        assert session.scalar(select(Decision.id)) is None


def test_after_reading_the_results_a_named_person_decides(client, world, rows):
    login(client, world.recruiter.email)
    assert client.get(f"/recruiter/candidates/{world.candidate.id}").status_code == 200
    form = client.get(_url(world)).text
    select_html = re.search(r"<select[^>]*outcome.*?</select>", form, re.S).group(0)
    assert "selected" not in select_html, "no outcome is pre-selected"
    assert re.search(r'<option value="">', select_html), "the first choice is empty"
    assert "a person makes it" in form or "you make it" in form
    response = client.post(_url(world), data={"outcome": "advance", "rationale": RATIONALE})
    assert response.status_code == 302
    with rows() as session:
        decision = session.scalar(select(Decision))
        assert (decision.user_id, decision.outcome, decision.rationale) == (
            world.recruiter.id,
            "advance",
            RATIONALE,
        )
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "decision.recorded"))
        assert event.user_id == world.recruiter.id and event.object_id == world.candidate.id
    history = client.get(_url(world)).text
    assert world.recruiter.name in history and RATIONALE in history


def test_outcome_and_rationale_are_required(client, world, rows):
    login(client, world.recruiter.email)
    client.get(f"/recruiter/candidates/{world.candidate.id}")
    cases = [
        {"outcome": "", "rationale": RATIONALE},
        {"rationale": RATIONALE},
        {"outcome": "hire", "rationale": ""},
        {"outcome": "hire", "rationale": "   ok   "},
        {"outcome": "auto-reject", "rationale": RATIONALE},
    ]
    for data in cases:
        assert client.post(_url(world), data=data).status_code == 400, data
    with rows() as session:
        assert session.scalar(select(Decision.id)) is None


def test_another_persons_reading_does_not_count(app, world, rows):
    first = app.test_client()
    login(first, world.recruiter.email)
    first.get(f"/recruiter/candidates/{world.candidate.id}")
    second = app.test_client()
    login(second, world.admin.email)
    response = second.post(_url(world), data={"outcome": "hire", "rationale": RATIONALE})
    assert response.status_code == 409


def test_an_erased_candidate_has_no_decision_page(client, world, rows):
    login(client, world.recruiter.email)
    client.post(
        f"/recruiter/candidates/{world.candidate.id}/erase",
        data={"confirm": "y", "reason": "candidate asked"},
    )
    assert client.get(_url(world)).status_code == 404


def test_no_route_decides_for_many_candidates(app):
    """No bulk reject: every decision route names exactly one candidate."""
    rules = [r.rule for r in app.url_map.iter_rules() if "decision" in r.rule]
    assert rules and all("<int:candidate_id>" in rule for rule in rules)
