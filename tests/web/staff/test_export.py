"""Formula injection in CSV exports (OWASP "CSV injection"): every text cell
that a spreadsheet would read as a formula starts with an apostrophe."""

from __future__ import annotations

import csv
import io
import json

import pytest

from assess.results.export import neutralise, to_csv, to_json


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+358 40 123", "'+358 40 123"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tHidden", "'\tHidden"),
        ("\rHidden", "'\rHidden"),
        ("Äijälä", "Äijälä"),
        ("a=b", "a=b"),
        ("", ""),
        (-1.5, -1.5),
        (3, 3),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_cells_and_keeps_numbers():
    text = to_csv(
        [{"name": "=cmd|' /C calc'!A0", "score": -0.5, "flags": ["-x", "y"]}],
        ["name", "score", "flags", "missing"],
    )
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row == {"name": "'=cmd|' /C calc'!A0", "score": "-0.5", "flags": "'-x; y", "missing": ""}


def test_json_keeps_values_as_given():
    document = json.loads(to_json([{"name": "=1+1"}], campaign={"id": 3}))
    assert document == {"campaign": {"id": 3}, "rows": [{"name": "=1+1"}]}
