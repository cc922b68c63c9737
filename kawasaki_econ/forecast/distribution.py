"""Summaries of simulated draws: quantile rows, target comparisons, Monte-Carlo intervals.

A *draw* is one simulated value of the indicator (a path's value at a period, or its sum
over a year); every probability and every forecast row of a result is computed here from the
same draws, so the table and the probability cannot disagree.
"""

from __future__ import annotations

import math

import numpy as np

#: How the indicator must compare with its target.
DIRECTIONS = (">=", ">", "<=", "<")
#: Quantiles of a forecast row: 95 % and 80 % central ranges and the median.
PROBS = (0.025, 0.1, 0.5, 0.9, 0.975)
#: Columns of every forecast / annual frame.
FORECAST_COLUMNS = ["period", "mean", "median", "lo80", "hi80", "lo95", "hi95"]


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion ``k / n``."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return (lo, hi)


def meets(values: np.ndarray, target: float, direction: str) -> np.ndarray:
    """Element-wise: does each value meet ``target`` in ``direction``?"""
    return {
        ">=": values >= target,
        ">": values > target,
        "<=": values <= target,
        "<": values < target,
    }[direction]


def summarise(draws: np.ndarray) -> dict:
    """``mean, median, lo80, hi80, lo95, hi95`` of a set of draws (same unit)."""
    q = np.quantile(draws, PROBS)
    return {
        "mean": float(np.mean(draws)),
        "median": float(q[2]),
        "lo80": float(q[1]),
        "hi80": float(q[3]),
        "lo95": float(q[0]),
        "hi95": float(q[4]),
    }
