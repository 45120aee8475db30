"""The deployment pieces: the container entrypoint script run directly
against PostgreSQL and Redis, the Dockerfile and compose file naming that
script and the documented variables, and two app instances sharing one
database serving one candidate alternately (nothing kept in memory)."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from assess.store import db
from assess.store.models import Answer, Candidate
from assess.web import create_app
from tests.conftest import _empty_all_tables, service_url
from tests.postgres import scratch_database
from tests.test_production import GOOD_SECRET, free_port, open_when_listening, service_environment
from tests.web.candidate.helpers import CandidateClient
from tests.web.factories import invite

ROOT = Path(__file__).resolve().parents[1]
ENTRYPOINT = "deploy/entrypoint.sh"
CONTAINER_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "ASSESS_BASE_URL",
    "ASSESS_TRUSTED_HOSTS",
    "ASSESS_PROXY_COUNT",
    "ASSESS_WORKERS",
)


def _documented_variables() -> set[str]:
    table = (ROOT / "docs" / "deploy.md").read_text()
    return set(re.findall(r"^\| `([A-Z_]+)`", table, re.MULTILINE))


def test_the_compose_file_and_dockerfile_name_the_script_and_the_variables():
    documented = _documented_variables()
    assert set(CONTAINER_VARIABLES) <= documented
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert set(compose["services"]) == {"app", "worker", "postgres", "redis"}
    for name, command in (("app", "serve"), ("worker", "worker")):
        service = compose["services"][name]
        assert service["entrypoint"] == [f"/app/{ENTRYPOINT}"]
        assert service["command"] == [command]
        assert set(CONTAINER_VARIABLES) <= set(service["environment"])
    assert "--requirepass" in compose["services"]["redis"]["command"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert f'ENTRYPOINT ["/app/{ENTRYPOINT}"]' in dockerfile
    assert f"COPY {ENTRYPOINT}" in dockerfile
    assert "gunicorn.conf.py" in dockerfile
    for variable in CONTAINER_VARIABLES:
        assert variable in dockerfile, f"the Dockerfile does not mention {variable}"
    assert "docs/deploy.md" in (ROOT / "README.md").read_text()
    assert "gunicorn.conf.py" in (ROOT / "README.md").read_text()


@pytest.fixture
def postgres_url():
    with scratch_database(service_url("TEST_DATABASE_URL"), "assess_deploy") as url:
        yield url


@pytest.mark.postgres
@pytest.mark.redis
def test_the_entrypoint_migrates_then_serves_against_postgresql_and_redis(
    tmp_path, postgres_url, redis_url
):
    port = free_port()
    environment = service_environment(
        tmp_path,
        DATABASE_URL=postgres_url,
        REDIS_URL=redis_url,
        SECRET_KEY=GOOD_SECRET,
        ASSESS_BASE_URL="https://assess.example",
        ASSESS_BIND=f"127.0.0.1:{port}",
        ASSESS_WORKERS="1",
    )
    process = subprocess.Popen(
        [str(ROOT / ENTRYPOINT), "serve"],
        env=environment,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in process.stderr:
            if "Booting worker" in line:
                break
        with open_when_listening(
            urllib.request.Request(f"http://127.0.0.1:{port}/readyz")
        ) as ready:
            assert json.load(ready) == {
                "status": "ok",
                "checks": {"database": "ok", "redis": "ok"},
            }
    finally:
        process.terminate()
        process.communicate(timeout=60)
    current = subprocess.run(
        ["assess", "db", "current"], env=environment, capture_output=True, text=True, check=True
    )
    assert re.fullmatch(r"\w+( \(head\))?\n?", current.stdout.strip() + "\n")


@pytest.mark.postgres
@pytest.mark.redis
def test_the_entrypoint_migrates_then_runs_a_worker(tmp_path, postgres_url, redis_url):
    environment = service_environment(
        tmp_path, DATABASE_URL=postgres_url, REDIS_URL=redis_url, SECRET_KEY=GOOD_SECRET
    )
    result = subprocess.run(
        [str(ROOT / ENTRYPOINT), "worker", "--burst"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "database at revision" in result.stdout


def test_the_worker_needs_redis(tmp_path):
    result = subprocess.run(
        [str(ROOT / ENTRYPOINT), "worker"],
        env=service_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "needs REDIS_URL" in result.stderr


class Alternating:
    """One browser whose requests go to two app instances in turn: the
    session cookie is carried from one to the other."""

    def __init__(self, *apps):
        self.clients = [app.test_client() for app in apps]
        self.requests = 0
        self.cookie: str | None = None

    def get(self, *args, **kwargs):
        return self._send("get", *args, **kwargs)

    def post(self, *args, **kwargs):
        return self._send("post", *args, **kwargs)

    def _send(self, method, *args, **kwargs):
        client = self.clients[self.requests % len(self.clients)]
        self.requests += 1
        if self.cookie is None:
            client.delete_cookie("session")
        else:
            client.set_cookie("session", self.cookie)
        response = getattr(client, method)(*args, **kwargs)
        cookie = client.get_cookie("session")
        self.cookie = cookie.value if cookie else None
        return response


def test_two_app_instances_sharing_one_database_serve_one_candidate_alternately(
    database_url, tmp_path
):
    config = {
        "TESTING": True,
        "SECRET_KEY": "shared-secret",
        "DATABASE_URL": database_url,
        "BASE_URL": "http://assess.test",
    }
    first, second = create_app(dict(config)), create_app(dict(config))
    try:
        with first.app_context():
            candidate, token = invite(db.session)
            candidate_id = candidate.id
        browser = CandidateClient(Alternating(first, second))
        instructions = browser.start(token)
        assert instructions.status_code == 200
        total = browser.answer_all("4")
        assert browser.submit().status_code == 302
        assert browser.client.requests > 2 * total
        with second.app_context():
            assert db.session.get(Candidate, candidate_id).status == "completed"
            values = db.session.scalars(
                select(Answer.value).where(Answer.candidate_id == candidate_id)
            ).all()
            assert len(values) > total and set(values) == {4}
    finally:
        for app in (first, second):
            with app.app_context():
                if app is first:
                    _empty_all_tables()
                db.remove()
                db.engine().dispose()
