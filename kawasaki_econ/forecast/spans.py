"""Spread over long annual horizons from what the series — and comparable series — showed
over h-year spans.

A model fitted to eight annual points has seen five or six one-year backtest errors and
one or two at five years: its calibrated spread (:mod:`~kawasaki_econ.forecast.calibration`)
says little about how far such a series moves in five to seven years. On the JR East
stations fitted to FY1999–FY2006 (bench set b-long8), the calibrated 95 % intervals covered
86 % of FY2007–FY2012 and only 73 % one year ahead.

The *span floor* is a lower bound on the forecast's spread at each horizon ``k`` (working
scale), measured from pseudo-forecasts made inside the fitted window of the series and of
comparable series (``peers``: e.g. the other stations, the other prefectures' values of the
same item, up to the same origin — never later data):

* at every inner origin ``t`` (at least :data:`MIN_TRAIN` observations before it) and every
  span ``k`` that still lies in the window, the change ``a = z[t+k] - z[t]`` (what a forecast
  without trend misses) and the change a full trend would predict, ``b = k × slope`` (slope
  from the first observation to ``z[t]``);
* each scaled by the series' own one-year volatility ``s`` (standard deviation of its
  year-on-year changes), so that series of different volatility can be pooled;
* pooled over the series: the means of ``a²``, ``a·b`` and ``b²`` per span (a span counts
  with at least :data:`MIN_SPAN_ERRORS` pseudo-forecasts).

The floor of a series at horizon ``k`` is ``s × sqrt(E[(a - f·b)²])``, ``f`` being the share
of its own trend the point forecast keeps at that horizon (0: none, as a naive forecast;
1: the full drift; between: damped or a combination — the backtest on the series' own
history chose the point, see :mod:`~kawasaki_econ.forecast.backtest`). So the floor is what
a forecast of the same kind would have missed over ``k``-year spans in the pool. Beyond the
longest span with enough pseudo-forecasts it grows as ``k ** p``, ``p`` fitted to the
measured spans and held within [0.5, 1] (a random walk's square root at least, a trend
error's proportional growth at most). Monthly series get no span floor (their backtests
cover 12–36 months; bench sets a and a-ref).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

#: Fewest observations before an inner origin (a slope needs two; three make it a trend).
MIN_TRAIN = 3
#: Fewest pooled pseudo-forecasts for a span length to be measured.
MIN_SPAN_ERRORS = 10
#: Range of the growth exponent beyond the measured spans.
MIN_GROWTH, MAX_GROWTH = 0.5, 1.0


@dataclass(frozen=True)
class SpanMoments:
    """Pooled scaled second moments per span length ``k = 1 … len``: ``naive_sq`` = E[a²],
    ``cross`` = E[a·b], ``trend_sq`` = E[b²] (``a``: change over the span, ``b``: the change
    the full trend predicted; both divided by the series' one-year volatility), ``count``:
    pseudo-forecasts behind each, ``n_series``: series pooled."""

    naive_sq: np.ndarray
    cross: np.ndarray
    trend_sq: np.ndarray
    count: np.ndarray
    n_series: int

    def measured(self) -> int:
        """Number of leading span lengths with at least :data:`MIN_SPAN_ERRORS` errors."""
        ok = self.count >= MIN_SPAN_ERRORS
        return int(np.argmin(ok)) if not ok.all() else int(ok.size)


def one_year_volatility(z: np.ndarray) -> float:
    """Standard deviation of the year-on-year changes (consecutive observations only);
    NaN with fewer than two changes or none that differ."""
    d = np.diff(np.asarray(z, dtype=float))
    d = d[np.isfinite(d)]
    if d.size < 2:
        return np.nan
    s = float(d.std(ddof=1))
    return s if s > 0 else np.nan


def _sums(z: np.ndarray, horizon: int) -> np.ndarray | None:
    """Sums of a², a·b, b² and the count per span length for one series (scaled)."""
    z = np.asarray(z, dtype=float)
    s = one_year_volatility(z)
    if not np.isfinite(s):
        return None
    out = np.zeros((4, horizon))
    pos = np.flatnonzero(np.isfinite(z))
    if pos.size == 0:
        return None
    first = pos[0]
    for t in pos:
        if np.sum(pos <= t) < MIN_TRAIN:
            continue
        slope = (z[t] - z[first]) / (t - first)
        for k in range(1, horizon + 1):
            if t + k >= z.size:
                break
            if not np.isfinite(z[t + k]):
                continue
            a = (z[t + k] - z[t]) / s
            b = k * slope / s
            out[:, k - 1] += (a * a, a * b, b * b, 1.0)
    return out


def span_moments(series: Iterable[np.ndarray], horizon: int) -> SpanMoments:
    """Pool the scaled span statistics of ``series`` (working-scale arrays, NaN = missing)
    for spans ``1 … horizon``."""
    total = np.zeros((4, horizon))
    n = 0
    for z in series:
        sums = _sums(z, horizon)
        if sums is not None:
            total += sums
            n += 1
    count = total[3]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total[:3] / np.where(count > 0, count, np.nan)
    return SpanMoments(mean[0], mean[1], mean[2], count, n)


def combine(a: SpanMoments, b: SpanMoments) -> SpanMoments:
    """Moments of two pools together (weighted by their counts)."""
    h = min(a.count.size, b.count.size)
    count = a.count[:h] + b.count[:h]

    def mix(x, y):
        xs = np.nan_to_num(x[:h]) * a.count[:h] + np.nan_to_num(y[:h]) * b.count[:h]
        with np.errstate(invalid="ignore", divide="ignore"):
            return xs / np.where(count > 0, count, np.nan)

    return SpanMoments(mix(a.naive_sq, b.naive_sq), mix(a.cross, b.cross),
                       mix(a.trend_sq, b.trend_sq), count, a.n_series + b.n_series)


def trend_share(z: np.ndarray, point: np.ndarray) -> np.ndarray:
    """Share of the series' own trend (first → last observation) the point forecast keeps
    at each horizon, in [0, 1] (0 when the series has no trend)."""
    pos = np.flatnonzero(np.isfinite(z))
    if pos.size < 2:
        return np.zeros(len(point))
    slope = (z[pos[-1]] - z[pos[0]]) / (pos[-1] - pos[0])
    steps = np.arange(1, len(point) + 1) + (len(z) - 1 - pos[-1])
    if slope == 0:
        return np.zeros(len(point))
    return np.clip((np.asarray(point) - z[pos[-1]]) / (steps * slope), 0.0, 1.0)


def span_floor(z: np.ndarray, point: np.ndarray, moments: SpanMoments) -> np.ndarray | None:
    """Lower bound of the spread at horizons ``1 … len(point)`` (working scale), or
    ``None`` when not one span length is measured or the series has no volatility."""
    h = len(point)
    s = one_year_volatility(z)
    m = moments.measured()
    if m == 0 or not np.isfinite(s):
        return None
    f = trend_share(z, point)
    k = np.arange(1, h + 1)
    km = np.minimum(k, m) - 1
    var = moments.naive_sq[km] - 2 * f * moments.cross[km] + f * f * moments.trend_sq[km]
    floor = s * np.sqrt(np.maximum(var, 0.0))
    if h > m:
        measured = s * np.sqrt(np.maximum(
            moments.naive_sq[:m] - 2 * f[m - 1] * moments.cross[:m]
            + f[m - 1] ** 2 * moments.trend_sq[:m], 1e-12))
        p = MIN_GROWTH
        if m >= 2 and np.all(measured > 0):
            p = float(np.polyfit(np.log(np.arange(1, m + 1)), np.log(measured), 1)[0])
        p = float(np.clip(p, MIN_GROWTH, MAX_GROWTH))
        beyond = k > m
        floor[beyond] = floor[beyond] * (k[beyond] / m) ** p
    return floor
