"""Every text of the staff sign-in and the recruiter screens exists in
Finnish: the messages are extracted from the sources here (so a new string
without a translation fails), found in the committed catalogue with the
same placeholders, and compiled into the committed .mo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from babel.support import Translations

WEB = Path(__file__).resolve().parents[3] / "assess" / "web"
PACKAGES = ("auth", "recruiter")
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2.ext:babel_extract")]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def _source_messages(package: str) -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(WEB / package), METHODS, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalogue(package: str):
    with open(WEB / package / "translations" / "fi" / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale="fi")


@pytest.mark.parametrize("package", PACKAGES)
def test_every_message_in_the_sources_has_a_finnish_translation(package):
    catalogue = _catalogue(package)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(_source_messages(package) - translated)
    assert not missing, f"translate in {package}/translations/fi: {missing}"


@pytest.mark.parametrize("package", PACKAGES)
def test_translations_keep_the_placeholders(package):
    for message in _catalogue(package):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(ids[-1])), ids
            assert text.count("%%") == ids[-1].count("%%"), ids


@pytest.mark.parametrize("package", PACKAGES)
def test_compiled_catalogue_matches_the_po_file(package):
    compiled = Translations.load(str(WEB / package / "translations"), ["fi"])
    for message in _catalogue(package):
        if message.id and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, message.id


def test_staff_pages_render_in_finnish(client):
    html = client.get("/staff/login", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Kirjaudu sisään" in html
    assert '<html lang="fi">' in html


def test_pdf_status_texts_are_collected_for_translation():
    """downloads.py speaks through gettext, so its texts are among the
    extracted messages the completeness test above checks."""
    messages = _source_messages("recruiter")
    assert "Preparing the PDF" in messages
    assert "The report could not be prepared. The error has been logged." in messages
    assert "There is no report yet: nobody here has submitted answers that were scored." in messages


def test_pdf_status_page_in_finnish(client, world, rows):
    from assess.store.models import User
    from tests.web.staff.people import login

    with rows() as session:
        session.get(User, world.recruiter.id).locale = "fi"
    login(client, world.recruiter.email)
    response = client.get(f"/recruiter/candidates/{world.candidate.id}/report.pdf")
    html = response.get_data(as_text=True)
    assert "PDF-raporttia valmistellaan" in html
    assert "Raporttia ei vielä ole" in html
    assert "Takaisin" in html
