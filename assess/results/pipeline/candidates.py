"""The scoring pipeline: instruments and answers in, result records out.

Two stages. :func:`score_arrays` does all arithmetic over every candidate at
once (numpy arrays of shape (n,) or (n, k)): the Likert answers go through
the fused one-pass :func:`assess.scoring.batch.score_matrix`, the scenario
options through :func:`assess.scoring.sjt.sjt_scores`, then norms,
measurement error, bands, validity flags and role fit. :func:`build_records`
then builds one result record per candidate (:mod:`assess.results.record`
defines it). Every caller that scores answers goes through here: final
submit, bulk re-scoring, ``assess score``, ``assess report --responses``,
the demo and the scoring benchmark.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from assess.results.pipeline.fitblock import fit_block, withhold_bands
from assess.results.pipeline.judgement import judgement_blocks, judgement_columns
from assess.results.pipeline.layout import Column, candidate_count, known_answer_ids
from assess.results.pipeline.likert import LikertPass, likert_layout_columns, likert_pass
from assess.results.pipeline.norming import (
    Measurement,
    band_index,
    intervals,
    measurement,
    norm_label,
    normed,
)
from assess.results.pipeline.recordbuild import scale_blocks
from assess.results.pipeline.validityblock import validity_block
from questionnaires.model import Instrument, RoleProfile, ScaleNorm

SCORING_VERSION = "2.0"
NO_NORM_NOTE = "No norm group: raw scores with criterion-referenced bands"


@dataclass
class ScoredColumn:
    """One scale or facet scored for all candidates, with what follows from it."""

    column: Column
    raw: np.ndarray  # (n,)
    n_answered: np.ndarray  # (n,) int
    n_items: int
    min_answered: float
    item_scores: Callable[[], np.ndarray] | None  # keyed (n, k) item scores, on demand
    unit: str = "items"
    norm: ScaleNorm | None = None
    error: Measurement | None = None
    derived: dict = field(default_factory=dict)

    @property
    def items(self) -> np.ndarray | None:
        """Keyed item (or scenario) scores (n, k), NaN = missing."""
        return None if self.item_scores is None else self.item_scores()

    @property
    def needed(self) -> int:
        return max(1, math.ceil(self.min_answered * self.n_items - 1e-9))

    def missing_reason(self, answered: int) -> str:
        return (
            f"{answered} of {self.n_items} {self.unit} answered; at least {self.needed} "
            f"({self.min_answered:.0%}) needed to score"
        )


@dataclass
class ScoredBatch:
    """:func:`score_arrays`' result: every number of every candidate, as arrays."""

    instruments: tuple[Instrument, ...]
    responses: Mapping[str, np.ndarray]
    n: int
    role: RoleProfile | None
    columns: list[ScoredColumn]
    likert: LikertPass | None
    page_seconds: np.ndarray | None = None
    items_per_page: np.ndarray | None = None
    page_keys: tuple[str, ...] | None = None


def likert_columns(
    instruments: Sequence[Instrument],
    responses: Mapping[str, np.ndarray],
    n: int,
    norms: Mapping[str, ScaleNorm] | None = None,
) -> tuple[list[ScoredColumn], LikertPass | None]:
    """Every Likert scale and facet of ``instruments`` from one fused pass."""
    columns = likert_layout_columns(instruments)
    if not columns:
        return [], None
    chosen = [_norm_for(column, norms) for column in columns]
    direct = [
        (norm.mean, norm.sd, norm.reliability or 0.0) if _pass_normed(norm) else None
        for norm in chosen
    ]
    done = likert_pass(instruments, responses, n, direct)
    out = []
    for lc, norm in zip(done.columns, chosen, strict=True):
        c = lc.index
        sc = ScoredColumn(
            lc.column,
            done.scores.scales.score[:, c],
            done.scores.scales.n_answered[:, c],
            int(done.scores.scales.n_items[c]),
            done.min_answered,
            lambda lc=lc: done.keyed_items(lc),
            norm=norm,
        )
        if _pass_normed(norm):
            sc.derived = {
                "z": (sc.raw - norm.mean) / norm.sd,
                "t": done.scores.t[:, c],
                "sten": done.scores.sten[:, c],
                "percentile": done.scores.percentile[:, c],
            }
        out.append(sc)
    return out, done


def _pass_normed(norm: ScaleNorm | None) -> bool:
    """Whether the fused pass gives this norm's T, sten and percentile (mean
    and SD, normal-curve percentiles); others go through :func:`normed`."""
    return (
        norm is not None and norm.mean is not None and norm.sd is not None and not norm.percentiles
    )


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


def score_arrays(
    instruments: Sequence[Instrument],
    responses: Mapping[str, np.ndarray],
    *,
    role: RoleProfile | None = None,
    norms: Mapping[str, ScaleNorm] | None = None,
    page_seconds: np.ndarray | None = None,
    items_per_page: np.ndarray | None = None,
    page_keys: Sequence[str] | None = None,
) -> ScoredBatch:
    """Score ``n`` candidates on ``instruments``: every number, as arrays.

    Parameters are those of :func:`score_candidates`; ``page_keys`` names
    the columns of ``page_seconds`` in the records (default "1", "2", ...).
    """
    instruments = tuple(instruments)
    _check_role(instruments, role)
    n = candidate_count(responses, page_seconds)
    unknown = sorted(set(responses) - known_answer_ids(instruments))
    if unknown:
        raise ValueError(f"answers to ids the instruments do not ask: {', '.join(unknown[:10])}")
    scored, likert = likert_columns(instruments, responses, n, norms)
    for instrument in instruments:
        for sc in judgement_columns(instrument, responses, n, ScoredColumn):
            sc.norm = _norm_for(sc.column, norms)
            scored.append(sc)
    _check_unique([sc.column.id for sc in scored if sc.column.parent is None], "scale")
    for sc in scored:
        complete = sc.n_answered >= sc.n_items if sc.unit == "items" else None
        sc.error = measurement(sc.norm, sc.raw, sc.item_scores, complete)
        sc.derived = {
            **(sc.derived or normed(sc.raw, sc.norm)),
            **intervals(sc.raw, sc.error.sem, sc.column.low, sc.column.high),
            "band": band_index(sc.raw, sc.column.bands),
        }
    if page_seconds is not None and page_keys is None:
        page_keys = [str(p + 1) for p in range(np.shape(page_seconds)[1])]
    return ScoredBatch(
        instruments,
        responses,
        n,
        role,
        scored,
        likert,
        page_seconds,
        items_per_page,
        None if page_keys is None else tuple(page_keys),
    )


def score_candidates(
    instruments: Sequence[Instrument],
    responses: Mapping[str, np.ndarray],
    *,
    role: RoleProfile | None = None,
    norms: Mapping[str, ScaleNorm] | None = None,
    page_seconds: np.ndarray | None = None,
    items_per_page: np.ndarray | None = None,
    page_keys: Sequence[str] | None = None,
) -> list[dict]:
    """Score ``n`` candidates on ``instruments``; one result record each.

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
        Seconds each candidate spent on each questionnaire page (NaN =
        not measured).
    items_per_page : ndarray (p,), optional
        Items on each page (needed with ``page_seconds``).
    page_keys : sequence of str (p,), optional
        The pages' names in the record (default "1", "2", ...).

    Returns
    -------
    list of dict
        The result record of each candidate (docs/result-format.md).
        Raw scores are on the scale's own metric ("mean 1-5" for a 1-5
        Likert scale, "0-100" for situational judgement).

    Raises
    ------
    ValueError
        For unknown answer ids, arrays of unequal length, answers outside
        the response range, or a role whose instruments are not given.
    """
    batch = score_arrays(
        instruments,
        responses,
        role=role,
        norms=norms,
        page_seconds=page_seconds,
        items_per_page=items_per_page,
        page_keys=page_keys,
    )
    return build_records(batch)


def build_records(batch: ScoredBatch) -> list[dict]:
    """One JSON-ready result record per candidate of ``batch``."""
    from assess.results.record import RECORD_VERSION

    with _cycle_collection_paused():
        n = batch.n
        validity = validity_block(
            batch.instruments,
            batch.responses,
            n,
            batch.page_seconds,
            batch.items_per_page,
            batch.likert,
            batch.page_keys,
        )
        judgement = judgement_blocks(batch.instruments, batch.responses, n)
        fit = fit_block(batch.role, batch.columns, n)
        withhold_bands(fit, validity)
        scales = scale_blocks(batch.columns, n)
        basis = norm_basis(batch.columns)
        role = batch.role
        versions = {
            "scoring": SCORING_VERSION,
            "instruments": {i.id: i.version for i in batch.instruments},
            "role": f"{role.id}@{role.version}" if role else None,
        }
        return [
            {
                "record_version": RECORD_VERSION,
                "versions": versions,
                "scales": scales[i],
                "norm_basis": basis,
                "validity": validity[i],
                "judgement": judgement[i],
                "fit": fit[i],
            }
            for i in range(n)
        ]


@contextmanager
def _cycle_collection_paused():
    """Pause Python's cycle collector while the records are built.

    The records are trees of dicts and lists (no reference cycles), freed
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


def score_answers(
    instruments: Sequence[Instrument],
    answers: Mapping[str, int | None],
    *,
    role: RoleProfile | None = None,
    norms: Mapping[str, ScaleNorm] | None = None,
    page_seconds: Mapping[str, float] | None = None,
    items_per_page: Mapping[str, int] | None = None,
) -> dict:
    """Score one candidate: :func:`score_candidates` with a batch of one.

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
        The result record. With one candidate there is no batch, so a scale
        whose norm gives no reliability has a null SEM (with the reason).
    """
    responses, seconds, per_page, keys = answer_arrays(
        [answers], instruments, page_seconds and [page_seconds], items_per_page
    )
    return score_candidates(
        instruments,
        responses,
        role=role,
        norms=norms,
        page_seconds=seconds,
        items_per_page=per_page,
        page_keys=keys,
    )[0]


def answer_arrays(
    answers: Sequence[Mapping[str, int | None]],
    instruments: Sequence[Instrument],
    page_seconds: Sequence[Mapping[str, float | None]] | None = None,
    items_per_page: Mapping[str, int] | None = None,
):
    """Per-candidate answer and page-time mappings as the arrays
    :func:`score_candidates` takes: ``(responses, page_seconds,
    items_per_page, page_keys)``; the last three None without page times.

    Every asked id starts missing, so a candidate who answered nothing
    still gets a record (of null scores with reasons).
    """
    n = len(answers)
    asked = known_answer_ids(instruments)
    responses = {key: np.full(n, np.nan) for key in asked}
    for i, given in enumerate(answers):
        for key, value in given.items():
            if key not in responses:
                responses[key] = np.full(n, np.nan)  # unknown ids are refused later
            responses[key][i] = np.nan if value is None else float(value)
    if not page_seconds or not items_per_page:
        return responses, None, None, None
    keys = sorted(items_per_page, key=_page_order)
    seconds = np.full((n, len(keys)), np.nan)
    for i, times in enumerate(page_seconds):
        for p, key in enumerate(keys):
            value = (times or {}).get(key)
            if value is not None:
                seconds[i, p] = float(value)
    per_page = np.array([int(items_per_page[k]) for k in keys])
    return responses, seconds, per_page, tuple(keys)


def _page_order(key: str):
    return (0, int(key), "") if str(key).isdigit() else (1, 0, str(key))
