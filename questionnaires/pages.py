"""Which answers share a questionnaire page.

Likert items go about ten to a page with the validity items (impression
management, instructed responses) spread evenly through the scored ones, so
they are never bunched at the end where a tired candidate meets them all;
each scenario is a page of its own. The grouping depends on the instrument
alone: the candidate pages shuffle the order within a page, and the
validity indices read which answers were shown together.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from questionnaires.model import Instrument

__all__ = ["ITEMS_PER_PAGE", "PageGroup", "interleave", "page_groups"]

ITEMS_PER_PAGE = 10
"""Target page size; pages are balanced, so a page holds 8-12 items in practice."""


class PageGroup(NamedTuple):
    """The answer ids of one page, in instrument order."""

    kind: str
    """``"likert"`` or ``"scenario"``."""
    answer_ids: tuple[str, ...]
    scenario_id: str | None = None


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


def page_groups(instrument: Instrument) -> list[PageGroup]:
    """The instrument's pages in order: Likert pages, then one per scenario."""
    scored = [item.id for item in instrument.items]
    scored_set = set(scored)
    validity = [item.id for item in instrument.all_likert_items if item.id not in scored_set]
    groups = [
        PageGroup("likert", tuple(chunk))
        for chunk in _split(interleave(scored, validity), ITEMS_PER_PAGE)
    ]
    for scenario in instrument.scenarios:
        ids = tuple(f"{scenario.id}.{option.id}" for option in scenario.options)
        groups.append(PageGroup("scenario", ids, scenario.id))
    return groups
