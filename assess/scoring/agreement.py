"""Agreement among interview-panel ratings: intraclass correlations.

The six Shrout & Fleiss (1979) forms, named also as McGraw & Wong (1996) do,
with F tests and confidence intervals computed as R ``psych::ICC`` computes
them from a two-way ANOVA of a targets x raters table.

References
----------
Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: Uses in
assessing rater reliability. Psychological Bulletin, 86, 420-428.
McGraw, K. O., & Wong, S. P. (1996). Forming inferences about some intraclass
correlation coefficients. Psychological Methods, 1, 30-46.
Revelle, W. psych: Procedures for psychological, psychometric, and
personality research (function ``ICC``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assess.scoring.distributions import f_ppf, f_sf

__all__ = ["ICC_FORMS", "IccTable", "icc", "icc_long"]

ICC_FORMS: tuple[tuple[str, str, str, str], ...] = (
    ("ICC1", "ICC(1,1)", "ICC(1)", "Single raters absolute (one-way random)"),
    ("ICC2", "ICC(2,1)", "ICC(A,1)", "Single random raters (two-way random, absolute agreement)"),
    ("ICC3", "ICC(3,1)", "ICC(C,1)", "Single fixed raters (two-way mixed, consistency)"),
    ("ICC1k", "ICC(1,k)", "ICC(k)", "Average raters absolute (one-way random)"),
    ("ICC2k", "ICC(2,k)", "ICC(A,k)", "Average random raters (two-way random, absolute agreement)"),
    ("ICC3k", "ICC(3,k)", "ICC(C,k)", "Average fixed raters (two-way mixed, consistency)"),
)
"""Per form: psych name, Shrout & Fleiss name, McGraw & Wong name, description."""


@dataclass(frozen=True)
class IccTable:
    """The six ICCs, in the order of :data:`ICC_FORMS` (arrays of length 6).

    ``f`` may be ``inf`` (zero residual variance: perfect consistency), with
    ``p = 0``. ``ci_low``/``ci_high`` are the (1 - alpha) limits.
    """

    forms: tuple[str, ...]
    shrout_fleiss: tuple[str, ...]
    mcgraw_wong: tuple[str, ...]
    value: np.ndarray
    f: np.ndarray
    df1: np.ndarray
    df2: np.ndarray
    p: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    n_targets: int
    n_raters: int
    n_dropped: int
    """Targets left out because a rating was missing (listwise, as psych)."""
    alpha: float = 0.05

    def row(self, form: str) -> dict:
        """One form as a plain dict; ``form`` in any of the three namings."""
        for i, names in enumerate(
            zip(self.forms, self.shrout_fleiss, self.mcgraw_wong, strict=True)
        ):
            if form in names:
                return {
                    "form": self.forms[i],
                    "shrout_fleiss": self.shrout_fleiss[i],
                    "mcgraw_wong": self.mcgraw_wong[i],
                    "value": float(self.value[i]),
                    "f": float(self.f[i]),
                    "df1": float(self.df1[i]),
                    "df2": float(self.df2[i]),
                    "p": float(self.p[i]),
                    "ci_low": float(self.ci_low[i]),
                    "ci_high": float(self.ci_high[i]),
                }
        raise KeyError(form)


def icc(ratings, *, alpha: float = 0.05) -> IccTable:
    """Intraclass correlations of a targets x raters table, as ``psych::ICC``.

    Parameters
    ----------
    ratings : array_like, shape (n_targets, n_raters)
        One rating per target (candidate) and rater, NaN = missing. Targets
        with any missing rating are dropped (listwise, the ``psych::ICC``
        default); how many is reported in ``n_dropped``.
    alpha : float, default 0.05
        Confidence intervals cover 1 - alpha.

    Returns
    -------
    IccTable
        Value, F, df1, df2, p and CI of each of the six forms.

    Raises
    ------
    ValueError
        With fewer than 2 complete targets or fewer than 2 raters.

    Notes
    -----
    With n targets, k raters and the two-way ANOVA mean squares MSB
    (targets), MSJ (raters), MSE (residual) and MSW = (SSJ + SSE) /
    (df_J + df_E) (within targets)::

        ICC1  = (MSB - MSW) / (MSB + (k-1) MSW)           F = MSB/MSW, df (n-1, n(k-1))
        ICC2  = (MSB - MSE) / (MSB + (k-1) MSE + k (MSJ - MSE)/n)
        ICC3  = (MSB - MSE) / (MSB + (k-1) MSE)           F = MSB/MSE, df (n-1, (n-1)(k-1))
        ICC1k = (MSB - MSW) / MSB
        ICC2k = (MSB - MSE) / (MSB + (MSJ - MSE)/n)
        ICC3k = (MSB - MSE) / MSB

    Confidence limits of forms 1 and 3 come from ``F / F_crit``; those of
    form 2 use the Satterthwaite-type df ``v`` of McGraw & Wong (1996),
    exactly as ``psych::ICC``. With zero residual variance F is ``inf`` and
    p is 0; the form-2 limits are then undefined (NaN).

    Examples
    --------
    Shrout & Fleiss (1979), Table 2:

    >>> x = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    >>> icc(x).value.round(2).tolist()
    [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
    """
    x = np.asarray(ratings, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"ratings must be a 2-d array (targets x raters), got shape {x.shape}")
    if not 0 < alpha < 1:
        raise ValueError("alpha must lie between 0 and 1")
    complete = ~np.isnan(x).any(axis=1)
    n_dropped = int((~complete).sum())
    x = x[complete]
    n, k = x.shape
    if n < 2 or k < 2:
        raise ValueError(
            f"ICC needs at least 2 complete targets and 2 raters; got {n} targets "
            f"({n_dropped} dropped for a missing rating) and {k} raters"
        )
    grand = x.mean()
    ss_targets = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ss_raters = n * ((x.mean(axis=0) - grand) ** 2).sum()
    ss_total = ((x - grand) ** 2).sum()
    ss_error = max(ss_total - ss_targets - ss_raters, 0.0)
    if ss_error <= 1e-12 * max(ss_total, 1e-300):  # rounding residue of an exact fit
        ss_error = 0.0
    df_b, df_j, df_e = n - 1, k - 1, (n - 1) * (k - 1)
    # numpy scalars, so that x/0 gives inf or NaN (under errstate) as psych
    # does, rather than a Python ZeroDivisionError
    msb, msj, mse = (np.float64(v) for v in (ss_targets / df_b, ss_raters / df_j, ss_error / df_e))
    msw = np.float64((ss_raters + ss_error) / (df_j + df_e))

    # Zero mean squares give F = inf (perfect consistency) or 0/0 = NaN, and
    # CI limits of +/-inf, as in psych; numpy scalars report them silently.
    with np.errstate(divide="ignore", invalid="ignore"):
        return _table(msb, msj, mse, msw, n, k, alpha, n_dropped)


def _table(msb, msj, mse, msw, n, k, alpha, n_dropped) -> IccTable:
    """The six forms from the ANOVA mean squares (formulas in :func:`icc`)."""
    df_b, df_e = n - 1, (n - 1) * (k - 1)
    icc1 = (msb - msw) / (msb + (k - 1) * msw)
    icc2 = (msb - mse) / (msb + (k - 1) * mse + k * (msj - mse) / n)
    icc3 = (msb - mse) / (msb + (k - 1) * mse)
    icc1k = (msb - msw) / msb
    icc2k = (msb - mse) / (msb + (msj - mse) / n)
    icc3k = (msb - mse) / msb
    f1, f3 = msb / msw, msb / mse
    df1d = n * (k - 1)
    p1, p3 = float(f_sf(f1, df_b, df1d)), float(f_sf(f3, df_b, df_e))

    q = 1 - alpha / 2
    f1_low = f1 / f_ppf(q, df_b, df1d)
    f1_high = f1 * f_ppf(q, df1d, df_b)
    f3_low = f3 / f_ppf(q, df_b, df_e)
    f3_high = f3 * f_ppf(q, df_e, df_b)

    def single(f_lim):
        # (F - 1) / (F + k - 1), written so that F = inf gives 1
        return 1.0 - k / (f_lim + k - 1)

    def average(f_lim):
        return 1.0 - 1.0 / f_lim  # 1 - 1/inf = 1

    low2 = high2 = np.nan
    if mse > 0:
        fj = msj / mse
        vn = df_e * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2
        vd = df_b * k**2 * icc2**2 * fj**2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2
        v = vn / vd
        if np.isfinite(v) and v > 0:
            f2_high = f_ppf(q, df_b, v)
            f2_low = f_ppf(q, v, df_b)
            denom = k * msj + (k * n - k - n) * mse
            low2 = n * (msb - f2_high * mse) / (f2_high * denom + n * msb)
            high2 = n * (f2_low * msb - mse) / (denom + n * f2_low * msb)

    def spearman_brown(r):
        return r * k / (1 + r * (k - 1))

    names = list(zip(*ICC_FORMS, strict=True))
    return IccTable(
        forms=names[0],
        shrout_fleiss=names[1],
        mcgraw_wong=names[2],
        value=np.array([icc1, icc2, icc3, icc1k, icc2k, icc3k], dtype=float),
        f=np.array([f1, f3, f3, f1, f3, f3]),
        df1=np.full(6, float(df_b)),
        df2=np.array([df1d, df_e, df_e, df1d, df_e, df_e], dtype=float),
        p=np.array([p1, p3, p3, p1, p3, p3]),
        ci_low=np.array(
            [
                single(f1_low),
                low2,
                single(f3_low),
                average(f1_low),
                spearman_brown(low2),
                average(f3_low),
            ]  # fmt: skip
        ),
        ci_high=np.array(
            [
                single(f1_high),
                high2,
                single(f3_high),
                average(f1_high),
                spearman_brown(high2),
                average(f3_high),
            ]  # fmt: skip
        ),
        n_targets=n,
        n_raters=k,
        n_dropped=n_dropped,
        alpha=alpha,
    )


def icc_long(candidate_ids, rater_ids, ratings, *, alpha: float = 0.05) -> IccTable:
    """:func:`icc` from long-format ratings (one row per candidate and rater).

    Parameters
    ----------
    candidate_ids, rater_ids : array_like, shape (n_ratings,)
        Identifiers (any hashable values) of the rated candidate and the rater.
    ratings : array_like, shape (n_ratings,)
        The ratings, NaN = missing. A candidate lacking a rating from any
        rater is dropped listwise by :func:`icc`.
    alpha : float, default 0.05

    Returns
    -------
    IccTable

    Raises
    ------
    ValueError
        If the arrays differ in length or a candidate is rated twice by the
        same rater.

    Examples
    --------
    >>> t = icc_long(["a", "a", "b", "b", "c", "c"], [1, 2, 1, 2, 1, 2], [4, 5, 2, 2, 3, 4])
    >>> round(t.row("ICC(C,1)")["value"], 4)
    0.9
    """
    cands = list(candidate_ids)
    raters = list(rater_ids)
    values = np.asarray(ratings, dtype=float).ravel()
    if not len(cands) == len(raters) == values.shape[0]:
        raise ValueError("candidate_ids, rater_ids and ratings must have the same length")
    cand_index = {c: i for i, c in enumerate(dict.fromkeys(cands))}
    rater_index = {r: j for j, r in enumerate(dict.fromkeys(raters))}
    wide = np.full((len(cand_index), len(rater_index)), np.nan)
    seen = np.zeros(wide.shape, dtype=bool)
    for c, r, v in zip(cands, raters, values, strict=True):
        i, j = cand_index[c], rater_index[r]
        if seen[i, j]:
            raise ValueError(f"candidate {c!r} is rated more than once by rater {r!r}")
        seen[i, j] = True
        wide[i, j] = v
    return icc(wide, alpha=alpha)
