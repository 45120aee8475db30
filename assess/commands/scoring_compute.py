"""Glue between the CSV readers and the agreement and fairness engine."""

from __future__ import annotations


def agreement_result(ratings) -> dict:
    raise ValueError("inter-rater agreement is not available in this build yet")


def fairness_result(decisions, *, min_share: float) -> dict:
    raise ValueError("the adverse-impact analysis is not available in this build yet")
