"""assess fairness on a hand-made table of decisions."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from scipy.stats import fisher_exact

from assess.cli import cli
from tests.scorecard.helpers import write_csv


def decisions_csv() -> str:
    """20 women (6 selected), 30 men (18 selected), one person of group 'x'
    (1 of 51 with a known gender = 1.96%, under the default 2%: left out), and
    two people with no gender given (unknown)."""
    rows = ["candidate_id,gender,shift,selected,score"]
    number = 0

    def add(gender, shift, selected, score):
        nonlocal number
        number += 1
        rows.append(f"{number},{gender},{shift},{selected},{score}")

    for i in range(20):
        add("f", "night" if i % 2 else "day", "yes" if i < 6 else "no", i)
    for i in range(30):
        add("m", "night" if i % 2 else "day", 1 if i < 18 else 0, 10 + i)
    add("x", "day", "true", 50)
    add("", "night", "false", 5)
    add("", "day", "0", 6)
    return "\n".join(rows) + "\n"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def test_selection_rates_and_four_fifths(tmp_path):
    """By hand: women 6/20 = .30, men 18/30 = .60, impact ratio .30/.60 = .50 < .8;
    Fisher p cross-checked with scipy.stats.fisher_exact on [[6, 14], [18, 12]]."""
    path = write_csv(tmp_path, decisions_csv())
    result = run("fairness", "--decisions", path, "--group", "gender", "--selected", "selected",
                 "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outcome"] == "selected"
    (gender,) = data["analyses"]
    assert gender["reference"] == "m"
    assert gender["unknown"] == 2
    assert gender["excluded"] == ["x"]
    women = next(g for g in gender["groups"] if g["group"] == "f")
    assert (women["n"], women["selected"]) == (20, 6)
    assert women["rate"] == pytest.approx(0.30)
    assert women["impact_ratio"] == pytest.approx(0.50)
    assert women["four_fifths"] is True
    assert women["fisher_p"] == pytest.approx(fisher_exact([[6, 14], [18, 12]])[1])
    men = next(g for g in gender["groups"] if g["group"] == "m")
    assert men["reference"] is True and men["fisher_p"] is None


def test_intersection_and_tables(tmp_path):
    path = write_csv(tmp_path, decisions_csv())
    args = ["fairness", "--decisions", path, "--group", "gender", "--group", "shift"]
    result = run(*args, "--selected", "selected", "--min-share", "0", "--json")
    assert result.exit_code == 0, result.output
    analyses = json.loads(result.stdout)["analyses"]
    assert [a["columns"] for a in analyses] == [["gender"], ["shift"], ["gender", "shift"]]
    crossed = {g["group"]: g for g in analyses[2]["groups"]}
    # Women on days are i = 0, 2, ..., 18: 10 people, selected i < 6: 0, 2, 4.
    assert (crossed["f × day"]["n"], crossed["f × day"]["selected"]) == (10, 3)
    assert "x × day" in crossed  # min-share 0 keeps the single person
    tables = run(*args, "--selected", "selected")
    assert tables.exit_code == 0
    assert "below 4/5" in tables.stdout and "Groups: gender x shift" in tables.stdout


def test_scoring_rate(tmp_path):
    """By hand: 26 of the 53 scores (0..19, 10..39, 50, 5, 6) are at most 16, so
    the median (27th) is 17; strictly above it are women 18, 19 (2 of 20) and
    men 18..39 (22 of 30)."""
    path = write_csv(tmp_path, decisions_csv())
    result = run("fairness", "--decisions", path, "--group", "gender", "--score", "score",
                 "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    (gender,) = json.loads(result.stdout)["analyses"]
    assert gender["median"] == 17.0
    groups = {g["group"]: g for g in gender["groups"]}
    assert groups["f"]["selected"] == 2 and groups["m"]["selected"] == 22
    assert groups["f"]["impact_ratio"] == pytest.approx((2 / 20) / (22 / 30))


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        ("gender,selected\nf,maybe\n", ["--selected", "selected"],
         "row 2, column selected: 'maybe' is not 0/1, yes/no or true/false"),
        ("gender,score\nf,high\n", ["--score", "score"],
         "row 2, column score: 'high' is not a number"),
        ("gender,score\nf,\n", ["--score", "score"], "row 2, column score: blank"),
        ("sex,selected\nf,1\n", ["--selected", "selected"],
         "row 1: the required column 'gender' is missing"),
        ("gender,selected,score\nf,1,2\n", ["--selected", "selected", "--score", "score"],
         "give exactly one of --selected COL or --score COL"),
        ("gender,selected\nf,1\n", [], "give exactly one of --selected COL or --score COL"),
        ("gender,selected\nf,1\n", ["--selected", "selected", "--min-share", "1.5"],
         "--min-share must be in [0, 1)"),
    ],
)  # fmt: skip
def test_bad_decisions_exit_2(tmp_path, text, args, message):
    path = write_csv(tmp_path, text)
    result = run("fairness", "--decisions", path, "--group", "gender", *args)
    assert result.exit_code == 2
    assert message in result.stderr
