"""A simulated applicant population for the shipped instruments.

One model of how honest applicants answer, used wherever the project needs
simulated people: the shipped norms (``scripts/simulate_norms.py``, labelled
SIMULATED), the demo candidates, and the coaching-strategy benchmark and
tests, which compare test-wise answering with this population's median.
Nothing here is data about real people.

The model, per candidate:

- **Likert statements**: a trait per scale (standard normal; the two scales
  correlate ``SCALE_CORRELATION``), a facet trait per facet
  (``sqrt(FACET_SHARE)`` of the scale trait plus independent noise), and
  answers from Samejima's graded response model with slopes uniform in
  ``SLOPES`` and item locations ``N(ITEM_LOCATION, 0.4)`` (applicants agree
  with most service statements: the mean answer is about 3.8 on 1-5).
  Reverse-keyed items are answered on the reversed scale. Impression
  management items are answered mostly low, instructed items as asked.
- **Scenario ratings**: a judgement skill per judgement scale, correlated
  ``JUDGEMENT_LINK`` with the matching Likert trait. The candidate perceives
  option ``j`` as its key plus noise with SD
  ``OPTION_NOISE * exp(-SKILL_EFFECT * skill)`` (more skill, less noise),
  then rates it with a personal level (elevation) and spread (scatter),
  rounded and held in 1-5. Skill drives the order of the ratings; level and
  spread vary independently, as response styles do.

All parameters are module constants, so a re-run with the same seed gives
the same people, and the norms can be re-derived after an item change.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assess.scoring.simulate import simulate_graded_response
from questionnaires.model import Instrument

SCALE_CORRELATION = 0.5
FACET_SHARE = 0.7
SLOPES = (1.2, 2.4)
ITEM_LOCATION = -1.0
ITEM_LOCATION_SD = 0.4
STEPS = (-1.6, -0.6, 0.4, 1.4)
IM_ANSWER_SHARES = (0.30, 0.35, 0.20, 0.10, 0.05)
JUDGEMENT_LINK = 0.5
OPTION_NOISE = 2.4  # rating points, for a candidate of average skill
SKILL_EFFECT = 0.7
ELEVATION = (0.3, 0.35)  # mean and SD of the rating level's shift from the middle
SPREAD = 0.6  # rating points per perceived point, for an average rater
SCATTER_SD = 0.25  # SD of log(spread) across candidates
LIKERT_SEED_OFFSET = 1
"""Instruments are simulated in the order given, from one generator."""


def _correlated(rng: np.random.Generator, base: np.ndarray, r: float) -> np.ndarray:
    return r * base + np.sqrt(1.0 - r * r) * rng.standard_normal(base.shape[0])


def _likert_answers(instrument: Instrument, traits: dict, n: int, rng) -> dict[str, np.ndarray]:
    rs = instrument.response_scale
    points = rs.max - rs.min + 1
    steps = np.interp(np.linspace(0, 1, points - 1), np.linspace(0, 1, len(STEPS)), STEPS)
    columns: dict[str, np.ndarray] = {}
    facet_traits: dict[tuple[str, str | None], np.ndarray] = {}
    for scale in instrument.scales:
        if not instrument.scale_items(scale.id):
            continue
        if scale.id not in traits:
            base = traits.get("_first")
            traits[scale.id] = (
                rng.standard_normal(n)
                if base is None
                else _correlated(rng, base, SCALE_CORRELATION)
            )
            traits.setdefault("_first", traits[scale.id])
        for facet in (*scale.facets, None):
            key = (scale.id, facet.id if facet else None)
            facet_traits[key] = (
                _correlated(rng, traits[scale.id], np.sqrt(FACET_SHARE))
                if facet
                else traits[scale.id]
            )
    for item in instrument.items:
        theta = facet_traits[(item.scale, item.facet)]
        slope = rng.uniform(*SLOPES, 1)
        thresholds = (rng.normal(ITEM_LOCATION, ITEM_LOCATION_SD) + steps)[None, :]
        x = simulate_graded_response(theta, slope, thresholds, rng=rng)[:, 0].astype(float)
        x += rs.min - 1
        columns[item.id] = x if item.key > 0 else rs.min + rs.max - x
    im = instrument.validity.impression_management
    shares = np.interp(np.arange(points), np.arange(len(IM_ANSWER_SHARES)), IM_ANSWER_SHARES)
    shares /= shares.sum()
    for item in im.items if im else ():
        columns[item.id] = rs.min + rng.choice(points, size=n, p=shares).astype(float)
    for item in instrument.validity.instructed:
        columns[item.id] = np.full(n, float(item.expected))
    return columns


def _scenario_ratings(instrument: Instrument, traits: dict, n: int, rng) -> dict[str, np.ndarray]:
    eff = instrument.effectiveness_scale
    low, high = (eff.min, eff.max) if eff else (1, 5)
    middle = (low + high) / 2
    likert = [v for k, v in traits.items() if not k.startswith("_")]
    columns: dict[str, np.ndarray] = {}
    judgement_scales = [s for s in instrument.scales if instrument.scenarios]
    judgement_scales = [
        s for s in judgement_scales if any(sc.scale == s.id for sc in instrument.scenarios)
    ]
    for position, scale in enumerate(judgement_scales):
        scenarios = [s for s in instrument.scenarios if s.scale == scale.id]
        # Judgement skill follows the Likert trait in the same position (the
        # first judgement scale the first Likert scale), or stands alone.
        base = likert[position % len(likert)] if likert else rng.standard_normal(n)
        skill = _correlated(rng, base, JUDGEMENT_LINK)
        noise = OPTION_NOISE * np.exp(-SKILL_EFFECT * skill)
        level = middle + rng.normal(*ELEVATION, n)
        spread = SPREAD * np.exp(rng.normal(0.0, SCATTER_SD, n))
        for scenario in scenarios:
            for option in scenario.options:
                perceived = option.rating - middle + noise * rng.standard_normal(n)
                rating = level + spread * perceived
                columns[f"{scenario.id}.{option.id}"] = np.clip(np.round(rating), low, high)
    return columns


def simulate_answers(
    instruments: Sequence[Instrument], n: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Answer id -> answers (n,) of ``n`` simulated honest applicants.

    Parameters
    ----------
    instruments : sequence of Instrument
        Likert instruments first, so the scenario skills can follow their traits.
    n : int
        Candidates.
    rng : numpy.random.Generator
        Seeded for reproducible people.

    Returns
    -------
    dict of str to ndarray (n,)
        Likert answers on the response scale and scenario ratings on the
        effectiveness scale, as :func:`assess.results.pipeline.score_candidates`
        takes them; no answer is missing.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive integer; got {n!r}")
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    traits: dict[str, np.ndarray] = {}
    columns: dict[str, np.ndarray] = {}
    for instrument in instruments:
        if instrument.items:
            columns.update(_likert_answers(instrument, traits, n, rng))
    for instrument in instruments:
        if instrument.scenarios:
            columns.update(_scenario_ratings(instrument, traits, n, rng))
    return columns
