"""A campaign's stored answers and scores in the shapes the engine takes:
answer arrays per item for item analysis, raw scale scores for local norms.
Only completed, not erased candidates count."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

import questionnaires
from assess.results.store import latest_records
from assess.store.models import Answer, Campaign, Candidate
from questionnaires.model import Instrument


def completed_ids(session: Session, campaign: Campaign) -> list[int]:
    return list(
        session.scalars(
            select(Candidate.id)
            .where(Candidate.campaign_id == campaign.id, Candidate.status == "completed")
            .order_by(Candidate.id)
        )
    )


def pinned_instruments(campaign: Campaign) -> list[tuple[Instrument | None, dict[str, Any]]]:
    """Each pinned ``{"id", "version"}`` with that version of the instrument
    (the current file or an archived one), or None when that version is not
    installed: analysing answers against other item texts would mislead."""
    return [(installed(pin["id"], pin.get("version")), pin) for pin in campaign.instruments]


def responses(
    session: Session, instrument: Instrument, candidate_ids: list[int]
) -> dict[str, np.ndarray]:
    """Answer id -> answers of the candidates (NaN = not answered)."""
    index = {cid: i for i, cid in enumerate(candidate_ids)}
    out: dict[str, np.ndarray] = {}
    if not candidate_ids:
        return out
    rows = session.execute(
        select(Answer.candidate_id, Answer.item_id, Answer.value).where(
            Answer.candidate_id.in_(candidate_ids), Answer.instrument_id == instrument.id
        )
    )
    for candidate_id, item_id, value in rows:
        column = out.setdefault(item_id, np.full(len(candidate_ids), np.nan))
        column[index[candidate_id]] = value
    return out


def raw_scale_scores(
    session: Session, instrument: Instrument, candidate_ids: list[int]
) -> tuple[list[str], np.ndarray]:
    """Scale ids of ``instrument`` and a candidates x scales array of raw
    scores from each candidate's latest score record (NaN = not scored)."""
    scale_ids = [scale.id for scale in instrument.scales]
    latest = latest_records(session, candidate_ids)
    raw = np.full((len(candidate_ids), len(scale_ids)), np.nan)
    for i, cid in enumerate(candidate_ids):
        record = latest.get(cid)
        scales = _by_id((record.result or {}).get("scales")) if record else {}
        for j, scale_id in enumerate(scale_ids):
            value = (scales.get(scale_id) or {}).get("raw")
            if isinstance(value, int | float):
                raw[i, j] = float(value)
    return scale_ids, raw


def _by_id(value: Any) -> dict[str, Mapping[str, Any]]:
    """A scorecard block keyed by id, stored as a mapping or as a list."""
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items() if isinstance(v, Mapping)}
    if isinstance(value, list):
        return {str(v.get("id") or v.get("scale")): v for v in value if isinstance(v, Mapping)}
    return {}


def installed(instrument_id: str, version: str | None = None) -> Instrument | None:
    """The installed instrument with this id (at ``version``, else the
    current one), or None when it is not installed."""
    try:
        return questionnaires.load(instrument_id, version or None)
    except questionnaires.InstrumentError:
        return None
