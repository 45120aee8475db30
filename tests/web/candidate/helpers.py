"""A candidate driving the test client: open the link, consent, answer pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
ANSWER_NAME = re.compile(r'<input[^>]*name="(a_[^"]+)"[^>]*type="radio"')
PAGE_OF = re.compile(r"Page (\d+) of (\d+)|Sivu (\d+)/(\d+)")


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def answer_names(html: str) -> list[str]:
    """Answer field names in display order, each once."""
    return list(dict.fromkeys(ANSWER_NAME.findall(html)))


def checked_values(html: str) -> dict[str, str]:
    """Field name -> value of the checked radio, as the page renders it."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if 'type="radio"' in tag and "checked" in tag:
            name = re.search(r'name="([^"]+)"', tag).group(1)
            found[name] = re.search(r'value="([^"]*)"', tag).group(1)
    return found


@dataclass
class CandidateClient:
    """The test client of one browser, with the steps a candidate takes."""

    client: object
    pages_seen: list[int] = field(default_factory=list)

    def open(self, token: str):
        return self.client.get(f"/c/{token}")

    def start(self, token: str, *, locale: str | None = None):
        """Open the link, pick a language, consent; returns the instructions page."""
        self.open(token)
        landing = self.client.get("/c/")
        if locale:
            self.client.post(
                "/c/language", data={"csrf_token": csrf_token(landing.text), "locale": locale}
            )
            landing = self.client.get("/c/")
        response = self.client.post(
            "/c/consent",
            data={"csrf_token": csrf_token(landing.text), "agree": "y", "accept": "1"},
        )
        assert response.status_code == 302, response.text
        return self.client.get(response.location)

    def page(self, number: int):
        return self.client.get(f"/c/page/{number}")

    def answer(self, number: int, value="3", *, skip: int = 0, action: str = "next", **extra):
        """Answer every question on page ``number`` with ``value`` (leaving out
        the last ``skip``); ``extra`` fields are posted as given."""
        html = self.page(number).text
        names = answer_names(html)
        data = {name: value for name in names[: len(names) - skip]}
        data.update(csrf_token=csrf_token(html), action=action)
        data.update(extra)
        return self.client.post(f"/c/page/{number}", data=data)

    def page_count(self, number: int = 1) -> int:
        match = PAGE_OF.search(self.page(number).text)
        return int(match.group(2) or match.group(4))

    def answer_all(self, value="3", *, until: int | None = None):
        total = self.page_count()
        for number in range(1, (until or total) + 1):
            response = self.answer(number, value)
            assert response.status_code == 302, response.text[:2000]
        return total

    def submit(self):
        html = self.client.get("/c/submit").text
        if not CSRF.search(html):  # the review page offers no button while pages are open
            html = self.page(1).text
        return self.client.post("/c/submit", data={"csrf_token": csrf_token(html)})
