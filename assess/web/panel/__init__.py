"""The hiring panel's blueprint: members rate their assigned candidates on
the role's anchored competencies; recruiters assign members and read the
panel's summary with its agreement."""

from assess.web.panel.views import bp

__all__ = ["bp"]
