"""The shipped content meets the counting rules the instruments were written to.

These are rules about the questionnaires as a measurement (enough items per
facet, a balance of reverse-keyed items, validity checks, scenarios with a
clear best and worst response, every text in both languages) rather than
about the YAML layout, which the loader's own tests cover.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import questionnaires
from questionnaires.model import LANGUAGES, Band, Instrument

INVENTORY = "service-composure"
JUDGEMENT = "service-judgement"
MAIN_SCALES = ("service_orientation", "composure")
JUDGEMENT_SCALES = ("judgement_service", "judgement_composure")
ROLES = ("airport-agent-night", "clinic-receptionist", "contact-centre-agent", "retail-associate")
BAND_GAP = 0.011
"""Largest gap allowed between one band's max and the next band's min."""


@pytest.fixture(scope="module")
def inventory() -> Instrument:
    return questionnaires.load(INVENTORY)


@pytest.fixture(scope="module")
def judgement() -> Instrument:
    return questionnaires.load(JUDGEMENT)


def localized_texts(value: Any, path: str = "") -> Iterator[tuple[str, Mapping[str, str]]]:
    """Every ``{en, fi}`` text inside a loaded instrument or role, with where it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from localized_texts(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, Mapping):
        if set(value) == set(LANGUAGES) and all(isinstance(v, str) for v in value.values()):
            yield path, value
        else:
            for key, item in value.items():
                yield from localized_texts(item, f"{path}[{key}]")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from localized_texts(item, f"{path}[{index}]")


def assert_bands_cover(bands: tuple[Band, ...], low: float, high: float, where: str) -> None:
    assert bands, f"{where} has no bands"
    ordered = sorted(bands, key=lambda band: band.min)
    assert ordered[0].min == low, f"{where}: lowest band starts at {ordered[0].min}"
    assert ordered[-1].max == high, f"{where}: highest band ends at {ordered[-1].max}"
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        assert 0 < upper.min - lower.max <= BAND_GAP, f"{where}: {lower.id} -> {upper.id}"


@pytest.mark.parametrize("scale_id", MAIN_SCALES)
def test_main_scale_has_five_facets_of_six_items(inventory: Instrument, scale_id: str) -> None:
    scale = inventory.scale(scale_id)
    items = inventory.scale_items(scale_id)
    assert len(scale.facets) >= 5
    assert len(items) >= 30
    for facet in scale.facets:
        assert sum(item.facet == facet.id for item in items) >= 6, facet.id
    assert all(item.facet in {facet.id for facet in scale.facets} for item in items)


@pytest.mark.parametrize("scale_id", MAIN_SCALES)
def test_reverse_keyed_share_is_about_a_third(inventory: Instrument, scale_id: str) -> None:
    items = inventory.scale_items(scale_id)
    share = sum(item.key == -1 for item in items) / len(items)
    assert 0.25 <= share <= 0.45
    for facet in inventory.scale(scale_id).facets:
        keys = {item.key for item in items if item.facet == facet.id}
        assert keys == {1, -1}, f"{facet.id} needs items keyed both ways"


def test_pages_mix_facets_and_keying(inventory: Instrument) -> None:
    """Pages of about ten are cut from the items in file order, so every run of
    ten must mix facets and keying; a page of one facet would make its items
    transparent and inflate their agreement."""
    items = inventory.items
    for start in range(len(items) - 9):
        window = items[start : start + 10]
        assert len({item.facet for item in window}) >= 8, start
        assert 2 <= sum(item.key == -1 for item in window) <= 6, start


def test_item_ids_are_unique(inventory: Instrument) -> None:
    ids = [item.id for item in inventory.all_likert_items]
    assert len(ids) == len(set(ids))


def test_validity_checks_are_present(inventory: Instrument) -> None:
    validity = inventory.validity
    im = validity.impression_management
    assert im is not None
    assert len(im.items) >= 6
    assert 4.0 <= im.flag_at <= inventory.response_scale.max
    assert len(validity.instructed) >= 3
    points = inventory.response_scale.points
    assert all(item.expected in points for item in validity.instructed)
    assert len({item.expected for item in validity.instructed}) >= 2


def test_consistency_pairs_join_items_of_one_facet(inventory: Instrument) -> None:
    pairs = inventory.validity.consistency_pairs
    assert len(pairs) >= 4
    scored = {item.id: item for item in inventory.items}
    for pair in pairs:
        first, second = scored[pair.first], scored[pair.second]
        assert (first.scale, first.facet) == (second.scale, second.facet), pair


def test_likert_bands_cover_the_response_scale(inventory: Instrument) -> None:
    low, high = inventory.response_scale.min, inventory.response_scale.max
    for scale_id in MAIN_SCALES:
        scale = inventory.scale(scale_id)
        assert_bands_cover(scale.bands, low, high, scale_id)
        for facet in scale.facets:
            assert_bands_cover(facet.bands, low, high, f"{scale_id}.{facet.id}")


def test_judgement_scales_have_enough_scenarios(judgement: Instrument) -> None:
    assert len(judgement.scenarios) >= 10
    assert {scenario.scale for scenario in judgement.scenarios} == set(JUDGEMENT_SCALES)
    for scale_id in JUDGEMENT_SCALES:
        assert sum(s.scale == scale_id for s in judgement.scenarios) >= 5, scale_id
        assert_bands_cover(judgement.scale(scale_id).bands, 0, 100, scale_id)
    assert judgement.items == ()


def test_each_scenario_has_a_clear_best_and_worst_response(judgement: Instrument) -> None:
    ids = [scenario.id for scenario in judgement.scenarios]
    assert len(ids) == len(set(ids))
    for scenario in judgement.scenarios:
        ratings = sorted(option.rating for option in scenario.options)
        assert 4 <= len(ratings) <= 5, scenario.id
        assert ratings[0] == 1 and ratings[-1] == 5, scenario.id
        assert ratings.count(5) == 1 and ratings.count(1) == 1, scenario.id
        assert len({option.id for option in scenario.options}) == len(ratings)


def test_best_response_is_not_always_in_the_same_place(judgement: Instrument) -> None:
    best = {
        next(i for i, option in enumerate(s.options) if option.rating == 5)
        for s in judgement.scenarios
    }
    assert len(best) >= 3


@pytest.mark.parametrize("ident", [INVENTORY, JUDGEMENT])
def test_every_scale_has_a_labelled_simulated_norm(ident: str) -> None:
    instrument = questionnaires.load(ident)
    norms = {norm.scale: norm for norm in instrument.norms}
    assert set(norms) == {scale.id for scale in instrument.scales}
    for norm in norms.values():
        assert norm.simulated
        assert norm.source.startswith("SIMULATED")
        assert norm.n > 0 and norm.sd and norm.sd > 0
        assert norm.reliability is not None and 0.7 <= norm.reliability < 1


@pytest.mark.parametrize("ident", [INVENTORY, JUDGEMENT])
def test_every_instrument_text_is_in_english_and_finnish(ident: str) -> None:
    instrument = questionnaires.load(ident)
    texts = list(localized_texts(instrument))
    # The walk must reach every item, scenario, option text and rationale.
    reachable = len(instrument.all_likert_items) + sum(
        1 + 2 * len(scenario.options) for scenario in instrument.scenarios
    )
    assert len(texts) > reachable
    for where, text in texts:
        assert all(text[lang].strip() for lang in LANGUAGES), where
        assert text["en"].strip() != text["fi"].strip(), where


def test_all_four_roles_are_shipped() -> None:
    assert set(ROLES) <= set(questionnaires.available_roles())


@pytest.mark.parametrize("ident", ROLES)
def test_role_requires_every_scale_with_a_bar(ident: str) -> None:
    role = questionnaires.load_role(ident)
    assert set(role.instruments) == {INVENTORY, JUDGEMENT}
    bars = {req.scale: req.bar for req in role.requirements}
    assert set(bars) == set(MAIN_SCALES + JUDGEMENT_SCALES)
    assert all(3.5 <= bars[scale] <= 5 for scale in MAIN_SCALES)
    assert all(40 <= bars[scale] <= 100 for scale in JUDGEMENT_SCALES)
    assert "We require" in role.description["en"]
    assert "Vaadimme" in role.description["fi"]


@pytest.mark.parametrize("ident", ROLES)
def test_role_fit_bands_run_from_strong_to_low(ident: str) -> None:
    bands = questionnaires.load_role(ident).fit_bands
    assert [band.min for band in bands] == sorted((band.min for band in bands), reverse=True)
    assert bands[0].requires_all_bars
    assert bands[-1].min == 0


@pytest.mark.parametrize("ident", ROLES)
def test_role_competencies_are_anchored_at_every_level(ident: str) -> None:
    role = questionnaires.load_role(ident)
    assert 4 <= len(role.competencies) <= 6
    for competency in role.competencies:
        assert sorted(competency.anchors) == [1, 2, 3, 4, 5], competency.id
        assert 2 <= len(competency.questions) <= 3, competency.id
    for where, text in localized_texts(role):
        assert all(text[lang].strip() for lang in LANGUAGES), where
        assert text["en"].strip() != text["fi"].strip(), where
