"""Sparse and degenerate inputs still give a report, never an exception."""

from __future__ import annotations

import dataclasses

import pytest

from reports import (
    Fit,
    ScaleScore,
    ScoringAppendix,
    build_candidate_report,
    build_feedback_report,
    build_item_analysis_report,
    build_panel_pack,
)
from reports.labels import Labels
from reports.samples import (
    sample_candidate_report,
    sample_feedback_report,
    sample_item_analysis,
    sample_panel_pack,
)

from .pdf import flat, full_text


def test_candidate_report_with_bare_scales_and_no_fit():
    bare = ScaleScore(id="x", name="Bare scale", raw=None, metric_min=1, metric_max=1)
    point = ScaleScore(id="y", name="Point only", raw=2.0, metric_min=1, metric_max=5)
    data = dataclasses.replace(
        sample_candidate_report(),
        scales=(bare, point),
        fit=Fit(composite=None, band="Not available"),
        interview_questions=(),
        validity=(),
        situational=(),
        situational_summary="",
        strengths=(),
        development=(),
        appendix=ScoringAppendix(response_min=1, response_max=6),
    )
    text = flat(full_text(build_candidate_report(data)))
    assert "Bare scale not scored" in text
    assert "No validity flags were raised." in text
    assert "x′ = min + max − x = 1 + 6 − x" in text


def test_empty_panel_pack_feedback_and_item_analysis_build():
    pack = dataclasses.replace(sample_panel_pack(1), candidates=(), ratings=(), agreement=())
    assert "No panel ratings yet." in full_text(build_panel_pack(pack))
    feedback = dataclasses.replace(sample_feedback_report(), scales=(), strengths=())
    assert build_feedback_report(feedback).startswith(b"%PDF")
    items = dataclasses.replace(sample_item_analysis(), items=(), reliability=(), impact=())
    assert build_item_analysis_report(items).startswith(b"%PDF")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="report language"):
        build_candidate_report(dataclasses.replace(sample_candidate_report(), language="sv"))


@pytest.mark.parametrize(
    ("language", "value", "decimals", "expected"),
    [
        ("en", 3.456, 2, "3.46"),
        ("fi", 3.456, 2, "3,46"),
        ("en", -0.5, 1, "−0.5"),
        ("fi", None, 2, "—"),
        ("en", float("nan"), 2, "—"),
    ],
)
def test_number_formats(language, value, decimals, expected):
    assert Labels(language).number(value, decimals) == expected


def test_every_label_exists_in_both_languages():
    from reports.labels import LABELS

    assert set(LABELS["en"]) == set(LABELS["fi"])
