"""``assess serve``: the development server. In production run
``gunicorn 'assess.web:create_app()'`` instead."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--debug", is_flag=True, help="Reload on code changes and show tracebacks.")
def serve(host: str, port: int, debug: bool) -> None:
    """Serve the app with Flask's development server."""
    from assess.commands import web_app

    web_app().run(host=host, port=port, debug=debug)
