"""Small helpers for seeded, vectorised draws."""

from __future__ import annotations

import numpy as np

from maca.synth import rates

YEAR = 365
OPEN = np.iinfo(np.int64).max // 4  # an end after the extract: open at the extract date


def pick(rng: np.random.Generator, table: tuple, n: int) -> np.ndarray:
    names, p = rates.codes(table)
    return np.array(names, dtype=object)[rng.choice(len(names), size=n, p=p)]


def lognormal_days(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    return np.maximum(1, rng.lognormal(np.log(median), sigma, n)).astype(np.int64)


class Ids:
    """Chunk-local sequential ids, disjoint between chunks (``index`` picks the block)."""

    def __init__(self, index: int, block: int = 10_000_000):
        self.base = (index + 1) * block
        self.used: dict[str, int] = {}

    def take(self, kind: str, n: int) -> np.ndarray:
        start = self.used.get(kind, 0)
        self.used[kind] = start + n
        return self.base + start + np.arange(n, dtype=np.int64)
