"""Every kind of fault in an instrument is reported with its path, line and message.

Each case makes one edit to the valid ``tiny.yaml`` and names the line the
problem must point at by a piece of text found on exactly that line of the
edited document.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

import questionnaires
from tests.questionnaires.documents import TINY_INSTRUMENT, edit, line_of


class Case(NamedTuple):
    old: str
    new: str
    path: str
    message: str
    at: str
    """Text on the line the problem must point at."""


W2 = '{id: w2, scale: warmth, key: "+", text: {en: I smile., fi: Hymyilen.}}'
C3 = '  - {id: c3, scale: calm, key: "+", text: {en: I recover., fi: Toivun.}}\n'
OPTION_D = "      - {id: d, rating: 2, text: {en: Rush., fi: Kiirehdi.}, rationale: {en: Hasty., fi: Hätäistä.}}\n"  # noqa: E501
OPTION_E = (
    "      - {id: e, rating: 4, text: {en: Ask., fi: Kysy.}, rationale: {en: Fine., fi: Hyvä.}}\n"  # noqa: E501
)
OPTION_F = (
    "      - {id: f, rating: 4, text: {en: Wave., fi: Viittaa.}, rationale: {en: Ok., fi: Ok.}}\n"  # noqa: E501
)
S1_OPTIONS = "Pitkä jono.}\n    options:"
EFFECTIVENESS = TINY_INSTRUMENT[
    TINY_INSTRUMENT.index("effectiveness_scale:") : TINY_INSTRUMENT.index("scenarios:")
]

CASES = {
    "unknown top-level key": Case(
        'version: "1"\n',
        'version: "1"\ncolour: blue\n',
        "colour",
        "unknown key 'colour'",
        "colour: blue",
    ),
    "unknown key in an item": Case(
        W2,
        W2.replace("key:", "weight: 2, key:"),
        "items[1].weight",
        "unknown key 'weight'",
        "I smile.",
    ),
    "unknown key in a band": Case(
        "{id: c_all, min: 1,",
        "{id: c_all, colour: red, min: 1,",
        "scales[1].bands[0].colour",
        "unknown key 'colour'",
        "c_all",
    ),
    "missing required key": Case('version: "1"\n', "", "version", "is required", "id: tiny"),
    "duplicate item id": Case(
        "{id: w2,",
        "{id: w1,",
        "items[1].id",
        "duplicate id 'w1' (first at items[0].id, line",
        "I smile.",
    ),
    "validity item reuses an item id": Case(
        "{id: im1,",
        "{id: c1,",
        "validity.impression_management.items[0].id",
        "duplicate id 'c1'",
        "Never late.",
    ),
    "instructed item reuses an item id": Case(
        "{id: ir1,", "{id: w3,", "validity.instructed[0].id", "duplicate id 'w3'", "Answer 2."
    ),
    "scenario reuses an item id": Case(
        "  - id: s2\n", "  - id: w2\n", "scenarios[1].id", "duplicate id 'w2'", "- id: w2"
    ),
    "item on an unknown scale": Case(
        "{id: w2, scale: warmth,",
        "{id: w2, scale: wramth,",
        "items[1].scale",
        "unknown scale 'wramth' (did you mean 'warmth'? scales: calm, judgement, warmth)",
        "I smile.",
    ),
    "facet not of the item's scale": Case(
        "{id: c1, scale: calm,",
        "{id: c1, scale: calm, facet: greeting,",
        "items[3].facet",
        "'greeting' is not a facet of scale 'calm'",
        "I stay calm.",
    ),
    "missing language": Case(
        "title: {en: Tiny, fi: Pieni}",
        "title: {en: Tiny}",
        "title",
        "missing language 'fi'",
        "title:",
    ),
    "extra language": Case(
        "title: {en: Tiny, fi: Pieni}",
        "title: {en: Tiny, fi: Pieni, sv: Liten}",
        "title.sv",
        "unexpected language 'sv' (languages: en, fi)",
        "title:",
    ),
    "comma splitting a flow text": Case(
        "{en: I smile., fi: Hymyilen.}",
        "{en: I smile, often., fi: Hymyilen.}",
        "items[1].text.often.",
        "a comma inside {en: ..., fi: ...} splits the text",
        "I smile",
    ),
    "text that is not per language": Case(
        "instructions: {en: Answer all., fi: Vastaa kaikkiin.}",
        "instructions: Answer all.",
        "instructions",
        "expected a text per language (en, fi), got text 'Answer all.'",
        "instructions:",
    ),
    "empty text": Case(
        "fi: Hymyilen.}", 'fi: ""}', "items[1].text.fi", "text is empty", "I smile."
    ),
    "bare yes read as true": Case(
        '5: {en: "Yes", fi: Kyllä}',
        "5: {en: Yes, fi: Kyllä}",
        "response_scale.labels[5].en",
        "got true/false (a bare yes, no, on or off is read as true/false: quote it)",
        "fi: Kyllä",
    ),
    "key that is not + or -": Case(
        '{id: w3, scale: warmth, key: "-"',
        '{id: w3, scale: warmth, key: "x"',
        "items[2].key",
        'key must be "+" or "-" (quoted), got \'x\'',
        "I wait.",
    ),
    "key given as a number": Case(
        '{id: w3, scale: warmth, key: "-"',
        "{id: w3, scale: warmth, key: -1",
        "items[2].key",
        "got '-1'",
        "I wait.",
    ),
    "scale with two items": Case(
        C3,
        "",
        "scales[1]",
        "has 2 items; a scale needs at least 3 items or 3 scenarios",
        "- id: calm",
    ),
    "scale with two scenarios": Case(
        "  - id: s3\n    scale: judgement",
        "  - id: s3\n    scale: calm",
        "scales[2]",
        "has 2 scenarios; a scale needs at least 3",
        "- id: judgement",
    ),
    "scale with both items and scenarios": Case(
        C3,
        C3 + '  - {id: j1, scale: judgement, key: "+", text: {en: J., fi: J.}}\n',
        "scales[2]",
        "has both items (1) and scenarios (3); a scale is one or the other",
        "- id: judgement",
    ),
    "Likert band above the response scale": Case(
        "{id: w_high, min: 3, max: 5,",
        "{id: w_high, min: 3, max: 6,",
        "scales[0].bands[1].max",
        "6 is outside the response scale 1..5",
        "w_high",
    ),
    "judgement band above 100": Case(
        "{id: j_high, min: 50, max: 100,",
        "{id: j_high, min: 50, max: 101,",
        "scales[2].bands[1].max",
        "101 is outside the judgement metric 0..100",
        "j_high",
    ),
    "band with min above max": Case(
        "{id: w_low, min: 1, max: 2.99,",
        "{id: w_low, min: 2.5, max: 2,",
        "scales[0].bands[0].min",
        "min (2.5) is above max (2)",
        "w_low",
    ),
    "overlapping bands": Case(
        "{id: w_high, min: 3,",
        "{id: w_high, min: 2.5,",
        "scales[0].bands[1].min",
        "band 'w_high' overlaps band 'w_low' (1..2.99)",
        "w_high",
    ),
    "band bound that is text": Case(
        "{id: c_all, min: 1,",
        "{id: c_all, min: low,",
        "scales[1].bands[0].min",
        "expected a number, got text 'low'",
        "c_all",
    ),
    "option rating above 5": Case(
        "{id: c, rating: 3, text: {en: Sign.",
        "{id: c, rating: 7, text: {en: Sign.",
        "scenarios[0].options[2].rating",
        "7 is outside the rating range 1..5",
        "Sign.",
    ),
    "option rating of 0": Case(
        "{id: c, rating: 3, text: {en: Transfer.",
        "{id: c, rating: 0, text: {en: Transfer.",
        "scenarios[1].options[2].rating",
        "0 is outside the rating range 1..5",
        "Transfer.",
    ),
    "scenario with three options": Case(
        OPTION_D, "", "scenarios[0].options", "needs 4 or 5 options, has 3", S1_OPTIONS
    ),
    "scenario with six options": Case(
        OPTION_D,
        OPTION_D + OPTION_E + OPTION_F,
        "scenarios[0].options",
        "needs 4 or 5 options, has 6",
        S1_OPTIONS,
    ),
    "duplicate option id": Case(
        "{id: b, rating: 1, text: {en: Hide.",
        "{id: a, rating: 1, text: {en: Hide.",
        "scenarios[0].options[1].id",
        "duplicate option id 'a'",
        "Hide.",
    ),
    "instructed answer outside the response scale": Case(
        "{id: ir1, expected: 2,",
        "{id: ir1, expected: 6,",
        "validity.instructed[0].expected",
        "6 is outside the response scale 1..5",
        "Answer 2.",
    ),
    "impression-management flag outside the response scale": Case(
        "flag_at: 4.5",
        "flag_at: 5.5",
        "validity.impression_management.flag_at",
        "5.5 is outside the response scale 1..5",
        "flag_at",
    ),
    "consistency pair naming an unknown item": Case(
        "- [w1, w2]",
        "- [w1, w9]",
        "validity.consistency_pairs[0][1]",
        "unknown item 'w9' (a pair names two scored items)",
        "[w1, w9]",
    ),
    "consistency pair naming a validity item": Case(
        "- [w1, w2]",
        "- [w1, im1]",
        "validity.consistency_pairs[0][1]",
        "unknown item 'im1'",
        "[w1, im1]",
    ),
    "consistency pair of three": Case(
        "- [w1, w2]",
        "- [w1, w2, w3]",
        "validity.consistency_pairs[0]",
        "expected a pair of item ids",
        "[w1, w2, w3]",
    ),
    "response scale min equal to max": Case(
        '  min: 1\n  max: 5\n  labels:\n    1: {en: "No"',
        '  min: 5\n  max: 5\n  labels:\n    1: {en: "No"',
        "response_scale.max",
        "max (5) must be greater than min (5)",
        "response_scale:\n  min: 5\n  max: 5",
    ),
    "label missing for a point": Case(
        "    3: {en: Unsure, fi: En tiedä}\n",
        "",
        "response_scale.labels",
        "no label for point 3",
        "response_scale:\n  min: 1\n  max: 5\n  labels:",
    ),
    "label for a point outside the scale": Case(
        '    5: {en: "Yes", fi: Kyllä}\n',
        '    5: {en: "Yes", fi: Kyllä}\n    6: {en: Sure, fi: Varma}\n',
        "response_scale.labels[6]",
        "point 6 is outside 1..5",
        "Sure",
    ),
    "response scale bound as text": Case(
        '  min: 1\n  max: 5\n  labels:\n    1: {en: "No"',
        '  min: one\n  max: 5\n  labels:\n    1: {en: "No"',
        "response_scale.min",
        "expected a whole number, got text 'one'",
        "min: one",
    ),
    "norm sample size as text": Case(
        "n: 100,",
        "n: many,",
        "norms[0].n",
        "expected a whole number, got text 'many'",
        "SIMULATED: test",
    ),
    "norm for an unknown scale": Case(
        "{scale: calm, source: Pilot",
        "{scale: charm, source: Pilot",
        "norms[1].scale",
        "unknown scale 'charm'",
        "source: Pilot",
    ),
    "norm without mean, sd or percentiles": Case(
        ", percentiles: [[2, 10], [3, 50], [4, 90]]}",
        "}",
        "norms[1]",
        "needs mean and sd, or percentiles",
        "source: Pilot",
    ),
    "norm with mean but no sd": Case(
        "mean: 3.5, sd: 0.6,",
        "mean: 3.5,",
        "norms[0].sd",
        "mean and sd go together",
        "SIMULATED: test",
    ),
    "norm with zero sd": Case(
        "sd: 0.6,", "sd: 0,", "norms[0].sd", "must be above 0", "SIMULATED: test"
    ),
    "norm percentiles that fall": Case(
        "[3, 50], [4, 90]",
        "[3, 50], [4, 40]",
        "norms[1].percentiles[2]",
        "rows must rise",
        "source: Pilot",
    ),
    "norm percentile above 100": Case(
        "[4, 90]",
        "[4, 190]",
        "norms[1].percentiles[2][1]",
        "190 is outside percentiles 0..100",
        "source: Pilot",
    ),
    "scenarios without an effectiveness scale": Case(
        EFFECTIVENESS,
        "",
        "effectiveness_scale",
        "is required when there are scenarios",
        "scenarios:",
    ),
    "effectiveness scale that is not 1-5": Case(
        "effectiveness_scale:\n  min: 1\n  max: 5",
        "effectiveness_scale:\n  min: 1\n  max: 4",
        "effectiveness_scale",
        "must run from 1 to 5",
        "effectiveness_scale:",
    ),
    "min_answered above 1": Case(
        'version: "1"\n',
        'version: "1"\nmin_answered: 1.5\n',
        "min_answered",
        "1.5 is outside 0..1",
        "min_answered",
    ),
    "version as a number": Case(
        'version: "1"',
        "version: 1",
        "version",
        "expected text, got a whole number (quote it)",
        "version: 1",
    ),
    "instrument id with capitals": Case(
        "id: tiny\n", "id: Tiny\n", "id", "'Tiny' is not a valid id", "id: Tiny"
    ),
    "duplicate YAML key": Case(
        "instructions: {en: Answer all.",
        "title: {en: Again, fi: Taas}\ninstructions: {en: Answer all.",
        "title",
        "duplicate key 'title' (first on line 3)",
        "Again",
    ),
    "YAML syntax error": Case(
        "id: tiny\n",
        "id: tiny: extra\n",
        "(yaml)",
        "not valid YAML: mapping values are not allowed here (a text containing ': ' needs quotes)",
        "id: tiny: extra",
    ),
    "bare - as an item key": Case(
        '  - {id: c2, scale: calm, key: "-", text: {en: I snap., fi: Tiuskin.}}\n',
        "  - id: c2\n    scale: calm\n    key: -\n    text: {en: I snap., fi: Tiuskin.}\n",
        "(yaml)",
        'sequence entries are not allowed here (an item key is written key: "-" with quotes)',
        "    key: -",
    ),
    "misspelt key": Case(
        "description: {en: Stays calm.",
        "descripton: {en: Stays calm.",
        "scales[1].descripton",
        "unknown key 'descripton' (did you mean 'description'?)",
        "descripton:",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_problem_is_reported_at_its_path_and_line(case: Case) -> None:
    text = edit(TINY_INSTRUMENT, case.old, case.new)
    with pytest.raises(questionnaires.InstrumentError) as caught:
        questionnaires.instrument_from_text(text, "tiny.yaml")
    matching = [p for p in caught.value.problems if p.path == case.path]
    assert matching, f"no problem at {case.path}: {caught.value}"
    problem = next((p for p in matching if case.message in p.message), None)
    assert problem is not None, f"no {case.message!r} at {case.path}: {caught.value}"
    assert problem.file == "tiny.yaml"
    assert problem.line == line_of(text, case.at), str(problem)
