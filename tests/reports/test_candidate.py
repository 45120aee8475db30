"""The candidate report read back: names in every script, scores, bands,
metadata, page numbers, determinism, Finnish labels and non-blank pages."""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
import sys

import pytest
from pypdf.generic import NameObject

from reports import build_candidate_report
from reports.labels import Labels
from reports.samples import sample_candidate_report

from .pdf import flat, full_text, ink_per_page, page_texts, reader

NAMES = (
    "Äijälä",
    "Åsa Öberg",
    "Zażółć Gęślą",
    "Řehoř Čermák",
    "Nguyễn Thị Minh Khai",
    "Αλέξανδρος Παπαδόπουλος",
    "Юлия Иванова",
)


@pytest.fixture(scope="module")
def english() -> bytes:
    return build_candidate_report(sample_candidate_report("Åsa Öberg"))


@pytest.mark.parametrize("name", NAMES)
def test_name_reads_back_exactly(name):
    pdf = build_candidate_report(sample_candidate_report(name))
    text = full_text(pdf)
    assert f"\n{name}\n" in text  # the heading line is the name and nothing else
    assert reader(pdf).metadata.subject.startswith(name)


def test_scores_intervals_and_bands_are_printed(english):
    data = sample_candidate_report("Åsa Öberg")
    labels = Labels("en")
    text = flat(full_text(english))
    for scale in data.scales:
        assert f"{labels.number(scale.raw)}  ({labels.interval(scale.ci90)})" in full_text(english)
        assert labels.interval(scale.ci95) in text
        assert f"{scale.name} — {scale.band}" in text
        for facet in scale.facets:
            assert f"{facet.name} ({labels.number(facet.raw)}, {facet.band})" in text
    assert data.fit.band in text
    assert "SIMULATED norms" in text
    assert "a person makes it" in text
    assert "Interpret with caution" in text
    assert "x′ = min + max − x = 1 + 5 − x" in text


def test_no_norm_group_is_said_in_words():
    data = dataclasses.replace(
        sample_candidate_report(),
        norms=dataclasses.replace(sample_candidate_report().norms, source=None),
    )
    text = flat(full_text(build_candidate_report(data)))
    assert "No norm group: criterion-referenced bands on the raw metric" in text
    assert "SIMULATED" not in text


def test_interval_straddling_the_bar_is_flagged():
    data = sample_candidate_report()
    scale = dataclasses.replace(data.scales[0], raw=3.4, ci90=(3.1, 3.7), bar=3.5)
    pdf = build_candidate_report(dataclasses.replace(data, scales=(scale, *data.scales[1:])))
    assert "⚠ 3.40  (3.10–3.70)" in full_text(pdf)


def test_metadata_title_author_subject_and_language(english):
    pdf = reader(english)
    meta = pdf.metadata
    assert meta.title == "Candidate report: Åsa Öberg — Airport customer service agent"
    assert meta.author == "Nordic Ground Services Oy"
    assert meta.subject == "Åsa Öberg — Airport customer service agent"
    assert pdf.trailer["/Root"][NameObject("/Lang")] == "en-GB"


def test_every_page_says_page_x_of_y(english):
    texts = page_texts(english)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_same_input_gives_the_same_bytes(english):
    assert build_candidate_report(sample_candidate_report("Åsa Öberg")) == english


def test_finnish_report_uses_finnish_labels_and_decimal_commas():
    data = sample_candidate_report("Äijälä", language="fi")
    pdf = build_candidate_report(data)
    texts = page_texts(pdf)
    text = flat("\n".join(texts))
    assert f"Sivu 1 / {len(texts)}" in texts[0]
    for label in (
        "Hakijaraportti",
        "Sopivuus tehtävään",
        "Profiili",
        "Pisteytyksen liite",
        "SIMULOIDUT normit",
        "päätöksen tekee aina ihminen",
    ):
        assert label in text
    assert Labels("fi").number(data.scales[0].raw) in text
    assert "," in Labels("fi").number(data.scales[0].raw)
    assert reader(pdf).trailer["/Root"]["/Lang"] == "fi-FI"


def test_pages_are_not_blank(english, tmp_path):
    ink = ink_per_page(english, tmp_path)
    assert len(ink) == len(reader(english).pages)
    assert all(count > 500 for count in ink), ink


def test_unscored_scale_shows_its_reason():
    data = sample_candidate_report()
    scale = dataclasses.replace(
        data.scales[1], raw=None, ci90=None, missing_reason="6 of 12 items answered, fewer than 80%"
    )
    pdf = build_candidate_report(
        dataclasses.replace(data, scales=(data.scales[0], scale, data.scales[2]))
    )
    text = flat(full_text(pdf))
    assert "not scored: 6 of 12 items answered, fewer than 80%" in text


def test_same_bytes_in_a_fresh_process_as_after_other_reports(english):
    """No state left behind by earlier documents (font subsets, caches)
    changes the output: a cold process renders the very same bytes."""
    code = (
        "import hashlib; from reports import build_candidate_report; "
        "from reports.samples import sample_candidate_report; "
        "print(hashlib.sha256(build_candidate_report(sample_candidate_report('Åsa Öberg')))"
        ".hexdigest())"
    )
    build_candidate_report(sample_candidate_report("Юлия Иванова"))  # warm this process
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == hashlib.sha256(english).hexdigest()
