"""Subcommands of ``assess``, one module per family; ``assess.cli`` adds them."""

from __future__ import annotations

import click
from flask import Flask, current_app, has_app_context

from assess.text_input import clean


class SingleLineText(click.ParamType):
    """An option holding one line of text (a name, an address): NFC, no
    control characters, as the forms require."""

    name = "text"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        try:
            return clean(value)
        except ValueError as problem:
            self.fail(str(problem), param, ctx)


SINGLE_LINE = SingleLineText()


def web_app() -> Flask:
    """The app a command works in: the active one (tests push theirs), or a
    new one configured from the instance folder and the environment."""
    if has_app_context():
        return current_app._get_current_object()  # type: ignore[attr-defined]
    from assess.web import create_app
    from assess.web.config import ProductionConfigError

    try:
        return create_app()
    except ProductionConfigError as problem:
        raise click.ClickException(str(problem)) from None
