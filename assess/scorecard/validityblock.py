"""The validity block of the scorecard: careless-responding indices and flags.

Indices are computed over the Likert items of all given instruments,
concatenated in the order the instruments are given (the shipped set has one
Likert instrument), in each instrument's item order:

- ``long_string`` and ``irv`` on raw answers to every Likert item
  (scored, impression management, instructed);
- ``even_odd`` on keyed scored items, halves split within each facet (or the
  scale, for items without a facet);
- ``mahalanobis_d2`` / ``mahalanobis_p`` on scored items against the batch's
  own mean and covariance, only when the batch has at least
  ``max(30, 2k)`` candidates with every scored item answered (otherwise
  null: one candidate cannot be unusual on its own);
- ``instructed_failures``, ``impression_management`` (mean of keyed IM items,
  flagged at the instrument's ``flag_at``), ``inconsistency`` (keyed pairs);
- ``too_fast`` from page times when they are given;
- ``isd``: pooled within-facet SD of keyed scored items (random answering);
- ``straight_pages``: share of pages (Likert and scenario, grouped as the
  candidate saw them, :func:`questionnaires.pages.page_groups`) answered with
  one option throughout.

Flags of straight-lining, random answering and speed withhold the role-fit
band (see :mod:`assess.scoring.validity_flags`).

Flags come from :func:`assess.scoring.validity.validity_flags`; they never
change a score.
"""

from __future__ import annotations

import numpy as np

from assess.scorecard import jsonsafe
from assess.scorecard.layout import answer_matrix
from assess.scoring import validity
from assess.scoring.scales import reverse_key
from questionnaires.pages import page_groups

MAHALANOBIS_MIN_COMPLETE = 30


def _likert_parts(instruments, responses, n):
    raw, keyed, labels, im, im_limits, instructed, expected, pairs = ([] for _ in range(8))
    offset = 0
    for instrument in instruments:
        rs = instrument.response_scale
        ids = [item.id for item in instrument.all_likert_items]
        if not instrument.items:
            continue
        raw.append(answer_matrix(responses, ids, n))
        X = answer_matrix(responses, [item.id for item in instrument.items], n)
        keys = np.array([item.key for item in instrument.items])
        keyed.append(np.where(keys < 0, reverse_key(X, rs.min, rs.max), X))
        labels += [f"{instrument.id}:{item.facet or item.scale}" for item in instrument.items]
        column = {item.id: offset + j for j, item in enumerate(instrument.items)}
        pairs += [
            (column[p.first], column[p.second]) for p in instrument.validity.consistency_pairs
        ]
        offset += len(instrument.items)
        if instrument.validity.impression_management:
            spec = instrument.validity.impression_management
            Y = answer_matrix(responses, [item.id for item in spec.items], n)
            ikeys = np.array([item.key for item in spec.items])
            im.append(np.where(ikeys < 0, reverse_key(Y, rs.min, rs.max), Y))
            im_limits.append(spec.flag_at)
        if instrument.validity.instructed:
            instructed.append(
                answer_matrix(responses, [i.id for i in instrument.validity.instructed], n)
            )
            expected += [i.expected for i in instrument.validity.instructed]
    return raw, keyed, labels, im, im_limits, instructed, expected, pairs


def _mahalanobis(keyed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n, k = keyed.shape
    complete = int((~np.isnan(keyed).any(axis=1)).sum())
    if complete < max(MAHALANOBIS_MIN_COMPLETE, 2 * k):
        nan = np.full(n, np.nan)
        return nan, nan
    result = validity.mahalanobis_d2(keyed)
    return result.d2, result.p


def _page_answers(instruments, responses, n):
    """All answers of all pages side by side, and the page of each column."""
    ids, page_of = [], []
    for instrument in instruments:
        for group in page_groups(instrument):
            page = len(set(page_of))
            ids += group.answer_ids
            page_of += [page] * len(group.answer_ids)
    return answer_matrix(responses, ids, n), np.array(page_of, dtype=np.int64)


def validity_indices(instruments, responses, n, page_seconds=None, items_per_page=None):
    """Index name -> (n,) array, and the thresholds the flags need."""
    raw, keyed, labels, im, im_limits, instructed, expected, pairs = _likert_parts(
        instruments, responses, n
    )
    indices: dict[str, np.ndarray] = {}
    thresholds: dict[str, float] = {}
    if raw:
        R = np.hstack(raw)
        K = np.hstack(keyed)
        indices["long_string"] = validity.long_string(R).astype(float)
        indices["irv"] = validity.irv(R)
        indices["even_odd"] = validity.even_odd(K, labels)
        indices["mahalanobis_d2"], indices["mahalanobis_p"] = _mahalanobis(K)
        indices["isd"] = validity.inter_item_sd(K, np.unique(labels, return_inverse=True)[1])
        if instructed:
            indices["instructed_failures"] = validity.instructed_failures(
                np.hstack(instructed), expected
            ).astype(float)
        if im:
            indices["impression_management"] = validity.impression_management(
                np.hstack(im), flag_at=min(im_limits)
            ).score
            thresholds["impression_management"] = min(im_limits)
        if pairs:
            indices["inconsistency"] = validity.inconsistency(K, pairs)
    answers, page_of = _page_answers(instruments, responses, n)
    if answers.shape[1]:
        indices["straight_pages"] = validity.straight_pages(answers, page_of)
    if page_seconds is not None and items_per_page is not None:
        indices["too_fast"] = validity.too_fast(page_seconds, items_per_page)
    return indices, thresholds


def validity_block(instruments, responses, n, page_seconds=None, items_per_page=None) -> list[dict]:
    """Per candidate ``{"indices": {name: value}, "flags": [...]}``."""
    indices, thresholds = validity_indices(instruments, responses, n, page_seconds, items_per_page)
    flaggable = {k: v for k, v in indices.items() if k != "mahalanobis_d2"}
    flags = (
        validity.validity_flags(**flaggable, thresholds=thresholds)
        if flaggable
        else [[] for _ in range(n)]
    )
    if not flags and n:
        flags = [[] for _ in range(n)]
    columns = {name: jsonsafe.floats(values) for name, values in indices.items()}
    counts = {"long_string", "instructed_failures"}
    for name in counts & set(columns):
        columns[name] = [None if v is None else int(v) for v in columns[name]]
    return [
        {"indices": {name: values[i] for name, values in columns.items()}, "flags": flags[i]}
        for i in range(n)
    ]
