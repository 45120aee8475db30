"""Score candidates: instruments and answers in, the JSON-ready scorecard out.

All arithmetic runs over every candidate at once (numpy arrays of shape
(n,) or (n, k)); only the last step builds one dict per candidate.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from assess.scorecard import jsonsafe
from assess.scorecard.fitblock import fit_block, withhold_bands
from assess.scorecard.judgement import judgement_blocks, judgement_columns
from assess.scorecard.layout import (
    LIKERT,
    Column,
    answer_matrix,
    candidate_count,
    known_answer_ids,
    likert_layout,
)
from assess.scorecard.norming import (
    Measurement,
    band_dict,
    band_index,
    intervals,
    measurement,
    norm_label,
    normed,
)
from assess.scorecard.validityblock import validity_block
from assess.scoring.scales import reverse_key, scale_scores
from questionnaires.model import Instrument, RoleProfile, ScaleNorm

SCORING_VERSION = "1.0"
NO_NORM_NOTE = "No norm group: raw scores with criterion-referenced bands"


@dataclass
class ScoredColumn:
    """One scale or facet scored for all candidates, with what follows from it."""

    column: Column
    raw: np.ndarray  # (n,)
    n_answered: np.ndarray  # (n,) int
    n_items: int
    min_answered: float
    items: np.ndarray | None  # (n, k) keyed item scores, for a batch reliability
    unit: str = "items"
    norm: ScaleNorm | None = None
    error: Measurement | None = None
    derived: dict = field(default_factory=dict)

    @property
    def needed(self) -> int:
        return max(1, math.ceil(self.min_answered * self.n_items - 1e-9))

    def missing_reason(self, answered: int) -> str:
        return (
            f"{answered} of {self.n_items} {self.unit} answered; at least {self.needed} "
            f"({self.min_answered:.0%}) needed to score"
        )


def likert_columns(instrument: Instrument, responses, n: int) -> list[ScoredColumn]:
    """Scales and facets of the instrument's Likert items."""
    layout = likert_layout(instrument)
    if layout is None:
        return []
    rs = instrument.response_scale
    X = answer_matrix(responses, layout.item_ids, n)
    keyed = np.where(layout.keys < 0, reverse_key(X, rs.min, rs.max), X)
    common = {"low": rs.min, "high": rs.max, "min_answered": instrument.min_answered}
    scores = scale_scores(X, layout.keys, layout.scale_of_item, len(layout.scales), **common)
    out = []
    for s, scale in enumerate(layout.scales):
        column = Column(scale.id, instrument, LIKERT, scale.bands)
        members = layout.scale_of_item == s
        out.append(
            ScoredColumn(
                column,
                scores.score[:, s],
                scores.n_answered[:, s],
                int(scores.n_items[s]),
                instrument.min_answered,
                keyed[:, members],
            )
        )
    if layout.facets:
        facet_scores = scale_scores(
            X, layout.keys, layout.facet_of_item, len(layout.facets), **common
        )
        for f, (scale_id, facet_id) in enumerate(layout.facets):
            facet = next(x for x in instrument.scale(scale_id).facets if x.id == facet_id)
            column = Column(facet_id, instrument, LIKERT, facet.bands, parent=scale_id)
            out.append(
                ScoredColumn(
                    column,
                    facet_scores.score[:, f],
                    facet_scores.n_answered[:, f],
                    int(facet_scores.n_items[f]),
                    instrument.min_answered,
                    keyed[:, layout.facet_of_item == f],
                )
            )
    return out


def _norm_for(column: Column, norms: Mapping[str, ScaleNorm] | None) -> ScaleNorm | None:
    if norms is not None:
        return norms.get(column.id)
    for norm in column.instrument.norms:
        if norm.scale == column.id:
            return norm
    return None


def norm_basis(scored: Sequence[ScoredColumn]) -> dict:
    """Where the norms of this scoring came from (one summary for all scales)."""
    used = {}
    for sc in scored:
        if sc.norm is not None:
            used.setdefault(norm_label(sc.norm), sc.norm)
    if not used:
        return {"source": None, "note": NO_NORM_NOTE}
    basis = {
        "source": "; ".join(used),
        "n": min(norm.n for norm in used.values()),
        "simulated": any(norm.simulated for norm in used.values()),
    }
    unnormed = [sc.column.id for sc in scored if sc.norm is None and sc.column.parent is None]
    if unnormed:
        basis["note"] = (
            f"No norm for {', '.join(unnormed)}: raw scores with criterion-referenced bands"
        )
    return basis


def _check_unique(ids: Sequence[str], what: str) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(
            f"{what} id(s) {', '.join(repeated)} occur in more than one instrument: "
            "scores would overwrite each other"
        )


def _check_role(instruments: Sequence[Instrument], role: RoleProfile | None) -> None:
    if role is None:
        return
    have = {i.id for i in instruments}
    missing = [i for i in role.instruments if i not in have]
    if missing:
        raise ValueError(
            f"role {role.id} needs instrument(s) {', '.join(missing)}, which were not given"
        )


def score_candidates(
    instruments: Sequence[Instrument],
    responses: Mapping[str, np.ndarray],
    *,
    role: RoleProfile | None = None,
    norms: Mapping[str, ScaleNorm] | None = None,
    page_seconds: np.ndarray | None = None,
    items_per_page: np.ndarray | None = None,
) -> list[dict]:
    """Score ``n`` candidates on ``instruments``; one JSON-ready dict each.

    Parameters
    ----------
    instruments : sequence of Instrument
    responses : mapping of str to ndarray (n,)
        Answer id -> answers of the n candidates (NaN = missing). Likert
        items by item id, scenario options as ``"<scenario>.<option>"``.
        An id the instruments do not ask is an error; an id left out is
        unanswered by everyone.
    role : RoleProfile, optional
        Adds the role-fit block (composite, bars, band, reasons).
    norms : mapping of scale id to ScaleNorm, optional
        Replaces the instruments' own norms. Scales (or facets) without a
        norm get no z/T/sten/percentile and are read against their bands.
    page_seconds : ndarray (n, p), optional
        Seconds each candidate spent on each questionnaire page.
    items_per_page : ndarray (p,), optional
        Items on each page (needed with ``page_seconds``).

    Returns
    -------
    list of dict
        The scorecard of each candidate (see docs/cli.md for the shape).
        Raw scores are on the scale's own metric ("mean 1-5" for a 1-5
        Likert scale, "0-100" for situational judgement).

    Raises
    ------
    ValueError
        For unknown answer ids, arrays of unequal length, answers outside
        the response range, or a role whose instruments are not given.
    """
    instruments = tuple(instruments)
    _check_role(instruments, role)
    n = candidate_count(responses, page_seconds)
    unknown = sorted(set(responses) - known_answer_ids(instruments))
    if unknown:
        raise ValueError(f"answers to ids the instruments do not ask: {', '.join(unknown[:10])}")
    scored: list[ScoredColumn] = []
    for instrument in instruments:
        scored += likert_columns(instrument, responses, n)
        scored += judgement_columns(instrument, responses, n, ScoredColumn)
    _check_unique([sc.column.id for sc in scored if sc.column.parent is None], "scale")
    for sc in scored:
        sc.norm = _norm_for(sc.column, norms)
        sc.error = measurement(sc.norm, sc.items, sc.raw)
        sc.derived = {
            **normed(sc.raw, sc.norm),
            **intervals(sc.raw, sc.error.sem, sc.column.low, sc.column.high),
            "band": band_index(sc.raw, sc.column.bands),
        }
    with _cycle_collection_paused():
        return _scorecards(instruments, responses, scored, n, role, page_seconds, items_per_page)


@contextmanager
def _cycle_collection_paused():
    """Pause Python's cycle collector while the scorecards are built.

    The scorecards are trees of dicts and lists (no reference cycles), freed
    by reference counting as usual; but creating a million containers makes
    the collector scan the growing heap again and again, which took about 40%
    of the time for 10,000 candidates. The collector is process-wide, so the
    pause lasts only for this build and ends even on an error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _scorecards(instruments, responses, scored, n, role, page_seconds, items_per_page):
    basis = norm_basis(scored)
    validity = validity_block(instruments, responses, n, page_seconds, items_per_page)
    judgement = judgement_blocks(instruments, responses, n)
    fit = fit_block(role, scored, n)
    withhold_bands(fit, validity)
    scales = _scale_blocks(scored, n)
    versions = {
        "scoring": SCORING_VERSION,
        "instruments": {i.id: i.version for i in instruments},
        "role": f"{role.id}@{role.version}" if role else None,
    }
    return [
        {
            "scales": scales[i],
            "norm_basis": basis,
            "validity": validity[i],
            "judgement": judgement[i],
            "fit": fit[i],
            "versions": versions,
        }
        for i in range(n)
    ]


def _column_dicts(sc: ScoredColumn, n: int) -> list[dict]:
    """Per-candidate dicts of one scored column (lists built once, per field)."""
    raw = jsonsafe.floats(sc.raw)
    answered = sc.n_answered.astype(int).tolist()
    z, t, pct = (jsonsafe.floats(sc.derived[k]) for k in ("z", "t", "percentile"))
    sten = jsonsafe.ints(sc.derived["sten"])
    ci90, ci95 = jsonsafe.pairs(sc.derived["ci90"]), jsonsafe.pairs(sc.derived["ci95"])
    bands = [band_dict(b) for b in sc.column.bands]
    band = [bands[b] if b >= 0 else None for b in sc.derived["band"].tolist()]
    sem = sc.error.sem
    norm = None
    if sc.norm is not None:
        norm = {"source": norm_label(sc.norm), "n": sc.norm.n, "simulated": sc.norm.simulated}
    # Fields that do not vary by candidate are looked up once, not n times.
    instrument, metric, n_items = sc.column.instrument.id, sc.column.metric, sc.n_items
    reason_scored, basis = sc.error.reason, sc.error.basis
    out = []
    for i in range(n):
        scored = raw[i] is not None
        out.append(
            {
                "instrument": instrument,
                "metric": metric,
                "raw": raw[i],
                "n_answered": answered[i],
                "n_items": n_items,
                "reason": reason_scored if scored else sc.missing_reason(answered[i]),
                "sem": sem if scored else None,
                "sem_basis": basis if scored else None,
                "ci90": ci90[i],
                "ci95": ci95[i],
                "z": z[i],
                "t": t[i],
                "sten": sten[i],
                "percentile": pct[i],
                "norm": norm,
                "band": band[i],
            }
        )
    return out


def _scale_blocks(scored: Sequence[ScoredColumn], n: int) -> list[dict]:
    blocks: list[dict] = [{} for _ in range(n)]
    facets: dict[str, list[ScoredColumn]] = {}
    for sc in scored:
        if sc.column.parent is not None:
            facets.setdefault(sc.column.parent, []).append(sc)
    for sc in scored:
        if sc.column.parent is not None:
            continue
        rows = _column_dicts(sc, n)
        facet_rows = {f.column.id: _column_dicts(f, n) for f in facets.get(sc.column.id, [])}
        for i in range(n):
            rows[i]["facets"] = {fid: fr[i] for fid, fr in facet_rows.items()}
            blocks[i][sc.column.id] = rows[i]
    return blocks


def score_answers(
    instruments: Sequence[Instrument],
    answers: Mapping[str, int | None],
    *,
    role: RoleProfile | None = None,
    norms: Mapping[str, ScaleNorm] | None = None,
    page_seconds: Mapping[str, float] | None = None,
    items_per_page: Mapping[str, int] | None = None,
) -> dict:
    """Score one candidate (the web app at final submit, the demo).

    Parameters
    ----------
    answers : mapping of answer id to int or None
        None (or an id left out) is a missing answer.
    page_seconds, items_per_page : mapping of page key to float / int, optional
        Time spent on each page and the number of items on it (same keys);
        without ``items_per_page`` no speed check is made.

    Returns
    -------
    dict
        The scorecard, as one element of :func:`score_candidates`. With one
        candidate there is no batch, so a scale whose norm gives no
        reliability has a null SEM (with the reason).
    """
    # Every asked id starts missing, so a candidate who answered nothing
    # still gets a scorecard (of null scores with reasons).
    responses = {key: np.array([np.nan]) for key in known_answer_ids(instruments)}
    for key, value in answers.items():
        responses[key] = np.array([np.nan if value is None else float(value)])
    seconds = per_page = None
    if page_seconds and items_per_page:
        pages = [p for p in page_seconds if p in items_per_page]
        seconds = np.array([[float(page_seconds[p]) for p in pages]])
        per_page = np.array([int(items_per_page[p]) for p in pages])
    return score_candidates(
        instruments,
        responses,
        role=role,
        norms=norms,
        page_seconds=seconds,
        items_per_page=per_page,
    )[0]
