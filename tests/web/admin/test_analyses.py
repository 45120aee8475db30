"""Instruments in use, item analysis, local norms, demographic import and
the fairness report, each read back from the admin's pages."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from assess.results.pipeline import analyze
from assess.store.models import Candidate, Decision, Demographic, NormGroup
from tests.web.admin.helpers import add_likert_answers, add_score, completed_candidate
from tests.web.staff.people import login


@pytest.fixture
def admin(app, world):
    client = app.test_client()
    login(client, world.admin.email)
    return client


def test_instruments_in_use_show_pinned_and_installed_versions(admin, world):
    page = admin.get("/admin/instruments").text
    assert "service-composure" in page and "service-judgement" in page
    assert world.campaign.name in page


def test_item_analysis_shows_the_engines_reliability(admin, world, rows):
    import questionnaires

    with rows() as session:
        ids = [completed_candidate(session, world, i).id for i in range(12)]
        responses = add_likert_answers(session, ids)
    expected = analyze(questionnaires.load("service-composure"), responses)
    page = admin.get(f"/admin/campaigns/{world.campaign.id}/items").text
    assert "Completed candidates: 12" in page
    for scale_id, scale in expected.items():
        assert scale_id in page
        if scale["alpha"] is not None:
            assert f"{scale['alpha']:.2f}" in page
        first_item = next(iter(scale["items"]))
        assert first_item in page


def test_item_analysis_without_candidates_says_so(admin, world):
    assert (
        "No completed candidates yet."
        in admin.get(f"/admin/campaigns/{world.campaign.id}/items").text
    )


def test_norms_need_one_hundred_completed_candidates(admin, world, rows):
    url = f"/admin/campaigns/{world.campaign.id}/norms"
    assert "at least 100 completed candidates" in admin.get(url).text
    assert admin.post(url).status_code == 409
    with rows() as session:
        assert session.scalar(select(NormGroup.id)) is None


def test_norms_are_built_with_source_and_n(admin, world, rows):
    """Raw scores 1/20, 2/20, ..., 100/20: mean 50.5/20 = 2.525 and sample SD
    sqrt(100 * 101 / 12) / 20 = 1.4505746 by hand (variance of 1..n is n(n+1)/12)."""
    with rows() as session:
        for i in range(1, 101):
            add_score(session, completed_candidate(session, world, i).id, raw=i / 20)
    response = admin.post(f"/admin/campaigns/{world.campaign.id}/norms")
    assert response.status_code == 302
    with rows() as session:
        group = session.scalar(select(NormGroup))
        assert (group.instrument_id, group.n, group.simulated) == ("service-composure", 100, False)
        assert f"campaign {world.campaign.id}" in group.source
        composure = group.data["composure"]
        assert composure["mean"] == pytest.approx(2.525)
        assert composure["sd"] == pytest.approx(1.4505746, abs=1e-7)
        assert composure["n"] == 100 and composure["scores"][0] == 0.05
    assert "N = 100" in admin.get("/admin/instruments").text


def _csv(text: str):
    return {"file": (io.BytesIO(text.encode()), "answers.csv")}


def test_demographic_import_keeps_good_rows_and_lists_bad_ones(admin, world, rows):
    url = f"/admin/campaigns/{world.campaign.id}/demographics"
    content = f"candidate_id,gender\n{world.candidate.id},woman\n999999,man\nabc,man\n"
    response = admin.post(url, data=_csv(content), content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Row 3" in response.text and "Row 4" in response.text
    with rows() as session:
        stored = session.scalar(select(Demographic))
        assert (stored.candidate_id, stored.data) == (world.candidate.id, {"gender": "woman"})


def test_demographic_import_refuses_unknown_columns(admin, world, rows):
    url = f"/admin/campaigns/{world.campaign.id}/demographics"
    content = f"candidate_id,religion\n{world.candidate.id},x\n"
    response = admin.post(url, data=_csv(content), content_type="multipart/form-data")
    assert response.status_code == 400 and "Unknown columns: religion" in response.text
    with rows() as session:
        assert session.scalar(select(Demographic.id)) is None


def test_fairness_report_from_decisions_and_fit_scores(admin, world, rows):
    """Group a: 2 of 4 advanced (rate 0.50); group b: 1 of 4 (0.25); impact
    ratio of b = 0.25 / 0.50 = 0.50, below four fifths (hand calculation)."""
    outcomes = {
        "a": ["advance", "hire", "reject", "hold"],
        "b": ["advance", "reject"] + ["hold"] * 2,
    }
    with rows() as session:
        number = 0
        for group, decided in outcomes.items():
            for outcome in decided:
                number += 1
                candidate = completed_candidate(session, world, number)
                session.add(Demographic(candidate_id=candidate.id, data={"gender": group}))
                session.add(
                    Decision(
                        candidate_id=candidate.id,
                        user_id=world.recruiter.id,
                        outcome=outcome,
                        rationale="reasons given at length",
                    )
                )
                add_score(session, candidate.id, raw=3.0, fit=float(number))
    page = admin.get(f"/admin/campaigns/{world.campaign.id}/fairness?field=gender").text
    assert "<td>0.50</td>" in page and "<td>0.25</td>" in page
    assert "below four fifths of the reference rate" in page
    assert "Candidates: 9; with an answer to this question: 8." in page
    assert "above the median (4.5)" in page


def test_fairness_field_comes_from_an_allow_list(admin, world):
    page = admin.get(f"/admin/campaigns/{world.campaign.id}/fairness?field=name").text
    assert "No demographic answers for this question yet." in page
    assert 'value="gender" selected' in page


def test_no_candidate_data_reaches_the_report_when_erased(admin, world, rows):
    with rows() as session:
        session.add(Demographic(candidate_id=world.candidate.id, data={"gender": "woman"}))
        session.get(Candidate, world.candidate.id).status = "erased"
    page = admin.get(f"/admin/campaigns/{world.campaign.id}/fairness").text
    assert "Candidates: 0" in page


def test_item_analysis_reads_answers_stored_by_the_questionnaire(app, admin, world, rows):
    """End to end through the candidate pages: every stored answer id is one
    the engine knows, and the page renders the analysis of both instruments."""
    from tests.web.candidate.helpers import CandidateClient
    from tests.web.factories import invite

    app.config["WTF_CSRF_ENABLED"] = True  # the candidate pages render their tokens
    for number, value in ((1, "2"), (2, "4"), (3, "5")):
        with rows() as session:
            campaign = session.get(type(world.campaign), world.campaign.id)
            _candidate, token = invite(session, campaign, email=f"q{number}@example.org")
        browser = CandidateClient(app.test_client())
        browser.start(token)
        browser.answer_all(value)
        assert browser.submit().status_code == 302
    page = admin.get(f"/admin/campaigns/{world.campaign.id}/items")
    assert page.status_code == 200
    assert "Completed candidates: 3" in page.text
    assert "service_orientation" in page.text and "service-judgement" in page.text


def test_norms_store_each_scales_alpha_from_the_same_candidates(admin, world, rows):
    """The stored reliability is Cronbach's alpha of the keyed answers of the
    100 candidates the norms come from, cross-checked with
    ``pingouin.cronbach_alpha`` (reverse-keyed items as 1 + 5 - x)."""
    import pandas as pd
    import pingouin

    import questionnaires

    with rows() as session:
        ids = [completed_candidate(session, world, i).id for i in range(1, 101)]
        for i, candidate_id in enumerate(ids, start=1):
            add_score(session, candidate_id, raw=i / 20)
        responses = add_likert_answers(session, ids, seed=11)
    assert admin.post(f"/admin/campaigns/{world.campaign.id}/norms").status_code == 302
    instrument = questionnaires.load("service-composure")
    with rows() as session:
        group = session.scalar(select(NormGroup))
        for scale_id in ("service_orientation", "composure"):
            keyed = pd.DataFrame(
                {
                    item.id: responses[item.id] if item.key > 0 else 6 - responses[item.id]
                    for item in instrument.scale_items(scale_id)
                }
            )
            expected = pingouin.cronbach_alpha(keyed)[0]
            assert group.data[scale_id]["reliability"] == pytest.approx(expected, abs=1e-9)
