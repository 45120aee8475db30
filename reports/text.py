"""The one way a person's text reaches ReportLab.

Paragraph markup is XML-like: an unescaped ``<img src="/etc/passwd">`` would
embed a file from the server, an ``<a href="javascript:...">`` would become a
live link in a recruiter's PDF, and ``<font color="...">`` hands a string to
ReportLab's colour parser. ``escape`` makes all of it literal text. Importing
this module also empties ReportLab's trusted URL schemes and hosts, so even a
payload that slipped through could not fetch anything.
"""

from __future__ import annotations

import re

from reportlab import rl_config

rl_config.trustedSchemes = []
rl_config.trustedHosts = []

DEFAULT_LIMIT = 2000
"""Characters kept from one string; beyond it the text is cut with a note."""

# XML 1.0 forbids most C0 controls; DEL and C1 controls are invisible junk.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?|\n|\u2028|\u2029")


def plain(s: object, limit: int = DEFAULT_LIMIT) -> str:
    """``s`` as one line of plain text for the canvas (headers, metadata).

    Newlines and control characters become spaces; text longer than
    ``limit`` characters is cut and ends with a visible ``…``.
    """
    text = _CONTROL.sub(" ", _NEWLINES.sub(" ", "" if s is None else str(s)))
    if len(text) > limit:
        return text[: max(limit - 1, 0)] + "…"
    return text


def _cut(text: str, limit: int) -> tuple[str, str]:
    """``text`` cut to ``limit`` characters, and the note saying so."""
    if len(text) > limit:
        return text[:limit], f" … [{len(text)} characters, cut]"
    return text, ""


def clip(s: object, limit: int = DEFAULT_LIMIT) -> str:
    """``s`` as plain paragraph text (never markup): control characters and
    newlines become spaces and a text longer than ``limit`` is cut with the
    same visible note as ``escape``."""
    text, note = _cut("" if s is None else str(s), limit)
    return _CONTROL.sub(" ", _NEWLINES.sub(" ", text)) + note


def escape(s: object, limit: int = DEFAULT_LIMIT, *, newlines: bool = False) -> str:
    """Escape a person's text for ReportLab Paragraph markup.

    Parameters
    ----------
    s : object
        The text (``None`` gives ``""``; other objects use ``str``).
    limit : int
        Characters kept. A longer text is cut and a visible note says how
        long it was, e.g. ``… [20000 characters, cut]``, so a runaway field
        cannot push a table row past the page.
    newlines : bool
        Keep line breaks as ``<br/>`` (free text such as panel rationales);
        otherwise they become spaces.

    Returns
    -------
    str
        Markup in which ``&``, ``<``, ``>`` and quotes are entities and
        control characters are gone, so every tag in ``s`` shows as text.
    """
    text, note = _cut("" if s is None else str(s), limit)
    text = _CONTROL.sub(" ", text)
    text = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )
    text = _NEWLINES.sub("<br/>" if newlines else " ", text)
    return text + note
