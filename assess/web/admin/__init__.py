"""The admin's blueprint: users and the organisation, instruments in use,
item analysis, the fairness report, local norms, voluntary demographic
data and the audit log."""

from assess.web.admin import analysis_views, audit_views, user_views  # noqa: F401
from assess.web.admin.views import bp

__all__ = ["bp"]
