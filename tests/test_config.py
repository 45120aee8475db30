"""Where configuration and the default database come from."""

from __future__ import annotations

import pytest

from assess.web import create_app


@pytest.fixture
def plain_environment(monkeypatch):
    for name in ("DATABASE_URL", "SECRET_KEY", "ASSESS_INSTANCE_PATH", "ASSESS_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def test_default_database_and_secret_live_in_instance_under_the_working_directory(
    plain_environment, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    app = create_app()
    assert app.instance_path == str(tmp_path / "instance")
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'instance' / 'assess.sqlite'}"
    secret = (tmp_path / "instance" / "secret_key").read_text()
    assert app.config["SECRET_KEY"] == secret and len(secret) == 64
    assert create_app().config["SECRET_KEY"] == secret  # made once, then reused


def test_instance_path_and_assess_variables_come_from_the_environment(
    plain_environment, monkeypatch, tmp_path
):
    monkeypatch.setenv("ASSESS_INSTANCE_PATH", str(tmp_path / "data"))
    monkeypatch.setenv("ASSESS_BASE_URL", "https://assess.example.org")
    app = create_app()
    assert app.config["DATABASE_URL"].endswith("/data/assess.sqlite")
    assert app.config["BASE_URL"] == "https://assess.example.org"
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_a_test_mapping_wins_over_the_environment(plain_environment, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://ignored/db")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}", "SECRET_KEY": "k"})
    assert app.config["DATABASE_URL"].endswith("x.sqlite")
