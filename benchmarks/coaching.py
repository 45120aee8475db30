"""Coaching strategies against the product's scoring, and item statistics.

    python benchmarks/coaching.py                 # role airport-agent-night
    python benchmarks/coaching.py --role clinic-receptionist
    python benchmarks/coaching.py --items         # also item statistics per scale and facet
                                                  # (difficulty = mean keyed answer as a share
                                                  # of the range; citc = corrected item-total r)

Scores every strategy of assess.coaching_strategies with
assess.results.pipeline.score_candidates on the shipped instruments (the scoring of
the web app and ``assess score``) and prints, per strategy, each scale's
percentile (against the shipped SIMULATED norms; median over the draws, and
the highest draw), the fit bands the composites reach (before any is
withheld) and how many draws had the band withheld as not interpretable.
A row passes when every draw scores at or below the simulated norm sample's
median on every scale, no draw reaches an interview band, and the
careless patterns are withheld in every draw. When the first
service-judgement version (key distance, options whose best was the
longest) is installed, the same strategies run against it as the baseline.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import questionnaires  # noqa: E402
from assess.coaching_strategies import (  # noqa: E402
    INTERVIEW_BANDS,
    NORM_SAMPLE_N,
    NORM_SAMPLE_SEED,
    STRATEGIES,
    norm_sample_medians,
    run_strategy,
)
from assess.results.pipeline.candidates import ScoredColumn, likert_columns  # noqa: E402
from assess.results.pipeline.judgement import judgement_columns  # noqa: E402
from assess.scoring.reliability import scale_reliability  # noqa: E402
from assess.simulated_population import simulate_answers  # noqa: E402

LIKERT = "service-composure"
JUDGEMENT = "service-judgement"
BASELINE = "service-judgement@1.0"
SHORT = {
    "service_orientation": "SO",
    "composure": "CO",
    "judgement_service": "JS",
    "judgement_composure": "JC",
}


def _table(headers, rows) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def coaching_rows(instruments, role, medians):
    rows, failures = [], 0
    for strategy in STRATEGIES:
        result = run_strategy(strategy, instruments, role)
        cells, ok = [], True
        for scale in SHORT:
            pct = result.percentile(scale)
            raw = result.raw(scale)
            cells.append(f"{np.nanmedian(pct):5.1f} ({np.nanmax(pct):5.1f})")
            if strategy.scored and np.nanmax(raw) > medians[scale]:
                ok = False
        bands = Counter(b or "-" for b in result.underlying_bands(role))
        if strategy.scored and INTERVIEW_BANDS & set(bands):
            ok = False
        withheld = result.withheld()
        if strategy.withheld_expected and withheld < strategy.draws:
            ok = False
        failures += not ok
        rows.append(
            [
                strategy.name,
                strategy.draws,
                *cells,
                ", ".join(f"{b} {c}" for b, c in sorted(bands.items())),
                f"{withheld}/{strategy.draws}",
                "pass" if ok else "MISS",
            ]
        )
    return rows, failures


def item_statistics(instruments, n, seed) -> str:
    """Difficulty, corrected item-total r, alpha and omega per scale and facet."""
    answers = simulate_answers(instruments, n, np.random.default_rng(seed))
    rows = []
    for instrument in instruments:
        columns = likert_columns(instrument, answers, n)
        columns += judgement_columns(instrument, answers, n, ScoredColumn)
        for sc in columns:
            rel = scale_reliability(sc.items)
            low, high = sc.column.low, sc.column.high
            difficulty = (np.nanmean(sc.items) - low) / (high - low)
            name = ("  " if sc.column.parent else "") + sc.column.id
            rows.append(
                [
                    name,
                    rel.k,
                    f"{rel.alpha:.3f}",
                    f"{rel.omega:.3f}",
                    f"{difficulty:.3f}",
                    f"{np.nanmin(rel.citc):.3f}",
                    f"{np.nanmedian(rel.citc):.3f}",
                ]
            )
    headers = ["scale / facet", "k", "alpha", "omega", "difficulty", "citc min", "citc median"]
    return _table(headers, rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--role", default="airport-agent-night")
    parser.add_argument("--items", action="store_true", help="print item statistics too")
    args = parser.parse_args(argv)
    role = questionnaires.load_role(args.role)
    likert = questionnaires.load(LIKERT)
    current = [likert, questionnaires.load(JUDGEMENT)]
    print(
        f"Norm sample: {NORM_SAMPLE_N} simulated applicants (seed {NORM_SAMPLE_SEED}) answering "
        "the same instruments. Percentile per scale: median over draws (highest draw), "
        "against the instrument's SIMULATED norms."
    )
    headers = ["strategy", "draws", *SHORT.values(), "band (before withholding)", "withheld"]
    headers.append("result")
    status = 0
    for label, instruments in _instrument_sets(likert, current):
        medians = norm_sample_medians(instruments)
        print(f"\n{label}: role {role.id}; norm sample medians ", end="")
        print(", ".join(f"{SHORT[s]} {medians[s]:.2f}" for s in SHORT))
        rows, failures = coaching_rows(instruments, role, medians)
        print(_table(headers, rows))
        if instruments is current and failures:
            status = 1
    if args.items:
        for label, instruments in _instrument_sets(likert, current):
            print(f"\nItem statistics on the simulated norm sample (n = {NORM_SAMPLE_N}), {label}:")
            print(item_statistics(instruments, NORM_SAMPLE_N, NORM_SAMPLE_SEED))
    return status


def _instrument_sets(likert, current):
    try:
        baseline = questionnaires.load(BASELINE)
    except questionnaires.InstrumentError:
        baseline = None
    if baseline is not None:
        yield f"Baseline {BASELINE} ({baseline.sjt_scoring})", [likert, baseline]
    yield f"Current {JUDGEMENT} {current[1].version} ({current[1].sjt_scoring})", current


if __name__ == "__main__":
    raise SystemExit(main())
