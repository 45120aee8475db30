"""Every text the candidate pages use has a Finnish translation, the compiled
catalogues are current, and the pages speak the language chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import assess.web
from tests.web.candidate.helpers import CandidateClient, csrf_token

WEB = Path(assess.web.__file__).parent
CATALOGUES = [WEB / "candidate", WEB]
"""Directories with a ``babel.cfg`` and a ``translations`` folder each."""


def _msgids(directory: Path) -> set[str]:
    with open(directory / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(directory), method_map, options_map, keywords={"_": None, "_l": None, "gettext": None}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("directory", CATALOGUES, ids=lambda d: d.name)
def test_every_message_has_a_finnish_translation(directory):
    msgids = _msgids(directory)
    assert len(msgids) > 10
    po_path = directory / "translations" / "fi" / "LC_MESSAGES" / "messages.po"
    with open(po_path, "rb") as po_file:
        catalog = read_po(po_file)
    missing = sorted(m for m in msgids if not (catalog.get(m) and catalog.get(m).string))
    assert missing == [], f"untranslated in {po_path}"


@pytest.mark.parametrize("directory", CATALOGUES, ids=lambda d: d.name)
def test_compiled_catalogue_matches_the_po_file(directory):
    folder = directory / "translations" / "fi" / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as po_file:
        po = {m.id: m.string for m in read_po(po_file) if m.id}
    with open(folder / "messages.mo", "rb") as mo_file:
        mo = {m.id: m.string for m in read_mo(mo_file) if m.id}
    assert mo == po, "run: pybabel compile -d translations -l fi"


def test_choosing_finnish_translates_the_questionnaire(client, token):
    browser = CandidateClient(client)
    instructions = browser.start(token, locale="fi")
    assert '<html lang="fi">' in instructions.text
    assert "Ohjeet" in instructions.text
    page = browser.page(1).text
    assert "Sivu 1/" in page
    assert "Täysin samaa mieltä" in page
    assert "Seuraava" in page
    response = browser.answer(1, skip=1)
    assert "Valitse vastaus." in response.text


def test_consent_without_a_choice_keeps_the_browser_language(client, token):
    browser = CandidateClient(client)
    browser.open(token)
    landing = client.get("/c/", headers={"Accept-Language": "fi"})
    assert '<html lang="fi">' in landing.text
    client.post(
        "/c/consent",
        data={"csrf_token": csrf_token(landing.text), "agree": "y", "accept": "1"},
        headers={"Accept-Language": "fi"},
    )
    page = client.get("/c/page/1", headers={"Accept-Language": "en"})
    assert '<html lang="fi">' in page.text
