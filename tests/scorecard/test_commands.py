"""assess score and assess analyze from the command line, good and bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.commands.responses_csv import read_responses
from assess.scoring.reliability import scale_reliability
from tests.scorecard.helpers import CARE, JUDGE, ROLE, care, write_csv

GOOD = (
    "candidate_id,name,c1,c2,c3,c4,c5,k1,k2,k3\n"
    "A1,Anna Virtanen,4,5,2,4,3,3,2,5\n"
    "B2,Bo,3,,,3,2,,,\n"
    "C3,Cecilia,3,3,3,4,,2,4,2\n"
)


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def score_args(responses, *extra):
    return ["score", "--instrument", CARE, "--responses", responses, *extra]


def test_score_json(tmp_path):
    result = run(*score_args(write_csv(tmp_path, GOOD), "--json"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = [c["candidate_id"] for c in data["candidates"]]
    assert ids == ["A1", "B2", "C3"]
    first = data["candidates"][0]
    assert first["name"] == "Anna Virtanen"
    assert first["scales"]["care"]["raw"] == pytest.approx(4.0)
    assert first["scales"]["care"]["sem"] == pytest.approx(0.2)
    assert data["candidates"][1]["scales"]["care"]["raw"] is None


def test_score_tables(tmp_path):
    result = run(*score_args(write_csv(tmp_path, GOOD)))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Norms: SIMULATED: tiny test norm, N = 1000" in out
    assert "Candidate A1  Anna Virtanen" in out
    # care 4.00, SEM 0.200, 90% interval 4 -/+ 1.644854 * 0.2
    line = next(x for x in out.splitlines() if x.strip().startswith("care"))
    assert "4.00" in line and "0.200" in line and "[3.67, 4.33]" in line and "High" in line
    assert "3 of 5 items answered; at least 4 (80%) needed to score" in out


def test_score_with_norms_file(tmp_path):
    norms = tmp_path / "norms.yaml"
    norms.write_text(
        "- {scale: calm, source: Local staff 2025, n: 240, mean: 3.0, sd: 1.0, "
        "reliability: 0.75}\n",
        encoding="utf-8",
    )
    result = run(*score_args(write_csv(tmp_path, GOOD), "--norms", norms, "--json"))
    assert result.exit_code == 0, result.output
    calm = json.loads(result.stdout)["candidates"][0]["scales"]["calm"]
    assert calm["t"] == pytest.approx(60.0)  # (4.0 - 3.0) / 1.0 = z 1
    assert calm["sem"] == pytest.approx(0.5)  # 1.0 * sqrt(1 - .75)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("candidate_id,c1\n", "the file has a header row but no data rows"),
        ("name,c1\nAnna,3\n", "row 1: the required column 'candidate_id' is missing"),
        ("candidate_id,c1,zz\nA,3,1\n", "row 1, column zz: not an answer id of tiny-care"),
        ("candidate_id,c1\nA,9\n", "row 2, column c1: 9 is outside 1-5"),
        ("candidate_id,c1\nA,three\n", "row 2, column c1: 'three' is not a number"),
        ("candidate_id,c1\nA,sNaN\n", "row 2, column c1: 'sNaN' is not a number"),
        ("candidate_id,c1\nA,inf\n", "row 2, column c1: 'inf' is not a number"),
        ("candidate_id,c1\nA,2.5\n", "row 2, column c1: '2.5' is not a whole number"),
        ("candidate_id,c1\nA,3\nA,4\n", "row 3, column candidate_id: 'A' repeats row 2"),
    ],
)
def test_bad_responses_exit_2_naming_row_and_column(tmp_path, text, message):
    result = run(*score_args(write_csv(tmp_path, text)))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_normalised_numerals_are_scored(tmp_path):
    text = "candidate_id,c1,c2,c3,c4,c5\nA, 4 ,5.0,\u0662,\uff14,3\n"
    result = run(*score_args(write_csv(tmp_path, text), "--json"))
    assert result.exit_code == 0, result.output
    care_a = json.loads(result.stdout)["candidates"][0]["scales"]["care"]
    assert care_a["raw"] == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--instrument", "no-such-instrument"], "no shipped instrument 'no-such-instrument'"),
        (["--instrument", "missing.yaml"], "missing.yaml"),
    ],
)
def test_bad_instruments_exit_2(tmp_path, args, message):
    responses = write_csv(tmp_path, GOOD)
    result = run("score", *args, "--responses", responses)
    assert result.exit_code == 2
    assert message in result.stderr


def test_invalid_instrument_file_exit_2(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\nversion: 1\n", encoding="utf-8")
    result = run("score", "--instrument", broken, "--responses", write_csv(tmp_path, GOOD))
    assert result.exit_code == 2
    assert "broken.yaml" in result.stderr


def test_role_needs_its_instruments(tmp_path):
    result = run(*score_args(write_csv(tmp_path, GOOD), "--role", ROLE))
    assert result.exit_code == 2
    assert "tiny-judge" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{}", "expected a non-empty list of norms"),
        ("- {scale: calm, source: x, n: 1, mean: 3, sd: 1}", "norm 1, field n: required"),
        (
            "- {scale: calm, source: x, n: 50, mean: 3, sd: -1}",
            "norm 1, field sd: must be positive",
        ),
        ("- {scale: calm, source: x, n: 50, mean: 3}", "norm 1, field sd: required"),
        (
            "- {scale: calm, source: x, n: 50, mean: 3, sd: 1, reliability: 1.2}",
            "norm 1, field reliability: must be a number in [0, 1)",
        ),
        ("- {scale: calm, source: x, n: 50, mean: 3, sd: 1, colour: red}", "field colour"),
        ("[1, 2", "not valid YAML or JSON"),
        (
            "- {scale: clam, source: x, n: 50, mean: 3, sd: 1}",
            "norm 1, field scale: 'clam' is not a scale or facet of tiny-care",
        ),
        ('[{"scale": "calm", "source": "x", "n": 50, "mean": 3, "sd": 1}, 7]', "norm 2: expected"),
    ],
)
def test_bad_norms_file_exit_2(tmp_path, text, message):
    norms = tmp_path / "norms.yaml"
    norms.write_text(text, encoding="utf-8")
    result = run(*score_args(write_csv(tmp_path, GOOD), "--norms", norms))
    assert result.exit_code == 2
    assert message in result.stderr


def test_analyze_matches_the_engine(tmp_path):
    """analyze reports what scale_reliability computes on the keyed items."""
    rng = np.random.default_rng(3)
    n = 50
    trait = rng.normal(size=n)
    rows = ["candidate_id,c1,c2,c3,c4,c5,k1,k2,k3"]
    cols = {}
    for item, key in [("c1", 1), ("c2", 1), ("c3", -1), ("c4", 1), ("c5", 1)]:
        x = np.clip(np.round(3 + key * trait + rng.normal(scale=0.9, size=n)), 1, 5)
        cols[item] = x.astype(int)
    for item in ("k1", "k2", "k3"):
        cols[item] = rng.integers(1, 6, size=n)
    for i in range(n):
        rows.append(f"P{i}," + ",".join(str(cols[c][i]) for c in cols))
    path = write_csv(tmp_path, "\n".join(rows) + "\n")
    result = run("analyze", "--instrument", CARE, "--responses", path, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["instruments"]["tiny-care"]["care"]
    data = read_responses(path, [care()])
    keyed = np.column_stack(
        [
            data.responses[c] if c != "c3" else 6 - data.responses[c]
            for c in ("c1", "c2", "c3", "c4", "c5")
        ]
    )
    direct = scale_reliability(keyed)
    assert report["alpha"] == pytest.approx(direct.alpha)
    assert report["alpha_ci95"] == pytest.approx(list(direct.alpha_ci95))
    assert report["omega"] == pytest.approx(direct.omega)
    assert report["n"] == n and report["k"] == 5
    assert report["items"]["c3"]["key"] == "-"
    assert report["items"]["c3"]["citc"] == pytest.approx(direct.citc[2])
    assert report["items"]["c4"]["alpha_if_deleted"] == pytest.approx(direct.alpha_if_deleted[3])
    assert report["items"]["c1"]["mean"] == pytest.approx(direct.item_mean[0])
    tables = run("analyze", "--instrument", CARE, "--instrument", JUDGE, "--responses", path)
    assert tables.exit_code == 0, tables.output
    assert "alpha" in tables.stdout and "c3" in tables.stdout
