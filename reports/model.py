"""What each report shows: frozen, fully computed snapshots.

The caller (``assess``) fills these from scored results: numbers are the
engine's own (never recomputed here), texts are already in the report's
``language`` (``"en"`` or ``"fi"``). Intervals are ``(low, high)`` tuples on
the same metric as the score they belong to. A ``None`` number prints as a
dash; a scale that could not be scored has ``raw=None`` and a
``missing_reason``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Interval = tuple[float, float]


@dataclass(frozen=True)
class NormBasis:
    """Where T-scores, stens and percentiles come from; ``source=None`` means
    no norm group (criterion-referenced bands on the raw metric)."""

    source: str | None = None
    n: int | None = None
    simulated: bool = False


@dataclass(frozen=True)
class FacetScore:
    """A facet's raw mean (response metric) with its band and band text."""

    id: str
    name: str
    raw: float | None
    band: str = ""
    band_rank: int | None = None
    """1 = lowest band of the facet."""
    interpretation: str = ""
    sem: float | None = None
    ci90: Interval | None = None


@dataclass(frozen=True)
class ScaleScore:
    """One scale's result on its raw metric (``metric_min``-``metric_max``:
    1-5 mean for Likert scales, 0-100 for situational judgement)."""

    id: str
    name: str
    raw: float | None
    metric_min: float
    metric_max: float
    sem: float | None = None
    ci90: Interval | None = None
    ci95: Interval | None = None
    t: float | None = None
    sten: int | None = None
    percentile: float | None = None
    band: str = ""
    band_rank: int | None = None
    """1 = lowest band; with ``band_count`` it colours the heat map."""
    band_count: int | None = None
    interpretation: str = ""
    bar: float | None = None
    """The role's must-reach bar on this scale's raw metric, if any."""
    weight: float | None = None
    n_answered: int | None = None
    n_items: int | None = None
    missing_reason: str = ""
    facets: tuple[FacetScore, ...] = ()

    @property
    def straddles_bar(self) -> bool:
        """True when the 90% interval contains the bar: the score cannot say
        whether the bar is met (AERA/APA/NCME Standards 2.14)."""
        return (
            self.bar is not None
            and self.ci90 is not None
            and self.ci90[0] < self.bar < self.ci90[1]
        )


@dataclass(frozen=True)
class Fit:
    """Role fit on the composite's 0-100 metric (POMP, weighted)."""

    composite: float | None
    band: str
    band_id: str = ""
    band_text: str = ""
    sem: float | None = None
    ci90: Interval | None = None
    ci95: Interval | None = None
    reliability: float | None = None
    """Mosier (1943) composite reliability."""
    bars_met: bool | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValidityFlag:
    """A raised validity index: its name, the formatted value, and what it
    means for the reader."""

    index: str
    value: str
    explanation: str


@dataclass(frozen=True)
class ScenarioResult:
    """One situational-judgement scenario: agreement with the expert key 0-100."""

    scenario: str
    agreement: float | None
    comment: str = ""


@dataclass(frozen=True)
class InterviewQuestion:
    facet: str
    question: str


@dataclass(frozen=True)
class ScaleKey:
    """How one scale is scored: item ids as given and reversed, and the norm
    mean, SD and reliability behind its SEM and T-score."""

    scale: str
    keyed: tuple[str, ...]
    reversed: tuple[str, ...] = ()
    mean: float | None = None
    sd: float | None = None
    reliability: float | None = None


@dataclass(frozen=True)
class ScoringAppendix:
    response_min: int
    response_max: int
    min_answered: float = 0.8
    keys: tuple[ScaleKey, ...] = ()
    composite_reliability: float | None = None


@dataclass(frozen=True)
class CandidateReport:
    """The recruiter's report on one candidate."""

    language: str
    candidate: str
    reference: str
    organisation: str
    role: str
    campaign: str
    date: str
    instrument: str
    instrument_version: str
    scoring_version: str
    norms: NormBasis
    fit: Fit
    scales: tuple[ScaleScore, ...]
    appendix: ScoringAppendix
    strengths: tuple[str, ...] = ()
    development: tuple[str, ...] = ()
    situational_summary: str = ""
    situational: tuple[ScenarioResult, ...] = ()
    validity: tuple[ValidityFlag, ...] = ()
    interview_questions: tuple[InterviewQuestion, ...] = ()
    author: str = ""
    """The person or service producing the report (PDF metadata)."""


@dataclass(frozen=True)
class PanelCandidate:
    """One candidate in a panel pack. ``group`` holds the letters of the
    groups whose members cannot be told apart at 95%, e.g. ``"A"`` or
    ``"AB"``."""

    reference: str
    name: str
    rank: int
    fit: Fit
    scales: tuple[ScaleScore, ...]
    group: str = ""
    strengths: tuple[str, ...] = ()
    development: tuple[str, ...] = ()
    validity: tuple[ValidityFlag, ...] = ()


@dataclass(frozen=True)
class CompetencySheet:
    """A behaviourally anchored competency for the interview sheet;
    ``anchors`` are the texts of levels 1-5 in order."""

    name: str
    description: str
    anchors: tuple[str, ...]
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompetencyAgreement:
    """ICC(2,k) (Shrout & Fleiss 1979; McGraw & Wong: two-way random,
    absolute agreement, mean of k raters) for one competency."""

    competency: str
    icc: float | None
    ci95: Interval | None = None
    raters: int = 0
    candidates: int = 0


@dataclass(frozen=True)
class PanelRating:
    """The panel's ratings (1-5) of one candidate on one competency, one per
    rater in ``PanelPack.raters`` order; ``None`` where a rater gave none."""

    candidate_reference: str
    competency: str
    ratings: tuple[float | None, ...]
    notes: tuple[str, ...] = ()

    @property
    def spread(self) -> float | None:
        given = [r for r in self.ratings if r is not None]
        return max(given) - min(given) if len(given) >= 2 else None


@dataclass(frozen=True)
class PanelPack:
    """Everything the hiring panel compares; ``candidates`` in rank order."""

    language: str
    organisation: str
    role: str
    campaign: str
    date: str
    instrument: str
    instrument_version: str
    scoring_version: str
    norms: NormBasis
    candidates: tuple[PanelCandidate, ...]
    competencies: tuple[CompetencySheet, ...] = ()
    raters: tuple[str, ...] = ()
    agreement: tuple[CompetencyAgreement, ...] = ()
    ratings: tuple[PanelRating, ...] = ()
    fit_thresholds: tuple[tuple[str, float], ...] = ()
    """Fit band labels with their lower bounds on the 0-100 composite."""
    author: str = ""


@dataclass(frozen=True)
class FeedbackScale:
    """One scale as the candidate reads it: name, band, what it means, advice."""

    name: str
    description: str
    band: str
    band_rank: int
    band_count: int
    text: str
    advice: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedbackReport:
    """The candidate's own developmental report, in the candidate's language."""

    language: str
    candidate: str
    organisation: str
    role: str
    date: str
    instrument: str
    scales: tuple[FeedbackScale, ...]
    strengths: tuple[str, ...] = ()
    author: str = ""


@dataclass(frozen=True)
class ReliabilityRow:
    scale: str
    alpha: float | None
    alpha_ci95: Interval | None
    omega: float | None
    n: int
    items: int


@dataclass(frozen=True)
class ItemStatistic:
    item: str
    scale: str
    text: str
    mean: float | None
    sd: float | None
    citc: float | None
    """Corrected item-total correlation (item with the sum of the others)."""
    alpha_if_deleted: float | None
    n: int


@dataclass(frozen=True)
class ImpactRow:
    """Selection by group against the group with the highest rate."""

    variable: str
    group: str
    n: int
    selected: int
    rate: float | None
    impact_ratio: float | None
    fisher_p: float | None
    below_four_fifths: bool


@dataclass(frozen=True)
class ItemAnalysisReport:
    language: str
    organisation: str
    instrument: str
    instrument_version: str
    date: str
    sample: str
    """Who the statistics come from, e.g. "airport-agent 2026, N = 412"."""
    reliability: tuple[ReliabilityRow, ...]
    items: tuple[ItemStatistic, ...]
    impact: tuple[ImpactRow, ...] = ()
    unknown_excluded: int = 0
    citc_threshold: float = 0.30
    small_group: int = 30
    """Groups with fewer people than this carry a small-sample warning."""
    notes: tuple[str, ...] = field(default_factory=tuple)
    author: str = ""
