"""Admins create, disable and re-enable accounts, reset passwords and edit
their organisation; disabling or a reset ends the user's sessions at once;
another organisation's account is a 404."""

from __future__ import annotations

from sqlalchemy import select

from assess.store.models import AuditEvent, Organisation, User
from tests.web.admin.helpers import make_admin
from tests.web.staff.people import PASSWORD, login

NEW_PASSWORD = "a brand new passphrase"


def _admin(app, world):
    client = app.test_client()
    login(client, world.admin.email)
    return client


def test_admin_creates_an_account_that_can_sign_in(app, world, rows):
    client = _admin(app, world)
    data = {
        "name": "Nina New",
        "email": "Nina@Nordic.example",
        "role": "panel",
        "locale": "fi",
        "password": NEW_PASSWORD,
    }
    assert client.post("/admin/users", data=data).status_code == 302
    with rows() as session:
        user = session.scalar(select(User).where(User.email == "nina@nordic.example"))
        assert (user.role, user.locale, user.organisation_id) == ("panel", "fi", world.org.id)
        assert user.password_hash != NEW_PASSWORD
    fresh = app.test_client()
    assert login(fresh, "nina@nordic.example", NEW_PASSWORD).status_code == 302
    assert fresh.get("/panel/").status_code == 200
    duplicate = client.post("/admin/users", data=data)
    assert duplicate.status_code == 400 and "exists" in duplicate.text


def test_account_form_errors(app, world):
    client = _admin(app, world)
    good = {
        "name": "N",
        "email": "n@nordic.example",
        "role": "panel",
        "locale": "en",
        "password": NEW_PASSWORD,
    }
    for change in ({"role": ""}, {"role": "owner"}, {"email": "nope"}, {"password": "short"}):
        assert client.post("/admin/users", data={**good, **change}).status_code == 400, change


def test_disabling_ends_the_users_sessions(app, world, rows):
    victim = app.test_client()
    login(victim, world.panel.email)
    assert victim.get("/panel/").status_code == 200
    client = _admin(app, world)
    assert client.post(f"/admin/users/{world.panel.id}/disable").status_code == 302
    assert victim.get("/panel/").status_code == 302, "the copied session stops working"
    assert login(app.test_client(), world.panel.email).status_code != 302
    with rows() as session:
        user = session.get(User, world.panel.id)
        assert user.active is False and user.session_version > 1
        assert session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "user"))
    assert client.post(f"/admin/users/{world.panel.id}/enable").status_code == 302
    assert login(app.test_client(), world.panel.email).status_code == 302


def test_password_reset_ends_sessions_and_sets_the_new_password(app, world):
    victim = app.test_client()
    login(victim, world.panel.email)
    client = _admin(app, world)
    url = f"/admin/users/{world.panel.id}/password"
    assert client.post(url, data={"password": "short"}).status_code == 302
    assert victim.get("/panel/").status_code == 200, "a refused reset changes nothing"
    assert client.post(url, data={"password": NEW_PASSWORD}).status_code == 302
    assert victim.get("/panel/").status_code == 302
    assert login(app.test_client(), world.panel.email, PASSWORD).status_code != 302
    assert login(app.test_client(), world.panel.email, NEW_PASSWORD).status_code == 302


def test_an_admin_cannot_disable_themselves(app, world):
    assert _admin(app, world).post(f"/admin/users/{world.admin.id}/disable").status_code == 409


def test_another_organisations_admin_gets_404(app, world, rows):
    with rows() as session:
        make_admin(session, session.get(Organisation, world.other_org.id), "alma@harbour.example")
    client = app.test_client()
    login(client, "alma@harbour.example")
    for path in ("disable", "enable", "password"):
        url = f"/admin/users/{world.panel.id}/{path}"
        assert client.post(url, data={"password": NEW_PASSWORD}).status_code == 404
    for path in ("items", "fairness", "norms", "demographics"):
        assert client.get(f"/admin/campaigns/{world.campaign.id}/{path}").status_code == 404
    assert world.panel.name not in client.get("/admin/users").text
    with rows() as session:
        assert session.get(User, world.panel.id).active is True


def test_admin_edits_their_organisation(app, world, rows):
    client = _admin(app, world)
    assert client.get("/admin/organisation").status_code == 200
    response = client.post(
        "/admin/organisation", data={"name": "Nordic Air", "privacy_contact": "dpo@nordic.example"}
    )
    assert response.status_code == 302
    assert client.post("/admin/organisation", data={"name": ""}).status_code == 400
    with rows() as session:
        org = session.get(Organisation, world.org.id)
        assert (org.name, org.privacy_contact) == ("Nordic Air", "dpo@nordic.example")
        assert session.get(Organisation, world.other_org.id).name == "Harbour Clinic"
