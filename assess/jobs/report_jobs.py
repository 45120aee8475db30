"""The report and bulk-scoring jobs: what :func:`assess.jobs.run_job` runs
for each kind. Building and rendering a report is
:mod:`assess.results.report_files`; re-scoring is
:func:`assess.results.rescore.rescore_campaign`."""

from __future__ import annotations

from assess.jobs import job_handler, set_progress
from assess.results.report_files import REPORT_KINDS, ReportRequest, report_file
from assess.store import db
from assess.store.models import Job


def _run_report(job: Job) -> None:
    request = ReportRequest.from_params(job.kind, job.params)
    progress = None
    if request.kind == "panel_pack":
        step = {"last": -1}

        def progress(done: int, total: int) -> None:
            # One commit per ~5% keeps a 500-candidate pack from writing
            # 500 times while the screen still moves.
            if done == total or done - step["last"] >= max(1, total // 20):
                step["last"] = done
                set_progress(job, done, total + 1)

    row, _prepared = report_file(db.session, request, progress=progress)
    job.report_file_id = row.id
    if request.kind == "panel_pack":
        set_progress(job, job.total or 1, job.total or 1)
    db.session.flush()


for _kind in REPORT_KINDS:
    job_handler(_kind)(_run_report)


@job_handler("bulk_score")
def _bulk_score(job: Job) -> None:
    """Re-score a campaign (:func:`assess.results.rescore.rescore_campaign`)."""
    from assess.results.rescore import rescore_campaign

    rescore_campaign(
        db.session,
        int(job.params["campaign_id"]),
        progress=lambda done, total: set_progress(job, done, total),
    )
