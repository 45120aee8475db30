"""Every staff route, for the table-driven access test.

Each entry names its path with placeholders filled from the test world
(``{campaign}``, ``{candidate}``, ``{role_version}``), the roles that may
open it, and whether it names one organisation's object (then a user of
another organisation must get 404, exactly as for an id that does not
exist). Blueprints added later (panel, admin, PDF downloads) append their
routes to :data:`STAFF_ROUTES`; ``test_every_staff_route_is_in_the_table``
fails until they do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RECRUITERS = ("recruiter", "admin")


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    allowed: tuple[str, ...] = RECRUITERS
    scoped: bool = True
    """Names an object of one organisation: another organisation gets 404."""
    data: dict[str, Any] = field(default_factory=dict)

    def url(self, ids: dict[str, int]) -> str:
        return self.path.format(**ids)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


STAFF_ROUTES: list[Route] = [
    Route("GET", "/recruiter/", scoped=False),
    Route("GET", "/recruiter/roles", scoped=False),
    Route("POST", "/recruiter/roles/start", scoped=False, data={"example": "airport-agent-night"}),
    Route("GET", "/recruiter/roles/{role_version}"),
    Route("GET", "/recruiter/roles/{role_version}/edit"),
    Route("POST", "/recruiter/roles/{role_version}/edit"),
    Route("GET", "/recruiter/campaigns/new", scoped=False),
    Route("POST", "/recruiter/campaigns/new", scoped=False),
    Route("GET", "/recruiter/campaigns/{campaign}"),
    Route(
        "POST",
        "/recruiter/campaigns/{campaign}/invite",
        data={"name": "Eero", "email": "eero@example.org", "locale": "fi"},
    ),
    Route("POST", "/recruiter/campaigns/{campaign}/invite-csv"),
    Route("POST", "/recruiter/candidates/{candidate}/resend"),
    Route("GET", "/recruiter/campaigns/{campaign}/results"),
    Route("GET", "/recruiter/candidates/{candidate}"),
    Route("GET", "/recruiter/campaigns/{campaign}/compare?candidate={candidate}"),
    Route("GET", "/recruiter/campaigns/{campaign}/export.csv"),
    Route("GET", "/recruiter/campaigns/{campaign}/export.json"),
]

PANEL = ("panel",)
ADMIN = ("admin",)

# Panel, decision, data-protection and admin screens. Panel members' own
# pages are scoped by assignment and admin pages by role first, so their
# cross-organisation and unassigned cases live in tests/web/panel and
# tests/web/admin (a recruiter of another organisation gets 403 there).
STAFF_ROUTES += [
    Route("GET", "/panel/", allowed=PANEL, scoped=False),
    Route("GET", "/panel/candidates/{candidate}", allowed=PANEL, scoped=False),
    Route("POST", "/panel/candidates/{candidate}", allowed=PANEL, scoped=False),
    Route("GET", "/panel/campaigns/{campaign}"),
    Route("POST", "/panel/campaigns/{campaign}/assign"),
    Route("GET", "/recruiter/candidates/{candidate}/decision"),
    Route("POST", "/recruiter/candidates/{candidate}/decision"),
    Route("GET", "/recruiter/candidates/{candidate}/erase"),
    Route("POST", "/recruiter/candidates/{candidate}/erase"),
    Route("GET", "/recruiter/candidates/{candidate}/data-export.json"),
    Route("GET", "/admin/", allowed=ADMIN, scoped=False),
    Route("GET", "/admin/users", allowed=ADMIN, scoped=False),
    Route("POST", "/admin/users", allowed=ADMIN, scoped=False),
    Route("POST", "/admin/users/{user}/disable", allowed=ADMIN, scoped=False),
    Route("POST", "/admin/users/{user}/enable", allowed=ADMIN, scoped=False),
    Route("POST", "/admin/users/{user}/password", allowed=ADMIN, scoped=False),
    Route("GET", "/admin/organisation", allowed=ADMIN, scoped=False),
    Route("POST", "/admin/organisation", allowed=ADMIN, scoped=False),
    Route("GET", "/admin/instruments", allowed=ADMIN, scoped=False),
    Route("GET", "/admin/audit", allowed=ADMIN, scoped=False),
    Route("GET", "/admin/campaigns/{campaign}/items", allowed=ADMIN, scoped=False),
    Route("GET", "/admin/campaigns/{campaign}/fairness", allowed=ADMIN, scoped=False),
    Route("GET", "/admin/campaigns/{campaign}/norms", allowed=ADMIN, scoped=False),
    Route("POST", "/admin/campaigns/{campaign}/norms", allowed=ADMIN, scoped=False),
    Route("POST", "/admin/campaigns/{campaign}/rescore", allowed=ADMIN, scoped=False),
    Route("GET", "/admin/campaigns/{campaign}/demographics", allowed=ADMIN, scoped=False),
    Route("POST", "/admin/campaigns/{campaign}/demographics", allowed=ADMIN, scoped=False),
]

# PDF downloads (assess/web/recruiter/downloads.py). An object without
# scores answers with a page saying so, hence 200 in the world here.
STAFF_ROUTES += [
    Route("GET", "/recruiter/candidates/{candidate}/report.pdf"),
    Route("GET", "/recruiter/campaigns/{campaign}/panel-pack.pdf"),
    Route("GET", "/recruiter/campaigns/{campaign}/item-analysis.pdf", allowed=ADMIN, scoped=False),
]

URL_PLACEHOLDERS = {
    "<int:campaign_id>": "{campaign}",
    "<int:candidate_id>": "{candidate}",
    "<int:version_id>": "{role_version}",
    "<int:user_id>": "{user}",
}
"""How a Flask rule's variables read in the table's paths; a blueprint with
other variables adds them here and the object to ``World.ids``."""

PUBLIC_PREFIXES = ("/staff/", "/static/", "/c/", "/healthz", "/readyz")
"""Paths open without signing in (sign-in pages, assets, candidate links,
health endpoints)."""
