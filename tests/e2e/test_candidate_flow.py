"""A candidate in headless Chromium at phone width: whole questionnaire in
English and in Finnish, closing the browser midway and resuming with the
link, submitting; axe-core on every kind of candidate page."""

from __future__ import annotations

import pytest

from assess.store import db
from assess.web.invitations import invitation_link
from tests.e2e.conftest import serious_violations
from tests.web.factories import invite

pytestmark = pytest.mark.browser

TEXT = {
    "en": {
        "accept": "I consent, continue",
        "start": "Start",
        "next": "Next",
        "review": "Save and review",
        "submit": "Submit my answers",
        "thanks": "Thank you",
        "missing": "Please choose an answer.",
    },
    "fi": {
        "accept": "Annan suostumukseni ja jatkan",
        "start": "Aloita",
        "next": "Seuraava",
        "review": "Tallenna ja siirry lähettämään",
        "submit": "Lähetä vastaukseni",
        "thanks": "Kiitos",
        "missing": "Valitse vastaus.",
    },
}


def _check_axe(page, where: str, checked: dict) -> None:
    checked[where] = serious_violations(page)


def _answer_page(page, value: str = "4", *, leave_out: int = 0) -> int:
    """Tick ``value`` in every fieldset but the last ``leave_out``; returns the count."""
    fieldsets = page.locator("fieldset")
    count = fieldsets.count()
    for index in range(count - leave_out):
        fieldsets.nth(index).locator(f"input[type=radio][value='{value}']").check()
    return count


def _page_number(page) -> tuple[int, int]:
    label = page.locator("#progress-label").inner_text()
    numbers = [int(part) for part in label.replace("/", " ").split() if part.isdigit()]
    return numbers[0], numbers[-1]


@pytest.mark.parametrize("language", ["en", "fi"])
def test_candidate_completes_resumes_and_submits(live_server, chromium, page, language):
    text = TEXT[language]
    with live_server.app_context():
        _, token = invite(db.session, email=f"{language}@example.org")
        link = invitation_link(token)
    axe: dict[str, list[str]] = {}

    page.goto(link)
    assert token not in page.url
    if language == "fi":
        page.get_by_role("button", name="Suomeksi").click()
    assert page.locator("html").get_attribute("lang") == language
    _check_axe(page, "landing", axe)
    page.get_by_label("I have read" if language == "en" else "Olen lukenut").check()
    page.get_by_role("button", name=text["accept"]).click()
    _check_axe(page, "instructions", axe)
    page.get_by_role("link", name=text["start"]).click()

    number, total = _page_number(page)
    assert (number, total) == (1, total) and total >= 10
    _check_axe(page, "likert page", axe)

    # An error state: one question left out, the summary takes the focus.
    _answer_page(page, leave_out=1)
    page.get_by_role("button", name=text["next"]).click()
    assert text["missing"] in page.content()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    _check_axe(page, "error state", axe)
    _answer_page(page)
    page.get_by_role("button", name=text["next"]).click()

    halfway = total // 2
    while _page_number(page)[0] <= halfway:
        _answer_page(page)
        page.get_by_role("button", name=text["next"]).click()
    resume_at = _page_number(page)[0]

    # Close the browser's session and open the link again.
    context = page.context
    fresh = context.browser.new_context(viewport={"width": 360, "height": 740})
    context.close()
    page = fresh.new_page()
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == language  # remembered
    assert _page_number(page)[0] == resume_at
    page.goto(live_server.url + "/c/page/1")
    fieldsets = page.locator("fieldset")
    for index in range(fieldsets.count()):
        assert fieldsets.nth(index).locator("input[value='4']").is_checked()
    page.goto(live_server.url + f"/c/page/{resume_at}")

    scenario_checked = False
    while True:
        if not scenario_checked and page.locator(".scenario-text").count():
            _check_axe(page, "scenario page", axe)
            scenario_checked = True
        number, _ = _page_number(page)
        _answer_page(page, "3")
        button = text["next"] if number < total else text["review"]
        page.get_by_role("button", name=button).click()
        if number == total:
            break
    assert scenario_checked
    page.get_by_role("button", name=text["submit"]).click()
    assert page.locator("h1").inner_text() == text["thanks"]
    _check_axe(page, "thank-you", axe)
    fresh.close()

    assert {where: found for where, found in axe.items() if found} == {}
    assert len(axe) == 6
