"""assess agreement on the Shrout & Fleiss (1979) example, in long format."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assess.cli import cli
from tests.scorecard.helpers import write_csv

# Shrout & Fleiss (1979), Table 2: six targets rated by four judges.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def long_csv(table, shuffle=False) -> str:
    rows = [
        f"t{i + 1},judge{j + 1},{value}"
        for i, row in enumerate(table)
        for j, value in enumerate(row)
    ]
    if shuffle:
        rows = rows[::-1]
    return "candidate_id,rater_id,rating\n" + "\n".join(rows) + "\n"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("shuffle", [False, True])
def test_shrout_fleiss_published_values(tmp_path, shuffle):
    """Shrout & Fleiss (1979), Table 4: ICC(1,1) .17, ICC(2,1) .29, ICC(3,1) .71,
    ICC(1,4) .44, ICC(2,4) .62, ICC(3,4) .91 (two decimals as published)."""
    path = write_csv(tmp_path, long_csv(SHROUT_FLEISS, shuffle))
    result = run("agreement", "--ratings", path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    values = {row["shrout_fleiss"]: row["icc"] for row in data["icc"]}
    published = {
        "ICC(1,1)": 0.17,
        "ICC(2,1)": 0.29,
        "ICC(3,1)": 0.71,
        "ICC(1,k)": 0.44,
        "ICC(2,k)": 0.62,
        "ICC(3,k)": 0.91,
    }
    for form, value in published.items():
        assert round(values[form], 2) == value, form
    assert data["n_candidates"] == 6 and data["n_raters"] == 4 and data["n_used"] == 6
    icc2 = next(r for r in data["icc"] if r["shrout_fleiss"] == "ICC(2,1)")
    # psych::ICC on the same data: F = 11.03 on 5 and 15 df, 95% CI .019-.761.
    assert icc2["F"] == pytest.approx(11.027, abs=1e-3)
    assert icc2["ci95"] == pytest.approx([0.019, 0.761], abs=1e-3)


def test_tables_output(tmp_path):
    result = run("agreement", "--ratings", write_csv(tmp_path, long_csv(SHROUT_FLEISS)))
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.strip().startswith("ICC(2,1)"))
    assert "0.290" in line and "ICC(A,1)" in line


def test_perfect_consistency_reports_an_infinite_f(tmp_path):
    table = [[1, 2], [3, 4], [5, 6]]  # rater 2 = rater 1 + 1: no residual variance
    result = run("agreement", "--ratings", write_csv(tmp_path, long_csv(table)), "--json")
    assert result.exit_code == 0, result.output
    icc3 = next(r for r in json.loads(result.stdout)["icc"] if r["type"] == "ICC3")
    assert icc3["icc"] == pytest.approx(1.0)
    assert icc3["F"] is None and icc3["F_infinite"] is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("candidate_id,rater_id\nA,r1\n", "row 1: the required column 'rating' is missing"),
        (
            "candidate_id,rater_id,rating\nA,r1,high\n",
            "row 2, column rating: 'high' is not a number",
        ),
        (
            "candidate_id,rater_id,rating\nA,r1,3\nA,r1,4\n",
            "row 3, column rater_id: 'r1' already rated 'A' in row 2",
        ),
        ("", "the file is empty"),
        ("candidate_id,rater_id,rating\nA,r1,3\nA,r2,4\n", "Error:"),
    ],
)
def test_bad_ratings_exit_2(tmp_path, text, message):
    result = run("agreement", "--ratings", write_csv(tmp_path, text))
    assert result.exit_code == 2
    assert message in result.stderr
