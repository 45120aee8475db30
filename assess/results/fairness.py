"""The fairness report of a campaign: adverse impact by voluntary
demographic group, from the engine (:mod:`assess.scoring.fairness`).

Two views: the people's latest decisions (advance or hire counts as
selected) and the role-fit scores (scoring rate above the median).
Demographic data is read here and nowhere in scoring; a person whose group
is unknown is counted apart, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assess.results.store import latest_records
from assess.scoring.fairness import AdverseImpact, adverse_impact, scoring_rate
from assess.store.models import Campaign, Candidate, Decision, Demographic

DEMOGRAPHIC_FIELDS = ("gender", "age_band", "first_language", "disability")
"""The only demographic questions stored and reported (an allow-list)."""
SELECTED_OUTCOMES = frozenset({"advance", "hire"})


@dataclass
class FairnessReport:
    field: str
    people: int
    """Candidates of the campaign who are not erased."""
    with_data: int
    """Of them, how many gave a group for ``field``."""
    decisions: AdverseImpact | None
    scores: AdverseImpact | None
    note: str | None = None


def _latest_outcomes(session: Session, candidate_ids: list[int]) -> dict[int, str]:
    newest = (
        select(func.max(Decision.id))
        .where(Decision.candidate_id.in_(candidate_ids))
        .group_by(Decision.candidate_id)
    )
    rows = session.execute(
        select(Decision.candidate_id, Decision.outcome).where(Decision.id.in_(newest))
    )
    return dict(rows.all())


def _fit_scores(session: Session, candidate_ids: list[int]) -> dict[int, float]:
    out = {}
    for record in latest_records(session, candidate_ids).values():
        fit = (record.result or {}).get("fit") or {}
        value = fit.get("composite") if isinstance(fit, Mapping) else None
        if isinstance(value, int | float):
            out[record.candidate_id] = float(value)
    return out


def group_label(data: Mapping[str, Any] | None, field: str) -> str | None:
    """The stated group for ``field``; None when not given or declined."""
    value = (data or {}).get(field)
    text = str(value).strip() if value is not None else ""
    return text or None


def fairness_report(session: Session, campaign: Campaign, field: str) -> FairnessReport:
    """Adverse impact by ``field`` (one of :data:`DEMOGRAPHIC_FIELDS`)."""
    if field not in DEMOGRAPHIC_FIELDS:
        raise ValueError(f"unknown demographic field {field!r}")
    candidates = list(
        session.scalars(
            select(Candidate.id).where(
                Candidate.campaign_id == campaign.id, Candidate.status != "erased"
            )
        )
    )
    demographics = dict(
        session.execute(
            select(Demographic.candidate_id, Demographic.data).where(
                Demographic.candidate_id.in_(candidates)
            )
        ).all()
    )
    groups = {cid: group_label(demographics.get(cid), field) for cid in candidates}
    report = FairnessReport(
        field=field,
        people=len(candidates),
        with_data=sum(g is not None for g in groups.values()),
        decisions=None,
        scores=None,
    )
    if report.with_data == 0:
        report.note = "no_data"
        return report
    outcomes = _latest_outcomes(session, candidates)
    decided = [cid for cid in candidates if cid in outcomes]
    if decided:
        report.decisions = adverse_impact(
            [groups[cid] for cid in decided],
            [outcomes[cid] in SELECTED_OUTCOMES for cid in decided],
        )
    fits = _fit_scores(session, candidates)
    scored = [cid for cid in candidates if cid in fits]
    if scored:
        report.scores = scoring_rate(
            [groups[cid] for cid in scored], np.array([fits[cid] for cid in scored])
        )
    return report
