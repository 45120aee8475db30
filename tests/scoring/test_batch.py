"""score_matrix: one pass gives what the separate functions give.

The reference is the set of separately tested functions (scale_scores, the
norm functions, long_string, irv, even_odd, mahalanobis_d2), whose numbers
are pinned to hand calculations, R careless and scipy in their own tests.
"""

import doctest

import numpy as np
import pytest

import assess.scoring.batch as batch_module
import assess.scoring.rowpass as rowpass_module
from assess.scoring.batch import score_matrix
from assess.scoring.norms import normal_percentiles, stens, t_scores, z_scores
from assess.scoring.precision import confidence_interval, sem
from assess.scoring.scales import reverse_key, scale_scores
from assess.scoring.validity import even_odd, irv, long_string, mahalanobis_d2

KEYS = np.array([1, -1, 1, 1, -1, 1, 1, -1, 1, -1, 1, 1, 1])
SCALES = np.array([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, -1])  # the last item scores nothing
NORM_MEAN, NORM_SD, REL = np.array([3.1, 2.9, 3.3]), np.array([0.7, 0.6, 0.8]), [0.8, 0.7, 0.9]


def test_docstring_examples():
    """The examples were worked by hand: see each docstring."""
    assert doctest.testmod(batch_module).failed == 0
    assert doctest.testmod(rowpass_module).failed == 0


def _answers(rows, seed, dtype=float):
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 6, size=(rows, len(KEYS))).astype(float)
    x[rng.random(x.shape) < 0.08] = np.nan
    x[3] = 4.0  # a straight line
    x[4] = np.nan  # nothing answered
    return x.astype(dtype)


def _separately(x):
    scales = scale_scores(x, KEYS, SCALES, 3, low=1, high=5)
    z = z_scores(scales.score, NORM_MEAN, NORM_SD)
    low, high = confidence_interval(scales.score, sem(NORM_SD, REL))
    keyed = np.where(KEYS < 0, reverse_key(x, 1, 5), x)
    labels = SCALES.astype(object)
    labels[SCALES < 0] = None  # the unscored item belongs to no half
    return scales, low, high, z, keyed, labels


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_one_pass_equals_the_separate_functions(monkeypatch, dtype):
    """Blocks forced to the 64-row minimum and chunks to 1,000 candidates, so
    the edges of both are crossed."""
    monkeypatch.setattr(rowpass_module, "BLOCK_BYTES", 1)
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 1000)
    x = _answers(3000, 3, dtype)  # enough candidates for the percentile table
    scales, low, high, z, keyed, labels = _separately(x.astype(float))
    out = score_matrix(
        x, KEYS, SCALES, 3, low=1, high=5,
        norm_mean=NORM_MEAN, norm_sd=NORM_SD, reliability=REL,
    )  # fmt: skip
    np.testing.assert_allclose(out.scales.score, scales.score, rtol=1e-12)
    assert out.scales.n_answered.tolist() == scales.n_answered.tolist()
    np.testing.assert_allclose(out.ci_low, low, rtol=1e-12)
    np.testing.assert_allclose(out.ci_high, high, rtol=1e-12)
    np.testing.assert_allclose(out.t, t_scores(z), rtol=1e-12)
    np.testing.assert_array_equal(out.sten, stens(z))
    # looked up per distinct score, yet the same numbers bit for bit
    np.testing.assert_array_equal(out.percentile, normal_percentiles(z))
    assert out.long_string.tolist() == long_string(x).tolist()
    assert out.long_string[3] == len(KEYS) and out.long_string[4] == 0
    np.testing.assert_allclose(out.irv, irv(x), rtol=1e-12)
    np.testing.assert_allclose(out.even_odd, even_odd(keyed, labels), rtol=1e-12)
    assert np.isfinite(out.even_odd).sum() > 400
    # D² is the same on raw and keyed answers (reverse keying is affine)
    expected = mahalanobis_d2(keyed.astype(np.float64))
    tol = {"rtol": 1e-9} if dtype == np.float64 else {"atol": 1e-5 * np.nanmedian(expected.d2)}
    np.testing.assert_allclose(out.mahalanobis.d2, expected.d2, **tol)
    p_tol = 1e-9 if dtype == np.float64 else 1e-5  # p moves by the pdf times D²'s error
    np.testing.assert_allclose(out.mahalanobis.p, expected.p, rtol=0, atol=p_tol)


def test_bad_input_is_refused_with_a_message():
    x = _answers(20, 1)
    common = dict(norm_mean=NORM_MEAN, norm_sd=NORM_SD, reliability=REL, low=1, high=5)
    x[0, 0] = 7
    with pytest.raises(ValueError, match=r"responses must lie in \[1, 5\]"):
        score_matrix(x, KEYS, SCALES, 3, **common)
    x[0, 0] = np.inf
    with pytest.raises(ValueError, match="finite"):
        score_matrix(x, KEYS, SCALES, 3, **common)
    with pytest.raises(ValueError, match="at least 2 complete rows"):
        score_matrix(np.full((3, len(KEYS)), np.nan), KEYS, SCALES, 3, **common)


@pytest.mark.parametrize("whole_numbers", [True, False])
def test_percentiles_once_per_distinct_score_only_on_the_lattice(monkeypatch, whole_numbers):
    """Whole-number answers: the normal curve runs on a small table of
    sum / answered; other answers: on every score. Both equal the direct
    normal_percentiles(z) exactly."""
    sizes = []

    def spy(z):
        sizes.append(np.size(z))
        return normal_percentiles(z)

    monkeypatch.setattr(batch_module, "normal_percentiles", spy)
    x = _answers(4000, 5)
    if not whole_numbers:
        x = x - np.random.default_rng(1).random(x.shape) * (x > 1)  # off the grid, in range
    scales, _, _, z, _, _ = _separately(x)
    out = score_matrix(
        x, KEYS, SCALES, 3, low=1, high=5,
        norm_mean=NORM_MEAN, norm_sd=NORM_SD, reliability=REL,
    )  # fmt: skip
    np.testing.assert_array_equal(out.percentile, normal_percentiles(z))
    assert (max(sizes) <= len(x) // 8) if whole_numbers else (max(sizes) == len(x))
