"""The demo organisation: simulated candidates scored by the real engine.

``build_demo`` creates (or, run again, recreates) one organisation with a
recruiter, two panel members, an airport night-shift campaign with the
shipped instruments, simulated candidates whose answers come from the
graded response model, their score records (against the instruments'
norms, which are labelled SIMULATED), panel ratings from both panel
members, voluntary demographic answers for the fairness table, and one
open invitation to try. ``write_reports`` renders every report to a folder.
Nothing here is real data about anyone.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import questionnaires
from assess.results.report_files import ReportRequest, report_file
from assess.results.rescore import rescore_campaign
from assess.simulated_population import simulate_answers
from assess.store import utcnow
from assess.store.models import (
    Answer,
    AuditEvent,
    Campaign,
    Candidate,
    Demographic,
    Job,
    NormGroup,
    Organisation,
    PanelAssignment,
    Rating,
    ReportFile,
    RoleProfileVersion,
    Submission,
    User,
)
from assess.store.privacy import PERSONAL_ROWS
from assess.web.auth.passwords import hash_password
from assess.web.invitations import invitation_link, invite_candidate

ORGANISATION = "Demo Ground Services (simulated data)"
SLUG = "demo"
ROLE_ID = "airport-agent-night"
INSTRUMENT_IDS = ("service-composure", "service-judgement")
CAMPAIGN = "Night-shift agents, demo campaign"
SEED = 20261123
NAMES = (
    "Aino Mäkinen",
    "Väinö Äijälä",
    "Siiri Lähteenmäki",
    "Juha-Pekka Öhman",
    "Åsa Lindqvist",
    "Anna-Liisa Kärkkäinen",
    "Fatima Al-Sayed",
    "Nguyễn Thị Lan",
    "Ольга Смирнова",
    "Zofia Wiśniewska",
    "José García",
    "Kwame Mensah",
    "Priya Raman",
    "Mohamed Abdi",
    "Siobhán O'Brien",
    "Mikko Heikkinen",
)
GENDERS = ("woman", "man", None)
STAFF = (
    ("recruiter", "Riikka Recruiter", "recruiter@demo.assess.invalid"),
    ("panel", "Pekka Panel", "panel1@demo.assess.invalid"),
    ("panel", "Paula Panel", "panel2@demo.assess.invalid"),
)


@dataclass
class Login:
    role: str
    name: str
    email: str
    password: str


@dataclass
class Demo:
    organisation_id: int
    campaign_id: int
    candidate_ids: list[int]
    logins: list[Login]
    invitation: str
    files: list[Path] = field(default_factory=list)


def remove_demo(session: Session) -> None:
    """Delete the demo organisation and everything in it (if present)."""
    org = session.scalar(select(Organisation).where(Organisation.slug == SLUG))
    if org is None:
        return
    candidates = select(Candidate.id).where(Candidate.organisation_id == org.id)
    users = select(User.id).where(User.organisation_id == org.id)
    session.execute(delete(AuditEvent).where(AuditEvent.organisation_id == org.id))
    session.execute(delete(AuditEvent).where(AuditEvent.user_id.in_(users)))
    session.execute(delete(Job).where(Job.organisation_id == org.id))
    session.execute(delete(ReportFile).where(ReportFile.organisation_id == org.id))
    # Explicit deletes rather than trusting every database's cascade settings.
    for model in PERSONAL_ROWS:
        session.execute(delete(model).where(model.candidate_id.in_(candidates)))
    session.execute(delete(Candidate).where(Candidate.organisation_id == org.id))
    session.execute(delete(Campaign).where(Campaign.organisation_id == org.id))
    session.execute(delete(RoleProfileVersion).where(RoleProfileVersion.organisation_id == org.id))
    session.execute(delete(NormGroup).where(NormGroup.organisation_id == org.id))
    session.execute(delete(User).where(User.organisation_id == org.id))
    session.execute(delete(Organisation).where(Organisation.id == org.id))
    session.flush()


def _free_email(session: Session, email: str) -> str:
    """``email``, or a numbered variant when another organisation uses it."""
    local, _, domain = email.partition("@")
    candidate, number = email, 1
    while session.scalar(select(User.id).where(User.email == candidate)) is not None:
        number += 1
        candidate = f"{local}{number}@{domain}"
    return candidate


def simulated_answers(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Answer id -> answers of ``n`` simulated candidates, from the same
    population model as the shipped (SIMULATED) norms
    (:mod:`assess.simulated_population`)."""
    return simulate_answers([questionnaires.load(i) for i in INSTRUMENT_IDS], n, rng)


def _store_answers(session: Session, candidates: list[Candidate], columns) -> None:
    from assess.results.pipeline.layout import known_answer_ids

    likert_ids = known_answer_ids([questionnaires.load(INSTRUMENT_IDS[0])])
    rows = []
    for position, (answer_id, values) in enumerate(columns.items()):
        instrument = INSTRUMENT_IDS[0] if answer_id in likert_ids else INSTRUMENT_IDS[1]
        for candidate, value in zip(candidates, values, strict=True):
            if np.isnan(value):
                continue
            rows.append(
                Answer(
                    candidate_id=candidate.id,
                    instrument_id=instrument,
                    item_id=answer_id,
                    value=int(value),
                    page=position // 12 + 1,
                )
            )
    session.add_all(rows)
    session.flush()


def _rate(session, campaign, candidates, panel, rng) -> None:
    """Both panel members rate every candidate on every competency (1-5),
    near a level that follows the candidate's fit, and submit."""
    from assess.results.store import latest_record

    role = questionnaires.role_from_mapping(campaign.role_profile.definition)
    now = utcnow()
    for candidate in candidates:
        record = latest_record(session, candidate.id)
        composite = ((record.result if record else {}).get("fit") or {}).get("composite") or 50.0
        level = 1 + 4 * composite / 100
        for member in panel:
            session.add(
                PanelAssignment(candidate_id=candidate.id, user_id=member.id, submitted_at=now)
            )
            for competency in role.competencies:
                value = int(np.clip(np.round(level + rng.normal(scale=0.6)), 1, 5))
                session.add(
                    Rating(
                        candidate_id=candidate.id,
                        user_id=member.id,
                        competency_id=competency.id,
                        rating=value,
                    )
                )
    session.flush()


def add_simulated_candidates(
    session: Session, campaign: Campaign, names, rng: np.random.Generator
) -> list[Candidate]:
    """Completed candidates of ``campaign`` with simulated answers and a
    submission (not yet scored: :func:`assess.results.rescore.rescore_campaign` does that)."""
    now = utcnow()
    people = []
    for i, name in enumerate(names):
        person = Candidate(
            organisation_id=campaign.organisation_id,
            campaign_id=campaign.id,
            name=name,
            email=f"candidate{i + 1}@demo.assess.invalid",
            locale="fi" if i % 3 == 0 else "en",
            status="completed",
            shuffle_seed=int(rng.integers(1, 2**31 - 1)),
            consent_at=now - timedelta(hours=2),
            consent_notice_version="demo",
            started_at=now - timedelta(hours=2),
            completed_at=now - timedelta(hours=1),
        )
        session.add(person)
        people.append(person)
    session.flush()
    _store_answers(session, people, simulated_answers(len(people), rng))
    for person in people:
        session.add(Submission(candidate_id=person.id, submitted_at=now - timedelta(hours=1)))
    session.flush()
    return people


def build_demo(session: Session, *, candidates: int = len(NAMES)) -> Demo:
    """Recreate the demo organisation; commits. Needs an app context (for
    password hashing and the invitation link's ``BASE_URL``)."""
    if not 12 <= candidates <= len(NAMES):
        raise ValueError(f"the demo has 12 to {len(NAMES)} candidates")
    remove_demo(session)
    session.commit()
    rng = np.random.default_rng(SEED)
    org = Organisation(name=ORGANISATION, slug=SLUG, privacy_contact="privacy@demo.assess.invalid")
    session.add(org)
    session.flush()
    logins, users = [], []
    for role, name, email in STAFF:
        password = secrets.token_urlsafe(12)
        user = User(
            organisation_id=org.id,
            email=_free_email(session, email),
            name=name,
            role=role,
            password_hash=hash_password(password),
        )
        session.add(user)
        session.flush()
        users.append(user)
        logins.append(Login(role, name, user.email, password))
    role = questionnaires.load_role(ROLE_ID)
    profile = RoleProfileVersion(
        organisation_id=org.id,
        profile_key=role.id,
        version=1,
        title=role.title["en"],
        definition=questionnaires.role_to_mapping(role),
        created_by_id=users[0].id,
    )
    session.add(profile)
    session.flush()
    campaign = Campaign(
        organisation_id=org.id,
        role_profile_version_id=profile.id,
        name=CAMPAIGN,
        instruments=[{"id": i, "version": questionnaires.load(i).version} for i in INSTRUMENT_IDS],
        languages=["en", "fi"],
        deadline=utcnow() + timedelta(days=30),
        created_by_id=users[0].id,
    )
    session.add(campaign)
    session.flush()
    people = add_simulated_candidates(session, campaign, NAMES[:candidates], rng)
    for person in people:
        gender = GENDERS[int(rng.integers(0, len(GENDERS)))]
        if gender is not None:
            session.add(Demographic(candidate_id=person.id, data={"gender": gender}))
    rescore_campaign(session, campaign.id)
    _rate(session, campaign, people, users[1:], rng)
    _candidate, token = invite_candidate(
        session, campaign, name="You (try the questionnaire)", email="try@demo.assess.invalid"
    )
    session.commit()
    return Demo(org.id, campaign.id, [p.id for p in people], logins, invitation_link(token))


def write_reports(session: Session, demo: Demo, out_dir: Path, language: str = "en") -> list[Path]:
    """Render every candidate report, the panel pack and the item-analysis
    report into ``out_dir`` (cached in the database too); return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    requests = [ReportRequest("candidate_report", cid, language) for cid in demo.candidate_ids]
    requests += [
        ReportRequest("panel_pack", demo.campaign_id, language),
        ReportRequest("item_analysis_report", demo.campaign_id, language),
    ]
    for request in requests:
        row, prepared = report_file(session, request)
        path = out_dir / prepared.download_name
        path.write_bytes(row.content)
        written.append(path)
    session.commit()
    demo.files = written
    return written
