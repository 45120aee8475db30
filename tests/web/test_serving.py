"""Serving for real: security headers on every response, health and
readiness endpoints, JSON log lines with a request id, and no inline script
or style in any template (the CSP would block it in a browser)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

import assess.web
from assess.store import db
from assess.web import create_app
from assess.web.request_log import masked_path
from assess.web.security import CONTENT_SECURITY_POLICY
from tests.web.factories import invite

WEB = Path(assess.web.__file__).parent
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)


def test_policy_is_the_required_one():
    for part in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert part in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "template", sorted(WEB.rglob("templates/**/*.html")), ids=lambda p: str(p.relative_to(WEB))
)
def test_no_template_has_inline_script_style_or_handlers(template):
    assert INLINE.findall(template.read_text()) == []


@pytest.fixture
def token(session):
    return invite(session)[1]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/staff/login", 200),
        ("/recruiter/", 302),
        ("/no/such/page", 404),
        ("/c/not-a-token", 404),
        ("/healthz", 200),
    ],
)
def test_every_response_carries_the_security_headers(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    headers = response.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in headers  # the test app is http
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])


def test_candidate_pages_are_not_stored(client, token):
    client.get(f"/c/{token}")
    landing = client.get("/c/")
    assert landing.status_code == 200
    assert landing.headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached_but_not_sniffed(client):
    with client.get("/static/assess.css") as response:
        assert response.status_code == 200
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers.get("Cache-Control") != "no-store"
        assert ".staff-nav ul" in response.text  # the staff layout's rules live here now


@pytest.fixture
def https_app(database_url):
    """``https_app(**config)``: an app served at an https base URL; its
    connections are closed at teardown."""
    made = []

    def make(**config):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret",
                "DATABASE_URL": database_url,
                "BASE_URL": "https://assess.example",
                **config,
            }
        )
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.engine().dispose()


def test_https_adds_hsts_and_the_host_prefixed_cookie(https_app):
    app = https_app()
    response = app.test_client().get("/staff/login", base_url="https://assess.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


def test_csrf_referrer_check_passes_over_https_with_a_same_origin_referer(https_app):
    """``Referrer-Policy: same-origin`` still sends the Referer Flask-WTF
    requires over https; a post without it is refused (400)."""
    app = https_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/staff/login", base_url="https://assess.example")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    data = {"csrf_token": token, "email": "nobody@example.org", "password": "x"}
    same_origin = client.post(
        "/staff/login",
        data=data,
        base_url="https://assess.example",
        headers={"Referer": "https://assess.example/staff/login"},
    )
    missing = client.post("/staff/login", data=data, base_url="https://assess.example")
    assert same_origin.status_code == 200
    assert "not right" in same_origin.text
    assert missing.status_code == 400


def test_unknown_hosts_are_refused_when_trusted_hosts_are_configured(https_app):
    app = https_app(TRUSTED_HOSTS="assess.example, assess.internal")
    client = app.test_client()
    assert client.get("/healthz", base_url="https://assess.example").status_code == 200
    assert client.get("/healthz", base_url="https://assess.internal").status_code == 200
    refused = client.get("/healthz", base_url="https://evil.example")
    assert refused.status_code == 400
    assert refused.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_behind_a_proxy_the_client_address_comes_from_x_forwarded_for(https_app):
    app = https_app(PROXY_COUNT=1)
    seen = []
    app.before_request(lambda: seen.append(__import__("flask").request.remote_addr))
    app.test_client().get(
        "/healthz", headers={"X-Forwarded-For": "203.0.113.7"}, base_url="https://assess.example"
    )
    assert seen == ["203.0.113.7"]


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json == {"status": "ok", "checks": {"database": "ok"}}


def test_readyz_checks_redis_when_configured(app, client, redis_url):
    app.config["REDIS_URL"] = redis_url
    assert client.get("/readyz").json["checks"] == {"database": "ok", "redis": "ok"}


def test_readyz_is_503_with_a_reason_when_redis_is_down(app, client):
    app.config["REDIS_URL"] = "redis://127.0.0.1:9/0"  # discard port: nothing listens
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["reason"] == "redis unreachable"
    assert response.json["checks"]["database"] == "ok"


def test_readyz_is_503_when_the_database_is_unreachable(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.sqlite'}",
        }
    )
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["reason"] == "database unreachable"
    assert client_free_of_details(response.text)


def client_free_of_details(body: str) -> bool:
    return "sqlite" not in body.lower() and "Error" not in body


def test_request_ids_are_honoured_or_generated(client):
    given = client.get("/healthz", headers={"X-Request-ID": "lb-1234.abc"})
    assert given.headers["X-Request-ID"] == "lb-1234.abc"
    hostile = client.get("/healthz", headers={"X-Request-ID": 'x" {"level":"x"}'})
    assert re.fullmatch(r"[0-9a-f]{32}", hostile.headers["X-Request-ID"])


def test_each_request_logs_one_json_line_with_the_token_masked(client, token, caplog):
    from assess.web.request_log import JsonLines

    caplog.set_level(logging.INFO, logger="assess")
    client.get(f"/c/{token}", headers={"X-Request-ID": "req-42"})
    client.post("/c/page/1", data={"a_sc01": "5", "secret_answer": "my answer"})
    lines = [JsonLines().format(r) for r in caplog.records if r.name == "assess.requests"]
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert "\n" not in lines[0]
    assert first["request_id"] == "req-42"
    assert first["path"] == "/c/[masked]" and first["status"] == 302
    assert token not in "".join(lines)
    assert second["method"] == "POST" and second["path"] == "/c/page/1"
    assert "my answer" not in "".join(lines)


def test_masked_path_hides_token_like_segments_only():
    token = "A" * 43
    assert masked_path(f"/c/{token}") == "/c/[masked]"
    assert masked_path(f"/c/{token}/more") == "/c/[masked]/more"
    assert masked_path("/recruiter/candidates/12/report.pdf") == (
        "/recruiter/candidates/12/report.pdf"
    )


@pytest.mark.parametrize(
    ("message", "unavailable"),
    [
        ("database is locked", True),
        ("unable to open database file", True),
        ("no such table: x", False),
    ],
)
def test_only_an_unreachable_or_busy_database_is_a_503(message, unavailable):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from assess.web.errors import database_unavailable

    error = OperationalError("SELECT 1", {}, sqlite3.OperationalError(message))
    assert database_unavailable(error) is unavailable
