"""Item analysis of a batch, and which candidates a score cannot tell apart."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from assess.results.pipeline import jsonsafe
from assess.results.pipeline.candidates import ScoredColumn, likert_columns
from assess.results.pipeline.judgement import judgement_columns
from assess.results.pipeline.layout import candidate_count, known_answer_ids
from assess.scoring.reliability import scale_reliability
from questionnaires.model import Instrument


def _item_ids(sc: ScoredColumn) -> list[str]:
    instrument = sc.column.instrument
    if sc.unit == "options":
        return [s.id for s in instrument.scenarios if s.scale == sc.column.id]
    return [item.id for item in instrument.scale_items(sc.column.id)]


def _keys(sc: ScoredColumn) -> list[str]:
    if sc.unit == "options":
        return ["+"] * len(_item_ids(sc))
    return ["+" if i.key > 0 else "-" for i in sc.column.instrument.scale_items(sc.column.id)]


def analyze(instrument: Instrument, responses: Mapping[str, np.ndarray]) -> dict:
    """Reliability and item statistics of every scale of ``instrument``.

    Per scale (listwise: candidates who answered every item of the scale):
    Cronbach's alpha with its Feldt 95% interval, omega total (one minres
    factor), n and k, and per item the mean and SD of the *keyed* answers
    (reverse-keyed items after ``min + max - x``, response metric), the
    corrected item-total correlation and alpha if the item is deleted; see
    :func:`assess.scoring.reliability.scale_reliability`. For a situational
    judgement scale the "items" are its scenarios, scored 0-100 when every
    option of the scenario was rated.

    Returns
    -------
    dict
        ``{scale id: {"metric", "alpha", "alpha_ci95", "omega", "n", "k",
        "reason", "items": {item id: {"key", "mean", "sd", "citc",
        "alpha_if_deleted"}}}}``; numbers None where they cannot be
        computed, with ``reason`` saying why.
    """
    ids = known_answer_ids([instrument])
    unknown = sorted(set(responses) - ids)
    if unknown:
        raise ValueError(f"answers to ids {instrument.id} does not ask: {', '.join(unknown[:10])}")
    relevant = {k: v for k, v in responses.items() if k in ids}
    n = candidate_count(relevant)
    columns = likert_columns([instrument], relevant, n)[0] + judgement_columns(
        instrument, relevant, n, ScoredColumn
    )
    out = {}
    for sc in columns:
        if sc.column.parent is not None:
            continue
        out[sc.column.id] = _scale_analysis(sc)
    return out


def _scale_analysis(sc: ScoredColumn) -> dict:
    item_ids, keys, items = _item_ids(sc), _keys(sc), sc.items
    entry = {
        "metric": sc.column.metric,
        "alpha": None,
        "alpha_ci95": None,
        "omega": None,
        "n": int((~np.isnan(items).any(axis=1)).sum()),
        "k": len(item_ids),
        "reason": None,
    }
    try:
        rel = scale_reliability(items)
    except ValueError as exc:
        entry["reason"] = str(exc)
        entry["items"] = {
            item_id: {"key": key, "mean": None, "sd": None, "citc": None, "alpha_if_deleted": None}
            for item_id, key in zip(item_ids, keys, strict=True)
        }
        return entry
    ci = [jsonsafe.scalar(v) for v in rel.alpha_ci95]
    entry.update(
        alpha=jsonsafe.scalar(rel.alpha),
        alpha_ci95=None if None in ci else ci,
        omega=jsonsafe.scalar(rel.omega),
        n=int(rel.n),
        k=int(rel.k),
    )
    mean, sd = jsonsafe.floats(rel.item_mean), jsonsafe.floats(rel.item_sd)
    citc, drop = jsonsafe.floats(rel.citc), jsonsafe.floats(rel.alpha_if_deleted)
    entry["items"] = {
        item_id: {
            "key": keys[j],
            "mean": mean[j],
            "sd": sd[j],
            "citc": citc[j],
            "alpha_if_deleted": drop[j],
        }
        for j, item_id in enumerate(item_ids)
    }
    return entry


def compare(results: list[dict], scale_or_fit: str) -> list[list[int]]:
    """Groups of candidates whose scores cannot be told apart at 95%.

    Parameters
    ----------
    results : list of dict
        Scorecards from :func:`assess.results.pipeline.score_candidates`.
    scale_or_fit : str
        A scale id (compares ``raw`` with its ``sem``) or ``"fit"`` (the
        role-fit ``composite`` with its ``sem``).

    Returns
    -------
    list of list of int
        Indices into ``results``, as
        :func:`assess.scoring.precision.indistinguishable_groups` groups them
        (a pair is distinguishable when ``|a - b| > 1.959964 * sqrt(SEM_a² +
        SEM_b²)``). Candidates without a score or SEM are left out.
    """
    from assess.scoring.precision import indistinguishable_groups

    scores, sems, index = [], [], []
    for i, result in enumerate(results):
        if scale_or_fit == "fit":
            block = result.get("fit") or {}
            value = block.get("composite")
        else:
            block = result["scales"].get(scale_or_fit)
            if block is None:
                raise ValueError(f"no scale {scale_or_fit!r} in the results")
            value = block.get("raw")
        sem = block.get("sem")
        if value is None or sem is None:
            continue
        scores.append(value)
        sems.append(sem)
        index.append(i)
    if not scores:
        return []
    groups = indistinguishable_groups(np.array(scores), np.array(sems))
    return [[index[j] for j in group] for group in groups]
