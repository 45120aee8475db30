"""Signing in and out, the session cookie, and server-side invalidation."""

from __future__ import annotations

import pytest

from assess.cli import cli
from assess.store import db
from assess.store.models import User
from assess.web import create_app
from tests.web.staff.people import PASSWORD, login

DASHBOARD = "/recruiter/"


def test_login_page_renders(client):
    response = client.get("/staff/login")
    assert response.status_code == 200
    assert b'name="password"' in response.data


def test_recruiter_signs_in_and_reaches_dashboard(client, world):
    response = login(client, world.recruiter.email)
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 200


def test_email_is_case_insensitive(client, world):
    assert login(client, world.recruiter.email.upper()).status_code == 302


def test_wrong_password_is_refused(client, world):
    response = login(client, world.recruiter.email, "not the password")
    assert response.status_code == 200
    assert b"not right" in response.data
    assert client.get(DASHBOARD).status_code == 302


def _normalised(response, email: str) -> bytes:
    return response.data.replace(email.encode(), b"EMAIL")


def test_unknown_user_and_wrong_password_get_the_same_answer(client, world):
    wrong = login(client, world.recruiter.email, "not the password")
    unknown = login(client, "nobody@nordic.example", "not the password")
    assert wrong.status_code == unknown.status_code == 200
    assert _normalised(wrong, world.recruiter.email) == _normalised(
        unknown, "nobody@nordic.example"
    )


def test_unknown_user_costs_one_argon2_verification_like_a_real_one(client, world, monkeypatch):
    """Timing: both paths run exactly one argon2 verification (the unknown
    address against a dummy hash), so neither is measurably faster."""
    import argon2

    calls = []
    original = argon2.PasswordHasher.verify

    def counting(self, hash, password):
        calls.append(hash)
        return original(self, hash, password)

    monkeypatch.setattr(argon2.PasswordHasher, "verify", counting)
    login(client, world.recruiter.email, "not the password")
    login(client, "nobody@nordic.example", "not the password")
    assert len(calls) == 2
    assert calls[0] != calls[1]


def test_disabled_account_gets_the_same_answer_as_a_wrong_password(client, world, rows):
    wrong = login(client, world.recruiter.email, "not the password")
    with rows() as session:
        session.get(User, world.recruiter.id).active = False
    disabled = login(client, world.recruiter.email)
    assert disabled.status_code == 200
    assert disabled.data == wrong.data


def test_login_is_rate_limited_alike_for_known_and_unknown_addresses(app, client, world):
    app.config["LOGIN_RATE_LIMIT"] = (3, 300)
    answers = {}
    for email in (world.recruiter.email, "nobody@nordic.example"):
        for _attempt in range(3):
            assert login(client, email, "not the password").status_code == 200
        answers[email] = login(client, email, "not the password")
    known, unknown = answers.values()
    assert known.status_code == unknown.status_code == 429
    assert _normalised(known, world.recruiter.email) == _normalised(
        unknown, "nobody@nordic.example"
    )
    # Even the right password waits for the window to pass.
    assert login(client, world.recruiter.email).status_code == 429


def _login_from(client, address: str, email: str, password: str = "not the password"):  # noqa: S107
    return client.post(
        "/staff/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_an_attackers_failures_do_not_lock_the_owner_out_on_another_client(app, world):
    app.config["LOGIN_RATE_LIMIT"] = (3, 300)
    attacker, owner = app.test_client(), app.test_client()
    for _attempt in range(3):
        assert _login_from(attacker, "203.0.113.9", world.recruiter.email).status_code == 200
    assert _login_from(attacker, "203.0.113.9", world.recruiter.email).status_code == 429
    answer = _login_from(owner, "198.51.100.20", world.recruiter.email, PASSWORD)
    assert answer.status_code == 302


def test_one_client_trying_many_accounts_is_limited(app, world):
    """Per client: five times the per-account limit, over all addresses."""
    app.config["LOGIN_RATE_LIMIT"] = (2, 300)
    client = app.test_client()
    answers = [
        _login_from(client, "203.0.113.9", f"guess{n}@nordic.example").status_code
        for n in range(11)
    ]
    assert answers == [200] * 10 + [429]
    # The same client is refused even for an account it never tried.
    assert _login_from(client, "203.0.113.9", world.recruiter.email, PASSWORD).status_code == 429


def test_session_is_cleared_at_login(client, world):
    with client.session_transaction() as planted:
        planted["planted_by_attacker"] = "x"
    login(client, world.recruiter.email)
    with client.session_transaction() as after:
        assert "planted_by_attacker" not in after


def test_cookie_is_httponly_and_samesite_lax(client, world):
    response = login(client, world.recruiter.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_cookie_is_secure_when_served_over_https(database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "BASE_URL": "https://assess.example",
        }
    )
    # The login form's CSRF token goes into the session, so a cookie is set.
    response = app.test_client().get("/staff/login")
    with app.app_context():
        db.engine().dispose()
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie


def _copy_of(app, client):
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_copied_cookie_works_until_logout_then_stops(app, client, world):
    login(client, world.recruiter.email)
    thief = _copy_of(app, client)
    assert thief.get(DASHBOARD).status_code == 200
    assert client.post("/staff/logout").status_code == 302
    assert client.get(DASHBOARD).status_code == 302
    assert thief.get(DASHBOARD).status_code == 302


def test_copied_cookie_stops_when_the_account_is_disabled(app, client, world, rows):
    login(client, world.recruiter.email)
    thief = _copy_of(app, client)
    with rows() as session:
        session.get(User, world.recruiter.id).active = False
    assert thief.get(DASHBOARD).status_code == 302
    assert client.get(DASHBOARD).status_code == 302


def test_copied_cookie_stops_after_password_reset(app, client, world, runner):
    login(client, world.recruiter.email)
    thief = _copy_of(app, client)
    with app.app_context():
        result = runner.invoke(
            cli,
            ["users", "reset-password", "--email", world.recruiter.email],
            input="a brand new passphrase\n",
        )
    assert result.exit_code == 0, result.output
    assert thief.get(DASHBOARD).status_code == 302
    assert login(client, world.recruiter.email, "a brand new passphrase").status_code == 302


def test_logout_takes_a_post(client, world):
    login(client, world.recruiter.email)
    assert client.get("/staff/logout").status_code == 200
    assert client.get(DASHBOARD).status_code == 200


def test_logout_needs_a_csrf_token(app, client, world):
    login(client, world.recruiter.email)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/staff/logout").status_code == 400
    app.config["WTF_CSRF_ENABLED"] = False
    assert client.get(DASHBOARD).status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
    ],
)
def test_next_to_another_site_is_refused(client, world, target):
    response = login(client, world.recruiter.email, next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/"


def test_next_on_the_login_page_is_dropped_when_foreign(client):
    response = client.get("/staff/login", query_string={"next": "//evil.example"})
    assert b"evil.example" not in response.data


def test_next_to_a_path_of_this_site_is_followed(client, world):
    response = login(client, world.recruiter.email, next="/recruiter/roles")
    assert response.headers["Location"] == "/recruiter/roles"


def test_login_redirect_carries_next(client):
    response = client.get("/recruiter/roles")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=")


def test_staff_home_sends_each_role_to_its_page(client, world):
    login(client, world.recruiter.email)
    assert client.get("/staff/").headers["Location"] == DASHBOARD


def test_session_holds_the_user_and_session_version(client, world):
    login(client, world.recruiter.email)
    with client.session_transaction() as s:
        assert s["_user_id"] == f"{world.recruiter.id}:1"
