"""The ``scales`` block of result records, built for all candidates at once.

Each field is turned into a Python list once (``tolist`` on the column's
array), then one dict per candidate and scale is filled from those lists;
fields that do not vary by candidate (instrument, metric, norm, SEM) are
looked up once per column.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.results.pipeline import jsonsafe
from assess.results.pipeline.norming import norm_label


def norm_entry(sc) -> dict | None:
    """The norm a column was scored against, as the record names it."""
    norm = sc.norm
    if norm is None:
        return None
    instrument = sc.column.instrument
    return {
        "id": norm.id or f"{instrument.id}@{instrument.version}:{norm.scale}",
        "source": norm_label(norm),
        "n": norm.n,
        "mean": norm.mean,
        "sd": norm.sd,
        "reliability": norm.reliability,
        "simulated": bool(norm.simulated),
        "percentiles": "table" if norm.percentiles else "normal",
    }


def _column_dicts(sc, n: int) -> list[dict]:
    """Per-candidate dicts of one scored column."""
    raw = jsonsafe.floats(sc.raw)
    answered = sc.n_answered.astype(int).tolist()
    z, t, pct = (jsonsafe.floats(sc.derived[k]) for k in ("z", "t", "percentile"))
    sten = jsonsafe.ints(sc.derived["sten"])
    ci90 = ci95 = None
    if sc.error.sem is not None:
        ci90, ci95 = jsonsafe.pairs(sc.derived["ci90"]), jsonsafe.pairs(sc.derived["ci95"])
    band_ids = [b.id for b in sc.column.bands]
    band = [band_ids[b] if b >= 0 else None for b in sc.derived["band"].tolist()]
    sem, basis, norm = sc.error.sem, sc.error.basis, norm_entry(sc)
    if sem is None:  # no SEM: the intervals are null for every candidate
        ci90 = ci95 = [None] * n
    instrument, metric, n_items = sc.column.instrument.id, sc.column.metric, sc.n_items
    low, high = sc.column.low, sc.column.high
    reason_scored = sc.error.reason
    missing = {}  # one dict per distinct count answered, copied per candidate
    scored = {
        "instrument": instrument,
        "metric": metric,
        "low": low,
        "high": high,
        "raw": None,
        "n_answered": None,
        "n_items": n_items,
        "reason": reason_scored,
        "sem": sem,
        "sem_basis": basis,
        "ci90": None,
        "ci95": None,
        "z": None,
        "t": None,
        "sten": None,
        "percentile": None,
        "norm": norm,
        "band": None,
    }
    out = []
    for value, count, z_, t_, sten_, pct_, c90, c95, band_ in zip(
        raw, answered, z, t, sten, pct, ci90, ci95, band, strict=True
    ):
        if value is None:
            entry = missing.get(count)
            if entry is None:
                entry = missing[count] = {
                    **scored,
                    "n_answered": count,
                    "reason": sc.missing_reason(count),
                    "sem": None,
                    "sem_basis": None,
                }
            out.append(dict(entry))
            continue
        # A copy of the column's constant fields, then the candidate's own:
        # about 40% cheaper than a dict display of all eighteen fields.
        entry = scored.copy()
        entry["raw"] = value
        entry["n_answered"] = count
        entry["ci90"] = c90
        entry["ci95"] = c95
        entry["z"] = z_
        entry["t"] = t_
        entry["sten"] = sten_
        entry["percentile"] = pct_
        entry["band"] = band_
        out.append(entry)
    return out


def scale_blocks(scored: Sequence, n: int) -> list[dict]:
    """Per candidate ``{scale id: scale dict with its "facets"}``."""
    blocks: list[dict] = [{} for _ in range(n)]
    facets: dict[str, list] = {}
    for sc in scored:
        if sc.column.parent is not None:
            facets.setdefault(sc.column.parent, []).append(sc)
    for sc in scored:
        if sc.column.parent is not None:
            continue
        rows = _column_dicts(sc, n)
        facet_ids = [f.column.id for f in facets.get(sc.column.id, [])]
        facet_rows = [_column_dicts(f, n) for f in facets.get(sc.column.id, [])]
        scale_id = sc.column.id
        for block, row, *per_facet in zip(blocks, rows, *facet_rows, strict=True):
            row["facets"] = dict(zip(facet_ids, per_facet, strict=True))
            block[scale_id] = row
    return blocks
