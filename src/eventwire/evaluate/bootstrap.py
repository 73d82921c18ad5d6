"""Seeded percentile bootstrap confidence intervals over documents or sentences.

Two shapes cover every measure here:

* ``bootstrap_sums``: the measure is a function of column sums of a per-unit count matrix
  (precision, recall, F1, accuracy, mean error). Resampling is done with multinomial weights in one
  matrix product, so 1,000 resamples of 3,000 sentences cost milliseconds.
* ``bootstrap_units``: any function of a resampled list of units (median, adjusted Rand).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

__all__ = ["bootstrap_sums", "bootstrap_units", "DEFAULT_BOOTSTRAP", "DEFAULT_SEED"]

T = TypeVar("T")

DEFAULT_BOOTSTRAP = 1000
DEFAULT_SEED = 13


def _interval(values: np.ndarray, alpha: float) -> tuple[float, float]:
    values = values[np.isfinite(values)]
    if values.size == 0:
        return (float("nan"), float("nan"))
    lo, hi = np.percentile(values, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return (float(lo), float(hi))


def bootstrap_sums(
    counts: np.ndarray | Sequence[Sequence[float]],
    stat: Callable[[np.ndarray], float],
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    alpha: float = 0.05,
) -> tuple[float, float] | None:
    """95% (by default) percentile interval of ``stat(column sums)`` over resampled rows.

    ``counts`` has one row per unit (document or sentence) and one column per count
    (e.g. tp, fp, fn). Returns None when there are no units or ``n_boot`` is 0.
    """
    x = np.asarray(counts, dtype=float)
    if n_boot <= 0 or x.ndim != 2 or x.shape[0] == 0:
        return None
    n = x.shape[0]
    rng = np.random.default_rng(seed)
    out = np.empty(n_boot)
    # Chunk the weight matrix so memory stays bounded for large n.
    chunk = max(1, min(n_boot, 2_000_000 // max(n, 1)))
    done = 0
    while done < n_boot:
        b = min(chunk, n_boot - done)
        weights = rng.multinomial(n, np.full(n, 1.0 / n), size=b)
        sums = weights @ x
        for i in range(b):
            out[done + i] = stat(sums[i])
        done += b
    return _interval(out, alpha)


def bootstrap_units(
    units: Sequence[T],
    stat: Callable[[list[T]], float],
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    alpha: float = 0.05,
) -> tuple[float, float] | None:
    """Percentile interval of ``stat`` over lists of units drawn with replacement."""
    if n_boot <= 0 or not units:
        return None
    rng = np.random.default_rng(seed)
    n = len(units)
    out = np.empty(n_boot)
    for i in range(n_boot):
        idx = rng.integers(0, n, size=n)
        out[i] = stat([units[j] for j in idx])
    return _interval(out, alpha)
