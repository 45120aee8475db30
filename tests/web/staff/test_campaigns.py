"""Campaigns: creation with pinned versions, invitations one by one and from
a CSV, statuses, resending, and e-mail or links to copy."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

import questionnaires
from assess.store.models import AuditEvent, Campaign, Candidate, Invitation
from tests.web.staff.people import login


def _campaign_data(world, **changes):
    data = {
        "name": "Summer desk",
        "role_profile_version_id": str(world.campaign.role_profile_version_id),
        "instruments": ["service-composure", "service-judgement"],
        "languages": ["en", "fi"],
        "deadline": (date.today() + timedelta(days=30)).isoformat(),
        "retention_months": "24",
        "feedback_enabled": "y",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _campaigns(rows, name="Summer desk"):
    with rows() as session:
        return list(session.scalars(select(Campaign).where(Campaign.name == name)))


def test_new_campaign_pins_role_version_and_instrument_versions(client, world, rows):
    login(client, world.recruiter.email)
    response = client.post("/recruiter/campaigns/new", data=_campaign_data(world))
    assert response.status_code == 302
    (campaign,) = _campaigns(rows)
    assert campaign.role_profile_version_id == world.campaign.role_profile_version_id
    current = questionnaires.load("service-composure").version  # the newest, pinned from now on
    assert {"id": "service-composure", "version": current} in campaign.instruments
    assert campaign.languages == ["en", "fi"]
    assert campaign.retention_months == 24
    assert campaign.feedback_enabled is True
    assert campaign.deadline.hour == 23


def test_new_campaign_form_defaults_to_24_months(client, world):
    login(client, world.recruiter.email)
    assert 'value="24"' in client.get("/recruiter/campaigns/new").get_data(as_text=True)


@pytest.mark.parametrize(
    "changes",
    [
        {"retention_months": "25"},
        {"retention_months": "0"},
        {"languages": None},
        {"instruments": None},
        {"deadline": (date.today() - timedelta(days=1)).isoformat()},
        {"role_profile_version_id": "999999"},
        {"instruments": ["service-composure"]},  # the role needs the judgement instrument too
    ],
    ids=lambda c: next(iter(c)),
)
def test_bad_campaign_is_refused_with_a_message(client, world, rows, changes):
    login(client, world.recruiter.email)
    response = client.post("/recruiter/campaigns/new", data=_campaign_data(world, **changes))
    assert response.status_code == 200
    assert 'class="error' in response.get_data(as_text=True)
    assert _campaigns(rows) == []


def test_another_organisations_role_version_cannot_be_pinned(client, world, rows):
    login(client, world.other_recruiter.email)
    response = client.post("/recruiter/campaigns/new", data=_campaign_data(world))
    assert response.status_code == 200
    assert _campaigns(rows) == []


def test_invite_one_shows_the_link_to_copy_without_smtp(client, world, rows):
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/invite"
    response = client.post(
        url, data={"name": "Eero Ek", "email": "eero@example.org", "locale": "fi"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "http://assess.test/c/" in html
    with rows() as session:
        eero = session.scalars(select(Candidate).where(Candidate.email == "eero@example.org")).one()
        assert (eero.locale, eero.status) == ("fi", "invited")
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "candidate.invited" in actions


def test_invite_sends_mail_when_smtp_is_configured(app, client, world, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append(("message", message["To"], message.get_content()))

    monkeypatch.setattr("smtplib.SMTP", FakeSMTP)
    app.config.update(MAIL_SERVER="smtp.example.org", MAIL_PORT=2525)
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/invite"
    response = client.post(
        url, data={"name": "Eero Ek", "email": "eero@example.org", "locale": "fi"}
    )
    html = response.get_data(as_text=True)
    assert ("connect", "smtp.example.org", 2525) in sent
    _, to, body = sent[-1]
    assert to == "eero@example.org"
    assert "http://assess.test/c/" in body
    assert body.startswith("Hei Eero Ek,")  # in the candidate's language
    assert "http://assess.test/c/" not in html


def test_invite_with_a_bad_address_is_refused(client, world):
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/invite"
    response = client.post(url, data={"name": "Eero", "email": "eero@", "locale": "en"})
    assert response.status_code == 422
    assert 'id="email-error"' in response.get_data(as_text=True)


CSV = (
    "name,email,locale\r\n"
    "Eero Ek,eero@example.org,fi\r\n"
    ",nameless@example.org,en\r\n"
    "Bad Mail,not-an-address,en\r\n"
    "Olli Oja,olli@example.org,sv\r\n"
    "Eero Again,EERO@example.org,en\r\n"
    "Aino Copy,aino@example.org,en\r\n"
    "Mia Mäki,mia@example.org,\r\n"
)


def test_csv_invites_good_rows_and_lists_bad_rows_with_numbers(client, world, rows):
    import io

    login(client, world.recruiter.email)
    response = client.post(
        f"/recruiter/campaigns/{world.campaign.id}/invite-csv",
        data={"file": (io.BytesIO(CSV.encode("utf-8-sig")), "people.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for number in (3, 4, 5, 6, 7):
        assert f"Row {number}:" in html
    assert "Row 2:" not in html and "Row 8:" not in html
    assert "the name is missing" in html
    assert "is not an e-mail address" in html
    assert "“sv”" in html
    assert "already invited" in html
    with rows() as session:
        emails = set(
            session.scalars(
                select(Candidate.email).where(Candidate.campaign_id == world.campaign.id)
            )
        )
        mia = session.scalars(select(Candidate).where(Candidate.email == "mia@example.org")).one()
    assert emails == {"aino@example.org", "eero@example.org", "mia@example.org"}
    assert mia.locale == "en"  # a blank locale takes the campaign's first language


def test_csv_with_semicolons_and_no_header_row(client, world):
    import io

    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/invite-csv"
    ok = client.post(
        url,
        data={"file": (io.BytesIO(b"name;email;locale\nEero;eero@example.org;fi\n"), "a.csv")},
        content_type="multipart/form-data",
    )
    assert "eero@example.org" in ok.get_data(as_text=True)
    bad = client.post(
        url,
        data={"file": (io.BytesIO(b"Eero,eero2@example.org,fi\n"), "b.csv")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422
    assert "Row 1:" in bad.get_data(as_text=True)


def test_csv_that_is_not_utf8_is_refused(client, world):
    import io

    login(client, world.recruiter.email)
    response = client.post(
        f"/recruiter/campaigns/{world.campaign.id}/invite-csv",
        data={"file": (io.BytesIO("name,email\nÄiti,a@b.fi\n".encode("utf-16")), "a.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "UTF-8" in response.get_data(as_text=True)


def test_resend_revokes_the_old_link_and_shows_a_new_one(client, world, rows):
    login(client, world.recruiter.email)
    response = client.post(f"/recruiter/candidates/{world.candidate.id}/resend")
    assert response.status_code == 200
    assert "http://assess.test/c/" in response.get_data(as_text=True)
    with rows() as session:
        links = session.scalars(
            select(Invitation).where(Invitation.candidate_id == world.candidate.id)
        ).all()
    assert len(links) == 2
    assert sum(link.revoked_at is None for link in links) == 1


def test_resend_to_a_completed_candidate_is_refused(client, world, rows):
    with rows() as session:
        session.get(Candidate, world.candidate.id).status = "completed"
    login(client, world.recruiter.email)
    assert client.post(f"/recruiter/candidates/{world.candidate.id}/resend").status_code == 409


def test_statuses_show_invited_started_completed_and_expired(client, world, rows):
    from assess.web.invitations import invite_candidate

    with rows() as session:
        campaign = session.get(Campaign, world.campaign.id)
        for name, status in (("Sara Started", "started"), ("Cai Completed", "completed")):
            candidate, _ = invite_candidate(
                session, campaign, name=name, email=f"{status}@example.org"
            )
            candidate.status = status
        expired, _ = invite_candidate(session, campaign, name="Eve Expired", email="e@example.org")
        session.flush()
        for link in session.scalars(
            select(Invitation).where(Invitation.candidate_id == expired.id)
        ):
            link.expires_at = link.created_at - timedelta(days=1)
    login(client, world.recruiter.email)
    html = client.get(f"/recruiter/campaigns/{world.campaign.id}").get_data(as_text=True)
    for status in ("invited", "started", "completed", "expired"):
        assert f"<td>{status}</td>" in html


def test_dashboard_lists_only_own_campaigns(client, world):
    login(client, world.other_recruiter.email)
    assert world.campaign.name not in client.get("/recruiter/").get_data(as_text=True)
    client.post("/staff/logout")
    login(client, world.recruiter.email)
    assert world.campaign.name in client.get("/recruiter/").get_data(as_text=True)
