"""What an instrument and a role profile are, once loaded and validated.

These frozen dataclasses are the contract between ``questionnaires/`` (which
builds them from YAML) and everything that asks, scores or reports. Every
text a person reads is a ``Localized`` mapping with one entry per language in
``LANGUAGES``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "fi")

Localized = Mapping[str, str]
"""Text per language code, e.g. ``{"en": "Greeting", "fi": "Tervehdys"}``."""


@dataclass(frozen=True)
class ResponseScale:
    """The integer answer range of Likert items, e.g. 1-5 or 1-6."""

    min: int
    max: int
    labels: Mapping[int, Localized]

    @property
    def points(self) -> tuple[int, ...]:
        return tuple(range(self.min, self.max + 1))


@dataclass(frozen=True)
class Band:
    """An interpretation band: raw scores in ``[min, max]`` read as ``label``."""

    id: str
    min: float
    max: float
    label: Localized
    text: Localized


@dataclass(frozen=True)
class Facet:
    id: str
    name: Localized
    description: Localized
    bands: tuple[Band, ...] = ()


@dataclass(frozen=True)
class Scale:
    """A scored scale. Likert scales report the mean of keyed items on the
    response metric; situational-judgement scales report 0-100."""

    id: str
    name: Localized
    description: Localized
    facets: tuple[Facet, ...] = ()
    bands: tuple[Band, ...] = ()


@dataclass(frozen=True)
class Item:
    """A Likert item. ``key`` is +1 (agreement scores high) or -1 (reverse)."""

    id: str
    text: Localized
    scale: str
    key: int
    facet: str | None = None


@dataclass(frozen=True)
class InstructedItem:
    """An item that tells the candidate which answer to give."""

    id: str
    text: Localized
    expected: int


@dataclass(frozen=True)
class ConsistencyPair:
    """Two items a consistent candidate answers alike after keying."""

    first: str
    second: str


@dataclass(frozen=True)
class ImpressionManagement:
    """Implausibly virtuous claims; the score is the mean answer on the
    response metric, flagged at or above ``flag_at``."""

    items: tuple[Item, ...]
    flag_at: float


@dataclass(frozen=True)
class Validity:
    impression_management: ImpressionManagement | None = None
    instructed: tuple[InstructedItem, ...] = ()
    consistency_pairs: tuple[ConsistencyPair, ...] = ()


@dataclass(frozen=True)
class ScenarioOption:
    """A response option; ``rating`` is the expert effectiveness rating 1-5."""

    id: str
    text: Localized
    rating: int
    rationale: Localized


@dataclass(frozen=True)
class Scenario:
    """A situational-judgement scenario. The candidate rates every option's
    effectiveness on the 1-5 ``Instrument.effectiveness_scale``."""

    id: str
    text: Localized
    scale: str
    options: tuple[ScenarioOption, ...]


@dataclass(frozen=True)
class ScaleNorm:
    """A norm for one scale on its raw metric: mean and SD, or a percentile
    table of (raw score, percentile) pairs, with source and N."""

    scale: str
    source: str
    n: int
    mean: float | None = None
    sd: float | None = None
    percentiles: tuple[tuple[float, float], ...] = ()
    reliability: float | None = None
    """Reliability (alpha) in the norm sample; with ``sd`` it gives the SEM."""
    simulated: bool = False
    id: str | None = None
    """Which stored norm this is (a local norm group's id); None for an
    instrument's own norm, which its instrument id and version name."""


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    title: Localized
    instructions: Localized
    response_scale: ResponseScale
    scales: tuple[Scale, ...]
    items: tuple[Item, ...] = ()
    validity: Validity = field(default_factory=Validity)
    scenarios: tuple[Scenario, ...] = ()
    norms: tuple[ScaleNorm, ...] = ()
    min_answered: float = 0.8
    """Share of a scale's items that must be answered for it to be scored."""
    effectiveness_scale: ResponseScale | None = None
    """The 1-5 scale on which candidates rate scenario options."""
    source: Path | None = None

    def scale(self, scale_id: str) -> Scale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def scale_items(self, scale_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scale == scale_id)

    @property
    def all_likert_items(self) -> tuple[Item | InstructedItem, ...]:
        """Every item answered on the response scale, in presentation order:
        scored items, then impression management, then instructed items.
        Questionnaire pages interleave them; scoring looks them up by id."""
        im = self.validity.impression_management
        return (*self.items, *(im.items if im else ()), *self.validity.instructed)


@dataclass(frozen=True)
class ScaleRequirement:
    """A role's demand on one scale: its weight in the composite and the
    must-reach bar on the scale's raw metric (1-5 mean, or 0-100 for
    situational judgement)."""

    scale: str
    weight: float
    bar: float


@dataclass(frozen=True)
class FitBand:
    """A role-fit band on the composite's 0-100 metric (percent of the
    maximum possible). ``requires_all_bars`` bands apply only when every
    must-reach bar is met."""

    id: str
    min: float
    label: Localized
    text: Localized
    requires_all_bars: bool = False


@dataclass(frozen=True)
class Competency:
    """A behaviourally anchored interview competency; ``anchors`` maps each
    rating level (1-5) to what that level looks like."""

    id: str
    name: Localized
    description: Localized
    anchors: Mapping[int, Localized]
    scales: tuple[str, ...] = ()
    questions: tuple[Localized, ...] = ()


@dataclass(frozen=True)
class RoleProfile:
    id: str
    version: str
    title: Localized
    description: Localized
    instruments: tuple[str, ...]
    requirements: tuple[ScaleRequirement, ...]
    fit_bands: tuple[FitBand, ...]
    competencies: tuple[Competency, ...]
    source: Path | None = None
