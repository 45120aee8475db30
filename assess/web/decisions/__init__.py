"""Screens where people act on a candidate's data: the hiring decision
(by a named person, with a rationale, after reading the results) and the
data-protection screens (erasure with a confirm step, the candidate's data
export). Mounted under ``/recruiter`` next to the results."""

from assess.web.decisions import privacy  # noqa: F401
from assess.web.decisions.views import bp

__all__ = ["bp"]
