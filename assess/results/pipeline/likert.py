"""The Likert items of all instruments in one fused pass.

Every Likert answer (scored items and the validity items of impression
management and instructed responses) goes into one matrix, which
:func:`assess.scoring.batch.score_matrix` reads once: the scale and facet
scores (an item feeds its scale and its facet through one membership
matrix), long-string and IRV over every Likert answer, even-odd consistency
on the keyed scored items with halves split within each facet (or the scale,
for items without a facet), and Mahalanobis D² over the scored items.

D² is taken against the batch's own mean and covariance, and only when the
batch has at least ``max(30, 2k)`` candidates with every scored item
answered (otherwise null: one candidate cannot be unusual on its own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assess.results.pipeline.layout import LIKERT, Column, answer_matrix
from assess.scoring.batch import MatrixScores, score_matrix
from questionnaires.model import Instrument

MAHALANOBIS_MIN_COMPLETE = 30


@dataclass(frozen=True)
class LikertColumn:
    """One Likert scale or facet: its column of the pass and its items."""

    column: Column
    index: int  # column of the membership matrix
    members: np.ndarray  # (k,) bool: items of the matrix it scores
    keys: np.ndarray  # (k,) +1 / -1 over the whole matrix


@dataclass(frozen=True)
class LikertPass:
    """The fused pass over every Likert answer and what it scored."""

    answers: np.ndarray  # (n, k) raw answers, NaN = missing
    columns: tuple[LikertColumn, ...]
    scores: MatrixScores
    low: float
    high: float
    min_answered: float

    def keyed_items(self, lc: LikertColumn) -> np.ndarray:
        """(n, k_scale) keyed answers of one column's items (``low + high - x``
        for a reverse-keyed item), for a reliability from the batch."""
        x = self.answers[:, lc.members]
        reverse = lc.keys[lc.members] < 0
        return np.where(reverse, self.low + self.high - x, x)


def _layout(instruments: Sequence[Instrument]):
    """Answer ids, keys, membership (k, columns), half labels, D² items and
    the columns (scales, each followed by its facets)."""
    ids, keys, half_labels, places, columns = [], [], [], [], []
    index: dict[tuple, int] = {}
    for instrument in instruments:
        if not instrument.items:
            continue
        for scale in instrument.scales:
            if not instrument.scale_items(scale.id):
                continue
            index[(instrument.id, scale.id)] = len(columns)
            columns.append(Column(scale.id, instrument, LIKERT, scale.bands))
            for facet in scale.facets:
                index[(instrument.id, scale.id, facet.id)] = len(columns)
                columns.append(Column(facet.id, instrument, LIKERT, facet.bands, parent=scale.id))
        scored = {item.id: item for item in instrument.items}
        for item in instrument.all_likert_items:
            own = scored.get(item.id)
            ids.append(item.id)
            keys.append(1 if own is None else own.key)
            half_labels.append(None if own is None else f"{instrument.id}:{own.facet or own.scale}")
            places.append(
                ()
                if own is None
                else (
                    index[(instrument.id, own.scale)],
                    index.get((instrument.id, own.scale, own.facet), -1),
                )
            )
    membership = np.zeros((len(ids), len(columns)))
    for j, place in enumerate(places):
        for c in place:
            if c >= 0:
                membership[j, c] = 1.0
    on = np.array([bool(place) for place in places])
    return ids, np.asarray(keys, dtype=np.int64), membership, half_labels, on, tuple(columns)


def likert_layout_columns(instruments: Sequence[Instrument]) -> tuple[Column, ...]:
    """The Likert scales and facets the pass scores, in its column order."""
    return _layout(instruments)[-1]


def _common(instruments: Sequence[Instrument]) -> tuple[float, float, float]:
    likert = [i for i in instruments if i.items]
    ranges = {(i.response_scale.min, i.response_scale.max, i.min_answered) for i in likert}
    if len(ranges) > 1:
        raise ValueError(
            "Likert instruments scored together must share one response scale and "
            f"min_answered rule; got {sorted(ranges)}"
        )
    low, high, min_answered = ranges.pop()
    return float(low), float(high), float(min_answered)


def likert_pass(
    instruments: Sequence[Instrument],
    responses: Mapping[str, np.ndarray],
    n: int,
    norms: Sequence | None = None,
) -> LikertPass | None:
    """Score every Likert scale and facet and the answer-pattern indices.

    Parameters
    ----------
    norms : sequence of (mean, sd, reliability), optional
        Per column in the order of the returned ``columns``, on the raw
        metric; None where the column has no such norm. Only what the pass
        can use directly (T, sten, normal percentile, SEM); see
        :mod:`assess.results.pipeline.norming` for the rest.
    """
    ids, keys_arr, membership, half_labels, on, columns = _layout(instruments)
    if not columns:
        return None
    low, high, min_answered = _common(instruments)
    X = answer_matrix(responses, ids, n)
    complete = int((~np.isnan(X[:, on]).any(axis=1)).sum()) if n else 0
    enough = complete >= max(MAHALANOBIS_MIN_COMPLETE, 2 * int(on.sum()))
    mean, sd, rel = _norm_arrays(norms, len(columns))
    scores = score_matrix(
        X,
        keys_arr,
        membership,
        len(columns),
        low=low,
        high=high,
        norm_mean=mean,
        norm_sd=sd,
        reliability=rel,
        min_answered=min_answered,
        reference=None if enough else False,
        half_labels=half_labels,
        distance_items=on,
    )
    out = tuple(
        LikertColumn(column, c, membership[:, c] > 0, keys_arr) for c, column in enumerate(columns)
    )
    return LikertPass(X, out, scores, low, high, min_answered)


def _norm_arrays(norms, count):
    """Norm mean, SD and reliability per column; a column without them gets
    placeholders (0, 1, 0) whose results the caller replaces."""
    mean, sd, rel = np.zeros(count), np.ones(count), np.zeros(count)
    for c, norm in enumerate(norms or ()):
        if norm is not None:
            mean[c], sd[c], rel[c] = norm
    return mean, sd, rel
