"""Adverse impact: selection and scoring rates by group.

Group labels come from voluntary demographic data kept apart from scores;
they are never an input to any score. These functions only count.

References
----------
Uniform Guidelines on Employee Selection Procedures, 29 CFR 1607.4(D)
(the four-fifths rule).
New York City Local Law 144 of 2021 and 6 RCNY 5-300 (impact ratios on
scoring rates; categories under 2% of the data may be excluded).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from assess.scoring.distributions import fisher_exact_two_sided

__all__ = ["AdverseImpact", "adverse_impact", "intersect", "scoring_rate"]

FOUR_FIFTHS = 0.8
SMALL_GROUP_N = 30
SMALL_EXPECTED_CELL = 5.0


@dataclass(frozen=True)
class AdverseImpact:
    """Per-group rates, in the order of ``groups`` (sorted labels).

    ``impact_ratio`` is rate / rate of the reference group (the highest
    rate); ``four_fifths`` is True where it is below 0.8; ``fisher_p`` is the
    two-sided Fisher exact p of the group against the reference group's 2x2
    table (NaN for the reference itself); ``small_sample`` marks groups whose
    comparison rests on too few people to read much into (group n < 30 or an
    expected 2x2 cell count below 5).
    """

    groups: tuple[str, ...]
    n: np.ndarray
    selected: np.ndarray
    rate: np.ndarray
    impact_ratio: np.ndarray
    four_fifths: np.ndarray
    fisher_p: np.ndarray
    small_sample: np.ndarray
    reference: str | None
    unknown: int
    """People with no group label (left out of every rate)."""
    excluded: tuple[str, ...] = ()
    """Groups left out for holding less than ``min_share`` of the known data."""
    median: float | None = None
    """For :func:`scoring_rate`: the full-sample median the rates refer to."""

    def rows(self) -> list[dict]:
        """One plain dict per group, for tables and JSON."""
        return [
            {
                "group": g,
                "n": int(self.n[i]),
                "selected": int(self.selected[i]),
                "rate": float(self.rate[i]),
                "impact_ratio": float(self.impact_ratio[i]),
                "four_fifths": bool(self.four_fifths[i]),
                "fisher_p": float(self.fisher_p[i]),
                "small_sample": bool(self.small_sample[i]),
                "reference": g == self.reference,
            }
            for i, g in enumerate(self.groups)
        ]


def _is_unknown(label) -> bool:
    if label is None:
        return True
    if isinstance(label, float) and math.isnan(label):
        return True
    return str(label).strip() == ""


def _labels(groups) -> list[str | None]:
    return [None if _is_unknown(g) else str(g) for g in np.asarray(groups, dtype=object).ravel()]


def _group_codes(groups) -> tuple[list[str], np.ndarray]:
    """Sorted known labels and, per person, the index of their label (-1 = unknown).

    Only the distinct raw values are inspected, so a million labels cost one
    ``np.unique`` (or one dict pass when the values cannot be sorted, e.g.
    ``None`` among strings).
    """
    raw = np.asarray(groups).ravel()
    try:
        distinct, inverse = np.unique(raw, return_inverse=True)
    except TypeError:
        lookup: dict = {}
        # g != g is NaN: every NaN shares one key
        keys = (None if g is None or g != g else g for g in raw.tolist())
        inverse = np.fromiter((lookup.setdefault(g, len(lookup)) for g in keys), np.int64, raw.size)
        distinct = list(lookup)
    labels = [None if _is_unknown(g) else str(g) for g in list(distinct)]
    names = sorted({g for g in labels if g is not None})
    index = {g: i for i, g in enumerate(names)}
    remap = np.array([-1 if g is None else index[g] for g in labels], dtype=np.int64)
    return names, remap[inverse.ravel()] if len(labels) else np.zeros(0, dtype=np.int64)


def adverse_impact(groups, selected, *, min_share: float | None = None) -> AdverseImpact:
    """Selection rates, impact ratios and Fisher tests by group.

    Parameters
    ----------
    groups : array_like, shape (n,)
        Group label per person; ``None``, ``""`` or NaN = unknown (left out
        and counted in ``unknown``).
    selected : array_like of bool, shape (n,)
        Whether each person was selected (or passed the step audited).
    min_share : float, optional
        Leave out groups holding less than this share (0-1) of the people with
        a known label, e.g. 0.02 as NYC LL144 permits; they are listed in
        ``excluded``.

    Returns
    -------
    AdverseImpact
        ``rate = selected / n``; ``impact_ratio = rate / max(rate)``;
        ``four_fifths = impact_ratio < 0.8`` (29 CFR 1607.4(D)); Fisher exact
        two-sided p on ``[[sel_g, n_g - sel_g], [sel_ref, n_ref - sel_ref]]``.
        The reference group is the one with the highest rate (ties: the
        larger group, then the first label). If nobody is selected the
        ratios are NaN and nothing is flagged.

    Raises
    ------
    ValueError
        If lengths differ, ``selected`` is not boolean (0/1) or ``min_share``
        is outside [0, 1).

    Examples
    --------
    >>> res = adverse_impact(["a"] * 10 + ["b"] * 10, [1] * 6 + [0] * 4 + [1] * 3 + [0] * 7)
    >>> res.impact_ratio.tolist(), res.four_fifths.tolist()
    ([1.0, 0.5], [False, True])
    """
    names, code = _group_codes(groups)
    sel = np.asarray(selected).ravel()
    if code.shape[0] != sel.shape[0]:
        raise ValueError(f"groups ({code.shape[0]}) and selected ({sel.shape[0]}) differ in length")
    if sel.dtype != bool:
        numeric = np.issubdtype(sel.dtype, np.number)
        if not numeric or np.any((sel != 0) & (sel != 1)):
            raise ValueError("selected must hold booleans (or 0/1)")
        sel = sel.astype(bool)
    if min_share is not None and not 0 <= min_share < 1:
        raise ValueError("min_share must lie in [0, 1)")
    known = code >= 0
    unknown = int((~known).sum())
    n = np.bincount(code[known], minlength=len(names))
    k = np.bincount(code[known & sel], minlength=len(names))
    excluded: tuple[str, ...] = ()
    if min_share and n.sum() > 0:
        keep = n / n.sum() >= min_share
        excluded = tuple(g for g, kept in zip(names, keep, strict=True) if not kept)
        names = [g for g, kept in zip(names, keep, strict=True) if kept]
        n, k = n[keep], k[keep]
    return _table(names, n, k, unknown, excluded)


def _table(names, n, k, unknown, excluded, median=None) -> AdverseImpact:
    m = len(names)
    rate = k / np.maximum(n, 1)
    ref = None
    ratio = np.full(m, np.nan)
    p = np.full(m, np.nan)
    small = n < SMALL_GROUP_N
    if m:
        # highest rate; ties to the larger group, then to the first label
        ref = int(sorted(range(m), key=lambda i: (-rate[i], -n[i], i))[0])
        if rate[ref] > 0:
            ratio = rate / rate[ref]
        for i in range(m):
            if i == ref:
                continue
            table = np.array([[k[i], n[i] - k[i]], [k[ref], n[ref] - k[ref]]], dtype=float)
            p[i] = fisher_exact_two_sided(*table.ravel().astype(int))
            expected = table.sum(axis=1)[:, None] * table.sum(axis=0)[None, :] / table.sum()
            small[i] = small[i] or bool(np.any(expected < SMALL_EXPECTED_CELL))
    four_fifths = np.nan_to_num(ratio, nan=1.0) < FOUR_FIFTHS
    return AdverseImpact(
        groups=tuple(names),
        n=n.astype(np.int64),
        selected=k.astype(np.int64),
        rate=rate,
        impact_ratio=ratio,
        four_fifths=four_fifths,
        fisher_p=p,
        small_sample=small,
        reference=None if ref is None else names[ref],
        unknown=unknown,
        excluded=excluded,
        median=median,
    )


def intersect(groups_a, groups_b) -> np.ndarray:
    """Intersectional labels ``"A × B"`` (e.g. sex × ethnicity, as LL144 asks).

    Parameters
    ----------
    groups_a, groups_b : array_like, shape (n,)
        Labels; ``None``, ``""`` or NaN = unknown.

    Returns
    -------
    ndarray of object, shape (n,)
        ``"a × b"``, or ``None`` where either label is unknown.

    Examples
    --------
    >>> intersect(["F", "M", None], ["x", "y", "x"]).tolist()
    ['F × x', 'M × y', None]
    """
    a, b = _labels(groups_a), _labels(groups_b)
    if len(a) != len(b):
        raise ValueError(f"groups_a ({len(a)}) and groups_b ({len(b)}) differ in length")
    out = [None if x is None or y is None else f"{x} × {y}" for x, y in zip(a, b, strict=True)]
    return np.array(out, dtype=object)


def scoring_rate(groups, scores, *, min_share: float | None = None) -> AdverseImpact:
    """Scoring rates (NYC LL144): share of each group above the sample median.

    Parameters
    ----------
    groups : array_like, shape (n,)
        Group labels; unknown as in :func:`adverse_impact`.
    scores : array_like of float, shape (n,)
        Scores on any metric, NaN = not scored (left out entirely).
    min_share : float, optional
        As in :func:`adverse_impact`.

    Returns
    -------
    AdverseImpact
        As :func:`adverse_impact` with "selected" meaning a score strictly
        above the median of all scored people (unknown group included), which
        is stored in ``median``.

    Examples
    --------
    >>> res = scoring_rate(["a", "a", "b", "b"], [1.0, 4.0, 2.0, 3.0])
    >>> res.median, res.rate.tolist()
    (2.5, [0.5, 0.5])
    """
    s = np.asarray(scores, dtype=float).ravel()
    labels = np.asarray(groups)
    if labels.ndim != 1 or labels.shape[0] != s.shape[0]:
        raise ValueError(f"groups ({labels.shape}) and scores ({s.shape[0]}) differ in length")
    scored = ~np.isnan(s)
    if not scored.any():
        raise ValueError("scoring_rate needs at least one score")
    median = float(np.median(s[scored]))
    res = adverse_impact(labels[scored], s[scored] > median, min_share=min_share)
    return AdverseImpact(**{**res.__dict__, "median": median})
