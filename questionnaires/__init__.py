"""Instruments and role profiles as validated, bilingual data.

>>> import questionnaires
>>> instrument = questionnaires.load("service-composure")  # doctest: +SKIP

The layout of the YAML files is described in docs/instrument-format.md;
``assess instruments check FILE`` validates a file from the command line.
"""

from questionnaires.instrument_schema import scale_metrics
from questionnaires.loader import (
    available,
    available_roles,
    instrument_from_text,
    load,
    load_definition,
    load_pinned,
    load_role,
    role_from_mapping,
    role_from_text,
    versions,
)
from questionnaires.problems import InstrumentError, Problem
from questionnaires.role_schema import role_to_mapping

__all__ = [
    "InstrumentError",
    "Problem",
    "available",
    "available_roles",
    "instrument_from_text",
    "load",
    "load_definition",
    "load_pinned",
    "load_role",
    "role_from_mapping",
    "role_from_text",
    "role_to_mapping",
    "scale_metrics",
    "versions",
]
