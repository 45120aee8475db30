"""Access control, table-driven over every staff route (tests/web/staff/routes.py):
anonymous visitors are sent to sign in, a role without the right gets 403,
and a user of another organisation gets 404 for an object that is not
theirs, never 403 (which would confirm that the id exists)."""

from __future__ import annotations

import pytest

from assess.store.audit import record
from tests.web.staff.people import login
from tests.web.staff.routes import PUBLIC_PREFIXES, STAFF_ROUTES, URL_PLACEHOLDERS

SCOPED = [r for r in STAFF_ROUTES if r.scoped]


def _send(client, route, ids):
    return client.open(route.url(ids), method=route.method, data=route.data)


@pytest.mark.parametrize("route", STAFF_ROUTES, ids=str)
def test_anonymous_is_sent_to_sign_in(client, world, route):
    response = _send(client, route, world.ids)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=")


@pytest.mark.parametrize("route", [r for r in STAFF_ROUTES if "panel" not in r.allowed], ids=str)
def test_panel_member_gets_403(client, world, route):
    login(client, world.panel.email)
    assert _send(client, route, world.ids).status_code == 403


@pytest.mark.parametrize("route", SCOPED, ids=str)
def test_another_organisations_recruiter_gets_404(client, world, route):
    login(client, world.other_recruiter.email)
    assert _send(client, route, world.ids).status_code == 404


@pytest.mark.parametrize("route", SCOPED, ids=str)
def test_an_id_that_does_not_exist_gets_the_same_404(client, world, route):
    login(client, world.recruiter.email)
    missing = {name: 999_999 for name in world.ids}
    assert _send(client, route, missing).status_code == 404


@pytest.mark.parametrize("route", [r for r in STAFF_ROUTES if r.method == "GET"], ids=str)
def test_allowed_roles_get_the_page(app, world, route):
    for user in (world.recruiter, world.admin):
        if user.role in route.allowed:
            client = app.test_client()
            login(client, user.email)
            assert _send(client, route, world.ids).status_code == 200, user.role


def test_every_staff_route_is_in_the_table(app):
    """A new staff route without an access row fails here."""
    listed = {(r.method, r.path.split("?")[0]) for r in STAFF_ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PUBLIC_PREFIXES) or rule.endpoint.startswith("candidate."):
            continue
        path = rule.rule
        for variable, placeholder in URL_PLACEHOLDERS.items():
            path = path.replace(variable, placeholder)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            variants = [path]
            if "<any(csv, json):fmt>" in path:
                variants = [path.replace(".<any(csv, json):fmt>", f".{f}") for f in ("csv", "json")]
            missing += [(method, v) for v in variants if (method, v) not in listed]
    assert not missing, f"add these routes to tests/web/staff/routes.py: {sorted(missing)}"


def test_audit_record_outside_a_request_has_no_user(app):
    with app.app_context():
        event = record("retention.ran", "campaign", None, erased=0)
        assert event.user_id is None and event.organisation_id is None


def test_recruiter_posts_need_a_csrf_token(app, client, world):
    login(client, world.recruiter.email)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(
        f"/recruiter/campaigns/{world.campaign.id}/invite",
        data={"name": "Eero", "email": "eero@example.org", "locale": "fi"},
    )
    assert response.status_code == 400
    assert "eero@example.org" not in client.get(
        f"/recruiter/campaigns/{world.campaign.id}"
    ).get_data(as_text=True)
