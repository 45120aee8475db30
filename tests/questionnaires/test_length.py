"""Reading length and the one time estimate told to candidates."""

from __future__ import annotations

import re

import pytest

import questionnaires
from questionnaires import length as session_length
from questionnaires.length import Length, count_words, session_minutes
from tests.questionnaires.documents import TINY_INSTRUMENT

SHIPPED = ("service-composure", "service-judgement")
"""The pair every shipped role asks for: one complete session."""
MINUTES_STATED = re.compile(r"\d+\s*(?:minutes?|min\b|minuut\w*)", re.IGNORECASE)


def test_words_are_counted_as_a_reader_sees_them() -> None:
    """Hand count: hyphenated and apostrophe words are one word each."""
    assert count_words("I greet every customer's child, self-report style.") == 7
    assert count_words("Kun asiakas kiihtyy, ohjaan keskustelun siihen.") == 6
    assert count_words("“Agree somewhat” – 1 (very ineffective)") == 5


def test_minutes_follow_the_stated_reading_speeds() -> None:
    """Hand calculation: 2 + 238/238 + 15 * 4/60 = 4.0 minutes in English;
    2 + 161/161 + 15 * 4/60 = 4.0 in Finnish."""
    assert Length("en", 238, 15).minutes == pytest.approx(4.0)
    assert Length("fi", 161, 15).minutes == pytest.approx(4.0)
    assert session_length.WORDS_PER_MINUTE == {"en": 238.0, "fi": 161.0}


def test_the_estimate_is_the_slowest_language_rounded_to_five() -> None:
    tiny = questionnaires.instrument_from_text(TINY_INSTRUMENT, "tiny.yaml")
    en, fi = (session_length.length([tiny], lang) for lang in ("en", "fi"))
    assert (
        en.answers
        == fi.answers
        == len(tiny.all_likert_items) + sum(len(s.options) for s in tiny.scenarios)
    )
    assert session_minutes([tiny]) == 5  # a few minutes: never stated below five
    with pytest.raises(ValueError, match="no reading speed"):
        session_length.length([tiny], "sv")


@pytest.mark.parametrize("language", ["en", "fi"])
def test_a_complete_session_takes_about_25_minutes(language: str) -> None:
    """Computed from the words of the current shipped instruments: a native
    reader needs between 22.5 and 27.5 minutes, which is stated as 25."""
    instruments = [questionnaires.load(ident) for ident in SHIPPED]
    measured = session_length.length(instruments, language)
    print(
        f"{language}: {measured.words} words, {measured.answers} answers, "
        f"{measured.minutes:.1f} min"
    )
    assert 22.5 <= measured.minutes < 27.5
    assert session_minutes(instruments) == 25


@pytest.mark.parametrize("ident", questionnaires.available())
def test_instructions_leave_the_time_to_the_one_estimate(ident: str) -> None:
    """An instrument does not know what else a campaign asks, so its
    instructions state no time of their own (the estimate covers them all)."""
    instructions = questionnaires.load(ident).instructions
    for language, text in instructions.items():
        assert not MINUTES_STATED.search(text), (ident, language, text)
