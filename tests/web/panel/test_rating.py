"""A panel member rates only the candidates assigned to them, on the
role's anchored competencies in their own language, and sees the other
members' ratings only after submitting their own."""

from __future__ import annotations

from sqlalchemy import select

import questionnaires
from assess.store.models import AuditEvent, PanelAssignment, Rating
from tests.web.panel.helpers import (
    COMPETENCIES,
    add_candidate,
    add_member,
    assign,
    form_data,
    rate_and_submit,
)
from tests.web.staff.people import login


def _url(candidate_id: int) -> str:
    return f"/panel/candidates/{candidate_id}"


def test_recruiter_assigns_a_member(app, client, world, rows):
    login(client, world.recruiter.email)
    response = client.post(
        f"/panel/campaigns/{world.campaign.id}/assign",
        data={"candidate_id": world.candidate.id, "user_id": world.panel.id},
    )
    assert response.status_code == 302
    with rows() as session:
        assert session.scalar(select(PanelAssignment.user_id)) == world.panel.id
        assert session.scalar(
            select(AuditEvent.action).where(AuditEvent.action == "panel.assigned")
        )


def test_assign_refuses_an_empty_choice_and_another_organisations_member(app, client, world, rows):
    with rows() as session:
        outsider = add_member(session, world, "olli@harbour.example", organisation=world.other_org)
    login(client, world.recruiter.email)
    url = f"/panel/campaigns/{world.campaign.id}/assign"
    assert client.post(url, data={"candidate_id": "", "user_id": ""}).status_code == 400
    response = client.post(url, data={"candidate_id": world.candidate.id, "user_id": outsider})
    assert response.status_code == 400
    recruiter = client.post(
        url, data={"candidate_id": world.candidate.id, "user_id": world.recruiter.id}
    )
    assert recruiter.status_code == 400, "only panel members can be assigned"
    with rows() as session:
        assert session.scalar(select(PanelAssignment.id)) is None


def test_a_member_sees_only_assigned_candidates(app, world, rows):
    """IDOR: unassigned, another member's and another organisation's candidates are 404."""
    with rows() as session:
        other_member = add_member(session, world, "pekka@nordic.example")
        mine = add_candidate(session, world, "Mine", "mine@example.org")
        theirs = add_candidate(session, world, "Theirs", "theirs@example.org")
        assign(session, mine, world.panel.id)
        assign(session, theirs, other_member)
        outsider = add_member(session, world, "olli@harbour.example", organisation=world.other_org)
    client = app.test_client()
    login(client, world.panel.email)
    listing = client.get("/panel/").text
    assert "Mine" in listing and "Theirs" not in listing
    assert client.get(_url(mine)).status_code == 200
    for candidate_id in (theirs, world.candidate.id, 999_999):
        assert client.get(_url(candidate_id)).status_code == 404
        assert client.post(_url(candidate_id), data=form_data(3)).status_code == 404
    other_org = app.test_client()
    with rows() as session:
        email = session.get(type(world.panel), outsider).email
    login(other_org, email)
    assert other_org.get(_url(mine)).status_code == 404


def test_anchors_are_shown_in_the_members_language(app, world, rows):
    role = questionnaires.load_role("airport-agent-night")
    first = role.competencies[0]
    with rows() as session:
        finn = add_member(session, world, "pirjo@nordic.example", locale="fi")
        assign(session, world.candidate.id, finn)
        assign(session, world.candidate.id, world.panel.id)
    client = app.test_client()
    login(client, "pirjo@nordic.example")
    page = client.get(_url(world.candidate.id)).text
    assert first.name["fi"] in page and first.anchors[5]["fi"][:40] in page
    assert first.anchors[5]["en"][:40] not in page
    if first.questions:
        assert first.questions[0]["fi"][:40] in page
    english = app.test_client()
    login(english, world.panel.email)
    assert first.anchors[5]["en"][:40] in english.get(_url(world.candidate.id)).text


def test_others_ratings_stay_hidden_until_the_member_submits(app, world, rows):
    with rows() as session:
        colleague = add_member(session, world, "pekka@nordic.example")
        session.get(type(world.panel), colleague).name = "Pekka Colleague"
        rate_and_submit(session, world.candidate.id, colleague, [1, 1, 1, 1, 1])
        assign(session, world.candidate.id, world.panel.id)
    client = app.test_client()
    login(client, world.panel.email)
    before = client.get(_url(world.candidate.id)).text
    assert "Pekka Colleague" not in before and "members disagree" not in before
    draft = client.post(_url(world.candidate.id), data=form_data(4))
    assert draft.status_code == 302
    assert "Pekka Colleague" not in client.get(_url(world.candidate.id)).text
    submitted = client.post(_url(world.candidate.id), data=form_data(4, action="submit"))
    assert submitted.status_code == 302
    after = client.get(_url(world.candidate.id)).text
    assert "Pekka Colleague" in after
    assert f"observed {COMPETENCIES[0]}" in after, "the member's own evidence notes"
    assert after.count("members disagree") == len(COMPETENCIES)


def test_submit_needs_every_competency_and_keeps_the_draft(app, world, rows):
    with rows() as session:
        assign(session, world.candidate.id, world.panel.id)
    client = app.test_client()
    login(client, world.panel.email)
    values = [4, 3, None, 5, 2]
    response = client.post(_url(world.candidate.id), data=form_data(values, action="submit"))
    assert response.status_code == 400
    assert "Rate every competency" in response.text
    with rows() as session:
        stored = dict(session.execute(select(Rating.competency_id, Rating.rating)).all())
        assert stored == {c: v for c, v in zip(COMPETENCIES, values, strict=True) if v}
        assert session.scalar(select(PanelAssignment.submitted_at)) is None


def test_a_rating_outside_one_to_five_is_refused(app, world, rows):
    with rows() as session:
        assign(session, world.candidate.id, world.panel.id)
    client = app.test_client()
    login(client, world.panel.email)
    for bad in ("6", "0", "x"):
        data = form_data(3)
        data[f"c_{COMPETENCIES[0]}-rating"] = bad
        assert client.post(_url(world.candidate.id), data=data).status_code == 400
    with rows() as session:
        assert session.scalar(select(Rating.id)) is None


def test_submitted_ratings_are_final(app, world, rows):
    with rows() as session:
        assign(session, world.candidate.id, world.panel.id)
    client = app.test_client()
    login(client, world.panel.email)
    client.post(_url(world.candidate.id), data=form_data(2, action="submit"))
    again = client.post(_url(world.candidate.id), data=form_data(5, action="submit"))
    assert again.status_code == 302
    with rows() as session:
        assert set(session.scalars(select(Rating.rating))) == {2}
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
        assert actions.count("panel.submitted") == 1
