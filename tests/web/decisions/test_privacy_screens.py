"""Erasure has a confirm step and is audit-logged; the candidate's data
export downloads as JSON and is audit-logged."""

from __future__ import annotations

import json

from sqlalchemy import select

from assess.store.models import AuditEvent, Candidate
from tests.web.staff.people import login


def _erase(world) -> str:
    return f"/recruiter/candidates/{world.candidate.id}/erase"


def test_erasure_needs_confirmation_and_a_reason(client, world, rows):
    login(client, world.recruiter.email)
    page = client.get(_erase(world))
    assert page.status_code == 200 and "cannot be undone" in page.text
    for data in ({"reason": "asked"}, {"confirm": "y"}, {"confirm": "y", "reason": "  "}):
        assert client.post(_erase(world), data=data).status_code == 400
    with rows() as session:
        assert session.get(Candidate, world.candidate.id).status != "erased"


def test_erasure_removes_the_personal_data_and_is_logged(client, world, rows):
    login(client, world.recruiter.email)
    response = client.post(_erase(world), data={"confirm": "y", "reason": "candidate asked"})
    assert response.status_code == 302
    with rows() as session:
        candidate = session.get(Candidate, world.candidate.id)
        assert (candidate.status, candidate.name, candidate.email) == ("erased", None, None)
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "candidate.erase"))
        assert event.user_id == world.recruiter.id
        assert event.detail == {"reason": "candidate asked"}
    assert client.get(_erase(world)).status_code == 410
    export = client.get(f"/recruiter/candidates/{world.candidate.id}/data-export.json")
    assert export.status_code == 404


def test_data_export_is_json_and_logged(client, world, rows):
    login(client, world.recruiter.email)
    response = client.get(f"/recruiter/candidates/{world.candidate.id}/data-export.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    body = json.loads(response.data)
    assert "Aino Äijälä" in json.dumps(body, ensure_ascii=False)
    with rows() as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "candidate.exported"))
        assert (event.user_id, event.object_id) == (world.recruiter.id, world.candidate.id)
