"""Subcommands of ``assess``, one module per family; ``assess.cli`` adds them."""

from __future__ import annotations

from flask import Flask, current_app, has_app_context


def web_app() -> Flask:
    """The app a command works in: the active one (tests push theirs), or a
    new one configured from the instance folder and the environment."""
    if has_app_context():
        return current_app._get_current_object()  # type: ignore[attr-defined]
    from assess.web import create_app

    return create_app()
