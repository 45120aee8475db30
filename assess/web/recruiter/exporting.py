"""A campaign's results as export rows: one row per candidate with status,
role fit and every scale's raw score, SEM, 95% interval and band."""

from __future__ import annotations

from typing import Any

from assess.results.export import to_csv, to_json
from assess.store.models import Campaign
from assess.web.recruiter.results import CandidateResult

BASE_COLUMNS = (
    "candidate_id",
    "name",
    "email",
    "status",
    "completed_at",
    "fit_composite",
    "fit_ci95_low",
    "fit_ci95_high",
    "fit_band",
    "validity_flags",
)
SCALE_FIELDS = ("raw", "sem", "ci95_low", "ci95_high", "band")


def export_rows(rows: list[CandidateResult]) -> tuple[list[dict[str, Any]], list[str]]:
    scale_ids: list[str] = []
    for row in rows:
        scale_ids += [s.id for s in row.scales if s.id not in scale_ids]
    columns = list(BASE_COLUMNS) + [f"{s}_{f}" for s in scale_ids for f in SCALE_FIELDS]
    out = []
    for row in rows:
        c = row.candidate
        item: dict[str, Any] = {
            "candidate_id": c.id,
            "name": c.name,
            "email": c.email,
            "status": row.status,
            "completed_at": c.completed_at.isoformat() if c.completed_at else None,
            "fit_composite": row.fit_composite,
            "fit_ci95_low": row.fit_ci95[0] if row.fit_ci95 else None,
            "fit_ci95_high": row.fit_ci95[1] if row.fit_ci95 else None,
            "fit_band": row.fit_band,
            "validity_flags": [f"{f['name']}: {f['reason']}" for f in row.flags],
        }
        for scale in row.scales:
            item[f"{scale.id}_raw"] = scale.raw
            item[f"{scale.id}_sem"] = scale.sem
            item[f"{scale.id}_ci95_low"] = scale.ci95[0] if scale.ci95 else None
            item[f"{scale.id}_ci95_high"] = scale.ci95[1] if scale.ci95 else None
            item[f"{scale.id}_band"] = scale.band
        out.append(item)
    return out, columns


def export(campaign: Campaign, rows: list[CandidateResult], fmt: str) -> tuple[str, str]:
    """The export body and its MIME type."""
    data, columns = export_rows(rows)
    if fmt == "csv":
        return to_csv(data, columns), "text/csv; charset=utf-8"
    meta = {
        "campaign": {"id": campaign.id, "name": campaign.name},
        "instruments": campaign.instruments,
        "role_profile_version_id": campaign.role_profile_version_id,
        "note": "The results support the hiring decision; a person makes it.",
        "columns": columns,
    }
    return to_json(data, **meta), "application/json"
