"""The optional "about you" page a candidate may fill in after submitting:
voluntary demographic answers for the organisation's fairness audits,
stored apart from the questionnaire answers (``Demographic``), read only by
the admin's fairness report and never by scoring."""

from assess.web.demographics.views import bp

__all__ = ["bp"]
