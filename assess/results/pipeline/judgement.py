"""Situational-judgement scales (0-100) and the per-scenario summary.

The instrument's ``sjt_scoring`` names the method (docs/sjt-scoring.md):

- ``key_distance``: each rated option scores
  ``100 * (1 - |rating - expert| / (max - min))``
  (:func:`assess.scoring.sjt.sjt_scores`);
- ``standardised_distance``: ratings and key are standardised within the
  candidate over the scale's rated options first, and each option scores
  ``100 * (1 - (z - w)² / 2)``
  (:func:`assess.scoring.sjt.sjt_standardised_scores`), so a scale score is
  ``100 * r`` (held at 0) with r the correlation of the ratings with the key.

A scale is the mean over its rated options, under the instrument's
``min_answered`` rule counted in options. The per-scenario scores, on the
same 0-100 metric, are the "items" from which a batch reliability is
estimated when no norm gives one.
"""

from __future__ import annotations

import numpy as np

from assess.results.pipeline import jsonsafe
from assess.results.pipeline.layout import JUDGEMENT, Column, answer_matrix, judgement_layout
from assess.scoring.sjt import sjt_scores, sjt_standardised_scores

# A scenario's summary score uses every rated option (any share).
_ANY_SHARE = 1e-9


def _effectiveness_range(instrument) -> tuple[int, int]:
    scale = instrument.effectiveness_scale
    return (scale.min, scale.max) if scale else (1, 5)


def _scored(instrument, layout, R, score_of_option, n_scores, min_answered):
    """The instrument's method applied to ``R``, options counted per score."""
    low, high = _effectiveness_range(instrument)
    common = {"low": low, "high": high, "min_answered": min_answered}
    if instrument.sjt_scoring == "standardised_distance":
        scale_of_option = layout.scale_of_scenario[layout.scenario_of_option]
        return sjt_standardised_scores(
            R,
            layout.expert,
            score_of_option,
            n_scores,
            standardise_within=scale_of_option,
            **common,
        )
    return sjt_scores(R, layout.expert, score_of_option, n_scores, **common)


def scenario_scores(instrument, responses, n: int):
    """Per-scenario 0-100 scores (n, q) over rated options, NaN when none
    rated, with the counts of rated options (n, q); None without scenarios."""
    layout = judgement_layout(instrument)
    if layout is None:
        return None
    R = answer_matrix(responses, layout.option_ids, n)
    result = _scored(
        instrument, layout, R, layout.scenario_of_option, len(layout.scenarios), _ANY_SHARE
    )
    return layout, R, result


def judgement_columns(instrument, responses, n: int, scored_column) -> list:
    """The instrument's judgement scales as ``scored_column`` objects."""
    found = scenario_scores(instrument, responses, n)
    if found is None:
        return []
    layout, R, per_scenario = found
    scale_of_option = layout.scale_of_scenario[layout.scenario_of_option]
    scores = _scored(
        instrument, layout, R, scale_of_option, len(layout.scales), instrument.min_answered
    )
    out = []
    for s, scale in enumerate(layout.scales):
        column = Column(scale.id, instrument, JUDGEMENT, scale.bands)
        scenarios = layout.scale_of_scenario == s
        # A scenario counts as an "item" for reliability only when every
        # option of it was rated.
        items = per_scenario.score[:, scenarios].copy()
        items[per_scenario.n_answered[:, scenarios] < per_scenario.n_items[scenarios]] = np.nan
        out.append(
            scored_column(
                column,
                scores.score[:, s],
                scores.n_answered[:, s],
                int(scores.n_items[s]),
                instrument.min_answered,
                lambda items=items: items,
                unit="options",
            )
        )
    return out


def judgement_blocks(instruments, responses, n: int) -> list[dict]:
    """Per candidate: ``{scenario id: {"instrument", "scale", "score",
    "n_rated", "n_options"}}`` over all scenarios of all instruments."""
    blocks: list[dict] = [{} for _ in range(n)]
    for instrument in instruments:
        found = scenario_scores(instrument, responses, n)
        if found is None:
            continue
        layout, _, result = found
        for q, scenario_id in enumerate(layout.scenarios):
            scale_id = layout.scales[layout.scale_of_scenario[q]].id
            score = jsonsafe.floats(result.score[:, q])
            rated = result.n_answered[:, q].tolist()
            options, instrument_id = int(result.n_items[q]), instrument.id
            template = {
                "instrument": instrument_id,
                "scale": scale_id,
                "score": None,
                "n_rated": None,
                "n_options": options,
            }
            for block, value, count in zip(blocks, score, rated, strict=True):
                entry = block[scenario_id] = template.copy()
                entry["score"] = value
                entry["n_rated"] = count
    return blocks
