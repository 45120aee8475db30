"""The ``assess`` command."""

from __future__ import annotations

import click

from assess import __version__


@click.group()
@click.version_option(__version__, prog_name="assess")
def cli() -> None:
    """Measure service orientation and composure under pressure when hiring."""
