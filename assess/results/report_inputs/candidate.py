"""The candidate report (for recruiters) and the candidate's own feedback
report, from one scorecard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from assess.results.display import with_texts
from assess.results.report_inputs import scores
from assess.results.report_inputs.stored import (
    campaign_setting,
    candidate_reference,
    report_date,
)
from assess.results.report_inputs.texts import (
    instrument_titles,
    instrument_versions,
    localized,
    split_advice,
)
from assess.results.store import latest_record
from assess.store.models import Candidate, ScoreRecord
from questionnaires.model import Instrument, RoleProfile
from reports.model import CandidateReport, FeedbackReport, FeedbackScale

AUTHOR = "assess"


def candidate_report(
    result: Mapping[str, Any],
    *,
    candidate: str,
    reference: str,
    organisation: str,
    role: RoleProfile | None,
    campaign: str,
    date: str,
    instruments: Sequence[Instrument],
    language: str = "en",
) -> CandidateReport:
    """The recruiter's report on one candidate from their scorecard.

    Parameters
    ----------
    result : mapping
        One result record as :func:`assess.results.pipeline.score_candidates` returns
        it, or a stored one of any version (:func:`assess.results.record.upgrade`).
    candidate, reference, organisation, campaign, date : str
        As printed (the date already formatted for ``language``).
    role : RoleProfile or None
        Gives names to the bars, weights and interview questions.
    instruments : sequence of Instrument
        The instruments scored, in the order the report lists them.
    language : {"en", "fi"}
    """
    result = with_texts(result, instruments, role)
    scales = scores.scale_scores(result, instruments, role, language)
    strengths, development = scores.strengths_and_development(scales, language)
    summary, situational = scores.situational(result, instruments, language)
    versions = result.get("versions") or {}
    return CandidateReport(
        language=language,
        candidate=candidate,
        reference=reference,
        organisation=organisation,
        role=localized(role.title, language) if role else "",
        campaign=campaign,
        date=date,
        instrument=instrument_titles(instruments, language),
        instrument_version=instrument_versions(instruments),
        scoring_version=str(versions.get("scoring") or ""),
        norms=scores.norm_basis(result),
        fit=scores.fit(result, language),
        scales=scales,
        appendix=scores.appendix(result, instruments, language),
        strengths=strengths,
        development=development,
        situational_summary=summary,
        situational=situational,
        validity=scores.validity_flags(result, language),
        interview_questions=scores.interview_questions(scales, role, language),
        author=AUTHOR,
    )


def feedback_report(
    result: Mapping[str, Any],
    *,
    candidate: str,
    organisation: str,
    role: RoleProfile | None,
    date: str,
    instruments: Sequence[Instrument],
    language: str = "en",
) -> FeedbackReport:
    """The candidate's own report: bands, what they mean and advice; no
    percentiles, no ranks, nothing about other candidates."""
    result = with_texts(result, instruments, role)
    scales = scores.scale_scores(result, instruments, role, language)
    rows = []
    for scale in scales:
        if scale.band_rank is None or scale.band_count is None:
            continue
        description, advice = split_advice(scale.interpretation)
        definition = next(s for i in instruments for s in i.scales if s.id == scale.id)
        facet_advice = [split_advice(f.interpretation)[1] for f in scale.facets if f.band_rank == 1]
        rows.append(
            FeedbackScale(
                name=scale.name,
                description=localized(definition.description, language),
                band=scale.band,
                band_rank=scale.band_rank,
                band_count=scale.band_count,
                text=description,
                advice=tuple(a for a in (advice, *facet_advice) if a),
            )
        )
    strengths, _ = scores.strengths_and_development(scales, language)
    return FeedbackReport(
        language=language,
        candidate=candidate,
        organisation=organisation,
        role=localized(role.title, language) if role else "",
        date=date,
        instrument=instrument_titles(instruments, language),
        scales=tuple(rows),
        strengths=strengths,
        author=AUTHOR,
    )


def _stored(
    session: Session, candidate: Candidate, record: ScoreRecord | None
) -> tuple[ScoreRecord, Any]:
    record = record or latest_record(session, candidate.id)
    if record is None:
        raise LookupError(f"candidate {candidate.id} has no scores yet")
    return record, campaign_setting(candidate.campaign)


def candidate_report_for(
    session: Session,
    candidate: Candidate,
    *,
    record: ScoreRecord | None = None,
    language: str = "en",
) -> CandidateReport:
    """The candidate report from the stored latest score record (or ``record``).

    Raises
    ------
    LookupError
        When the candidate has no score record.
    """
    record, setting = _stored(session, candidate, record)
    return candidate_report(
        record.result,
        candidate=candidate.name or candidate_reference(candidate.id),
        reference=candidate_reference(candidate.id),
        organisation=setting.organisation,
        role=setting.role,
        campaign=candidate.campaign.name,
        date=report_date(candidate.completed_at or record.created_at, language),
        instruments=setting.instruments,
        language=language,
    )


def feedback_report_for(
    session: Session,
    candidate: Candidate,
    *,
    record: ScoreRecord | None = None,
    language: str = "en",
) -> FeedbackReport:
    """The candidate's feedback report from the stored score record."""
    record, setting = _stored(session, candidate, record)
    return feedback_report(
        record.result,
        candidate=candidate.name or candidate_reference(candidate.id),
        organisation=setting.organisation,
        role=setting.role,
        date=report_date(candidate.completed_at or record.created_at, language),
        instruments=setting.instruments,
        language=language,
    )
