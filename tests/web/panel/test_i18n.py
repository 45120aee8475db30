"""Every text of the panel, decision and admin screens has a Finnish
translation, the compiled catalogues are current, and a Finnish panel
member reads the panel pages in Finnish."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import assess.web
from tests.web.candidate.test_i18n import _msgids
from tests.web.panel.helpers import add_member, assign
from tests.web.staff.people import login

WEB = Path(assess.web.__file__).parent
CATALOGUES = [WEB / "panel", WEB / "decisions", WEB / "admin", WEB / "demographics"]


def _folder(directory: Path) -> Path:
    return directory / "translations" / "fi" / "LC_MESSAGES"


@pytest.mark.parametrize("directory", CATALOGUES, ids=lambda d: d.name)
def test_every_message_has_a_finnish_translation(directory):
    msgids = _msgids(directory)
    assert len(msgids) > 15
    with open(_folder(directory) / "messages.po", "rb") as po_file:
        catalog = read_po(po_file)
    missing = sorted(m for m in msgids if not (catalog.get(m) and catalog.get(m).string))
    assert missing == [], f"untranslated in {directory.name}"


@pytest.mark.parametrize("directory", CATALOGUES, ids=lambda d: d.name)
def test_compiled_catalogue_matches_the_po_file(directory):
    with open(_folder(directory) / "messages.po", "rb") as po_file:
        po = {m.id: m.string for m in read_po(po_file) if m.id}
    with open(_folder(directory) / "messages.mo", "rb") as mo_file:
        mo = {m.id: m.string for m in read_mo(mo_file) if m.id}
    assert mo == po, "run: pybabel compile -d translations -l fi"


def test_a_finnish_member_reads_the_rating_page_in_finnish(app, world, rows):
    with rows() as session:
        finn = add_member(session, world, "pirjo@nordic.example", locale="fi")
        assign(session, world.candidate.id, finn)
    client = app.test_client()
    login(client, "pirjo@nordic.example")
    page = client.get(f"/panel/candidates/{world.candidate.id}").text
    assert '<html lang="fi">' in page
    assert "Lähetä arviot" in page and "Tallenna luonnos" in page
    assert "Arvioitavat hakijat" in client.get("/panel/").text
