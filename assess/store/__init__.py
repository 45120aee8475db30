"""Storage: SQLAlchemy models and the database handle."""

from assess.store.db import Base, db, utcnow

__all__ = ["Base", "db", "utcnow"]
