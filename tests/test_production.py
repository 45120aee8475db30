"""Production mode: the app refuses an unsafe configuration and says why,
and the shipped gunicorn configuration serves the app (a real gunicorn on a
loopback port) with JSON log lines."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from assess.web import create_app
from assess.web.config import ProductionConfigError

ROOT = Path(__file__).resolve().parents[1]
GOOD_SECRET = "0123456789abcdef" * 4


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    for name in ("SECRET_KEY", "ASSESS_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "FLASK_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSESS_INSTANCE_PATH", str(tmp_path / "instance"))
    return {"PRODUCTION": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}"}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"BASE_URL": "https://assess.example"}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "changeme", "BASE_URL": "https://a.example"}, "placeholder"),
        ({"SECRET_KEY": "short", "BASE_URL": "https://a.example"}, "shorter than 32"),
        ({"SECRET_KEY": GOOD_SECRET, "BASE_URL": "http://a.example"}, "must be the https://"),
        (
            {"SECRET_KEY": GOOD_SECRET, "BASE_URL": "https://a.example", "DEBUG": True},
            "debug",
        ),
    ],
)
def test_an_unsafe_production_configuration_is_refused_with_the_reason(
    production_env, changes, reason
):
    with pytest.raises(ProductionConfigError, match=reason):
        create_app({**production_env, **changes})


def test_every_reason_is_listed_at_once(production_env):
    with pytest.raises(ProductionConfigError) as refused:
        create_app({**production_env, "BASE_URL": "http://a.example", "DEBUG": True})
    message = str(refused.value)
    assert "SECRET_KEY" in message and "debug" in message and "BASE_URL" in message


def test_a_safe_production_configuration_starts(production_env):
    app = create_app({**production_env, "SECRET_KEY": GOOD_SECRET, "BASE_URL": "https://a.ex"})
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    app.extensions["assess.engine"].dispose()


def test_commands_report_the_reason_without_a_traceback(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from assess.cli import cli

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ASSESS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ASSESS_PRODUCTION", "true")
    monkeypatch.setenv("ASSESS_BASE_URL", "http://a.example")
    result = CliRunner().invoke(cli, ["db", "current"])
    assert result.exit_code == 1
    assert "refusing to start in production" in result.output
    assert "Traceback" not in result.output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_environment(tmp_path, **values) -> dict[str, str]:
    """This process's environment without any assess setting, the venv's
    commands first on ``PATH``, an instance folder in ``tmp_path`` and
    ``values``: what a freshly configured host would have."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ASSESS_", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"))
    }
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment.update(ASSESS_INSTANCE_PATH=str(tmp_path), **values)
    return environment


def _gunicorn(tmp_path, **env):
    return subprocess.Popen(
        ["gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=tmp_path,
        env=service_environment(tmp_path, ASSESS_WORKERS="1", **env),
        stderr=subprocess.PIPE,
        text=True,
    )


def test_gunicorn_refuses_to_start_with_an_unsafe_configuration(tmp_path):
    process = _gunicorn(tmp_path, ASSESS_BASE_URL="http://a.example")
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "refusing to start in production" in stderr
    assert "SECRET_KEY is not set" in stderr


def test_gunicorn_serves_the_app_with_json_logs(tmp_path):
    port = free_port()
    process = _gunicorn(
        tmp_path,
        ASSESS_BASE_URL="https://assess.example",
        SECRET_KEY=GOOD_SECRET,
        ASSESS_BIND=f"127.0.0.1:{port}",
    )
    try:
        for line in process.stderr:  # blocks until the worker has booted
            if "Booting worker" in line:
                assert json.loads(line)["logger"] == "gunicorn.error"  # gunicorn's too
                break
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "probe-1"}
        )
        with open_when_listening(request) as response:
            assert json.load(response) == {"status": "ok"}
            assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        process.terminate()
        _, rest = process.communicate(timeout=60)
    logged = [json.loads(line) for line in rest.splitlines() if line.startswith("{")]
    requests = [entry for entry in logged if entry.get("message") == "request"]
    assert len(requests) == 1  # one line, not one per handler
    assert {"request_id": "probe-1", "path": "/healthz", "status": 200}.items() <= (
        requests[0].items()
    )


def open_when_listening(request, attempts: int = 200):
    """The worker prints its boot line just before it accepts connections."""
    for _ in range(attempts):
        try:
            return urllib.request.urlopen(request, timeout=10)  # noqa: S310 (loopback)
        except ConnectionRefusedError:
            continue
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError):
                raise
    raise AssertionError("gunicorn did not accept connections")
