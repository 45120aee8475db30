"""Every shipped instrument and role profile loads, whatever the content is today."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pytest

import questionnaires


def test_there_is_at_least_one_instrument_and_one_role() -> None:
    assert questionnaires.available()
    assert questionnaires.available_roles()
    assert questionnaires.available() == sorted(questionnaires.available())


@pytest.mark.parametrize("ident", questionnaires.available())
def test_shipped_instrument_loads(ident: str) -> None:
    instrument = questionnaires.load(ident)
    assert instrument.id == ident
    assert questionnaires.load(ident) is instrument  # cached


@pytest.mark.parametrize("ident", questionnaires.available_roles())
def test_shipped_role_loads(ident: str) -> None:
    role = questionnaires.load_role(ident)
    assert role.id == ident
    assert set(role.instruments) <= set(questionnaires.available())
    stored = json.loads(json.dumps(questionnaires.role_to_mapping(role)))
    assert questionnaires.role_from_mapping(stored, ident) == replace(role, source=None)


def test_scale_ids_are_unique_across_shipped_instruments() -> None:
    """Roles name scales without their instrument, so a scale id means one scale."""
    owners = Counter(
        scale.id
        for ident in questionnaires.available()
        for scale in questionnaires.load(ident).scales
    )
    assert [scale for scale, count in owners.items() if count > 1] == []
