"""Tabular exports as CSV and JSON.

A CSV opened in a spreadsheet treats a cell beginning with ``=``, ``+``,
``-`` or ``@`` as a formula, and a leading tab or carriage return can hide
one (OWASP "CSV injection"). Candidate names and other text come from
people, so every text cell that begins with one of those characters gets a
leading apostrophe, which spreadsheets show as plain text. Numbers are
written as numbers: a negative score is data, not a formula. JSON is read
by programs, not spreadsheets, and keeps values as they are.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` made safe for a spreadsheet cell.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise(-1.5)
    -1.5
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV text with a header line of ``columns``; missing values
    are empty cells, text cells are neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(column) for column in columns])
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def to_json(rows: Iterable[Mapping[str, Any]], **meta: Any) -> str:
    """Rows as a JSON document ``{**meta, "rows": [...]}``."""
    return json.dumps({**meta, "rows": list(rows)}, ensure_ascii=False, indent=2, default=str)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = "; ".join(str(part) for part in value)
    return neutralise(value)
