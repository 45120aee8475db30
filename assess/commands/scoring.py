"""``assess score``, ``assess analyze``, ``assess agreement``, ``assess fairness``.

Each reads CSV files (see :mod:`assess.commands.responses_csv`), calls the scoring
engine, and prints aligned tables or, with ``--json``, the JSON shapes in
docs/cli.md. Bad input is reported on stderr naming the row and column,
with exit status 2 and no traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path

import click

from assess.commands.scoring_output import (
    print_agreement,
    print_analysis,
    print_fairness,
    print_scores,
)

BAD_INPUT = 2


def _bad_input(message: str) -> click.exceptions.Exit:
    click.echo(f"Error: {message}", err=True)
    return click.exceptions.Exit(BAD_INPUT)


def reports_bad_input(command: Callable) -> Callable:
    """Turn the input errors of a command into a message and exit status 2."""

    @wraps(command)
    def run(*args, **kwargs):
        from assess.commands.responses_csv import ResponsesError
        from questionnaires import InstrumentError

        try:
            return command(*args, **kwargs)
        except (ResponsesError, InstrumentError) as exc:
            raise _bad_input(str(exc)) from None
        except ValueError as exc:
            raise _bad_input(str(exc)) from None

    return run


def _emit_json(data) -> None:
    from assess.results.pipeline.jsonsafe import clean

    click.echo(json.dumps(clean(data), ensure_ascii=False, indent=2, allow_nan=False))


def _emit_candidates(rows) -> None:
    """``{"candidates": [...]}`` with one compact candidate per line: valid
    JSON that stays fast and greppable for tens of thousands of candidates
    (the records are already JSON-safe; ``allow_nan=False`` guards it)."""
    click.echo('{"candidates": [')
    last = len(rows) - 1
    for i, row in enumerate(rows):
        line = json.dumps(row, ensure_ascii=False, allow_nan=False)
        click.echo(line + ("," if i < last else ""))
    click.echo("]}")


def load_instruments(values: Sequence[str]) -> list:
    """Instruments by shipped id or YAML path, in the order given."""
    import questionnaires

    instruments = [questionnaires.load(value) for value in values]
    ids = [i.id for i in instruments]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"instrument given twice: {', '.join(repeated)}")
    return instruments


def load_role(value: str, instruments: Sequence):
    import questionnaires

    return questionnaires.load_role(value, {i.id: i for i in instruments})


def read_norms_file(path: str, instruments: Sequence = ()) -> dict:
    """Norms from a YAML or JSON list of mappings, keyed by scale id.

    Each entry: ``scale``, ``source``, ``n``, ``mean``, ``sd`` and optionally
    ``reliability``, ``simulated`` and ``percentiles`` (a list of
    [raw, percentile] pairs, which may replace mean and sd). With
    ``instruments``, a norm for a scale or facet none of them has is an
    error (most often a misspelt id).
    """
    import yaml

    from questionnaires.model import ScaleNorm

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the norms file: {exc}") from None
    try:
        data = yaml.safe_load(text)  # JSON is YAML too
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML or JSON: {exc}") from None
    if not isinstance(data, list) or not data:
        raise ValueError(f"{path}: expected a non-empty list of norms, one per scale")
    known = {s.id for i in instruments for s in i.scales}
    known |= {f.id for i in instruments for s in i.scales for f in s.facets}
    problems, norms = [], {}
    for number, entry in enumerate(data, start=1):
        where = f"{path}: norm {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping with scale, source, n, mean, sd")
            continue
        unknown = set(entry) - {
            "scale", "source", "n", "mean", "sd", "reliability", "simulated", "percentiles"
        }  # fmt: skip
        problems += [f"{where}, field {k}: unknown field" for k in sorted(map(str, unknown))]
        entry_problems = _norm_problems(entry)
        problems += [f"{where}, field {p}" for p in entry_problems]
        if entry_problems or unknown:
            continue
        if entry["scale"] in norms:
            problems.append(f"{where}, field scale: {entry['scale']!r} appears twice")
            continue
        if known and entry["scale"] not in known:
            problems.append(
                f"{where}, field scale: {entry['scale']!r} is not a scale or facet of "
                f"{', '.join(i.id for i in instruments)}"
            )
            continue
        norms[entry["scale"]] = ScaleNorm(
            scale=entry["scale"],
            source=entry["source"],
            n=entry["n"],
            mean=_opt_float(entry.get("mean")),
            sd=_opt_float(entry.get("sd")),
            percentiles=tuple((float(a), float(b)) for a, b in entry.get("percentiles") or ()),
            reliability=_opt_float(entry.get("reliability")),
            simulated=bool(entry.get("simulated", False)),
        )
    if problems:
        raise ValueError("\n".join(problems))
    return norms


def _opt_float(value):
    return None if value is None else float(value)


def _is_number(value) -> bool:
    import math

    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _norm_problems(entry: dict) -> list[str]:
    out = []
    if not isinstance(entry.get("scale"), str) or not entry.get("scale"):
        out.append("scale: required, a scale id")
    if not isinstance(entry.get("source"), str) or not entry.get("source", "").strip():
        out.append("source: required, where the norm comes from")
    n = entry.get("n")
    if not (isinstance(n, int) and not isinstance(n, bool) and n >= 2):
        out.append("n: required, a whole number >= 2")
    has_table = bool(entry.get("percentiles"))
    for key in ("mean", "sd"):
        value = entry.get(key)
        if value is None and not has_table:
            out.append(f"{key}: required (or give percentiles)")
        elif value is not None and not _is_number(value):
            out.append(f"{key}: must be a number")
    if _is_number(entry.get("sd")) and entry["sd"] <= 0:
        out.append("sd: must be positive")
    rel = entry.get("reliability")
    if rel is not None and not (_is_number(rel) and 0 <= rel < 1):
        out.append("reliability: must be a number in [0, 1)")
    if "simulated" in entry and not isinstance(entry["simulated"], bool):
        out.append("simulated: must be true or false")
    table = entry.get("percentiles")
    if table is not None:
        ok = isinstance(table, list) and all(
            isinstance(p, list) and len(p) == 2 and all(map(_is_number, p)) for p in table
        )
        if not ok:
            out.append("percentiles: must be a list of [raw, percentile] pairs")
    return out


@click.command()
@click.option(
    "--instrument",
    "instrument_ids",
    multiple=True,
    required=True,
    metavar="ID|FILE",
    help="Instrument id or YAML file (repeat for several).",
)
@click.option(
    "--responses", required=True, metavar="FILE.csv", help="Answers, one row per candidate."
)
@click.option("--role", metavar="ID|FILE", help="Role profile for the fit composite and bars.")
@click.option(
    "--norms",
    "norms_file",
    metavar="FILE",
    help="Norms (YAML or JSON) replacing the instruments' own.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@reports_bad_input
def score(instrument_ids, responses, role, norms_file, as_json) -> None:
    """Score candidates' answers, with measurement error, norms and role fit."""
    from assess.commands.responses_csv import read_responses
    from assess.results.pipeline import score_candidates

    instruments = load_instruments(instrument_ids)
    profile = load_role(role, instruments) if role else None
    norms = read_norms_file(norms_file, instruments) if norms_file else None
    data = read_responses(responses, instruments)
    results = score_candidates(instruments, data.responses, role=profile, norms=norms)
    rows = [
        {"candidate_id": cid, "name": name, **result}
        for cid, name, result in zip(data.candidate_ids, data.names, results, strict=True)
    ]
    if as_json:
        _emit_candidates(rows)
    else:
        from assess.results.display import with_texts

        print_scores([{**row, **with_texts(row, instruments, profile)} for row in rows])


@click.command()
@click.option("--instrument", "instrument_ids", multiple=True, required=True, metavar="ID|FILE",
              help="Instrument id or YAML file (repeat for several).")  # fmt: skip
@click.option(
    "--responses", required=True, metavar="FILE.csv", help="Answers, one row per candidate."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@reports_bad_input
def analyze(instrument_ids, responses, as_json) -> None:
    """Item analysis: alpha (95% CI), omega and per-item statistics."""
    from assess.commands.responses_csv import answer_ranges, read_responses
    from assess.results.pipeline import analyze as analyze_instrument

    instruments = load_instruments(instrument_ids)
    data = read_responses(responses, instruments)
    result = {}
    for instrument in instruments:
        own = answer_ranges([instrument])
        answers = {k: v for k, v in data.responses.items() if k in own}
        result[instrument.id] = analyze_instrument(instrument, answers)
    if as_json:
        _emit_json({"instruments": result})
    else:
        print_analysis(result)


@click.command()
@click.option(
    "--ratings", required=True, metavar="FILE.csv", help="candidate_id,rater_id,rating rows."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@reports_bad_input
def agreement(ratings, as_json) -> None:
    """Inter-rater agreement: the six Shrout & Fleiss intraclass correlations."""
    from assess.commands.responses_csv import read_ratings
    from assess.commands.scoring_compute import agreement_result

    result = agreement_result(read_ratings(ratings))
    if as_json:
        _emit_json(result)
    else:
        print_agreement(result)


@click.command()
@click.option("--decisions", required=True, metavar="FILE.csv", help="One row per candidate.")
@click.option("--group", "groups", multiple=True, required=True, metavar="COL",
              help="Group column (repeat for intersections).")  # fmt: skip
@click.option("--selected", metavar="COL", help="Column with the 0/1 (yes/no) selection.")
@click.option("--score", "score_col", metavar="COL", help="Column with a numeric score.")
@click.option("--min-share", default=0.02, show_default=True, type=float,
              help="Leave out groups smaller than this share of candidates.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@reports_bad_input
def fairness(decisions, groups, selected, score_col, min_share, as_json) -> None:
    """Adverse impact (four-fifths rule, Fisher exact p) or scoring rates by group."""
    from assess.commands.responses_csv import read_decisions
    from assess.commands.scoring_compute import fairness_result

    if (selected is None) == (score_col is None):
        raise ValueError("give exactly one of --selected COL or --score COL")
    if not 0 <= min_share < 1:
        raise ValueError(f"--min-share must be in [0, 1); got {min_share}")
    data = read_decisions(decisions, groups, selected=selected, score=score_col)
    result = fairness_result(data, min_share=min_share)
    if as_json:
        _emit_json(result)
    else:
        print_fairness(result)


COMMANDS = (score, analyze, agreement, fairness)
