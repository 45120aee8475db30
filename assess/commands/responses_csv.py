"""Read and validate the CSV files the scoring commands take.

Three layouts, all UTF-8 (a byte-order mark is accepted) with a header row,
comma-separated (a header without commas but with semicolons, as spreadsheet
programs write in Finnish locales, is read as semicolon-separated):

- responses: ``candidate_id``, optional ``name``, then one column per answer
  id (Likert item id, or ``<scenario>.<option>`` for a scenario option);
  a blank cell is a missing answer;
- ratings: ``candidate_id, rater_id, rating`` (long format, one row per
  rating);
- decisions: one row per candidate with the group columns and a
  ``selected`` (0/1, yes/no, true/false) or a numeric ``score`` column.

Every problem found is collected and raised at once as a
:class:`ResponsesError` naming the row (the file's line number, header =
row 1) and the column, so a file can be fixed in one pass.

Numbers are read strictly. Whole numbers may carry surrounding spaces, a
sign and a zero fraction (``" 4 "`` and ``"3.0"`` read as 4 and 3). Digits
of other scripts (Arabic-Indic ``"٣"``, full-width ``"３"``) are normalised
to 0-9, since they are unambiguous. ``nan``, ``sNaN``, ``inf`` and any text
are errors: a missing answer is written as a blank cell.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from questionnaires.model import Instrument

__all__ = [
    "Decisions",
    "Ratings",
    "Responses",
    "ResponsesError",
    "answer_ranges",
    "parse_number",
    "parse_whole_number",
    "read_decisions",
    "read_ratings",
    "read_responses",
]

_MAX_LISTED = 50
_WHOLE = re.compile(r"[+-]?\d+(?:[.,]0*)?")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
_YES = {"1", "yes", "y", "true", "t", "kyllä", "k"}
_NO = {"0", "no", "n", "false", "f", "ei", "e"}


class ResponsesError(ValueError):
    """A CSV file that cannot be used, with every problem found.

    Attributes
    ----------
    problems : list of str
        One message per problem, each naming the row and column.
    """

    def __init__(self, problems: Sequence[str], source: str | None = None) -> None:
        # In file order: by row, keeping the order found within a row.
        self.problems = sorted(problems, key=_row_of)
        self.source = source
        shown = self.problems[:_MAX_LISTED]
        more = len(self.problems) - len(shown)
        head = f"{source}: " if source else ""
        lines = [f"{head}{len(self.problems)} problem(s) in the CSV file:"]
        lines += [f"  {p}" for p in shown]
        if more:
            lines.append(f"  ... and {more} more")
        super().__init__("\n".join(lines))


def _row_of(problem: str) -> int:
    match = re.match(r"row (\d+)", problem)
    return int(match.group(1)) if match else 0


@dataclass(frozen=True)
class Responses:
    """Answers of ``n`` candidates, as :func:`assess.results.pipeline.score_candidates` takes them.

    ``responses`` maps each answer id present in the file to an (n,) float
    array (NaN = missing).
    """

    candidate_ids: list[str]
    names: list[str | None]
    responses: dict[str, np.ndarray]


@dataclass(frozen=True)
class Ratings:
    """Ratings in long format: one entry per (candidate, rater) rating."""

    candidate_ids: list[str]
    rater_ids: list[str]
    ratings: np.ndarray


@dataclass(frozen=True)
class Decisions:
    """Per candidate: the group label in each group column and either the
    selection (bool) or the score (float)."""

    groups: dict[str, list[str]]
    selected: np.ndarray | None
    score: np.ndarray | None


def _normalise_digits(text: str) -> str:
    """Map every Unicode decimal digit (Arabic-Indic, full-width, ...) to 0-9."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def parse_whole_number(cell: str) -> int | None:
    """A whole number from a CSV cell; ``None`` for a blank cell.

    Raises
    ------
    ValueError
        With a message fit for a person, for anything else.
    """
    text = _normalise_digits(cell).strip()
    if not text:
        return None
    if not _WHOLE.fullmatch(text):
        if _DECIMAL.fullmatch(text):
            raise ValueError(f"{cell.strip()!r} is not a whole number")
        raise ValueError(f"{cell.strip()!r} is not a number (leave the cell blank if missing)")
    whole = re.split(r"[.,]", text)[0]
    if len(whole.lstrip("+-0")) > 15:
        raise ValueError(f"{cell.strip()!r} is too large")
    return int(whole)


@functools.lru_cache(maxsize=4096)
def _cell_value(cell: str) -> tuple[int | None, str | None]:
    """(value, None) or (None, problem) for a cell; cached because answer
    files repeat a handful of distinct cells ("1".."5", "") millions of times."""
    try:
        return parse_whole_number(cell), None
    except ValueError as exc:
        return None, str(exc)


def parse_number(cell: str) -> float | None:
    """A finite decimal number from a CSV cell; ``None`` for a blank cell.
    A decimal comma is accepted; ``nan`` and ``inf`` are not."""
    text = _normalise_digits(cell).strip()
    if not text:
        return None
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{cell.strip()!r} is not a number (leave the cell blank if missing)")
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(f"{cell.strip()!r} is too large")
    return value


def answer_ranges(instruments: Iterable[Instrument]) -> dict[str, tuple[int, int]]:
    """Every answer id of ``instruments`` with its allowed integer range.

    Likert items (scored, impression management, instructed) take the
    instrument's response scale; scenario options ``"<scenario>.<option>"``
    take its effectiveness scale.
    """
    ranges: dict[str, tuple[int, int]] = {}
    for instrument in instruments:
        scale = instrument.response_scale
        for item in instrument.all_likert_items:
            ranges[item.id] = (scale.min, scale.max)
        eff = instrument.effectiveness_scale
        for scenario in instrument.scenarios:
            low, high = (eff.min, eff.max) if eff else (1, 5)
            for option in scenario.options:
                ranges[f"{scenario.id}.{option.id}"] = (low, high)
    return ranges


def _read_rows(
    source, required: Sequence[str]
) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """Header and (row number, cells) of a CSV file or text stream."""
    label = str(source) if isinstance(source, str | Path) else getattr(source, "name", "<input>")
    try:
        raw = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise ResponsesError([f"the file is not UTF-8 text (byte {exc.start})"], label) from None
    except OSError as exc:
        raise ResponsesError([f"cannot read the file: {exc.strerror or exc}"], label) from None
    if "\x00" in text:
        raise ResponsesError(["the file contains NUL bytes: is it a spreadsheet, not CSV?"], label)
    if not text.strip():
        raise ResponsesError(["the file is empty: expected a header row and data rows"], label)
    first = text.splitlines()[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise ResponsesError([f"not readable as CSV: {exc}"], label) from None
    header = [h.strip() for h in rows[0]]
    problems = []
    seen: set[str] = set()
    for col, name in enumerate(header, start=1):
        if not name:
            problems.append(f"row 1, column {col}: the header is blank")
        elif name in seen:
            problems.append(f"row 1, column {name}: the column appears twice")
        seen.add(name)
    for name in required:
        if name not in header:
            problems.append(f"row 1: the required column {name!r} is missing")
    body = [
        (number, cells)
        for number, cells in enumerate(rows[1:], start=2)
        if any(c.strip() for c in cells)
    ]
    if not body and not problems:
        problems.append("the file has a header row but no data rows")
    for number, cells in body:
        if len(cells) != len(header):
            problems.append(
                f"row {number}: has {len(cells)} cells but the header has {len(header)}"
            )
    if problems:
        raise ResponsesError(problems, label)
    return header, body, label


def _candidate_ids(body, header, problems, column="candidate_id") -> list[str]:
    index = header.index(column)
    ids, first_row = [], {}
    for number, cells in body:
        cid = cells[index].strip()
        if not cid:
            problems.append(f"row {number}, column {column}: blank")
        elif cid in first_row:
            problems.append(f"row {number}, column {column}: {cid!r} repeats row {first_row[cid]}")
        else:
            first_row[cid] = number
        ids.append(cid)
    return ids


def read_responses(source, instruments: Sequence[Instrument]) -> Responses:
    """Read a responses CSV and check it against ``instruments``.

    Parameters
    ----------
    source : str, Path or file object
        The CSV file.
    instruments : sequence of Instrument
        The instruments the answers belong to; every answer column must be an
        answer id of one of them, and every value inside its range.

    Returns
    -------
    Responses
        Candidate ids, names (None without a ``name`` column) and answers.

    Raises
    ------
    ResponsesError
        Listing every problem with row and column.
    """
    header, body, label = _read_rows(source, ["candidate_id"])
    ranges = answer_ranges(instruments)
    problems: list[str] = []
    ids = _candidate_ids(body, header, problems)
    answer_cols = []
    for col, name in enumerate(header):
        if name in ("candidate_id", "name"):
            continue
        if name not in ranges:
            problems.append(
                f"row 1, column {name}: not an answer id of {', '.join(i.id for i in instruments)}"
            )
        else:
            answer_cols.append((col, name))
    name_index = header.index("name") if "name" in header else None
    names = [
        cells[name_index].strip() or None if name_index is not None else None for _, cells in body
    ]
    responses = {name: np.full(len(body), np.nan) for _, name in answer_cols}
    for row, (number, cells) in enumerate(body):
        for col, name in answer_cols:
            value, problem = _cell_value(cells[col])
            if problem is not None:
                problems.append(f"row {number}, column {name}: {problem}")
                continue
            if value is None:
                continue
            low, high = ranges[name]
            if not low <= value <= high:
                problems.append(f"row {number}, column {name}: {value} is outside {low}-{high}")
                continue
            responses[name][row] = value
    if problems:
        raise ResponsesError(problems, label)
    return Responses(ids, names, responses)


def read_ratings(source) -> Ratings:
    """Read a ratings CSV: ``candidate_id, rater_id, rating`` (long format).

    A blank rating is a missing rating (NaN). A (candidate, rater) pair may
    appear only once.

    Raises
    ------
    ResponsesError
        Listing every problem with row and column.
    """
    header, body, label = _read_rows(source, ["candidate_id", "rater_id", "rating"])
    problems: list[str] = []
    extra = [h for h in header if h not in ("candidate_id", "rater_id", "rating")]
    for name in extra:
        problems.append(
            f"row 1, column {name}: unknown column (expected candidate_id, rater_id, rating)"
        )
    ci, ri, vi = (header.index(c) for c in ("candidate_id", "rater_id", "rating"))
    cids, rids, values, first_row = [], [], [], {}
    for number, cells in body:
        cid, rid = cells[ci].strip(), cells[ri].strip()
        for column, value in (("candidate_id", cid), ("rater_id", rid)):
            if not value:
                problems.append(f"row {number}, column {column}: blank")
        if cid and rid:
            if (cid, rid) in first_row:
                problems.append(
                    f"row {number}, column rater_id: {rid!r} already rated {cid!r} in row "
                    f"{first_row[cid, rid]}"
                )
            first_row.setdefault((cid, rid), number)
        try:
            value = parse_number(cells[vi])
        except ValueError as exc:
            problems.append(f"row {number}, column rating: {exc}")
            value = None
        cids.append(cid)
        rids.append(rid)
        values.append(np.nan if value is None else value)
    if problems:
        raise ResponsesError(problems, label)
    return Ratings(cids, rids, np.asarray(values, dtype=float))


def parse_selected(cell: str) -> bool:
    """``True``/``False`` from 1/0, yes/no, true/false (any case, also y/n,
    t/f and Finnish kyllä/ei)."""
    text = _normalise_digits(cell).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    if not text:
        raise ValueError("blank (expected 0/1, yes/no or true/false)")
    raise ValueError(f"{cell.strip()!r} is not 0/1, yes/no or true/false")


def read_decisions(
    source, groups: Sequence[str], *, selected: str | None = None, score: str | None = None
) -> Decisions:
    """Read a decisions CSV for an adverse-impact analysis.

    Parameters
    ----------
    source : str, Path or file object
        The CSV file, one row per candidate.
    groups : sequence of str
        Columns holding group labels (e.g. ``gender``, ``age_band``). A blank
        label stays ``""``: unknown (the data are voluntary), which the
        fairness analysis leaves out and counts.
    selected, score : str
        Exactly one: the column with the 0/1 (yes/no, true/false) selection
        decision, or the column with a numeric score.

    Raises
    ------
    ResponsesError
        Listing every problem with row and column.
    ValueError
        When neither or both of ``selected`` and ``score`` are given.
    """
    if (selected is None) == (score is None):
        raise ValueError("give exactly one of selected= or score=")
    if not groups:
        raise ValueError("give at least one group column")
    outcome = selected if selected is not None else score
    header, body, label = _read_rows(source, [*groups, outcome])
    problems: list[str] = []
    labels = {g: [cells[header.index(g)].strip() for _, cells in body] for g in groups}
    index = header.index(outcome)
    values = []
    for number, cells in body:
        try:
            if selected is not None:
                values.append(parse_selected(cells[index]))
            else:
                value = parse_number(cells[index])
                if value is None:
                    raise ValueError("blank (expected a number)")
                values.append(value)
        except ValueError as exc:
            problems.append(f"row {number}, column {outcome}: {exc}")
    if problems:
        raise ResponsesError(problems, label)
    if selected is not None:
        return Decisions(labels, np.asarray(values, dtype=bool), None)
    return Decisions(labels, None, np.asarray(values, dtype=float))
