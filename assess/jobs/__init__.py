"""Background jobs: PDF rendering and bulk scoring.

A job is a row (``assess.store.models.Job``) that moves pending -> running ->
success | failed. It takes ids, never personal data. It runs inline when no
``REDIS_URL`` is configured, otherwise on RQ workers (``assess worker``),
serialised as JSON: RQ's default pickle would let anyone who can write to
Redis run code in the workers. It is enqueued only after the commit that
created its row, and running it again after success does nothing.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from flask import current_app

from assess.store import db, utcnow
from assess.store.models import Job

log = logging.getLogger(__name__)

QUEUE_NAME = "assess"
HANDLER_MODULES: tuple[str, ...] = ("assess.jobs.report_jobs",)
"""Modules whose import registers handlers with ``@job_handler``."""

Handler = Callable[[Job], None]
_handlers: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register ``function(job)`` as the handler of jobs of ``kind``."""

    def register(function: Handler) -> Handler:
        _handlers[kind] = function
        return function

    return register


def _handler(kind: str) -> Handler:
    for module in HANDLER_MODULES:
        importlib.import_module(module)
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"no handler for job kind {kind!r}") from None


def submit(kind: str, params: dict[str, Any], *, organisation_id: int | None = None) -> Job:
    """Create the job's row, commit, then run it inline or enqueue it."""
    session = db.session
    job = Job(kind=kind, params=params, organisation_id=organisation_id, status="pending")
    session.add(job)
    session.commit()
    redis_url = current_app.config.get("REDIS_URL")
    if redis_url:
        rq_queue(redis_url).enqueue(
            "assess.jobs.run_job", job.id, job_id=f"assess-job-{job.id}", result_ttl=600
        )
    else:
        run_job(job.id)
    return job


def rq_queue(redis_url: str) -> Any:
    """The RQ queue, JSON-serialised."""
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    return Queue(QUEUE_NAME, connection=Redis.from_url(redis_url), serializer=JSONSerializer)


def run_job(job_id: int) -> str:
    """Run job ``job_id`` in the current app context; return its final status.

    Idempotent: a job that already succeeded is not run again. A failure is
    recorded in the row (and logged), not raised, so a request that ran the
    job inline can still answer.
    """
    session = db.session
    job = session.get(Job, job_id)
    if job is None:
        return "missing"
    if job.status == "success":
        return job.status
    job.status, job.started_at, job.error = "running", utcnow(), None
    session.commit()
    try:
        _handler(job.kind)(job)
    except Exception as exc:
        log.exception("job %s (%s) failed", job_id, job.kind)
        session.rollback()
        job = session.get(Job, job_id)
        job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
    else:
        job.status = "success"
    job.finished_at = utcnow()
    session.commit()
    return job.status


def set_progress(job: Job, done: int, total: int) -> None:
    """Record progress so screens and the command line can show it."""
    job.progress, job.total = done, total
    db.session.commit()
