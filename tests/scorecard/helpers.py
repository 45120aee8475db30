"""The small test instruments and role of these tests, and CSV helpers."""

from __future__ import annotations

from pathlib import Path

import questionnaires

DATA = Path(__file__).parent / "data"
CARE = DATA / "tiny-care.yaml"
JUDGE = DATA / "tiny-judge.yaml"
ROLE = DATA / "tiny-role.yaml"


def care():
    return questionnaires.load(CARE)


def judge():
    return questionnaires.load(JUDGE)


def role():
    return questionnaires.load_role(ROLE, {"tiny-care": care(), "tiny-judge": judge()})


def write_csv(tmp_path: Path, text: str, name: str = "input.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
