"""What the recruiter's views do, apart from HTTP: role profile versions,
campaigns, invitations. Functions take and change rows in the request's
session; the view commits once."""

from __future__ import annotations

import copy
import csv
import io
import smtplib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import questionnaires
from assess.store.models import Campaign, Candidate, RoleProfileVersion, User
from assess.text_input import control_character, normalise
from assess.web import mail
from assess.web.invitations import invitation_link, invite_candidate, resend
from assess.web.recruiter.fields import MAX_CSV_ROWS, is_email


class RoleProblems(ValueError):
    """A role profile that does not validate; ``messages`` say where and why."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("; ".join(messages))


def validate_role(definition: dict[str, Any]) -> questionnaires.model.RoleProfile:
    """The role profile in ``definition``, or :class:`RoleProblems`."""
    try:
        return questionnaires.role_from_mapping(definition, source="role profile")
    except questionnaires.InstrumentError as error:
        raise RoleProblems([f"{p.path}: {p.message}" for p in error.problems]) from error


def latest_versions(session: Session, organisation_id: int) -> list[RoleProfileVersion]:
    """The newest version of each of the organisation's role profiles."""
    newest = (
        select(RoleProfileVersion.profile_key, func.max(RoleProfileVersion.version).label("v"))
        .where(RoleProfileVersion.organisation_id == organisation_id)
        .group_by(RoleProfileVersion.profile_key)
        .subquery()
    )
    query = (
        select(RoleProfileVersion)
        .join(
            newest,
            (RoleProfileVersion.profile_key == newest.c.profile_key)
            & (RoleProfileVersion.version == newest.c.v),
        )
        .where(RoleProfileVersion.organisation_id == organisation_id)
        .order_by(RoleProfileVersion.title)
    )
    return list(session.scalars(query))


def versions_of(session: Session, organisation_id: int, key: str) -> list[RoleProfileVersion]:
    query = (
        select(RoleProfileVersion)
        .where(
            RoleProfileVersion.organisation_id == organisation_id,
            RoleProfileVersion.profile_key == key,
        )
        .order_by(RoleProfileVersion.version.desc())
    )
    return list(session.scalars(query))


def start_from_example(session: Session, user: User, example_id: str) -> RoleProfileVersion:
    """Version 1 of a new role profile copied from a shipped example. A
    second copy of the same example gets its own key (``<id>-2``...)."""
    if example_id not in questionnaires.available_roles():
        raise LookupError(example_id)
    definition = questionnaires.role_to_mapping(questionnaires.load_role(example_id))
    taken = set(
        session.scalars(
            select(RoleProfileVersion.profile_key).where(
                RoleProfileVersion.organisation_id == user.organisation_id
            )
        )
    )
    key, number = example_id, 1
    while key in taken:
        number += 1
        key = f"{example_id}-{number}"
    return _add_version(session, user, key, 1, definition)


def save_new_version(
    session: Session, user: User, base: RoleProfileVersion, definition: dict[str, Any]
) -> RoleProfileVersion:
    """Validate ``definition`` and store it as the profile's next version;
    earlier versions stay as they were (campaigns pin them)."""
    newest = session.scalar(
        select(func.max(RoleProfileVersion.version)).where(
            RoleProfileVersion.organisation_id == base.organisation_id,
            RoleProfileVersion.profile_key == base.profile_key,
        )
    )
    return _add_version(session, user, base.profile_key, (newest or 0) + 1, definition)


def _add_version(
    session: Session, user: User, key: str, version: int, definition: dict[str, Any]
) -> RoleProfileVersion:
    definition = copy.deepcopy(definition)
    definition["id"] = key
    definition["version"] = str(version)
    role = validate_role(definition)
    row = RoleProfileVersion(
        organisation_id=user.organisation_id,
        profile_key=key,
        version=version,
        title=role.title["en"],
        definition=questionnaires.role_to_mapping(role),
        created_by_id=user.id,
    )
    session.add(row)
    session.flush()
    return row


def pinned_instruments(instrument_ids: list[str]) -> list[dict[str, str]]:
    """``[{"id", "version"}]`` of the installed instruments, pinned now."""
    return [{"id": i, "version": questionnaires.load(i).version} for i in instrument_ids]


def deadline_at(day: date) -> datetime:
    """The end of ``day`` in UTC: a deadline includes its whole day."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def create_campaign(session: Session, user: User, data: dict[str, Any]) -> Campaign:
    profile = session.get(RoleProfileVersion, data["role_profile_version_id"])
    if profile is None or profile.organisation_id != user.organisation_id:
        raise LookupError("role profile version")
    missing = set(profile.definition.get("instruments", [])) - set(data["instruments"])
    if missing:
        from flask_babel import gettext as _

        raise RoleProblems(
            [_("The role profile needs these instruments: %(ids)s", ids=", ".join(sorted(missing)))]
        )
    campaign = Campaign(
        organisation_id=user.organisation_id,
        role_profile_version_id=profile.id,
        name=data["name"].strip(),
        instruments=pinned_instruments(list(data["instruments"])),
        languages=list(data["languages"]),
        deadline=deadline_at(data["deadline"]),
        retention_months=int(data["retention_months"]),
        feedback_enabled=bool(data["feedback_enabled"]),
        created_by_id=user.id,
    )
    session.add(campaign)
    session.flush()
    return campaign


@dataclass
class Invited:
    """An invitation made now: who, the link, whether it went out by e-mail."""

    candidate: Candidate
    link: str
    mailed: bool


def invite(session: Session, campaign: Campaign, name: str, email: str, locale: str) -> Invited:
    candidate, token = invite_candidate(
        session, campaign, name=name.strip(), email=email.strip(), locale=locale
    )
    return _deliver(campaign, candidate, token)


def resend_invitation(session: Session, candidate: Candidate) -> Invited:
    token = resend(session, candidate)
    return _deliver(candidate.campaign, candidate, token)


def _deliver(campaign: Campaign, candidate: Candidate, token: str) -> Invited:
    from assess.web.recruiter.invitation_mail import invitation_message

    link = invitation_link(token)
    subject, body = invitation_message(campaign, candidate, link)
    try:
        mailed = mail.send(candidate.email, subject, body)
    except (smtplib.SMTPException, OSError):
        # The link is shown to copy instead; the invitation itself stands.
        mailed = False
    return Invited(candidate, link, mailed)


@dataclass
class CsvRows:
    """A parsed invitation CSV: good rows to invite and bad rows with their
    spreadsheet row number (the header is row 1) and reasons."""

    good: list[dict[str, str]] = field(default_factory=list)
    bad: list[tuple[int, list[str]]] = field(default_factory=list)


def parse_invitation_csv(raw: bytes, languages: list[str], already_invited: set[str]) -> CsvRows:
    """Read ``name,email,locale`` rows. A missing locale takes the
    campaign's first language; an address already in the campaign or
    repeated in the file is a bad row."""
    from flask_babel import gettext as _

    result = CsvRows()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.bad.append((0, [_("The file is not UTF-8 text; save it as CSV UTF-8.")]))
        return result
    dialect = _sniff(text)
    reader = csv.reader(io.StringIO(text), dialect)
    header = [cell.strip().lower() for cell in next(reader, [])]
    if "name" not in header or "email" not in header:
        result.bad.append((1, [_("The first row must name the columns: name,email,locale")]))
        return result
    seen = {email.lower() for email in already_invited}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if number > MAX_CSV_ROWS + 1:
            result.bad.append((number, [_("Too many rows; split the file.")]))
            break
        row = {key: (cells[i].strip() if i < len(cells) else "") for i, key in enumerate(header)}
        row = {key: normalise(value) for key, value in row.items()}
        reasons = _row_problems(row, languages, seen)
        if reasons:
            result.bad.append((number, reasons))
            continue
        seen.add(row["email"].lower())
        result.good.append(
            {
                "name": row["name"],
                "email": row["email"],
                "locale": row.get("locale") or languages[0],
            }
        )
    return result


def _row_problems(row: dict[str, str], languages: list[str], seen: set[str]) -> list[str]:
    from flask_babel import gettext as _

    reasons = []
    for column in ("name", "email", "locale"):
        bad = control_character(row.get(column, ""))
        if bad is not None:
            reasons.append(
                _(
                    "the column “%(column)s” holds a control character (%(code)s)",
                    column=column,
                    code=f"U+{ord(bad):04X}",
                )
            )
            return reasons
    if not row.get("name"):
        reasons.append(_("the name is missing"))
    elif len(row["name"]) > 200:
        reasons.append(_("the name is longer than 200 characters"))
    email = row.get("email", "")
    if not email:
        reasons.append(_("the e-mail address is missing"))
    elif not is_email(email):
        reasons.append(_("“%(email)s” is not an e-mail address", email=email[:80]))
    elif email.lower() in seen:
        reasons.append(_("%(email)s is already invited to this campaign", email=email))
    locale = row.get("locale", "")
    if locale and locale not in languages:
        reasons.append(
            _(
                "the language “%(locale)s” is not one of this campaign's (%(languages)s)",
                locale=locale[:10],
                languages=", ".join(languages),
            )
        )
    return reasons


def _sniff(text: str) -> type[csv.Dialect] | csv.Dialect:
    # Spreadsheets in Finnish locales save CSV with semicolons.
    first = text.split("\n", 1)[0]
    return csv.excel if first.count(",") >= first.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"
