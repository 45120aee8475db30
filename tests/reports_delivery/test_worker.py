"""With REDIS_URL set, a panel pack renders on an RQ worker (JSON
serialised): the download page shows progress and reloads itself without
JavaScript until the worker has stored the file."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assess.jobs import rq_queue
from assess.store import db
from assess.store.models import Job, ReportFile
from tests.reports.pdf import flat, full_text
from tests.web.staff.people import login


@pytest.mark.redis
def test_panel_pack_runs_on_a_worker_and_is_then_downloaded(app, client, scored, redis_url):
    from rq import SimpleWorker
    from rq.serializers import JSONSerializer

    app.config["REDIS_URL"] = redis_url
    queue = rq_queue(redis_url)
    queue.empty()
    login(client, scored.recruiter)
    url = f"/recruiter/campaigns/{scored.campaign_id}/panel-pack.pdf"

    waiting = client.get(url)
    assert waiting.status_code == 200 and waiting.mimetype == "text/html"
    assert waiting.headers["Refresh"] == "3"
    assert '<meta http-equiv="refresh" content="3">' in waiting.get_data(as_text=True)
    again = client.get(url)  # a reload while pending enqueues nothing more
    assert again.mimetype == "text/html"
    with app.app_context():
        jobs = list(db.session.scalars(select(Job)))
        assert [(j.kind, j.status, j.params) for j in jobs] == [
            ("panel_pack", "pending", {"campaign_id": scored.campaign_id, "language": "en"})
        ]
        SimpleWorker([queue], connection=queue.connection, serializer=JSONSerializer).work(
            burst=True
        )
        db.session.expire_all()
        job = db.session.get(Job, jobs[0].id)
        assert job.status == "success", job.error
        assert job.progress == job.total == len(scored.candidate_ids) + 1
        stored = db.session.get(ReportFile, job.report_file_id)
        assert stored.kind == "panel_pack.en" and stored.campaign_id == scored.campaign_id

    ready = client.get(url)
    assert ready.mimetype == "application/pdf"
    assert ready.data == stored.content
    assert "Väinö Äijälä" in flat(full_text(ready.data))
