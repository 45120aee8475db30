"""``assess demo``: a working installation with simulated data in one command."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("demo")
@click.option(
    "--out",
    "out_dir",
    default="demo-output",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PDF reports.",
)
@click.option("--no-serve", is_flag=True, help="Stop after writing the reports.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to serve on.")
def demo(out_dir: Path, no_serve: bool, port: int) -> None:
    """Create a demo organisation with simulated candidates, write their
    reports, and serve the app.

    Sets up the database (SQLite in the instance folder, or DATABASE_URL),
    a recruiter and two panel members (passwords printed), an airport
    night-shift campaign whose candidates answered with simulated data and
    were scored by the real engine against norms labelled SIMULATED, and
    panel ratings. Running it again replaces the demo organisation.
    """
    from assess.commands import web_app
    from assess.commands.demo_data import build_demo, write_reports
    from assess.store import db, migrations

    app = web_app()
    if app.config["BASE_URL"] == "http://127.0.0.1:5000":  # the default: follow --port
        app.config["BASE_URL"] = f"http://127.0.0.1:{port}"
    migrations.upgrade(app.config["DATABASE_URL"], "head")
    with app.app_context():
        built = build_demo(db.session)
        click.echo("Demo organisation created (all candidate data is simulated).")
        click.echo("Sign in at " + app.config["BASE_URL"].rstrip("/") + "/staff/login as:")
        for login in built.logins:
            click.echo(f"  {login.role:<10} {login.email}  password: {login.password}")
        click.echo(f"Writing reports to {out_dir} ...")
        paths = write_reports(db.session, built, out_dir)
        db.remove()
        if no_serve:  # the server would reuse the pool; otherwise close it now
            db.engine().dispose()
    for path in paths:
        click.echo(f"  {path}")
    click.echo(f"Try the questionnaire as a candidate: {built.invitation}")
    if no_serve:
        return
    click.echo(f"Serving on http://127.0.0.1:{port} (Ctrl+C to stop)")
    app.run(host="127.0.0.1", port=port)
