"""Writing and reading result records: the one write path and the one
"latest record" query.

Every record is written by :func:`store_result` (final submit, bulk
re-scoring, the demo), so anything that must follow a new record (an index
of results, a cache) has one place to hook in. Every reader finds the
latest record of a candidate through :func:`latest_records`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assess.store.models import Candidate, ScoreRecord


def norm_basis_label(record: Mapping[str, Any]) -> str:
    """The one-line norm summary kept in its own column (for listings)."""
    basis = record.get("norm_basis") or {}
    return str(basis.get("source") or basis.get("note") or "none")[:300]


def store_result(
    session: Session,
    candidate_id: int,
    record: Mapping[str, Any],
    *,
    role_profile_version_id: int | None,
) -> ScoreRecord:
    """Add ``record`` as the candidate's newest score record (flushes; the
    caller commits). Records are immutable: re-scoring calls this again."""
    versions = record["versions"]
    row = ScoreRecord(
        candidate_id=candidate_id,
        instrument_versions=dict(versions["instruments"]),
        scoring_version=str(versions["scoring"]),
        role_profile_version_id=role_profile_version_id,
        norm_basis=norm_basis_label(record),
        result=dict(record),
    )
    session.add(row)
    session.flush()
    return row


def latest_records(
    session: Session,
    candidate_ids: Iterable[int] | None = None,
    *,
    campaign_id: int | None = None,
) -> dict[int, ScoreRecord]:
    """The newest score record of each candidate (by id: re-scoring adds
    records), for the given candidates or for every not erased candidate of
    a campaign. Candidates without a record are left out."""
    newest = select(func.max(ScoreRecord.id)).group_by(ScoreRecord.candidate_id)
    if campaign_id is not None:
        newest = newest.join(Candidate, Candidate.id == ScoreRecord.candidate_id).where(
            Candidate.campaign_id == campaign_id, Candidate.status != "erased"
        )
    if candidate_ids is not None:
        ids = list(candidate_ids)
        if not ids:
            return {}
        newest = newest.where(ScoreRecord.candidate_id.in_(ids))
    rows = session.scalars(select(ScoreRecord).where(ScoreRecord.id.in_(newest)))
    return {row.candidate_id: row for row in rows}


def latest_record(session: Session, candidate_id: int) -> ScoreRecord | None:
    """The candidate's newest score record, or None before the first."""
    return latest_records(session, [candidate_id]).get(candidate_id)
