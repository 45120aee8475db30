"""Staff fixtures (cheap hashing, CSRF off, the two-organisation world)
shared with the panel, decision and admin tests."""

from tests.web.staff.conftest import app, rows, world  # noqa: F401
