"""PDF downloads on the recruiter blueprint: a candidate's report, a
campaign's panel pack, and (for admins) its item-analysis and fairness
report.

Each download names its object by id, loads it through ``org_get_or_404``
(another organisation's id is a 404), serves the stored file when one was
rendered from the same input, and otherwise runs the report job: inline by
default, so the PDF comes back in the same response; on a worker when
``REDIS_URL`` is set, while this page shows the job's progress and reloads
itself without JavaScript until the file is ready. The file name is built
by the server; every download is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

import reports
from assess.jobs import submit
from assess.results.report_files import LANGUAGES, ReportRequest, cached, prepare
from assess.store import audit, db
from assess.store.models import Campaign, Candidate, Job, ReportFile
from assess.web.auth import org_get_or_404, staff_required
from assess.web.recruiter.views import bp, locale, recruiter_required

admin_required = staff_required("admin")
REFRESH_SECONDS = 3
RECENT_JOBS = 50


def _messages() -> dict[str, str]:
    """The status page's messages in the request's language (gettext, from
    the recruiter catalogue; the page's fixed texts are in its template)."""
    return {
        "waiting": _(
            "The report is being prepared. This page reloads by itself and the "
            "download starts when it is ready."
        ),
        "failed": _("The report could not be prepared. The error has been logged."),
        "no_scores": _(
            "There is no report yet: nobody here has submitted answers that were scored."
        ),
    }


def _language() -> str:
    asked = request.args.get("lang")
    return asked if asked in LANGUAGES else (locale() if locale() in LANGUAGES else "en")


def _latest_job(report: ReportRequest, organisation_id: int) -> Job | None:
    """The newest job for exactly this report (params compared here, since
    JSON equality is not portable SQL)."""
    jobs = db.session.scalars(
        select(Job)
        .where(Job.kind == report.kind, Job.organisation_id == organisation_id)
        .order_by(Job.id.desc())
        .limit(RECENT_JOBS)
    )
    return next((job for job in jobs if job.params == report.params), None)


def _status_page(message: str, *, job: Job | None = None, back_url: str, retry: bool = False):
    waiting = job is not None and job.status in ("pending", "running")
    retry_url = url_for(request.endpoint, **request.view_args, lang=_language(), retry=1)
    html = render_template(
        "recruiter/report_status.html",
        message=message,
        job=job if waiting else None,
        refresh=REFRESH_SECONDS if waiting else None,
        retry_url=retry_url if retry else None,
        back_url=back_url,
    )
    response = Response(html)
    if waiting:
        response.headers["Refresh"] = str(REFRESH_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def _deliver(report: ReportRequest, object_type: str, back_url: str) -> Any:
    texts = _messages()
    try:
        prepared = prepare(db.session, report)
    except LookupError:
        return _status_page(texts["no_scores"], back_url=back_url)
    row = cached(db.session, prepared)
    if row is None:
        job = _latest_job(report, prepared.organisation_id)
        fresh = job is not None and (
            job.status in ("pending", "running")
            or (job.status == "failed" and not request.args.get("retry"))
        )
        if not fresh:
            job = submit(report.kind, report.params, organisation_id=prepared.organisation_id)
        if job.status in ("pending", "running"):
            return _status_page(texts["waiting"], job=job, back_url=back_url)
        if job.status == "failed":
            current_app.logger.warning("report job %s failed: %s", job.id, job.error)
            return _status_page(texts["failed"], back_url=back_url, retry=True)
        row = db.session.get(ReportFile, job.report_file_id) if job.report_file_id else None
        if row is None or row.input_hash != prepared.input_hash:
            # The input changed while the job ran: render what is stored now.
            return _status_page(texts["waiting"], job=job, back_url=back_url)
    audit.record(
        "report.downloaded",
        object_type,
        report.object_id,
        kind=report.kind,
        language=report.language,
        report_file=row.id,
    )
    db.session.commit()
    response = Response(row.content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = reports.content_disposition(prepared.download_name)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/candidates/<int:candidate_id>/report.pdf")
@recruiter_required
def candidate_report_pdf(candidate_id: int):
    candidate = org_get_or_404(Candidate, candidate_id)
    report = ReportRequest("candidate_report", candidate.id, _language())
    back = url_for("recruiter.candidate_result", candidate_id=candidate.id)
    return _deliver(report, "candidate", back)


@bp.get("/campaigns/<int:campaign_id>/panel-pack.pdf")
@recruiter_required
def panel_pack_pdf(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    report = ReportRequest("panel_pack", campaign.id, _language())
    back = url_for("recruiter.campaign_results", campaign_id=campaign.id)
    return _deliver(report, "campaign", back)


@bp.get("/campaigns/<int:campaign_id>/item-analysis.pdf")
@admin_required
def item_analysis_pdf(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    report = ReportRequest("item_analysis_report", campaign.id, _language())
    back = url_for("recruiter.campaign_results", campaign_id=campaign.id)
    return _deliver(report, "campaign", back)
