"""Re-derive the shipped SIMULATED norms from the simulated applicant population.

    python scripts/simulate_norms.py            # print the norms of every shipped instrument
    python scripts/simulate_norms.py --write    # and write them into the instrument files
    python scripts/simulate_norms.py --write service-judgement   # one instrument only

Simulates ``--n`` honest applicants (assess.simulated_population, fixed seed)
answering all shipped instruments together, scores them with the product's
scoring (assess.results.pipeline.score_candidates) and takes, per scale, the mean,
the SD (n - 1) and Cronbach's alpha of the scale's items (scenarios for a
judgement scale) as the reliability. Re-run it whenever items, options or
the scoring method change, so the norms match what is asked. The norms stay
labelled SIMULATED.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import questionnaires  # noqa: E402
from assess.results.pipeline import score_candidates  # noqa: E402
from assess.results.pipeline.analysis import analyze  # noqa: E402
from assess.simulated_population import simulate_answers  # noqa: E402

SEED = 20261202
SOURCE = (
    "SIMULATED: applicant population model (scripts/simulate_norms.py, seed {seed}), "
    "not a real norm group"
)


def simulated_norms(instruments, n: int, seed: int) -> dict[str, list[dict]]:
    """Instrument id -> norm entries (scale, n, mean, sd, reliability)."""
    answers = simulate_answers(instruments, n, np.random.default_rng(seed))
    results = score_candidates(instruments, answers)
    out: dict[str, list[dict]] = {}
    for instrument in instruments:
        own = {k: v for k, v in answers.items() if k in _ids(instrument)}
        alphas = analyze(instrument, own)
        entries = []
        for scale in instrument.scales:
            raw = np.array([r["scales"][scale.id]["raw"] for r in results], dtype=float)
            raw = raw[~np.isnan(raw)]
            entries.append(
                {
                    "scale": scale.id,
                    "n": int(raw.size),
                    "mean": float(raw.mean()),
                    "sd": float(raw.std(ddof=1)),
                    "reliability": float(alphas[scale.id]["alpha"]),
                    "digits": 1 if alphas[scale.id]["metric"] == "0-100" else 2,
                }
            )
        out[instrument.id] = entries
    return out


def _ids(instrument) -> set[str]:
    ids = {item.id for item in instrument.all_likert_items}
    ids |= {f"{s.id}.{o.id}" for s in instrument.scenarios for o in s.options}
    return ids


def norms_yaml(entries: list[dict], seed: int) -> str:
    lines = ["norms:"]
    for e in entries:
        d = e["digits"]
        lines += [
            f"  - scale: {e['scale']}",
            f'    source: "{SOURCE.format(seed=seed)}"',
            f"    n: {e['n']}",
            f"    mean: {e['mean']:.{d}f}",
            f"    sd: {e['sd']:.{d}f}",
            f"    reliability: {e['reliability']:.2f}",
            "    simulated: true",
        ]
    return "\n".join(lines) + "\n"


def write_norms(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^norms:\n", text, flags=re.MULTILINE)
    if match is None:
        text = text.rstrip("\n") + "\n" + block
    else:
        rest = text[match.end() :]
        later = re.search(r"^\S", rest, flags=re.MULTILINE)
        if later is not None:
            raise SystemExit(f"{path}: norms must be the last section to be rewritten")
        text = text[: match.start()] + block
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("instruments", nargs="*", help="instrument ids to write (default: all)")
    parser.add_argument("--n", type=int, default=5000, help="simulated applicants (5000)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--write", action="store_true", help="write into the instrument files")
    args = parser.parse_args(argv)
    # Likert instruments first: the scenario skills follow their traits.
    instruments = sorted(
        (questionnaires.load(i) for i in questionnaires.available()),
        key=lambda i: bool(i.scenarios),
    )
    chosen = set(args.instruments) or {i.id for i in instruments}
    unknown = chosen - {i.id for i in instruments}
    if unknown:
        parser.error(f"unknown instrument(s): {', '.join(sorted(unknown))}")
    norms = simulated_norms(instruments, args.n, args.seed)
    for instrument in instruments:
        if instrument.id not in chosen:
            continue
        block = norms_yaml(norms[instrument.id], args.seed)
        print(f"# {instrument.id} {instrument.version}\n{block}")
        if args.write:
            write_norms(instrument.source, block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
