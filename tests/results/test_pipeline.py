"""The product scores through the fused one-pass code (point 9 of the issue:
the benchmark timed ``score_matrix``, which no product code called)."""

from __future__ import annotations

import numpy as np

import questionnaires
from assess.commands.demo_data import simulated_answers
from assess.results.pipeline import score_candidates
from assess.scoring import batch, validity
from assess.scoring.scales import reverse_key


def test_the_product_pipeline_reads_the_answers_in_one_fused_pass(monkeypatch):
    calls = []
    real = batch.row_stats

    def counting(*args, **kwargs):
        calls.append(args[0].shape)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "row_stats", counting)
    instruments = [questionnaires.load(i) for i in ("service-composure", "service-judgement")]
    role = questionnaires.load_role("airport-agent-night")
    records = score_candidates(
        instruments, simulated_answers(40, np.random.default_rng(3)), role=role
    )
    likert = [item.id for item in instruments[0].all_likert_items]
    assert calls == [(40, len(likert))]
    assert len(records) == 40


def test_the_fused_pass_gives_the_separate_functions_numbers():
    """Long-string, IRV and even-odd of the record equal the one-at-a-time
    functions of assess.scoring.validity on the same answers (each pinned to
    R careless in tests/scoring)."""
    instruments = [questionnaires.load("service-composure")]
    answers = simulated_answers(35, np.random.default_rng(8))
    answers = {k: v for k, v in answers.items() if not k.startswith("sj")}
    records = score_candidates(instruments, answers)
    items = instruments[0].all_likert_items
    raw = np.column_stack([answers[item.id] for item in items])
    scored = instruments[0].items
    keyed = np.column_stack(
        [reverse_key(answers[i.id], 1, 5) if i.key < 0 else answers[i.id] for i in scored]
    )
    labels = [f"{instruments[0].id}:{i.facet or i.scale}" for i in scored]
    expected = {
        "long_string": validity.long_string(raw),
        "irv": validity.irv(raw),
        "even_odd": validity.even_odd(keyed, labels),
    }
    for name, values in expected.items():
        got = np.array([r["validity"]["indices"][name] for r in records], dtype=float)
        np.testing.assert_allclose(got, values, rtol=1e-12, atol=1e-12)


def test_the_fused_pass_gives_mahalanobis_over_the_scored_items_only():
    """D² of the record is validity.mahalanobis_d2 over the keyed scored
    items (the impression-management and instructed items are left out),
    against the batch's own centroid, with chi-square df = scored items."""
    instruments = [questionnaires.load("service-composure")]
    answers = simulated_answers(160, np.random.default_rng(4))
    answers = {k: v for k, v in answers.items() if not k.startswith("sj")}
    records = score_candidates(instruments, answers)
    scored = instruments[0].items
    keyed = np.column_stack(
        [reverse_key(answers[i.id], 1, 5) if i.key < 0 else answers[i.id] for i in scored]
    )
    expected = validity.mahalanobis_d2(keyed)
    got = np.array([r["validity"]["indices"]["mahalanobis_d2"] for r in records], dtype=float)
    p = np.array([r["validity"]["indices"]["mahalanobis_p"] for r in records], dtype=float)
    assert np.isfinite(got).sum() >= 80
    np.testing.assert_allclose(got, expected.d2, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(p, expected.p, rtol=1e-9, atol=1e-12)
