"""The bundled font family: four faces and their licence, registered once."""

from __future__ import annotations

import re

from reportlab.pdfbase import pdfmetrics

from reports import (
    build_candidate_report,
    build_feedback_report,
    build_item_analysis_report,
    build_panel_pack,
)
from reports.samples import (
    sample_candidate_report,
    sample_feedback_report,
    sample_item_analysis,
    sample_panel_pack,
)
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
    for pdf in (
        build_candidate_report(sample_candidate_report()),
        build_panel_pack(sample_panel_pack(2)),
        build_feedback_report(sample_feedback_report()),
        build_item_analysis_report(sample_item_analysis()),
    ):
        fonts = set(re.findall(rb"/BaseFont /[A-Z]{6}\+([A-Za-z-]+)", pdf))
        assert fonts and fonts <= {b"DejaVuSans", b"DejaVuSans-Bold", b"DejaVuSans-Oblique"}
        # no base-14 fallback, which has no Greek or Cyrillic
        assert len(re.findall(rb"/BaseFont /", pdf)) == len(fonts)
