"""An organisation's local norms (built by an admin from its own completed
candidates) in the shape the scorecard takes.

A local norm group is stored per instrument *version*: scores of another
version's items are not on the same footing, so a group of another version
is never used. The newest group of each instrument wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from assess.scoring.norms import percentile_ranks
from assess.store.models import NormGroup
from questionnaires.model import Instrument, ScaleNorm


def newest_group(
    session: Session, organisation_id: int, instrument: Instrument
) -> NormGroup | None:
    """The organisation's newest norm group for this instrument id and version."""
    return session.scalar(
        select(NormGroup)
        .where(
            NormGroup.organisation_id == organisation_id,
            NormGroup.instrument_id == instrument.id,
            NormGroup.instrument_version == instrument.version,
        )
        .order_by(NormGroup.created_at.desc(), NormGroup.id.desc())
        .limit(1)
    )


def percentile_table(scores: Sequence[float]) -> tuple[tuple[float, float], ...]:
    """(raw, percentile rank) at each distinct score of a norm sample.

    The rank is the empirical ``100 * (below + 0.5 * equal) / N``
    (PSYCHOMETRICS.md); the scorecard interpolates linearly between the
    distinct scores and holds the end ranks beyond them. Fewer than two
    distinct scores give no table (the normal curve is used instead).
    """
    sample = np.sort(np.asarray(scores, dtype=float))
    sample = sample[~np.isnan(sample)]
    values = np.unique(sample)
    if values.size < 2:
        return ()
    ranks = percentile_ranks(values, sample, assume_sorted=True)
    return tuple((float(v), float(r)) for v, r in zip(values, ranks, strict=True))


def scale_norm(scale_id: str, group: NormGroup, entry: Mapping[str, Any]) -> ScaleNorm:
    """One scale of a stored norm group as a ScaleNorm.

    A stored alpha outside [0, 1] (possible in a small or odd sample) gives no
    reliability, so the SEM is not taken from it.
    """
    alpha = entry.get("reliability")
    if not isinstance(alpha, int | float) or not 0.0 <= float(alpha) <= 1.0:
        alpha = None
    return ScaleNorm(
        scale=scale_id,
        source=group.source,
        n=int(entry.get("n") or group.n),
        mean=float(entry["mean"]),
        sd=float(entry["sd"]),
        percentiles=percentile_table(entry.get("scores") or ()),
        reliability=None if alpha is None else float(alpha),
        simulated=bool(group.simulated),
        id=f"norm-group:{group.id}",
    )


def local_norms(
    session: Session, organisation_id: int, instruments: Sequence[Instrument]
) -> dict[str, ScaleNorm] | None:
    """Norms for scoring with the organisation's local norm groups.

    Parameters
    ----------
    session : Session
    organisation_id : int
    instruments : sequence of Instrument
        The instruments being scored (id and version pick the group).

    Returns
    -------
    dict of scale id to ScaleNorm, or None
        None when the organisation has no local norms for any of the
        instruments (the scorecard then uses the instruments' own norms).
        Otherwise the instruments' own norms, replaced scale by scale by the
        local ones where a local group covers the scale; each scale's block
        in the scorecard names the source it used.
    """
    out: dict[str, ScaleNorm] = {}
    local = False
    for instrument in instruments:
        for norm in instrument.norms:
            out.setdefault(norm.scale, norm)
        group = newest_group(session, organisation_id, instrument)
        if group is None:
            continue
        for scale_id, entry in (group.data or {}).items():
            if entry.get("mean") is None or entry.get("sd") is None:
                continue
            out[scale_id] = scale_norm(scale_id, group, entry)
            local = True
    return out if local else None
