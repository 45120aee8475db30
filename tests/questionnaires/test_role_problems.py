"""Every kind of fault in a role profile is reported with its path, line and message.

Each case makes one edit to the valid ``tiny-role.yaml`` (a role on
``tiny.yaml``) and names the line the problem must point at by a piece of
text that ends on exactly that line of the edited document.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

import questionnaires
from tests.questionnaires.documents import TINY_INSTRUMENT, TINY_ROLE, edit, line_of

INSTRUMENTS = {"tiny": questionnaires.instrument_from_text(TINY_INSTRUMENT, "tiny.yaml")}


class Case(NamedTuple):
    old: str
    new: str
    path: str
    message: str
    at: str


ANCHOR_5 = "      5: {en: Turns it around., fi: Kääntää tilanteen.}\n"

CASES = {
    "unknown instrument": Case(
        "instruments: [tiny]",
        "instruments: [tiny, tinier]",
        "instruments[1]",
        "unknown instrument 'tinier'",
        "instruments:",
    ),
    "requirement on an unknown scale": Case(
        "{scale: warmth, weight: 0.5",
        "{scale: charm, weight: 0.5",
        "requirements[0].scale",
        "unknown scale 'charm' (did you mean 'calm'? scales of the listed instruments: "
        "calm, judgement, warmth)",
        "charm",
    ),
    "zero weight": Case(
        "weight: 0.5, bar: 3.5",
        "weight: 0, bar: 3.5",
        "requirements[0].weight",
        "weight must be above 0, got 0",
        "warmth",
    ),
    "negative weight": Case(
        "weight: 0.5, bar: 60",
        "weight: -1, bar: 60",
        "requirements[1].weight",
        "weight must be above 0, got -1",
        "judgement",
    ),
    "Likert bar above the response scale": Case(
        "bar: 3.5",
        "bar: 5.5",
        "requirements[0].bar",
        "5.5 is outside the scale's metric 1..5",
        "warmth",
    ),
    "judgement bar above 100": Case(
        "bar: 60",
        "bar: 120",
        "requirements[1].bar",
        "120 is outside the scale's metric 0..100",
        "judgement",
    ),
    "duplicate requirement": Case(
        "{scale: judgement, weight",
        "{scale: warmth, weight",
        "requirements[1].scale",
        "duplicate requirement for scale 'warmth'",
        "bar: 60",
    ),
    "lowest fit band above 0": Case(
        "{id: weak, min: 0,",
        "{id: weak, min: 10,",
        "fit_bands",
        "the lowest band must start at 0 so every composite has a band (lowest min is 10)",
        "fit_bands:",
    ),
    "fit band above 100": Case(
        "{id: strong, min: 70,",
        "{id: strong, min: 170,",
        "fit_bands[0].min",
        "170 is outside the fit metric 0..100",
        "id: strong",
    ),
    "fit bands listed lowest first": Case(
        "{id: strong, min: 70,",
        "{id: strong, min: 0,",
        "fit_bands[1].min",
        "0 is not below the band before it (0); list bands highest first",
        "id: weak",
    ),
    "requires_all_bars not true or false": Case(
        "requires_all_bars: true",
        "requires_all_bars: always",
        "fit_bands[0].requires_all_bars",
        "expected true or false, got text 'always'",
        "id: strong",
    ),
    "anchor level missing": Case(
        ANCHOR_5,
        "",
        "competencies[0].anchors",
        "no anchor for level 5 (levels are 1-5)",
        "anchors:",
    ),
    "anchor level beyond 5": Case(
        ANCHOR_5,
        ANCHOR_5 + "      6: {en: Perfect., fi: Täydellinen.}\n",
        "competencies[0].anchors[6]",
        "level 6 is outside 1..5",
        "Perfect.",
    ),
    "competency probing an unknown scale": Case(
        "scales: [calm]",
        "scales: [calm, charm]",
        "competencies[0].scales[1]",
        "unknown scale 'charm'",
        "scales: [calm, charm]",
    ),
    "missing language in a competency name": Case(
        "name: {en: Calming, fi: Rauhoittaminen}",
        "name: {en: Calming}",
        "competencies[0].name",
        "missing language 'fi'",
        "name:",
    ),
    "missing language in a question": Case(
        "{en: Tell us about an angry customer., fi: Kerro vihaisesta asiakkaasta.}",
        "{fi: Kerro vihaisesta asiakkaasta.}",
        "competencies[0].questions[0]",
        "missing language 'en'",
        "Kerro vihaisesta",
    ),
    "unknown key in the role": Case(
        'version: "1"\n',
        'version: "1"\nsalary: 3000\n',
        "salary",
        "unknown key 'salary'",
        "salary",
    ),
    "unknown key in a competency": Case(
        "    scales: [calm]\n",
        "    scales: [calm]\n    weight: 2\n",
        "competencies[0].weight",
        "unknown key 'weight'",
        "weight: 2",
    ),
    "no competencies": Case(
        TINY_ROLE[TINY_ROLE.index("competencies:") :],
        "competencies: []\n",
        "competencies",
        "needs at least 1 entry, has 0",
        "competencies:",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_problem_is_reported_at_its_path_and_line(case: Case) -> None:
    text = edit(TINY_ROLE, case.old, case.new)
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.role_from_text(text, "role.yaml", instruments=INSTRUMENTS)
    problem = next(
        (p for p in caught.value.problems if p.path == case.path and case.message in p.message),
        None,
    )
    assert problem is not None, f"no {case.message!r} at {case.path}: {caught.value}"
    assert problem.line == line_of(text, case.at), str(problem)


def test_unknown_instrument_does_not_also_report_its_scales() -> None:
    """Scale references cannot be judged without the instrument; one problem, not many."""
    text = edit(TINY_ROLE, "instruments: [tiny]", "instruments: [tinier]")
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.role_from_text(text, "role.yaml", instruments=INSTRUMENTS)
    assert [p.path for p in caught.value.problems] == ["instruments[0]"]


def test_the_valid_role_loads() -> None:
    role = questionnaires.role_from_text(TINY_ROLE, "role.yaml", instruments=INSTRUMENTS)
    assert [r.scale for r in role.requirements] == ["warmth", "judgement"]
    assert [band.id for band in role.fit_bands] == ["strong", "weak"]
    assert role.fit_bands[0].requires_all_bars is True
    assert role.fit_bands[1].requires_all_bars is False
    assert sorted(role.competencies[0].anchors) == [1, 2, 3, 4, 5]
