"""Small valid definitions that the problem tests break one edit at a time."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
TINY_INSTRUMENT = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8")
"""A valid instrument with Likert and judgement scales, validity items and norms."""
TINY_ROLE = (FIXTURES / "tiny-role.yaml").read_text(encoding="utf-8")
"""A valid role profile on ``TINY_INSTRUMENT``."""


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the single occurrence of ``old`` replaced by ``new``."""
    count = text.count(old)
    if count != 1:
        raise ValueError(f"{old!r} occurs {count} times in the base document")
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which the single occurrence of ``needle`` in ``text`` ends
    (a needle of several lines pins one of many alike lines)."""
    count = text.count(needle)
    if count != 1:
        raise ValueError(f"{needle!r} occurs {count} times, expected exactly once")
    return text[: text.index(needle) + len(needle)].count("\n") + 1
