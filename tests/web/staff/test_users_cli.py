"""``assess users`` and ``assess org``: passwords from a prompt or stdin only."""

from __future__ import annotations

from sqlalchemy import select

from assess.cli import cli
from assess.store import db
from assess.store.models import Organisation, User
from assess.web.auth.passwords import verify_password
from tests.web.staff.people import login


def _run(app, runner, args, stdin=None):
    with app.app_context():
        return runner.invoke(cli, args, input=stdin)


def test_org_and_user_created_from_stdin_can_sign_in(app, runner, client):
    result = _run(app, runner, ["org", "create", "--name", "Harbour Clinic", "--slug", "harbour"])
    assert result.exit_code == 0, result.output
    result = _run(
        app,
        runner,
        [
            "users",
            "create",
            "--email",
            "Rita@Harbour.example",
            "--name",
            "Rita",
            "--role",
            "recruiter",
            "--organisation",
            "harbour",
        ],
        "a long enough passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "passphrase" not in result.output
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        assert user.email == "rita@harbour.example"
        assert user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, "a long enough passphrase")
        assert db.session.get(Organisation, user.organisation_id).slug == "harbour"
    assert login(client, "rita@harbour.example", "a long enough passphrase").status_code == 302


def test_password_is_never_an_argument(app, runner):
    _run(app, runner, ["org", "create", "--name", "H", "--slug", "h"])
    result = _run(
        app,
        runner,
        [
            "users",
            "create",
            "--email",
            "a@h.example",
            "--name",
            "A",
            "--role",
            "admin",
            "--organisation",
            "h",
            "--password",
            "a long enough passphrase",
        ],
    )
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_short_password_unknown_org_and_duplicate_are_refused(app, runner):
    _run(app, runner, ["org", "create", "--name", "H", "--slug", "h"])
    base = ["users", "create", "--email", "a@h.example", "--name", "A", "--role", "panel"]
    short = _run(app, runner, [*base, "--organisation", "h"], "short\n")
    assert short.exit_code == 1 and "at least 12" in short.output
    unknown = _run(app, runner, [*base, "--organisation", "nowhere"], "a long enough passphrase\n")
    assert unknown.exit_code == 1 and "no organisation" in unknown.output
    assert (
        _run(app, runner, [*base, "--organisation", "h"], "a long enough passphrase\n").exit_code
        == 0
    )
    again = _run(app, runner, [*base, "--organisation", "h"], "a long enough passphrase\n")
    assert again.exit_code == 1 and "exists already" in again.output


def test_disable_ends_sessions(app, runner, client, world):
    login(client, world.recruiter.email)
    assert _run(app, runner, ["users", "disable", "--email", world.recruiter.email]).exit_code == 0
    assert client.get("/recruiter/").status_code == 302
