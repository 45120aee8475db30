"""Turn numpy results into JSON-ready Python values (NaN and inf become None)."""

from __future__ import annotations

import math

import numpy as np


def floats(values: np.ndarray) -> list:
    """A float array as a list of float, None where not finite."""
    values = np.asarray(values, dtype=float)
    out = values.astype(object)
    out[~np.isfinite(values)] = None
    return out.tolist()


def ints(values: np.ndarray) -> list:
    """A float array of whole numbers as a list of int, None where NaN."""
    values = np.asarray(values, dtype=float)
    ok = np.isfinite(values)
    out = np.empty(values.shape, dtype=object)
    out[ok] = values[ok].astype(np.int64)
    out[~ok] = None
    return out.tolist()


def pairs(values: np.ndarray) -> list:
    """An (n, 2) interval array as a list of [lo, hi] (None for unknown)."""
    values = np.asarray(values, dtype=float)
    out = values.tolist()
    for i in np.flatnonzero(~np.isfinite(values).all(axis=1)).tolist():
        out[i] = None
    return out


def scalar(value) -> float | None:
    """One number as float, None when missing or not finite."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def finite_fields(records: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """``records`` with non-finite floats under ``keys`` set to None, in place
    (a quick pass for flat records whose other fields are already safe)."""
    isfinite = math.isfinite  # a local name: this loop runs for every reason of every candidate
    for record in records:
        for key in keys:
            value = record.get(key)
            if isinstance(value, float) and not isfinite(value):
                record[key] = None
    return records


def clean(obj):
    """Recursively replace non-finite floats (and numpy scalars) in ``obj``."""
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return clean(obj.tolist())
    if isinstance(obj, np.bool_ | bool):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        return scalar(obj)
    return obj
