"""The staff screens link to each other: the navigation lists what the
signed-in role may open and nothing else, the candidate page links to the
report, decision, data export, erasure and panel assignment, the campaign
page to the panel pack, the panel and the invitation forms (the item
analysis only for admins). Every link shown is followed and must open."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from assess.store.models import PanelAssignment, User
from tests.web.panel.helpers import assign
from tests.web.staff.people import login
from tests.web.staff.scores import give_scores

NAV = re.compile(r'<nav class="staff-nav".*?</nav>', re.S)
HREF = re.compile(r'href="([^"#]+)"')

# Role -> (navigation paths it must see, paths it must not see).
NAVIGATION = {
    "recruiter": (
        ["/recruiter/", "/recruiter/campaigns/new", "/recruiter/roles"],
        ["/panel/", "/admin/", "/admin/users", "/admin/audit"],
    ),
    "admin": (
        ["/recruiter/", "/recruiter/campaigns/new", "/recruiter/roles", "/admin/", "/admin/users"]
        + ["/admin/audit"],
        ["/panel/"],
    ),
    "panel": (
        ["/panel/"],
        ["/recruiter/", "/recruiter/roles", "/admin/", "/admin/audit"],
    ),
}


def _user(world, role: str) -> User:
    return {"recruiter": world.recruiter, "admin": world.admin, "panel": world.panel}[role]


def _nav_links(html: str) -> list[str]:
    match = NAV.search(html)
    assert match, "no staff navigation on the page"
    return HREF.findall(match.group(0))


@pytest.mark.parametrize("role", sorted(NAVIGATION))
def test_navigation_shows_what_the_role_may_open_and_each_link_opens(client, world, role):
    shown, hidden = NAVIGATION[role]
    login(client, _user(world, role).email)
    response = client.get("/staff/", follow_redirects=True)
    links = _nav_links(response.get_data(as_text=True))
    for path in shown:
        assert path in links, (role, path)
    for path in hidden:
        assert path not in links, (role, path)
    for path in links:
        assert client.get(path).status_code == 200, (role, path)


def test_navigation_marks_the_current_page(client, world):
    login(client, world.recruiter.email)
    html = client.get("/recruiter/roles").get_data(as_text=True)
    assert '<a href="/recruiter/roles" aria-current="page">' in html
    assert '<a href="/recruiter/" aria-current="page">' not in html


def _candidate_links(world) -> dict[str, str]:
    cid = world.candidate.id
    return {
        "report": f"/recruiter/candidates/{cid}/report.pdf",
        "decision": f"/recruiter/candidates/{cid}/decision",
        "export": f"/recruiter/candidates/{cid}/data-export.json",
        "erase": f"/recruiter/candidates/{cid}/erase",
        "panel": f"/panel/campaigns/{world.campaign.id}",
        "assign": f'action="/panel/campaigns/{world.campaign.id}/assign"',
    }


@pytest.mark.parametrize("role", ["recruiter", "admin"])
def test_candidate_page_links_every_action_for_recruiters_and_admins(client, world, rows, role):
    with rows() as session:
        give_scores(session, world.candidate.id, composure=4.0)
    login(client, _user(world, role).email)
    html = client.get(f"/recruiter/candidates/{world.candidate.id}").get_data(as_text=True)
    for name, link in _candidate_links(world).items():
        assert link in html, name
    assert 'name="user_id"' in html and f'<option value="{world.panel.id}">' in html
    # The links are downloads and pages, each opens for this role.
    links = _candidate_links(world)
    for name in ("decision", "export", "erase", "panel"):
        assert client.get(links[name]).status_code == 200, name


def test_candidate_page_hides_the_report_link_before_there_are_scores(client, world):
    login(client, world.recruiter.email)
    html = client.get(f"/recruiter/candidates/{world.candidate.id}").get_data(as_text=True)
    assert "report.pdf" not in html
    assert f"/recruiter/candidates/{world.candidate.id}/decision" in html


def test_panel_member_sees_none_of_the_recruiter_actions(client, world, rows):
    with rows() as session:
        give_scores(session, world.candidate.id, composure=4.0)
        assign(session, world.candidate.id, world.panel.id)
    login(client, world.panel.email)
    assert client.get(f"/recruiter/candidates/{world.candidate.id}").status_code == 403
    assert f"/panel/candidates/{world.candidate.id}" in client.get("/panel/").get_data(as_text=True)
    for path in ("/panel/", f"/panel/candidates/{world.candidate.id}"):
        html = client.get(path).get_data(as_text=True)
        for name, link in _candidate_links(world).items():
            assert link not in html, (path, name)
        assert "/admin/" not in html and "/recruiter/" not in html, path


def test_assigning_from_the_candidate_page_posts_with_its_csrf_token(app, client, world, rows):
    login(client, world.recruiter.email)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        html = client.get(f"/recruiter/candidates/{world.candidate.id}").get_data(as_text=True)
        form = re.search(r'<form method="post" action="([^"]+/assign)">(.*?)</form>', html, re.S)
        assert form, "no assignment form"
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.group(2)).group(1)
        data = {"candidate_id": str(world.candidate.id), "user_id": str(world.panel.id)}
        assert client.post(form.group(1), data=data).status_code == 400  # no token
        response = client.post(form.group(1), data={**data, "csrf_token": token})
        assert response.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    with rows() as session:
        assert session.scalar(
            select(PanelAssignment).where(PanelAssignment.candidate_id == world.candidate.id)
        )
    html = client.get(f"/recruiter/candidates/{world.candidate.id}").get_data(as_text=True)
    assert "Rating this candidate: Paula." in html
    assert f'<option value="{world.panel.id}">' not in html


@pytest.mark.parametrize(("role", "item_analysis_shown"), [("recruiter", False), ("admin", True)])
def test_campaign_page_links_panel_pack_panel_and_invitations(
    client, world, role, item_analysis_shown
):
    cid = world.campaign.id
    login(client, _user(world, role).email)
    html = client.get(f"/recruiter/campaigns/{cid}").get_data(as_text=True)
    assert f"/recruiter/campaigns/{cid}/panel-pack.pdf" in html
    assert f'href="/panel/campaigns/{cid}"' in html
    assert 'href="#invite-h"' in html and 'id="invite-h"' in html
    assert f'action="/recruiter/campaigns/{cid}/invite"' in html
    assert (f"/recruiter/campaigns/{cid}/item-analysis.pdf" in html) is item_analysis_shown
    assert (f"/admin/campaigns/{cid}/items" in html) is item_analysis_shown
    assert client.get(f"/panel/campaigns/{cid}").status_code == 200


def test_recruiter_cannot_open_the_item_analysis_the_page_hides(client, world):
    login(client, world.recruiter.email)
    response = client.get(f"/recruiter/campaigns/{world.campaign.id}/item-analysis.pdf")
    assert response.status_code == 403


def test_results_page_links_back_to_the_campaign_and_the_panel_pack(client, world):
    cid = world.campaign.id
    login(client, world.recruiter.email)
    html = client.get(f"/recruiter/campaigns/{cid}/results").get_data(as_text=True)
    assert f'href="/recruiter/campaigns/{cid}"' in html
    assert f"/recruiter/campaigns/{cid}/panel-pack.pdf" in html


def test_panel_summary_links_back_to_the_campaign_and_each_candidates_results(client, world, rows):
    cid = world.campaign.id
    with rows() as session:
        assign(session, world.candidate.id, world.panel.id)
    login(client, world.recruiter.email)
    html = client.get(f"/panel/campaigns/{cid}").get_data(as_text=True)
    assert f'href="/recruiter/campaigns/{cid}"' in html
    assert f'href="/recruiter/campaigns/{cid}/results"' in html
    assert f'href="/recruiter/candidates/{world.candidate.id}"' in html
