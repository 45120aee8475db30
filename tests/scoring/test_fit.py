"""Role fit against hand calculations (POMP, composites, Mosier 1943, bands)."""

from __future__ import annotations

import numpy as np
import pytest

from assess.scoring.fit import (
    bars_met,
    composite,
    composite_sem,
    fit_bands,
    fit_reasons,
    mosier_reliability,
    pomp,
    role_fit,
)

NAN = np.nan


def test_pomp_by_hand():
    """Hand: (3.4 - 1) / 4 = 60%; (72 - 0) / 100 = 72%."""
    out = pomp([[3.4, 72.0], [NAN, 0.0]], [1, 0], [5, 100])
    np.testing.assert_allclose(out[0], [60.0, 72.0])
    assert np.isnan(out[1, 0]) and out[1, 1] == 0.0
    with pytest.raises(ValueError, match="outside"):
        pomp([[5.5]], 1, 5)
    with pytest.raises(ValueError, match="high > low"):
        pomp([[3.0]], 5, 5)


def test_composite_weighted_mean_and_missing():
    """Hand: weights 2:1:1 -> .5, .25, .25; .5*60 + .25*80 + .25*40 = 60.
    A missing weighted scale gives NaN; a missing weight-0 scale does not."""
    res = composite([[60.0, 80.0, 40.0], [60.0, NAN, 40.0]], [2, 1, 1])
    assert res.value[0] == pytest.approx(60.0)
    assert np.isnan(res.value[1])
    assert res.missing.tolist() == [[False, False, False], [False, True, False]]
    res = composite([[60.0, NAN]], [1, 0])
    assert res.value[0] == pytest.approx(60.0) and not res.missing.any()
    with pytest.raises(ValueError, match="non-negative"):
        composite([[1.0, 2.0]], [1, -1])
    with pytest.raises(ValueError, match="one value per scale"):
        composite([[1.0, 2.0]], [1])


def test_mosier_reliability_by_hand():
    """Mosier (1943) by hand. Weights .6/.4, SDs 10/20, reliabilities .8/.9,
    r12 = .5. Error: .36*100*.2 + .16*400*.1 = 7.2 + 6.4 = 13.6. Total:
    .36*100 + .16*400 + 2*.6*.4*.5*10*20 = 36 + 64 + 48 = 148.
    r_c = 1 - 13.6/148 = .908108...; SEM_c = sqrt(13.6) = 3.687818."""
    args = ([3, 2], [10, 20], [0.8, 0.9], [[1, 0.5], [0.5, 1]])
    assert mosier_reliability(*args) == pytest.approx(1 - 13.6 / 148, rel=1e-12)
    assert composite_sem(*args) == pytest.approx(np.sqrt(13.6), rel=1e-12)
    # SEM_c equals SD_c * sqrt(1 - r_c)
    assert composite_sem(*args) == pytest.approx(np.sqrt(148 * (13.6 / 148)))


def test_mosier_standardised_unit_weights_formula():
    """Unit weights on standardised scales: r_c = 1 - sum(1 - r_i) / (k + 2 sum r_ij)
    (Mosier 1943, eq. for equally weighted standard scores), hand: k = 3,
    r = .7, .8, .9, r_ij = .3, .4, .5 -> 1 - .6 / (3 + 2.4) = .888889."""
    corr = np.array([[1, 0.3, 0.4], [0.3, 1, 0.5], [0.4, 0.5, 1]])
    got = mosier_reliability([1, 1, 1], [1, 1, 1], [0.7, 0.8, 0.9], corr)
    assert got == pytest.approx(1 - 0.6 / 5.4, rel=1e-12)


def test_mosier_rejects_bad_matrices():
    """Asymmetric correlations, reliabilities above 1 and shape mismatches are refused."""
    with pytest.raises(ValueError, match="correlation matrix"):
        mosier_reliability([1, 1], [1, 1], [0.8, 0.8], [[1, 0.2], [0.3, 1]])
    with pytest.raises(ValueError, match="reliabilities"):
        mosier_reliability([1, 1], [1, 1], [0.8, 1.8], [[1, 0], [0, 1]])
    with pytest.raises(ValueError, match="need shape"):
        mosier_reliability([1, 1], [1], [0.8, 0.8], [[1, 0], [0, 1]])


def test_bars_met():
    """Bars on the raw metric; reaching the bar exactly meets it; a missing
    score on a barred scale cannot meet it; NaN bar = no bar."""
    res = bars_met([[3.5, 50.0, 1.0], [3.49, 70.0, NAN], [NAN, 70.0, 2.0]], [3.5, 50.0, NAN])
    assert res.all_met.tolist() == [True, False, False]
    assert res.failed.tolist() == [[False] * 3, [True, False, False], [False] * 3]
    assert res.missing[2].tolist() == [True, False, False]


def test_fit_bands():
    """Bands 0 / 50 / 80 (80 needs all bars): 85 with bars -> 2; 85 without
    -> 1; 49.99 -> 0; NaN -> -1; bands given out of order still work."""
    c = [85.0, 85.0, 49.99, NAN]
    met = [True, False, True, True]
    assert fit_bands(c, [0, 50, 80], [False, False, True], met).tolist() == [2, 1, 0, -1]
    assert fit_bands(c, [80, 0, 50], [True, False, False], met).tolist() == [0, 2, 1, -1]
    assert fit_bands([10.0], [20, 50], [False, False], [True]).tolist() == [-1]


def test_fit_reasons_contributions_sum_to_composite():
    """composite = 50 + sum of contributions w_j (pomp_j - 50) (algebra of a
    weighted mean with weights summing to 1)."""
    rng = np.random.default_rng(2)
    p = rng.uniform(0, 100, size=(20, 4))
    w = np.array([3.0, 1.0, 2.0, 2.0])
    res = fit_reasons(p, w, p, [NAN] * 4, list("abcd"), records=False)
    np.testing.assert_allclose(50 + res.contributions.sum(axis=1), composite(p, w).value)
    assert res.records == []


def test_fit_reasons_records_and_texts():
    """Hand: weights equal; pomp 90 -> +20, 25 -> -12.5, 40 -> -5. Scale 'cp'
    raw 2.0 misses bar 2.1 and is within 1.644854 * .3 = .49 of it; 'so' raw
    4.6 is 1.6 above its bar 3.0: certain."""
    names = {"so": {"en": "Service orientation", "fi": "Palveluasenne"}}
    res = fit_reasons(
        [[90.0, 25.0, 40.0]],
        [1, 1, 1],
        [[4.6, 2.0, 2.6]],
        [3.0, 2.1, NAN],
        ["so", "cp", "rc"],
        sem=[0.3, 0.3, 0.3],
        scale_names=names,
    )
    np.testing.assert_allclose(res.contributions[0], [40 / 3, -25 / 3, -10 / 3])
    kinds = [(r["kind"], r["scale"]) for r in res.records[0]]
    assert kinds == [
        ("bar_missed", "cp"),
        ("bar_uncertain", "cp"),
        ("lifts", "so"),
        ("sinks", "cp"),
        ("sinks", "rc"),
    ]
    lift = res.records[0][2]["text"]
    assert lift["en"] == "Service orientation raises the fit score by 13.3 points."
    assert lift["fi"] == "Palveluasenne nostaa sopivuuspistemäärää 13,3 pisteellä."
    unsure = res.records[0][1]
    assert unsure["low"] == pytest.approx(2.0 - 1.644854 * 0.3)
    assert "90% interval" in unsure["text"]["en"] and "90 %:n" in unsure["text"]["fi"]


def test_fit_reasons_missing_scale():
    res = fit_reasons([[NAN, 60.0]], [1, 1], [[NAN, 3.4]], [3.0, NAN], ["so", "cp"])
    assert [r["kind"] for r in res.records[0]] == ["missing", "lifts"]
    assert "could not be scored" in res.records[0][0]["text"]["en"]


def test_role_fit_end_to_end():
    """Hand: raw 4.5 on 1-5 -> 87.5; 70 on 0-100 -> 70; equal weights ->
    78.75; bars 3.5 and 50 met -> band 'high' (min 60, needs all bars).
    Second candidate: 3.0 misses 3.5 -> 'low' although 62.5 >= 60."""
    res = role_fit(
        [[4.5, 70.0], [3.0, 75.0]],
        [1, 0],
        [5, 100],
        [1, 1],
        [3.5, 50],
        [0, 60],
        [False, True],
        ["service", "judgement"],
        composite_sem=4.0,
        band_ids=["low", "high"],
        sem=[0.25, 5.0],
    )
    np.testing.assert_allclose(res.composite, [78.75, 62.5])
    assert res.band.tolist() == [1, 0] and res.band_id == ["high", "low"]
    assert res.all_bars_met.tolist() == [True, False]
    np.testing.assert_allclose(res.composite_low, [78.75 - 1.644854 * 4, 62.5 - 1.644854 * 4])
    assert res.reasons[1][0]["kind"] == "bar_missed"
    assert res.bar_uncertain.tolist() == [[False, False], [False, False]]


def test_reason_texts_keep_braces_in_scale_names_and_vary_per_candidate():
    """Texts are filled from per-scale templates; worked by hand: weights
    1/2 each, (90 - 50) / 2 = 20.0 and (75 - 50) / 2 = 12.5 points; a name
    with braces is printed as written, not read as a placeholder."""
    names = {"so": {"en": "Care {a}", "fi": "Hoiva {0}"}}
    res = fit_reasons([[90.0, 25.0], [75.0, 25.0]], [1, 1], [[4.6, 2.0], [4.0, 2.0]],
                      [NAN, NAN], ["so", "cp"], scale_names=names)  # fmt: skip
    assert [r["text"]["en"] for r in res.records[0]] == [
        "Care {a} raises the fit score by 20.0 points.",
        "cp lowers the fit score by 12.5 points.",
    ]
    assert res.records[1][0]["text"]["fi"] == "Hoiva {0} nostaa sopivuuspistemäärää 12,5 pisteellä."
