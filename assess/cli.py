"""The ``assess`` command."""

from __future__ import annotations

import click

from assess import __version__


@click.group()
@click.version_option(__version__, prog_name="assess")
def cli() -> None:
    """Measure service orientation and composure under pressure when hiring."""


# One line per command family; each module owns its commands.
from assess.commands import worker  # noqa: E402

cli.add_command(worker.worker)
from assess.commands import retention  # noqa: E402

cli.add_command(retention.retention)
from assess.commands import instruments  # noqa: E402

cli.add_command(instruments.group)
from assess.commands import database, invite, serve  # noqa: E402

cli.add_command(database.database)
cli.add_command(serve.serve)
cli.add_command(invite.invite)
from assess.commands import users  # noqa: E402

cli.add_command(users.users)
cli.add_command(users.org)
from assess.commands import scoring  # noqa: E402

for _command in scoring.COMMANDS:
    cli.add_command(_command)
from assess.commands import demo, reports  # noqa: E402

cli.add_command(reports.report)
cli.add_command(demo.demo)
from assess.commands import rescore  # noqa: E402

cli.add_command(rescore.rescore)
