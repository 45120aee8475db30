"""The scoring pipeline: instruments and answers in, result records out.

The one place that turns answers into the result record
(:mod:`assess.results.record`) every screen, report, job and command reads:
raw scale and facet scores with their SEM and intervals, normed scores
(labelled with the norm used), bands, validity indices, situational-judgement
detail and role fit. Arrays for the whole batch first
(:func:`~assess.results.pipeline.candidates.score_arrays`, the Likert answers
in one fused pass), records after
(:func:`~assess.results.pipeline.candidates.build_records`).

>>> from assess.results.pipeline import score_answers  # doctest: +SKIP
>>> record = score_answers([instrument], {"so01": 4, "so02": 5}, role=role)  # doctest: +SKIP
"""

from assess.results.pipeline.analysis import analyze, compare
from assess.results.pipeline.candidates import (
    SCORING_VERSION,
    build_records,
    score_answers,
    score_arrays,
    score_candidates,
)

__all__ = [
    "SCORING_VERSION",
    "analyze",
    "build_records",
    "compare",
    "score_answers",
    "score_arrays",
    "score_candidates",
]
