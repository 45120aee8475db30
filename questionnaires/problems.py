"""Problems found in a definition, and the error that carries all of them.

A definition is checked completely before anything is built, so the author
sees every problem at once, each pointing at its file, line and field path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

FieldPath = tuple[str | int, ...]
"""Where a value sits in a definition, e.g. ``("items", 3, "key")``."""


def format_path(path: FieldPath) -> str:
    """``("items", 3, "key")`` -> ``items[3].key``; list positions in brackets."""
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition.

    ``line`` is 1-based; it is ``None`` when the definition did not come from
    a text (a role profile held in the database as JSON).
    """

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}"


class InstrumentError(ValueError):
    """A definition that does not validate; ``problems`` lists every fault."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ProblemLog:
    """Collects problems for one source, finding each one's line by its path.

    ``lines`` maps a field path to the line of its key (or, for list
    elements and the top, of the value). A path with no recorded line (a
    missing key) takes the line of its nearest recorded ancestor, which is
    the mapping that lacks it.
    """

    def __init__(self, file: str, lines: Mapping[FieldPath, int] | None = None) -> None:
        self.file = file
        self.lines: Mapping[FieldPath, int] = lines or {}
        self.problems: list[Problem] = []

    def line_of(self, path: FieldPath) -> int | None:
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def report(self, path: FieldPath, message: str, at: FieldPath | None = None) -> None:
        """Record a problem of the field at ``path``, on the line of ``at`` if given
        (a missing field is best shown where the field that needs it is)."""
        line = self.line_of(path if at is None else at)
        self.problems.append(Problem(self.file, line, format_path(path), message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InstrumentError(sorted(self.problems, key=_reading_order))


def _reading_order(problem: Problem) -> int:
    # Top to bottom as the author reads the file; sorted() keeps the order
    # of discovery among problems on the same line.
    return problem.line or 0
