"""Test-wise answering strategies, scored by the product's own scoring.

A score must not be raisable without the trait. Each strategy here is a way
a coached or careless candidate might answer without reading for meaning;
:func:`coaching_table` scores every strategy with
:func:`assess.results.pipeline.score_candidates` (the scoring the web app and
``assess score`` use) on the shipped instruments and a role, and compares it
with the median of the simulated norm sample
(:mod:`assess.simulated_population`, the sample the SIMULATED norms come
from). Used by ``benchmarks/coaching.py`` (the printed table) and the tests
(which hold every strategy to the rules below).

Rules (``docs/sjt-scoring.md``, issue "measurement that test-wiseness cannot
beat"):

- every strategy scores at or below the norm sample's median on every scale;
- no strategy reaches a fit band that recommends an interview
  (:data:`INTERVIEW_BANDS`), in any draw;
- straight-lining, random and too-fast answering withhold the fit band
  ("Not interpretable: ...").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assess.results.pipeline import score_candidates
from assess.simulated_population import simulate_answers
from questionnaires.model import Instrument, RoleProfile
from questionnaires.pages import page_groups

NORM_SAMPLE_SEED = 20261202
"""The seed of ``scripts/simulate_norms.py``: the same simulated people."""
NORM_SAMPLE_N = 5000
DRAWS = 100
"""Candidates per random strategy (each a seeded draw)."""
INTERVIEW_BANDS = frozenset({"strong", "good"})
"""Fit bands whose text recommends (or presupposes) an interview."""
TOO_FAST_SECONDS_PER_ITEM = 0.5


@dataclass(frozen=True)
class Strategy:
    name: str
    description: str
    answers: Callable  # (instruments, n, rng) -> (responses, page_seconds or None)
    draws: int = 1
    withheld_expected: bool = False
    """True for the careless patterns whose band must be withheld."""
    scored: bool = True
    """False for too-fast answering by honest people: only its flag is checked."""


def _likert_ids(instruments):
    return [item.id for i in instruments for item in i.all_likert_items]


def _options(instruments):
    return [(s, o) for i in instruments for s in i.scenarios for o in s.options]


def _constant(value):
    def answers(instruments, n, rng):
        ids = _likert_ids(instruments) + [f"{s.id}.{o.id}" for s, o in _options(instruments)]
        return {k: np.full(n, float(value)) for k in ids}, None

    return answers


def _extremes(instruments, n, rng):
    ids = _likert_ids(instruments) + [f"{s.id}.{o.id}" for s, o in _options(instruments)]
    return {k: rng.choice([1.0, 5.0], n) for k in ids}, None


def _random(instruments, n, rng):
    ids = _likert_ids(instruments) + [f"{s.id}.{o.id}" for s, o in _options(instruments)]
    return {k: rng.integers(1, 6, n).astype(float) for k in ids}, None


def _by_length(language):
    def answers(instruments, n, rng):
        # Statements at the midpoint; each scenario's options rated 1 (shortest)
        # to 5 (longest) by their length in the candidate's language.
        out = {k: np.full(n, 3.0) for k in _likert_ids(instruments)}
        for instrument in instruments:
            for scenario in instrument.scenarios:
                lengths = np.array([len(o.text[language]) for o in scenario.options])
                rank = lengths.argsort().argsort()
                ratings = 1 + np.round(4 * rank / (len(lengths) - 1))
                for option, rating in zip(scenario.options, ratings, strict=True):
                    out[f"{scenario.id}.{option.id}"] = np.full(n, float(rating))
        return out, None

    return answers


def _straight_per_page(instruments, n, rng):
    out = {}
    for instrument in instruments:
        for group in page_groups(instrument):
            value = rng.integers(1, 6, n).astype(float)
            for answer_id in group.answer_ids:
                out[answer_id] = value
    return out, None


def _reversed_key(instruments, n, rng):
    out = {}
    for instrument in instruments:
        rs = instrument.response_scale
        for item in instrument.items:
            out[item.id] = np.full(n, float(rs.min if item.key > 0 else rs.max))
        eff = instrument.effectiveness_scale
        for scenario in instrument.scenarios:
            for option in scenario.options:
                out[f"{scenario.id}.{option.id}"] = np.full(
                    n, float(eff.min + eff.max - option.rating)
                )
    for item_id in _likert_ids(instruments):
        out.setdefault(item_id, np.full(n, 3.0))
    return out, None


def _too_fast(instruments, n, rng):
    answers = simulate_answers(instruments, n, rng)
    sizes = np.array([len(g.answer_ids) for i in instruments for g in page_groups(i)], float)
    seconds = np.tile(sizes * TOO_FAST_SECONDS_PER_ITEM, (n, 1))
    return answers, seconds


STRATEGIES: tuple[Strategy, ...] = (
    Strategy("midpoint", "every answer 3", _constant(3), withheld_expected=True),
    Strategy("all agree", "every answer 5", _constant(5), withheld_expected=True),
    Strategy("extremes", "every answer 1 or 5 at random", _extremes, draws=DRAWS),
    Strategy("length only (en)", "statements 3, options by English length", _by_length("en")),
    Strategy("length only (fi)", "statements 3, options by Finnish length", _by_length("fi")),
    Strategy("random", "every answer uniform 1-5", _random, DRAWS, withheld_expected=True),
    Strategy(
        "straight per page",
        "one random option per page, all the way down",
        _straight_per_page,
        DRAWS,
        withheld_expected=True,
    ),
    Strategy("reversed key", "the opposite of the key everywhere", _reversed_key),
    Strategy(
        "too fast",
        f"simulated honest answers at {TOO_FAST_SECONDS_PER_ITEM:g} s per item",
        _too_fast,
        DRAWS,
        withheld_expected=True,
        scored=False,
    ),
)


def norm_sample_medians(instruments: Sequence[Instrument]) -> dict[str, float]:
    """Median raw score per scale of the simulated norm sample."""
    answers = simulate_answers(instruments, NORM_SAMPLE_N, np.random.default_rng(NORM_SAMPLE_SEED))
    results = score_candidates(instruments, answers)
    scales = list(results[0]["scales"])
    return {
        s: float(np.nanmedian(np.array([r["scales"][s]["raw"] for r in results], dtype=float)))
        for s in scales
    }


@dataclass
class StrategyResult:
    strategy: Strategy
    results: list[dict]
    """The scorecards of every draw."""

    def raw(self, scale: str) -> np.ndarray:
        return np.array([r["scales"][scale]["raw"] for r in self.results], dtype=float)

    def percentile(self, scale: str) -> np.ndarray:
        return np.array([r["scales"][scale]["percentile"] for r in self.results], dtype=float)

    def bands(self) -> list[str | None]:
        """The fit band of each draw, or None where it is withheld (or none)."""
        return [r["fit"]["band"] for r in self.results]

    def underlying_bands(self, role: RoleProfile) -> list[str | None]:
        """The band each draw's composite reaches, withheld or not (the
        role's rule: the highest band whose minimum the composite reaches,
        skipping bands that need every bar when one is missed)."""
        out = []
        for r in self.results:
            fit = r["fit"]
            reached = [
                b
                for b in role.fit_bands
                if fit["composite"] is not None
                and fit["composite"] >= b.min
                and (fit["all_bars_met"] or not b.requires_all_bars)
            ]
            out.append(max(reached, key=lambda b: b.min).id if reached else None)
        return out

    def withheld(self) -> int:
        return sum(1 for r in self.results if r["fit"]["withheld"] is not None)


def run_strategy(
    strategy: Strategy, instruments: Sequence[Instrument], role: RoleProfile, seed: int = 0
) -> StrategyResult:
    """Score ``strategy.draws`` candidates answering by ``strategy``."""
    # Likert instruments first, as the population model expects.
    ordered = sorted(instruments, key=lambda i: bool(i.scenarios))
    responses, seconds = strategy.answers(ordered, strategy.draws, np.random.default_rng(seed))
    per_page = None
    if seconds is not None:
        per_page = np.array([len(g.answer_ids) for i in ordered for g in page_groups(i)])
    results = score_candidates(
        ordered, responses, role=role, page_seconds=seconds, items_per_page=per_page
    )
    return StrategyResult(strategy, results)
