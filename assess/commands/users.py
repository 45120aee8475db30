"""``assess users`` and ``assess org``: staff accounts and organisations.

Passwords are never command-line arguments (they would land in shell
history and in ``ps`` output): they are read from a hidden prompt with
confirmation, or from standard input when it is not a terminal, e.g.
``printf '%s\\n' "$PASSWORD" | assess users create ...``.
"""

from __future__ import annotations

import re
import sys

import click
from sqlalchemy import func, select

from assess.commands import SINGLE_LINE, web_app
from assess.store import db
from assess.store.models import USER_ROLES, Organisation, User

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def _read_password() -> str:
    from assess.web.auth.passwords import password_problem

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password)
    if problem:
        raise click.ClickException(f"password not accepted: {problem}")
    return password


def _organisation(reference: str) -> Organisation:
    if reference.isdigit():
        organisation = db.session.get(Organisation, int(reference))
    else:
        query = select(Organisation).where(Organisation.slug == reference)
        organisation = db.session.scalars(query).first()
    if organisation is None:
        raise click.ClickException(f"no organisation {reference!r} (see `assess org create`)")
    return organisation


@click.group()
def users() -> None:
    """Create staff accounts and reset their passwords."""


@users.command("create")
@click.option("--email", required=True, type=SINGLE_LINE)
@click.option("--name", required=True, type=SINGLE_LINE)
@click.option("--role", required=True, type=click.Choice(USER_ROLES))
@click.option("--organisation", required=True, help="Organisation slug or id.")
@click.option("--locale", default="en", type=click.Choice(("en", "fi")))
def create_user(email: str, name: str, role: str, organisation: str, locale: str) -> None:
    """Create a staff account; the password is read from a prompt or stdin."""
    from assess.web.auth.passwords import hash_password

    with web_app().app_context():
        email = email.strip().lower()
        if "@" not in email:
            raise click.ClickException(f"not an e-mail address: {email!r}")
        if db.session.scalars(select(User).where(func.lower(User.email) == email)).first():
            raise click.ClickException(f"an account for {email} exists already")
        org = _organisation(organisation)
        password = _read_password()
        user = User(
            organisation_id=org.id,
            email=email,
            name=name.strip(),
            role=role,
            locale=locale,
            password_hash=hash_password(password),
        )
        db.session.add(user)
        db.session.commit()
        click.echo(f"created {role} {email} in {org.slug} (user {user.id})")


@users.command("reset-password")
@click.option("--email", required=True, type=SINGLE_LINE)
def reset_password(email: str) -> None:
    """Set a new password and end every session the account has open."""
    from assess.web.auth.passwords import hash_password
    from assess.web.auth.session import end_all_sessions

    with web_app().app_context():
        query = select(User).where(func.lower(User.email) == email.strip().lower())
        user = db.session.scalars(query).first()
        if user is None:
            raise click.ClickException(f"no account for {email}")
        user.password_hash = hash_password(_read_password())
        end_all_sessions(user)
        db.session.commit()
        click.echo(f"password reset for {user.email}; signed out everywhere")


@users.command("disable")
@click.option("--email", required=True, type=SINGLE_LINE)
def disable(email: str) -> None:
    """Disable an account and end its sessions at once."""
    from assess.web.auth.session import end_all_sessions

    with web_app().app_context():
        query = select(User).where(func.lower(User.email) == email.strip().lower())
        user = db.session.scalars(query).first()
        if user is None:
            raise click.ClickException(f"no account for {email}")
        user.active = False
        end_all_sessions(user)
        db.session.commit()
        click.echo(f"disabled {user.email}")


@click.group("org")
def org() -> None:
    """Create organisations (tenants)."""


@org.command("create")
@click.option("--name", required=True, type=SINGLE_LINE)
@click.option("--slug", required=True, help="Short lowercase id, e.g. 'helsinki-airport'.")
@click.option(
    "--privacy-contact",
    default="",
    type=SINGLE_LINE,
    help="Who candidates contact about their data.",
)
def create_org(name: str, slug: str, privacy_contact: str) -> None:
    """Create an organisation."""
    if not SLUG.match(slug):
        raise click.ClickException("slug: lowercase letters, digits and hyphens")
    with web_app().app_context():
        if db.session.scalars(select(Organisation).where(Organisation.slug == slug)).first():
            raise click.ClickException(f"organisation {slug} exists already")
        organisation = Organisation(name=name.strip(), slug=slug, privacy_contact=privacy_contact)
        db.session.add(organisation)
        db.session.commit()
        click.echo(f"created organisation {slug} (id {organisation.id})")
