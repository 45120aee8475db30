"""The recruiter's panel view: submitted ratings only, disagreement of two
points or more marked, ICC(2,k) with its interval or why it is missing."""

from __future__ import annotations

import numpy as np
import pytest

from assess.results import panel
from assess.scoring.agreement import icc
from tests.web.panel.helpers import COMPETENCIES, add_candidate, add_member, assign, rate_and_submit
from tests.web.staff.people import login


def _page(app, world):
    client = app.test_client()
    login(client, world.recruiter.email)
    response = client.get(f"/panel/campaigns/{world.campaign.id}")
    assert response.status_code == 200
    return response.text


def test_icc_2k_of_two_members_over_three_candidates(app, world, rows):
    """Ratings [[4, 5], [2, 2], [3, 4]]: MSR = 19/6, MSC = 2/3, MSE = 1/6 by
    hand, so ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE) / n) = 3 / (10/3) = 0.90."""
    table = [(4, 5), (2, 2), (3, 4)]
    with rows() as session:
        second = add_member(session, world, "pekka@nordic.example")
        candidates = [world.candidate.id] + [
            add_candidate(session, world, f"Candidate {i}", f"c{i}@example.org") for i in (2, 3)
        ]
        for candidate_id, (a, b) in zip(candidates, table, strict=True):
            rate_and_submit(session, candidate_id, world.panel.id, a)
            rate_and_submit(session, candidate_id, second, b)
        result = panel.agreement(session, candidates, COMPETENCIES)
    assert [round(r.value, 6) for r in result] == [0.9] * len(COMPETENCIES)
    engine = icc(np.array(table, dtype=float)).row("ICC(2,k)")
    assert result[0].ci95 == pytest.approx((engine["ci_low"], engine["ci_high"]))
    page = _page(app, world)
    assert page.count("<td>0.90</td>") == len(COMPETENCIES)
    assert f"{engine['ci_low']:.2f} – {engine['ci_high']:.2f}" in page


def test_exact_agreement_has_no_interval_and_says_why(app, world, rows):
    """Equal ratings from both members on candidates that differ: ICC(2,k) = 1
    with zero error variance (F infinite), so no interval can be formed."""
    with rows() as session:
        second = add_member(session, world, "pekka@nordic.example")
        other = add_candidate(session, world, "Candidate 2", "c2@example.org")
        for candidate_id, value in ((world.candidate.id, 2), (other, 4)):
            rate_and_submit(session, candidate_id, world.panel.id, value)
            rate_and_submit(session, candidate_id, second, value)
        result = panel.agreement(session, [world.candidate.id, other], COMPETENCIES)
    assert [(r.value, r.ci95) for r in result] == [(1.0, None)] * len(COMPETENCIES)
    assert _page(app, world).count("the members agree exactly") == len(COMPETENCIES)


def test_too_few_raters_or_candidates_is_said(app, world, rows):
    with rows() as session:
        rate_and_submit(session, world.candidate.id, world.panel.id, 3)
    assert _page(app, world).count("Too few raters") == len(COMPETENCIES)
    with rows() as session:
        second = add_member(session, world, "pekka@nordic.example")
        rate_and_submit(session, world.candidate.id, second, 3)
    assert _page(app, world).count("Too few candidates") == len(COMPETENCIES)


def test_only_submitted_ratings_count_and_disagreement_is_marked(app, world, rows):
    with rows() as session:
        second = add_member(session, world, "pekka@nordic.example")
        third = add_member(session, world, "piia@nordic.example")
        rate_and_submit(session, world.candidate.id, world.panel.id, [3, 3, 3, 3, 3])
        rate_and_submit(session, world.candidate.id, second, [5, 4, 3, 1, 3])
        assign(session, world.candidate.id, third)
        draft = panel.assignment(session, world.candidate.id, third)
        panel.save_ratings(session, draft, dict.fromkeys(COMPETENCIES, 1), allowed=COMPETENCIES)
        summary = panel.candidate_summary(session, world.candidate.id, COMPETENCIES)
    assert [s.spread for s in summary] == [2, 1, 0, 2, 0]
    assert [s.disagree for s in summary] == [True, False, False, True, False]
    assert summary[0].mean == 4.0
    assert all(third not in s.ratings for s in summary), "a draft is not counted"
    assert _page(app, world).count("(members disagree)") == 2


def test_save_ratings_refuses_unknown_competencies_and_changes_after_submit(world, rows):
    with rows() as session:
        assign(session, world.candidate.id, world.panel.id)
        row = panel.assignment(session, world.candidate.id, world.panel.id)
        with pytest.raises(panel.PanelError, match="unknown competency"):
            panel.save_ratings(session, row, {"typing_speed": 3}, allowed=COMPETENCIES)
        with pytest.raises(panel.PanelError, match="rate every competency"):
            panel.submit(session, row, required=COMPETENCIES)
        panel.save_ratings(session, row, dict.fromkeys(COMPETENCIES, 3), allowed=COMPETENCIES)
        panel.submit(session, row, required=COMPETENCIES)
        with pytest.raises(panel.PanelError, match="final"):
            panel.save_ratings(session, row, {COMPETENCIES[0]: 4}, allowed=COMPETENCIES)


def test_assign_is_idempotent_and_stays_in_the_organisation(world, rows):
    from assess.store.models import Candidate, User

    with rows() as session:
        candidate = session.get(Candidate, world.candidate.id)
        first = panel.assign(session, candidate, session.get(User, world.panel.id))
        assert panel.assign(session, candidate, session.get(User, world.panel.id)).id == first.id
        outsider = add_member(session, world, "olli@harbour.example", organisation=world.other_org)
        with pytest.raises(panel.PanelError):
            panel.assign(session, candidate, session.get(User, outsider))
