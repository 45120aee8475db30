"""The role-fit block of the scorecard."""

from __future__ import annotations


def fit_block(role, scored, n):
    return [None] * n
