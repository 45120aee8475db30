"""``assess retention run``: erase candidate data past its retention period."""

from __future__ import annotations

import click


@click.group()
def retention() -> None:
    """Data retention."""


@retention.command("run")
def run() -> None:
    """Erase every candidate whose campaign is past its retention end.

    Idempotent and safe to schedule (e.g. daily from cron)."""
    from assess.commands import web_app
    from assess.store import db
    from assess.store.privacy import run_retention

    with web_app().app_context():
        erased = run_retention(db.session)
    click.echo(f"erased {erased} candidate(s)")
