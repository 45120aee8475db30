"""The CSV readers: every bad input is named by row and column, never a crash."""

from __future__ import annotations

import math

import numpy as np
import pytest

from assess.commands.responses_csv import (
    ResponsesError,
    parse_number,
    parse_whole_number,
    read_decisions,
    read_ratings,
    read_responses,
)
from tests.scorecard.helpers import care, judge, write_csv


def problems_of(path, reader=None, **kwargs) -> list[str]:
    with pytest.raises(ResponsesError) as caught:
        if reader is None:
            read_responses(path, [care(), judge()])
        else:
            reader(path, **kwargs)
    return caught.value.problems


def test_reads_answers_names_and_blanks(tmp_path):
    path = write_csv(
        tmp_path,
        "candidate_id,name,c1,c3,s1.a\nA1,Anna,4,2,5\nB2,,,1,\n",
    )
    data = read_responses(path, [care(), judge()])
    assert data.candidate_ids == ["A1", "B2"]
    assert data.names == ["Anna", None]
    np.testing.assert_array_equal(data.responses["c1"], [4.0, np.nan])
    np.testing.assert_array_equal(data.responses["c3"], [2.0, 1.0])
    np.testing.assert_array_equal(data.responses["s1.a"], [5.0, np.nan])


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("3.0", 3),
        (" 4 ", 4),
        ("+2", 2),
        ("0004", 4),
        ("5,00", 5),
        ("\uff14", 4),  # full-width four
        ("\u0663", 3),  # Arabic-Indic three
        ("\u06f5", 5),  # extended Arabic-Indic (Persian) five
        ("", None),
        ("   ", None),
    ],
)
def test_whole_numbers_are_normalised(cell, value):
    assert parse_whole_number(cell) == value


@pytest.mark.parametrize(
    "cell",
    [
        "nan",
        "NaN",
        "sNaN",
        "inf",
        "-inf",
        "Infinity",
        "3.5",
        "agree",
        "4 5",
        "1e0",
        "0x3",
        "1" * 400,
    ],
)
def test_odd_numerals_are_errors(cell):
    with pytest.raises(ValueError):
        parse_whole_number(cell)


@pytest.mark.parametrize("cell", ["nan", "inf", "1e999", "x", "--1"])
def test_decimal_cells_reject_non_numbers(cell):
    with pytest.raises(ValueError):
        parse_number(cell)


def test_decimal_cells_accept_comma_and_exponent():
    assert parse_number("3,5") == 3.5
    assert parse_number(" 2.5e1 ") == 25.0
    assert parse_number("") is None
    assert math.isclose(parse_number("\uff13.\uff15"), 3.5)


def test_every_problem_is_listed_with_row_and_column(tmp_path):
    path = write_csv(
        tmp_path,
        "candidate_id,c1,c2,zz9\nA1,6,agree,1\nA2,nan,3.5,1\nA1,2,2,1\n",
    )
    problems = problems_of(path)
    assert "row 1, column zz9: not an answer id of tiny-care, tiny-judge" in problems
    assert "row 2, column c1: 6 is outside 1-5" in problems
    assert any(p.startswith("row 2, column c2: 'agree' is not a number") for p in problems)
    assert any(p.startswith("row 3, column c1: 'nan' is not a number") for p in problems)
    assert "row 3, column c2: '3.5' is not a whole number" in problems
    assert "row 4, column candidate_id: 'A1' repeats row 2" in problems


def test_scenario_options_use_the_effectiveness_range(tmp_path):
    path = write_csv(tmp_path, "candidate_id,s1.a,s2.e\nA1,0,1\n")
    problems = problems_of(path)
    assert "row 2, column s1.a: 0 is outside 1-5" in problems
    assert any(p.startswith("row 1, column s2.e: not an answer id") for p in problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty: expected a header row and data rows"),
        ("\n\n", "the file is empty: expected a header row and data rows"),
        ("candidate_id,c1\n", "the file has a header row but no data rows"),
        ("id,c1\nA1,3\n", "row 1: the required column 'candidate_id' is missing"),
        ("candidate_id,c1,c1\nA1,3,3\n", "row 1, column c1: the column appears twice"),
        ("candidate_id,c1\nA1,3,4\n", "row 2: has 3 cells but the header has 2"),
        ("candidate_id,c1\n,3\n", "row 2, column candidate_id: blank"),
        ('candidate_id,c1\n"A1,3\n', None),
    ],
)
def test_file_level_problems(tmp_path, text, expected):
    problems = problems_of(write_csv(tmp_path, text))
    if expected is None:
        assert problems and "CSV" in problems[0]
    else:
        assert expected in problems


def test_non_utf8_and_binary_files_are_reported(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("candidate_id,name\nA1,Jyv\xe4skyl\xe4\n".encode("latin-1"))
    assert "not UTF-8" in problems_of(latin)[0]
    binary = tmp_path / "book.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00")
    assert "NUL" in problems_of(binary)[0]


def test_bom_and_semicolons_are_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffcandidate_id;c1;c2\nA1;4;5\n".encode())
    data = read_responses(path, [care()])
    assert data.candidate_ids == ["A1"]
    assert data.responses["c2"][0] == 5.0


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    assert "cannot read the file" in problems_of(tmp_path / "absent.csv")[0]


def test_ratings_reader(tmp_path):
    ok = write_csv(tmp_path, "candidate_id,rater_id,rating\nA,r1,4\nA,r2,3.5\nB,r1,\n")
    ratings = read_ratings(ok)
    assert ratings.candidate_ids == ["A", "A", "B"]
    np.testing.assert_array_equal(ratings.ratings, [4.0, 3.5, np.nan])
    bad = write_csv(
        tmp_path,
        "candidate_id,rater_id,rating,notes\nA,r1,good,x\nA,r1,3,x\n,r2,nan,x\n",
        "bad.csv",
    )
    problems = problems_of(bad, read_ratings)
    assert (
        "row 1, column notes: unknown column (expected candidate_id, rater_id, rating)" in problems
    )
    assert any(p.startswith("row 2, column rating: 'good' is not a number") for p in problems)
    assert "row 3, column rater_id: 'r1' already rated 'A' in row 2" in problems
    assert "row 4, column candidate_id: blank" in problems
    assert any(p.startswith("row 4, column rating: 'nan'") for p in problems)
    missing = write_csv(tmp_path, "candidate_id,rating\nA,3\n", "missing.csv")
    assert "row 1: the required column 'rater_id' is missing" in problems_of(missing, read_ratings)


def test_decisions_reader(tmp_path):
    path = write_csv(
        tmp_path,
        "candidate_id,gender,selected,score\n1,f,yes,3.5\n2,,0,2\n3,m,TRUE,4\n4,m,Ei,1\n",
    )
    data = read_decisions(path, ["gender"], selected="selected")
    assert data.groups["gender"] == ["f", "", "m", "m"]
    np.testing.assert_array_equal(data.selected, [True, False, True, False])
    data = read_decisions(path, ["gender"], score="score")
    np.testing.assert_array_equal(data.score, [3.5, 2.0, 4.0, 1.0])
    bad = write_csv(tmp_path, "gender,selected\nf,maybe\nm,\n", "bad.csv")
    problems = problems_of(bad, read_decisions, groups=["gender"], selected="selected")
    assert "row 2, column selected: 'maybe' is not 0/1, yes/no or true/false" in problems
    assert "row 3, column selected: blank (expected 0/1, yes/no or true/false)" in problems
    problems = problems_of(bad, read_decisions, groups=["age"], score="points")
    assert "row 1: the required column 'age' is missing" in problems
    assert "row 1: the required column 'points' is missing" in problems


def test_error_message_lists_problems():
    error = ResponsesError([f"row {i}, column c1: bad" for i in range(2, 60)], "x.csv")
    text = str(error)
    assert text.startswith("x.csv: 58 problem(s)")
    assert "row 2, column c1: bad" in text
    assert "... and 8 more" in text
