"""Likert scale scores: reverse keys, prorated means and the 80% rule."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from assess.scoring import scales
from assess.scoring.scales import reverse_key, scale_scores

NAN = np.nan


def test_docstring_examples():
    assert doctest.testmod(scales).failed == 0


def test_reverse_key_uses_the_instruments_own_range():
    """Hand calculation: low + high - x, so 1-5 maps 2 -> 4 and 0-6 maps 1 -> 5."""
    np.testing.assert_array_equal(reverse_key([1, 2, 3, 5], 1, 5), [5, 4, 3, 1])
    np.testing.assert_array_equal(reverse_key([0, 1, 6], 0, 6), [6, 5, 0])
    np.testing.assert_array_equal(reverse_key([1, 7], 1, 7), [7, 1])
    assert np.isnan(reverse_key([NAN], 1, 5)[0])


# Six items on 1-5: scale 0 = items 0, 1 (reversed), 2; scale 1 = items 3,
# 4 (reversed); item 5 is not scored.
KEYS = [1, -1, 1, 1, -1, 1]
SCALE_OF_ITEM = [0, 0, 0, 1, 1, -1]
X = [
    [5, 1, 4, 2, 4, 3],
    [2, NAN, 3, 5, 1, NAN],
    [NAN, NAN, NAN, NAN, NAN, NAN],
    [1, 5, 1, 3, NAN, 5],
]


def test_scale_scores_match_a_hand_calculation():
    """Hand calculation, keyed y = 6 - x for reversed items:

    row 0: scale 0 = (5 + (6-1) + 4) / 3 = 14/3; scale 1 = (2 + (6-4)) / 2 = 2
    row 1: scale 0 has 2 of 3 answered (67% < 80%): NaN; scale 1 = (5 + 5)/2
    row 2: nothing answered: NaN, NaN
    row 3: scale 0 = (1 + 1 + 1) / 3 = 1; scale 1 has 1 of 2: NaN
    """
    r = scale_scores(X, KEYS, SCALE_OF_ITEM, 2, low=1, high=5)
    np.testing.assert_allclose(
        r.score, [[14 / 3, 2.0], [NAN, 5.0], [NAN, NAN], [1.0, NAN]], rtol=1e-12
    )
    np.testing.assert_array_equal(r.n_answered, [[3, 2], [2, 2], [0, 0], [3, 1]])
    np.testing.assert_array_equal(r.n_items, [3, 2])
    assert r.n_answered.dtype == np.int64 and r.score.dtype == np.float64


def test_lower_min_answered_prorates_the_mean():
    """Hand calculation with min_answered=0.5: row 1 scale 0 = (2 + 3) / 2 = 2.5,
    row 3 scale 1 = 3 / 1 = 3."""
    r = scale_scores(X, KEYS, SCALE_OF_ITEM, 2, low=1, high=5, min_answered=0.5)
    np.testing.assert_allclose(r.score[1], [2.5, 5.0])
    np.testing.assert_allclose(r.score[3], [1.0, 3.0])


def test_eighty_percent_rule_is_inclusive():
    """8 of 10 answered is exactly 80%: scored; 7 of 10 is not."""
    x = np.full((2, 10), 3.0)
    x[0, :2] = NAN
    x[1, :3] = NAN
    r = scale_scores(x, np.ones(10), np.zeros(10, int), 1, low=1, high=5)
    assert r.score[0, 0] == 3.0
    assert np.isnan(r.score[1, 0])
    np.testing.assert_array_equal(r.n_answered[:, 0], [8, 7])


def test_zero_to_six_scale_reverses_on_its_own_range():
    """Hand calculation on 0-6: keys (+, -, -) give 0, 6-6 = 0, 6-3 = 3; mean 1."""
    r = scale_scores([[0, 6, 3]], [1, -1, -1], [0, 0, 0], 1, low=0, high=6)
    assert r.score[0, 0] == pytest.approx(1.0)


def _per_candidate_loop(x, keys, scale_of_item, n_scales, low, high, min_answered):
    """A direct, slow re-statement of the rule, one candidate at a time."""
    out = np.full((len(x), n_scales), NAN)
    for i, row in enumerate(x):
        for s in range(n_scales):
            items = [j for j in range(len(row)) if scale_of_item[j] == s]
            vals = [
                row[j] if keys[j] == 1 else low + high - row[j]
                for j in items
                if not np.isnan(row[j])
            ]
            if vals and len(vals) >= min_answered * len(items) - 1e-9:
                out[i, s] = sum(vals) / len(vals)
    return out


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_blocked_matrix_products_agree_with_a_per_candidate_loop(dtype):
    """Cross-check against the plain loop on 5000 candidates (several blocks),
    missing answers, reversed and unscored items, and a 0-6 scale."""
    rng = np.random.default_rng(7)
    x = rng.integers(0, 7, size=(5000, 13)).astype(dtype)
    x[rng.random(x.shape) < 0.15] = NAN
    keys = rng.choice([1, -1], 13)
    scale_of_item = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, -1, 0, 1, 2])
    got = scale_scores(x, keys, scale_of_item, 3, low=0, high=6)
    want = _per_candidate_loop(x.astype(float), keys, scale_of_item, 3, 0, 6, 0.8)
    np.testing.assert_allclose(got.score, want, rtol=1e-6)
    np.testing.assert_array_equal(np.isnan(got.score), np.isnan(want))


def test_integer_and_boolean_free_input_is_accepted():
    r = scale_scores(np.array([[1, 5], [3, 3]]), [1, -1], [0, 0], 1, low=1, high=5)
    np.testing.assert_array_equal(r.score[:, 0], [1.0, 3.0])


def test_no_candidates_gives_empty_results():
    r = scale_scores(np.empty((0, 3)), [1, 1, 1], [0, 0, 0], 1, low=1, high=5)
    assert r.score.shape == (0, 1) and r.n_answered.shape == (0, 1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"responses": [[1, 6]]}, r"lie in \[1, 5\]"),
        ({"responses": [[0, 3]]}, r"lie in \[1, 5\]"),
        ({"responses": [[np.inf, 3]]}, "infinity"),
        ({"responses": [1, 3]}, "2-D"),
        ({"responses": [["a", "b"]]}, "numeric"),
        ({"keys": [1, 0]}, r"\+1"),
        ({"keys": [1]}, "one entry per item"),
        ({"scale_of_item": [0, 2]}, r"\[0, 2\)"),
        ({"scale_of_item": [0, 0], "n_scales": 2}, "scale 1 has no items"),
        ({"scale_of_item": [0.0, 1.0]}, "integers"),
        ({"n_scales": 0}, "positive integer"),
        ({"low": 5, "high": 1}, "low < high"),
        ({"min_answered": 0}, r"\(0, 1\]"),
        ({"min_answered": 1.5}, r"\(0, 1\]"),
    ],
)
def test_bad_input_raises_value_error(kwargs, message):
    args = {
        "responses": [[1, 3]],
        "keys": [1, -1],
        "scale_of_item": [0, 1],
        "n_scales": 2,
        "low": 1,
        "high": 5,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        scale_scores(
            args.pop("responses"),
            args.pop("keys"),
            args.pop("scale_of_item"),
            args.pop("n_scales"),
            **args,
        )
