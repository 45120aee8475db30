"""Browser-test fixtures: headless Chromium through Playwright, and the app
served for real on a loopback port with a fresh, migrated SQLite database.

Without a Chromium binary the browser tests skip on a laptop and fail in
CI (``CI=true``), like the service fixtures in ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from assess.store import db
from assess.store.migrations import upgrade
from assess.web import create_app

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERIOUS = ("serious", "critical")


def chromium_path() -> str:
    """The Chromium binary, or skip (fail in CI) when there is none."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(path).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {path}; set CHROMIUM_PATH in CI")
        pytest.skip(f"Chromium not found at {path}")
    return path


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """One headless Chromium for the whole run."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class LiveServer:
    app: Flask
    url: str

    def app_context(self):
        return self.app.app_context()


@pytest.fixture
def live_server(tmp_path) -> Iterator[LiveServer]:
    """The app on ``http://127.0.0.1:<free port>`` with its own migrated SQLite."""
    database_url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    upgrade(database_url)
    app = create_app(
        {
            "SECRET_KEY": "browser-test-secret",
            "DATABASE_URL": database_url,
            "BASE_URL": "http://127.0.0.1",
        }
    )
    app.instance_path = str(tmp_path)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = url
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, url)
    finally:
        server.shutdown()
        thread.join(10)
        with app.app_context():
            db.engine().dispose()


@pytest.fixture
def page(chromium) -> Iterator:
    """A fresh browser context (no cookies) at phone width, and its page."""
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, readable."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
