"""Score records for tests, in the scorecard's JSON shape (see
``assess.scorecard``): per scale raw, sem, ci95 and band; role fit with
composite, interval, band and reasons; validity flags with reasons."""

from __future__ import annotations

from assess.store.db import utcnow
from assess.store.models import Candidate, ScoreRecord

Z95 = 1.959964


def scale_block(raw: float, sem: float, band: str = "typical") -> dict:
    return {
        "instrument": "service-composure",
        "metric": "mean 1-5",
        "raw": raw,
        "sem": sem,
        "ci95": [raw - Z95 * sem, raw + Z95 * sem],
        "band": {"id": band, "label": {"en": band.title(), "fi": band.upper()}, "text": {}},
        "facets": {},
    }


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
    record = ScoreRecord(
        candidate_id=candidate_id,
        instrument_versions={"service-composure": "1.0"},
        scoring_version="1.0",
        norm_basis="No norm group: raw scores with criterion-referenced bands",
        result={
            "scales": {
                "service_orientation": scale_block(orientation, sem),
                "composure": scale_block(composure, sem, "high" if composure > 4 else "typical"),
            },
            "fit": {
                "composite": fit,
                "sem": 4.0,
                "ci95": [fit - Z95 * 4.0, fit + Z95 * 4.0],
                "band": {"id": "possible", "label": {"en": "Possible fit", "fi": "Mahdollinen"}},
                "bars": [
                    {
                        "scale": "composure",
                        "bar": 3.8,
                        "raw": composure,
                        "met": composure >= 3.8,
                        "straddles": abs(composure - 3.8) < 1.644854 * sem,
                    },
                ],
                "reasons": [
                    {
                        "kind": "lifts",
                        "text": {"en": "Composure lifts the fit", "fi": "Pinna nostaa"},
                    },
                    {
                        "kind": "bar_missed",
                        "text": {
                            "en": "Service orientation is below its bar",
                            "fi": "Palveluasenne jää alle rajan",
                        },
                    },
                ],
            },
            "validity": {
                "flags": [
                    {"index": f, "reason": {"en": f"{f} reason text", "fi": f"{f} syy"}}
                    for f in flags
                ],
            },
        },
    )
    session.add(record)
    session.flush()
    return record
