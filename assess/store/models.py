"""The stored facts, as SQLAlchemy 2 typed models.

Portable column types only (SQLite and PostgreSQL). Every row that belongs
to a tenant carries ``organisation_id`` so access checks are one filter.
Personal data about a candidate lives in rows that cascade from
``Candidate`` so erasure is one delete plus an anonymising update;
demographics are a separate table that nothing in scoring reads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assess.store.db import Base, utcnow

USER_ROLES = ("admin", "recruiter", "panel")
CANDIDATE_STATUSES = ("invited", "started", "completed", "expired", "declined", "erased")
JOB_STATUSES = ("pending", "running", "success", "failed")
DECISION_OUTCOMES = ("advance", "hire", "hold", "reject")


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    privacy_contact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    """A staff account. ``session_version`` is copied into the login session
    and bumped at logout, disable and password reset, so a copied cookie
    stops working on every host."""

    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint("role IN ('admin', 'recruiter', 'panel')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(5), default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()


class RoleProfileVersion(Base):
    """One immutable version of a role profile; ``definition`` is the
    validated YAML mapping (the form ``questionnaires`` loads)."""

    __tablename__ = "role_profile_version"
    __table_args__ = (UniqueConstraint("organisation_id", "profile_key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    profile_key: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Campaign(Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role_profile_version_id: Mapped[int] = mapped_column(ForeignKey("role_profile_version.id"))
    name: Mapped[str] = mapped_column(String(200))
    instruments: Mapped[list[Any]]
    """``[{"id": "service-composure", "version": "1.0"}, ...]`` pinned at creation."""
    languages: Mapped[list[Any]]
    deadline: Mapped[datetime]
    retention_months: Mapped[int] = mapped_column(Integer, default=24)
    feedback_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    role_profile: Mapped[RoleProfileVersion] = relationship()


class Candidate(Base):
    __tablename__ = "candidate"
    __table_args__ = (
        CheckConstraint(
            "status IN ('invited', 'started', 'completed', 'expired', 'declined', 'erased')",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    locale: Mapped[str] = mapped_column(String(5), default="en")
    status: Mapped[str] = mapped_column(String(20), default="invited")
    shuffle_seed: Mapped[int] = mapped_column(Integer)
    consent_at: Mapped[datetime | None]
    consent_notice_version: Mapped[str | None] = mapped_column(String(40))
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    campaign: Mapped[Campaign] = relationship()


class Invitation(Base):
    """An invitation link. Only the SHA-256 of the token is stored."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    first_opened_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    candidate: Mapped[Candidate] = relationship()


class Answer(Base):
    """One answer to one Likert item or one scenario option
    (``item_id`` = ``"<scenario>.<option>"``), with the timing of the page it
    was given on. One row per candidate and item: a resubmitted page updates."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("candidate_id", "instrument_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    instrument_id: Mapped[str] = mapped_column(String(80))
    item_id: Mapped[str] = mapped_column(String(120))
    value: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer)
    page_seconds: Mapped[float | None] = mapped_column(Float)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Submission(Base):
    """The final submit. Unique per candidate: a double submit cannot create two."""

    __tablename__ = "submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), unique=True
    )
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScoreRecord(Base):
    """An immutable scoring of one candidate. Re-scoring adds a new row;
    ``result`` is the result record (:mod:`assess.results.record`,
    docs/result-format.md), written only by
    :func:`assess.results.store.store_result`."""

    __tablename__ = "score_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    instrument_versions: Mapped[dict[str, Any]]
    scoring_version: Mapped[str] = mapped_column(String(40))
    role_profile_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("role_profile_version.id")
    )
    norm_basis: Mapped[str] = mapped_column(String(300))
    result: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


@event.listens_for(ScoreRecord, "before_update")
def _score_records_are_immutable(mapper: Any, connection: Any, target: ScoreRecord) -> None:
    raise ValueError("score records are immutable: re-scoring creates a new record")


class NormGroup(Base):
    """Norms for one instrument version: per scale mean, SD and the sorted
    raw scores (for empirical percentile ranks), with source and N."""

    __tablename__ = "norm_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    instrument_id: Mapped[str] = mapped_column(String(80))
    instrument_version: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(300))
    n: Mapped[int] = mapped_column(Integer)
    simulated: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PanelAssignment(Base):
    __tablename__ = "panel_assignment"
    __table_args__ = (UniqueConstraint("candidate_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    submitted_at: Mapped[datetime | None]
    """When this member submitted their ratings; others' stay hidden until then."""


class Rating(Base):
    __tablename__ = "rating"
    __table_args__ = (
        UniqueConstraint("candidate_id", "user_id", "competency_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    competency_id: Mapped[str] = mapped_column(String(80))
    rating: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Decision(Base):
    """A hiring decision by a named person, with a required rationale.
    Later decisions supersede earlier ones; all are kept."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    outcome: Mapped[str] = mapped_column(String(20))
    rationale: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Demographic(Base):
    """Voluntary answers for fairness audits, kept apart from answers and
    never read by scoring."""

    __tablename__ = "demographic"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), unique=True
    )
    data: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportFile(Base):
    """A rendered PDF, cached by the hash of its input. Kept in the database
    so every app host can serve it; cascades away with its candidate."""

    __tablename__ = "report_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    input_hash: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Job(Base):
    """A background job's state: pending -> running -> success | failed.
    ``params`` holds ids only, never personal data."""

    __tablename__ = "job"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'running', 'success', 'failed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    report_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_file.id", ondelete="SET NULL")
    )
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class AuditEvent(Base):
    """Who did what, when. Refers to objects by id only, so it survives
    erasure without keeping personal data."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class RateLimitHit(Base):
    """Counts attempts per key and fixed window, shared by all app hosts."""

    __tablename__ = "rate_limit_hit"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
