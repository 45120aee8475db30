"""One blocked pass over a response matrix: the row statistics that scale
scores and the answer-pattern validity indices are built from.

A response matrix (candidates x items, NaN = missing) is read once, in blocks
of rows small enough to stay in the CPU cache. Per block a missing answer is
filled with the block's smallest answer (``fmax`` maps NaN to its other
argument, and the smallest answer clips nothing) and counted in a 0/1
indicator; two matrix products then give every linear row sum over the
*answered* items (the filling is taken out again through the indicator),
and the same block
yields the sum of squares, the Mahalanobis quadratic form and the bits that
mark equal neighbouring answers. Each statistic a caller asks for costs one
step inside the block, not another pass over the matrix, so the functions of
:mod:`assess.scoring.scales`, :mod:`assess.scoring.validity` and
:mod:`assess.scoring.batch` share this code.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["RowStats", "longest_run", "row_stats"]

# Bytes of answers per block: 4,369 rows of 60 float32 answers. A block and
# its few work buffers stay in the CPU's cache, and each block costs some
# twenty numpy calls. In interleaved runs of score_matrix on a million rows
# (best of 6) 1 MiB blocks beat 512 KiB ones by 5-15%.
BLOCK_BYTES = 1 << 20


class RowStats(NamedTuple):
    """What :func:`row_stats` computed, one row per candidate.

    Attributes
    ----------
    sums : ndarray, shape (n, m), float64
        ``sum_{j answered} x_ij * value_weights[j, c]`` for each column ``c``.
    counts : ndarray, shape (n, p), float64
        ``sum_{j answered} count_weights[j, c]`` (with 0/1 weights: how many
        of the column's items were answered).
    answered : ndarray, shape (n,), int64
        Items answered.
    squares : ndarray, shape (n,), float64, or None
        ``sum_{j answered} x_ij ** 2`` when asked for.
    quad : ndarray, shape (n,), float64, or None
        ``(x_i - mean)' precision (x_i - mean)`` when asked for; NaN for a
        row with any missing answer.
    same : ndarray, shape (n, w), uint64, or None
        When asked for: bit ``j`` (little-endian over the ``w`` words) is set
        when answers ``j`` and ``j + 1`` are both given and equal.
    smallest, largest : float
        Range of the answers given (``+inf``/``-inf`` when none were given).
    """

    sums: np.ndarray
    counts: np.ndarray
    answered: np.ndarray
    squares: np.ndarray | None
    quad: np.ndarray | None
    same: np.ndarray | None
    smallest: float
    largest: float


def row_stats(
    X,
    *,
    value_weights=None,
    count_weights=None,
    squares=False,
    quad=None,
    same=False,
):
    """Row sums over answered items and pattern statistics in one pass.

    Parameters
    ----------
    X : ndarray, shape (n, k), float32 or float64
        Answers, NaN = missing. float32 input is multiplied in single
        precision, which is exact for sums of small whole-number answers;
        every result is returned in float64.
    value_weights : array_like, shape (k, m) or (k,), optional
        Weights for ``sums``.
    count_weights : array_like, shape (k, p) or (k,), optional
        Weights for ``counts``.
    squares : bool
        Also return the sum of squared answers.
    quad : tuple (mean, precision) or (mean, precision, items), optional
        Also return the quadratic form ``(x - mean)' precision (x - mean)``,
        expanded as ``x'Px - 2 x'(P mean) + mean'P mean`` so that it shares
        the block's matrix product. With ``items`` (a boolean mask, shape
        (k,)) the form is NaN only where one of those items is missing; the
        precision must then be zero outside them.
    same : bool
        Also return the equal-neighbour bits (for the long-string index).

    Returns
    -------
    RowStats

    Raises
    ------
    ValueError
        If an answer is infinite.
    """
    n, k = X.shape
    dtype = X.dtype
    value_w = _weights(value_weights, k, "value_weights")
    count_w = _weights(count_weights, k, "count_weights")
    m = value_w.shape[1]
    # Products of the filled block: x'P and x'(P mean) first, then the value
    # sums (the quadratic form's columns start at 0, where they are read).
    filled_w = [value_w]
    # Missing answers among the quadratic form's items get a column of their
    # own only when they are not all the items (then it is missing_count).
    quad_items = np.zeros((k, 0))
    if quad is not None:
        mean, precision = (np.asarray(a, dtype=float) for a in quad[:2])
        if len(quad) > 2 and not np.all(quad[2]):
            quad_items = np.asarray(quad[2], dtype=float).reshape(k, 1)
        filled_w = [precision, (precision @ mean)[:, None], value_w]
    at = sum(w.shape[1] for w in filled_w) - m  # first value-sum column
    filled_w = _padded(np.hstack(filled_w)).astype(dtype)
    # Products of the missing indicator: missing answers, what the filling
    # added to each value sum (to take away), and the count weights (to
    # take away from their totals).
    missing_w = _padded(np.hstack([np.ones((k, 1)), value_w, -count_w, quad_items]))
    p = count_w.shape[1]
    sums = np.empty((n, m))
    # Held (p, n): adding the totals below is then a long pass per column.
    counts = np.empty((count_w.shape[1], n))
    missing_count = np.empty(n)
    missing_quad = np.empty(n) if quad is not None else None
    out_squares = np.empty(n) if squares else None
    out_quad = np.empty(n) if quad is not None else None
    words = -(-(k - 1) // 64) if k > 1 else 0
    out_same = np.zeros((n, words), dtype=np.uint64) if same else None
    rows = min(max(64, BLOCK_BYTES // max(k * dtype.itemsize, 1)), max(n, 1))
    indicator = np.empty((rows, k), dtype)
    filled = np.empty((rows, k), dtype)
    product = np.empty((rows, filled_w.shape[1]), dtype)
    lacking = np.empty((rows, missing_w.shape[1]), dtype)
    if same and words:
        equal = np.empty(rows * k, dtype=bool)
        bits = np.zeros((rows, 64 * words), dtype=bool)  # columns from k - 1 on stay False
    smallest, largest, block_w, block_fill = np.inf, -np.inf, None, None
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, rows):
            block = X[start : start + rows]
            r, here = block.shape[0], slice(start, start + block.shape[0])
            ind, fil, prod, lack = indicator[:r], filled[:r], product[:r], lacking[:r]
            low = np.fmin.reduce(block, axis=None)  # NaN when nothing was answered
            high = np.fmax.reduce(block, axis=None)
            if not np.isnan(low):
                smallest, largest = min(smallest, float(low)), max(largest, float(high))
            fill = 0.0 if np.isnan(low) else float(low)
            if fill != block_fill:
                block_w, block_fill = missing_w.copy(), fill
                block_w[:, 1 : 1 + m] *= -fill
                block_w = block_w.astype(dtype)
                # fmax runs twice as fast against an array as against a scalar
                fill_with = np.full((rows, k), fill, dtype)
            np.isnan(block, out=ind, casting="unsafe")
            np.fmax(block, fill_with[:r], out=fil)
            np.matmul(ind, block_w, out=lack)  # BLAS: inputs and out in one dtype
            np.matmul(fil, filled_w, out=prod)
            missing_count[here] = lack[:, 0]
            np.add(prod[:, at : at + m], lack[:, 1 : 1 + m], out=sums[here])
            counts[:, here] = lack[:, 1 + m : 1 + m + p].T
            if quad is not None:
                missing_quad[here] = lack[:, 1 + m + p] if quad_items.shape[1] else lack[:, 0]
                out_quad[here] = np.einsum("ij,ij->i", prod[:, :k], fil)
                out_quad[here] -= 2.0 * prod[:, k]
            if squares:
                out_squares[here] = np.einsum("ij,ij->i", fil, fil)
                out_squares[here] -= fill * fill * lack[:, 0]
            if same and words:
                out_same[here] = _equal_neighbours(block, equal[: r * k], bits[:r])
    if np.isinf(smallest) and smallest < 0 or np.isinf(largest) and largest > 0:
        raise ValueError("responses must be finite or NaN (missing); found an infinity")
    answered = np.rint(k - missing_count).astype(np.int64)
    counts += count_w.sum(axis=0)[:, None]
    if quad is not None:
        out_quad += float(mean @ precision @ mean)
        out_quad[missing_quad > 0.5] = np.nan
    return RowStats(sums, counts.T, answered, out_squares, out_quad, out_same, smallest, largest)


def longest_run(bits: np.ndarray) -> np.ndarray:
    """Longest run of consecutive set bits in each row.

    Parameters
    ----------
    bits : ndarray of uint64, shape (n, w)
        A bit string per row, little-endian over its ``w`` words.

    Returns
    -------
    ndarray of int64, shape (n,)

    Notes
    -----
    ``t <- t & (t >> 1)`` clears the last bit of every run, so the number of
    steps until ``t`` is zero is the longest run. Rows are taken a cache-sized
    chunk at a time, and a chunk's rows that are already zero are dropped
    once few remain, so the work follows the runs actually present.

    Examples
    --------
    >>> longest_run(np.array([[0b1101110], [0]], dtype=np.uint64)).tolist()
    [3, 0]
    """
    n, w = bits.shape
    length = np.zeros(n, dtype=np.int64)
    one, carry = np.uint64(1), np.uint64(63)
    for start in range(0, n, _RUN_CHUNK):
        t = bits[start : start + _RUN_CHUNK].copy()
        out = length[start : start + _RUN_CHUNK]
        rows = None  # while None, t holds every row of the chunk
        while t.size:
            alive = t.any(axis=1) if w > 1 else t[:, 0] != 0
            alive_count = np.count_nonzero(alive)
            if not alive_count:
                break
            if rows is None:
                out += alive
            else:
                out[rows] += alive
            if 8 * alive_count < alive.size:  # few left: stop carrying the rest
                rows = np.flatnonzero(alive) if rows is None else rows[alive]
                t = t[alive]
            shifted = t >> one
            if w > 1:
                shifted[:, :-1] |= t[:, 1:] << carry
            t &= shifted
    return length


_RUN_CHUNK = 1 << 16


def _padded(weights):
    """Weights with zero columns up to a multiple of 8: OpenBLAS multiplies
    by 8 columns faster than by 7 (measured: 0.031 s against 0.056 s for a
    million 60-item rows), so the extra columns cost nothing."""
    extra = -weights.shape[1] % 8 if weights.shape[1] > 1 else 0
    return np.hstack([weights, np.zeros((weights.shape[0], extra))])


def _weights(weights, k, name):
    if weights is None:
        return np.zeros((k, 0))
    w = np.asarray(weights, dtype=float)
    if w.ndim == 1:
        w = w[:, None]
    if w.shape[0] != k:
        raise ValueError(f"{name} must have one row per item ({k}); got shape {w.shape}")
    return w


def _equal_neighbours(block, equal, bits):
    """Bits ``j``: answers ``j`` and ``j + 1`` equal (NaN equals nothing).

    The comparison runs over the block as one flat array, which numpy does
    in one long loop instead of one short loop per row (2.5 times faster);
    the comparisons across a row boundary are then dropped while the rest
    are copied into rows of whole 64-bit words and packed.
    """
    r, k = block.shape
    flat = np.ascontiguousarray(block).reshape(-1)
    np.equal(flat[1:], flat[:-1], out=equal[:-1])
    bits[:, : k - 1] = equal.reshape(r, k)[:, : k - 1]
    packed = np.packbits(bits, axis=None, bitorder="little")
    return packed.view("<u8").reshape(r, -1)
