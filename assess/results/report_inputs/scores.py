"""A stored scorecard (the JSON of :func:`assess.results.pipeline.score_candidates`)
as the report dataclasses: scales with their intervals, fit, validity flags,
strengths, development areas and interview questions.

Numbers are passed on as the engine produced them; only texts are chosen
here (the report's language) and ordered for the reader.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assess.results.report_inputs.texts import localized, text
from questionnaires import scale_metrics
from questionnaires.model import Band, Instrument, RoleProfile
from reports.labels import Labels
from reports.model import (
    FacetScore,
    Fit,
    InterviewQuestion,
    NormBasis,
    ScaleKey,
    ScaleScore,
    ScenarioResult,
    ScoringAppendix,
    ValidityFlag,
)

STRENGTHS_SHOWN = 3
WEAKEST_SHOWN = 3


def _pair(value: Any) -> tuple[float, float] | None:
    if isinstance(value, Sequence) and len(value) == 2 and None not in value:
        return (float(value[0]), float(value[1]))
    return None


def _band_rank(band: Any, bands: Sequence[Band]) -> tuple[str, int | None, str]:
    """Label, 1-based rank (1 = lowest) and text of a stored band."""
    if not isinstance(band, Mapping):
        return "", None, ""
    ordered = sorted(bands, key=lambda b: b.min)
    ids = [b.id for b in ordered]
    rank = ids.index(band.get("id")) + 1 if band.get("id") in ids else None
    return band.get("label"), rank, band.get("text")


def norm_basis(result: Mapping[str, Any]) -> NormBasis:
    """The norm basis as the report shows it. The report labels simulated
    norms in its own words and language, so the engine's "SIMULATED: "
    prefix on the source is dropped here rather than shown twice."""
    basis = result.get("norm_basis") or {}
    simulated = bool(basis.get("simulated"))
    source = basis.get("source")
    if simulated and source:
        # Several norm sources are joined by "; ", each with its own prefix.
        source = "; ".join(part.removeprefix("SIMULATED: ") for part in source.split("; "))
    return NormBasis(source=source, n=basis.get("n"), simulated=simulated)


def scale_scores(
    result: Mapping[str, Any],
    instruments: Sequence[Instrument],
    role: RoleProfile | None,
    language: str,
) -> tuple[ScaleScore, ...]:
    """Every scale of ``instruments`` in their order, with its facets."""
    stored = result.get("scales") or {}
    requirements = {r.scale: r for r in role.requirements} if role else {}
    out = []
    for instrument in instruments:
        metrics = scale_metrics(instrument)
        for scale in instrument.scales:
            block = stored.get(scale.id)
            if block is None:
                continue
            label, rank, band_text = _band_rank(block.get("band"), scale.bands)
            requirement = requirements.get(scale.id)
            facets = []
            for facet in scale.facets:
                fb = (block.get("facets") or {}).get(facet.id)
                if fb is None:
                    continue
                f_label, f_rank, f_text = _band_rank(fb.get("band"), facet.bands)
                facets.append(
                    FacetScore(
                        id=facet.id,
                        name=localized(facet.name, language),
                        raw=fb.get("raw"),
                        band=localized(f_label, language),
                        band_rank=f_rank,
                        interpretation=localized(f_text, language),
                        sem=fb.get("sem"),
                        ci90=_pair(fb.get("ci90")),
                    )
                )
            low, high = metrics[scale.id]
            raw = block.get("raw")
            out.append(
                ScaleScore(
                    id=scale.id,
                    name=localized(scale.name, language),
                    raw=raw,
                    metric_min=low,
                    metric_max=high,
                    sem=block.get("sem"),
                    ci90=_pair(block.get("ci90")),
                    ci95=_pair(block.get("ci95")),
                    t=block.get("t"),
                    sten=block.get("sten"),
                    percentile=block.get("percentile"),
                    band=localized(label, language),
                    band_rank=rank,
                    band_count=len(scale.bands) or None,
                    interpretation=localized(band_text, language),
                    bar=requirement.bar if requirement else None,
                    weight=requirement.weight if requirement else None,
                    n_answered=block.get("n_answered"),
                    n_items=block.get("n_items"),
                    missing_reason=(block.get("reason") or "") if raw is None else "",
                    facets=tuple(facets),
                )
            )
    return tuple(out)


def fit(result: Mapping[str, Any], language: str) -> Fit:
    block = result.get("fit") or {}
    # A band withheld for invalid answering reads "Not interpretable" with the reason.
    band = block.get("band") or block.get("withheld") or {}
    return Fit(
        composite=block.get("composite"),
        band=localized(band.get("label"), language),
        band_id=band.get("id") or "",
        band_text=localized(band.get("text"), language),
        sem=block.get("sem"),
        ci90=_pair(block.get("ci90")),
        ci95=_pair(block.get("ci95")),
        reliability=block.get("reliability"),
        bars_met=block.get("all_bars_met"),
        reasons=tuple(localized(r.get("text"), language) for r in block.get("reasons") or ()),
    )


def validity_flags(result: Mapping[str, Any], language: str) -> tuple[ValidityFlag, ...]:
    labels = Labels(language)
    flags = (result.get("validity") or {}).get("flags") or ()
    out = []
    for flag in flags:
        index = flag.get("index", "")
        try:
            name = text(language, f"index.{index}")
        except KeyError:
            name = index
        value = flag.get("value")
        shown = labels.number(value, 0 if float(value or 0).is_integer() else 2)
        out.append(ValidityFlag(name, shown, localized(flag.get("reason"), language)))
    return tuple(out)


def _facet_order(scales: Sequence[ScaleScore]) -> list[tuple[str, str, float, str]]:
    """(name, band, relative band position 0-1, parent scale id) of every
    banded facet, or of the scale itself when it has no facets."""
    rows = []
    for scale in scales:
        parts = scale.facets or (scale,)
        for part in parts:
            if part.raw is None or part.band_rank is None:
                continue
            count = scale.band_count or 1
            position = (part.band_rank - 1) / max(count - 1, 1)
            span = scale.metric_max - scale.metric_min or 1.0
            rows.append(
                (
                    part.name,
                    part.band,
                    position + (part.raw - scale.metric_min) / span / 100,
                    scale.id,
                )
            )
    return rows


def strengths_and_development(
    scales: Sequence[ScaleScore], language: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The highest and lowest facets by band (then raw score), as
    "name: band" lines."""
    rows = sorted(_facet_order(scales), key=lambda r: r[2])
    if not rows:
        return (), ()
    shown = min(STRENGTHS_SHOWN, len(rows) // 2 or 1)
    line = [text(language, "strength", name=r[0], band=r[1]) for r in rows]
    return tuple(reversed(line[-shown:])), tuple(line[:shown])


def interview_questions(
    scales: Sequence[ScaleScore], role: RoleProfile | None, language: str
) -> tuple[InterviewQuestion, ...]:
    """For each of the weakest facets, a behavioural question from a role
    competency that covers the facet's scale (each question used once)."""
    if role is None:
        return ()
    used: set[str] = set()
    out = []
    for name, _band, _position, scale_id in sorted(_facet_order(scales), key=lambda r: r[2]):
        if len(out) == WEAKEST_SHOWN:
            break
        for competency in role.competencies:
            if scale_id not in competency.scales:
                continue
            question = next(
                (
                    q
                    for q in (localized(q, language) for q in competency.questions)
                    if q not in used
                ),
                None,
            )
            if question:
                used.add(question)
                out.append(InterviewQuestion(name, question))
                break
    return tuple(out)


def situational(
    result: Mapping[str, Any], instruments: Sequence[Instrument], language: str
) -> tuple[str, tuple[ScenarioResult, ...]]:
    """The summary line and one row per scenario (agreement with the key, 0-100)."""
    labels = Labels(language)
    stored = result.get("judgement") or {}
    rows = []
    for instrument in instruments:
        for scenario in instrument.scenarios:
            entry = stored.get(scenario.id)
            if entry is None:
                continue
            comment = ""
            if entry.get("n_rated", 0) < entry.get("n_options", 0):
                comment = text(
                    language,
                    "scenario.incomplete",
                    rated=entry.get("n_rated", 0),
                    options=entry.get("n_options", 0),
                )
            rows.append(
                ScenarioResult(localized(scenario.text, language), entry.get("score"), comment)
            )
    scored = [(r.agreement, i) for i, r in enumerate(rows) if r.agreement is not None]
    if not scored:
        return (text(language, "situational.none") if rows else ""), tuple(rows)
    ids = [s.id for i in instruments for s in i.scenarios if s.id in stored]
    mean = sum(a for a, _ in scored) / len(scored)
    summary = text(
        language,
        "situational",
        mean=labels.number(mean, 0),
        count=len(scored),
        best=ids[max(scored)[1]],
        worst=ids[min(scored)[1]],
    )
    return summary, tuple(rows)


def appendix(
    result: Mapping[str, Any], instruments: Sequence[Instrument], language: str
) -> ScoringAppendix:
    """Keys and norm parameters from which a reader can recompute a score."""
    stored = result.get("scales") or {}
    keys = []
    likert = next((i for i in instruments if i.items), instruments[0])
    for instrument in instruments:
        for scale in instrument.scales:
            items = instrument.scale_items(scale.id)
            if not items:
                continue
            basis = (stored.get(scale.id) or {}).get("sem_basis") or {}
            norm = next((n for n in instrument.norms if n.scale == scale.id), None)
            keys.append(
                ScaleKey(
                    scale=localized(scale.name, language),
                    keyed=tuple(i.id for i in items if i.key > 0),
                    reversed=tuple(i.id for i in items if i.key < 0),
                    mean=norm.mean if norm else None,
                    sd=basis.get("sd", norm.sd if norm else None),
                    reliability=basis.get("reliability", norm.reliability if norm else None),
                )
            )
    return ScoringAppendix(
        response_min=likert.response_scale.min,
        response_max=likert.response_scale.max,
        min_answered=likert.min_answered,
        keys=tuple(keys),
        composite_reliability=(result.get("fit") or {}).get("reliability"),
    )
