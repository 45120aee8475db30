"""The validity block of the result record: careless-responding indices and flags.

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

(these four come from the fused pass of :mod:`assess.results.pipeline.likert`)
- ``instructed_failures``, ``impression_management`` (mean of keyed IM items,
  flagged at the instrument's ``flag_at``), ``inconsistency`` (keyed pairs);
- ``too_fast`` from page times when they are given, which the record keeps
  (``page_times``) so that the flag can be checked and re-computed;
- ``isd``: pooled within-facet SD of keyed scored items (random answering);
- ``straight_pages``: share of pages (Likert and scenario, grouped as the
  candidate saw them, :func:`questionnaires.pages.page_groups`) answered with
  one option throughout.

Flags of straight-lining, random answering and speed withhold the role-fit
band (:func:`assess.scoring.validity_flags.withholds`).

Flags come from :func:`assess.scoring.validity.validity_flags`; they never
change a score.
"""

from __future__ import annotations

import numpy as np

from assess.results.pipeline import jsonsafe
from assess.results.pipeline.layout import answer_matrix
from assess.scoring import validity
from assess.scoring.scales import reverse_key
from questionnaires.pages import page_groups

SECONDS_PER_ITEM = 2.0
"""The speed check's limit (:func:`assess.scoring.validity.too_fast`'s default)."""


def _item_parts(instruments, responses, n):
    """Answers to the impression-management, instructed and paired items."""
    keyed, im, im_limits, instructed, expected, pairs = ([] for _ in range(6))
    offset = 0
    for instrument in instruments:
        if not instrument.items:
            continue
        rs = instrument.response_scale
        pair_list = instrument.validity.consistency_pairs
        if pair_list:
            X = answer_matrix(responses, [item.id for item in instrument.items], n)
            keys = np.array([item.key for item in instrument.items])
            keyed.append(np.where(keys < 0, reverse_key(X, rs.min, rs.max), X))
            column = {item.id: offset + j for j, item in enumerate(instrument.items)}
            pairs += [(column[p.first], column[p.second]) for p in pair_list]
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
    return keyed, im, im_limits, instructed, expected, pairs


def _inter_item_sd(instruments, responses, n):
    """ISD over the keyed scored items of every Likert instrument, by facet."""
    keyed, labels = [], []
    for instrument in instruments:
        if not instrument.items:
            continue
        rs = instrument.response_scale
        X = answer_matrix(responses, [item.id for item in instrument.items], n)
        keys = np.array([item.key for item in instrument.items])
        keyed.append(np.where(keys < 0, reverse_key(X, rs.min, rs.max), X))
        labels += [f"{instrument.id}:{item.facet or item.scale}" for item in instrument.items]
    if not keyed:
        return None
    groups = np.unique(labels, return_inverse=True)[1]
    return validity.inter_item_sd(np.hstack(keyed), groups)


def _page_answers(instruments, responses, n):
    """All answers of all pages side by side, and the page of each column."""
    ids, page_of = [], []
    for instrument in instruments:
        for group in page_groups(instrument):
            page = len(set(page_of))
            ids += group.answer_ids
            page_of += [page] * len(group.answer_ids)
    return answer_matrix(responses, ids, n), np.array(page_of, dtype=np.int64)


def validity_indices(
    instruments, responses, n, page_seconds=None, items_per_page=None, likert=None
):
    """Index name -> (n,) array, and the thresholds the flags need.

    ``likert`` is the fused pass (:func:`assess.results.pipeline.likert.likert_pass`)
    that already computed long-string, IRV, even-odd and D²; without it
    there are no Likert items.
    """
    indices: dict[str, np.ndarray] = {}
    thresholds: dict[str, float] = {}
    if likert is not None:
        scores = likert.scores
        indices["long_string"] = scores.long_string.astype(float)
        indices["irv"] = scores.irv
        indices["even_odd"] = scores.even_odd
        indices["mahalanobis_d2"] = scores.mahalanobis.d2
        indices["mahalanobis_p"] = scores.mahalanobis.p
        keyed, im, im_limits, instructed, expected, pairs = _item_parts(instruments, responses, n)
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
            indices["inconsistency"] = validity.inconsistency(np.hstack(keyed), pairs)
        isd = _inter_item_sd(instruments, responses, n)
        if isd is not None:
            indices["isd"] = isd
    answers, page_of = _page_answers(instruments, responses, n)
    if answers.shape[1]:
        indices["straight_pages"] = validity.straight_pages(answers, page_of)
    if page_seconds is not None and items_per_page is not None:
        indices["too_fast"] = validity.too_fast(page_seconds, items_per_page)
    return indices, thresholds


def page_inputs(page_seconds, items_per_page, page_keys, n) -> list[dict | None]:
    """Per candidate the page times the speed check read: ``{"seconds_per_item",
    "pages": {page: {"seconds", "items"}}}``, or None without page times."""
    if page_seconds is None or items_per_page is None:
        return [None] * n
    keys = list(page_keys) if page_keys else [str(p + 1) for p in range(len(items_per_page))]
    seconds = jsonsafe.floats(np.asarray(page_seconds, dtype=float))
    items = [int(k) for k in np.asarray(items_per_page).tolist()]
    return [
        {
            "seconds_per_item": SECONDS_PER_ITEM,
            "pages": {key: {"seconds": row[p], "items": items[p]} for p, key in enumerate(keys)},
        }
        for row in seconds
    ]


def validity_block(
    instruments,
    responses,
    n,
    page_seconds=None,
    items_per_page=None,
    likert=None,
    page_keys=None,
) -> list[dict]:
    """Per candidate ``{"indices": {name: value}, "flags": [...], "page_times": ...}``."""
    indices, thresholds = validity_indices(
        instruments, responses, n, page_seconds, items_per_page, likert
    )
    flaggable = {k: v for k, v in indices.items() if k != "mahalanobis_d2"}
    flags = (
        validity.validity_flags(**flaggable, thresholds=thresholds, texts=False)
        if flaggable
        else [[] for _ in range(n)]
    )
    if not flags and n:
        flags = [[] for _ in range(n)]
    columns = {name: jsonsafe.floats(values) for name, values in indices.items()}
    counts = {"long_string", "instructed_failures"}
    for name in counts & set(columns):
        columns[name] = [None if v is None else int(v) for v in columns[name]]
    times = page_inputs(page_seconds, items_per_page, page_keys, n)
    names = list(columns)
    return [
        {"indices": dict(zip(names, row, strict=True)), "flags": flagged, "page_times": page}
        for row, flagged, page in zip(
            zip(*columns.values(), strict=True) if names else [()] * n, flags, times, strict=True
        )
    ]
