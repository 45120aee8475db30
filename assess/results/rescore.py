"""Scoring stored answers and storing the records: final submit (a batch of
one) and re-scoring a whole campaign (one batch of every completed
candidate) share this code.

Both read the answers and the server-measured page times from the answer
rows, score them through the one pipeline
(:func:`assess.results.pipeline.score_candidates`) against the organisation's local
norms where an admin built them (:func:`assess.results.norm_groups.local_norms`),
and write each record through :func:`assess.results.store.store_result`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

import questionnaires
from assess.results.record import upgrade
from assess.results.store import latest_records, store_result
from assess.store.models import Answer, Campaign, Candidate, ScoreRecord
from questionnaires.model import Instrument

Progress = Callable[[int, int], None]


def items_per_page(instruments: Sequence[Instrument], pages: Sequence | None = None) -> dict:
    """Page number (as text) -> items on the page, as the candidate saw them.

    How many items a page holds does not depend on the candidate's shuffle,
    so any seed gives the counts.
    """
    if pages is None:
        from assess.web.candidate.paging import build_pages

        pages = build_pages(instruments, 0)
    return {str(page.number): len(page.answer_ids) for page in pages}


def stored_answers(
    session: Session, candidate_ids: Sequence[int], instruments: Sequence[Instrument]
) -> tuple[dict[str, np.ndarray], np.ndarray, list[str]]:
    """Answers and page times of the candidates, as the pipeline takes them.

    Returns ``(responses, page_seconds, page_keys)``: answer id -> (n,)
    answers (NaN = not answered), the (n, pages) seconds spent on each page
    (NaN = not measured) and the pages' keys ("1", "2", ...).
    """
    from assess.results.pipeline.layout import known_answer_ids

    index = {cid: i for i, cid in enumerate(candidate_ids)}
    n = len(candidate_ids)
    responses = {key: np.full(n, np.nan) for key in known_answer_ids(instruments)}
    keys = list(items_per_page(instruments))
    column = {int(k): p for p, k in enumerate(keys)}
    seconds = np.full((n, len(keys)), np.nan)
    rows = session.execute(
        select(Answer.candidate_id, Answer.item_id, Answer.value, Answer.page, Answer.page_seconds)
        .where(Answer.candidate_id.in_(list(index)))
        .execution_options(yield_per=10_000)
    )
    for candidate_id, item_id, value, page, page_seconds in rows:
        i = index[candidate_id]
        if item_id in responses:
            responses[item_id][i] = value
        if page_seconds is not None and page in column:
            seconds[i, column[page]] = page_seconds
    return responses, seconds, keys


def _instruments(campaign: Campaign) -> tuple[Instrument, ...]:
    return questionnaires.load_pinned(campaign.instruments or [])


def score_and_store(
    session: Session,
    campaign: Campaign,
    instruments: Sequence[Instrument] | None,
    candidate_ids: Sequence[int],
    pages: Sequence | None = None,
    *,
    only_changed: bool = False,
    progress: Progress | None = None,
) -> list[ScoreRecord]:
    """Score the candidates' stored answers in one batch and store a record
    for each (with ``only_changed``, only where it differs from the
    candidate's latest record). Returns the rows added; flushes, the caller
    commits."""
    from assess.results.norm_groups import local_norms
    from assess.results.pipeline import score_candidates

    instruments = tuple(instruments or _instruments(campaign))
    if not candidate_ids:
        return []
    role = questionnaires.role_from_mapping(campaign.role_profile.definition)
    responses, seconds, keys = stored_answers(session, candidate_ids, instruments)
    per_page = items_per_page(instruments, pages)
    records = score_candidates(
        instruments,
        responses,
        role=role,
        norms=local_norms(session, campaign.organisation_id, instruments),
        page_seconds=seconds,
        items_per_page=np.array([per_page[k] for k in keys]),
        page_keys=keys,
    )
    latest = latest_records(session, candidate_ids) if only_changed else {}
    added = []
    total = len(candidate_ids)
    for done, (candidate_id, record) in enumerate(zip(candidate_ids, records, strict=True), 1):
        record = json.loads(json.dumps(record, allow_nan=False))
        previous = latest.get(candidate_id)
        if previous is None or not _same(previous.result, record):
            added.append(
                store_result(
                    session,
                    candidate_id,
                    record,
                    role_profile_version_id=campaign.role_profile_version_id,
                )
            )
        if progress is not None and (done == total or done % 500 == 0):
            progress(done, total)
    return added


def _same(stored: dict[str, Any], record: dict[str, Any]) -> bool:
    try:
        return upgrade(stored) == record
    except ValueError:
        return False


def rescore_campaign(
    session: Session, campaign_id: int, *, progress: Progress | None = None
) -> int:
    """Re-score every completed candidate of the campaign in one batch and
    store a new record for each whose result changed (new local norms, a
    new scoring version). Returns how many records were added.

    Idempotent: run again with the same answers and norms, it adds nothing.

    Raises
    ------
    LookupError
        When the campaign does not exist.
    """
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise LookupError(f"no campaign {campaign_id}")
    ids = list(
        session.scalars(
            select(Candidate.id)
            .where(Candidate.campaign_id == campaign.id, Candidate.status == "completed")
            .order_by(Candidate.id)
        )
    )
    added = score_and_store(session, campaign, None, ids, only_changed=True, progress=progress)
    return len(added)
