"""The candidate's feedback report and the admins' item-analysis report."""

from __future__ import annotations

import dataclasses

from reports import build_feedback_report, build_item_analysis_report
from reports.labels import Labels
from reports.samples import sample_feedback_report, sample_item_analysis

from .pdf import flat, full_text, ink_per_page, page_texts, reader


def test_feedback_in_finnish_has_bands_and_advice_and_no_norm_jargon(tmp_path):
    data = sample_feedback_report("Nguyễn Thị Minh Khai", language="fi")
    pdf = build_feedback_report(data)
    texts = page_texts(pdf)
    text = flat("\n".join(texts))
    assert "Hei Nguyễn Thị Minh Khai," in text
    assert "Palauteraporttisi" in text
    assert f"Sivu 1 / {len(texts)}" in texts[0]
    for scale in data.scales:
        assert f"Tuloksesi: {scale.band}" in text
        for advice in scale.advice:
            assert advice in text
    for jargon in ("norm", "Norm", "persentiili", "Persentiili", "sten", "SEM", "T-"):
        assert jargon not in text
    assert reader(pdf).trailer["/Root"]["/Lang"] == "fi-FI"
    assert all(count > 300 for count in ink_per_page(pdf, tmp_path))


def test_feedback_in_english():
    data = sample_feedback_report("Юлия Иванова", language="en")
    text = flat(full_text(build_feedback_report(data)))
    assert "Hello Юлия Иванова," in text
    assert "Your result:" in text
    assert "Page 1 of" in text


def test_item_analysis_tables_flags_and_warnings(tmp_path):
    data = sample_item_analysis()
    labels = Labels("en")
    pdf = build_item_analysis_report(data)
    text = flat(full_text(pdf))
    for row in data.reliability:
        assert f"{row.scale} {labels.number(row.alpha)} {labels.interval(row.alpha_ci95)}" in text
    low = [it for it in data.items if it.citc is not None and it.citc < data.citc_threshold]
    assert low, "the sample must contain a weak item"
    assert "CITC below 0.30: review the item." in text
    flagged = [r for r in data.impact if r.below_four_fifths]
    assert flagged and text.count("⚠ yes") == len(flagged)
    assert "Fewer than 30 people: the ratio is unstable" in text
    assert "Unknown or undisclosed group: 6 excluded." in text
    assert all(count > 300 for count in ink_per_page(pdf, tmp_path))


def test_item_analysis_in_finnish():
    data = dataclasses.replace(sample_item_analysis("fi"), impact=())
    text = flat(full_text(build_item_analysis_report(data)))
    assert "Osioanalyysi ja tasapuolisuus" in text
    assert "Reliabiliteetti" in text
    assert "0,84" in text


def test_same_input_gives_the_same_bytes():
    assert build_feedback_report(sample_feedback_report()) == build_feedback_report(
        sample_feedback_report()
    )
    assert build_item_analysis_report(sample_item_analysis()) == build_item_analysis_report(
        sample_item_analysis()
    )
