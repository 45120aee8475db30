"""Every panel, decision, data-protection and admin screen says that the
tool supports the decision and a person makes it."""

from __future__ import annotations

import pytest

from assess.store.models import Candidate
from tests.web.panel.helpers import assign
from tests.web.staff.people import login
from tests.web.staff.routes import STAFF_ROUTES

MINE = ("/panel/", "/admin/", "/decision", "/erase")
PAGES = [r for r in STAFF_ROUTES if r.method == "GET" and any(m in r.path for m in MINE)]


@pytest.mark.parametrize("route", PAGES, ids=str)
def test_the_screen_says_a_person_decides(app, world, rows, route):
    with rows() as session:
        assign(session, world.candidate.id, world.panel.id)
    role = route.allowed[0]
    user = {"panel": world.panel, "admin": world.admin, "recruiter": world.recruiter}[role]
    client = app.test_client()
    login(client, user.email)
    response = client.get(route.url(world.ids))
    assert response.status_code == 200
    assert "This tool supports a hiring decision; a person makes it." in response.text


def test_an_erased_candidate_disappears_from_the_panel(app, world, rows):
    with rows() as session:
        assign(session, world.candidate.id, world.panel.id)
        session.get(Candidate, world.candidate.id).status = "erased"
    client = app.test_client()
    login(client, world.panel.email)
    assert world.candidate.name not in client.get("/panel/").text
    assert client.get(f"/panel/candidates/{world.candidate.id}").status_code == 404
