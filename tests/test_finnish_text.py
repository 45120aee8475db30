"""Shipped Finnish reads as natural, consistent standard Finnish.

Every Finnish text the project ships is read: the message catalogues of the
web screens, the current version of every instrument and every role profile,
and the Finnish tables in the Python sources (report labels, fit reasons,
validity notes). Archived instrument versions are frozen records of what
earlier campaigns asked, so they are not read.

Each rule names a wording that was found and replaced, with the wording to
use instead; a rule can fail, as the first test shows on the old texts.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import questionnaires
from tests.questionnaires.test_content import localized_texts

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("assess", "reports", "questionnaires")

RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (advice, re.compile(pattern, re.IGNORECASE))
    for advice, pattern in (
        ('the person applying is "hakija" throughout, never "ehdokas"', r"\behdok"),
        ('a confidence interval is "luottamusväli"', r"vaihteluväl"),
        ('composure under pressure is "maltti paineen alla"', r"pinnan pitä"),
        ('fair hiring is "tasapuolinen rekrytointi" (tasapuolisuus)', r"\breiluu"),
        ('a requirement "täyttyy", it does not "ylity"', r"\beivät ylity|\bei ylity"),
        (
            'no semicolon calque: "Tulokset ovat päätöksenteon tukena, mutta päätöksen tekee '
            'aina ihminen."',
            r";\s*päätöksen tekee",
        ),
        ('a closed link "ei ole käytettävissä"', r"\bei ole avoinna"),
        ('the effectiveness scale reads "erittäin huonosti … erittäin hyvin"', r"\btehoton\b"),
    )
)
FORMAL_YOU = re.compile(r"\b(Te|Teidän|Teille|Teitä|Teillä|Teiltä)\b")
"""Candidates are addressed with "sinä"; the capitalised plural "Te" is too stiff.
What staff say to a customer inside quotation marks may be formal."""
QUOTED = re.compile(r"[”“\"][^”“\"]*[”“\"]")
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.(])")
"""A number with a decimal point: Finnish writes a decimal comma ("4,0")."""
NOT_DECIMALS = ("1607.4(D)",)
"""Legal citations keep their own numbering."""


def catalogue_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "assess").rglob("translations/fi/LC_MESSAGES/*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale="fi"):
                if not message.id:
                    continue
                strings = message.string if isinstance(message.string, tuple) else [message.string]
                for text in strings:
                    yield f"{path.relative_to(ROOT)}: {message.id!r}", text


def definition_texts() -> Iterator[tuple[str, str]]:
    definitions = [questionnaires.load(ident) for ident in questionnaires.available()]
    definitions += [questionnaires.load_role(ident) for ident in questionnaires.available_roles()]
    for definition in definitions:
        for where, text in localized_texts(definition):
            yield f"{definition.id}{where}", text["fi"]


def source_texts() -> Iterator[tuple[str, str, bool]]:
    """(where, text, is Finnish) for every string constant in the sources;
    a constant is Finnish when it sits under a ``"fi"`` key of a dict."""
    for package in SOURCES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            finnish: set[int] = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Dict):
                    for key, value in zip(node.keys, node.values, strict=True):
                        if isinstance(key, ast.Constant) and key.value == "fi":
                            finnish.update(id(n) for n in ast.walk(value))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    yield where, node.value, id(node) in finnish


def finnish_texts() -> list[tuple[str, str]]:
    texts = list(catalogue_texts()) + list(definition_texts())
    texts += [(where, text) for where, text, is_finnish in source_texts() if is_finnish]
    return texts


def problems(texts: list[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in texts:
        for advice, pattern in RULES:
            if pattern.search(text):
                found.append(f"{where}: {advice}: {text!r}")
        if FORMAL_YOU.search(QUOTED.sub("", text)):
            found.append(f"{where}: address the reader as sinä: {text!r}")
        cleaned = text
        for exception in NOT_DECIMALS:
            cleaned = cleaned.replace(exception, "")
        if DECIMAL_POINT.search(cleaned):
            found.append(f"{where}: write a decimal comma: {text!r}")
    return found


def test_the_rules_catch_the_wordings_they_replace() -> None:
    old = [
        ("title", "Palveluasenne ja pinnan pitäminen työssä"),
        ("note", "Tulokset tukevat rekrytointipäätöstä; päätöksen tekee ihminen."),
        ("band", "ehdokas yltää siihen"),
        ("ci", "95 %:n vaihteluväli"),
        ("bars", "Kaikki vähimmäisrajat eivät ylity"),
        ("link", "Linkki ei ole avoinna"),
        ("fair", "auta meitä varmistamaan reiluus"),
        ("scale", "Hyvin tehoton"),
        ("bar", "vähintään 4.0 asteikolla 1–5"),
        ("you", "Teidän vastauksenne"),
    ]
    assert len(problems(old)) == len(old)
    assert problems([("fine", "Vaadimme vähintään 4,0; lähde: 29 CFR 1607.4(D).")]) == []


def test_there_is_finnish_text_from_every_kind_of_source() -> None:
    texts = finnish_texts()
    kinds = {where.split("/")[0].split(":")[0].split("[")[0].split(".")[0] for where, _ in texts}
    assert {"assess", "reports", "service-composure", "airport-agent-night"} <= kinds
    assert len(texts) > 1000


def test_shipped_finnish_has_none_of_the_replaced_wordings() -> None:
    assert problems(finnish_texts()) == []


def test_no_source_string_outside_finnish_tables_uses_the_replaced_wordings() -> None:
    """English tables cannot hold these words; a Finnish text kept elsewhere
    (a constant, an f-string part) still must not."""
    found = []
    for where, text, _finnish in source_texts():
        found += [f"{where}: {advice}" for advice, rule in RULES if rule.search(text)]
    assert found == []


@pytest.mark.parametrize("ident", questionnaires.available())
def test_effectiveness_question_and_scale_agree(ident: str) -> None:
    """The scenario page asks "Kuinka hyvin … toimisi?", so the scale answers
    with how well: "erittäin huonosti" … "erittäin hyvin"."""
    scale = questionnaires.load(ident).effectiveness_scale
    if scale is None:
        pytest.skip("no scenarios")
    labels = [scale.labels[point]["fi"].lower() for point in scale.points]
    assert labels[0] == "erittäin huonosti" and labels[-1] == "erittäin hyvin"
    question = dict(catalogue_texts())[
        "assess/web/candidate/translations/fi/LC_MESSAGES/messages.po: "
        "'How effective would each of these responses be? Rate every response.'"
    ]
    assert question.startswith("Kuinka hyvin") and "toimisi" in question
