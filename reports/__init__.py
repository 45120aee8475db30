"""ReportLab builders: a frozen dataclass in, PDF bytes out.

Each report is two steps: the caller fills a snapshot from ``reports.model``
with numbers already computed and texts already in the report's language;
``build_<report>(data)`` lays it out and returns the PDF bytes. Nothing here
reads a database or recomputes a score. ``filename`` and
``content_disposition`` name the download.
"""

from reports.candidate import build_candidate_report
from reports.download import content_disposition, filename
from reports.feedback import build_feedback_report
from reports.item_analysis import build_item_analysis_report
from reports.model import (
    CandidateReport,
    CompetencyAgreement,
    CompetencySheet,
    FacetScore,
    FeedbackReport,
    FeedbackScale,
    Fit,
    ImpactRow,
    InterviewQuestion,
    ItemAnalysisReport,
    ItemStatistic,
    NormBasis,
    PanelCandidate,
    PanelPack,
    PanelRating,
    ReliabilityRow,
    ScaleKey,
    ScaleScore,
    ScenarioResult,
    ScoringAppendix,
    ValidityFlag,
)
from reports.panel import build_panel_pack

__all__ = [
    "CandidateReport",
    "CompetencyAgreement",
    "CompetencySheet",
    "FacetScore",
    "FeedbackReport",
    "FeedbackScale",
    "Fit",
    "ImpactRow",
    "InterviewQuestion",
    "ItemAnalysisReport",
    "ItemStatistic",
    "NormBasis",
    "PanelCandidate",
    "PanelPack",
    "PanelRating",
    "ReliabilityRow",
    "ScaleKey",
    "ScaleScore",
    "ScenarioResult",
    "ScoringAppendix",
    "ValidityFlag",
    "build_candidate_report",
    "build_feedback_report",
    "build_item_analysis_report",
    "build_panel_pack",
    "content_disposition",
    "filename",
]
