"""Inter-item SD (Marjanovic et al., 2015) and straight-lined pages, by hand."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from assess.scoring import validity_flags as flags_module
from assess.scoring import validity_patterns
from assess.scoring.validity import inter_item_sd, straight_pages, validity_flags
from assess.scoring.validity_flags import withheld_reason, withholds

NAN = np.nan


def test_docstring_examples():
    assert doctest.testmod(validity_patterns).failed == 0
    assert doctest.testmod(flags_module).failed == 0


def test_inter_item_sd_hand_calculation_with_missing_and_left_out_items():
    """Row 0: group 0 (2, 4) -> squares 1 + 1, df 1; group 1 (5, NaN, 5) ->
    0, df 1; item 5 left out (-1). sqrt(2 / 2) = 1.
    Row 1: group 0 has one answer (no df), group 1 (1, 3, 5) -> 4 + 0 + 4,
    df 2: sqrt(8 / 2) = 2. Row 2: nothing usable: NaN."""
    keyed = [[2, 4, 5, NAN, 5, 1], [NAN, 4, 1, 3, 5, 5], [1, NAN, NAN, NAN, 2, 2]]
    got = inter_item_sd(keyed, [0, 0, 1, 1, 1, -1])
    np.testing.assert_allclose(got, [1.0, 2.0, NAN], equal_nan=True)


def test_inter_item_sd_matches_numpy_per_group_variances():
    """Outside reference: numpy var(ddof=1) per group, pooled by df."""
    rng = np.random.default_rng(2)
    X = rng.integers(1, 6, (5, 9)).astype(float)
    groups = np.array([0, 0, 0, 1, 1, 1, 1, 2, 2])
    expected = []
    for row in X:
        ss = sum(row[groups == g].var(ddof=1) * ((groups == g).sum() - 1) for g in range(3))
        expected.append(np.sqrt(ss / (9 - 3)))
    np.testing.assert_allclose(inter_item_sd(X, groups), expected, rtol=1e-12)


def test_straight_pages_hand_calculation():
    """Pages (0: 3 answers, 1: 3 answers, 2: only 2 answered -> not counted):
    row 0 straight on page 0 only -> 1/2; row 1 on both -> 1; row 2 none -> 0."""
    X = [
        [4, 4, 4, 1, 2, 3, 5, 5, NAN],
        [2, 2, 2, 5, 5, 5, 1, 1, NAN],
        [1, 2, 3, 3, 2, 1, 4, 4, NAN],
    ]
    got = straight_pages(X, [0, 0, 0, 1, 1, 1, 2, 2, 2])
    np.testing.assert_allclose(got, [0.5, 1.0, 0.0])


def test_straight_pages_without_a_counted_page_is_nan():
    assert np.isnan(straight_pages([[1, NAN, NAN]], [0, 0, 0])[0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: inter_item_sd([1, 2], [0, 0]), "2-D"),
        (lambda: inter_item_sd([[1, 2]], [0]), "one integer per answer"),
        (lambda: straight_pages([[1, 2]], [0.0, 1.0]), "one integer per answer"),
        (lambda: straight_pages([[1, 2]], [0, 0], min_answers=1), "at least 2"),
    ],
)
def test_bad_input_raises(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_withholding_flags_and_the_reason_in_both_languages():
    """isd and straight_pages withhold; one instructed miss flags but does
    not withhold, two do; even-odd only cautions."""
    flags = validity_flags(
        isd=[1.3, 0.9, 0.9, 0.9],
        straight_pages=[0.0, 0.5, 0.0, 0.0],
        instructed_failures=[0, 0, 1, 2],
        even_odd=[0.9, 0.9, 0.1, 0.9],
    )
    withholding = [[f["index"] for f in row if withholds(f)] for row in flags]
    assert withholding == [["isd"], ["straight_pages"], [], ["instructed_failures"]]
    assert withheld_reason(flags[2]) is None
    reason = withheld_reason(flags[1])
    assert reason["en"] == (
        "Not interpretable: 50% of the pages were answered with one and the same option "
        "throughout. The fit band is withheld; the scores are shown for reference only."
    )
    assert reason["fi"] == (
        "Ei tulkittavissa: 50 % sivuista vastattiin kauttaaltaan samalla vaihtoehdolla. "
        "Sopivuusluokkaa ei anneta, ja pisteet näytetään vain tiedoksi."
    )
    assert "keskihajonta 1,30" in withheld_reason(flags[0])["fi"]
