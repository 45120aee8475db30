"""Scores use an organisation's local norms once an admin has built them:
at the candidate's final submit and in bulk re-scoring, on SQLite and
PostgreSQL."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sqlalchemy import select

import questionnaires
from assess.commands.demo_data import add_simulated_candidates
from assess.results.norm_groups import local_norms, percentile_table
from assess.results.rescore import rescore_campaign
from assess.store.models import Candidate, NormGroup, ScoreRecord
from tests.web.factories import make_campaign, make_organisation

MEAN, SD, ALPHA = 3.0, 0.5, 0.84
SCORES = [2.0, 3.0, 3.0, 4.0]
SHIPPED = (
    "SIMULATED: applicant population model (scripts/simulate_norms.py, seed 20261202), "
    "not a real norm group"
)


def add_norm_group(session, organisation_id, *, version=None, source="local: campaign 1 (Winter)"):
    """A local composure norm: mean 3.0, SD 0.5, alpha 0.84, sample 2, 3, 3, 4."""
    instrument = questionnaires.load("service-composure")
    group = NormGroup(
        organisation_id=organisation_id,
        instrument_id=instrument.id,
        instrument_version=version or instrument.version,
        source=source,
        n=100,
        simulated=False,
        data={
            "composure": {
                "mean": MEAN,
                "sd": SD,
                "n": 100,
                "scores": SCORES,
                "reliability": ALPHA,
            }
        },
    )
    session.add(group)
    session.commit()
    return group


def test_percentile_table_is_the_empirical_mid_rank():
    """Sample 2, 3, 3, 4 (N = 4) by hand: 2 has 0 below and 1 equal,
    100 * 0.5 / 4 = 12.5; 3 has 1 below, 2 equal: 50; 4 has 3 below: 87.5."""
    assert percentile_table(SCORES) == ((2.0, 12.5), (3.0, 50.0), (4.0, 87.5))
    assert percentile_table([3.0, 3.0]) == ()


def _submit(browser, token, session, candidate_id):
    browser.start(token)
    browser.answer_all("4")
    assert browser.submit().status_code == 302
    session.rollback()
    return session.scalar(select(ScoreRecord).where(ScoreRecord.candidate_id == candidate_id))


def test_final_submit_is_scored_against_the_local_norm(
    browser, token, invited, candidate_id, session
):
    """T = 50 + 10 (raw - 3.0) / 0.5 and SEM = 0.5 sqrt(1 - 0.84) = 0.2 by
    hand; the percentile interpolates the mid-ranks 12.5 / 50 / 87.5 at raw
    2 / 3 / 4. Scales without a local norm keep the shipped SIMULATED one."""
    add_norm_group(session, invited[0].organisation_id)
    record = _submit(browser, token, session, candidate_id)
    composure = record.result["scales"]["composure"]
    raw = composure["raw"]
    assert composure["t"] == pytest.approx(50 + 10 * (raw - MEAN) / SD)
    assert composure["sem"] == pytest.approx(0.2)
    assert composure["sem"] == pytest.approx(SD * math.sqrt(1 - ALPHA))
    assert composure["percentile"] == pytest.approx(np.interp(raw, [2, 3, 4], [12.5, 50, 87.5]))
    group = session.scalar(select(NormGroup))
    assert composure["norm"] == {
        "id": f"norm-group:{group.id}",
        "source": "local: campaign 1 (Winter)",
        "n": 100,
        "mean": MEAN,
        "sd": SD,
        "reliability": ALPHA,
        "simulated": False,
        "percentiles": "table",
    }
    service = record.result["scales"]["service_orientation"]
    assert service["norm"]["source"] == SHIPPED and service["norm"]["simulated"] is True
    assert service["sem"] == pytest.approx(0.64 * math.sqrt(1 - 0.95))  # shipped norm
    assert "local: campaign 1 (Winter)" in record.result["norm_basis"]["source"]
    assert "local: campaign 1 (Winter)" in record.norm_basis


@pytest.mark.parametrize("other", ["none", "organisation", "version"])
def test_without_a_matching_local_norm_the_shipped_norms_are_used(
    other, browser, token, invited, candidate_id, session
):
    """No group, a group of another organisation, or of another instrument
    version: composure is normed on the shipped SIMULATED norm (mean 3.82,
    SD 0.66, alpha 0.95: T = 50 + 10 (raw - 3.82) / 0.66)."""
    if other == "organisation":
        add_norm_group(session, make_organisation(session, name="Harbour Clinic").id)
    elif other == "version":
        add_norm_group(session, invited[0].organisation_id, version="0.9")
    record = _submit(browser, token, session, candidate_id)
    composure = record.result["scales"]["composure"]
    assert composure["norm"]["source"] == SHIPPED
    assert composure["t"] == pytest.approx(50 + 10 * (composure["raw"] - 3.82) / 0.66)
    assert composure["sem"] == pytest.approx(0.66 * math.sqrt(1 - 0.95))
    assert record.norm_basis == SHIPPED
    instruments = [questionnaires.load("service-composure")]
    assert local_norms(session, invited[0].organisation_id, instruments) is None


def test_bulk_rescoring_after_norms_adds_records_and_keeps_the_old_ones(session):
    org = make_organisation(session)
    campaign = make_campaign(session, organisation=org)
    people = add_simulated_candidates(
        session, campaign, ("Aino", "Bo", "Cai"), np.random.default_rng(3)
    )
    rescore_campaign(session, campaign.id)
    session.commit()
    before = {
        r.candidate_id: (r.id, r.norm_basis, r.result) for r in session.scalars(select(ScoreRecord))
    }
    assert all(basis == SHIPPED for _, basis, _ in before.values())
    add_norm_group(session, org.id, source=f"local: campaign {campaign.id} ({campaign.name})")
    assert rescore_campaign(session, campaign.id) == len(people)
    session.commit()
    for candidate in session.scalars(select(Candidate).where(Candidate.campaign_id == campaign.id)):
        records = list(
            session.scalars(
                select(ScoreRecord)
                .where(ScoreRecord.candidate_id == candidate.id)
                .order_by(ScoreRecord.id)
            )
        )
        assert len(records) == 2
        old, new = records
        assert (old.id, old.norm_basis, old.result) == before[candidate.id]
        assert f"local: campaign {campaign.id}" in new.norm_basis
        composure = new.result["scales"]["composure"]
        assert composure["norm"]["simulated"] is False
        assert composure["t"] == pytest.approx(50 + 10 * (composure["raw"] - MEAN) / SD)
        assert composure["sem"] == pytest.approx(0.2)
    assert rescore_campaign(session, campaign.id) == 0
