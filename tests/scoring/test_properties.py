"""Properties that must hold for any input (Hypothesis).

No deadlines and no too-slow health check: the suite runs on shared CI
machines, where wall-clock time says nothing about correctness.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from assess.scoring.norms import percentile_ranks, stens
from assess.scoring.precision import sem
from assess.scoring.reliability import cronbach_alpha
from assess.scoring.scales import scale_scores

SLOW = [HealthCheck.too_slow]


@st.composite
def likert(draw, min_rows=1, max_rows=30):
    """A response matrix on a random integer range with some NaN."""
    low = draw(st.integers(-3, 1))
    high = low + draw(st.integers(1, 8))
    n = draw(st.integers(min_rows, max_rows))
    k = draw(st.integers(2, 8))
    cells = st.one_of(st.integers(low, high).map(float), st.just(np.nan))
    x = draw(arrays(np.float64, (n, k), elements=cells))
    keys = np.array(draw(st.lists(st.sampled_from([1, -1]), min_size=k, max_size=k)))
    return x, keys, low, high


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW)
@given(likert())
def test_keyed_scores_stay_within_the_response_range(data):
    x, keys, low, high = data
    r = scale_scores(x, keys, np.zeros(x.shape[1], int), 1, low=low, high=high, min_answered=0.5)
    scored = r.score[~np.isnan(r.score)]
    assert np.all(scored >= low - 1e-9) and np.all(scored <= high + 1e-9)
    assert np.all((r.n_answered >= 0) & (r.n_answered <= x.shape[1]))


@settings(max_examples=100, deadline=None, suppress_health_check=SLOW)
@given(likert(min_rows=2), st.randoms(use_true_random=False))
def test_permuting_candidates_permutes_scores_and_keeps_alpha(data, random):
    x, keys, low, high = data
    order = list(range(len(x)))
    random.shuffle(order)
    scale_of_item = np.arange(x.shape[1]) % 2 if x.shape[1] > 3 else np.zeros(x.shape[1], int)
    n_scales = int(scale_of_item.max()) + 1
    a = scale_scores(x, keys, scale_of_item, n_scales, low=low, high=high)
    b = scale_scores(x[order], keys, scale_of_item, n_scales, low=low, high=high)
    np.testing.assert_array_equal(a.score[order], b.score)
    np.testing.assert_array_equal(a.n_answered[order], b.n_answered)
    complete = x[~np.isnan(x).any(axis=1)]
    if len(complete) >= 2 and np.var(complete.sum(axis=1)) > 0:
        alpha, n = cronbach_alpha(x)
        alpha_p, n_p = cronbach_alpha(x[order])
        assert n == n_p and abs(alpha - alpha_p) < 1e-9


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(2, 40), st.integers(2, 6)),
        elements=st.integers(1, 5).map(float),
    )
)
def test_alpha_never_exceeds_one(x):
    if np.var(x.sum(axis=1)) > 0:
        alpha, _ = cronbach_alpha(x)
        assert alpha <= 1 + 1e-12


@settings(deadline=None, suppress_health_check=SLOW)
@given(st.floats(0, 1e6), st.floats(0, 1))
def test_sem_is_never_negative(sd, reliability):
    value = sem(sd, reliability)
    assert value >= 0 and value <= sd + 1e-9


@settings(deadline=None, suppress_health_check=SLOW)
@given(arrays(np.float64, st.integers(1, 50), elements=st.floats(-1e6, 1e6)))
def test_stens_are_whole_numbers_from_one_to_ten(z):
    s = stens(z)
    assert np.all((s >= 1) & (s <= 10)) and np.all(s == np.floor(s))


@settings(deadline=None, suppress_health_check=SLOW)
@given(
    arrays(np.float64, st.integers(1, 40), elements=st.floats(-100, 100)),
    arrays(np.float64, st.integers(1, 10), elements=st.floats(-200, 200)),
)
def test_percentile_ranks_lie_between_0_and_100(sample, raw):
    p = percentile_ranks(raw, sample)
    assert np.all((p >= 0) & (p <= 100))
