"""Password hashing with argon2id (argon2-cffi).

The cost profile comes from ``ARGON2_PROFILE`` (a name in
``argon2.profiles``; the library's default, RFC 9106 low-memory, when
unset). Hashes record their own parameters, so a changed profile applies to
new hashes and :func:`needs_rehash` upgrades old ones at the next login.
"""

from __future__ import annotations

from functools import cache

import argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app

MIN_LENGTH = 12
"""Shortest password accepted for a staff account (NIST SP 800-63B allows 8;
these accounts open personal data about applicants)."""


@cache
def _hasher(profile: str | None) -> argon2.PasswordHasher:
    if profile is None:
        return argon2.PasswordHasher()
    return argon2.PasswordHasher.from_parameters(getattr(argon2.profiles, profile))


def hasher() -> argon2.PasswordHasher:
    return _hasher(current_app.config.get("ARGON2_PROFILE"))


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; a malformed hash never matches."""
    try:
        return hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher().check_needs_rehash(password_hash)


@cache
def _dummy_hash(profile: str | None) -> str:
    return _hasher(profile).hash("not a password of anyone")


def verify_dummy(password: str) -> bool:
    """Spend the time a real verification takes, for an unknown e-mail
    address, so response timing does not tell which addresses have
    accounts. Always ``False``."""
    verify_password(_dummy_hash(current_app.config.get("ARGON2_PROFILE")), password)
    return False


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable for a staff account, or None."""
    if len(password) < MIN_LENGTH:
        return f"use at least {MIN_LENGTH} characters"
    if password.strip() != password:
        return "do not begin or end with spaces"
    return None
