"""Redis stopped and started under a running app: /readyz says so (503
naming Redis) and recovers by itself, and the candidate's questionnaire,
which never needs Redis, goes on. A throwaway redis-server on a loopback
port of its own; the shared one is never touched."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.test_production import free_port
from tests.web.candidate.helpers import CandidateClient
from tests.web.factories import invite

pytestmark = pytest.mark.redis


class ThrowawayRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in self.process.stdout:  # blocks until the server accepts connections
            if "Ready to accept connections" in line:
                return
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.communicate(timeout=30)
            self.process = None


@pytest.fixture
def throwaway_redis() -> Iterator[ThrowawayRedis]:
    redis = ThrowawayRedis()
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()


def test_readyz_follows_redis_down_and_up_while_candidates_go_on(app, session, throwaway_redis):
    app.config["REDIS_URL"] = throwaway_redis.url
    _, token = invite(session)
    client = app.test_client()
    assert client.get("/readyz").status_code == 200

    browser = CandidateClient(app.test_client())
    browser.start(token)
    throwaway_redis.stop()
    down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json["reason"] == "redis unreachable"
    assert browser.answer(1, "4").status_code == 302  # answering needs no Redis

    throwaway_redis.start()
    assert client.get("/readyz").json == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok"},
    }
