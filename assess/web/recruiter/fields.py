"""Small shared rules of the recruiter side: limits, and the e-mail
address check used by the single invite form and the CSV upload alike."""

from __future__ import annotations

import re

MAX_RETENTION_MONTHS = 24
"""Upper limit of the retention period after the campaign ends: the period
the Finnish data protection authority accepted for defending
discrimination claims."""

ANCHOR_LEVELS = (1, 2, 3, 4, 5)

MAX_CSV_ROWS = 2000

_EMAIL = re.compile(r"^[^@\s,;<>\"']+@[^@\s,;<>\"'.]+(\.[^@\s,;<>\"'.]+)+$")


def is_email(text: str) -> bool:
    """A plausible single address (``local@domain.tld``); deliverability is
    the mail server's business."""
    return len(text) <= 254 and bool(_EMAIL.match(text))
