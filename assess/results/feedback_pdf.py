"""The feedback PDF for the candidate's own page
(``assess.web.candidate.views.feedback_pdf_hook`` imports it from here)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assess.results.report_files import LANGUAGES, ReportRequest, prepare, render
from assess.store.models import AuditEvent, Candidate


def feedback_pdf(
    session: Session, candidate: Candidate, record: Any, *, locale: str = "en"
) -> bytes:
    """The candidate's feedback report in ``locale`` (cached by input hash),
    with an audit entry; commits the cached file and the entry.

    ``record`` is the latest score record, which the report reads anyway.
    """
    language = locale if locale in LANGUAGES else "en"
    prepared = prepare(session, ReportRequest("feedback_report", candidate.id, language))
    row = render(session, prepared)
    session.add(
        AuditEvent(
            organisation_id=candidate.organisation_id,
            user_id=None,
            action="report.downloaded",
            object_type="candidate",
            object_id=candidate.id,
            detail={
                "kind": "feedback_report",
                "language": language,
                "report_file": row.id,
                "score_record": getattr(record, "id", None),
                "by": "candidate",
            },
        )
    )
    session.commit()
    return row.content
