"""Download names and Content-Disposition values for any candidate name."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

import pytest
from werkzeug.http import parse_options_header

from reports import content_disposition, filename

HOSTILE = (
    "Äijälä",
    "Åsa Öberg",
    "Zażółć Gęślą",
    "Řehoř Čermák",
    "Nguyễn Thị Minh Khai",
    "Αλέξανδρος Παπαδόπουλος",
    "Юлия Иванова",
    'Robert "Bobby" O\'Neil; filename=evil.exe',
    "line\r\nSet-Cookie: x=1",
    "../../etc/passwd",
    "C:\\Windows\\system32",
    "李小龙",
    "",
)


@pytest.mark.parametrize("name", HOSTILE)
def test_filename_is_ascii_and_safe(name):
    result = filename("candidate-report", name, dt.date(2026, 11, 23))
    assert re.fullmatch(r"candidate-report_[A-Za-z0-9-]+_2026-11-23\.pdf", result), result


def test_filename_transliterates():
    assert filename("candidate-report", "Äijälä Väinö", "2026-11-23") == (
        "candidate-report_Aijala-Vaino_2026-11-23.pdf"
    )
    assert filename("panel", "Юлия Иванова", "2026-11-23") == "panel_Iuliia-Ivanova_2026-11-23.pdf"
    assert filename("panel", "李小龙", "2026-11-23") == "panel_candidate_2026-11-23.pdf"


@pytest.mark.parametrize("name", HOSTILE)
def test_content_disposition_is_one_ascii_line_that_decodes_back(name):
    value = content_disposition(f"{name}.pdf")
    assert value.isascii()
    assert "\r" not in value and "\n" not in value
    # Werkzeug parses as browsers do (RFC 6266): filename* wins over filename.
    disposition, params = parse_options_header(value)
    assert disposition == "attachment"
    expected = re.sub(r"[\x00-\x1f/\\]", " ", f"{name}.pdf").strip()
    assert params == {"filename": expected}
    fallback = re.search(r'filename="([^"]*)"', value).group(1)
    assert re.fullmatch(r"[A-Za-z0-9.-]+", fallback)
    star = value.split("filename*=UTF-8''", 1)[1]
    assert unquote(star) == expected


def test_content_disposition_rejects_unknown_disposition():
    with pytest.raises(ValueError, match="attachment"):
        content_disposition("a.pdf", "form-data")
