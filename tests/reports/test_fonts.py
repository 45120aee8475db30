"""The bundled font family: four faces and their licence, registered once."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from reports import build_candidate_report
from reports.samples import sample_candidate_report
from reports.typeface import BOLD, BOLD_ITALIC, FONT_DIR, ITALIC, REGULAR, register_fonts


def test_faces_and_licence_are_bundled():
    for face in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
        assert (FONT_DIR / f"{face}.ttf").stat().st_size > 100_000
    licence = (FONT_DIR / "LICENSE-DejaVu.txt").read_text()
    assert "Bitstream Vera" in licence and "Permission is hereby granted" in licence


def test_registration_is_idempotent_and_covers_the_family():
    assert register_fonts() == register_fonts() == REGULAR
    registered = set(pdfmetrics.getRegisteredFontNames())
    assert {REGULAR, BOLD, ITALIC, BOLD_ITALIC} <= registered


def test_reports_embed_the_bundled_font_only():
    pdf = build_candidate_report(sample_candidate_report())
    assert b"DejaVuSans" in pdf
    assert b"/Helvetica" not in pdf  # no base-14 fallback that lacks Greek or Cyrillic
