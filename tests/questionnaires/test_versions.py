"""Instrument versions: the current file and the archived earlier versions
that campaigns pinned before a revision."""

from __future__ import annotations

from pathlib import Path

import pytest

import questionnaires
from questionnaires import loader
from tests.questionnaires.documents import TINY_INSTRUMENT, edit

NEW_TEXT = "I greet people warmly."


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def shipped(tmp_path, monkeypatch) -> Path:
    """An instruments folder where ``tiny`` is at version 2 and version 1 is archived."""
    folder = tmp_path / "instruments"
    monkeypatch.setattr(loader, "INSTRUMENTS_DIR", folder)
    monkeypatch.setattr(loader, "ARCHIVE_DIR", folder / "archive")
    write(folder / "archive" / "tiny" / "1.yaml", TINY_INSTRUMENT)
    bumped = edit(TINY_INSTRUMENT, 'version: "1"', 'version: "2"')
    bumped = edit(bumped, "en: I smile.", f"en: {NEW_TEXT}")
    write(folder / "tiny.yaml", bumped)
    return folder


def item_text(instrument, item_id: str) -> str:
    return next(item.text["en"] for item in instrument.items if item.id == item_id)


def test_the_current_version_is_the_default(shipped) -> None:
    assert questionnaires.available() == ["tiny"]
    current = questionnaires.load("tiny")
    assert current.version == "2"
    assert item_text(current, "w2") == NEW_TEXT
    assert questionnaires.load("tiny", "2") is current


def test_an_archived_version_stays_loadable(shipped) -> None:
    old = questionnaires.load("tiny", "1")
    assert (old.id, old.version) == ("tiny", "1")
    assert item_text(old, "w2") == "I smile."
    assert questionnaires.load("tiny@1") is old
    assert questionnaires.versions("tiny") == ["1", "2"]


def test_pins_load_at_their_version_in_order(shipped) -> None:
    pins = [{"id": "tiny", "version": "1"}, {"id": "tiny", "version": "2"}, {"id": "tiny"}]
    assert [i.version for i in questionnaires.load_pinned(pins)] == ["1", "2", "2"]


def test_an_unknown_version_names_the_versions_there_are(shipped) -> None:
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.load("tiny", "0.9")
    assert str(caught.value) == "tiny: version: no version '0.9' (available: 1, 2)"


def test_an_archived_file_must_sit_under_its_id_and_version(shipped) -> None:
    write(shipped / "archive" / "tiny" / "3.yaml", TINY_INSTRUMENT)
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.load("tiny", "3")
    assert [p.path for p in caught.value.problems] == ["version"]
    assert "version '1' must match the file name '3'" in str(caught.value)
    write(shipped / "archive" / "other" / "1.yaml", TINY_INSTRUMENT)
    with pytest.raises(questionnaires.InstrumentError, match="must match the folder name"):
        questionnaires.load_definition(shipped / "archive" / "other" / "1.yaml")


def test_a_path_must_be_the_version_asked_for(shipped) -> None:
    path = shipped / "archive" / "tiny" / "1.yaml"
    assert questionnaires.load(path, "1").version == "1"
    with pytest.raises(questionnaires.InstrumentError, match="is version '1', not '2'"):
        questionnaires.load(path, "2")


def test_two_different_versions_at_once_are_refused(shipped) -> None:
    with pytest.raises(questionnaires.InstrumentError, match="two versions asked for"):
        questionnaires.load("tiny@1", "2")


def test_every_archived_shipped_version_loads_and_is_older_than_the_current() -> None:
    """The real archive: each file is named for its version, and the current
    file carries a version that no archived file has."""
    for ident in questionnaires.available():
        known = questionnaires.versions(ident)
        assert known[-1] == questionnaires.load(ident).version
        assert len(known) == len(set(known))
        for version in known:
            assert questionnaires.load(ident, version).version == version
    stray = {p.parent.name for p in loader.ARCHIVE_DIR.glob("*/*.yaml")}
    assert stray <= set(questionnaires.available())
