"""Adverse impact against hand calculations and scipy.stats.fisher_exact."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from assess.scoring.fairness import adverse_impact, intersect, scoring_rate


def _data():
    # a: 60 of 100 selected; b: 30 of 80; c: 5 of 10; 7 unknown (None/""/NaN)
    groups = ["a"] * 100 + ["b"] * 80 + ["c"] * 10 + [None] * 3 + [""] * 2 + [float("nan")] * 2
    selected = [True] * 60 + [False] * 40 + [True] * 30 + [False] * 50 + [True] * 5 + [False] * 5
    selected += [True] * 7
    return groups, selected


def test_rates_and_impact_ratios_by_hand():
    """Hand: rates a .60, b .375, c .50; reference a; ratios 1, .625, .8333;
    four-fifths flags b only (.625 < .8); 7 unknown left out."""
    res = adverse_impact(*_data())
    assert res.groups == ("a", "b", "c")
    assert res.n.tolist() == [100, 80, 10] and res.selected.tolist() == [60, 30, 5]
    np.testing.assert_allclose(res.rate, [0.6, 0.375, 0.5])
    np.testing.assert_allclose(res.impact_ratio, [1.0, 0.625, 0.5 / 0.6])
    assert res.four_fifths.tolist() == [False, True, False]
    assert res.reference == "a" and res.unknown == 7


def test_fisher_p_matches_scipy():
    """p of each group vs the reference equals scipy.stats.fisher_exact two-sided."""
    res = adverse_impact(*_data())
    assert np.isnan(res.fisher_p[0])
    b = stats.fisher_exact([[30, 50], [60, 40]]).pvalue
    c = stats.fisher_exact([[5, 5], [60, 40]]).pvalue
    np.testing.assert_allclose(res.fisher_p[1:], [b, c], rtol=1e-10)


def test_small_sample_warning():
    """Group c has n = 10 < 30; b's expected cells (hand: 80*90/180 = 40 ...) are all >= 5."""
    res = adverse_impact(*_data())
    assert res.small_sample.tolist() == [False, False, True]
    # n >= 30 but an expected cell below 5: 2 of 40 vs 3 of 40 selected
    res = adverse_impact(["x"] * 40 + ["y"] * 40, [1] * 3 + [0] * 37 + [1] * 2 + [0] * 38)
    assert res.small_sample.tolist() == [False, True]


def test_min_share_excludes_small_categories():
    """c holds 10/190 = 5.3% of known labels: kept at 2%, excluded at 6%."""
    groups, selected = _data()
    assert adverse_impact(groups, selected, min_share=0.02).excluded == ()
    res = adverse_impact(groups, selected, min_share=0.06)
    assert res.excluded == ("c",) and res.groups == ("a", "b")


def test_nobody_selected_and_ties():
    """No selections: ratios undefined (NaN), nothing flagged. Tied top rates:
    the larger group is the reference."""
    res = adverse_impact(["a", "b"], [False, False])
    assert np.all(np.isnan(res.impact_ratio)) and not res.four_fifths.any()
    res = adverse_impact(["a", "b", "b"], [True, True, True])
    assert res.reference == "b"
    rows = res.rows()
    assert rows[1]["reference"] and rows[0]["impact_ratio"] == 1.0


def test_bad_input():
    """Mismatched lengths, non-boolean selections and a share above 1 are refused."""
    with pytest.raises(ValueError, match="differ in length"):
        adverse_impact(["a"], [True, False])
    with pytest.raises(ValueError, match="booleans"):
        adverse_impact(["a", "b"], ["yes", "no"])
    with pytest.raises(ValueError, match="min_share"):
        adverse_impact(["a"], [True], min_share=2)


def test_intersect_labels():
    """Labels joined with " × "; unknown when either part is unknown (by definition)."""
    out = intersect(["F", "M", None, "F"], ["x", "y", "x", ""])
    assert out.tolist() == ["F × x", "M × y", None, None]
    with pytest.raises(ValueError, match="differ in length"):
        intersect(["F"], [])


def test_scoring_rate_by_hand():
    """Scores 1..8, median 4.5 (hand). Above it: a has 6 (of 1, 2, 6), b has
    5, 7, 8 (of 3, 4, 5, 7, 8) -> rates 1/3 and 3/5, ratio (1/3)/(3/5) = .5556;
    the unknown person's score counts for the median but not for a rate; an
    unscored person is left out."""
    groups = ["a", "a", "b", "b", "b", "a", "b", "b", None, "a"]
    scores = [1, 2, 3, 4, 5, 6, 7, 8, 4.5, np.nan]
    res = scoring_rate(groups, scores)
    assert res.median == 4.5
    np.testing.assert_allclose(res.rate, [1 / 3, 3 / 5])
    np.testing.assert_allclose(res.impact_ratio, [(1 / 3) / (3 / 5), 1.0])
    assert res.reference == "b" and res.unknown == 1
    assert res.four_fifths.tolist() == [True, False]
    with pytest.raises(ValueError, match="at least one score"):
        scoring_rate(["a"], [np.nan])


def test_large_samples_and_mixed_label_types():
    """A million applicants: counts equal numpy's own tally and p equals
    scipy.stats.fisher_exact; mixed label types (None, NaN, numbers, text)
    are grouped by their text."""
    rng = np.random.default_rng(4)
    groups = rng.choice(np.array(["a", "b", ""]), size=1_000_000)
    selected = rng.random(1_000_000) < np.where(groups == "a", 0.30, 0.28)
    res = adverse_impact(groups, selected)
    for i, g in enumerate(res.groups):
        assert res.n[i] == np.sum(groups == g)
        assert res.selected[i] == np.sum(selected & (groups == g))
    a, b = res.rows()
    table = [[b["selected"], b["n"] - b["selected"]], [a["selected"], a["n"] - a["selected"]]]
    assert b["fisher_p"] == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-8, abs=1e-300)
    assert res.unknown == np.sum(groups == "")
    mixed = adverse_impact([1, "1", None, float("nan"), "x"], [True, False, True, True, False])
    assert mixed.groups == ("1", "x") and mixed.n.tolist() == [2, 1] and mixed.unknown == 2
