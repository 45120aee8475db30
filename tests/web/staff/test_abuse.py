"""Hostile input over every form and route, on SQLite and PostgreSQL.

Two tables. ``PAYLOADS`` are values put into every field of every staff
form (fields read from the page that shows the form, plus an unknown field
and each field twice); the expected outcome for each is the same: no 5xx,
no markup echoed unescaped, and afterwards no stored text holds NUL, CR, a
C0/C1 control or a direction override. ``CASES`` are single requests with
their own expected status: odd numerals, replayed, expired and foreign
tokens, oversized bodies, invalid UTF-8, path segments in download names,
another organisation's ids.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from sqlalchemy import String, Text, select

from assess.store import Base, db, utcnow
from assess.store.models import Answer, Candidate, Invitation
from tests.web.candidate.helpers import CandidateClient
from tests.web.factories import invite, make_campaign
from tests.web.staff.people import login

SCRIPT = "<script>alert(1)</script>"
PAYLOADS = {
    "nul": "Eero\x00Ek",
    "crlf": "Eero\r\nBcc: victim@example.org",
    "c1-and-escape": "Eero\x85\x1b[31mEk",
    "bidi-override": "Eero \u202egnp.exe",
    "markup": f'{SCRIPT}<img src=x onerror="alert(2)">',
    "template-code": "{{ config.SECRET_KEY }}{% raw %}${7*7}",
    "sql": "x'); DROP TABLE candidate; --",
    "formula": '=HYPERLINK("http://evil.example","click")',
    "odd-numeral": "\u0663",  # ARABIC-INDIC DIGIT THREE
    "huge-number": "1e309",
    "negative": "-1",
    "long": "x" * 20_000,
    "path": "../../../../etc/passwd",
    "invalid-utf8": b"\xff\xfe\xc0\xaf",
    "empty": "",
}
FORBIDDEN_STORED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Form:
    """A staff form: where it posts, who may post, and the page showing it."""

    post: str
    role: str
    page: str | None = None
    fields: tuple[str, ...] = ()
    file: str | None = None


# Ordered so that nothing a later form needs is gone (erase and the panel
# member's password change come last).
FORMS = [
    Form("/panel/candidates/{candidate}", "panel", page="/panel/candidates/{candidate}"),
    Form("/recruiter/roles/start", "recruiter", page="/recruiter/roles", fields=("example",)),
    Form(
        "/recruiter/roles/{role_version}/edit",
        "recruiter",
        page="/recruiter/roles/{role_version}/edit",
    ),
    Form("/recruiter/campaigns/new", "recruiter", page="/recruiter/campaigns/new"),
    Form("/recruiter/campaigns/{campaign}/invite", "recruiter", fields=("name", "email", "locale")),
    Form("/recruiter/campaigns/{campaign}/invite-csv", "recruiter", file="file"),
    Form("/recruiter/candidates/{candidate}/resend", "recruiter"),
    Form("/panel/campaigns/{campaign}/assign", "recruiter", fields=("candidate_id", "user_id")),
    Form(
        "/recruiter/candidates/{candidate}/decision", "recruiter", fields=("outcome", "rationale")
    ),
    Form("/admin/users", "admin", fields=("name", "email", "role", "locale", "password")),
    Form("/admin/organisation", "admin", fields=("name", "privacy_contact")),
    Form("/admin/campaigns/{campaign}/norms", "admin", page="/admin/campaigns/{campaign}/norms"),
    Form("/admin/campaigns/{campaign}/demographics", "admin", file="file"),
    Form("/admin/users/{user}/disable", "admin"),
    Form("/admin/users/{user}/enable", "admin"),
    Form("/staff/login", "anonymous", fields=("email", "password", "next")),
    Form("/admin/users/{user}/password", "admin", fields=("password",)),
    Form("/recruiter/candidates/{candidate}/erase", "recruiter", fields=("confirm", "reason")),
]
NAME = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')


def _encode(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def _fields(client, form: Form, ids) -> list[str]:
    names = set(form.fields)
    if form.page:
        names |= set(NAME.findall(client.get(form.page.format(**ids)).text))
    return sorted(names - {"csrf_token"})


def _post(client, form: Form, ids, value: str | bytes):
    url = form.post.format(**ids)
    if form.file:
        csv = b"name,email,locale\r\n" + _encode(value) + b",x@example.org,en\r\n"
        return client.post(
            url,
            data={form.file: (io.BytesIO(csv), "x.csv"), "zz_unknown": _encode(value)},
            content_type="multipart/form-data",
        )
    pairs = []
    for name in _fields(client, form, ids):
        pairs += [(name, _encode(value)), (name, b"second")]  # duplicated on purpose
    pairs.append(("zz_unknown", _encode(value)))
    return client.post(url, data=urlencode(pairs), content_type="application/x-www-form-urlencoded")


def _stored_texts(session):
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text)]
        if columns:
            for row in session.execute(select(*columns)):
                yield from (value for value in row if isinstance(value, str))


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_hostile_values_in_every_staff_form(app, world, rows, payload):
    value = PAYLOADS[payload]
    users = {"recruiter": world.recruiter, "admin": world.admin, "panel": world.panel}
    clients = {"anonymous": app.test_client()}
    for role, user in users.items():
        clients[role] = app.test_client()
        login(clients[role], user.email)
    for form in FORMS:
        response = _post(clients[form.role], form, world.ids, value)
        assert response.status_code < 500, f"{form.post}: {response.status_code}"
        assert SCRIPT not in response.get_data(as_text=True), form.post
    for path in ("/recruiter/campaigns/{campaign}", "/recruiter/campaigns/{campaign}/results"):
        page = clients["recruiter"].get(path.format(**world.ids))
        assert page.status_code == 200 and SCRIPT not in page.text
    with rows() as session:
        bad = [text[:60] for text in _stored_texts(session) if FORBIDDEN_STORED.search(text)]
    assert bad == []


def test_formulas_are_neutralised_in_the_csv_export(client, world, rows):
    with rows() as session:
        session.get(Candidate, world.candidate.id).name = PAYLOADS["formula"]
    login(client, world.recruiter.email)
    export = client.get(f"/recruiter/campaigns/{world.campaign.id}/export.csv")
    assert export.status_code == 200
    cells = [cell for line in export.text.splitlines() for cell in line.split(",")]
    assert not [cell for cell in cells if cell.lstrip('"').startswith("=")]


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    expected: tuple[int, ...]
    body: bytes | None = None


def _candidate_cases(token: str, expired: str, done: str) -> list[Case]:
    """Run in order by a candidate who has consented; the token cases last."""
    return [
        Case("page zero", "GET", "/c/page/0", (404,)),
        Case("path segments in page", "GET", "/c/page/..%2F..%2Fetc%2Fpasswd", (404,)),
        # Werkzeug reads any Unicode digit in an int segment: page ٣ is page 3.
        Case("odd numeral page", "GET", "/c/page/%D9%A3", (200,)),
        Case("huge page number", "GET", "/c/page/99999999999999999999999", (404,)),
        Case("invalid UTF-8 form", "POST", "/c/language", (302, 400, 422), b"locale=%ff%fe"),
        Case("NUL in language", "POST", "/c/language", (302, 400, 422), b"locale=fi%00"),
        Case("oversized body", "POST", "/c/page/1", (413,), b"a=" + b"x" * 400_000),
        Case("static traversal", "GET", "/static/..%2f..%2f..%2fpyproject.toml", (404,)),
        Case("export with path", "GET", "/recruiter/campaigns/1/export.csv%2F..%2F..", (302, 404)),
        Case("report name with path", "GET", "/recruiter/candidates/1/..%2Freport.pdf", (302, 404)),
        Case("garbage token", "GET", "/c/not-a-token", (404,)),
        Case("token too long", "GET", "/c/" + "A" * 5000, (404,)),
        Case("NUL in token", "GET", "/c/abc%00def", (404,)),
        Case("invalid UTF-8 in token", "GET", "/c/%ff%fe", (404,)),
        Case("expired token", "GET", f"/c/{expired}", (404, 410)),
        Case("replayed token after submit", "GET", f"/c/{done}", (302, 404, 410)),
        Case("the candidate's own token again", "GET", f"/c/{token}", (302,)),
    ]


@pytest.fixture
def tokens(app):
    with app.app_context():
        campaign = make_campaign(db.session)
        _, token = invite(db.session, campaign, email="open@example.org")
        candidate, expired = invite(db.session, campaign, email="expired@example.org")
        invitation = db.session.scalars(
            select(Invitation).where(Invitation.candidate_id == candidate.id)
        ).one()
        invitation.expires_at = utcnow() - timedelta(days=1)
        done_candidate, done = invite(db.session, campaign, email="done@example.org")
        db.session.commit()
        done_id = done_candidate.id
    finished = CandidateClient(app.test_client())
    finished.start(done)
    finished.answer_all("3")
    assert finished.submit().status_code == 302
    with app.app_context():
        assert db.session.get(Candidate, done_id).status == "completed"
    return token, expired, done


def test_hostile_requests_on_the_candidate_side(app, tokens):
    token, expired, done = tokens
    browser = CandidateClient(app.test_client())
    assert browser.start(token).status_code == 200
    client = browser.client
    for case in _candidate_cases(token, expired, done):
        response = client.open(
            case.path,
            method=case.method,
            data=case.body,
            content_type="application/x-www-form-urlencoded" if case.body else None,
        )
        assert response.status_code in case.expected, (case.name, response.status_code)


ODD_ANSWERS = ["0", "6", "-1", "3.0", "1e309", "NaN", "99999999999999999999", "3\x00", "\u202e3"]


@pytest.mark.parametrize("value", ODD_ANSWERS, ids=repr)
def test_odd_numerals_in_answers_are_refused_and_nothing_odd_is_stored(app, value):
    with app.app_context():
        _, token = invite(db.session)
    browser = CandidateClient(app.test_client())
    browser.start(token)
    response = browser.answer(1, value)
    assert response.status_code in (400, 422)
    with app.app_context():
        assert db.session.scalars(select(Answer.value)).all() == []
