"""``assess report``: PDF reports from the command line.

- ``assess report candidate ID --out FILE``: a stored candidate's report;
- ``assess report panel CAMPAIGN --out FILE``: a campaign's panel pack,
  with progress on the terminal;
- ``assess report --instrument ID --responses FILE.csv [--role ID] --out DIR``:
  answers collected elsewhere (paper, another survey tool), one candidate
  report per row named from the ``name`` column, and a panel pack.

Bad input is reported on stderr naming the row and column, with exit
status 2 and no traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from assess.commands.scoring import BAD_INPUT, load_instruments, load_role, reports_bad_input

LANGUAGE = click.Choice(("en", "fi"))


def _fail(message: str) -> click.exceptions.Exit:
    click.echo(f"Error: {message}", err=True)
    return click.exceptions.Exit(BAD_INPUT)


@click.group("report", invoke_without_command=True)
@click.option(
    "--instrument",
    "instrument_ids",
    multiple=True,
    metavar="ID|FILE",
    help="Instrument the answers belong to (repeat for several).",
)
@click.option(
    "--responses",
    type=click.Path(dir_okay=False),
    metavar="FILE.csv",
    help="Answers: candidate_id, name, then one column per answer id.",
)
@click.option("--role", metavar="ID|FILE", help="Role profile for fit, bars and interview sheets.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Folder for the PDFs.",
)
@click.option("--language", default="en", show_default=True, type=LANGUAGE)
@click.pass_context
def report(ctx, instrument_ids, responses, role, out_dir, language) -> None:
    """Write PDF reports: from stored results (subcommands) or straight
    from a CSV of answers (the options)."""
    if ctx.invoked_subcommand is not None:
        return
    if not instrument_ids or not responses or out_dir is None:
        click.echo(ctx.get_help())
        raise _fail("give --instrument, --responses and --out, or a subcommand")
    _from_csv(instrument_ids, responses, role, out_dir, language)


@reports_bad_input
def _from_csv(instrument_ids, responses, role_ref, out_dir: Path, language: str) -> None:
    import reports
    from assess.commands.responses_csv import read_responses
    from assess.results.pipeline import score_candidates
    from assess.results.report_inputs import PanelEntry, candidate_report, panel_pack
    from assess.results.report_inputs.stored import report_date

    instruments = load_instruments(instrument_ids)
    role = load_role(role_ref, instruments) if role_ref else None
    data = read_responses(responses, instruments)
    if not data.candidate_ids:
        raise ValueError(f"{responses}: no candidate rows")
    results = score_candidates(instruments, data.responses, role=role)
    today = dt.date.today()
    date = report_date(today, language)
    source = Path(responses).stem
    out_dir.mkdir(parents=True, exist_ok=True)
    entries, used = [], set()
    with click.progressbar(length=len(results) + 1, label="Rendering", file=sys.stderr) as bar:
        for ident, name, result in zip(data.candidate_ids, data.names, results, strict=True):
            shown = name or ident
            pdf = reports.build_candidate_report(
                candidate_report(
                    result,
                    candidate=shown,
                    reference=ident,
                    organisation="",
                    role=role,
                    campaign=source,
                    date=date,
                    instruments=instruments,
                    language=language,
                )
            )
            path = _unique(
                out_dir,
                reports.filename("candidate-report", shown, today),
                used,
            )
            path.write_bytes(pdf)
            click.echo(str(path))
            entries.append(PanelEntry(ident, shown, result))
            bar.update(1)
        pack = panel_pack(
            entries,
            organisation="",
            role=role,
            campaign=source,
            date=date,
            instruments=instruments,
            language=language,
        )
        path = _unique(out_dir, reports.filename("panel-pack", source, today), used)
        path.write_bytes(reports.build_panel_pack(pack))
        bar.update(1)
    click.echo(str(path))


def _unique(folder: Path, name: str, used: set[str]) -> Path:
    """``folder / name``, numbered when two rows give the same file name."""
    stem, _, ext = name.rpartition(".")
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{stem}-{number}.{ext}"
    used.add(candidate)
    return folder / candidate


def _stored(kind: str, object_id: int, out: Path, language: str) -> None:
    """Render inline (progress straight from the build) or, with REDIS_URL,
    on a worker (progress read from the job's row)."""
    from assess.commands import web_app
    from assess.jobs import submit
    from assess.results.report_files import ReportRequest, prepare, report_file
    from assess.store import db
    from assess.store.models import ReportFile

    app = web_app()
    with app.app_context():
        request = ReportRequest(kind, object_id, language)
        try:
            prepared = prepare(db.session, request)
        except LookupError as exc:
            raise _fail(str(exc)) from None
        if app.config.get("REDIS_URL"):
            job = submit(kind, request.params, organisation_id=prepared.organisation_id)
            job = _follow(db.session, job.id)
            if job.status != "success":
                raise _fail(f"the report job {job.id} failed: {job.error or ''}")
            content = db.session.get(ReportFile, job.report_file_id).content
        else:
            row, _prepared = report_file(db.session, request, progress=_print_progress)
            db.session.commit()
            content = row.content
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    click.echo(str(out))


def _print_progress(done: int, total: int) -> None:
    click.echo(f"\rPreparing {done}/{total}", nl=False, err=True)
    if done == total:
        click.echo(" - rendering the PDF", err=True)


def _follow(session, job_id: int):
    """Wait for the job, showing its progress on stderr."""
    import time

    from assess.store.models import Job

    shown = -1
    while True:
        session.expire_all()
        job = session.get(Job, job_id)
        if job.total and job.progress != shown:
            shown = job.progress
            click.echo(f"\rRendering {job.progress}/{job.total}", nl=False, err=True)
        if job.status in ("success", "failed"):
            if shown >= 0:
                click.echo("", err=True)
            return job
        time.sleep(0.5)


@report.command("candidate")
@click.argument("candidate_id", type=int)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE"
)
@click.option("--language", default="en", show_default=True, type=LANGUAGE)
def candidate(candidate_id: int, out: Path, language: str) -> None:
    """The candidate report of stored candidate CANDIDATE_ID."""
    _stored("candidate_report", candidate_id, out, language)


@report.command("panel")
@click.argument("campaign_id", type=int)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE"
)
@click.option("--language", default="en", show_default=True, type=LANGUAGE)
def panel(campaign_id: int, out: Path, language: str) -> None:
    """The panel pack of stored campaign CAMPAIGN_ID, with progress."""
    _stored("panel_pack", campaign_id, out, language)
