"""Report files: a report's input built from the stored results, rendered
once per input and kept; shared by the report jobs, the download routes and
the ``assess report`` commands.

A report job takes ids and a language, builds the report's input from the
stored results (:mod:`assess.results.report_inputs`), and renders it once per
input: the file is kept in ``ReportFile`` under the hash of its input, so
asking again for the same report serves the stored bytes, and a changed
input (a new score record, a new panel rating) gives a new file. When a new
file is stored, older files of the same report are deleted: a panel pack
made before a candidate was erased must not outlive the erasure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

import reports
from assess.results import report_inputs
from assess.store import utcnow
from assess.store.models import Campaign, Candidate, Job, ReportFile

LANGUAGES = ("en", "fi")
CANDIDATE_KINDS = ("candidate_report", "feedback_report")
CAMPAIGN_KINDS = ("panel_pack", "item_analysis_report")
REPORT_KINDS = CANDIDATE_KINDS + CAMPAIGN_KINDS
FILE_KINDS = {
    "candidate_report": "candidate-report",
    "feedback_report": "feedback",
    "panel_pack": "panel-pack",
    "item_analysis_report": "item-analysis",
}
"""The first part of each kind's download file name."""
_BUILDERS: dict[str, Callable[[Any], bytes]] = {
    "candidate_report": reports.build_candidate_report,
    "feedback_report": reports.build_feedback_report,
    "panel_pack": reports.build_panel_pack,
    "item_analysis_report": reports.build_item_analysis_report,
}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReportRequest:
    """Which report: its kind, the candidate or campaign id, the language."""

    kind: str
    object_id: int
    language: str = "en"

    def __post_init__(self) -> None:
        if self.kind not in REPORT_KINDS:
            raise ValueError(f"unknown report kind {self.kind!r}")
        if self.language not in LANGUAGES:
            raise ValueError(f"report language must be one of {LANGUAGES}")

    @classmethod
    def from_params(cls, kind: str, params: dict[str, Any]) -> ReportRequest:
        key = "candidate_id" if kind in CANDIDATE_KINDS else "campaign_id"
        return cls(kind, int(params[key]), str(params.get("language") or "en"))

    @property
    def params(self) -> dict[str, Any]:
        key = "candidate_id" if self.kind in CANDIDATE_KINDS else "campaign_id"
        return {key: self.object_id, "language": self.language}

    @property
    def file_kind(self) -> str:
        return f"{self.kind}.{self.language}"


@dataclass(frozen=True)
class PreparedReport:
    """A report's input with the rows it belongs to and its hash."""

    request: ReportRequest
    data: Any
    organisation_id: int
    candidate_id: int | None
    campaign_id: int
    input_hash: str
    subject: str = ""
    """The candidate's or the campaign's name, for the file name."""

    @property
    def download_name(self) -> str:
        """The server-built file name (ASCII; see :func:`reports.filename`)."""
        return reports.filename(FILE_KINDS[self.request.kind], self.subject, utcnow().date())


def prepare(
    session: Session, request: ReportRequest, *, progress: Progress | None = None
) -> PreparedReport:
    """Build the report's input from the stored rows.

    Raises
    ------
    LookupError
        When the candidate or campaign does not exist, is erased, or has no
        scores yet.
    """
    if request.kind in CANDIDATE_KINDS:
        candidate = session.get(Candidate, request.object_id)
        if candidate is None or candidate.status == "erased":
            raise LookupError(f"no candidate {request.object_id}")
        build = (
            report_inputs.candidate_report_for
            if request.kind == "candidate_report"
            else report_inputs.feedback_report_for
        )
        data = build(session, candidate, language=request.language)
        organisation_id, candidate_id = candidate.organisation_id, candidate.id
        campaign_id, subject = candidate.campaign_id, data.candidate
    else:
        campaign = session.get(Campaign, request.object_id)
        if campaign is None:
            raise LookupError(f"no campaign {request.object_id}")
        if request.kind == "panel_pack":
            data = report_inputs.panel_pack_for(
                session, campaign, language=request.language, progress=progress
            )
        else:
            data = report_inputs.item_analysis_for(session, campaign, language=request.language)
        organisation_id, candidate_id, campaign_id = campaign.organisation_id, None, campaign.id
        subject = campaign.name
    digest = report_inputs.input_hash(request.kind, organisation_id, data)
    return PreparedReport(
        request, data, organisation_id, candidate_id, campaign_id, digest, subject
    )


def cached(session: Session, prepared: PreparedReport) -> ReportFile | None:
    return session.scalar(select(ReportFile).where(ReportFile.input_hash == prepared.input_hash))


def render(session: Session, prepared: PreparedReport) -> ReportFile:
    """The stored file for this input, rendering and storing it when new
    (and deleting the older files of the same report). Flushes; the
    caller commits."""
    existing = cached(session, prepared)
    if existing is not None:
        return existing
    content = _BUILDERS[prepared.request.kind](prepared.data)
    _forget_older(session, prepared)
    row = ReportFile(
        organisation_id=prepared.organisation_id,
        candidate_id=prepared.candidate_id,
        campaign_id=prepared.campaign_id,
        kind=prepared.request.file_kind,
        input_hash=prepared.input_hash,
        content=content,
    )
    session.add(row)
    session.flush()
    return row


def _forget_older(session: Session, prepared: PreparedReport) -> None:
    same = [ReportFile.kind == prepared.request.file_kind]
    if prepared.candidate_id is not None:
        same.append(ReportFile.candidate_id == prepared.candidate_id)
    else:
        same += [ReportFile.campaign_id == prepared.campaign_id, ReportFile.candidate_id.is_(None)]
    old = list(session.scalars(select(ReportFile.id).where(*same)))
    if old:
        session.execute(update(Job).where(Job.report_file_id.in_(old)).values(report_file_id=None))
        session.execute(delete(ReportFile).where(ReportFile.id.in_(old)))


def report_file(
    session: Session, request: ReportRequest, *, progress: Progress | None = None
) -> tuple[ReportFile, PreparedReport]:
    """Prepare and render (or reuse) a report; the caller commits."""
    prepared = prepare(session, request, progress=progress)
    return render(session, prepared), prepared
