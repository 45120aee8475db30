"""Invitation links: an unguessable token per candidate, stored only as its
SHA-256, with an expiry and one campaign.

``secrets.token_urlsafe(32)`` gives 256 random bits. Looking a token up by
its hash means the database compares hashes, never the secret itself, so
the time a lookup takes says nothing about how close a guess was.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assess.store import utcnow
from assess.store.models import Campaign, Candidate, Invitation
from assess.text_input import clean

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 64
"""Longer strings are not tokens we issued; they are refused before hashing."""
INVITATION_PATH = "/c/"
"""Where the candidate blueprint opens an invitation (``candidate.open_invitation``)."""
OPEN_STATUSES = ("invited", "started")


def hash_token(token: str) -> str:
    """The hex SHA-256 of ``token``, the only form in which it is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _expiry(campaign: Campaign, now: datetime) -> datetime:
    days = int(current_app.config.get("INVITATION_DAYS", 14))
    return min(now + timedelta(days=days), campaign.deadline)


def _issue(session: Session, candidate: Candidate, campaign: Campaign) -> str:
    token = new_token()
    now = utcnow()
    session.add(
        Invitation(
            candidate_id=candidate.id,
            token_hash=hash_token(token),
            expires_at=_expiry(campaign, now),
        )
    )
    session.flush()
    return token


def invite_candidate(
    session: Session, campaign: Campaign, *, name: str, email: str, locale: str = "en"
) -> tuple[Candidate, str]:
    """Create a candidate in ``campaign`` and their invitation.

    Returns the candidate and the plain token, which exists only in this
    return value (put it in the link, never in the database). The caller commits.
    ``ValueError`` when ``name`` or ``email`` holds a control character
    (forms and the CSV reader refuse those with a message first).
    """
    name, email = clean(name), clean(email)
    languages = list(campaign.languages or current_app.config["LANGUAGES"])
    candidate = Candidate(
        organisation_id=campaign.organisation_id,
        campaign_id=campaign.id,
        name=name,
        email=email,
        locale=locale if locale in languages else languages[0],
        shuffle_seed=secrets.randbelow(2**31 - 1),
    )
    session.add(candidate)
    session.flush()
    return candidate, _issue(session, candidate, campaign)


def resend(session: Session, candidate: Candidate) -> str:
    """Revoke the candidate's open links and issue a new one; returns its token.
    The caller commits."""
    session.execute(
        update(Invitation)
        .where(Invitation.candidate_id == candidate.id, Invitation.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return _issue(session, candidate, candidate.campaign)


def invitation_link(token: str) -> str:
    """The link for an e-mail, built from ``BASE_URL`` (never the request's Host)."""
    return current_app.config["BASE_URL"].rstrip("/") + INVITATION_PATH + token


def is_open(invitation: Invitation, now: datetime | None = None) -> bool:
    """True while the link may be used: not revoked, not expired, and the
    candidate has neither finished, declined nor been erased."""
    return link_open(invitation.revoked_at, invitation.expires_at, invitation.candidate.status, now)


def link_open(
    revoked_at: datetime | None,
    expires_at: datetime,
    candidate_status: str,
    now: datetime | None = None,
) -> bool:
    """``is_open`` on the columns themselves, for callers that read them
    without loading the invitation and candidate rows."""
    now = now or utcnow()
    return revoked_at is None and expires_at > now and candidate_status in OPEN_STATUSES


def find_invitation(session: Session, token: str) -> Invitation | None:
    """The open invitation for ``token``, or None for an unknown, revoked,
    expired or already-used one (callers show the same page for all)."""
    if not isinstance(token, str) or not 20 <= len(token) <= MAX_TOKEN_LENGTH:
        return None
    invitation = session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_token(token))
    )
    if invitation is None or not is_open(invitation):
        return None
    return invitation
