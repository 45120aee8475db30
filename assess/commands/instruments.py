"""``assess instruments``: list the shipped instruments and roles, check files,
measure how long a session takes."""

from __future__ import annotations

from pathlib import Path

import click

import questionnaires
from questionnaires import length as reading
from questionnaires.loader import is_role, shipped_scales
from questionnaires.model import LANGUAGES, Instrument, RoleProfile


@click.group("instruments")
def group() -> None:
    """Instruments and role profiles: list them, validate definition files."""


@group.command("list")
def list_command() -> None:
    """List the shipped instruments and role profiles."""
    click.echo("Instruments:")
    for ident in questionnaires.available():
        try:
            instrument = questionnaires.load(ident)
        except questionnaires.InstrumentError as error:
            click.echo(
                f"  {ident}  INVALID ({len(error.problems)} problems; "
                f"run: assess instruments check)"
            )
            continue
        click.echo(f"  {_describe_instrument(instrument)}")
    click.echo("Roles:")
    for ident in questionnaires.available_roles():
        try:
            role = questionnaires.load_role(ident)
        except questionnaires.InstrumentError as error:
            click.echo(
                f"  {ident}  INVALID ({len(error.problems)} problems; "
                f"run: assess instruments check)"
            )
            continue
        click.echo(f"  {_describe_role(role)}")


@group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def check_command(files: tuple[Path, ...]) -> None:
    """Validate instrument and role-profile FILES (told apart by their keys).

    Prints every problem as file:line: path: message and an "ok" line for
    each valid file; exits with status 1 when any file has a problem. Roles
    may name instruments given in the same command as well as shipped ones.
    """
    results: dict[Path, Instrument | RoleProfile | questionnaires.InstrumentError] = {}
    instruments: dict[str, Instrument] = {}
    # Scale ids must be unique across instruments: the shipped ones and those checked here.
    taken_scales = shipped_scales()
    roles = [path for path in files if _is_role(path)]
    # Instruments first, so a role checked together with a new instrument finds it.
    for path in [path for path in files if path not in roles] + roles:
        try:
            loaded = questionnaires.load_definition(path, instruments, taken_scales)
        except questionnaires.InstrumentError as error:
            results[path] = error
            continue
        results[path] = loaded
        if isinstance(loaded, Instrument):
            instruments[loaded.id] = loaded
            taken_scales.update(dict.fromkeys((scale.id for scale in loaded.scales), loaded.id))
    failed = False
    for path in files:
        result = results[path]
        if isinstance(result, questionnaires.InstrumentError):
            failed = True
            for problem in result.problems:
                click.echo(str(problem))
        elif isinstance(result, Instrument):
            click.echo(f"ok {path}: instrument {_describe_instrument(result)}")
        else:
            click.echo(f"ok {path}: role {_describe_role(result)}")
    if failed:
        raise SystemExit(1)


@group.command("length")
@click.argument("instruments", nargs=-1)
def length_command(instruments: tuple[str, ...]) -> None:
    """Words, answers and minutes of INSTRUMENTS taken in one session.

    INSTRUMENTS are shipped ids, id@version or YAML files (default: every
    shipped instrument). Prints each instrument and the session per language
    and the one estimate candidates are told.
    """
    try:
        loaded = [questionnaires.load(i) for i in instruments or questionnaires.available()]
    except questionnaires.InstrumentError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{'instrument':<32} {'language':<8} {'words':>6} {'answers':>7} {'minutes':>7}")
    rows = [(f"{i.id} {i.version}", [i]) for i in loaded] + [("session (all above)", loaded)]
    for name, group_ in rows:
        for language in LANGUAGES:
            measured = reading.length(group_, language)
            click.echo(
                f"{name:<32} {language:<8} {measured.words:>6} {measured.answers:>7} "
                f"{measured.minutes:>7.1f}"
            )
    speeds = ", ".join(f"{wpm:g} in {lang}" for lang, wpm in reading.WORDS_PER_MINUTE.items())
    click.echo(
        f"Stated to candidates: about {reading.session_minutes(loaded)} minutes "
        f"(words a minute: {speeds}; {reading.ANSWER_SECONDS:g} s an answer; "
        f"{reading.START_MINUTES:g} min to start and finish; the slowest language, "
        f"to the nearest {reading.ROUND_TO} minutes)."
    )


def _is_role(path: Path) -> bool:
    try:
        return is_role(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False


def _describe_instrument(instrument: Instrument) -> str:
    parts = [f"{len(instrument.scales)} scales", f"{len(instrument.items)} items"]
    if instrument.scenarios:
        parts.append(f"{len(instrument.scenarios)} scenarios")
    return f"{instrument.id} {instrument.version}  {instrument.title['en']}  ({', '.join(parts)})"


def _describe_role(role: RoleProfile) -> str:
    return (
        f"{role.id} {role.version}  {role.title['en']}  "
        f"(instruments: {', '.join(role.instruments)}; "
        f"{len(role.requirements)} requirements, {len(role.competencies)} competencies)"
    )
