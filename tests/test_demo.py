"""``assess demo --no-serve``: a fresh database (SQLite, or the PostgreSQL
in DATABASE_URL) migrated by Alembic,
the demo organisation with its logins, simulated candidates scored against
norms labelled SIMULATED, and every report written; twice in a row."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from assess.cli import cli
from assess.commands.demo_data import NAMES, ORGANISATION
from assess.store.db import make_engine
from assess.store.models import Candidate, Organisation, Rating, ScoreRecord, User
from tests.conftest import service_url
from tests.postgres import scratch_database
from tests.reports.pdf import flat, full_text


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_env(request, tmp_path, monkeypatch):
    """An empty database (no tables: the demo runs the migrations) named by
    DATABASE_URL, as on a fresh machine or a fresh PostgreSQL."""
    monkeypatch.setenv("SECRET_KEY", "demo-test-secret")
    monkeypatch.setenv("ASSESS_ARGON2_PROFILE", "CHEAPEST")
    monkeypatch.delenv("REDIS_URL", raising=False)
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
        monkeypatch.setenv("DATABASE_URL", url)
        yield url
        return
    with scratch_database(service_url("TEST_DATABASE_URL"), "assess_demo") as url:
        monkeypatch.setenv("DATABASE_URL", url)
        yield url


def _run(out):
    result = CliRunner().invoke(cli, ["demo", "--no-serve", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_demo_twice_writes_every_report(demo_env, tmp_path):
    out = tmp_path / "demo-output"
    _run(out)
    stdout = _run(out)  # again: the demo organisation is replaced, not duplicated

    logins = re.findall(r"^\s+(recruiter|panel)\s+(\S+@\S+)\s+password: (\S+)$", stdout, re.M)
    assert [role for role, _e, _p in logins] == ["recruiter", "panel", "panel"]
    assert re.search(r"http://127\.0\.0\.1:5000/c/[A-Za-z0-9_-]{20,}", stdout)

    written = [line.strip() for line in stdout.splitlines() if line.strip().endswith(".pdf")]
    assert len(written) == len(NAMES) + 2
    assert all((out / name.split("/")[-1]).exists() for name in written)
    assert len(list(out.glob("candidate-report_*.pdf"))) == len(NAMES)

    report = flat(full_text(next(out.glob("candidate-report_Vaino-Aijala_*.pdf")).read_bytes()))
    assert "Väinö Äijälä" in report and "SIMULATED" in report
    pack = flat(full_text(next(out.glob("panel-pack_*.pdf")).read_bytes()))
    assert "SIMULATED" in pack
    assert all(name in pack for name in ("Aino Mäkinen", "Nguyễn Thị Lan", "Ольга Смирнова"))
    items = flat(full_text(next(out.glob("item-analysis_*.pdf")).read_bytes()))
    assert "SIMULATED" in items

    engine = make_engine(demo_env)
    with engine.connect() as connection:
        count = lambda model: connection.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert connection.scalar(select(func.count()).where(Organisation.name == ORGANISATION)) == 1
        assert count(User) == 3
        assert count(Candidate) == len(NAMES) + 1  # and the invitation to try
        assert count(ScoreRecord) == len(NAMES)
        raters = connection.scalar(select(func.count(func.distinct(Rating.user_id))))
        assert raters == 2
        sources = {row.norm_basis for row in connection.execute(select(ScoreRecord.norm_basis))}
        assert sources and all("SIMULATED" in source for source in sources)
    engine.dispose()
