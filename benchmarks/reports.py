"""Benchmark the PDF reports: ``python benchmarks/reports.py``.

Warm, in one process, pinned to one core. Prints a table with the candidate
report's median time (goal <= 30 ms), the 200-candidate panel pack (goal
<= 4 s), the peak memory of the 500-candidate pack (goal <= 300 MB), and
for each timing a text-only ReportLab document with the same number of pages
in the same font, so the ratio shows what charts and layout cost. CPU time
is printed beside wall time because a busy machine inflates the latter.
"""

from __future__ import annotations

import io
import os
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate  # noqa: E402

from reports import build_candidate_report, build_panel_pack  # noqa: E402
from reports.samples import sample_candidate_report, sample_panel_pack  # noqa: E402
from reports.typeface import register_fonts  # noqa: E402

LOREM = (
    "Composure under pressure means staying calm when a customer is upset, taking their "
    "emotion seriously and recovering before the next person in the queue. "
)


def page_count(pdf: bytes) -> int:
    """Page objects in a ReportLab PDF (its dictionaries are not compressed)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def timed(build: Callable[[], bytes], runs: int) -> tuple[float, float, bytes]:
    """Median wall and CPU seconds over ``runs`` calls, and the last output."""
    walls, cpus, out = [], [], b""
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        out = build()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), out


def text_only(pages: int) -> bytes:
    """A plain document of ``pages`` pages: paragraphs of text, no tables or charts."""
    style = ParagraphStyle("plain", fontName=register_fonts(), fontSize=9, leading=12)
    story: list = []
    for page in range(pages):
        story += [Paragraph(f"{page + 1}. " + LOREM * 4, style) for _ in range(6)]
        if page < pages - 1:
            story.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    candidate = sample_candidate_report()
    pack200 = sample_panel_pack(200)
    build_candidate_report(candidate)  # warm: fonts registered, styles cached
    text_only(2)

    rows = []
    wall, cpu, pdf = timed(lambda: build_candidate_report(candidate), 30)
    pages = page_count(pdf)
    twall, tcpu, _ = timed(lambda: text_only(pages), 30)
    rows.append((f"candidate report ({pages} pages), median of 30", wall, cpu, twall, "<= 0.030"))

    wall, cpu, pdf = timed(lambda: build_panel_pack(pack200), 3)
    pages = page_count(pdf)
    twall, tcpu, _ = timed(lambda: text_only(pages), 3)
    rows.append(
        (f"panel pack, 200 candidates ({pages} pages), median of 3", wall, cpu, twall, "<= 4")
    )

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"one core, load average {load:.1f} (other work on the machine inflates wall time)")
    print(f"{'what':<52} {'wall s':>9} {'cpu s':>9} {'text-only s':>12} {'ratio':>7} {'goal':>9}")
    for what, wall, cpu, twall, goal in rows:
        print(f"{what:<52} {wall:>9.4f} {cpu:>9.4f} {twall:>12.4f} {wall / twall:>7.1f} {goal:>9}")

    pack500 = sample_panel_pack(500)
    tracemalloc.start()
    pdf = build_panel_pack(pack500)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"panel pack, 500 candidates ({page_count(pdf)} pages, {len(pdf) / 1e6:.1f} MB): "
        f"peak Python allocations {peak / 2**20:.0f} MiB, peak process RSS {rss:.0f} MiB "
        f"(goal <= 300 MB)"
    )


if __name__ == "__main__":
    main()
