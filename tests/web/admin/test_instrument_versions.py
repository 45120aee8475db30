"""The admin's list of instruments in use tells whether each campaign's
pinned version is still served after an instrument was revised."""

from __future__ import annotations

import re
import shutil

import pytest

import questionnaires
from assess.store.models import Campaign
from questionnaires import loader
from tests.web.staff.people import login

INVENTORY = "service-composure"


@pytest.fixture
def admin(app, world):
    client = app.test_client()
    login(client, world.admin.email)
    return client


def pin(rows, world, version: str) -> None:
    with rows() as session:
        campaign = session.get(Campaign, world.campaign.id)
        campaign.instruments = [{"id": INVENTORY, "version": version}]


def test_an_archived_pinned_version_is_shown_as_kept(admin, world, rows, tmp_path, monkeypatch):
    current = questionnaires.load(INVENTORY)
    archived = tmp_path / "archive" / INVENTORY / "0.9.yaml"
    archived.parent.mkdir(parents=True)
    text = current.source.read_text(encoding="utf-8")
    archived.write_text(re.sub(r'(?m)^version: "[^"]+"$', 'version: "0.9"', text), "utf-8")
    monkeypatch.setattr(loader, "ARCHIVE_DIR", tmp_path / "archive")
    pin(rows, world, "0.9")
    page = admin.get("/admin/instruments").text
    assert "0.9" in page and current.version in page
    assert "the pinned version is kept and still used" in page
    shutil.rmtree(archived.parent)
    page = admin.get("/admin/instruments").text
    assert "the pinned version is not installed" in page
