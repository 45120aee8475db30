"""What the candidate's requests do to the store. Views call these and
commit once; nothing here reads the request."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import questionnaires
from assess.store import utcnow
from assess.store.models import Answer, Candidate, Invitation, ScoreRecord, Submission
from assess.web.candidate.paging import Page
from questionnaires.model import Instrument
from reports.labels import Labels

log = logging.getLogger(__name__)


def campaign_instruments(campaign_id: int, entries: Sequence[Mapping]) -> tuple[Instrument, ...]:
    """The instruments a campaign lists (its ``instruments`` column), in its
    order, each at the version the campaign pinned: a candidate answers and
    is scored on what the campaign started with, even after an instrument
    is revised. ``questionnaires.load`` caches parsed files, so this is
    cheap per request."""
    try:
        return questionnaires.load_pinned(entries)
    except questionnaires.InstrumentError:
        log.error("campaign %s pins an instrument version that is not installed", campaign_id)
        raise


def saved_answers(session: Session, candidate_id: int) -> dict[str, dict[str, int]]:
    """Instrument id -> answer id -> value, everything saved so far."""
    rows = session.execute(
        select(Answer.instrument_id, Answer.item_id, Answer.value).where(
            Answer.candidate_id == candidate_id
        )
    )
    answers: dict[str, dict[str, int]] = {}
    for instrument_id, item_id, value in rows:
        answers.setdefault(instrument_id, {})[item_id] = value
    return answers


def answered_pairs(answers: Mapping[str, Mapping[str, int]]) -> set[tuple[str, str]]:
    return {(instrument, item) for instrument, items in answers.items() for item in items}


def record_consent(candidate: Candidate, notice_version: str, locale: str) -> None:
    now = utcnow()
    candidate.consent_at = now
    candidate.consent_notice_version = notice_version
    candidate.locale = locale
    candidate.status = "started"
    candidate.started_at = candidate.started_at or now


def record_decline(session: Session, candidate: Candidate) -> None:
    """The candidate said no: mark it and revoke the link; nothing else is kept."""
    candidate.status = "declined"
    now = utcnow()
    for invitation in session.scalars(
        select(Invitation).where(
            Invitation.candidate_id == candidate.id, Invitation.revoked_at.is_(None)
        )
    ):
        invitation.revoked_at = now


def save_page(
    connection: Connection,
    candidate_id: int,
    page: Page,
    values: Mapping[str, int],
    page_seconds: float | None,
) -> None:
    """Insert or update the answers of one page in one statement.

    ``INSERT ... ON CONFLICT DO UPDATE`` on the (candidate, instrument, item)
    constraint means two tabs or a double click posting the same page at
    once end with one row per item, on SQLite and on PostgreSQL alike.
    """
    if not values:
        return
    now = utcnow()
    rows = [
        {
            "candidate_id": candidate_id,
            "instrument_id": page.instrument_id,
            "item_id": answer_id,
            "value": value,
            "page": page.number,
            "page_seconds": page_seconds,
            "answered_at": now,
        }
        for answer_id, value in values.items()
    ]
    connection.execute(_answer_upsert(connection.dialect.name), rows)


@functools.cache
def _answer_upsert(dialect: str) -> Any:
    """The upsert statement for ``dialect``, built once so its compiled form
    is cached; rows go in as executemany parameters."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Answer)
    return statement.on_conflict_do_update(
        index_elements=[Answer.candidate_id, Answer.instrument_id, Answer.item_id],
        set_={
            "value": statement.excluded.value,
            "page": statement.excluded.page,
            "page_seconds": statement.excluded.page_seconds,
            "answered_at": statement.excluded.answered_at,
        },
    )


def submit(
    session: Session,
    candidate: Candidate,
    instruments: Sequence[Instrument],
    pages: Sequence[Page],
) -> bool:
    """Lock the answers, score them and store the score record.

    Returns False when this candidate had already submitted: the unique
    constraint on ``submission.candidate_id`` decides, so a double click or
    two tabs can never create two submissions or two scores.
    """
    if session.scalar(select(Submission.id).where(Submission.candidate_id == candidate.id)):
        return False
    session.add(Submission(candidate_id=candidate.id))
    try:
        session.flush()
    except IntegrityError:
        # Another request submitted between the check and the insert.
        session.rollback()
        return False
    now = utcnow()
    candidate.status = "completed"
    candidate.completed_at = now
    for invitation in session.scalars(
        select(Invitation).where(Invitation.candidate_id == candidate.id)
    ):
        invitation.revoked_at = invitation.revoked_at or now
    score_record(session, candidate, instruments, pages)
    return True


def score_record(
    session: Session,
    candidate: Candidate,
    instruments: Sequence[Instrument],
    pages: Sequence[Page],
) -> ScoreRecord:
    """Score the candidate's saved answers through the scoring pipeline, with
    the role profile the campaign pinned and the server-measured page times,
    and store the record."""
    from assess.results.rescore import score_and_store

    return score_and_store(session, candidate.campaign, instruments, [candidate.id], pages)[0]


def latest_score(session: Session, candidate_id: int) -> ScoreRecord | None:
    from assess.results.store import latest_record

    return latest_record(session, candidate_id)


def seconds_since(started: float | None, now: float) -> float | None:
    """Seconds between a page's render and its submit, or None when the
    render time is unknown (another page, or a session that expired)."""
    if started is None or now < started:
        return None
    return round(min(now - started, 24 * 3600.0), 3)


def is_past(moment: datetime) -> bool:
    return moment <= utcnow()


def statement_rows(
    instruments: Sequence[Instrument], result: Mapping[str, Any], locale: str
) -> list[dict[str, str]]:
    """Scale name, score and band label per scored scale, read from a score
    record's ``result`` for the written statement page."""
    scales = result.get("scales") or {}
    if isinstance(scales, list):
        scales = {entry.get("id", entry.get("scale")): entry for entry in scales}
    rows = []
    for instrument in instruments:
        for scale in instrument.scales:
            entry = scales.get(scale.id)
            if not isinstance(entry, Mapping):
                continue
            band_id = entry.get("band")
            band_id = band_id.get("id") if isinstance(band_id, Mapping) else band_id
            band = next((b for b in scale.bands if b.id == band_id), None)
            raw = entry.get("raw")
            rows.append(
                {
                    "scale": scale.name[locale],
                    "score": "–" if raw is None else Labels(locale).number(float(raw), 2),
                    "band": band.label[locale] if band else "",
                    "text": band.text[locale] if band else "",
                }
            )
    return rows
