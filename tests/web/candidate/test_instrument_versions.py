"""Revising an instrument: campaigns that pinned the earlier version keep
asking and scoring it; campaigns opened after the revision use the new one."""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import select

import questionnaires
from assess.results.report_inputs.stored import campaign_setting
from assess.store.models import Answer, Campaign, ScoreRecord
from assess.web.recruiter.operations import pinned_instruments
from questionnaires import loader
from tests.web.candidate.helpers import CandidateClient
from tests.web.factories import INSTRUMENT_IDS, invite, make_campaign

INVENTORY = INSTRUMENT_IDS[0]
REVISED_TEXT = "Revised wording of the first statement, for this test only."


def revise(text: str, version: str) -> tuple[str, str]:
    """The inventory at ``version`` with its first statement reworded and
    reverse-keyed, and that statement's id."""
    text, count = re.subn(r'(?m)^version: "[^"]+"$', f'version: "{version}"', text)
    assert count == 1
    first = re.search(r"(?m)^items:\n  - id: (\w+)\n", text)
    block_start, block_end = first.end(), text.index("\n  - id:", first.end())
    block = text[block_start:block_end]
    block = re.sub(r'key: "[+-]"', 'key: "-"', block)
    block = re.sub(r"(?m)^      en: .*$", f'      en: "{REVISED_TEXT}"', block)
    return text[:block_start] + block + text[block_end:], first.group(1)


@pytest.fixture
def revision(tmp_path, monkeypatch):
    """Install a new version of the inventory, archiving the one shipped now,
    as an author does when revising items. Returns (old, new, first item id)."""
    folder = tmp_path / "instruments"
    shutil.copytree(loader.INSTRUMENTS_DIR, folder)
    current = questionnaires.load(INVENTORY)
    old = current.version
    new = f"{old}.1-test"
    archived = folder / "archive" / INVENTORY / f"{old}.yaml"
    archived.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(current.source, archived)
    revised, first_id = revise(current.source.read_text(encoding="utf-8"), new)
    (folder / f"{INVENTORY}.yaml").write_text(revised, encoding="utf-8")

    def install() -> None:
        monkeypatch.setattr(loader, "INSTRUMENTS_DIR", folder)
        monkeypatch.setattr(loader, "ARCHIVE_DIR", folder / "archive")

    return old, new, first_id, install


def first_statement(instrument_version: str) -> str:
    instrument = questionnaires.load(INVENTORY, instrument_version)
    return instrument.items[0].text["en"]


def by_id(block, ident: str):
    """An entry of a result block stored as a mapping by id or as a list."""
    return block[ident] if isinstance(block, dict) else next(b for b in block if b["id"] == ident)


def facet_raw(record: ScoreRecord, scale: str, facet: str) -> float:
    return by_id(by_id(record.result["scales"], scale)["facets"], facet)["raw"]


def test_an_old_campaign_keeps_its_version_and_a_new_one_takes_the_revision(app, session, revision):
    old, new, first_id, install = revision
    old_text = first_statement(old)
    before = make_campaign(session, name="Opened before the revision")
    early, early_token = invite(session, before, name="Early", email="early@example.org")
    early_browser = CandidateClient(app.test_client())
    early_browser.start(early_token)
    assert early_browser.answer(1, "5").status_code == 302

    install()
    assert questionnaires.load(INVENTORY).version == new
    after = Campaign(
        organisation_id=before.organisation_id,
        role_profile_version_id=before.role_profile_version_id,
        name="Opened after the revision",
        instruments=pinned_instruments(list(INSTRUMENT_IDS)),  # as the recruiter's form does
        languages=before.languages,
        deadline=before.deadline,
    )
    session.add(after)
    session.commit()
    late, late_token = invite(session, after, name="Late", email="late@example.org")
    late_browser = CandidateClient(app.test_client())
    late_browser.start(late_token)

    # Each candidate reads the wording of the version their campaign pinned.
    pages = range(1, early_browser.page_count() + 1)
    early_pages = "".join(early_browser.page(n).text for n in pages)
    late_pages = "".join(late_browser.page(n).text for n in pages)
    assert old_text in early_pages and REVISED_TEXT not in early_pages
    assert REVISED_TEXT in late_pages and old_text not in late_pages

    for browser in (early_browser, late_browser):
        browser.answer_all("5")
        assert browser.submit().status_code == 302
    session.rollback()
    records = {r.candidate_id: r for r in session.scalars(select(ScoreRecord))}
    assert records[early.id].instrument_versions[INVENTORY] == old
    assert records[late.id].instrument_versions[INVENTORY] == new
    # Answering "5" throughout: the first statement counts 5 in the old
    # version and 1 (reversed) in the new, so the facet means differ.
    item = questionnaires.load(INVENTORY, old).items[0]
    assert facet_raw(records[early.id], item.scale, item.facet) > facet_raw(
        records[late.id], item.scale, item.facet
    )
    answered = set(session.scalars(select(Answer.item_id).where(Answer.candidate_id == early.id)))
    assert first_id in answered

    # Reports and re-scoring read the campaign's pins too.
    session.expire_all()
    versions = {
        campaign.name: {i.id: i.version for i in campaign_setting(campaign).instruments}
        for campaign in session.scalars(select(Campaign))
    }
    assert versions["Opened before the revision"][INVENTORY] == old
    assert versions["Opened after the revision"][INVENTORY] == new


def test_a_pinned_version_that_is_not_installed_is_not_served_as_another(app, session, revision):
    """Serving today's items to a campaign that pinned a missing version would
    mix item texts within one campaign: refuse instead."""
    campaign = make_campaign(session)
    campaign.instruments = [{"id": INVENTORY, "version": "0.0-missing"}]
    session.commit()
    with pytest.raises(questionnaires.InstrumentError, match="no version '0.0-missing'"):
        campaign_setting(campaign)
