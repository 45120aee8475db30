"""Cues in scenario options that give the key away without judgement.

Test-wise candidates rate the longest, most detailed option as the best one.
If option length follows the expert key, rating by length alone scores well.
These figures let the instrument tests (and authors) check that it does not.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from questionnaires.model import Instrument

__all__ = ["MAX_BEST_IS_LONGEST", "MAX_LENGTH_RHO", "LengthCues", "length_cues", "spearman"]

MAX_LENGTH_RHO = 0.20
"""Largest allowed |Spearman rho| between option length and expert rating."""
MAX_BEST_IS_LONGEST = 1 / 3
"""Largest allowed share of scenarios whose best-rated option is the longest."""


class LengthCues(NamedTuple):
    """Option length against the key, in one language.

    Attributes
    ----------
    rho : float
        Spearman rank correlation of option length (characters) with the
        expert rating over all options of the instrument (ties get average
        ranks).
    best_is_longest : int
        Scenarios in which a top-rated option is (one of) the longest.
    n_scenarios : int
    """

    rho: float
    best_is_longest: int
    n_scenarios: int

    @property
    def share_best_is_longest(self) -> float:
        return self.best_is_longest / self.n_scenarios if self.n_scenarios else 0.0

    def problems(self) -> list[str]:
        """What breaks the limits, as sentences; empty when the options pass."""
        out = []
        if abs(self.rho) > MAX_LENGTH_RHO:
            out.append(
                f"option length correlates with the expert rating (Spearman rho = "
                f"{self.rho:+.2f}, allowed within ±{MAX_LENGTH_RHO:.2f}): candidates could "
                "score by rating long options high; shorten the best options or give poor "
                "options as much detail"
            )
        if self.share_best_is_longest > MAX_BEST_IS_LONGEST:
            out.append(
                f"the best-rated option is the longest in {self.best_is_longest} of "
                f"{self.n_scenarios} scenarios (allowed: at most one in "
                f"{round(1 / MAX_BEST_IS_LONGEST)})"
            )
        return out


def _ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties given their average rank."""
    order = np.argsort(values, kind="stable")
    ranks = np.empty(values.size)
    ranks[order] = np.arange(1, values.size + 1)
    for value in np.unique(values):
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def spearman(x, y) -> float:
    """Spearman's rho: the Pearson correlation of average ranks (as
    ``scipy.stats.spearmanr``); NaN when either variable is constant.

    >>> round(spearman([10, 20, 30, 40], [1, 3, 2, 4]), 4)
    0.8
    """
    rx, ry = _ranks(np.asarray(x, dtype=float)), _ranks(np.asarray(y, dtype=float))
    if np.ptp(rx) == 0 or np.ptp(ry) == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def length_cues(instrument: Instrument, language: str) -> LengthCues:
    """Length cues of the instrument's scenario options in ``language``."""
    lengths, ratings, best_longest = [], [], 0
    for scenario in instrument.scenarios:
        length = [len(option.text[language]) for option in scenario.options]
        rating = [option.rating for option in scenario.options]
        lengths += length
        ratings += rating
        top = max(rating)
        if any(r == top and n == max(length) for r, n in zip(rating, length, strict=True)):
            best_longest += 1
    return LengthCues(spearman(lengths, ratings), best_longest, len(instrument.scenarios))
