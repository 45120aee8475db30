"""The Content-Security-Policy in a real browser: staff and candidate pages
load with no policy violation reported, and the staff navigation keeps its
layout now that its rules live in the stylesheet."""

from __future__ import annotations

import pytest

from assess.store import db
from tests.web.factories import invite, make_organisation
from tests.web.staff.people import PASSWORD, make_user

pytestmark = pytest.mark.browser


def test_pages_load_without_policy_violations(live_server, page):
    with live_server.app_context():
        organisation = make_organisation(db.session, name="Nordic Air Services")
        make_user(db.session, organisation, role="recruiter", email="rita@nordic.example")
        _, token = invite(db.session, organisation=make_organisation(db.session, name="Harbour"))
        db.session.commit()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    response = page.goto(live_server.url + "/staff/login")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.get_by_label("E-mail address").fill("rita@nordic.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/recruiter/")
    navigation = page.locator(".staff-nav ul")
    assert navigation.evaluate("list => getComputedStyle(list).display") == "flex"

    page.goto(live_server.url + f"/c/{token}")
    assert page.locator("form").count() >= 1
    assert violations == []
