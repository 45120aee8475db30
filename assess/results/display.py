"""A record with the words it refers to: band labels and texts from the
instruments and role profile that scored it, and the reason texts.

The stored record keeps ids and numbers only (a band is its id, a reason its
kind and numbers), so that a record stays small and every text comes from
one place. Screens, exports and reports read :func:`with_texts`: band
entries become ``{"id", "label", "text"}`` and each fit reason gains
``text`` and each validity flag its ``reason`` (English and Finnish), as
records of version 1 carried them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import questionnaires
from assess.results.record import upgrade
from assess.scoring.fit_reasons import reason_text
from assess.scoring.validity_flags import flag_reason
from questionnaires.model import Band, Instrument, RoleProfile

REASON_LEVEL = 0.90
"""The level of the interval a reason quotes (the bar checks' 90%)."""


def band_entry(band: Band) -> dict[str, Any]:
    return {"id": band.id, "label": dict(band.label), "text": dict(band.text)}


def _scale_bands(instruments: Sequence[Instrument]) -> dict[str, dict[str, Band]]:
    """Scale or facet id -> band id -> Band."""
    out: dict[str, dict[str, Band]] = {}
    for instrument in instruments:
        for scale in instrument.scales:
            out[scale.id] = {b.id: b for b in scale.bands}
            for facet in scale.facets:
                out[facet.id] = {b.id: b for b in facet.bands}
    return out


def scale_names(instruments: Sequence[Instrument]) -> dict[str, dict[str, str]]:
    """Scale id -> {"en", "fi"} name."""
    return {s.id: dict(s.name) for i in instruments for s in i.scales}


def with_texts(
    stored: Mapping[str, Any],
    instruments: Sequence[Instrument],
    role: RoleProfile | None = None,
) -> dict[str, Any]:
    """The upgraded record with band labels and texts and reason texts added.

    A band id the instruments (or role) no longer define keeps its id as
    its label, so an old record never fails to show.
    """
    record = copy.deepcopy(dict(upgrade(stored)))
    bands = _scale_bands(instruments)

    def band(scale_id: str, band_id: Any) -> Any:
        if band_id is None or isinstance(band_id, Mapping):
            return band_id
        found = bands.get(scale_id, {}).get(band_id)
        if found is None:
            return {"id": band_id, "label": {"en": band_id, "fi": band_id}, "text": {}}
        return band_entry(found)

    for scale_id, block in (record.get("scales") or {}).items():
        block["band"] = band(scale_id, block.get("band"))
        for facet_id, facet in (block.get("facets") or {}).items():
            facet["band"] = band(facet_id, facet.get("band"))
    validity = record.get("validity") or {}
    seconds = (validity.get("page_times") or {}).get("seconds_per_item") or 2.0
    for flag in validity.get("flags") or []:
        flag["reason"] = flag_reason(flag, seconds)
    fit = record.get("fit")
    if fit:
        fit_bands = {b.id: b for b in role.fit_bands} if role else {}
        band_id = fit.get("band")
        if band_id is not None and not isinstance(band_id, Mapping):
            found = fit_bands.get(band_id)
            fit["band"] = (
                band_entry(found)
                if found
                else {"id": band_id, "label": {"en": band_id, "fi": band_id}, "text": {}}
            )
        names = scale_names(instruments)
        for reason in fit.get("reasons") or []:
            reason["text"] = reason_text(reason, names, REASON_LEVEL)
    return record


@lru_cache(maxsize=256)
def _role(role_profile_version_id: int, definition_json: str) -> RoleProfile:
    return questionnaires.role_from_mapping(json.loads(definition_json))


def campaign_context(campaign: Any) -> tuple[tuple[Instrument, ...], RoleProfile | None]:
    """The instruments and role profile a campaign's records refer to."""
    try:
        instruments = questionnaires.load_pinned(campaign.instruments or [])
    except questionnaires.InstrumentError:
        instruments = ()  # a pinned version no longer installed: bands show their ids
    version = campaign.role_profile
    role = None
    if version is not None:
        role = _role(version.id, json.dumps(version.definition, sort_keys=True))
    return instruments, role


def shown(stored: Mapping[str, Any], campaign: Any) -> dict[str, Any]:
    """:func:`with_texts` for a record of a candidate of ``campaign``."""
    instruments, role = campaign_context(campaign)
    return with_texts(stored, instruments, role)
