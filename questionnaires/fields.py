"""Readers for the field types of a definition.

Each reader takes the raw value and its path, reports what is wrong in the
``ProblemLog`` and returns the value when it is usable or ``None`` when it is
not, so checking continues and every problem is found in one pass.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Collection, Mapping
from typing import Any

from questionnaires.model import LANGUAGES, Localized
from questionnaires.problems import FieldPath, ProblemLog, format_path

INSTRUMENT_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
"""Instrument and role ids: lowercase words joined by hyphens."""
NAME_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
"""Scale, facet, item, band, option and competency ids: lowercase, digits, underscores."""

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
COMMA_HINT = "; a comma inside {en: ..., fi: ...} splits the text: put the text in quotes"


def type_name(value: Any) -> str:
    """How a YAML author would call the type of ``value``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        # YAML 1.1 reads yes/no/on/off as booleans: a bare "No" label is false.
        return "true/false (a bare yes, no, on or off is read as true/false: quote it)"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) <= 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Fields:
    """Field readers reporting into one ``ProblemLog``."""

    def __init__(self, log: ProblemLog) -> None:
        self.log = log

    def report(self, path: FieldPath, message: str, at: FieldPath | None = None) -> None:
        self.log.report(path, message, at)

    def read(
        self,
        mapping: Mapping[Any, Any] | None,
        path: FieldPath,
        key: str,
        reader: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """``reader((*path, key), mapping[key], ...)``, or ``None`` when the key is
        absent (a missing required key was already reported by ``mapping``)."""
        if mapping is None or key not in mapping:
            return None
        return reader((*path, key), mapping[key], *args, **kwargs)

    def mapping(
        self,
        path: FieldPath,
        value: Any,
        required: Collection[str] = (),
        optional: Collection[str] = (),
    ) -> dict[Any, Any] | None:
        """A mapping with exactly the ``required`` keys and some ``optional`` ones."""
        if not isinstance(value, dict):
            self.report(path, f"expected a mapping, got {type_name(value)}")
            return None
        allowed = (*required, *optional)
        for key in value:
            if key not in allowed:
                self.report((*path, key), f"unknown key '{key}'{suggest(key, allowed)}")
        for key in required:
            if key not in value:
                self.report((*path, key), "is required")
        return value

    def sequence(self, path: FieldPath, value: Any, minimum: int = 0) -> list[Any]:
        """A list; a wrong type reads as empty so the caller can go on."""
        if not isinstance(value, list):
            self.report(path, f"expected a list, got {type_name(value)}")
            return []
        if len(value) < minimum:
            entries = "entry" if minimum == 1 else "entries"
            self.report(path, f"needs at least {minimum} {entries}, has {len(value)}")
        return value

    def text(self, path: FieldPath, value: Any) -> Localized | None:
        """A text in every language: a mapping with exactly the keys en and fi."""
        if not isinstance(value, dict):
            self.report(
                path,
                f"expected a text per language ({', '.join(LANGUAGES)}), got {type_name(value)}",
            )
            return None
        ok = True
        for language in value:
            if language not in LANGUAGES:
                hint = "" if LANGUAGE_CODE.fullmatch(str(language)) else COMMA_HINT
                self.report(
                    (*path, language),
                    f"unexpected language '{language}' (languages: {', '.join(LANGUAGES)}){hint}",
                )
                ok = False
        for language in LANGUAGES:
            if language not in value:
                self.report(path, f"missing language '{language}'")
                ok = False
            elif not isinstance(value[language], str):
                self.report((*path, language), f"expected text, got {type_name(value[language])}")
                ok = False
            elif not value[language].strip():
                self.report((*path, language), "text is empty")
                ok = False
        return {language: value[language] for language in LANGUAGES} if ok else None

    def string(
        self, path: FieldPath, value: Any, pattern: re.Pattern[str] | None = None, rule: str = ""
    ) -> str | None:
        if not isinstance(value, str):
            hint = " (quote it)" if isinstance(value, int | float) else ""
            self.report(path, f"expected text, got {type_name(value)}{hint}")
            return None
        if not value.strip():
            self.report(path, "text is empty")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.report(path, f"'{value}' is not a valid id ({rule})")
            return None
        return value

    def identifier(self, path: FieldPath, value: Any) -> str | None:
        return self.string(path, value, NAME_ID, "lowercase letters, digits and underscores")

    def key(self, path: FieldPath, value: Any) -> int | None:
        """An item's key: ``"+"`` -> 1 (agreement scores high), ``"-"`` -> -1 (reversed)."""
        if value == "+":
            return 1
        if value == "-":
            return -1
        shown = f"'{value}'" if isinstance(value, str | int | float) else type_name(value)
        self.report(path, f'key must be "+" or "-" (quoted), got {shown}')
        return None

    def integer(
        self,
        path: FieldPath,
        value: Any,
        low: int | None = None,
        high: int | None = None,
        what: str = "",
    ) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.report(path, f"expected a whole number, got {type_name(value)}")
            return None
        return value if self._within(path, value, low, high, what) else None

    def number(
        self,
        path: FieldPath,
        value: Any,
        low: float | None = None,
        high: float | None = None,
        what: str = "",
    ) -> float | None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.report(path, f"expected a number, got {type_name(value)}")
            return None
        if not math.isfinite(value):
            self.report(path, f"expected a finite number, got {value}")
            return None
        return float(value) if self._within(path, value, low, high, what) else None

    def boolean(self, path: FieldPath, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self.report(path, f"expected true or false, got {type_name(value)}")
            return None
        return value

    def _within(
        self, path: FieldPath, value: float, low: float | None, high: float | None, what: str = ""
    ) -> bool:
        if (low is not None and value < low) or (high is not None and value > high):
            self.report(
                path, f"{value:g} is outside {what + ' ' if what else ''}{_range(low, high)}"
            )
            return False
        return True

    def points(self, path: FieldPath, value: Any) -> dict[int, Any] | None:
        """A mapping keyed by integer points; ``"3"`` counts as 3 (JSON keys are text)."""
        if not isinstance(value, dict):
            self.report(path, f"expected a mapping from numbers to texts, got {type_name(value)}")
            return None
        result: dict[int, Any] = {}
        for key, entry in value.items():
            point = _as_point(key)
            if point is None:
                self.report((*path, key), f"key '{key}' is not a whole number")
            else:
                result[point] = entry
        return result

    def unique(
        self, path: FieldPath, seen: dict[str, FieldPath], ident: str | None, what: str = "id"
    ) -> None:
        """Record ``ident`` in ``seen``; report when it was seen before."""
        if ident is None:
            return
        if ident in seen:
            first = seen[ident]
            line = self.log.line_of(first)
            where = format_path(first) + ("" if line is None else f", line {line}")
            self.report(path, f"duplicate {what} '{ident}' (first at {where})")
        else:
            seen[ident] = path


def suggest(name: Any, known: Collection[str]) -> str:
    """A hint naming the likely intended name, or listing the known ones."""
    close = difflib.get_close_matches(str(name), list(known), n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (allowed: {', '.join(known)})" if known else ""


def scale_hint(scale: str, known: Collection[str], what: str = "scales") -> str:
    """``" (did you mean 'calm'? scales: calm, warmth)"`` for an unknown scale."""
    close = difflib.get_close_matches(scale, list(known), n=1)
    mean = f"did you mean '{close[0]}'? " if close else ""
    return f" ({mean}{what}: {', '.join(sorted(known)) or 'none'})"


def _as_point(key: Any) -> int | None:
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    if isinstance(key, str) and re.fullmatch(r"-?\d+", key.strip()):
        return int(key)
    return None


def _range(low: float | None, high: float | None) -> str:
    if low is None:
        return f"the allowed range (at most {high:g})"
    if high is None:
        return f"the allowed range (at least {low:g})"
    return f"{low:g}..{high:g}"


def get(mapping: Mapping[Any, Any] | None, key: str, default: Any = None) -> Any:
    """``mapping[key]`` or ``default``, also when the mapping itself was unusable."""
    return default if mapping is None else mapping.get(key, default)
