"""Re-scoring a campaign: started from the admin's norms page and from
``assess rescore``, through the one pipeline, keeping the page times (so the
"answered too fast" flag survives a re-score)."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import func, select, update

import questionnaires
from assess.commands.demo_data import add_simulated_candidates
from assess.jobs import submit
from assess.store import db
from assess.store.models import Answer, Candidate, Job, ScoreRecord
from assess.web.candidate.paging import build_pages
from tests.web.factories import make_campaign, make_organisation
from tests.web.staff.people import login, make_user

NAMES = ("Aino", "Bo", "Cai")


@pytest.fixture
def app(app):
    app.config.update(WTF_CSRF_ENABLED=False, ARGON2_PROFILE="CHEAPEST")
    return app


@pytest.fixture
def campaign(app):
    """Three completed candidates with simulated answers; the first spent 2
    seconds on every page (under 2 s per item on pages of 4-12 items), the
    others 100 seconds. Nobody is scored yet."""
    with app.app_context():
        session = db.session
        org = make_organisation(session, name="Nordic Air Services")
        campaign = make_campaign(session, organisation=org)
        people = add_simulated_candidates(session, campaign, NAMES, np.random.default_rng(5))
        instruments = [questionnaires.load(pin["id"]) for pin in campaign.instruments]
        for page in build_pages(instruments, 0):
            for person in people:
                seconds = 2.0 if person is people[0] else 100.0
                session.execute(
                    update(Answer)
                    .where(Answer.candidate_id == person.id, Answer.item_id.in_(page.answer_ids))
                    .values(page=page.number, page_seconds=seconds)
                )
        make_user(session, org, role="admin", email="adam@nordic.example")
        session.commit()
        return campaign.id, [p.id for p in people]


def _latest(candidate_id):
    return db.session.scalar(
        select(ScoreRecord)
        .where(ScoreRecord.candidate_id == candidate_id)
        .order_by(ScoreRecord.id.desc())
        .limit(1)
    )


def test_bulk_rescoring_keeps_the_page_times(app, campaign):
    """Point 5 of the issue: the bulk job scored without page times, so a
    re-score dropped the "answered too fast" flag. All pages at 2 s: the
    share of pages under 2 s per item is 1.0 (>= 0.5 flags), by hand."""
    campaign_id, ids = campaign
    with app.app_context():
        job = submit("bulk_score", {"campaign_id": campaign_id})
        assert db.session.get(Job, job.id).status == "success"
        fast, slow = _latest(ids[0]).result["validity"], _latest(ids[1]).result["validity"]
        assert fast["indices"]["too_fast"] == 1.0
        assert "too_fast" in [flag["index"] for flag in fast["flags"]]
        assert slow["indices"]["too_fast"] == 0.0
        assert "too_fast" not in [flag["index"] for flag in slow["flags"]]
        pages = fast["page_times"]["pages"]
        assert {entry["seconds"] for entry in pages.values()} == {2.0}


def test_the_command_starts_the_bulk_rescore(app, campaign, monkeypatch):
    """Point 5: nothing in the product started the bulk-scoring job."""
    from click.testing import CliRunner

    from assess.cli import cli

    campaign_id, ids = campaign
    monkeypatch.setattr("assess.commands.web_app", lambda: app)
    result = CliRunner().invoke(cli, ["rescore", "--campaign", str(campaign_id)])
    assert result.exit_code == 0, result.output
    assert f"Re-scored {len(ids)} candidate(s) of campaign {campaign_id}" in result.output
    with app.app_context():
        kinds = [job.kind for job in db.session.scalars(select(Job))]
        assert kinds == ["bulk_score"]
        assert all(_latest(i) is not None for i in ids)
    again = CliRunner().invoke(cli, ["rescore", "--campaign", "999999"])
    assert again.exit_code != 0 and "no campaign with id 999999" in again.output


def test_the_norms_page_starts_the_bulk_rescore(app, client, campaign):
    """Point 5: the admin's local-norms page re-scores the campaign; a second
    run adds no records (nothing changed)."""
    campaign_id, ids = campaign
    login(client, "adam@nordic.example")
    page = client.get(f"/admin/campaigns/{campaign_id}/norms").get_data(as_text=True)
    assert f"/admin/campaigns/{campaign_id}/rescore" in page
    response = client.post(f"/admin/campaigns/{campaign_id}/rescore")
    assert response.status_code == 302
    page = client.get(f"/admin/campaigns/{campaign_id}/norms").get_data(as_text=True)
    assert "Candidates re-scored." in page
    assert f"{len(ids)} of {len(ids)} candidates" in page
    with app.app_context():
        count = db.session.scalar(select(func.count(ScoreRecord.id)))
        assert count == len(ids)
    client.post(f"/admin/campaigns/{campaign_id}/rescore")
    with app.app_context():
        assert db.session.scalar(select(func.count(ScoreRecord.id))) == len(ids)
        statuses = {c.status for c in db.session.scalars(select(Candidate))}
        assert statuses == {"completed"}


def test_another_organisations_admin_cannot_rescore(app, client, campaign):
    campaign_id, _ids = campaign
    with app.app_context():
        other = make_organisation(db.session, name="Harbour Clinic")
        make_user(db.session, other, role="admin", email="ola@harbour.example")
        db.session.commit()
    login(client, "ola@harbour.example")
    assert client.post(f"/admin/campaigns/{campaign_id}/rescore").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count(Job.id))) == 0
