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

PUBLIC_PREFIXES = ("/staff/", "/static/", "/c/")
"""Paths open without signing in (sign-in pages, assets, candidate links)."""
