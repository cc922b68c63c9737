"""The spread floor of annual forecasts from h-year spans: what forecasts without trend (or
with the full trend) missed over k-year spans inside the fitted years, pooled over
comparable series. Checked against the definition computed by hand on real JR East
stations (raw files)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kawasaki_econ.forecast.spans import MIN_SPAN_ERRORS, span_floor, span_moments

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def _stations() -> dict[str, np.ndarray]:
    """Log daily boardings FY1999–FY2006 of the stations present in every year."""
    data: dict[str, dict[int, float]] = {}
    for path in sorted((RAW / "jreast").glob("passenger_top100_FY*.json")):
        fy = int(path.stem.split("FY")[1])
        for row in json.loads(path.read_text(encoding="utf-8")):
            data.setdefault(row["city"], {})[fy] = float(row["total"])
    years = range(1999, 2007)
    return {s: np.log([v[y] for y in years]) for s, v in data.items()
            if all(y in v for y in range(1999, 2013))}


def test_moments_follow_the_definition():
    stations = _stations()
    z = stations["川崎"]
    m = span_moments([z], 3)
    s = np.diff(z).std(ddof=1)
    # k = 2: inner origins t = 2 … 5 (three observations before each), spans to t + 2 ≤ 7
    a = [(z[t + 2] - z[t]) / s for t in range(2, 6)]
    b = [2 * (z[t] - z[0]) / t / s for t in range(2, 6)]
    assert m.count[1] == 4
    assert m.naive_sq[1] == pytest.approx(np.mean(np.square(a)))
    assert m.cross[1] == pytest.approx(np.mean(np.multiply(a, b)))
    assert m.trend_sq[1] == pytest.approx(np.mean(np.square(b)))


def test_pooled_floor_widens_with_the_horizon_and_needs_enough_spans():
    stations = _stations()
    pooled = span_moments(list(stations.values()), 6)
    assert pooled.n_series == len(stations) >= 90
    assert pooled.measured() == 5 and pooled.count[4] >= MIN_SPAN_ERRORS
    z = stations["川崎"]
    flat = np.full(6, z[-1])  # a point without trend: f = 0, the floor is s × sqrt(E[a²])
    floor = span_floor(z, flat, pooled)
    s = np.diff(z).std(ddof=1)
    np.testing.assert_allclose(floor[:5], s * np.sqrt(pooled.naive_sq[:5]))
    assert np.all(np.diff(floor) > 0)
    assert span_floor(z, flat, span_moments([z], 6)) is None  # 5 one-year spans: too few alone
    assert span_floor(z[:2], flat, span_moments([z[:2]], 6)) is None
