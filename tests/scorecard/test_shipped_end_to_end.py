"""End to end: simulated candidates answer the shipped instruments and are
scored for the airport night-shift role from the command line."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from click.testing import CliRunner

import questionnaires
from assess.cli import cli
from assess.scoring.simulate import simulate_candidates

N = 60
ARGS = [
    "score",
    "--instrument",
    "service-composure",
    "--instrument",
    "service-judgement",
    "--role",
    "airport-agent-night",
]


@pytest.fixture(scope="module")
def responses_csv(tmp_path_factory):
    """Graded-response answers per scale (reverse-keyed items flipped), instructed
    items answered as asked, scenario ratings near the expert key."""
    likert = questionnaires.load("service-composure")
    judgement = questionnaires.load("service-judgement")
    rng = np.random.default_rng(2024)
    columns: dict[str, np.ndarray] = {}
    rs = likert.response_scale
    for scale in likert.scales:
        items = likert.scale_items(scale.id)
        x, _, _ = simulate_candidates(N, len(items), rng=rng, n_categories=rs.max - rs.min + 1)
        x = x + (rs.min - 1)
        for j, item in enumerate(items):
            columns[item.id] = x[:, j] if item.key > 0 else rs.min + rs.max - x[:, j]
    im = likert.validity.impression_management
    for item in im.items if im else ():
        columns[item.id] = rng.integers(rs.min, rs.max + 1, N).astype(float)
    for item in likert.validity.instructed:
        columns[item.id] = np.full(N, float(item.expected))
    eff = judgement.effectiveness_scale
    for scenario in judgement.scenarios:
        for option in scenario.options:
            noisy = option.rating + np.round(rng.normal(scale=0.8, size=N))
            columns[f"{scenario.id}.{option.id}"] = np.clip(noisy, eff.min, eff.max)
    columns["so01" if "so01" in columns else next(iter(columns))][0] = np.nan  # one blank
    path = tmp_path_factory.mktemp("e2e") / "responses.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["candidate_id", "name", *columns])
        for i in range(N):
            cells = ["" if np.isnan(v[i]) else str(int(v[i])) for v in columns.values()]
            writer.writerow([f"C{i:03d}", f"Candidate {i}", *cells])
    return path


def test_shipped_instruments_score_for_the_airport_role(responses_csv):
    result = CliRunner().invoke(cli, [*ARGS, "--responses", str(responses_csv), "--json"])
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.stdout)["candidates"]
    assert len(candidates) == N
    scale_ids = {"service_orientation", "composure", "judgement_service", "judgement_composure"}
    for candidate in candidates:
        assert scale_ids <= set(candidate["scales"])
        for scale_id in scale_ids:
            scale = candidate["scales"][scale_id]
            assert scale["raw"] is not None
            assert scale["sem"] is not None and scale["ci90"][0] < scale["raw"] < scale["ci90"][1]
            assert scale["norm"]["simulated"] is True
            assert "SIMULATED" in scale["norm"]["source"]
            assert scale["band"] is not None
        basis = candidate["norm_basis"]
        assert basis["simulated"] is True and "SIMULATED" in basis["source"]
        fit = candidate["fit"]
        assert 0 <= fit["composite"] <= 100
        assert fit["band"] in {"strong", "good", "borderline", "low"}
        assert {b["scale"] for b in fit["bars"]} == scale_ids
        assert fit["sem"] > 0
        assert candidate["versions"]["role"] == "airport-agent-night@1"
        assert set(candidate["versions"]["instruments"]) == {
            "service-composure",
            "service-judgement",
        }
        assert candidate["validity"]["indices"]["instructed_failures"] == 0
        assert candidate["judgement"]
    # 60 candidates with every scored item: the batch gives intercorrelations.
    assert candidates[1]["fit"]["reliability"] is not None


def test_shipped_tables_label_simulated_norms(responses_csv):
    result = CliRunner().invoke(cli, [*ARGS, "--responses", str(responses_csv)])
    assert result.exit_code == 0, result.output
    assert "SIMULATED" in result.stdout
    assert "Candidate C000  Candidate 0" in result.stdout
    assert "Fit for airport-agent-night@1: composite" in result.stdout
