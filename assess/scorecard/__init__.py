"""Instruments and answers in, the JSON-ready scorecard out.

The one place that turns an instrument's answers into what every screen,
report, job and command shows: raw scale and facet scores with their SEM and
intervals, normed scores (labelled with their norm's source), bands,
validity indices, situational-judgement detail and role fit.

>>> from assess.scorecard import score_answers  # doctest: +SKIP
>>> result = score_answers([instrument], {"so01": 4, "so02": 5}, role=role)  # doctest: +SKIP
"""

from assess.scorecard.analysis import analyze, compare
from assess.scorecard.candidates import SCORING_VERSION, score_answers, score_candidates

__all__ = ["SCORING_VERSION", "analyze", "compare", "score_answers", "score_candidates"]
