"""Fuzzing with Hypothesis: the instrument loader, the CSV readers and the
scoring functions take whatever they are given and either answer or refuse
with their own error (the engine's range and permutation properties are in
``tests/scoring/test_properties.py``) (``InstrumentError``, ``ResponsesError``,
``ValueError``), never another exception. Example counts are modest so the
suite stays fast; no deadlines (shared CI machines)."""

from __future__ import annotations

import io
from copy import deepcopy

import numpy as np
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import questionnaires
from assess.commands.responses_csv import ResponsesError, read_ratings, read_responses
from assess.scoring.precision import sem
from assess.scoring.scales import scale_scores
from questionnaires import InstrumentError
from questionnaires.instrument_schema import read_instrument
from questionnaires.loader import INSTRUMENTS_DIR, instrument_from_text
from questionnaires.problems import ProblemLog

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHIPPED = questionnaires.load("service-composure")
SHIPPED_TEXT = (INSTRUMENTS_DIR / "service-composure.yaml").read_text()
SHIPPED_DATA = yaml.safe_load(SHIPPED_TEXT)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)


@FUZZ
@given(st.text(max_size=400))
def test_the_loader_refuses_any_text_with_its_own_error(text):
    try:
        instrument_from_text(text, "fuzz.yaml")
    except InstrumentError as error:
        assert error.problems
        assert all(str(problem) for problem in error.problems)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


PATHS = [path for path in _paths(SHIPPED_DATA) if path]


def _replaced(data, path, value):
    copy = deepcopy(data)
    node = copy
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return copy


_DELETE = object()


@FUZZ
@given(
    st.lists(
        st.tuples(st.sampled_from(PATHS), st.one_of(scalars, st.just(_DELETE))),
        min_size=1,
        max_size=3,
    )
)
def test_a_mutated_shipped_instrument_loads_or_names_its_problems(changes):
    """One to three values of a real instrument replaced or deleted: the
    loader answers with an instrument or with every problem, each naming
    where it is."""
    data = SHIPPED_DATA
    for path, value in changes:
        try:
            data = _replaced(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the parent
    log = ProblemLog("service-composure.yaml")
    instrument = read_instrument(data, log)  # the loader's step after YAML parsing
    try:
        log.raise_if_any()
    except InstrumentError as error:
        assert error.problems
        return
    assert instrument.id


ANSWER_IDS = [item.id for item in SHIPPED.all_likert_items][:4]
cells = st.one_of(
    st.sampled_from(["1", "3", "5", "", " 4 ", "0", "6", "٣", "3.0", "-1", "x", '"', "1e9"]),
    st.text(max_size=6),
)


@FUZZ
@given(
    st.lists(
        st.lists(cells, min_size=len(ANSWER_IDS) + 1, max_size=len(ANSWER_IDS) + 2),
        max_size=6,
    ),
    st.sampled_from([",", ";"]),
)
def test_the_responses_reader_reads_or_lists_problems(rows, delimiter):
    header = delimiter.join(["candidate_id", *ANSWER_IDS])
    lines = [header] + [delimiter.join(row) for row in rows]
    try:
        result = read_responses(io.StringIO("\n".join(lines)), [SHIPPED])
    except ResponsesError as error:
        assert error.problems
        return
    for values in result.responses.values():
        answered = values[~np.isnan(values)]
        assert np.all((answered >= 1) & (answered <= 5))


@FUZZ
@given(st.binary(max_size=300))
def test_the_readers_refuse_any_bytes_with_their_own_error(raw):
    for read in (read_ratings, lambda source: read_responses(source, [SHIPPED])):
        try:
            read(io.BytesIO(raw))
        except ResponsesError as error:
            assert error.problems


@FUZZ
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 20), st.integers(1, 6)),
        elements=st.one_of(st.integers(1, 5).map(float), st.just(np.nan)),
    ),
    st.floats(0.01, 1.0),
)
def test_scale_scores_are_missing_or_inside_the_range(x, min_answered):
    """A scale score is the mean of answers on 1-5, so it lies in 1-5 or is
    missing; fewer answers than ``min_answered`` asks for leave it missing."""
    keys = np.ones(x.shape[1])
    result = scale_scores(
        x, keys, np.zeros(x.shape[1], int), 1, low=1, high=5, min_answered=min_answered
    )
    scored = result.score[~np.isnan(result.score)]
    assert np.all((scored >= 1 - 1e-9) & (scored <= 5 + 1e-9))


@FUZZ
@given(scalars, scalars)
def test_sem_refuses_what_is_not_a_number_with_a_value_error(sd, reliability):
    try:
        value = sem(sd, reliability)
    except (ValueError, TypeError):
        return
    assert np.all(np.isnan(value) | (np.asarray(value) >= 0))
