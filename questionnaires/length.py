"""How long a questionnaire takes: words a candidate reads, answers they give.

One estimate serves every place that states a time (the invitation, the
landing page, the instructions), so the candidate is told one number. It is
computed from the instruments a campaign pinned, in every language, and the
slowest language sets it:

    minutes = START + words / speed[language] + answers * ANSWER_SECONDS / 60

rounded to the nearest 5 minutes. The speeds are those of native adult
readers: English 238 words a minute (Brysbaert 2019, silent reading of
non-fiction), Finnish 161 words a minute (Trauzettle-Klosinski & Dietz 2012,
IReST: Finnish has fewer, longer words, so fewer of them a minute).
``ANSWER_SECONDS`` is the time to weigh and click one answer once it is read,
and ``START`` covers the landing page, the privacy notice, consent, the
instructions page and the review before submitting.

References
----------
Brysbaert, M. (2019). How many words do we read per minute? A review and
meta-analysis of reading rate. *Journal of Memory and Language, 109*, 104047.

Trauzettle-Klosinski, S., & Dietz, K. (2012). Standardized assessment of
reading performance: the new International Reading Speed Texts IReST.
*Investigative Ophthalmology & Visual Science, 53*(9), 5452-5461.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from questionnaires.model import LANGUAGES, Instrument

WORDS_PER_MINUTE = {"en": 238.0, "fi": 161.0}
"""Reading speed of a native adult reader, words a minute, per language."""
ANSWER_SECONDS = 4.0
"""Seconds to weigh and give one answer after reading it."""
START_MINUTES = 2.0
"""Landing page, privacy notice, consent, instructions page and final review."""
ROUND_TO = 5
"""Stated estimates are whole multiples of this many minutes."""

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Length:
    """What one candidate reads and answers in one language."""

    language: str
    words: int
    answers: int

    @property
    def minutes(self) -> float:
        """Unrounded estimate in minutes, ``START_MINUTES`` included."""
        reading = self.words / WORDS_PER_MINUTE[self.language]
        return START_MINUTES + reading + self.answers * ANSWER_SECONDS / 60


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters and digits, with inner hyphens and
    apostrophes (``self-report``, ``customer's``) counting as one word."""
    return len(_WORD.findall(text))


def candidate_texts(instrument: Instrument, language: str) -> Iterator[str]:
    """Every text of ``instrument`` a candidate reads in ``language``: the
    title, the instructions, each answer scale's labels (once), every
    statement, and every scenario with its options. Rationales, bands and
    norms are for reports and are not read while answering."""
    yield instrument.title[language]
    yield instrument.instructions[language]
    scales = []
    if instrument.all_likert_items:
        scales.append(instrument.response_scale)
    if instrument.scenarios and instrument.effectiveness_scale is not None:
        scales.append(instrument.effectiveness_scale)
    for scale in scales:
        yield from (label[language] for label in scale.labels.values())
    for item in instrument.all_likert_items:
        yield item.text[language]
    for scenario in instrument.scenarios:
        yield scenario.text[language]
        yield from (option.text[language] for option in scenario.options)


def answer_count(instrument: Instrument) -> int:
    """Answers a candidate gives: one per statement and one per scenario option."""
    return len(instrument.all_likert_items) + sum(len(s.options) for s in instrument.scenarios)


def length(instruments: Iterable[Instrument], language: str) -> Length:
    """Words and answers of ``instruments`` together, in ``language``."""
    if language not in WORDS_PER_MINUTE:
        raise ValueError(f"no reading speed for language {language!r}")
    instruments = tuple(instruments)
    words = sum(count_words(t) for i in instruments for t in candidate_texts(i, language))
    return Length(language, words, sum(answer_count(i) for i in instruments))


def session_minutes(instruments: Sequence[Instrument], languages: Iterable[str] = LANGUAGES) -> int:
    """The one time estimate stated to candidates, in whole minutes: the
    slowest of ``languages``, rounded to the nearest ``ROUND_TO`` minutes
    (never below ``ROUND_TO``)."""
    slowest = max(length(instruments, language).minutes for language in languages)
    return max(ROUND_TO, ROUND_TO * math.floor(slowest / ROUND_TO + 0.5))
