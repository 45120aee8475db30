"""A recruiter in headless Chromium: signs in, starts a role profile from a
shipped example, opens a campaign, invites candidates from a CSV file
(a bad row is listed, the good ones get links to copy), the link opens the
candidate's landing page; once a candidate is scored the recruiter reads
the results with their intervals, compares and exports. axe-core finds no
serious or critical violation on the recruiter's pages."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

import questionnaires
from assess.results.pipeline import SCORING_VERSION, score_answers
from assess.store import db
from assess.store.models import Candidate, ScoreRecord
from tests.e2e.conftest import serious_violations
from tests.web.factories import make_organisation
from tests.web.staff.people import PASSWORD, make_user

pytestmark = pytest.mark.browser

CSV = (
    "name,email,locale\n"
    "Eero Ek,eero@example.org,fi\n"
    "Broken Row,not-an-address,en\n"
    "Mia Mäki,mia@example.org,en\n"
)


def _engine_scores(campaign_instruments, role_id: str, likert: int) -> dict:
    instruments = [questionnaires.load(i["id"]) for i in campaign_instruments]
    answers = {}
    for instrument in instruments:
        answers.update({item.id: likert for item in instrument.all_likert_items})
        for scenario in instrument.scenarios:
            answers.update({f"{scenario.id}.{o.id}": o.rating for o in scenario.options})
    return score_answers(instruments, answers, role=questionnaires.load_role(role_id))


def test_recruiter_opens_a_campaign_invites_by_csv_and_reads_results(live_server, page, tmp_path):
    with live_server.app_context():
        organisation = make_organisation(db.session, name="Nordic Air Services")
        make_user(db.session, organisation, role="recruiter", email="rita@nordic.example")
        db.session.commit()
    axe: dict[str, list[str]] = {}

    page.goto(live_server.url + "/recruiter/")
    assert "/staff/login" in page.url
    axe["login"] = serious_violations(page)
    page.get_by_label("E-mail address").fill("rita@nordic.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/recruiter/")
    axe["dashboard"] = serious_violations(page)

    page.get_by_role("link", name="Role profiles").first.click()
    page.locator("form", has=page.locator("input[value='airport-agent-night']")).get_by_role(
        "button"
    ).click()
    assert "version 1" in page.content().lower()
    axe["role"] = serious_violations(page)

    page.goto(live_server.url + "/recruiter/campaigns/new")
    page.get_by_label("Campaign name").fill("Night desk, winter")
    page.get_by_label("Deadline").fill((date.today() + timedelta(days=30)).isoformat())
    axe["new campaign"] = serious_violations(page)
    page.get_by_role("button", name="Create the campaign").click()
    assert page.locator("h1").inner_text() == "Night desk, winter"
    campaign_url = page.url

    csv_file = tmp_path / "candidates.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.get_by_role("button", name="Invite everyone in the file").click()
    assert "Row 3" in page.locator(".error-summary").inner_text()
    links = page.locator(".invited input[readonly]")
    assert links.count() == 2
    link = links.first.input_value()
    assert link.startswith(live_server.url + "/c/")
    axe["campaign with invitations"] = serious_violations(page)

    # The copied link works for the candidate, in a browser of their own.
    candidate_context = page.context.browser.new_context()
    candidate_page = candidate_context.new_page()
    candidate_page.goto(link)
    assert "Nordic Air Services" in candidate_page.content()
    candidate_context.close()

    # Two candidates complete; their records come from the real engine.
    with live_server.app_context():
        candidates = db.session.query(Candidate).order_by(Candidate.id).all()
        for candidate, likert in zip(candidates, (4, 5), strict=True):
            candidate.status = "completed"
            db.session.add(
                ScoreRecord(
                    candidate_id=candidate.id,
                    instrument_versions={
                        i["id"]: i["version"] for i in candidate.campaign.instruments
                    },
                    scoring_version=SCORING_VERSION,
                    norm_basis="browser test",
                    result=_engine_scores(
                        candidate.campaign.instruments,
                        candidate.campaign.role_profile.profile_key,
                        likert,
                    ),
                )
            )
        db.session.commit()

    page.get_by_role("link", name="Results").click()
    assert "95% range" in page.content()
    axe["results"] = serious_violations(page)
    page.get_by_role("link", name="Eero Ek").click()
    assert "Must-reach bars" in page.content()
    axe["candidate"] = serious_violations(page)
    page.go_back()
    page.get_by_label("Compare Eero Ek").check()
    page.get_by_label("Compare Mia Mäki").check()
    page.get_by_role("button", name="Compare the chosen candidates").click()
    assert "Comparison" in page.locator("h1").inner_text()
    axe["comparison"] = serious_violations(page)

    page.goto(campaign_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Eero Ek" in exported and "composure_ci95_low" in exported

    assert {where: found for where, found in axe.items() if found} == {}
