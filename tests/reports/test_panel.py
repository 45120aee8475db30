"""The panel pack for one and for 500 candidates: ranking, groups, charts,
agreement, disagreement highlights, one summary and one sheet each."""

from __future__ import annotations

import dataclasses

from reports import build_panel_pack
from reports.model import PanelRating
from reports.samples import sample_panel_pack

from .pdf import flat, full_text, ink_per_page, page_texts, reader


def test_one_candidate_pack(tmp_path):
    data = sample_panel_pack(1)
    pdf = build_panel_pack(data)
    texts = page_texts(pdf)
    text = flat("\n".join(texts))
    name = data.candidates[0].name
    assert f"1. {name}" in text
    assert f"Structured interview scoring sheet: {name}" in text
    for anchor in data.competencies[0].anchors:
        assert anchor in "\n".join(texts).replace("\n", " ")
    assert "Rating (1–5): ☐1 ☐2 ☐3 ☐4 ☐5" in text
    assert "Agreement between panel members" in text
    assert texts[-1].rstrip().endswith(f"Page {len(texts)} of {len(texts)}")
    assert all(count > 300 for count in ink_per_page(pdf, tmp_path))


def test_comparison_ranks_by_fit_with_intervals_and_groups():
    data = sample_panel_pack(12)
    text = flat(full_text(build_panel_pack(data)))
    fits = [c.fit.composite for c in data.candidates]
    assert fits == sorted(fits, reverse=True)
    for c in data.candidates:
        assert c.name in text
    top = data.candidates[0]
    assert (
        f"1 {top.name} {top.fit.composite:.1f} {top.fit.ci95[0]:.1f}–{top.fit.ci95[1]:.1f}" in text
    )
    assert "cannot be told apart at 95%" in text
    assert "Fit with 95% intervals" in text
    assert "Heat map of scales by candidates" in text
    assert "Colour by sten (1–10)" in text


def test_disagreement_of_two_points_is_highlighted():
    data = sample_panel_pack(2, raters=3)
    agree = PanelRating(data.candidates[0].reference, "Calm under pressure", (4.0, 4.0, 3.0))
    pdf = build_panel_pack(dataclasses.replace(data, ratings=(agree,)))
    assert "Members differ by 2 points or more" not in flat(full_text(pdf))
    split = PanelRating(data.candidates[0].reference, "Calm under pressure", (2.0, 4.0, None))
    pdf = build_panel_pack(dataclasses.replace(data, ratings=(agree, split)))
    assert "Members differ by 2 points or more" in flat(full_text(pdf))


def test_no_ratings_yet_is_said():
    data = dataclasses.replace(sample_panel_pack(2), ratings=(), agreement=())
    assert "No panel ratings yet." in full_text(build_panel_pack(data))


def test_five_hundred_candidates_split_with_repeated_headers():
    data = sample_panel_pack(500)
    pdf = reader(build_panel_pack(data))
    pages = len(pdf.pages)
    assert pages > 1000  # a summary page and a sheet per candidate
    # Reading every page back would take a minute: the overview pages and the end suffice.
    texts = [pdf.pages[i].extract_text() for i in range(30)]
    comparison = [t for t in texts if "Rank" in t and "Candidate" in t and "Group" in t]
    assert len(comparison) >= 8  # the comparison table's header repeats on each page
    joined = "\n".join(texts)
    assert "Fit with 95% intervals (1–62)" in joined
    assert "Fit with 95% intervals (497–500)" in joined
    assert "Heat map of scales by candidates (435–496)" in joined
    last_summary = pdf.pages[pages - 2].extract_text()
    assert f"500. {data.candidates[-1].name}" in last_summary
    assert pdf.pages[pages - 1].extract_text().rstrip().endswith(f"Page {pages} of {pages}")
    assert pdf.metadata.title.startswith("Panel pack")


def test_many_and_oversized_competencies_flow_across_pages():
    data = sample_panel_pack(2)
    big = dataclasses.replace(
        data.competencies[0],
        name="Huge",
        description="long words " * 60,
        questions=tuple("Tell me about a queue. " * 15 for _ in range(12)),
    )
    many = (*data.competencies * 4, big)
    pdf = build_panel_pack(dataclasses.replace(data, competencies=many))
    text = flat(full_text(pdf))
    assert text.count("Huge — long words") == 2  # once per candidate's sheet
    assert text.count("Rating (1–5): ☐1 ☐2 ☐3 ☐4 ☐5") == 2 * len(many)


def test_heat_map_by_band_when_stens_are_missing():
    data = sample_panel_pack(3)
    candidates = tuple(
        dataclasses.replace(c, scales=tuple(dataclasses.replace(s, sten=None) for s in c.scales))
        for c in data.candidates
    )
    text = flat(full_text(build_panel_pack(dataclasses.replace(data, candidates=candidates))))
    assert "Colour by band (low to high)" in text


def test_same_campaign_gives_the_same_bytes():
    assert build_panel_pack(sample_panel_pack(4)) == build_panel_pack(sample_panel_pack(4))
