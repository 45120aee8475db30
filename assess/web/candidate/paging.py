"""How a campaign's instruments become questionnaire pages.

Which answers share a page is :func:`questionnaires.pages.page_groups`
(about ten Likert items a page, validity items spread among them, a page per
scenario). The order of items within a page is
shuffled by the candidate's seed: the same candidate always sees the same
order, on every host.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from questionnaires.model import Instrument
from questionnaires.pages import page_groups


@dataclass(frozen=True)
class Page:
    """One questionnaire page. ``number`` counts from 1 across all instruments;
    ``answer_ids`` are the answer ids saved from it, in display order."""

    number: int
    instrument_id: str
    kind: str
    """``"likert"`` or ``"scenario"``."""
    answer_ids: tuple[str, ...]
    scenario_id: str | None = None
    first_of_instrument: bool = False


def build_pages(instruments: Sequence[Instrument], seed: int) -> tuple[Page, ...]:
    """All pages of the questionnaire for a candidate with ``seed``."""
    pages: list[Page] = []
    for instrument in instruments:
        first = True
        for group in page_groups(instrument):
            number = len(pages) + 1
            ids = list(group.answer_ids)
            # Display order, not a secret (bandit B311).
            random.Random(f"{seed}:{instrument.id}:{number}").shuffle(ids)  # nosec B311
            pages.append(
                Page(number, instrument.id, group.kind, tuple(ids), group.scenario_id, first)
            )
            first = False
    return tuple(pages)


def first_unfinished(pages: Sequence[Page], answered: set[tuple[str, str]]) -> Page | None:
    """The first page with an unanswered item, or None when all are answered."""
    for page in pages:
        if any((page.instrument_id, answer_id) not in answered for answer_id in page.answer_ids):
            return page
    return None
