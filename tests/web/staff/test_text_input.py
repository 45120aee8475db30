"""Text people type: every form normalises it to NFC and refuses control
characters (NUL above all: PostgreSQL cannot store it), and mail headers are
built from one line whatever the stored text holds. Runs on SQLite and
PostgreSQL (the ``app`` fixture's two backends)."""

from __future__ import annotations

import importlib
import io
import pkgutil
import unicodedata

import pytest
from sqlalchemy import select
from wtforms import Form

import assess.web
from assess.store.models import Candidate, Organisation, RateLimitHit
from assess.text_input import clean, control_character, normalise, single_line
from assess.web.forms import AssessForm, AssessSubForm
from tests.web.staff.people import login

NFD_NAME = unicodedata.normalize("NFD", "Ä" * 150)
"""150 characters a person sees, 300 code points before NFC."""


def _form_classes(root: type) -> set[type]:
    found = set()
    for cls in root.__subclasses__():
        found |= {cls} | _form_classes(cls)
    return found


def test_every_form_of_the_app_has_the_text_rules():
    for module in pkgutil.walk_packages(assess.web.__path__, "assess.web."):
        importlib.import_module(module.name)
    forms = {cls for cls in _form_classes(Form) if cls.__module__.startswith("assess.")}
    assert len(forms) > 15
    without = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in forms
        if not issubclass(cls, (AssessForm, AssessSubForm))
    )
    assert without == []


@pytest.mark.parametrize(
    ("text", "multiline", "bad"),
    [
        ("Aino Äijälä", False, None),
        ("a\x00b", False, "\x00"),
        ("a\x00b", True, "\x00"),
        ("a\tb", False, "\t"),
        ("a\tb\nc", True, None),
        ("a\rb", False, "\r"),
        ("a\x85b", True, "\x85"),  # C1 next line
        ("a\x1bb", True, "\x1b"),
        ("a\u2028b", True, "\u2028"),
    ],
)
def test_control_characters(text, multiline, bad):
    assert control_character(normalise(text, multiline=multiline), multiline=multiline) == bad


def test_normalise_counts_what_a_person_sees():
    assert len(NFD_NAME) == 300
    assert len(normalise(NFD_NAME)) == 150
    assert normalise("a\r\nb\rc", multiline=True) == "a\nb\nc"
    assert normalise("abc\u202edef") == "abcdef"  # right-to-left override removed


def test_clean_and_single_line():
    with pytest.raises(ValueError, match="U\\+0000"):
        clean("a\x00b")
    assert single_line("Nordic\r\nBcc: x@evil.example\x00") == "Nordic Bcc: x@evil.example"


def _admin_posts_organisation(client, world, name):
    login(client, world.admin.email)
    return client.post("/admin/organisation", data={"name": name, "privacy_contact": ""})


def test_organisation_name_with_a_line_break_is_refused(client, world, rows):
    response = _admin_posts_organisation(client, world, "Nordic\r\nBcc: victim@example.org")
    assert response.status_code == 400
    assert "on one line" in response.get_data(as_text=True)
    with rows() as session:
        assert session.get(Organisation, world.org.id).name == "Nordic Air Services"


def test_an_invitation_goes_out_even_if_a_stored_name_holds_a_line_break(
    app, client, world, rows, monkeypatch
):
    """A row written before the forms refused line breaks (or by another
    tool) must not break the next invitation mail."""
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append(message)

    monkeypatch.setattr("smtplib.SMTP", FakeSMTP)
    app.config.update(MAIL_SERVER="smtp.example.org")
    with rows() as session:
        session.get(Organisation, world.org.id).name = "Nordic\r\nBcc: victim@example.org"
    login(client, world.recruiter.email)
    response = client.post(
        f"/recruiter/campaigns/{world.campaign.id}/invite",
        data={"name": "Eero Ek", "email": "eero@example.org", "locale": "en"},
    )
    assert response.status_code == 200
    (message,) = sent
    assert message["Subject"] == "Invitation: Nordic Bcc: victim@example.org"
    assert message["Bcc"] is None


@pytest.mark.parametrize("email", ["rita@nordic.example\x00", "\x00", "a\r\nb@example.org"])
def test_control_characters_in_the_sign_in_address_are_a_message(client, world, email):
    response = login(client, email)
    assert response.status_code == 200
    assert "on one line" in response.get_data(as_text=True)


def test_the_rate_limiter_stores_any_key(session):
    from assess.web.ratelimit import hit

    assert hit("test:\x00\r\n", 5, 60)
    assert session.scalar(select(RateLimitHit.key).where(RateLimitHit.key.like("test:%")))


@pytest.mark.parametrize("name", ["Eero\x00Ek", "Eero\nEk", "Eero\x9bEk"])
def test_invite_form_refuses_control_characters_in_the_name(client, world, rows, name):
    login(client, world.recruiter.email)
    response = client.post(
        f"/recruiter/campaigns/{world.campaign.id}/invite",
        data={"name": name, "email": "eero@example.org", "locale": "en"},
    )
    assert response.status_code == 422
    assert "on one line" in response.get_data(as_text=True)
    with rows() as session:
        assert (
            session.scalars(select(Candidate).where(Candidate.email == "eero@example.org")).all()
            == []
        )


def test_a_150_character_name_typed_decomposed_is_accepted_and_stored_composed(client, world, rows):
    login(client, world.recruiter.email)
    response = client.post(
        f"/recruiter/campaigns/{world.campaign.id}/invite",
        data={"name": NFD_NAME, "email": "eero@example.org", "locale": "en"},
    )
    assert response.status_code == 200
    with rows() as session:
        stored = session.scalars(
            select(Candidate.name).where(Candidate.email == "eero@example.org")
        ).one()
    assert stored == "Ä" * 150


def test_csv_rows_with_control_characters_are_listed_not_invited(client, world, rows):
    data = "name,email\r\nEero\x00Ek,eero@example.org\r\nMia Mäki,mia@example.org\r\n"
    login(client, world.recruiter.email)
    response = client.post(
        f"/recruiter/campaigns/{world.campaign.id}/invite-csv",
        data={"file": (io.BytesIO(data.encode()), "people.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Row 2:" in html and "U+0000" in html
    with rows() as session:
        emails = set(session.scalars(select(Candidate.email)))
    assert "mia@example.org" in emails and "eero@example.org" not in emails


def test_free_text_refuses_nul(client, world, rows):
    login(client, world.recruiter.email)
    url = f"/recruiter/candidates/{world.candidate.id}/erase"
    refused = client.post(url, data={"confirm": "y", "reason": "Asked by\x00 e-mail"})
    assert refused.status_code == 400
    assert "control character" in refused.get_data(as_text=True)
    with rows() as session:
        assert session.get(Candidate, world.candidate.id).status != "erased"


def test_the_invite_command_refuses_a_nul_in_the_name(runner, world):
    from assess.cli import cli

    result = runner.invoke(
        cli,
        ["invite", "--campaign", str(world.campaign.id), "--name", "A\x00B", "--email", "a@b.fi"],
    )
    assert result.exit_code == 2
    assert "U+0000" in result.output


def test_a_stored_direction_override_is_not_printed_into_pages(client, world, rows):
    """A name stored before input removed direction controls (or by another
    tool) is printed without them."""
    with rows() as session:
        session.get(Candidate, world.candidate.id).name = "Aino \u202egnp.exe"
    login(client, world.recruiter.email)
    page = client.get(f"/recruiter/campaigns/{world.campaign.id}")
    assert page.status_code == 200
    assert "Aino gnp.exe" in page.text
    assert "\u202e" not in page.text
