"""The recruiter's blueprint: role profiles, campaigns, invitations,
results with their precision, comparison and export."""

from assess.web.recruiter import campaign_views, downloads, result_views, role_views  # noqa: F401
from assess.web.recruiter.views import bp

__all__ = ["bp"]
