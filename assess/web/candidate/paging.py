"""How a campaign's instruments become questionnaire pages.

Likert items go about ten to a page with the validity items (impression
management, instructed responses) spread evenly through the scored ones, so
they are never bunched at the end where a tired candidate meets them all;
each scenario is a page of its own. The order of items within a page is
shuffled by the candidate's seed: the same candidate always sees the same
order, on every host.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from questionnaires.model import Instrument

ITEMS_PER_PAGE = 10
"""Target page size; pages are balanced, so a page holds 8-12 items in practice."""


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


def interleave(scored: Sequence[str], validity: Sequence[str]) -> list[str]:
    """Scored item ids with the validity ids spread evenly among them.

    The k-th validity item (0-based) goes after scored item
    ``round((k + 1) * n / (m + 1))`` so the gaps are equal.

    >>> interleave(["a", "b", "c", "d", "e", "f"], ["X", "Y"])
    ['a', 'b', 'X', 'c', 'd', 'Y', 'e', 'f']
    """
    n, m = len(scored), len(validity)
    after = [round((k + 1) * n / (m + 1)) for k in range(m)]
    order: list[str] = []
    pending = list(zip(after, validity, strict=True))
    for index, item_id in enumerate(scored):
        while pending and pending[0][0] <= index:
            order.append(pending.pop(0)[1])
        order.append(item_id)
    order.extend(item_id for _, item_id in pending)
    return order


def _split(ids: Sequence[str], per_page: int) -> list[list[str]]:
    if not ids:
        return []
    pages = math.ceil(len(ids) / per_page)
    size, extra = divmod(len(ids), pages)
    chunks, start = [], 0
    for index in range(pages):
        end = start + size + (1 if index < extra else 0)
        chunks.append(list(ids[start:end]))
        start = end
    return chunks


def build_pages(instruments: Sequence[Instrument], seed: int) -> tuple[Page, ...]:
    """All pages of the questionnaire for a candidate with ``seed``."""
    pages: list[Page] = []
    for instrument in instruments:
        scored = [item.id for item in instrument.items]
        scored_set = set(scored)
        validity = [item.id for item in instrument.all_likert_items if item.id not in scored_set]
        first = True
        for chunk in _split(interleave(scored, validity), ITEMS_PER_PAGE):
            number = len(pages) + 1
            # Display order, not a secret (bandit B311).
            random.Random(f"{seed}:{instrument.id}:{number}").shuffle(chunk)  # nosec B311
            pages.append(Page(number, instrument.id, "likert", tuple(chunk), None, first))
            first = False
        for scenario in instrument.scenarios:
            number = len(pages) + 1
            ids = [f"{scenario.id}.{option.id}" for option in scenario.options]
            # Display order (bandit B311).
            random.Random(f"{seed}:{instrument.id}:{number}").shuffle(ids)  # nosec B311
            pages.append(Page(number, instrument.id, "scenario", tuple(ids), scenario.id, first))
            first = False
    return tuple(pages)


def first_unfinished(pages: Sequence[Page], answered: set[tuple[str, str]]) -> Page | None:
    """The first page with an unanswered item, or None when all are answered."""
    for page in pages:
        if any((page.instrument_id, answer_id) not in answered for answer_id in page.answer_ids):
            return page
    return None
