"""From stored results to what a report shows.

The adapter between ``assess`` (score records, role profiles, instruments,
panel ratings) and ``reports`` (frozen dataclasses and their builders): it
picks the report's language, orders and names everything, and passes the
engine's numbers on with their intervals. One function per report, in two
forms: from plain scorecards (the command line's CSV path, the demo) and
``*_for`` from the database.

``input_hash`` names a rendered file by what went into it, so the same
input is rendered once and served from ``ReportFile`` after that.
"""

from __future__ import annotations

import hashlib

from assess.results.report_inputs.candidate import (
    candidate_report,
    candidate_report_for,
    feedback_report,
    feedback_report_for,
)
from assess.results.report_inputs.items import item_analysis_for, item_analysis_report
from assess.results.report_inputs.panel import (
    PanelEntry,
    PanelRatings,
    panel_pack,
    panel_pack_for,
    stored_ratings,
)

RENDER_VERSION = "1"
"""Bumped when the builders change what the same input renders to."""


def input_hash(kind: str, organisation_id: int | None, data: object) -> str:
    """SHA-256 (hex) of a report's kind, organisation and complete input.

    The dataclasses are frozen trees of tuples, strings and numbers, whose
    ``repr`` is deterministic, so equal inputs give equal hashes.
    """
    text = f"{RENDER_VERSION}|{kind}|{organisation_id}|{data!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


__all__ = [
    "RENDER_VERSION",
    "PanelEntry",
    "PanelRatings",
    "candidate_report",
    "candidate_report_for",
    "feedback_report",
    "feedback_report_for",
    "input_hash",
    "item_analysis_for",
    "item_analysis_report",
    "panel_pack",
    "panel_pack_for",
    "stored_ratings",
]
