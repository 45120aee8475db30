"""Jobs keep their state in a row, run inline or on RQ, and serialise as JSON."""

from __future__ import annotations

import json
import zlib

import pytest

from assess.jobs import job_handler, rq_queue, run_job, set_progress, submit
from assess.store import db
from assess.store.models import Job

calls: list[int] = []


@job_handler("test-count")
def _count(job: Job) -> None:
    calls.append(job.id)
    set_progress(job, 3, 3)


@job_handler("test-fail")
def _fail(job: Job) -> None:
    set_progress(job, 1, 2)
    raise RuntimeError("the renderer broke")


def test_inline_job_records_success_and_progress(app):
    with app.app_context():
        job = submit("test-count", {"campaign_id": 1})
        db.session.expire_all()
        stored = db.session.get(Job, job.id)
        assert (stored.status, stored.progress, stored.total) == ("success", 3, 3)
        assert stored.started_at <= stored.finished_at


def test_failed_job_records_the_error_and_keeps_earlier_progress(app):
    with app.app_context():
        job = submit("test-fail", {})
        db.session.expire_all()
        stored = db.session.get(Job, job.id)
        assert stored.status == "failed"
        assert "the renderer broke" in stored.error
        assert stored.progress == 1


def test_running_a_succeeded_job_again_does_nothing(app):
    calls.clear()
    with app.app_context():
        job = submit("test-count", {})
        assert run_job(job.id) == "success"
        assert calls == [job.id]


def test_unknown_kind_fails_with_a_reason(app):
    with app.app_context():
        job = submit("no-such-kind", {})
        error = db.session.get(Job, job.id).error
        assert error == "LookupError: no handler for job kind 'no-such-kind'"


@pytest.mark.redis
def test_rq_job_is_json_and_runs_on_a_worker(app, redis_url):
    from rq import SimpleWorker
    from rq.serializers import JSONSerializer

    app.config["REDIS_URL"] = redis_url
    queue = rq_queue(redis_url)
    queue.empty()
    with app.app_context():
        job = submit("test-count", {"campaign_id": 7})
        assert db.session.get(Job, job.id).status == "pending"  # enqueued, not run

        raw = queue.connection.hget(f"rq:job:assess-job-{job.id}", "data")
        function, _instance, args, _kwargs = json.loads(zlib.decompress(raw))
        assert (function, args) == ("assess.jobs.run_job", [job.id])

        SimpleWorker([queue], connection=queue.connection, serializer=JSONSerializer).work(
            burst=True
        )
        db.session.expire_all()
        assert db.session.get(Job, job.id).status == "success"
