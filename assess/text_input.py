"""Rules for text that people type, wherever it enters (forms, CSV files,
the command line): Unicode normalised to NFC, so a length limit counts the
characters a person sees, and control characters refused.

Single-line text (names, addresses, titles) allows no control character at
all; multi-line text allows tab and newline (``CR LF`` and a lone ``CR``
become ``LF``). NUL is refused everywhere: PostgreSQL cannot store it.
Invisible direction controls (embeddings, overrides and isolates) are
removed from single-line text, where they can only reorder the text around
a name; a right-to-left name does not need them.
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAK = re.compile(r"\r\n?")
_SINGLE_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MULTI_LINE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_DIRECTION_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(" {2,}")


def normalise(text: str, *, multiline: bool = False) -> str:
    """``text`` in NFC; line breaks as ``LF`` in multi-line text, direction
    controls removed from single-line text. Control characters stay, for
    :func:`control_character` to refuse."""
    text = unicodedata.normalize("NFC", text)
    if multiline:
        return _LINE_BREAK.sub("\n", text)
    return _DIRECTION_CONTROL.sub("", text)


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first control character ``text`` may not hold, or ``None``."""
    pattern = _MULTI_LINE_CONTROL if multiline else _SINGLE_LINE_CONTROL
    found = pattern.search(text)
    return found.group() if found else None


def clean(text: str, *, multiline: bool = False) -> str:
    """``text`` normalised; ``ValueError`` naming the character when it holds
    a control character it may not (for CSV rows and the command line)."""
    text = normalise(text, multiline=multiline)
    bad = control_character(text, multiline=multiline)
    if bad is not None:
        raise ValueError(f"contains the control character U+{ord(bad):04X}")
    return text


def without_direction_controls(text: str) -> str:
    """``text`` without embeddings, overrides and isolates (for output)."""
    return _DIRECTION_CONTROL.sub("", text) if _DIRECTION_CONTROL.search(text) else text


def without_controls(text: str) -> str:
    """``text`` normalised with every control character removed."""
    return _SINGLE_LINE_CONTROL.sub("", normalise(text))


def single_line(text: str) -> str:
    """``text`` made safe for one line (an e-mail header): every control
    character and direction control becomes a space, runs of spaces one."""
    return _SPACES.sub(" ", _SINGLE_LINE_CONTROL.sub(" ", normalise(text))).strip()
