"""Where each answer of an instrument goes: item matrices, keys and the
scale (or facet) each item scores, built once per instrument.

Everything a scoring call needs from the frozen :mod:`questionnaires.model`
dataclasses is turned here into index arrays, so the scoring itself is a few
matrix operations over all candidates at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from questionnaires.model import Band, Instrument, Scale

LIKERT = "likert"
JUDGEMENT = "judgement"


@dataclass(frozen=True)
class Column:
    """One reported score: a scale, or a facet of a scale (``parent`` set)."""

    id: str
    instrument: Instrument
    kind: str
    bands: tuple[Band, ...]
    parent: str | None = None

    @property
    def name(self):
        """The scale's (or facet's) name, per language."""
        scale = self.instrument.scale(self.parent or self.id)
        if self.parent is None:
            return scale.name
        return next(f for f in scale.facets if f.id == self.id).name

    @property
    def metric(self) -> str:
        if self.kind == JUDGEMENT:
            return "0-100"
        rs = self.instrument.response_scale
        return f"mean {rs.min}-{rs.max}"

    @property
    def low(self) -> float:
        return 0.0 if self.kind == JUDGEMENT else float(self.instrument.response_scale.min)

    @property
    def high(self) -> float:
        return 100.0 if self.kind == JUDGEMENT else float(self.instrument.response_scale.max)


@dataclass(frozen=True)
class LikertLayout:
    """Scored Likert items of one instrument and the scales/facets they feed."""

    item_ids: tuple[str, ...]
    keys: np.ndarray  # (k,) +1 / -1
    scale_of_item: np.ndarray  # (k,) index into scales
    scales: tuple[Scale, ...]
    facet_of_item: np.ndarray  # (k,) index into facets, -1 = no facet
    facets: tuple[tuple[str, str], ...]  # (scale id, facet id)


@dataclass(frozen=True)
class JudgementLayout:
    """Scenario options of one instrument: answer ids, expert ratings, and the
    scenario and scale each option belongs to."""

    option_ids: tuple[str, ...]
    expert: np.ndarray  # (m,) expert effectiveness rating
    scenario_of_option: np.ndarray  # (m,) index into scenarios
    scenarios: tuple[str, ...]
    scale_of_scenario: np.ndarray  # (q,) index into scales
    scales: tuple[Scale, ...]


def likert_layout(instrument: Instrument) -> LikertLayout | None:
    """The scored-item layout, or None when the instrument has no Likert scale."""
    if not instrument.items:
        return None
    scales = tuple(s for s in instrument.scales if instrument.scale_items(s.id))
    scale_index = {s.id: i for i, s in enumerate(scales)}
    facets = tuple((s.id, f.id) for s in scales for f in s.facets)
    facet_index = {pair: i for i, pair in enumerate(facets)}
    items = instrument.items
    return LikertLayout(
        item_ids=tuple(item.id for item in items),
        keys=np.array([item.key for item in items], dtype=np.int64),
        scale_of_item=np.array([scale_index[item.scale] for item in items], dtype=np.int64),
        scales=scales,
        facet_of_item=np.array(
            [facet_index.get((item.scale, item.facet), -1) for item in items], dtype=np.int64
        ),
        facets=facets,
    )


def judgement_layout(instrument: Instrument) -> JudgementLayout | None:
    """The scenario-option layout, or None when the instrument has no scenarios."""
    if not instrument.scenarios:
        return None
    used = {sc.scale for sc in instrument.scenarios}
    scales = tuple(s for s in instrument.scales if s.id in used)
    scale_index = {s.id: i for i, s in enumerate(scales)}
    option_ids, expert, scenario_of_option = [], [], []
    for q, scenario in enumerate(instrument.scenarios):
        for option in scenario.options:
            option_ids.append(f"{scenario.id}.{option.id}")
            expert.append(option.rating)
            scenario_of_option.append(q)
    return JudgementLayout(
        option_ids=tuple(option_ids),
        expert=np.array(expert, dtype=float),
        scenario_of_option=np.array(scenario_of_option, dtype=np.int64),
        scenarios=tuple(sc.id for sc in instrument.scenarios),
        scale_of_scenario=np.array(
            [scale_index[sc.scale] for sc in instrument.scenarios], dtype=np.int64
        ),
        scales=scales,
    )


def answer_matrix(responses: Mapping[str, np.ndarray], ids: Sequence[str], n: int) -> np.ndarray:
    """(n, len(ids)) float matrix of the answers; an id not in ``responses`` is all NaN."""
    X = np.full((n, len(ids)), np.nan)
    for j, answer_id in enumerate(ids):
        column = responses.get(answer_id)
        if column is not None:
            X[:, j] = column
    return X


def known_answer_ids(instruments: Sequence[Instrument]) -> set[str]:
    """Every answer id the instruments ask (items, validity items, options)."""
    ids: set[str] = set()
    for instrument in instruments:
        ids.update(item.id for item in instrument.all_likert_items)
        ids.update(f"{sc.id}.{o.id}" for sc in instrument.scenarios for o in sc.options)
    return ids


def candidate_count(
    responses: Mapping[str, np.ndarray], page_seconds: np.ndarray | None = None
) -> int:
    """Number of candidates; every answer array must be (n,)."""
    lengths = {}
    for answer_id, column in responses.items():
        column = np.asarray(column)
        if column.ndim != 1:
            raise ValueError(f"responses[{answer_id!r}] must be a 1-D array; got {column.ndim}-D")
        lengths[answer_id] = column.shape[0]
    sizes = set(lengths.values())
    if len(sizes) > 1:
        raise ValueError(f"answer arrays differ in length: {sorted(sizes)}")
    if sizes:
        return sizes.pop()
    if page_seconds is not None:
        return int(np.asarray(page_seconds).shape[0])
    return 0
