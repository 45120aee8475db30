"""Score records for tests: complete result records (tests/records.py) with
per scale raw, sem, intervals and band; role fit with composite, interval,
band, a bar and reasons; validity flags with reasons."""

from __future__ import annotations

from assess.results.store import store_result
from assess.store.db import utcnow
from assess.store.models import Candidate, ScoreRecord
from tests.records import bar_entry, fit_entry, flag, reason, record, scale_entry

Z95 = 1.959964


def scale_block(raw: float, sem: float, band: str = "solid") -> dict:
    return scale_entry(raw, sem, band)


def give_scores(
    session,
    candidate_id: int,
    *,
    composure: float,
    orientation: float = 4.0,
    sem: float = 0.2,
    fit: float | None = None,
    flags: tuple[str, ...] = (),
) -> ScoreRecord:
    """Mark the candidate completed and store a score record."""
    candidate = session.get(Candidate, candidate_id)
    candidate.status = "completed"
    candidate.completed_at = utcnow()
    fit = composure * 20 if fit is None else fit
    result = record(
        {
            "service_orientation": scale_block(orientation, sem),
            "composure": scale_block(composure, sem, "strong" if composure > 4 else "solid"),
        },
        fit=fit_entry(
            fit,
            band="borderline",
            bars=[bar_entry("composure", 3.8, composure, sem)],
            reasons=[
                reason("lifts", "composure", contribution=12.5, pomp=75.0, raw=composure),
                reason("bar_missed", "service_orientation", raw=3.5, bar=3.8),
            ],
        ),
        flags=[flag(f) for f in flags],
        role="airport-agent-night@1",
    )
    return store_result(session, candidate_id, result, role_profile_version_id=None)
