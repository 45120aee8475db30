"""ICC against Shrout & Fleiss (1979) Table 2, R psych::ICC output and pingouin."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pingouin as pg
import pytest

from assess.scoring.agreement import icc, icc_long

# Shrout & Fleiss (1979), Table 2: 6 targets x 4 judges
SF = np.array(
    [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]],
    dtype=float,
)


def _pingouin(x: np.ndarray) -> pd.DataFrame:
    n, k = x.shape
    long = pd.DataFrame(
        [(i, j, x[i, j]) for i in range(n) for j in range(k)], columns=["t", "r", "s"]
    )
    saved = dict(pg.options)
    pg.options.update({"round": None, "round.column.CI95": None})  # full precision
    try:
        # pingouin's own pandas calls raise deprecation warnings in new pandas;
        # they concern the reference library, not the code under test
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", FutureWarning)
            return pg.intraclass_corr(long, targets="t", raters="r", ratings="s", nan_policy="omit")
    finally:
        pg.options.clear()
        pg.options.update(saved)


def test_shrout_fleiss_published_values():
    """Shrout & Fleiss (1979) Table 4: ICC(1,1)=.17, ICC(2,1)=.29, ICC(3,1)=.71,
    ICC(1,4)=.44, ICC(2,4)=.62, ICC(3,4)=.91."""
    table = icc(SF)
    np.testing.assert_array_equal(table.value.round(2), [0.17, 0.29, 0.71, 0.44, 0.62, 0.91])
    assert table.n_targets == 6 and table.n_raters == 4 and table.n_dropped == 0


def test_shrout_fleiss_matches_psych_printout():
    """R psych::ICC(sf) as printed in its help page: F 1.8 / 11.0, df (5, 18) /
    (5, 15), p .16477 / .00013, bounds -.133 .72 / .019 .76 / .342 .95 /
    -.884 .91 / .071 .93 / .676 .99."""
    t = icc(SF)
    np.testing.assert_array_equal(t.f.round(1), [1.8, 11.0, 11.0, 1.8, 11.0, 11.0])
    np.testing.assert_array_equal(t.df2, [18, 15, 15, 18, 15, 15])
    np.testing.assert_array_equal(
        t.p.round(5), [0.16477, 0.00013, 0.00013, 0.16477, 0.00013, 0.00013]
    )
    np.testing.assert_array_equal(t.ci_low.round(3), [-0.133, 0.019, 0.342, -0.884, 0.071, 0.676])
    np.testing.assert_array_equal(t.ci_high.round(2), [0.72, 0.76, 0.95, 0.91, 0.93, 0.99])


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_matches_pingouin(seed):
    """F, df, p and 95% CIs equal pingouin.intraclass_corr (itself validated
    against psych) to 1e-6, on Table 2 and on random panels."""
    if seed is None:
        x = SF
    else:
        rng = np.random.default_rng(seed)
        x = np.round(rng.normal(3, 1, size=(15, 1)) + rng.normal(0, 0.8, size=(15, 5)) + 1)
        x += rng.normal(0, 0.5, size=(1, 5)).round()
    ours = icc(x)
    theirs = _pingouin(x)
    np.testing.assert_allclose(ours.value, theirs["ICC"], atol=1e-6)
    np.testing.assert_allclose(ours.f, theirs["F"], atol=1e-6)
    np.testing.assert_allclose(ours.df1, theirs["df1"], atol=1e-6)
    np.testing.assert_allclose(ours.df2, theirs["df2"], atol=1e-6)
    np.testing.assert_allclose(ours.p, theirs["pval"], atol=1e-6)
    ci = np.vstack(theirs["CI95"].to_numpy())
    np.testing.assert_allclose(ours.ci_low, ci[:, 0], atol=1e-6)
    np.testing.assert_allclose(ours.ci_high, ci[:, 1], atol=1e-6)
    assert list(ours.shrout_fleiss[:3]) == ["ICC(1,1)", "ICC(2,1)", "ICC(3,1)"]
    assert ours.mcgraw_wong == ("ICC(1)", "ICC(A,1)", "ICC(C,1)", "ICC(k)", "ICC(A,k)", "ICC(C,k)")


def test_missing_ratings_drop_targets_listwise():
    """A target with a missing rating is dropped (psych default) and counted;
    the remaining table gives the same result as pingouin with nan_policy='omit'."""
    x = SF.copy()
    x[2, 1] = np.nan
    t = icc(x)
    assert t.n_dropped == 1 and t.n_targets == 5
    np.testing.assert_allclose(t.value, icc(np.delete(SF, 2, axis=0)).value)
    np.testing.assert_allclose(t.value, _pingouin(x)["ICC"], atol=1e-6)


def test_zero_error_variance_gives_infinite_f():
    """Ratings = target effect + rater effect exactly: MSE = 0, so F = inf,
    p = 0, ICC(3,·) = 1 (hand: MSB > 0, MSE = 0); no exception."""
    x = np.array([[1.0, 2, 3], [2, 3, 4], [4, 5, 6], [3, 4, 5]])
    t = icc(x)
    assert np.isinf(t.f[1]) and t.p[1] == 0.0
    assert t.row("ICC3")["value"] == 1.0 and t.row("ICC(C,k)")["value"] == 1.0
    assert t.row("ICC3")["ci_low"] == 1.0 and t.row("ICC3k")["ci_high"] == 1.0
    assert np.isnan(t.row("ICC2")["ci_low"])  # Satterthwaite df undefined


def test_icc_long_pivots():
    """Long format gives the same table as the wide Table 2 data, rows shuffled."""
    rng = np.random.default_rng(0)
    cands, raters, values = [], [], []
    for i in range(6):
        for j in range(4):
            cands.append(f"c{i}")
            raters.append(f"r{j}")
            values.append(SF[i, j])
    order = rng.permutation(len(values))
    t = icc_long([cands[o] for o in order], [raters[o] for o in order], np.array(values)[order])
    np.testing.assert_allclose(t.value, icc(SF).value, rtol=1e-12)


def test_icc_long_missing_rater_and_duplicates():
    """Candidate d has one rating of two: dropped listwise (count by hand: 1)."""
    t = icc_long(["a", "a", "b", "b", "c", "c", "d"], [1, 2, 1, 2, 1, 2, 1], [4, 5, 2, 2, 3, 4, 1])
    assert t.n_dropped == 1 and t.n_targets == 3
    with pytest.raises(ValueError, match="more than once"):
        icc_long(["a", "a"], [1, 1], [3, 4])
    with pytest.raises(ValueError, match="same length"):
        icc_long(["a"], [1, 2], [3])


def test_bad_input():
    """Too few complete targets, a 1-d array and an unknown form name are refused."""
    with pytest.raises(ValueError, match="2 complete targets"):
        icc([[1, 2], [np.nan, 3]])
    with pytest.raises(ValueError, match="2-d"):
        icc([1, 2, 3])
    with pytest.raises(KeyError):
        icc(SF).row("ICC9")


def test_degenerate_tables_do_not_crash():
    """Equal target means (hand: MSB = 0, so F = 0, p = 1 and the ICC(1,k)
    limits 1 - 1/0 = -inf); identical ratings everywhere give NaN (0/0)."""
    t = icc([[1, 2, 3], [2, 1, 3], [3, 2, 1]])
    assert t.f[0] == 0.0 and t.p[0] == 1.0
    assert t.ci_low[3] == -np.inf
    t = icc(np.full((3, 3), 2.0))
    assert np.all(np.isnan(t.value)) and np.all(np.isnan(t.p))
