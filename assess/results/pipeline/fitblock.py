"""The role-fit block of the result record.

The role's scales are put on the 0-100 POMP metric and weighted into a
composite (:func:`assess.scoring.fit.role_fit`). Its measurement error:

- ``sem``: ``sqrt(sum_j w_j² SEM_j²)`` in POMP points
  (:func:`assess.scoring.fit.composite_sem`, scale errors uncorrelated),
  from each scale's SEM (norm or batch, see :mod:`assess.results.pipeline.norming`);
  null when any weighted scale has no SEM;
- ``ci90``/``ci95``: composite +/- z SEM, held within 0-100;
- ``reliability``: Mosier's (1943) composite reliability, which also needs
  the scales' intercorrelations; they come from the batch when at least 30
  candidates have every weighted scale scored, otherwise it is null and
  ``reliability_note`` says why.

When a validity flag shows the questionnaire was not answered attentively
(straight-lining, random answering, too fast;
:func:`assess.scoring.validity_flags.withholds`), the band is withheld:
``band`` is null and ``withheld`` lists the indices behind it (reports say
"Not interpretable: <reason>", :func:`withhold_bands`); the composite and
bars stay, for reference. Otherwise ``withheld`` is null.

Bars are checked on each scale's raw metric; a bar ``straddles`` when it
lies inside the 90% interval ``raw +/- 1.644854 SEM`` (AERA/APA/NCME, 2014,
standard 2.14), null when the SEM is unknown. Each bar's ``verdict`` is
:func:`assess.scoring.fit.bar_verdicts` on that interval: met, not met or
cannot tell.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assess.results.pipeline import jsonsafe
from assess.scoring import fit, precision
from assess.scoring.validity_flags import withholds
from questionnaires.model import RoleProfile

BATCH_MIN_COMPLETE = 30


def _requirement_columns(role: RoleProfile, scored: Sequence) -> list:
    by_id = {sc.column.id: sc for sc in scored if sc.column.parent is None}
    missing = [r.scale for r in role.requirements if r.scale not in by_id]
    if missing:
        raise ValueError(
            f"role {role.id} weighs scale(s) {', '.join(missing)} that the given instruments "
            "do not score"
        )
    return [by_id[r.scale] for r in role.requirements]


def _pomp_sem(columns, weights):
    """Per-scale POMP SDs and reliabilities for the composite error, or None."""
    sds, rels = [], []
    for sc, weight in zip(columns, weights, strict=True):
        basis = sc.error.basis
        if basis is None:
            if weight > 0:
                return None
            sds.append(0.0)
            rels.append(1.0)
            continue
        sds.append(basis["sd"] * 100.0 / (sc.column.high - sc.column.low))
        rels.append(basis["reliability"])
    return np.array(sds), np.array(rels)


def _reliability(raw, weights, parts) -> tuple[float | None, str | None]:
    if parts is None:
        return None, "No composite reliability: a weighted scale has no SEM"
    complete = ~np.isnan(raw).any(axis=1)
    n_complete = int(complete.sum())
    if n_complete < BATCH_MIN_COMPLETE:
        return None, (
            f"No composite reliability: the scales' intercorrelations need at least "
            f"{BATCH_MIN_COMPLETE} candidates scored on every weighted scale (this batch has "
            f"{n_complete})"
        )
    corr = np.corrcoef(raw[complete], rowvar=False)
    if not np.all(np.isfinite(corr)):
        return None, "No composite reliability: a weighted scale does not vary in this batch"
    sds, rels = parts
    try:
        return float(fit.mosier_reliability(weights, sds, rels, corr)), None
    except ValueError as exc:
        return None, f"No composite reliability: {exc}"


def fit_block(role: RoleProfile | None, scored: Sequence, n: int) -> list:
    """Per candidate the fit dict (see module docstring), or None without a role."""
    if role is None:
        return [None] * n
    columns = _requirement_columns(role, scored)
    raw = np.column_stack([sc.raw for sc in columns]) if columns else np.empty((n, 0))
    weights = np.array([r.weight for r in role.requirements], dtype=float)
    bars = np.array([r.bar for r in role.requirements], dtype=float)
    sems = np.array([np.nan if sc.error.sem is None else sc.error.sem for sc in columns])
    parts = _pomp_sem(columns, weights)
    c_sem = None
    if parts is not None:
        c_sem = fit.composite_sem(weights, parts[0], parts[1], np.eye(len(columns)))
    result = fit.role_fit(
        raw,
        [sc.column.low for sc in columns],
        [sc.column.high for sc in columns],
        weights,
        bars,
        [b.min for b in role.fit_bands],
        [b.requires_all_bars for b in role.fit_bands],
        [sc.column.id for sc in columns],
        sem=sems,
        composite_sem=c_sem,
        band_ids=[b.id for b in role.fit_bands],
        scale_names={sc.column.id: dict(sc.column.name) for sc in columns},
        level=0.90,
        texts=False,
    )
    reliability, note = _reliability(raw, weights, parts)
    composite = jsonsafe.floats(result.composite)
    ci90 = jsonsafe.pairs(np.column_stack([result.composite_low, result.composite_high]))
    if c_sem is None:
        ci95 = [None] * n
    else:
        low, high = precision.confidence_interval(result.composite, c_sem, level=0.95)
        ci95 = jsonsafe.pairs(np.clip(np.column_stack([low, high]), 0.0, 100.0))
    bands = [b.id for b in role.fit_bands]
    # The interval each bar is judged against: the scale's own 90% interval.
    ci_low = np.column_stack([sc.derived["ci90"][:, 0] for sc in columns]) if columns else raw
    ci_high = np.column_stack([sc.derived["ci90"][:, 1] for sc in columns]) if columns else raw
    verdicts = fit.bar_verdicts(raw, bars, ci_low, ci_high)
    scored = ~np.isnan(raw)
    # Per candidate and bar, as plain lists built for the whole batch: indexing
    # numpy arrays one element at a time would dominate the loop.
    verdict = _objects(np.array([*fit.BAR_VERDICTS, None], dtype=object)[verdicts], True)
    met = _objects(~result.bars_failed, scored)
    straddles = _objects(result.bar_uncertain, scored & ~np.isnan(sems))
    raws, pomps = _finite(raw), _finite(result.pomp)
    lows, highs = _finite(ci_low), _finite(ci_high)
    requirements = [
        (r.scale, w, r.bar)
        for r, w in zip(role.requirements, (weights / weights.sum()).tolist(), strict=True)
    ]
    all_met, band = result.all_bars_met.tolist(), result.band.tolist()
    # Each bar's constant fields, copied per candidate (cheaper than a dict display).
    templates = [
        {
            "scale": scale,
            "weight": weight,
            "bar": bar,
            "raw": None,
            "pomp": None,
            "met": None,
            "straddles": None,
            "interval": None,
            "verdict": None,
        }  # fmt: skip
        for scale, weight, bar in requirements
    ]
    out = []
    for i, (c, c90, c95) in enumerate(zip(composite, ci90, ci95, strict=True)):
        has = c is not None
        bar_rows = []
        for template, x, p, m, st, lo, hi, v in zip(
            templates, raws[i], pomps[i], met[i], straddles[i], lows[i], highs[i], verdict[i],
            strict=True,
        ):  # fmt: skip
            row = template.copy()
            row["raw"], row["pomp"], row["met"], row["straddles"] = x, p, m, st
            row["interval"] = None if lo is None else {"level": 0.90, "low": lo, "high": hi}
            row["verdict"] = v
            bar_rows.append(row)
        out.append(
            {
                "composite": c,
                "metric": "0-100",
                "sem": c_sem if has else None,
                "ci90": c90 if has and c_sem is not None else None,
                "ci95": c95 if has else None,
                "reliability": reliability,
                "reliability_note": note,
                "all_bars_met": all_met[i],
                "band": bands[band[i]] if band[i] >= 0 else None,
                "withheld": None,
                "bars": bar_rows,
                "reasons": result.reasons[i],
            }
        )
    return out


def _finite(values: np.ndarray) -> list:
    """Rows of a float array as lists, None where not finite."""
    out = np.asarray(values, dtype=float).astype(object)
    out[~np.isfinite(np.asarray(values, dtype=float))] = None
    return out.tolist()


def _objects(values: np.ndarray, keep) -> list:
    """Rows of ``values`` (bool or object) as lists, None where ``keep`` is False."""
    out = np.asarray(values).astype(object)
    out[~np.broadcast_to(np.asarray(keep, dtype=bool), out.shape)] = None
    return out.tolist()


def withhold_bands(fits: list, validity: list[dict]) -> None:
    """Withhold the fit band of every candidate whose validity flags say the
    answers cannot be interpreted (in place; ``fits`` from :func:`fit_block`,
    ``validity`` from :func:`assess.results.pipeline.validityblock.validity_block`)."""
    for block, checks in zip(fits, validity, strict=True):
        if block is None:
            continue
        indices = sorted({flag["index"] for flag in checks["flags"] if withholds(flag)})
        if indices:
            block["band"] = None
            block["withheld"] = indices
