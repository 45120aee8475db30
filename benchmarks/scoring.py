"""Benchmark the scoring engine on one core.

    python benchmarks/scoring.py            # 1,000,000 candidates x 60 items
    python benchmarks/scoring.py --rows 100000

Prints one table: what was measured, the target, and whether it was met.
Responses are simulated (graded response model, two 30-item scales, a third
of the items reverse-keyed, 1% missing) and held as float32, which halves
the memory traffic; the scoring functions accumulate in float64 where it
matters (reliability) and sums of 1-5 answers are exact in float32.
"""

from __future__ import annotations

import os

# One core: BLAS must not spread the matrix products over threads. This has
# to happen before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402

from assess.scoring import validity  # noqa: E402
from assess.scoring.batch import score_matrix  # noqa: E402
from assess.scoring.norms import (  # noqa: E402
    build_norms,
    normal_percentiles,
    percentile_ranks,
    stens,
    t_scores,
    z_scores,
)
from assess.scoring.precision import confidence_interval, sem  # noqa: E402
from assess.scoring.reliability import alpha_ci, cronbach_alpha, scale_reliability  # noqa: E402
from assess.scoring.scales import scale_scores  # noqa: E402
from assess.scoring.simulate import simulate_candidates  # noqa: E402

LOW, HIGH, ITEMS_PER_SCALE = 1, 5, 30

# Previous figures (benchmarks/README.md, "One pass over the matrix", CPU
# time on the same machine kind), printed next to today's: score_matrix on
# 1,000,000 x 60, and assess.results.pipeline.score_candidates for 10,000
# candidates when it was a second pipeline beside score_matrix.
PREVIOUS_FULL = 0.475
PREVIOUS_RECORDS = 1.541


def make_data(rows, seed):
    """Two 30-item scales side by side, every third item reverse-keyed."""
    rng = np.random.default_rng(seed)
    halves = [
        simulate_candidates(rows, ITEMS_PER_SCALE, rng=rng, missing_rate=0.01, dtype=np.float32)[0]
        for _ in range(2)
    ]
    x = np.hstack(halves)
    keys = np.where(np.arange(x.shape[1]) % 3 == 2, -1, 1)
    x[:, keys < 0] = LOW + HIGH - x[:, keys < 0]  # what a candidate would have answered
    scale_of_item = np.repeat([0, 1], ITEMS_PER_SCALE)
    return x, keys, scale_of_item


def reference_norms(x, keys, scale_of_item):
    """Norms, reliabilities and the answers' centroid and covariance (the
    Mahalanobis reference) from a 10,000-candidate norm sample (not timed)."""
    sample = x[:10_000]
    scores = scale_scores(sample, keys, scale_of_item, 2, low=LOW, high=HIGH).score
    norms = build_norms(scores)
    rel = np.array([cronbach_alpha(keyed(sample, keys, scale_of_item, s))[0] for s in (0, 1)])
    return norms, rel, validity.reference_moments(sample)


def keyed(x, keys, scale_of_item, s):
    """One scale's items with reverse-keyed items flipped (float32 copy)."""
    cols = np.flatnonzero(scale_of_item == s)
    out = x[:, cols]
    flip = keys[cols] < 0
    out[:, flip] = LOW + HIGH - out[:, flip]
    return out


def score_all(x, keys, scale_of_item, norms, rel):
    """Scale scores, SEM and 95% interval, T, sten and normal-curve percentile."""
    result = scale_scores(x, keys, scale_of_item, 2, low=LOW, high=HIGH)
    z = z_scores(result.score, norms.mean, norms.sd)
    low, high = confidence_interval(result.score, sem(norms.sd, rel))
    return result, low, high, t_scores(z), stens(z), normal_percentiles(z)


def empirical_ranks(scores, norms):
    """Percentile ranks in the local norm sample, both scales."""
    return [
        percentile_ranks(scores[:, s], norms.sorted_scores[s], assume_sorted=True) for s in (0, 1)
    ]


def full_scoring(x, keys, scale_of_item, norms, rel, reference):
    """Everything at once (assess.scoring.batch.score_matrix): scale scores,
    SEM interval, T, sten, normal percentile, long-string, IRV, even-odd and
    Mahalanobis D² with p against the norm sample's centroid."""
    return score_matrix(
        x,
        keys,
        scale_of_item,
        2,
        low=LOW,
        high=HIGH,
        norm_mean=norms.mean,
        norm_sd=norms.sd,
        reliability=rel,
        reference=reference,
    )


def validity_all(x, scale_of_item):
    """Careless-responding indices (assess.scoring.validity)."""
    return (
        validity.long_string(x),
        validity.irv(x),
        validity.even_odd(x, scale_of_item),
        validity.mahalanobis_d2(x),
    )


def reliability_all(x, keys, scale_of_item):
    """Alpha, Feldt CI, omega, citc, alpha-if-deleted per scale.

    Each scale is a block of adjacent columns, so its items are a view of
    ``x`` (no copy), reverse-keyed inside ``scale_reliability`` (``keys=``).
    """
    out = []
    for s in (0, 1):
        cols = np.flatnonzero(scale_of_item == s)
        items = x[:, cols[0] : cols[-1] + 1]
        out.append(scale_reliability(items, keys=keys[cols], low=LOW, high=HIGH))
    return out


def loop_scoring(x, keys, scale_of_item, norms, rel):
    """The same scoring one candidate at a time in plain Python."""
    items = [list(np.flatnonzero(scale_of_item == s)) for s in (0, 1)]
    keys, sd, mean = keys.tolist(), norms.sd.tolist(), norms.mean.tolist()
    sems = [sd[s] * math.sqrt(1 - rel[s]) for s in (0, 1)]
    out = []
    for row in x.tolist():
        for s in (0, 1):
            vals = [row[j] if keys[j] > 0 else LOW + HIGH - row[j] for j in items[s]]
            vals = [v for v in vals if v == v]
            if len(vals) < 0.8 * len(items[s]):
                out.append(None)
                continue
            score = sum(vals) / len(vals)
            z = (score - mean[s]) / sd[s]
            out.append(
                (
                    score,
                    score - 1.959964 * sems[s],
                    score + 1.959964 * sems[s],
                    50 + 10 * z,
                    min(10, max(1, math.floor(2 * z + 6))),
                    50 * (1 + math.erf(z / math.sqrt(2))),
                )
            )
    return out


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
CLOCK = "cpu"


def best_time(fn, repeat):
    """Best of ``repeat`` runs on the chosen clock.

    CPU time of this process is the default: with BLAS on one thread it is
    the one-core time, and unlike wall time it does not grow when other
    processes share the machine (memory-bandwidth contention still shows).
    """
    return best_time_on(CLOCKS[CLOCK], fn, repeat)


def peak_memory(fn):
    """Peak bytes allocated while ``fn`` runs, beyond what existed before."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak - before


def pingouin_comparison(repeat):
    """cronbach_alpha with its Feldt interval vs pingouin on 100,000 x 10."""
    try:
        import pandas as pd
        import pingouin
    except ImportError:
        return None
    x = simulate_candidates(100_000, 10, rng=np.random.default_rng(5))[0]
    frame = pd.DataFrame(x)
    theirs = best_time(lambda: pingouin.cronbach_alpha(frame, nan_policy="listwise"), repeat)
    ours = best_time(lambda: cronbach_alpha(x), repeat)

    def with_ci():
        alpha, n = cronbach_alpha(x)
        return alpha_ci(alpha, n, 10)

    ours_ci = best_time(with_ci, repeat)
    return theirs, ours, ours_ci


def shipped_batch(candidates):
    """Random answers (3% missing) of ``candidates`` to the shipped
    instruments (service-composure, service-judgement) and role
    airport-agent-night, as the product's pipeline takes them."""
    from assess.results.pipeline.layout import known_answer_ids
    from questionnaires.loader import load, load_role

    instruments = [load("service-composure"), load("service-judgement")]
    role = load_role("airport-agent-night")
    rng = np.random.default_rng(1)
    responses = {}
    for key in sorted(known_answer_ids(instruments)):
        answers = rng.integers(1, 6, candidates).astype(float)
        answers[rng.random(candidates) < 0.03] = np.nan
        responses[key] = answers
    return instruments, role, responses


def records_timing(candidates, repeat):
    """Seconds of the product's pipeline (``assess.results.pipeline.score_candidates``,
    which final submit, re-scoring, ``assess score``, ``assess report`` and
    the demo call) on the shipped instruments and role: its array stage
    (``score_arrays``: the fused pass and everything computed over the
    batch), its record stage (``build_records``: one JSON-ready record per
    candidate, as ``store_result`` stores it), and the stdlib JSON text of
    those records (what the database driver writes; not part of the
    target)."""
    from assess.results.pipeline.candidates import build_records, score_arrays

    instruments, role, responses = shipped_batch(candidates)

    def arrays():
        return score_arrays(instruments, responses, role=role)

    batch = arrays()
    array_time = best_time(arrays, repeat)
    # The records are kept until the clock is read: freeing 100,000 records
    # (millions of objects) is the caller's cost, after it has stored them.
    clock, times = CLOCKS[CLOCK], []
    for _ in range(repeat):
        records = None
        start = clock()
        records = build_records(batch)
        times.append(clock() - start)
    records_time = min(times)
    json_time = best_time(lambda: [json.dumps(r, allow_nan=False) for r in records], 1)
    size = sum(len(json.dumps(r)) for r in records[:1000]) / min(1000, len(records))
    return array_time, records_time, json_time, size


def best_time_on(clock, fn, repeat):
    """Best of ``repeat`` runs on ``clock``."""
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="candidates (default 1e6)")
    parser.add_argument("--repeat", type=int, default=5, help="timings keep the best of N")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument(
        "--clock", choices=sorted(CLOCKS), default="cpu", help="time.process_time or perf_counter"
    )
    parser.add_argument(
        "--records",
        type=int,
        default=100_000,
        help="candidates for the product pipeline's record timing (0 skips it; default 100,000)",
    )
    args = parser.parse_args()
    global CLOCK
    CLOCK = args.clock
    scale = args.rows / 1_000_000  # targets are stated for a million rows

    x, keys, scale_of_item = make_data(args.rows, args.seed)
    norms, rel, reference = reference_norms(x, keys, scale_of_item)
    rows = []

    def add(name, value, unit, target, ok, previous="-"):
        rows.append((name, f"{value:.3f} {unit}", previous, target, "pass" if ok else "MISS"))

    only_scales = best_time(
        lambda: scale_scores(x, keys, scale_of_item, 2, low=LOW, high=HIGH), args.repeat
    )
    add("scale_scores alone", only_scales, "s", "-", True)
    core = best_time(lambda: score_all(x, keys, scale_of_item, norms, rel), args.repeat)
    add("scoring core (scores, SEM+CI, T, sten, normal %ile)", core, "s", "-", True)
    scores = scale_scores(x, keys, scale_of_item, 2, low=LOW, high=HIGH).score
    ranks = best_time(lambda: empirical_ranks(scores, norms), args.repeat)
    add("empirical percentile ranks (not in full scoring)", ranks, "s", "-", True)
    checks = best_time(lambda: validity_all(x, scale_of_item), args.repeat)
    add("validity indices, one function each (not fused)", checks, "s", "-", True)
    run = lambda: full_scoring(x, keys, scale_of_item, norms, rel, reference)  # noqa: E731
    full = best_time(run, args.repeat)
    note = "full scoring incl. validity (score_matrix: the product's fused pass)"
    previous = f"{PREVIOUS_FULL * scale:.3g} s"
    add(note, full, "s", f"<= {0.5 * scale:.3g} s", full <= 0.5 * scale, previous)
    own = best_time(lambda: full_scoring(x, keys, scale_of_item, norms, rel, None), args.repeat)
    add("  the same, D² centroid from the matrix itself", own, "s", "-", True)

    rel_time = best_time(lambda: reliability_all(x, keys, scale_of_item), args.repeat)
    add("reliability, 2 x 30 items", rel_time, "s", f"<= {1.0 * scale:.3g} s", rel_time <= scale)

    mem_full = peak_memory(run)
    add("peak extra memory, full scoring", mem_full / 2**20, "MiB", "<= 1 GiB", mem_full <= 2**30)
    mem_rel = peak_memory(lambda: reliability_all(x, keys, scale_of_item))
    add("peak extra memory, reliability", mem_rel / 2**20, "MiB", "<= 1024 MiB", mem_rel <= 2**30)

    sample = min(10_000, args.rows)
    loop = best_time(lambda: loop_scoring(x[:sample], keys, scale_of_item, norms, rel), 1)
    ratio = loop * args.rows / sample / core
    add(f"scoring core vs Python loop (from {sample:,} rows)", ratio, "x", ">= 50 x", ratio >= 50)

    floor = best_time(lambda: np.sum(x), args.repeat)
    add("np.sum over the matrix (bandwidth floor)", floor, "s", "-", True)
    add("scoring core / np.sum", core / floor, "x", "-", True)
    add("full scoring / np.sum", full / floor, "x", "<= 25 x", full / floor <= 25)

    compared = pingouin_comparison(args.repeat)
    if compared is None:
        rows.append(("pingouin.cronbach_alpha 100k x 10", "not installed", "-", "-", "-"))
    else:
        theirs, ours, ours_ci = compared
        add("pingouin.cronbach_alpha 100k x 10 (+CI)", theirs, "s", "-", True)
        add("cronbach_alpha 100k x 10", ours, "s", "< pingouin", ours < theirs)
        add(
            "cronbach_alpha + Feldt alpha_ci 100k x 10",
            ours_ci,
            "s",
            "< pingouin",
            ours_ci < theirs,
        )

    if args.records:
        arrays, built, as_json, size = records_timing(args.records, min(args.repeat, 3))
        per = args.records / 100_000  # the target is stated for 100,000 records
        name = f"product pipeline, {args.records:,} candidates, 2 instruments + role"
        add(name + ": arrays", arrays, "s", "-", True)
        add(name + ": records", built, "s", "-", True)
        total = arrays + built
        add(
            name + ": JSON-ready records",
            total,
            "s",
            f"<= {3.0 * per:.3g} s",
            total <= 3.0 * per,
            f"{PREVIOUS_RECORDS * args.records / 10_000:.3g} s",
        )
        add(
            f"  stdlib json.dumps of those records ({size / 1024:.1f} KiB each)",
            as_json,
            "s",
            "-",
            True,
        )
        add("JSON-ready records / np.sum over the response matrix", total / floor, "x", "-", True)

    print(
        f"assess scoring benchmark: {args.rows:,} candidates x {x.shape[1]} items, "
        f"float32, one core, {args.clock} time, best of {args.repeat}"
    )
    widths = [max(len(str(r[i])) for r in rows) for i in range(5)]
    header = ("measure", "measured", "previous", "target", "result")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    for line in (header, *rows):
        print("  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True)))


if __name__ == "__main__":
    main()
