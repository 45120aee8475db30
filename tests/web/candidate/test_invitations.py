"""Invitation links: unguessable, stored as a hash, one friendly page for
every link that is not open, rate-limited guessing, links from BASE_URL."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select

from assess.store import utcnow
from assess.store.models import Candidate, Invitation
from assess.web.invitations import find_invitation, invitation_link, resend
from tests.web.candidate.helpers import CandidateClient
from tests.web.factories import invite


def test_token_has_256_bits_and_only_its_hash_is_stored(session, invited):
    candidate, token = invited
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    stored = session.scalar(select(Invitation.token_hash))
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(session.execute(select(Invitation.__table__)).all())


def test_link_is_built_from_base_url_never_the_host_header(app, token):
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert invitation_link(token) == f"http://assess.test/c/{token}"


def test_invite_command_prints_the_link(app, session, runner):
    from assess.cli import cli

    candidate, _ = invite(session)
    result = runner.invoke(
        cli,
        [
            "invite",
            "--campaign",
            str(candidate.campaign_id),
            "--name",
            "Eino Leino",
            "--email",
            "eino@example.org",
            "--locale",
            "fi",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("http://assess.test/c/")
    session.rollback()
    eino = session.scalar(select(Candidate).where(Candidate.email == "eino@example.org"))
    assert eino.locale == "fi"


def test_resend_revokes_the_old_link(client, session, invited):
    candidate, old = invited
    new = resend(session, candidate)
    session.commit()
    assert find_invitation(session, old) is None
    assert find_invitation(session, new) is not None
    assert CandidateClient(client).open(old).status_code == 404
    assert client.get(f"/c/{new}").status_code == 302


def test_find_invitation_refuses_what_cannot_be_a_token(session, token):
    assert find_invitation(session, "") is None
    assert find_invitation(session, "x" * 10_000) is None
    assert find_invitation(session, token[:-1]) is None
    assert find_invitation(session, token) is not None


def _not_open_page(client, token):
    response = client.get(f"/c/{token}")
    return response.status_code, response.text


def test_unknown_expired_and_completed_links_get_the_same_page(app, session):
    campaign_candidate, completed = invite(session, email="done@example.org")
    campaign = campaign_candidate.campaign
    campaign_candidate.status = "completed"
    expired_candidate, expired = invite(session, campaign, email="late@example.org")
    session.execute(
        Invitation.__table__.update()
        .where(Invitation.candidate_id == expired_candidate.id)
        .values(expires_at=utcnow() - timedelta(minutes=1))
    )
    session.commit()
    unknown = "A" * 43
    pages = [_not_open_page(app.test_client(), t) for t in (unknown, expired, completed)]
    assert pages[0][0] == 404
    assert pages[0] == pages[1] == pages[2]
    assert "This link is not open" in pages[0][1]


def test_guessing_tokens_is_rate_limited(app, client, token):
    app.config["CANDIDATE_TOKEN_LIMIT"] = 3
    for _ in range(3):
        assert client.get("/c/" + "B" * 43).status_code == 404
    assert client.get("/c/" + "B" * 43).status_code == 429
    # Even a right token waits: the limit is on the address, not on the guess.
    assert client.get(f"/c/{token}").status_code == 429
    other = app.test_client()
    response = other.get(f"/c/{token}", environ_overrides={"REMOTE_ADDR": "192.0.2.9"})
    assert response.status_code == 302


def test_rate_limit_page_is_friendly_html_or_json(app, client):
    app.config["CANDIDATE_TOKEN_LIMIT"] = 1
    client.get("/c/" + "C" * 43)
    page = client.get("/c/" + "C" * 43)
    assert page.status_code == 429 and "Too many attempts" in page.text
    data = client.get("/c/" + "C" * 43, headers={"Accept": "application/json"})
    assert data.status_code == 429 and data.json["error"]["status"] == 429
