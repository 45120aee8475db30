"""The whole hiring path in headless Chromium: a recruiter creates a
campaign and invites by CSV, the candidate completes the questionnaire
through the link, two panel members rate on their own, and the recruiter
reads the results and records a decision with a rationale. axe-core finds
no serious or critical violation on the panel and decision pages."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from assess.store import db
from assess.store.models import AuditEvent, Candidate, Decision, PanelAssignment, Rating
from tests.e2e.conftest import serious_violations
from tests.web.factories import make_organisation
from tests.web.staff.people import PASSWORD, make_user

pytestmark = pytest.mark.browser

MEMBERS = {"paula@nordic.example": "Paula Panel", "pekka@nordic.example": "Pekka Panel"}
RATIONALE = "Steady under the disruption role-play; both panel members saw clear ownership."


def _sign_in(page, url: str, email: str) -> None:
    page.goto(url + "/staff/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _complete_questionnaire(browser, link: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(link)
    page.get_by_label("I have read").check()
    page.get_by_role("button", name="I consent, continue").click()
    page.get_by_role("link", name="Start").click()
    while True:
        label = page.locator("#progress-label").inner_text()
        number, total = (int(n) for n in re.findall(r"\d+", label)[:2])
        fieldsets = page.locator("fieldset")
        for index in range(fieldsets.count()):
            fieldsets.nth(index).locator("input[type=radio][value='4']").check()
        page.get_by_role("button", name="Next" if number < total else "Save and review").click()
        if number == total:
            break
    page.get_by_role("button", name="Submit my answers").click()
    assert page.locator("h1").inner_text() == "Thank you"
    context.close()


def _rate(browser, url: str, email: str, candidate_name: str, value: str, axe: dict) -> None:
    context = browser.new_context()
    page = context.new_page()
    _sign_in(page, url, email)
    page.goto(url + "/panel/")
    page.get_by_role("link", name=candidate_name).click()
    axe[f"rating form of {email}"] = serious_violations(page)
    competencies = page.locator("fieldset.competency")
    for index in range(competencies.count()):
        competencies.nth(index).locator(f"input[type=radio][value='{value}']").check()
    page.get_by_role("button", name="Submit ratings").click()
    assert "Ratings submitted." in page.content()
    assert "Panel ratings of" in page.locator("h1").inner_text()
    context.close()


def test_campaign_to_decision(live_server, page, tmp_path):
    with live_server.app_context():
        organisation = make_organisation(db.session, name="Nordic Air Services")
        make_user(db.session, organisation, role="recruiter", email="rita@nordic.example")
        for email, name in MEMBERS.items():
            make_user(db.session, organisation, role="panel", email=email, name=name)
        db.session.commit()
    url = live_server.url
    browser = page.context.browser
    axe: dict[str, list[str]] = {}

    # The recruiter: role profile from an example, campaign, CSV invitation.
    _sign_in(page, url, "rita@nordic.example")
    page.goto(url + "/recruiter/roles")
    page.locator("form", has=page.locator("input[value='airport-agent-night']")).get_by_role(
        "button"
    ).click()
    page.goto(url + "/recruiter/campaigns/new")
    page.get_by_label("Campaign name").fill("Night desk, spring")
    page.get_by_label("Deadline").fill((date.today() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Create the campaign").click()
    campaign_id = int(re.search(r"/campaigns/(\d+)", page.url).group(1))
    csv_file = tmp_path / "candidates.csv"
    csv_file.write_text("name,email,locale\nSaara Salo,saara@example.org,en\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.get_by_role("button", name="Invite everyone in the file").click()
    link = page.locator(".invited input[readonly]").first.input_value()

    # The candidate answers every question through the link.
    _complete_questionnaire(browser, link)
    with live_server.app_context():
        candidate = db.session.scalar(select(Candidate))
        assert candidate.status == "completed"
        candidate_id = candidate.id

    # The recruiter assigns both panel members.
    page.goto(url + f"/panel/campaigns/{campaign_id}")
    axe["panel, before ratings"] = serious_violations(page)
    for name in MEMBERS.values():
        page.get_by_label("Candidate").select_option(label="Saara Salo")
        page.get_by_label("Panel member").select_option(label=name)
        page.get_by_role("button", name="Assign").click()
        assert f"{name} will rate this candidate." in page.content()

    # Each member rates on their own.
    for (email, _name), value in zip(MEMBERS.items(), ("4", "2"), strict=True):
        _rate(browser, url, email, "Saara Salo", value, axe)
    page.goto(url + f"/panel/campaigns/{campaign_id}")
    assert page.content().count("(members disagree)") == 5
    axe["panel, after ratings"] = serious_violations(page)

    # The recruiter reads the results, then decides.
    page.goto(url + f"/recruiter/candidates/{candidate_id}/decision")
    assert "Open this candidate" in page.content()
    page.get_by_role("link", name="Open the results").click()
    assert "95% range" in page.content()
    page.goto(url + f"/recruiter/candidates/{candidate_id}/decision")
    assert page.locator("select#outcome").input_value() == ""
    axe["decision form"] = serious_violations(page)
    page.get_by_label("Outcome").select_option("advance")
    page.get_by_label("Rationale").fill(RATIONALE)
    page.get_by_role("button", name="Record the decision").click()
    assert "Decision recorded." in page.content()
    assert "a score never decides on its own" in page.content()

    with live_server.app_context():
        decision = db.session.scalar(select(Decision))
        assert (decision.candidate_id, decision.outcome, decision.rationale) == (
            candidate_id,
            "advance",
            RATIONALE,
        )
        assert len(db.session.scalars(select(Rating)).all()) == 10
        submitted = db.session.scalars(select(PanelAssignment.submitted_at)).all()
        assert len(submitted) == 2 and all(submitted)
        actions = set(db.session.scalars(select(AuditEvent.action)))
        assert {"results.viewed", "panel.submitted", "decision.recorded"} <= actions

    assert {where: found for where, found in axe.items() if found} == {}
