"""One common factor fitted by minres, and omega total from its loadings.

Used by :mod:`assess.scoring.reliability`; works on a correlation matrix,
so it is independent of how the matrix was estimated.
"""

from __future__ import annotations

import numpy as np

__all__ = ["omega_from_correlation", "one_factor_loadings"]


def omega_from_correlation(R):
    """Omega total of an item correlation matrix ``R`` from one minres factor.

    The variant :func:`assess.scoring.reliability.omega_total` documents:
    model-implied denominator, standardised metric (McDonald, 1999, ch. 6).

    Parameters
    ----------
    R : array_like, shape (k, k)
        Symmetric correlation matrix with unit diagonal, k >= 3.

    Returns
    -------
    float
        ``(sum lambda)^2 / ((sum lambda)^2 + sum(1 - lambda^2))``, unitless.

    Examples
    --------
    Loadings 0.9, 0.8, 0.7 reproduce R exactly; (2.4)^2 / (5.76 + 3 - 1.94):

    >>> lam = np.array([0.9, 0.8, 0.7])
    >>> R = np.outer(lam, lam) + np.diag(1 - lam**2)
    >>> round(omega_from_correlation(R), 6), one_factor_loadings(R).round(6).tolist()
    (0.844575, [0.9, 0.8, 0.7])
    """
    R = np.asarray(R, dtype=np.float64)
    if R.ndim != 2 or R.shape[0] != R.shape[1]:
        raise ValueError(f"R must be a square matrix; got shape {R.shape}")
    if R.shape[0] < 3:
        raise ValueError("omega needs at least 3 items to fit one factor")
    if not (np.all(np.isfinite(R)) and np.allclose(R, R.T) and np.allclose(np.diag(R), 1)):
        raise ValueError("R must be a finite symmetric correlation matrix with unit diagonal")
    loadings = one_factor_loadings(R)
    common = loadings.sum() ** 2
    return float(common / (common + np.sum(1 - loadings**2)))


def one_factor_loadings(R, *, tol=1e-12, max_iter=20_000):
    """Loadings of one factor fitted to correlation matrix ``R`` by minres.

    Minres minimises ``sum_{i != j} (r_ij - l_i l_j)^2``. Principal-axis
    iteration (diagonal replaced by the communalities, first eigenvector
    scaled by the root of its eigenvalue, repeat) moves towards the
    minimum from squared multiple correlations; it crawls when the items
    barely correlate, so every 25 steps a few Newton steps on the same
    criterion try to finish the job. Converged when the communalities (or
    the Newton steps) change by less than ``tol``. Sign chosen so the
    loadings sum to a non-negative number.
    """
    k = R.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        try:
            communality = 1 - 1 / np.diag(np.linalg.inv(R))
        except np.linalg.LinAlgError:
            communality = np.full(k, np.nan)
    if not np.all(np.isfinite(communality)):  # singular R: largest correlation
        communality = np.max(np.abs(R - np.eye(k)), axis=1)
    communality = np.clip(communality, 0.0, 1.0)
    reduced = R.copy()
    for step in range(max_iter):
        np.fill_diagonal(reduced, communality)
        values, vectors = np.linalg.eigh(reduced)
        loadings = vectors[:, -1] * np.sqrt(max(values[-1], 0.0))
        updated = np.minimum(loadings**2, 1.0)
        if np.max(np.abs(updated - communality)) < tol:
            break
        communality = updated
        if step % 25 == 24:
            polished = _newton_minres(R, loadings, tol)
            if polished is not None:
                loadings = polished
                break
    else:
        raise ValueError(f"one-factor minres did not converge in {max_iter} iterations")
    return -loadings if loadings.sum() < 0 else loadings


def _newton_minres(R, loadings, tol, steps=30):
    """Newton's method on the minres criterion from the current loadings.

    Returns None unless it converges to a *minimum* (positive definite
    Hessian) no worse than the starting point with all communalities <= 1;
    Newton alone could also stop at a saddle such as all-zero loadings.
    """
    off = R - np.diag(np.diag(R))

    def criterion(lam):
        residual = off - np.outer(lam, lam)
        np.fill_diagonal(residual, 0.0)
        return np.sum(residual**2)

    lam = loadings.copy()
    for _ in range(steps):
        outer = np.outer(lam, lam)
        np.fill_diagonal(outer, 0.0)
        gradient = -2 * (off - outer) @ lam
        hessian = -2 * off + 4 * outer
        np.fill_diagonal(hessian, 2 * (lam @ lam - lam**2))
        try:
            delta = np.linalg.solve(hessian, -gradient)
        except np.linalg.LinAlgError:
            return None
        lam = lam + delta
        if not np.all(np.isfinite(lam)):
            return None
        if np.max(np.abs(delta)) < tol:
            admissible = np.all(lam**2 <= 1.0) and np.linalg.eigvalsh(hessian)[0] > 0
            no_worse = criterion(lam) <= criterion(loadings) + 1e-15
            return lam if admissible and no_worse else None
    return None
