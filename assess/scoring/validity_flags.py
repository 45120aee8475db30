"""Readable response-validity flags, in English and Finnish.

A flag tells the reader of a report to interpret a candidate's scores with
caution; it never changes a score. Thresholds are conventions from the
careless-responding literature, documented in :data:`DEFAULT_THRESHOLDS`, and
every one can be overridden per call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

__all__ = ["DEFAULT_THRESHOLDS", "flag_reason", "validity_flags"]

DEFAULT_THRESHOLDS: Mapping[str, float] = {
    # Runs of 10+ identical answers: Johnson (2005) found cut-offs of 6-14
    # by option on 240 items; 10 suits instruments of 40-80 items.
    "long_string": 10.0,
    # SD of answers (response metric) at or below 0.5: near straight-lining
    # (Dunn et al., 2018, flag the low end of the IRV distribution).
    "irv": 0.5,
    # Even-odd consistency below .30 (Johnson, 2005).
    "even_odd": 0.30,
    # Mahalanobis p below .001, the usual multivariate-outlier criterion.
    "mahalanobis_p": 0.001,
    # Any instructed item answered otherwise than asked (Huang et al., 2012).
    "instructed_failures": 1.0,
    # Mean absolute difference of 2 response points or more across pairs.
    "inconsistency": 2.0,
    # Half or more of the pages faster than the seconds-per-item limit.
    "too_fast": 0.5,
}
"""Default thresholds. ``impression_management`` has no default: it is the
instrument's own ``flag_at`` on its response metric and must be passed."""


@dataclass(frozen=True)
class _Index:
    direction: str  # "high": flag at value >= threshold; "low": flag below
    en: str
    fi: str
    inclusive: bool = True


_INDICES: dict[str, _Index] = {
    "long_string": _Index(
        "high",
        "Answered {value} items in a row with the same option: interpret with caution.",
        "Vastasi {value} peräkkäiseen väittämään samalla vaihtoehdolla: tulkitse varoen.",
    ),
    "irv": _Index(
        "low",
        "Answers varied very little from item to item (standard deviation {value}): "
        "interpret with caution.",
        "Vastaukset vaihtelivat hyvin vähän väittämästä toiseen (keskihajonta {value}): "
        "tulkitse varoen.",
    ),
    "even_odd": _Index(
        "low",
        "Answers to items measuring the same thing did not agree "
        "(even-odd consistency {value}): interpret with caution.",
        "Samaa asiaa mittaaviin väittämiin vastattiin ristiriitaisesti "
        "(parillis-pariton-johdonmukaisuus {value}): tulkitse varoen.",
        inclusive=False,
    ),
    "mahalanobis_p": _Index(
        "low",
        "The answer pattern as a whole is very unusual compared with other candidates "
        "(p = {value}): interpret with caution.",
        "Vastausten kokonaiskuvio poikkeaa hyvin paljon muiden hakijoiden vastauksista "
        "(p = {value}): tulkitse varoen.",
        inclusive=False,
    ),
    "instructed_failures": _Index(
        "high",
        "Did not give the requested answer to {value} instructed item(s): interpret with caution.",
        "Ei antanut pyydettyä vastausta {value} ohjeistettuun väittämään: tulkitse varoen.",
    ),
    "impression_management": _Index(
        "high",
        "Described themselves in an unusually favourable light (mean {value}): "
        "scores may be higher than is accurate.",
        "Kuvasi itseään poikkeuksellisen myönteisesti (keskiarvo {value}): "
        "pisteet voivat olla todellista korkeammat.",
    ),
    "inconsistency": _Index(
        "high",
        "Answered pairs of matching items differently (mean difference {value}): "
        "interpret with caution.",
        "Vastasi toisiaan vastaaviin väittämäpareihin eri tavoin "
        "(keskimääräinen ero {value}): tulkitse varoen.",
    ),
    "too_fast": _Index(
        "high",
        "Answered {value} of the pages faster than {seconds} seconds per item: "
        "interpret with caution.",
        "Vastasi {value} sivuista nopeammin kuin {seconds} sekuntia väittämää kohden: "
        "tulkitse varoen.",
    ),
}

_DECIMALS = {"irv": 2, "even_odd": 2, "mahalanobis_p": 4, "impression_management": 2}


def _format(index: str, value: float, language: str) -> str:
    """A number as a reader expects it: Finnish uses a decimal comma and a
    space before the per cent sign."""
    if index == "too_fast":
        text = f"{100 * value:.0f}" + (" %" if language == "fi" else "%")
    elif index in _DECIMALS:
        text = f"{value:.{_DECIMALS[index]}f}"
    else:
        text = f"{value:.0f}"
    if language == "fi":
        text = text.replace(".", ",").replace("-", "\u2212")
    return text


def _seconds(value: float, language: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language == "fi" else text


def validity_flags(
    *,
    long_string=None,
    irv=None,
    even_odd=None,
    mahalanobis_p=None,
    instructed_failures=None,
    impression_management=None,
    inconsistency=None,
    too_fast=None,
    thresholds: Mapping[str, float] | None = None,
    seconds_per_item: float = 2.0,
    texts: bool = True,
) -> list[list[dict]]:
    """Turn validity indices into per-candidate flags with readable reasons.

    Parameters
    ----------
    long_string, irv, even_odd, mahalanobis_p, instructed_failures, \
impression_management, inconsistency, too_fast : array_like, shape (n,), optional
        Index values per candidate, as returned by the functions of
        :mod:`assess.scoring.validity` (``mahalanobis_p`` is the p-value,
        ``impression_management`` the mean score). NaN is never flagged.
    thresholds : mapping, optional
        Overrides of :data:`DEFAULT_THRESHOLDS`; must hold
        ``"impression_management"`` when that index is given.
    seconds_per_item : float, default 2.0
        The limit used for ``too_fast``, quoted in its reason.
    texts : bool, default True
        Put the ``reason`` texts in the flags; without them
        :func:`flag_reason` writes the same texts from a flag later.

    Returns
    -------
    list of list of dict
        For each candidate, the flags raised, in the parameter order above,
        each ``{"index", "value", "threshold", "reason": {"en", "fi"}}``.
        High indices flag at ``value >= threshold``; ``irv`` flags at
        ``value <= threshold``; ``even_odd`` and ``mahalanobis_p`` flag at
        ``value < threshold``.

    Raises
    ------
    ValueError
        If the arrays differ in length, an unknown threshold is named, or
        ``impression_management`` lacks a threshold.

    Examples
    --------
    >>> flags = validity_flags(long_string=[14, 3])
    >>> flags[0][0]["reason"]["en"]
    'Answered 14 items in a row with the same option: interpret with caution.'
    >>> flags[1]
    []
    """
    given = {
        "long_string": long_string,
        "irv": irv,
        "even_odd": even_odd,
        "mahalanobis_p": mahalanobis_p,
        "instructed_failures": instructed_failures,
        "impression_management": impression_management,
        "inconsistency": inconsistency,
        "too_fast": too_fast,
    }
    limits = dict(DEFAULT_THRESHOLDS)
    for name, limit in (thresholds or {}).items():
        if name not in _INDICES:
            raise ValueError(f"unknown validity index in thresholds: {name!r}")
        limits[name] = float(limit)
    values = {k: np.asarray(v, dtype=float).ravel() for k, v in given.items() if v is not None}
    if "impression_management" in values and "impression_management" not in limits:
        raise ValueError("impression_management needs a threshold (the instrument's flag_at)")
    lengths = {v.shape[0] for v in values.values()}
    if len(lengths) > 1:
        raise ValueError(f"validity indices differ in length: {sorted(lengths)}")
    n = lengths.pop() if lengths else 0
    flags: list[list[dict]] = [[] for _ in range(n)]
    for name, value in values.items():
        spec, limit = _INDICES[name], limits[name]
        with np.errstate(invalid="ignore"):
            if spec.direction == "high":
                hit = value >= limit
            else:
                hit = value <= limit if spec.inclusive else value < limit
        hits = np.flatnonzero(hit & ~np.isnan(value))
        if not texts:
            for i, v in zip(hits.tolist(), value[hits].tolist(), strict=True):
                flags[i].append({"index": name, "value": v, "threshold": limit})
            continue
        for i in hits:
            v = float(value[i])
            reason = {
                lang: template.format(
                    value=_format(name, v, lang), seconds=_seconds(seconds_per_item, lang)
                )
                for lang, template in (("en", spec.en), ("fi", spec.fi))
            }
            flags[i].append({"index": name, "value": v, "threshold": limit, "reason": reason})
    return flags


def flag_reason(flag: Mapping, seconds_per_item: float = 2.0) -> dict[str, str]:
    """The English and Finnish reason of one flag (``{"index", "value"}``), as
    :func:`validity_flags` writes it.

    Examples
    --------
    >>> flag_reason({"index": "long_string", "value": 14.0})["en"]
    'Answered 14 items in a row with the same option: interpret with caution.'
    """
    name, value = flag["index"], float(flag["value"])
    spec = _INDICES[name]
    return {
        lang: template.format(
            value=_format(name, value, lang), seconds=_seconds(seconds_per_item, lang)
        )
        for lang, template in (("en", spec.en), ("fi", spec.fi))
    }
