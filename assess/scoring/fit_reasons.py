"""Why a candidate's role fit came out as it did, in English and Finnish.

A composite of POMP scores equals ``50 + sum_j w_j (pomp_j - 50)`` with the
weights normalised, so ``w_j (pomp_j - 50)`` is how many composite points
scale j adds (lifts) or takes away (sinks) relative to the midpoint. Bars
are checked on the raw metric, and a bar lying inside a score's confidence
interval is reported as uncertain (AERA/APA/NCME Standards, 2014, 2.14).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from assess.scoring.precision import z_for_level

__all__ = ["FitReasons", "fit_reasons", "reason_text"]

_TEXT = {
    "missing": (
        "{name} could not be scored, so no fit score is given.",
        "Asteikolle {name} ei saatu pistemäärää, joten sopivuuspistemäärää ei anneta.",
    ),
    "bar_missed": (
        "{name} is below the required level ({raw} < {bar}).",
        "{name} jää alle vaaditun tason ({raw} < {bar}).",
    ),
    "bar_uncertain": (
        "{name} is within measurement error of the required level ({raw}; {level} "
        "interval {lo}–{hi}; required {bar}): it cannot be said for certain whether "
        "the requirement is met.",
        "{name} on mittausvirheen rajoissa vaaditusta tasosta ({raw}; {level} "
        "luottamusväli {lo}–{hi}; vaatimus {bar}): ei voida sanoa varmasti, "
        "täyttyykö vaatimus.",
    ),
    "lifts": (
        "{name} raises the fit score by {points} points.",
        "{name} nostaa sopivuuspistemäärää {points} pisteellä.",
    ),
    "sinks": (
        "{name} lowers the fit score by {points} points.",
        "{name} laskee sopivuuspistemäärää {points} pisteellä.",
    ),
}


class FitReasons(NamedTuple):
    """Contributions and bar uncertainty (n, s), and reason records per candidate."""

    contributions: np.ndarray
    bar_uncertain: np.ndarray
    records: list


def _numbers(value: float, decimals: int) -> tuple[str, str]:
    """``value`` with ``decimals`` decimals in English and in Finnish (comma
    decimal, true minus sign)."""
    if value == 0:  # the cache would confuse -0.0 ("-0.00") with 0.0
        return _format(value, decimals)
    return _cached_format(value, decimals)


def _format(value: float, decimals: int) -> tuple[str, str]:
    text = f"{value:.{decimals}f}"
    return text, text.replace(".", ",").replace("-", "\u2212")


# Scale means take few distinct values, and a batch of candidates repeats
# them thousands of times, so most numbers are formatted once.
_cached_format = lru_cache(maxsize=65_536)(_format)


def _level(level: float, language: str) -> str:
    pct = f"{100 * level:g}"
    return f"{pct.replace('.', ',')} %:n" if language == "fi" else f"{pct}%"


def fit_reasons(
    scores_pomp,
    weights,
    raw,
    bars,
    scale_ids: Sequence[str],
    *,
    sem=None,
    scale_names: Mapping[str, Mapping[str, str]] | None = None,
    level: float = 0.90,
    records: bool = True,
    texts: bool = True,
) -> FitReasons:
    """Which scales lift or sink the composite, which bars are missed or uncertain.

    Parameters
    ----------
    scores_pomp : array_like, shape (n, s)
        Scale scores on the 0-100 POMP metric, NaN = not scored.
    weights : array_like, shape (s,)
        Composite weights (normalised here).
    raw : array_like, shape (n, s)
        The same scores on each scale's raw metric (bars apply to these).
    bars : array_like, shape (s,)
        Must-reach bars on the raw metric, NaN = no bar.
    scale_ids : sequence of str, shape (s,)
    sem : array_like, shape (s,) or (n, s), optional
        SEM of the raw scores; without it no bar is reported as uncertain.
    scale_names : mapping, optional
        ``{scale_id: {"en": name, "fi": name}}``; the id is used otherwise.
    level : float, default 0.90
        Confidence level of the interval around a raw score (z = 1.644854).
    records : bool, default True
        Build the per-candidate records (skip for bulk scoring).
    texts : bool, default True
        Put the English and Finnish ``text`` in each record; without it
        :func:`reason_text` writes the same text from the record later.

    Returns
    -------
    FitReasons
        ``contributions``: ``w_j (pomp_j - 50)`` in composite points (NaN
        where not scored). ``bar_uncertain``: the interval ``raw ± z SEM``
        contains the bar. ``records``: per candidate a list of dicts
        ``{"kind", "scale", "contribution", "pomp", "raw", "bar", "low",
        "high", "text": {"en", "fi"}}``, ordered: missing scales, bars
        missed, bars uncertain, scales that lift (largest first), scales that
        sink (largest first). Kinds: ``missing``, ``bar_missed``,
        ``bar_uncertain``, ``lifts``, ``sinks``.

    Examples
    --------
    >>> res = fit_reasons([[90.0, 25.0]], [1, 1], [[4.6, 2.0]], [3.0, 2.1], ["so", "cp"],
    ...                   sem=[0.3, 0.3])
    >>> [r["kind"] for r in res.records[0]]
    ['bar_missed', 'bar_uncertain', 'lifts', 'sinks']
    >>> res.records[0][2]["text"]["en"]
    'so raises the fit score by 20.0 points.'
    """
    p = np.asarray(scores_pomp, dtype=float)
    x = np.asarray(raw, dtype=float)
    if p.ndim != 2 or x.shape != p.shape:
        raise ValueError("scores_pomp and raw must be 2-d arrays of the same shape")
    n, s = p.shape
    w = np.asarray(weights, dtype=float)
    if w.shape != (s,) or np.any(w < 0) or w.sum() <= 0:
        raise ValueError(f"weights must be {s} non-negative values, not all zero")
    w = w / w.sum()
    b = np.asarray(bars, dtype=float)
    if b.shape != (s,):
        raise ValueError(f"bars must have one value per scale ({s})")
    ids = list(scale_ids)
    if len(ids) != s:
        raise ValueError(f"scale_ids must name each of the {s} scales")
    contributions = w * (p - 50.0)
    z = z_for_level(level)
    if sem is None:
        half = np.full(p.shape, np.nan)
    else:
        half = z * np.broadcast_to(np.asarray(sem, dtype=float), p.shape)
    with np.errstate(invalid="ignore"):
        uncertain = np.abs(x - b) <= half  # NaN (no SEM, no bar, no score) is False
        missed = x < b
    out: list[list[dict]] = []
    if records and not texts:
        out = _plain_records(ids, w, p, x, b, half, contributions, missed, uncertain)
    elif records:
        out = _records(ids, scale_names or {}, w, p, x, b, half, contributions,
                       missed, uncertain, level)  # fmt: skip
    return FitReasons(contributions=contributions, bar_uncertain=uncertain, records=out)


def _finite_rows(values: np.ndarray) -> list:
    """Rows of ``values`` as lists of float, None where not finite (JSON-ready)."""
    out = values.astype(object)
    out[~np.isfinite(values)] = None
    return out.tolist()


def _plain_records(ids, w, p, x, b, half, contributions, missed, uncertain):
    """The reason records without texts, JSON-ready (None for a missing
    number), for storing: :func:`reason_text` writes the texts when shown."""
    n, s = p.shape
    filled = np.nan_to_num(contributions, nan=0.0)
    up_order = np.argsort(-filled, axis=1, kind="stable").tolist()
    down_order = np.argsort(filled, axis=1, kind="stable").tolist()
    lo_all, hi_all = _finite_rows(x - half), _finite_rows(x + half)
    p_all, x_all = _finite_rows(p), _finite_rows(x)
    c_all = _finite_rows(contributions)
    positive, negative = (filled > 0).tolist(), (filled < 0).tolist()
    missing_all = (np.isnan(p) & (w > 0)).tolist()
    missed_all, uncertain_all = missed.tolist(), uncertain.tolist()
    bars = [None if v != v else v for v in b.tolist()]
    columns = range(s)
    out = []
    for pi, xi, ci, lo, hi, gone, miss, unsure, up, down, pos, neg in zip(
        p_all, x_all, c_all, lo_all, hi_all, missing_all, missed_all, uncertain_all,
        up_order, down_order, positive, negative, strict=True,
    ):  # fmt: skip
        rows = [("missing", j) for j in columns if gone[j]]
        rows += [("bar_missed", j) for j in columns if miss[j]]
        rows += [("bar_uncertain", j) for j in columns if unsure[j]]
        rows += [("lifts", j) for j in up if pos[j]]
        rows += [("sinks", j) for j in down if neg[j]]
        out.append(
            [
                {
                    "kind": kind,
                    "scale": ids[j],
                    "contribution": ci[j],
                    "pomp": pi[j],
                    "raw": xi[j],
                    "bar": bars[j],
                    "low": lo[j],
                    "high": hi[j],
                }  # fmt: skip
                for kind, j in rows
            ]
        )
    return out


def _records(ids, names, w, p, x, b, half, contributions, missed, uncertain, level):
    """The reason records of all candidates.

    Orderings and intervals are computed for the whole batch in numpy; the
    loop per candidate then works on plain Python lists (much cheaper to
    index than arrays) and formats only the numbers its texts show.
    """
    n, s = p.shape
    filled = np.nan_to_num(contributions, nan=0.0)
    # Stable sorts along each row give the same order as sorting row by row.
    up_order = np.argsort(-filled, axis=1, kind="stable").tolist()
    down_order = np.argsort(filled, axis=1, kind="stable").tolist()
    lo_all, hi_all = (x - half).tolist(), (x + half).tolist()
    p_all, x_all, c_all = p.tolist(), x.tolist(), contributions.tolist()
    missed_all, uncertain_all = missed.tolist(), uncertain.tolist()
    weighted = [j for j in range(s) if w[j] > 0]
    bars = b.tolist()
    templates = _templates(ids, names, bars, level)
    out = []
    for i in range(n):
        pi, xi, ci, lo, hi = p_all[i], x_all[i], c_all[i], lo_all[i], hi_all[i]
        rows = [("missing", j) for j in weighted if pi[j] != pi[j]]  # NaN: not scored
        rows += [("bar_missed", j) for j, hit in enumerate(missed_all[i]) if hit]
        rows += [("bar_uncertain", j) for j, hit in enumerate(uncertain_all[i]) if hit]
        rows += [("lifts", j) for j in up_order[i] if ci[j] > 0]
        rows += [("sinks", j) for j in down_order[i] if ci[j] < 0]
        result = []
        for kind, j in rows:
            # Only the numbers this kind of text shows are formatted.
            if kind in ("lifts", "sinks"):
                numbers = {"points": _numbers(abs(ci[j]), 1)}
            elif kind == "bar_missed":
                numbers = {"raw": _numbers(xi[j], 2)}
            elif kind == "bar_uncertain":
                numbers = {"raw": _numbers(xi[j], 2), "lo": _numbers(lo[j], 2),
                           "hi": _numbers(hi[j], 2)}  # fmt: skip
            else:
                numbers = {}
            en, fi = templates[kind][j]
            text = {
                "en": en.format(**{key: v[0] for key, v in numbers.items()}),
                "fi": fi.format(**{key: v[1] for key, v in numbers.items()}),
            }
            result.append(
                {
                    "kind": kind,
                    "scale": ids[j],
                    "contribution": ci[j],
                    "pomp": pi[j],
                    "raw": xi[j],
                    "bar": bars[j],
                    "low": lo[j],
                    "high": hi[j],
                    "text": text,
                }
            )
        out.append(result)
    return out


def _templates(ids, names, bars, level) -> dict[str, list[tuple[str, str]]]:
    """Per kind and scale the (English, Finnish) text with the fields that do
    not vary by candidate (name, bar, level) already filled in, leaving the
    placeholders ``{raw}``, ``{lo}``, ``{hi}`` and ``{points}``."""
    keep = {key: "{" + key + "}" for key in ("raw", "lo", "hi", "points")}
    out: dict[str, list[tuple[str, str]]] = {kind: [] for kind in _TEXT}
    for sid, bar in zip(ids, bars, strict=True):
        filled = []
        for k, lang in enumerate(("en", "fi")):
            name = names.get(sid, {}).get(lang, sid)
            constant = {
                # doubled braces survive this first format as literal braces
                "name": name.replace("{", "{{").replace("}", "}}"),
                "bar": _numbers(bar, 2)[k],
                "level": _level(level, lang),
            }
            filled.append(
                {kind: texts[k].format(**constant, **keep) for kind, texts in _TEXT.items()}
            )
        for kind in _TEXT:
            out[kind].append((filled[0][kind], filled[1][kind]))
    return out


def reason_text(
    reason: Mapping, scale_names: Mapping[str, Mapping[str, str]] | None = None, level=0.90
) -> dict[str, str]:
    """The English and Finnish text of one reason record (as :func:`fit_reasons`
    builds it, with or without its ``text``).

    Examples
    --------
    >>> reason_text({"kind": "bar_missed", "scale": "so", "raw": 3.2, "bar": 3.5})["en"]
    'so is below the required level (3.20 < 3.50).'
    """
    kind, scale = reason["kind"], reason["scale"]
    bar = reason.get("bar")
    en, fi = _templates([scale], scale_names or {}, [math.nan if bar is None else bar], level)[
        kind
    ][0]
    keys = {"raw": "raw", "lo": "low", "hi": "high"}
    numbers = {}
    if kind in ("lifts", "sinks"):
        numbers["points"] = _numbers(abs(reason["contribution"]), 1)
    elif kind in ("bar_missed", "bar_uncertain"):
        for key, field in keys.items():
            if reason.get(field) is not None:
                numbers[key] = _numbers(reason[field], 2)
    return {
        "en": en.format(**{key: v[0] for key, v in numbers.items()}),
        "fi": fi.format(**{key: v[1] for key, v in numbers.items()}),
    }
