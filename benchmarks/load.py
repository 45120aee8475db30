"""Whole questionnaires under load against gunicorn with PostgreSQL.

``--candidates`` simulated candidates (default 200) each open their link,
consent, answer every page (one in five goes back a page and changes its
answers, one in five closes the browser halfway and resumes from the link)
and submit, all at once; meanwhile ``--recruiters`` (default 20) sign in and
browse the campaign and its results until the candidates are done. The app
runs under the shipped ``gunicorn.conf.py`` (production mode) on a loopback
port, on a PostgreSQL database of its own made next to ``TEST_DATABASE_URL``
and dropped afterwards.

Afterwards it checks: every answer a client last sent for an item is in
the database exactly once with that value, every candidate has exactly one
submission (``completed``) and one score record, and no request failed.
It prints throughput and p50/p95/p99 per kind of request, with, as the
baseline of the same run, ``/healthz`` (no database) under the same number
of concurrent clients.

Run: TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
     python benchmarks/load.py [--candidates 200] [--recruiters 20] [--workers 4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SECRET = "load-benchmark-secret-0123456789abcdef"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
INPUT = re.compile(r"<input[^>]*>")
NAME = re.compile(r'name="(a_[^"]+)"')
VALUE = re.compile(r'value="([^"]+)"')
PAGE_OF = re.compile(r"Page (\d+) of (\d+)")


class Failure(Exception):
    pass


class Recorder:
    """Latency and status of every request, by kind."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.failures: list[str] = []

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)


class Browser:
    """One browser: a cookie jar of one session cookie, one request per
    connection (gunicorn's sync workers close after each)."""

    def __init__(self, port: int, recorder: Recorder) -> None:
        self.port = port
        self.recorder = recorder
        self.cookies: dict[str, str] = {}

    def request(self, kind: str, method: str, path: str, data=None, expect=(200,)):
        headers = {"Host": "assess.bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(3):
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                text = response.read().decode("utf-8", "replace")
            except ConnectionError:
                if attempt == 2:
                    raise
                continue  # the listen backlog overflowed: the browser would retry
            finally:
                connection.close()
            break
        self.recorder.add(kind, time.perf_counter() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in header or "expires=Thu, 01 Jan 1970" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if response.status not in expect:
            raise Failure(f"{kind} {method} {path}: {response.status}")
        location = response.headers.get("Location")
        return response.status, text, urlsplit(location).path if location else None


def radio_choices(html: str) -> dict[str, list[str]]:
    choices: dict[str, list[str]] = defaultdict(list)
    for tag in INPUT.findall(html):
        name, value = NAME.search(tag), VALUE.search(tag)
        if 'type="radio"' in tag and name and value:
            choices[name.group(1)].append(value.group(1))
    return choices


def answer_page(browser: Browser, number: int, sent: dict, rng: random.Random) -> str | None:
    _, html, _ = browser.request("page view", "GET", f"/c/page/{number}")
    choices = radio_choices(html)
    data = {name: rng.choice(values) for name, values in choices.items()}
    data.update(csrf_token=CSRF.search(html).group(1), action="next")
    _, _, location = browser.request("page post", "POST", f"/c/page/{number}", data, expect=(302,))
    sent.update({name: int(value) for name, value in data.items() if name.startswith("a_")})
    return location


def open_link(browser: Browser, token: str) -> str:
    browser.request("open link", "GET", f"/c/{token}", expect=(302,))
    status, html, location = browser.request("landing", "GET", "/c/", expect=(200, 302))
    return html if status == 200 else location


def candidate(port: int, token: str, recorder: Recorder, seed: int) -> dict:
    rng = random.Random(seed)
    behaviour = rng.choice(["straight"] * 3 + ["back", "resume"])
    browser = Browser(port, recorder)
    sent: dict[str, int] = {}
    landing = open_link(browser, token)
    data = {"csrf_token": CSRF.search(landing).group(1), "agree": "y", "accept": "1"}
    browser.request("consent", "POST", "/c/consent", data, expect=(302,))
    _, first, _ = browser.request("page view", "GET", "/c/page/1")
    total = int(PAGE_OF.search(first).group(2))
    number = 1
    while number <= total:
        answer_page(browser, number, sent, rng)
        if behaviour == "back" and number == 3:
            answer_page(browser, 2, sent, rng)  # back a page, answers changed
            behaviour = "straight"
        if behaviour == "resume" and number == total // 2:
            browser = Browser(port, recorder)  # a new browser: only the link survives
            open_link(browser, token)
            behaviour = "straight"
        number += 1
    _, review, _ = browser.request("review", "GET", "/c/submit")
    data = {"csrf_token": CSRF.search(review).group(1)}
    browser.request("submit", "POST", "/c/submit", data, expect=(302,))
    return sent


def recruiter(port: int, email: str, password: str, campaign_id: int, recorder, done) -> int:
    browser = Browser(port, recorder)
    _, login, _ = browser.request("staff sign-in", "GET", "/staff/login")
    data = {"csrf_token": CSRF.search(login).group(1), "email": email, "password": password}
    browser.request("staff sign-in", "POST", "/staff/login", data, expect=(302,))
    pages = 0
    while not done.is_set():
        browser.request("results", "GET", f"/recruiter/campaigns/{campaign_id}/results")
        browser.request("campaign", "GET", f"/recruiter/campaigns/{campaign_id}")
        pages += 2
    return pages


# --- setup and checks ---------------------------------------------------------


def seed(database_url: str, candidates: int, recruiters: int):
    from assess.store import db
    from assess.store.migrations import upgrade
    from assess.web import create_app
    from tests.web.factories import invite, make_campaign
    from tests.web.staff.people import PASSWORD, make_user

    upgrade(database_url)
    app = create_app({"SECRET_KEY": SECRET, "DATABASE_URL": database_url})
    with app.app_context():
        campaign = make_campaign(db.session)
        tokens = {}
        for i in range(candidates):
            row, token = invite(db.session, campaign, email=f"load{i}@example.org")
            tokens[row.id] = token
        emails = []
        for i in range(recruiters):
            user = make_user(
                db.session, campaign.organisation, role="recruiter", email=f"r{i}@bench.example"
            )
            emails.append(user.email)
        db.session.commit()
        campaign_id = campaign.id
        db.remove()
        db.engine().dispose()
    return campaign_id, tokens, emails, PASSWORD


def check(database_url: str, sent: dict[int, dict[str, int]]) -> list[str]:
    """Problems with what the database holds after the run."""
    from sqlalchemy import func, select

    from assess.store import db
    from assess.store.models import Answer, Candidate, ScoreRecord
    from assess.web import create_app
    from assess.web.candidate.forms import field_name

    problems = []
    app = create_app({"SECRET_KEY": SECRET, "DATABASE_URL": database_url})
    with app.app_context():
        for candidate_id, answers in sent.items():
            rows = db.session.execute(
                select(Answer.item_id, Answer.value).where(Answer.candidate_id == candidate_id)
            ).all()
            stored = [(field_name(item), value) for item, value in rows]
            if len(stored) != len(dict(stored)):
                problems.append(f"candidate {candidate_id}: an item stored twice")
            if dict(stored) != answers:
                problems.append(f"candidate {candidate_id}: stored answers differ from sent")
            status = db.session.get(Candidate, candidate_id).status
            scores = db.session.scalar(
                select(func.count()).where(ScoreRecord.candidate_id == candidate_id)
            )
            if status != "completed" or scores != 1:
                problems.append(f"candidate {candidate_id}: {status}, {scores} score records")
        db.remove()
        db.engine().dispose()
    return problems


@contextmanager
def gunicorn(database_url: str, workers: int):
    from tests.test_production import free_port

    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("ASSESS_")},
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "ASSESS_BASE_URL": "https://assess.bench",
        "ASSESS_BIND": f"127.0.0.1:{port}",
        "ASSESS_WORKERS": str(workers),
        "ASSESS_LOG_LEVEL": "warning",
        "ASSESS_CANDIDATE_TOKEN_LIMIT": "1000000",  # every link opens from 127.0.0.1
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", prefix="assess-load-")  # noqa: SIM115
    process = subprocess.Popen(
        ["gunicorn", "-c", str(REPO / "gunicorn.conf.py"), "--backlog", "2048"],
        env=environment,
        cwd=REPO,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                Browser(port, Recorder()).request("boot", "GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        else:
            log.seek(0)
            raise RuntimeError("gunicorn did not start:\n" + log.read()[-3000:])
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
        log.close()


def healthz_baseline(port: int, clients: int, seconds: float) -> Recorder:
    recorder = Recorder()
    stop = time.perf_counter() + seconds

    def loop() -> None:
        browser = Browser(port, recorder)
        while time.perf_counter() < stop:
            browser.request("/healthz (baseline)", "GET", "/healthz")

    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(loop) for _ in range(clients)]:
            future.result()
    return recorder


def table(recorder: Recorder, elapsed: float) -> str:
    lines = [f"{'request':<22} {'count':>7} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    for kind, values in sorted(recorder.latencies.items()):
        cuts = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        lines.append(
            f"{kind:<22} {len(values):>7} {len(values) / elapsed:>7.1f} "
            f"{cuts[49] * 1000:>8.1f} {cuts[94] * 1000:>8.1f} {cuts[98] * 1000:>8.1f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--recruiters", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        sys.exit("set TEST_DATABASE_URL to a PostgreSQL server (a database is made and dropped)")
    from tests.postgres import scratch_database

    with scratch_database(server, "assess_load") as database_url:
        campaign_id, tokens, emails, password = seed(database_url, args.candidates, args.recruiters)
        with gunicorn(database_url, args.workers) as port:
            clients = args.candidates + args.recruiters
            baseline = healthz_baseline(port, clients, 5.0)
            recorder, done = Recorder(), threading.Event()
            started = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                staff = [
                    pool.submit(recruiter, port, e, password, campaign_id, recorder, done)
                    for e in emails
                ]
                people = {
                    cid: pool.submit(candidate, port, token, recorder, cid)
                    for cid, token in tokens.items()
                }
                sent = {}
                for cid, future in people.items():
                    try:
                        sent[cid] = future.result()
                    except Exception as error:  # a failed request fails the run below
                        recorder.fail(f"candidate {cid}: {error}")
                done.set()
                for future in staff:
                    try:
                        future.result()
                    except Exception as error:
                        recorder.fail(f"recruiter: {error}")
            elapsed = time.perf_counter() - started
        problems = check(database_url, sent)
    total = sum(len(v) for v in recorder.latencies.values())
    print(f"{args.candidates} candidates, {args.recruiters} recruiters, {args.workers} workers")
    print(f"{total} requests in {elapsed:.1f} s: {total / elapsed:.1f} per second\n")
    print(table(recorder, elapsed))
    print()
    print(table(baseline, 5.0))
    for problem in recorder.failures + problems:
        print("FAILED:", problem)
    print(
        "\nall answers stored once, one submission and one score record each"
        if not (recorder.failures or problems)
        else ""
    )
    return 1 if recorder.failures or problems else 0


if __name__ == "__main__":
    sys.exit(main())
