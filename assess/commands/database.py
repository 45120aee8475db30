"""``assess db upgrade`` and ``assess db current``: the schema through Alembic."""

from __future__ import annotations

import click


@click.group("db")
def database() -> None:
    """The database schema."""


def _database_url() -> str:
    from assess.commands import web_app

    return web_app().config["DATABASE_URL"]


@database.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: the newest)."""
    from assess.store import migrations

    url = _database_url()
    migrations.upgrade(url, revision)
    click.echo(f"database at revision {migrations.current(url)}")


@database.command("current")
def current() -> None:
    """Print the database's revision."""
    from assess.store import migrations

    click.echo(migrations.current(_database_url()) or "empty: run `assess db upgrade`")


@database.command("revision")
@click.argument("message")
def revision(message: str) -> None:
    """Write a new migration from the difference between the models and the
    database (upgrade the database to head first)."""
    from alembic import command

    from assess.store import migrations

    command.revision(migrations.alembic_config(_database_url()), message, autogenerate=True)
