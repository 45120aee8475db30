"""Report jobs take ids, render once per input (the second job reuses the
stored file), record failures in their row; bulk scoring is idempotent."""

from __future__ import annotations

from sqlalchemy import func, select

from assess.jobs import submit
from assess.store import db
from assess.store.models import Job, ReportFile, ScoreRecord


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_same_report_twice_is_rendered_once(app, scored):
    params = {"candidate_id": scored.candidate_ids[1], "language": "fi"}
    with app.app_context():
        first = submit("candidate_report", params)
        second = submit("candidate_report", params)
        db.session.expire_all()
        jobs = [db.session.get(Job, j.id) for j in (first, second)]
        assert [j.status for j in jobs] == ["success", "success"]
        assert jobs[0].report_file_id == jobs[1].report_file_id is not None
        assert _count(ReportFile) == 1
        assert db.session.get(ReportFile, jobs[0].report_file_id).kind == "candidate_report.fi"


def test_a_new_score_record_gives_a_new_file_and_drops_the_old(app, scored):
    params = {"candidate_id": scored.candidate_ids[0], "language": "en"}
    with app.app_context():
        first_id = submit("candidate_report", params).report_file_id
        first = db.session.get(ReportFile, first_id).input_hash
        record = db.session.scalar(
            select(ScoreRecord).where(ScoreRecord.candidate_id == scored.candidate_ids[0])
        )
        result = dict(record.result, fit=dict(record.result["fit"], composite=1.0))
        db.session.add(
            ScoreRecord(
                candidate_id=record.candidate_id,
                instrument_versions=record.instrument_versions,
                scoring_version=record.scoring_version,
                norm_basis=record.norm_basis,
                result=result,
            )
        )
        db.session.commit()
        second_id = submit("candidate_report", params).report_file_id
        second = db.session.get(ReportFile, second_id).input_hash
        assert second != first
        assert db.session.scalar(select(ReportFile).where(ReportFile.input_hash == first)) is None
        assert _count(ReportFile) == 1


def test_a_job_for_a_missing_candidate_fails_with_the_reason(app, scored):
    with app.app_context():
        job = submit("candidate_report", {"candidate_id": 999_999, "language": "en"})
        db.session.expire_all()
        stored = db.session.get(Job, job.id)
        assert stored.status == "failed"
        assert stored.error == "LookupError: no candidate 999999"


def test_bulk_scoring_again_adds_no_records(app, scored):
    with app.app_context():
        before = _count(ScoreRecord)
        job = submit("bulk_score", {"campaign_id": scored.campaign_id})
        db.session.expire_all()
        stored = db.session.get(Job, job.id)
        assert stored.status == "success", stored.error
        assert (stored.progress, stored.total) == (len(scored.candidate_ids),) * 2
        assert _count(ScoreRecord) == before == len(scored.candidate_ids)
