"""Predictive margins: a normal distribution on the working scale at every horizon.

Each model simulates deviations from its point forecast (``ModelForecast.dev``). Their own
tails are not trusted: compounded one-step errors, Student-t variance mixing and
multiplicative ETS simulation produce, on the log scale, a few paths so far out that the
*mean* of the original-scale paths can exceed the median a hundredfold (issue 9:
熊本県 2019-10 mean 4,988,871 against a median of 81,897).

What is kept of a model's simulation is

* its **spread** at each horizon, measured robustly from the central 80 % of its paths
  (:func:`robust_sd`: ``(q90 - q10) / (2 × 1.2816)``, the standard deviation a normal
  distribution with the same central 80 % range would have), and
* its **rank order** of the paths across horizons (:func:`normal_scores`), so that a path
  that is high in one month stays high in the next and annual sums of months keep the
  model's dependence.

The predictive distribution at horizon ``h`` is ``point(h) + factor(h) × robust_sd(h) × Z``
with ``Z`` standard normal (a Gaussian copula with normal margins), ``factor(h)`` being the
calibration of :mod:`~kawasaki_econ.forecast.backtest` fitted to the model's own
rolling-origin errors with these same margins. On the log scale this is a lognormal
distribution: its mean exceeds its median by ``exp(sd² / 2)``, which is bounded by the
spread itself instead of by a single extreme path. The spread is further bounded by what
the series has shown (:func:`growth_bound`).
"""

from __future__ import annotations

import numpy as np

MAD_TO_SD = 1.4826  # median absolute deviation → standard deviation of a normal
Z80 = 1.2815515655446004  # standard normal 90 % quantile: half-width of the central 80 %


def robust_sd(dev: np.ndarray) -> np.ndarray:
    """Per column (horizon): ``(q90 - q10) / (2 × Z80)`` of the simulated deviations."""
    q10, q90 = np.quantile(dev, [0.1, 0.9], axis=0)
    return (q90 - q10) / (2 * Z80)


def normal_quantile(p: np.ndarray) -> np.ndarray:
    """Standard normal quantile function (scipy's ``ndtri``)."""
    from scipy.special import ndtri

    return ndtri(p)


def normal_scores(dev: np.ndarray) -> np.ndarray:
    """Per column: the rank of each path turned into a standard normal score
    ``Φ⁻¹((rank + 0.5) / n)`` (ties broken by path order, so the scores of a column are
    always the same set: exactly normal margins, no extreme path beyond ±3.9 for 10,000
    paths)."""
    n = dev.shape[0]
    ranks = np.argsort(np.argsort(dev, axis=0, kind="stable"), axis=0, kind="stable")
    return normal_quantile((ranks + 0.5) / n)


#: Multiple of the series' own (seasonal) random-walk volatility allowed as a forecast
#: spread (:func:`growth_bound`).
GROWTH_BOUND_FACTOR = 1.0
#: Fewest seasonal changes (12-month changes of a monthly series, year-on-year changes of
#: an annual one) from which the volatility bound is estimated: a median absolute
#: deviation of a handful of changes is no measure of how volatile a series is.
MIN_CHANGES = 20
#: Ceiling of the spread on the log scale, whatever the history: a lognormal distribution's
#: mean exceeds its median by ``exp(sd² / 2)``, 1.5 at ``sd = sqrt(2 ln 1.5) ≈ 0.90`` —
#: a 95 % range of ×/÷ 5.9 around the median. Wider, a forecast says nothing more about
#: the level, and its mean (and any probability of an ambitious target) is carried by paths
#: no economy produces. It binds only where the history itself holds a collapse and
#: rebound (e.g. 2020–2022 inbound tourism), and the result says so.
MAX_LOG_SD = float(np.sqrt(2 * np.log(1.5)))


def growth_bound(z: np.ndarray, season: int, h: int, log: bool) -> np.ndarray:
    """Largest spread (working-scale sd) allowed at horizons ``1 … h``: what a random walk
    with drift would have if its steps varied as the series' own changes over one season
    do (12 months for monthly data, one year for annual data; gaps skipped) — their
    standard deviation, measured robustly (``MAD_TO_SD`` × the median absolute deviation
    from their median, so that one exceptional year such as an earthquake does not widen
    every future period; the steady growth itself is the point forecast's business) —
    times ``sqrt(k)``, ``k = ceil(h / season)`` the number of seasons ahead, times
    :data:`GROWTH_BOUND_FACTOR`; never above :data:`MAX_LOG_SD` on the log scale.
    ``inf`` (no data bound, only the ceiling) when fewer than :data:`MIN_CHANGES` such
    changes are observed — an annual series of 6–15 points has too few to say how volatile
    it is — or when they are all equal.
    """
    lag = max(season, 1)
    out = np.full(h, np.inf)
    if len(z) > lag:
        d = z[lag:] - z[:-lag]
        d = d[np.isfinite(d)]
        sd = (float(MAD_TO_SD * np.median(np.abs(d - np.median(d))))
              if d.size >= MIN_CHANGES else 0.0)
        if sd > 0:  # a constant history bounds nothing (the models' own floor applies)
            k = np.ceil(np.arange(1, h + 1) / lag)
            out = GROWTH_BOUND_FACTOR * sd * np.sqrt(k)
    return np.minimum(out, MAX_LOG_SD) if log else out
