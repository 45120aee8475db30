"""Download file names that are safe anywhere, and a well-formed
``Content-Disposition`` header (RFC 6266, with RFC 5987 ``filename*``)
whatever a candidate is called."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from urllib.parse import quote

# Letters NFKD does not decompose to ASCII, then Greek and Cyrillic
# (ISO 843 / common passport practice, simplified).
_TRANSLIT = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "œ": "oe",
    "Œ": "OE",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "Ð": "D",
    "ı": "i",
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "x",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "y",
    "φ": "f",
    "χ": "ch",
    "ψ": "ps",
    "ω": "o",
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    "і": "i",
    "ї": "i",
    "є": "ie",
    "ґ": "g",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f/\\]")
# RFC 5987 attr-char minus nothing: letters, digits and !#$&+-.^_`|~
_ATTR_SAFE = "!#$&+-.^_`|~"


def _transliterate(ch: str) -> str:
    low = ch.lower()
    if ch != low and low in _TRANSLIT:
        return _TRANSLIT[low].capitalize()
    return _TRANSLIT.get(ch, ch)


def ascii_slug(text: str, fallback: str = "file", limit: int = 60) -> str:
    """``text`` as ASCII letters, digits and hyphens, e.g. ``Äijälä Väinö``
    -> ``Aijala-Vaino``, ``Юлия`` -> ``Iuliia``; ``fallback`` when nothing
    is left."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(_transliterate(ch) for ch in decomposed if not unicodedata.combining(ch))
    slug = _UNSAFE.sub("-", letters.encode("ascii", "ignore").decode()).strip("-")
    return slug[:limit].strip("-") or fallback


def filename(kind: str, name: str, date: _dt.date | str, extension: str = "pdf") -> str:
    """An ASCII download name, e.g. ``candidate-report_Aijala-Vaino_2026-11-23.pdf``.

    Nothing a candidate typed survives except letters and digits, so the
    name is safe in a header, a shell and any file system.
    """
    day = date.isoformat() if isinstance(date, _dt.date) else str(date)
    parts = (ascii_slug(kind, "report"), ascii_slug(name, "candidate"), ascii_slug(day, "undated"))
    return f"{'_'.join(parts)}.{ascii_slug(extension, 'pdf').lower()}"


def content_disposition(filename_unicode: str, disposition: str = "attachment") -> str:
    """A ``Content-Disposition`` value with an ASCII ``filename`` and the
    exact UTF-8 name in ``filename*``.

    >>> content_disposition("Åsa Öberg.pdf")
    'attachment; filename="Asa-Oberg.pdf"; filename*=UTF-8\\'\\'%C3%85sa%20%C3%96berg.pdf'
    """
    if disposition not in ("attachment", "inline"):
        raise ValueError("disposition must be 'attachment' or 'inline'")
    clean = _CONTROL.sub(" ", unicodedata.normalize("NFC", filename_unicode or "")).strip()
    stem, dot, ext = clean.rpartition(".")
    if not dot:
        stem, ext = clean, ""
    ascii_name = ascii_slug(stem, "download")
    if ext:
        ascii_name += "." + ascii_slug(ext, "bin")
    encoded = quote(clean or ascii_name, safe=_ATTR_SAFE, encoding="utf-8")
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"
