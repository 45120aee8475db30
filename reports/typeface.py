"""The bundled DejaVu Sans family, registered with ReportLab once per process.

DejaVu covers Latin (including Vietnamese), Greek and Cyrillic, so every
candidate name renders as given; the licence sits next to the files in
``reports/fonts/``.
"""

from __future__ import annotations

import threading
import zlib
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

FONT_DIR = Path(__file__).with_name("fonts")

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FAMILY = REGULAR

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class _FlateOnce:
    """A FlateDecode stream filter whose output for one font subset is
    computed once: the subset bytes are the same object every time (see
    ``_CachingFace``), so keying by identity is safe while they are cached."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._encoded: dict[int, bytes] = {}

    def encode(self, text: bytes) -> bytes:
        key = id(text)
        if key not in self._encoded:
            self._encoded[key] = zlib.compress(text)
        return self._encoded[key]

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


class _CachingFace(TTFontFace):
    """A font face that keeps each glyph subset it has built, compressed.

    Subsetting a TrueType file and deflating it costs several milliseconds
    per face per document, yet reports use the same few hundred glyphs every
    time; the subset for a given glyph list is a pure function of the file,
    so caching it keeps output byte-identical. The cache is bounded by the
    distinct subsets seen (a handful per face in practice)."""

    _max_subsets = 64
    _subsets: dict[tuple[int, ...], bytes]
    _flate: _FlateOnce
    _subset_lock: threading.Lock

    def makeSubset(self, subset):  # noqa: N802 (ReportLab's name)
        key = tuple(subset)
        with self._subset_lock:
            data = self._subsets.get(key)
            if data is None:
                data = super().makeSubset(subset)
                if len(self._subsets) < self._max_subsets:
                    self._subsets[key] = data
            return data

    def addSubsetObjects(self, doc, fontname, subset):  # noqa: N802
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
        if doc.compression and stream is not None and tuple(subset) in self._subsets:
            stream.filters = [self._flate]
        return descriptor


def _font(name: str, path: Path) -> TTFont:
    """A TTFont whose face caches subsets (see ``_CachingFace``); the parsed
    face is adopted rather than parsed again."""
    font = TTFont(name, str(path))
    face = font.face
    caching = _CachingFace.__new__(_CachingFace)
    caching.__dict__.update(face.__dict__)
    caching._subsets = {}
    caching._flate = _FlateOnce()
    caching._subset_lock = threading.Lock()
    font.face = caching
    return font


def register_fonts() -> str:
    """Register the family once and return its name for paragraph styles.

    Parsing four TrueType files costs tens of milliseconds, so it happens on
    the first report of a process and never again.
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                pdfmetrics.registerFont(_font(name, FONT_DIR / filename))
            # <b> and <i> inside a paragraph map to the family's own faces.
            addMapping(FAMILY, 0, 0, REGULAR)
            addMapping(FAMILY, 1, 0, BOLD)
            addMapping(FAMILY, 0, 1, ITALIC)
            addMapping(FAMILY, 1, 1, BOLD_ITALIC)
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY
