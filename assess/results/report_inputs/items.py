"""The item-analysis and fairness report: reliability and item statistics
from :func:`assess.results.pipeline.analyze`, and scoring rates by voluntary
demographic group from :func:`assess.scoring.fairness.scoring_rate`."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from assess.results.pipeline import analyze
from assess.results.report_inputs.stored import campaign_setting, report_date, scored_candidates
from assess.results.report_inputs.texts import (
    instrument_titles,
    instrument_versions,
    localized,
    text,
)
from assess.scoring.fairness import scoring_rate
from assess.store.models import Answer, Campaign, Demographic
from questionnaires.model import Instrument
from reports.model import ImpactRow, ItemAnalysisReport, ItemStatistic, ReliabilityRow

AUTHOR = "assess"
DEMOGRAPHIC_FIELDS = ("gender", "age_band", "first_language", "disability")


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _item_texts(instrument: Instrument, language: str) -> dict[str, str]:
    texts = {item.id: localized(item.text, language) for item in instrument.items}
    texts.update({s.id: localized(s.text, language) for s in instrument.scenarios})
    return texts


def item_analysis_report(
    instruments: Sequence[Instrument],
    responses: Mapping[str, np.ndarray],
    *,
    organisation: str,
    sample: str,
    date: str,
    language: str = "en",
    impact: Sequence[ImpactRow] = (),
    unknown_excluded: int = 0,
    notes: Sequence[str] = (),
) -> ItemAnalysisReport:
    """Reliability and item statistics of every scale of ``instruments``
    over the candidates' answers (answer id -> (n,) array, NaN = missing)."""
    reliability, items = [], []
    for instrument in instruments:
        asked = {k: v for k, v in responses.items() if k in _known(instrument)}
        analysis = analyze(instrument, asked)
        texts = _item_texts(instrument, language)
        for scale in instrument.scales:
            entry = analysis.get(scale.id)
            if entry is None:
                continue
            name = localized(scale.name, language)
            reliability.append(
                ReliabilityRow(
                    scale=name,
                    alpha=_number(entry.get("alpha")),
                    alpha_ci95=tuple(entry["alpha_ci95"])
                    if entry.get("alpha_ci95") and None not in entry["alpha_ci95"]
                    else None,
                    omega=_number(entry.get("omega")),
                    n=int(entry.get("n") or 0),
                    items=int(entry.get("k") or 0),
                )
            )
            for item_id, stats in (entry.get("items") or {}).items():
                items.append(
                    ItemStatistic(
                        item=item_id + (" (R)" if stats.get("key") == "-" else ""),
                        scale=name,
                        text=texts.get(item_id, ""),
                        mean=_number(stats.get("mean")),
                        sd=_number(stats.get("sd")),
                        citc=_number(stats.get("citc")),
                        alpha_if_deleted=_number(stats.get("alpha_if_deleted")),
                        n=int(entry.get("n") or 0),
                    )
                )
    return ItemAnalysisReport(
        language=language,
        organisation=organisation,
        instrument=instrument_titles(instruments, language),
        instrument_version=instrument_versions(instruments),
        date=date,
        sample=sample,
        reliability=tuple(reliability),
        items=tuple(items),
        impact=tuple(impact),
        unknown_excluded=unknown_excluded,
        notes=tuple(notes),
        author=AUTHOR,
    )


def _known(instrument: Instrument) -> set[str]:
    from assess.results.pipeline.layout import known_answer_ids

    return known_answer_ids([instrument])


def impact_rows(
    groups_by_field: Mapping[str, Sequence[str | None]],
    fit_scores: Sequence[float],
    language: str,
) -> tuple[tuple[ImpactRow, ...], int]:
    """Scoring-rate rows per demographic field, and how many people were
    left out for an unknown group (the largest count over the fields)."""
    rows: list[ImpactRow] = []
    unknown = 0
    scores_array = np.array(fit_scores, dtype=float)
    for field_name, groups in groups_by_field.items():
        if not any(g is not None for g in groups):
            continue
        result = scoring_rate(list(groups), scores_array)
        unknown = max(unknown, result.unknown)
        variable = text(language, "impact.variable", field=text(language, f"field.{field_name}"))
        for row in result.rows():
            rows.append(
                ImpactRow(
                    variable=variable,
                    group=row["group"],
                    n=row["n"],
                    selected=row["selected"],
                    rate=_number(row["rate"]),
                    impact_ratio=_number(row["impact_ratio"]),
                    fisher_p=_number(row["fisher_p"]),
                    below_four_fifths=row["four_fifths"],
                )
            )
    return tuple(rows), unknown


def item_analysis_for(
    session: Session, campaign: Campaign, *, language: str = "en"
) -> ItemAnalysisReport:
    """The report over the campaign's scored, not erased candidates."""
    setting = campaign_setting(campaign)
    pairs = scored_candidates(session, campaign.id)
    ids = [c.id for c, _r in pairs]
    index = {cid: i for i, cid in enumerate(ids)}
    responses: dict[str, np.ndarray] = {}
    if ids:
        rows = session.execute(
            select(Answer.candidate_id, Answer.item_id, Answer.value).where(
                Answer.candidate_id.in_(ids)
            )
        )
        for candidate_id, item_id, value in rows:
            column = responses.setdefault(item_id, np.full(len(ids), np.nan))
            column[index[candidate_id]] = value
    demographics = (
        dict(
            session.execute(
                select(Demographic.candidate_id, Demographic.data).where(
                    Demographic.candidate_id.in_(ids)
                )
            ).all()
        )
        if ids
        else {}
    )
    groups = {f: [_group(demographics.get(cid), f) for cid in ids] for f in DEMOGRAPHIC_FIELDS}
    fits = [
        float(v)
        if isinstance(v := (r.result.get("fit") or {}).get("composite"), int | float)
        else math.nan
        for _c, r in pairs
    ]
    impact, unknown = impact_rows(groups, fits, language) if ids else ((), 0)
    sample = text(language, "sample", campaign=campaign.name, n=len(ids))
    norm_sources = sorted(
        {
            str((r.result.get("norm_basis") or {}).get("source"))
            for _c, r in pairs
            if (r.result.get("norm_basis") or {}).get("simulated")
        }
    )
    latest = max((r.created_at for _c, r in pairs), default=campaign.created_at)
    return item_analysis_report(
        setting.instruments,
        responses,
        organisation=setting.organisation,
        sample=sample,
        date=report_date(latest, language),
        language=language,
        impact=impact,
        unknown_excluded=unknown,
        notes=tuple(norm_sources),
    )


def _group(data, field_name: str) -> str | None:
    value = (data or {}).get(field_name)
    label = str(value).strip() if value is not None else ""
    return label or None
