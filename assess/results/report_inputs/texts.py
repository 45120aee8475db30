"""The few texts the adapter writes itself, in English and Finnish.

Everything else a report shows comes from the instrument and role
definitions (already bilingual) or from ``reports.labels``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "index.long_string": "Same answer in a row",
        "index.irv": "Variation between answers",
        "index.even_odd": "Even-odd consistency",
        "index.mahalanobis_p": "Unusual answer pattern",
        "index.instructed_failures": "Instructed items missed",
        "index.impression_management": "Favourable self-description",
        "index.inconsistency": "Inconsistent item pairs",
        "index.too_fast": "Pages answered very fast",
        "strength": "{name}: {band}",
        "situational": "Agreed with the expert key on average {mean} of 100 across "
        "{count} scenario(s); closest in {best}, furthest in {worst}.",
        "situational.none": "No situational-judgement scenario could be scored.",
        "scenario.incomplete": "{rated} of {options} options rated",
        "sample": "{campaign}: {n} completed candidate(s)",
        "impact.variable": "{field} (role-fit score above the median)",
        "field.gender": "Gender",
        "field.age_band": "Age group",
        "field.first_language": "First language",
        "field.disability": "Disability",
        "reference": "Candidate {id}",
    },
    "fi": {
        "index.long_string": "Sama vastaus peräkkäin",
        "index.irv": "Vastausten vaihtelu",
        "index.even_odd": "Parillis-pariton-johdonmukaisuus",
        "index.mahalanobis_p": "Poikkeava vastauskuvio",
        "index.instructed_failures": "Ohjeistetut väittämät väärin",
        "index.impression_management": "Myönteinen itsekuvaus",
        "index.inconsistency": "Ristiriitaiset väittämäparit",
        "index.too_fast": "Hyvin nopeasti vastatut sivut",
        "strength": "{name}: {band}",
        "situational": "Arviot vastasivat asiantuntijoiden arvioita keskimäärin {mean}/100 "
        "{count} tilanteessa; lähimpänä tilanteessa {best}, kauimpana tilanteessa {worst}.",
        "situational.none": "Yhtään tilannearviointitehtävää ei voitu pisteyttää.",
        "scenario.incomplete": "{rated}/{options} vaihtoehtoa arvioitu",
        "sample": "{campaign}: {n} vastannutta hakijaa",
        "impact.variable": "{field} (sopivuuspisteet yli mediaanin)",
        "field.gender": "Sukupuoli",
        "field.age_band": "Ikäryhmä",
        "field.first_language": "Äidinkieli",
        "field.disability": "Vamma",
        "reference": "Hakija {id}",
    },
}

DEVELOPMENT_MARKERS = ("Development focus:", "Kehityskohde:")
"""Where a band text turns from description to advice (the instruments'
convention), so the feedback report can show the advice on its own."""


def text(language: str, key: str, **values: Any) -> str:
    """The adapter's own text ``key`` in ``language`` (English as fallback)."""
    table = TEXTS.get(language, TEXTS["en"])
    return table[key].format(**values) if values else table[key]


def localized(value: Any, language: str) -> str:
    """A ``{"en": ..., "fi": ...}`` mapping (or a plain string) in ``language``."""
    if isinstance(value, Mapping):
        return str(value.get(language) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def instrument_titles(instruments: Sequence[Any], language: str) -> str:
    """The instruments' titles as a report header shows them."""
    return " + ".join(localized(i.title, language) for i in instruments)


def instrument_versions(instruments: Sequence[Any]) -> str:
    """``"service-composure 1.0, service-judgement 1.0"``: what produced the scores."""
    return ", ".join(f"{i.id} {i.version}" for i in instruments)


def split_advice(band_text: str) -> tuple[str, str]:
    """A band text as (description, development advice); advice may be empty."""
    for marker in DEVELOPMENT_MARKERS:
        head, found, tail = band_text.partition(marker)
        if found:
            return head.strip(), tail.strip()
    return band_text.strip(), ""
