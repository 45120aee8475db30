"""A person's text is inert in every report: markup shows as text, no link,
no embedded file, no injected colour, and runaway strings are cut."""

from __future__ import annotations

import dataclasses
import io
import zlib

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from reports import build_candidate_report, build_item_analysis_report, build_panel_pack
from reports.model import ValidityFlag
from reports.samples import sample_candidate_report, sample_item_analysis, sample_panel_pack
from reports.text import escape

from .pdf import flat, full_text, reader

IMG = '<img src="{path}" width="40" height="40"/>'
LINK = '<a href="javascript:app.alert(1)">open</a>'
COLOUR = "<font color=\"red\">RED</font><font color=\"__import__('os').system('id')\">x</font>"
TAGS = "Tom & Jerry <b>bold</b> 3 < 4 > 2"


@pytest.fixture
def image_path(tmp_path):
    """A real image file a payload could name (as it could name any file)."""
    path = tmp_path / "secret.png"
    # A valid 1x1 PNG: a payload that worked would embed it as an image.
    path.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408"
            "d763f8cfc000000301010018dd8db00000000049454e44ae426082"
        )
    )
    return path


def images_links_and_red(pdf: bytes) -> tuple[bool, bool, bool]:
    """Whether the PDF embeds an image, carries a link annotation, or paints
    in pure red (which no report uses) anywhere."""
    has_image = b"/Subtype /Image" in pdf
    has_link = any("/Annots" in page for page in reader(pdf).pages) or b"javascript" in pdf
    streams = b"".join(page.get_contents().get_data() for page in reader(pdf).pages)
    return has_image, has_link, b"1 0 0 rg" in streams


def test_the_checks_catch_unescaped_markup(image_path):
    """Positive control: the same payloads, unescaped, do embed, link and colour."""
    buffer = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    markup = IMG.format(path=image_path) + LINK + '<font color="red">RED</font>'
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(markup, style)])
    assert images_links_and_red(buffer.getvalue()) == (True, True, True)


def test_escape_makes_markup_literal():
    assert escape('<a href="x">&amp;</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;"
    assert escape("a\x00b\x1bc\nd") == "a b c d"
    assert escape("line\nbreak", newlines=True) == "line<br/>break"
    assert escape(None) == ""
    assert escape("x" * 50, limit=10) == "x" * 10 + " … [50 characters, cut]"


def payload_report(image_path):
    data = sample_candidate_report()
    img = IMG.format(path=image_path)
    return dataclasses.replace(
        data,
        candidate=f"{TAGS} {img}",
        reference=LINK,
        strengths=(COLOUR, img),
        development=(LINK,),
        validity=(ValidityFlag(LINK, img, COLOUR),),
        situational_summary=TAGS,
    )


def test_payloads_in_the_candidate_report_are_inert(image_path):
    pdf = build_candidate_report(payload_report(image_path))
    assert images_links_and_red(pdf) == (False, False, False)
    text = flat(full_text(pdf))
    assert TAGS in text
    assert f'<img src="{image_path}" width="40" height="40"/>' in text
    assert LINK in text
    assert COLOUR in text


def test_payloads_in_the_panel_pack_are_inert(image_path):
    data = sample_panel_pack(3)
    first = dataclasses.replace(data.candidates[0], name=f"{TAGS} {LINK}", strengths=(COLOUR,))
    rating = dataclasses.replace(data.ratings[0], competency=COLOUR)
    data = dataclasses.replace(
        data,
        candidates=(first, *data.candidates[1:]),
        ratings=(rating, *data.ratings[1:]),
        campaign=IMG.format(path=image_path),
        raters=(LINK, *data.raters[1:]),
    )
    pdf = build_panel_pack(data)
    assert images_links_and_red(pdf) == (False, False, False)
    text = flat(full_text(pdf))
    assert f"{TAGS} {LINK}" in text
    assert COLOUR in text


def test_a_20000_character_string_is_cut_with_a_note_not_an_error():
    huge = "W" * 20_000
    data = dataclasses.replace(
        sample_candidate_report(),
        candidate=huge,
        organisation=huge,
        strengths=(huge,),
        validity=(ValidityFlag(huge, huge, huge),),
    )
    pdf = build_candidate_report(data)
    text = flat(full_text(pdf))
    assert "[20000 characters, cut]" in text
    assert len(reader(pdf).pages) < 12


def test_a_20000_character_string_in_item_and_panel_tables():
    huge = "Ö" * 20_000
    report = sample_item_analysis()
    item = dataclasses.replace(report.items[0], text=huge, item=huge)
    pdf = build_item_analysis_report(dataclasses.replace(report, items=(item, *report.items[1:])))
    assert "[20000 characters, cut]" in flat(full_text(pdf))
    pack = sample_panel_pack(2)
    pack = dataclasses.replace(
        pack, candidates=(dataclasses.replace(pack.candidates[0], name=huge), pack.candidates[1])
    )
    assert "[20000 characters, cut]" in flat(full_text(build_panel_pack(pack)))


def test_page_streams_are_compressed_text_not_raw_markup(image_path):
    """The payload never reaches the PDF as an operator: its text is inside
    a text-showing string in the page content."""
    pdf = build_candidate_report(payload_report(image_path))
    content = reader(pdf).pages[0].get_contents().get_data()
    assert b"secret.png" in content  # shown as text...
    assert b" Do" not in content  # ...and no XObject is painted
    assert zlib  # compression is ReportLab's default; pypdf decoded it above
