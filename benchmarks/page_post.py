"""The page post's own cost, in process: no server, no network, no client.

Calls the WSGI app directly with page-1 posts of seeded, consented
candidates on SQLite (as ``benchmarks/web.py`` seeds them) and, in the same
run, the bare Flask app of that benchmark. Two measures:

- CPU time per request (best of five batches), which moves with whatever
  else the machine is doing;
- with ``--instructions``, instructions per request counted by valgrind's
  callgrind, which does not: the same code gives the same count within a
  fraction of a percent, so a change of a few percent can be judged on a
  busy machine. Only the measured loop is counted (callgrind collects
  inside ``functools.reduce``, which runs it).

Run: python benchmarks/page_post.py [--requests 2000] [--instructions]
"""

from __future__ import annotations

import argparse
import functools
import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.web import SECRET, bare_app, seed  # noqa: E402

CANDIDATES = 50


def environ(method: str, path: str, cookie: str = "", body: bytes = b"") -> dict:
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": f"session={cookie}",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def callers(directory: str) -> dict:
    """One function per endpoint that makes request ``i`` and returns its status."""
    from assess.web import create_app

    url = f"sqlite:///{Path(directory) / 'bench.sqlite'}"
    posts = seed(url, CANDIDATES)
    app = create_app({"SECRET_KEY": SECRET, "DATABASE_URL": url})
    bare = bare_app()

    def call(wsgi, env: dict) -> str:
        status = []
        body = wsgi(env, lambda s, headers, exc_info=None: status.append(s))
        for _ in body:
            pass
        getattr(body, "close", lambda: None)()
        return status[0]

    return {
        "bare Flask": lambda i: call(bare, environ("GET", "/")),
        "page submit": lambda i: call(app, environ("POST", "/c/page/1", *posts[i % len(posts)])),
    }


def cpu_per_request(one, requests: int) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for i in range(requests):
            one(i)
        best = min(best, (time.process_time() - started) / requests)
    return best


def counted(one, requests: int) -> None:
    """Run the loop inside ``functools.reduce`` so callgrind counts it alone."""
    functools.reduce(lambda _, i: one(i), range(requests), None)


def instructions(endpoint: str, requests: int) -> float:
    """Instructions per request of ``endpoint`` under callgrind (a child process)."""
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "callgrind.out"
        command = [
            "valgrind", "--tool=callgrind", "--collect-atstart=no",
            "--toggle-collect=functools_reduce", f"--callgrind-out-file={out}",
            sys.executable, __file__, "--count-child", endpoint, "--requests", str(requests),
        ]  # fmt: skip
        finished = subprocess.run(command, capture_output=True, text=True)
        if finished.returncode:
            raise RuntimeError(finished.stderr[-2000:])
        total = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
        return int(total.group(1)) / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--instructions", action="store_true", help="count with callgrind")
    parser.add_argument("--count-child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        endpoints = callers(directory)
        for name, one in endpoints.items():
            statuses = {one(i) for i in range(CANDIDATES)}  # warm up every candidate
            expected = "302 FOUND" if name == "page submit" else "200 OK"
            if statuses != {expected}:
                raise SystemExit(f"{name} answered {statuses}, not {expected}")
        if args.count_child:
            counted(endpoints[args.count_child], args.requests)
            return
        rows = {name: cpu_per_request(one, args.requests) for name, one in endpoints.items()}

    print(f"\n{args.requests} requests per endpoint, in process, SQLite\n")
    print(f"{'endpoint':<13} {'CPU us/request':>15} {'instructions':>14}")
    counts = {}
    if args.instructions:
        if not shutil.which("valgrind"):
            parser.error("valgrind is not installed (apt-get install valgrind)")
        counts = {name: instructions(name, min(args.requests, 200)) for name in rows}
    for name, seconds in rows.items():
        count = f"{counts[name] / 1e6:>12.2f} M" if name in counts else f"{'-':>14}"
        print(f"{name:<13} {seconds * 1e6:>15.0f} {count}")
    print(f"{'submit / bare':<13} {rows['page submit'] / rows['bare Flask']:>14.1f}x")
    print("\nproduced by:", " ".join([sys.executable, *sys.argv]))


if __name__ == "__main__":
    main()
