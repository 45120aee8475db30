"""``assess report``: straight from a CSV of answers (one PDF per row and a
panel pack; bad rows named with their column, exit 2), and from stored
results by candidate or campaign id."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.commands.demo_data import simulated_answers
from tests.reports.pdf import flat, full_text

INSTRUMENTS = ["--instrument", "service-composure", "--instrument", "service-judgement"]
NAMES = ("Aino Mäkinen", "Nguyễn Thị Lan", "Ольга Смирнова")


def _write_csv(path, names=NAMES, *, broken: dict[tuple[int, str], str] | None = None):
    columns = simulated_answers(len(names), np.random.default_rng(3))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["candidate_id", "name", *columns])
        for i, name in enumerate(names):
            cells = ["" if np.isnan(v[i]) else str(int(v[i])) for v in columns.values()]
            for (row, column), value in (broken or {}).items():
                if row == i:
                    cells[list(columns).index(column)] = value
            writer.writerow([f"C{i + 1}", name, *cells])
    return path


def test_csv_gives_one_report_per_row_and_a_panel_pack(tmp_path):
    source = _write_csv(tmp_path / "paper-answers.csv")
    out = tmp_path / "pdfs"
    args = ["report", *INSTRUMENTS, "--responses", str(source), "--role", "airport-agent-night"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 4
    assert [f for f in files if f.startswith("panel-pack_paper-answers_")]
    for name, slug in zip(NAMES, ("Aino-Makinen", "Nguyen-Thi-Lan", "Olga-Smirnova"), strict=True):
        (report,) = [p for p in out.iterdir() if p.name.startswith(f"candidate-report_{slug}_")]
        assert name in flat(full_text(report.read_bytes()))
        assert str(report) in result.stdout
    pack = next(out.glob("panel-pack_*.pdf")).read_bytes()
    text = flat(full_text(pack))
    assert all(name in text for name in NAMES)


def test_a_bad_csv_names_row_and_column_and_exits_2(tmp_path):
    source = _write_csv(tmp_path / "answers.csv", broken={(1, "so01"): "9", (2, "sj13.a"): "x"})
    result = CliRunner().invoke(
        cli, ["report", *INSTRUMENTS, "--responses", str(source), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "row 3" in result.stderr and "so01" in result.stderr
    assert "row 4" in result.stderr and "sj13.a" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_missing_options_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["report", *INSTRUMENTS, "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--responses" in result.stderr


@pytest.fixture
def invoke(app):
    runner = app.test_cli_runner()

    def run(*args):
        with app.app_context():
            return runner.invoke(cli, list(args))

    return run


def test_stored_candidate_report(invoke, scored, tmp_path):
    out = tmp_path / "one.pdf"
    result = invoke("report", "candidate", str(scored.candidate_ids[1]), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Väinö Äijälä" in flat(full_text(out.read_bytes()))


def test_stored_panel_pack_shows_progress(invoke, scored, tmp_path):
    out = tmp_path / "pack.pdf"
    result = invoke(
        "report", "panel", str(scored.campaign_id), "--out", str(out), "--language", "fi"
    )
    assert result.exit_code == 0, result.output
    assert f"Preparing {len(scored.candidate_ids)}/{len(scored.candidate_ids)}" in result.stderr
    assert "Юлия Иванова" in flat(full_text(out.read_bytes()))


def test_unknown_candidate_exits_2(invoke, scored, tmp_path):
    result = invoke("report", "candidate", "999999", "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "no candidate 999999" in result.stderr
