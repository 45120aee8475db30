"""Validity indices against hand calculations and scipy/numpy cross-checks."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from scipy.spatial.distance import mahalanobis

from assess.scoring.validity import (
    DEFAULT_THRESHOLDS,
    even_odd,
    impression_management,
    inconsistency,
    instructed_failures,
    irv,
    long_string,
    mahalanobis_d2,
    too_fast,
    validity_flags,
)

NAN = np.nan


def _long_string_by_hand(row):
    best = run = 0
    previous = None
    for x in row:
        if np.isnan(x):
            run, previous = 0, None
            continue
        run = run + 1 if previous is not None and x == previous else 1
        previous = x
        best = max(best, run)
    return best


def test_long_string_hand_examples():
    """Hand count: runs 3 (1,1,1); 2 (3,3 after the gap, gap breaks the 3-3);
    5 (straight line); 0 (nothing answered); 1 (all different)."""
    r = np.array(
        [
            [1, 1, 1, 2, 2, 4],
            [3, NAN, 3, 3, 4, 5],
            [2, 2, 2, 2, 2, NAN],
            [NAN] * 6,
            [1, 2, 3, 4, 5, 1],
        ]
    )
    assert long_string(r).tolist() == [3, 2, 5, 0, 1]


def test_long_string_matches_plain_loop_on_random_data():
    """Cross-check with a plain per-row loop (the definition written out)."""
    rng = np.random.default_rng(7)
    r = rng.integers(1, 4, size=(300, 25)).astype(float)
    r[rng.random(r.shape) < 0.1] = NAN
    assert long_string(r).tolist() == [_long_string_by_hand(row) for row in r]


def test_long_string_rejects_non_matrix():
    """A 1-d vector is not a candidates x items matrix: ValueError."""
    with pytest.raises(ValueError, match="2-d"):
        long_string([1, 2, 3])


def test_irv_is_sample_sd_of_answered_items():
    """IRV = SD with ddof=1 over answered items (numpy nanstd cross-check);
    [1..5] by hand: var = 10/4, SD = 1.5811."""
    rng = np.random.default_rng(3)
    r = rng.integers(1, 6, size=(200, 30)).astype(float)
    r[rng.random(r.shape) < 0.15] = NAN
    expected = np.array([np.std(row[~np.isnan(row)], ddof=1) for row in r])
    np.testing.assert_allclose(irv(r), expected, rtol=1e-12)
    out = irv([[1, 2, 3, 4, 5], [4, 4, 4, 4, 4], [2, NAN, NAN, NAN, NAN]])
    assert out[0] == pytest.approx(np.sqrt(2.5))
    assert out[1] == 0.0  # exactly zero for a straight line
    assert np.isnan(out[2])


def test_even_odd_hand_calculation():
    """Three 4-item scales. Candidate 1 odd halves (1st, 3rd item) means 1, 3, 5
    and even halves 2, 3, 4: r = 1, SB = 2/(1+1) = 1. Candidate 2: odd 1, 3, 5,
    even 4, 3, 3: r = -0.866, below -1/3, so the corrected value is -1."""
    labels = ["a"] * 4 + ["b"] * 4 + ["c"] * 4
    r = np.array(
        [
            [1, 2, 1, 2, 3, 3, 3, 3, 5, 4, 5, 4],
            [1, 4, 1, 4, 3, 3, 3, 3, 5, 3, 5, 3],
        ],
        dtype=float,
    )
    out = even_odd(r, labels)
    assert out[0] == pytest.approx(1.0)
    assert out[1] == -1.0


def test_even_odd_matches_pearson_and_spearman_brown():
    """Cross-check: scipy.stats.pearsonr of the half means, then 2r/(1+r)."""
    rng = np.random.default_rng(11)
    labels = np.repeat(["a", "b", "c", "d", "e"], 6)
    trait = rng.normal(size=(50, 5))
    r = np.clip(np.round(3 + np.repeat(trait, 6, axis=1) + rng.normal(size=(50, 30))), 1, 5)
    r[0, 3] = NAN
    got = even_odd(r, labels)
    for i in range(50):
        row = r[i]
        odd = [np.nanmean(row[labels == s][0::2]) for s in "abcde"]
        even = [np.nanmean(row[labels == s][1::2]) for s in "abcde"]
        rho = stats.pearsonr(odd, even).statistic
        expected = max(-1.0, 2 * rho / (1 + rho)) if rho > -1 / 3 else -1.0
        assert got[i] == pytest.approx(expected, abs=1e-12)


def test_even_odd_needs_enough_scales():
    """Fewer than min_scales scales with both halves -> NaN; a one-item scale has no even half."""
    r = np.array([[1, 2, 3, 4, 5.0]])
    assert np.isnan(even_odd(r, ["a", "a", "b", "b", "c"])[0])
    with pytest.raises(ValueError, match="one label per item"):
        even_odd(r, ["a", "b"])


def test_mahalanobis_matches_scipy():
    """D² equals scipy.spatial.distance.mahalanobis squared (sample mean and
    covariance, ddof=1) and p equals scipy.stats.chi2.sf(D², k)."""
    rng = np.random.default_rng(5)
    r = rng.normal(size=(120, 6)) @ rng.normal(size=(6, 6))
    r[4, 2] = NAN
    res = mahalanobis_d2(r)
    complete = r[~np.isnan(r).any(axis=1)]
    mu = complete.mean(axis=0)
    vi = np.linalg.inv(np.cov(complete, rowvar=False))
    expected = np.array([mahalanobis(row, mu, vi) ** 2 for row in complete])
    got = np.delete(res.d2, 4)
    np.testing.assert_allclose(got, expected, rtol=1e-9)
    np.testing.assert_allclose(np.delete(res.p, 4), stats.chi2.sf(expected, 6), atol=1e-12)
    assert np.isnan(res.d2[4]) and np.isnan(res.p[4])


def test_mahalanobis_given_mean_and_cov_and_singular_cov():
    """Identity covariance: D² is the squared Euclidean distance (hand: 1+4 = 5).
    A constant item makes the covariance singular; the pseudo-inverse copes."""
    res = mahalanobis_d2([[1.0, 2.0]], mean=[0.0, 0.0], cov=np.eye(2))
    assert res.d2[0] == pytest.approx(5.0)
    assert res.p[0] == pytest.approx(np.exp(-2.5))  # chi2(2) sf = exp(-x/2)
    r = np.column_stack([np.arange(10.0), np.full(10, 3.0), np.arange(10.0) % 3])
    assert np.all(np.isfinite(mahalanobis_d2(r).d2))
    with pytest.raises(ValueError, match="cov must have shape"):
        mahalanobis_d2(r, cov=np.eye(2))


def test_instructed_failures_counts_wrong_and_missing():
    """Hand: row 2 misses one (missing counts as failed), row 3 answers 3 for 2."""
    r = np.array([[2, 4], [2, NAN], [3, 4], [NAN, NAN]])
    assert instructed_failures(r, [2, 4]).tolist() == [0, 1, 1, 2]
    assert instructed_failures(r, [2, 4], missing_fails=False).tolist() == [0, 0, 1, 0]
    with pytest.raises(ValueError, match="one answer per instructed item"):
        instructed_failures(r, [2])


def test_impression_management_mean_and_flag():
    """Hand: (5+5+4)/3 = 4.667 >= 4.5 flagged; (3+NaN+4) -> 3.5; all missing -> NaN, not flagged."""
    res = impression_management([[5, 5, 4], [3, NAN, 4], [NAN, NAN, NAN]], flag_at=4.5)
    np.testing.assert_allclose(res.score[:2], [14 / 3, 3.5])
    assert np.isnan(res.score[2])
    assert res.flagged.tolist() == [True, False, False]


def test_inconsistency_mean_absolute_difference():
    """Hand: |1-1|, |5-2| -> 1.5; |1-3|, |5-5| -> 1.0; pair with a gap skipped -> 4."""
    r = np.array([[1, 1, 5, 2], [1, 3, 5, 5], [1, 5, NAN, 2], [NAN, 1, NAN, 2]])
    out = inconsistency(r, [(0, 1), (2, 3)])
    np.testing.assert_allclose(out[:3], [1.5, 1.0, 4.0])
    assert np.isnan(out[3])
    with pytest.raises(ValueError, match="outside"):
        inconsistency(r, [(0, 9)])


def test_too_fast_share_of_pages():
    """Hand: pages of 5 items need 10 s at 2 s/item; 3 s and 9.9 s are fast,
    10 s is not; the untimed page is left out: 2 of 3."""
    out = too_fast([[3.0, 9.9, 10.0, NAN], [NAN, NAN, NAN, NAN]], [5, 5, 5, 5])
    assert out[0] == pytest.approx(2 / 3)
    assert np.isnan(out[1])
    assert too_fast([[12.0]], [5], seconds_per_item=3.0)[0] == 1.0
    with pytest.raises(ValueError, match="one count per page"):
        too_fast([[1.0, 2.0]], [5])


def test_validity_flags_reasons_and_thresholds():
    """Flags follow the documented default thresholds and directions."""
    flags = validity_flags(
        long_string=[14, 3, 10],
        irv=[0.2, 1.1, 0.5],
        even_odd=[0.1, 0.8, 0.30],
        mahalanobis_p=[0.0001, 0.5, 0.001],
        instructed_failures=[1, 0, 0],
        impression_management=[4.8, 3.0, NAN],
        inconsistency=[2.5, 0.3, 2.0],
        too_fast=[0.75, 0.0, 0.5],
        thresholds={"impression_management": 4.5},
    )
    assert [f["index"] for f in flags[0]] == [
        "long_string",
        "irv",
        "even_odd",
        "mahalanobis_p",
        "instructed_failures",
        "impression_management",
        "inconsistency",
        "too_fast",
    ]
    assert flags[1] == []
    # at the threshold: long-string, IRV, inconsistency and too-fast flag;
    # even-odd and Mahalanobis p flag only strictly below
    assert [f["index"] for f in flags[2]] == ["long_string", "irv", "inconsistency", "too_fast"]
    first = flags[0][0]
    assert first["value"] == 14.0 and first["threshold"] == DEFAULT_THRESHOLDS["long_string"]
    assert first["reason"]["en"] == (
        "Answered 14 items in a row with the same option: interpret with caution."
    )
    assert first["reason"]["fi"].startswith("Vastasi 14 peräkkäiseen väittämään")
    irv_flag = flags[0][1]["reason"]
    assert "0.20" in irv_flag["en"] and "0,20" in irv_flag["fi"]
    fast = flags[0][-1]["reason"]
    assert "75%" in fast["en"] and "75 %" in fast["fi"] and "2 seconds" in fast["en"]


def test_validity_flags_overrides_and_errors():
    """Overridden thresholds are reported as used; bad arguments are ValueErrors."""
    flags = validity_flags(long_string=[8], thresholds={"long_string": 8})
    assert flags[0][0]["threshold"] == 8.0
    with pytest.raises(ValueError, match="unknown validity index"):
        validity_flags(long_string=[8], thresholds={"speed": 1})
    with pytest.raises(ValueError, match="flag_at"):
        validity_flags(impression_management=[4.0])
    with pytest.raises(ValueError, match="differ in length"):
        validity_flags(long_string=[1, 2], irv=[1.0])
    assert validity_flags() == []


def test_blocks_and_float32_give_the_same_results(monkeypatch):
    """Processing in row blocks (forced to the 64-row minimum here) and float32
    input give the same indices as one float64 block; D² also matches scipy's
    mahalanobis."""
    import assess.scoring.rowpass as rowpass_module

    rng = np.random.default_rng(9)
    r = rng.integers(1, 6, size=(300, 8)).astype(float)
    r[rng.random(r.shape) < 0.05] = NAN
    r[5] = 3.0  # a straight line
    labels = np.repeat([0, 1, 2, 3], 2)
    whole = (long_string(r), irv(r), even_odd(r, labels, min_scales=2), mahalanobis_d2(r))
    monkeypatch.setattr(rowpass_module, "BLOCK_BYTES", 1)
    for x in (r, r.astype(np.float32)):
        assert long_string(x).tolist() == whole[0].tolist()
        np.testing.assert_allclose(irv(x), whole[1], rtol=1e-12)
        np.testing.assert_allclose(even_odd(x, labels, min_scales=2), whole[2], rtol=1e-12)
        # float32 input: the quadratic form runs in single precision, with an
        # absolute error near 1e-6 of a typical D² (the docstring's promise)
        typical = np.nanmedian(whole[3].d2)
        tol = {"rtol": 1e-9} if x.dtype == np.float64 else {"rtol": 0, "atol": 1e-5 * typical}
        np.testing.assert_allclose(mahalanobis_d2(x).d2, whole[3].d2, **tol)
    assert long_string(r)[5] == 8 and irv(r)[5] == 0.0
    complete = r[~np.isnan(r).any(axis=1)]
    vi = np.linalg.inv(np.cov(complete, rowvar=False))
    expected = [mahalanobis(row, complete.mean(axis=0), vi) ** 2 for row in complete]
    got = mahalanobis_d2(r).d2
    np.testing.assert_allclose(got[~np.isnan(got)], expected, rtol=1e-9)


def test_degenerate_inputs_give_nan_without_warnings():
    """No candidates, no two-item scale, or nothing answered: NaN (or 0 runs),
    never a numpy warning (warnings are errors in this suite)."""
    empty = np.empty((0, 6))
    assert long_string(empty).shape == (0,) and irv(empty).shape == (0,)
    assert even_odd(empty, list("aabbcc")).shape == (0,)
    one_item_scales = np.array([[1.0, 2, 3], [2, 3, 4]])
    assert np.all(np.isnan(even_odd(one_item_scales, ["a", "b", "c"])))
    blank = np.full((3, 4), NAN)
    assert long_string(blank).tolist() == [0, 0, 0]
    assert np.all(np.isnan(irv(blank))) and np.all(np.isnan(even_odd(blank, list("aabb"))))
