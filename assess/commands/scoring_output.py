"""Readable, aligned tables for the scoring commands' human output."""

from __future__ import annotations

from collections.abc import Sequence

import click


def fmt(value, digits: int = 2) -> str:
    """A number for a table cell; a dash when missing."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value == float("inf"):
            return "inf"
        return f"{value:.{digits}f}"
    return str(value)


def interval(pair, digits: int = 2) -> str:
    if not pair:
        return "-"
    return f"[{fmt(pair[0], digits)}, {fmt(pair[1], digits)}]"


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ", left: int = 1
) -> str:
    """Columns padded to their widest cell; the first ``left`` columns
    (names) left-aligned, the others (numbers) right-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells):
        parts = [c.ljust(w) for c, w in zip(cells[:left], widths[:left], strict=True)]
        parts += [c.rjust(w) for c, w in zip(cells[left:], widths[left:], strict=True)]
        return (indent + "  ".join(parts)).rstrip()

    rule = indent + "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _band_label(band) -> str:
    return band["label"]["en"] if band else "-"


def _scale_row(name: str, s: dict) -> list[str]:
    digits = 1 if s["metric"] == "0-100" else 2
    return [
        name,
        s["metric"],
        fmt(s["raw"], digits),
        fmt(s["sem"], digits + 1),
        interval(s["ci90"], digits),
        interval(s["ci95"], digits),
        fmt(s["t"], 1),
        fmt(s["sten"]),
        fmt(s["percentile"], 1),
        _band_label(s["band"]),
    ]


SCALE_HEADERS = ["scale", "metric", "raw", "SEM", "90% interval", "95% interval",
                 "T", "sten", "pct", "band"]  # fmt: skip


def print_scores(rows: Sequence[dict]) -> None:
    """One block per candidate: scales and facets, fit, validity flags."""
    if rows:
        basis = rows[0]["norm_basis"]
        if basis.get("source"):
            # The source names SIMULATED norms as such (assess.results.pipeline.norming.norm_label).
            click.echo(f"Norms: {basis['source']}, N = {basis['n']}")
        if basis.get("note"):
            click.echo(f"Note: {basis['note']}")
    for row in rows:
        name = f"  {row['name']}" if row.get("name") else ""
        click.echo(f"\nCandidate {row['candidate_id']}{name}")
        lines, notes = [], {}
        for scale_id, s in row["scales"].items():
            lines.append(_scale_row(scale_id, s))
            if s["reason"]:
                notes.setdefault(s["reason"], []).append(scale_id)
            for facet_id, f in s["facets"].items():
                lines.append(_scale_row(f"  {facet_id}", f))
                if f["reason"]:
                    notes.setdefault(f["reason"], []).append(facet_id)
        click.echo(table(SCALE_HEADERS, lines))
        # One line per distinct reason, naming every scale or facet it concerns.
        for reason, ids in notes.items():
            click.echo(f"  ! {', '.join(ids)}: {reason}")
        _print_fit(row.get("fit"), row["versions"].get("role"))
        flags = row["validity"].get("flags") or []
        for flag in flags:
            click.echo(f"  Validity: {_flag_text(flag)}")


def _flag_text(flag: dict) -> str:
    return flag["reason"]["en"]


def _print_fit(fit, role) -> None:
    if not fit:
        return
    band = _band_label(fit.get("band") or fit.get("withheld"))
    if fit["composite"] is None:
        click.echo(f"  Fit for {role}: no composite (see the reasons below)")
    else:
        click.echo(
            f"  Fit for {role}: composite {fmt(fit['composite'], 1)} of 100, "
            f"SEM {fmt(fit['sem'], 1)}, 90% interval {interval(fit['ci90'], 1)}: {band}"
        )
    if fit.get("withheld"):
        click.echo(f"  {fit['withheld']['text']['en']}")
    bars = [
        [
            b["scale"],
            fmt(b["bar"]),
            fmt(b["raw"]),
            "met" if b["met"] else ("-" if b["met"] is None else "NOT met"),
            "within error" if b["straddles"] else "",
        ]
        for b in fit["bars"]
    ]
    if bars:
        click.echo(table(["bar", "needed", "raw", "met", "near bar"], bars, indent="    "))
    for reason in fit.get("reasons") or []:
        click.echo(f"    - {reason['text']['en']}")


def print_analysis(result: dict) -> None:
    for instrument_id, scales in result.items():
        click.echo(f"Instrument {instrument_id}")
        rows = [
            [
                scale_id,
                fmt(s["n"]),
                fmt(s["k"]),
                fmt(s["alpha"], 3),
                interval(s["alpha_ci95"], 3),
                fmt(s["omega"], 3),
            ]
            for scale_id, s in scales.items()
        ]
        click.echo(table(["scale", "n", "k", "alpha", "alpha 95% CI", "omega"], rows))
        for scale_id, s in scales.items():
            if s.get("reason"):
                click.echo(f"  ! {scale_id}: {s['reason']}")
        for scale_id, s in scales.items():
            click.echo(f"\n  {scale_id}: items")
            items = [
                [
                    item_id,
                    fmt(i["mean"]),
                    fmt(i["sd"]),
                    fmt(i["citc"], 3),
                    fmt(i["alpha_if_deleted"], 3),
                ]  # fmt: skip
                for item_id, i in s["items"].items()
            ]
            click.echo(
                table(["item", "mean", "sd", "r item-rest", "alpha if deleted"], items, "    ")
            )
        click.echo("")


def print_agreement(result: dict) -> None:
    dropped = (
        f", {result['n_dropped']} left out for a missing rating" if result["n_dropped"] else ""
    )
    click.echo(f"{result['n_used']} candidates rated by all {result['n_raters']} raters{dropped}")
    rows = [
        [
            r["shrout_fleiss"],
            r["mcgraw_wong"],
            r["description"],
            fmt(r["icc"], 3),
            interval(r["ci95"], 3),
            "inf" if r["F_infinite"] else fmt(r["F"], 2),
            f"{fmt(r['df1'], 0)}, {fmt(r['df2'], 0)}",
            fmt(r["p"], 4),
        ]
        for r in result["icc"]
    ]
    headers = ["ICC", "McGraw-Wong", "form", "value", "95% CI", "F", "df", "p"]
    click.echo(table(headers, rows, left=3))


def print_fairness(result: dict) -> None:
    selection = result["outcome"] == "selected"
    for analysis in result["analyses"]:
        click.echo(f"\nGroups: {' x '.join(analysis['columns'])}")
        if not selection:
            click.echo(
                f"  Scoring rate: share scoring above the median ({fmt(analysis['median'])})"
            )
        rows = [
            [
                g["group"] + (" (reference)" if g["reference"] else ""),
                fmt(g["n"]),
                fmt(g["selected"]),
                fmt(g["rate"], 3),
                fmt(g["impact_ratio"], 3),
                "below 4/5" if g["four_fifths"] else "",
                fmt(g["fisher_p"], 4),
                "small" if g["small_sample"] else "",
            ]
            for g in analysis["groups"]
        ]
        counted = "selected" if selection else "above median"
        rate = "selection rate" if selection else "scoring rate"
        headers = ["group", "n", counted, rate, "impact ratio", "flag", "Fisher p", "sample"]
        click.echo(table(headers, rows))
        if analysis["unknown"]:
            click.echo(f"  Unknown group (left out): {analysis['unknown']}")
        if analysis["excluded"]:
            click.echo("  Left out (below the minimum share): " + ", ".join(analysis["excluded"]))
