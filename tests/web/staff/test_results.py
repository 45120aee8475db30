"""Results: scales with their 95% intervals, bands, validity flags, role fit
and its reasons; sorting and filtering from an allow-list; comparison in
groups the measure cannot tell apart; exports; every view audit-logged."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select

from assess.store.models import AuditEvent, Campaign
from assess.web.invitations import invite_candidate
from tests.web.staff.people import login
from tests.web.staff.scores import give_scores


def _three_close_and_one_far(rows, world) -> dict[str, int]:
    """Composure 4.0, 3.9, 3.8 (SEM 0.2: within 1.96*sqrt(2)*0.2 = 0.55 of
    the top) and 2.0 (far below), so the first three form one group."""
    ids = {}
    with rows() as session:
        campaign = session.get(Campaign, world.campaign.id)
        give_scores(session, world.candidate.id, composure=4.0, flags=("long_string",))
        ids["Aino Äijälä"] = world.candidate.id
        for name, score in (("Bo Berg", 3.9), ("Cai Carlsson", 3.8), ("Dan Dahl", 2.0)):
            candidate, _ = invite_candidate(
                session, campaign, name=name, email=f"{name.split()[0].lower()}@example.org"
            )
            give_scores(session, candidate.id, composure=score)
            ids[name] = candidate.id
    return ids


def _actions(rows):
    with rows() as session:
        return [
            (e.action, e.object_type, e.object_id, e.user_id)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]


def test_candidate_page_shows_scales_with_intervals_band_flags_and_fit(client, world, rows):
    _three_close_and_one_far(rows, world)
    login(client, world.recruiter.email)
    html = client.get(f"/recruiter/candidates/{world.candidate.id}").get_data(as_text=True)
    assert "Composure" in html
    assert "3.61–4.39" in html  # 4.0 ± 1.959964 * 0.2
    assert "0.20" in html  # the SEM
    assert "Solid" in html  # the composure band's label in the instrument
    assert "Answered 14 items in a row with the same option" in html
    assert "Borderline" in html  # the fit band's label in the role profile
    assert "Composure under pressure raises the fit score by 12.5 points." in html
    assert "a person makes it" in html
    assert ("results.viewed", "candidate", world.candidate.id, world.recruiter.id) in _actions(rows)


def test_candidate_page_in_the_users_language(client, world, rows):
    import questionnaires
    from assess.store.models import User

    _three_close_and_one_far(rows, world)
    with rows() as session:
        session.get(User, world.recruiter.id).locale = "fi"
    login(client, world.recruiter.email)
    html = client.get(f"/recruiter/candidates/{world.candidate.id}").get_data(as_text=True)
    assert '<html lang="fi">' in html
    assert "Rajatapaus" in html
    assert questionnaires.load("service-composure").scale("composure").name["fi"] in html


def test_results_list_sorts_by_fit_and_logs_the_view(client, world, rows):
    ids = _three_close_and_one_far(rows, world)
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/results"
    html = client.get(url, query_string={"sort": "fit", "order": "asc"}).get_data(as_text=True)
    positions = [html.index(name) for name in ("Dan Dahl", "Cai Carlsson", "Bo Berg", "Aino")]
    assert positions == sorted(positions)
    assert any(a[0] == "results.listed" for a in _actions(rows))
    assert ids


def test_results_sort_by_a_scale_of_the_campaign(client, world, rows):
    _three_close_and_one_far(rows, world)
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/results"
    html = client.get(url, query_string={"sort": "scale:composure"}).get_data(as_text=True)
    positions = [html.index(name) for name in ("Aino", "Bo Berg", "Cai Carlsson", "Dan Dahl")]
    assert positions == sorted(positions)


def test_sort_and_filter_outside_the_allow_list_are_ignored(client, world, rows):
    _three_close_and_one_far(rows, world)
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/results"
    for args in (
        {"sort": "password_hash"},
        {"sort": "scale:__class__"},
        {"sort": "name; DROP TABLE candidate"},
        {"status": "erased"},
        {"flags": "1=1"},
    ):
        response = client.get(url, query_string=args)
        assert response.status_code == 200
        assert "Dan Dahl" in response.get_data(as_text=True)


def test_filters_by_status_and_flags(client, world, rows):
    _three_close_and_one_far(rows, world)
    with rows() as session:
        invite_candidate(
            session, session.get(Campaign, world.campaign.id), name="Ida Invited", email="i@e.org"
        )
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/results"
    invited = client.get(url, query_string={"status": "invited"}).get_data(as_text=True)
    assert "Ida Invited" in invited and "Dan Dahl" not in invited
    flagged = client.get(url, query_string={"flags": "flagged"}).get_data(as_text=True)
    assert "Aino" in flagged and "Bo Berg" not in flagged
    clear = client.get(url, query_string={"flags": "clear"}).get_data(as_text=True)
    assert "Aino" not in clear and "Bo Berg" in clear


def test_comparison_groups_candidates_that_cannot_be_told_apart(client, world, rows):
    ids = _three_close_and_one_far(rows, world)
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/compare"
    html = client.get(url, query_string={"candidate": list(ids.values())}).get_data(as_text=True)
    assert (
        "These three cannot be told apart on this measure: Aino Äijälä, Bo Berg, Cai Carlsson."
        in html
    )
    assert "a person makes it" in html
    assert any(a[0] == "results.compared" for a in _actions(rows))


def test_comparison_ignores_another_organisations_candidates(client, world, rows):
    ids = _three_close_and_one_far(rows, world)
    login(client, world.recruiter.email)
    url = f"/recruiter/campaigns/{world.campaign.id}/compare"
    html = client.get(url, query_string={"candidate": [ids["Bo Berg"], 999999]}).get_data(
        as_text=True
    )
    assert "Bo Berg" in html


def test_csv_export_neutralises_formulas_and_is_audited(client, world, rows):
    _three_close_and_one_far(rows, world)
    with rows() as session:
        invite_candidate(
            session,
            session.get(Campaign, world.campaign.id),
            name='=HYPERLINK("http://evil.example","x")',
            email="formula@example.org",
        )
    login(client, world.recruiter.email)
    response = client.get(f"/recruiter/campaigns/{world.campaign.id}/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    names = {row["name"] for row in table}
    assert '\'=HYPERLINK("http://evil.example","x")' in names
    aino = next(row for row in table if row["name"] == "Aino Äijälä")
    assert float(aino["composure_raw"]) == 4.0
    assert float(aino["composure_ci95_low"]) == 4.0 - 1.959964 * 0.2
    assert ("results.exported", "campaign", world.campaign.id, world.recruiter.id) in _actions(rows)


def test_json_export_keeps_values_and_is_audited(client, world, rows):
    _three_close_and_one_far(rows, world)
    login(client, world.recruiter.email)
    response = client.get(f"/recruiter/campaigns/{world.campaign.id}/export.json")
    document = json.loads(response.get_data(as_text=True))
    assert document["campaign"]["id"] == world.campaign.id
    assert len(document["rows"]) == 4
    assert "a person makes it" in document["note"]
    assert any(a[0] == "results.exported" for a in _actions(rows))


def test_erased_candidate_shows_nothing(client, world, rows):
    from assess.store.models import Candidate

    with rows() as session:
        candidate = session.get(Candidate, world.candidate.id)
        candidate.status, candidate.name, candidate.email = "erased", None, None
    login(client, world.recruiter.email)
    assert client.get(f"/recruiter/candidates/{world.candidate.id}").status_code == 410


def test_a_record_from_the_scoring_engine_renders(client, world, rows):
    """The page reads what ``assess.results.pipeline.score_answers`` actually writes."""
    from markupsafe import escape

    import questionnaires
    from assess.results.display import with_texts
    from assess.results.pipeline import SCORING_VERSION, score_answers
    from assess.store.models import Candidate, ScoreRecord

    instruments = [questionnaires.load(i["id"]) for i in world.campaign.instruments]
    answers = {item.id: 4 for item in instruments[0].all_likert_items}
    for scenario in instruments[1].scenarios:
        answers.update({f"{scenario.id}.{o.id}": o.rating for o in scenario.options})
    result = score_answers(
        instruments, answers, role=questionnaires.load_role("airport-agent-night")
    )
    with rows() as session:
        session.get(Candidate, world.candidate.id).status = "completed"
        session.add(
            ScoreRecord(
                candidate_id=world.candidate.id,
                instrument_versions={i.id: i.version for i in instruments},
                scoring_version=SCORING_VERSION,
                norm_basis="test",
                result=result,
            )
        )
    login(client, world.recruiter.email)
    html = client.get(f"/recruiter/candidates/{world.candidate.id}").get_data(as_text=True)
    lo, hi = result["scales"]["composure"]["ci95"]
    assert f"{lo:.2f}–{hi:.2f}" in html
    shown = with_texts(result, instruments, questionnaires.load_role("airport-agent-night"))
    # Every statement answered 4 is straight-lining: the band is withheld
    # and the page says why instead.
    assert shown["fit"]["band"] is None and result["fit"]["withheld"]
    assert shown["fit"]["withheld"]["label"]["en"] in html
    assert str(escape(shown["fit"]["withheld"]["text"]["en"])) in html
    assert str(escape(shown["fit"]["reasons"][0]["text"]["en"])) in html
    assert str(escape(shown["validity"]["flags"][0]["reason"]["en"])) in html
    assert "Must-reach bars" in html
