"""What every forecasting model shares: the forecast type, the function protocol, the
minimum lengths, the contiguous segment rule, the memory of estimates and the simulation
helpers (see :mod:`kawasaki_econ.forecast.models` for the models themselves)."""

from __future__ import annotations

import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


class ModelUnavailable(Exception):
    """The model cannot be fitted to this series (the message says why)."""


@dataclass
class ModelForecast:
    """Forecast of one model on the working scale.

    ``point``: shape ``(h,)``; ``dev``: simulated deviations from ``point``, shape
    ``(n_sims, h)``; ``params``: fitted parameters (plain floats / strings);
    ``n_used``: observations the model was fitted on.
    """

    name: str
    point: np.ndarray
    dev: np.ndarray
    params: dict = field(default_factory=dict)
    n_used: int = 0
    note: str = ""
    df: float = np.inf  # residual degrees of freedom (for the variance-uncertainty mixing)

    def sd(self) -> np.ndarray:
        """Standard deviation of the simulated paths by horizon (working scale)."""
        return self.dev.std(axis=0)


def ets_parameters(damped: bool) -> int:
    """Parameters a non-seasonal ETS model estimates: the smoothing weight and the initial
    level (2), plus the trend's smoothing weight, the damping factor and the initial slope
    with a damped trend (5)."""
    return 5 if damped else 2


def min_obs(name: str, season: int) -> int:
    """Minimum number of observations (in the segment the model uses) to fit ``name``.

    Annual ETS: the parameters it estimates (:func:`ets_parameters`) plus two, so that the
    fit leaves at least two residual degrees of freedom — the fewest that
    :func:`variance_mixing` represents (it floors ``df`` at 2: a fit with fewer would have
    its variance uncertainty understated): 4 for ``ses`` (no trend), 7 for ``ets`` (damped
    trend). No other length rule decides how much trend a forecast keeps: the rolling-origin
    backtest compares the forms wherever they are fitted. Monthly ETS: three full years (the
    seasonal initial states need whole cycles)."""
    seasonal = season > 1
    return {
        "naive": 1,
        "snaive": 2 * season if seasonal else 10**9,
        "drift": 3,
        "trend": (season + 12) if seasonal else 4,
        "ses": 3 * season if seasonal else ets_parameters(False) + 2,
        "ets": 3 * season if seasonal else ets_parameters(True) + 2,
        "theta": 2 * season + 4 if seasonal else 5,
        "arima": 2 * season + 14 if seasonal else 6,
        "combination": 2 * season + 14 if seasonal else 6,
    }[name]


def tail_segment(z: np.ndarray) -> np.ndarray:
    """The contiguous segment after the last missing value (never filled)."""
    missing = np.flatnonzero(np.isnan(z))
    return z[missing[-1] + 1 :] if missing.size else z


#: Estimates kept for reuse (:func:`memoized`), most recently used last.
_ESTIMATES: OrderedDict = OrderedDict()
_ESTIMATES_LOCK = threading.Lock()
#: How many estimates are kept: enough for every candidate at every rolling origin of a
#: few series (a backtest refits the same data prefixes that the series' other origins,
#: its final fit or another horizon fit again).
ESTIMATE_MEMORY = 512


def memoized(kind: str, data: np.ndarray, options: Hashable, estimate: Callable):
    """``estimate()`` — the deterministic, expensive part of a model fit (parameter
    estimation) — computed once per ``kind``, exact ``data`` bytes and ``options``, and
    returned again when the same fit is asked for: the rolling-origin backtest of a series
    refits the data prefixes that its final fit, its other horizons and its neighbouring
    origins also fit. Only estimates are kept, never random draws: a model simulates its
    paths from the caller's generator every time, so the forecasts are exactly those of a
    fresh fit. The caller must treat the returned object as read-only. Errors are not
    kept (raised again by the next call)."""
    arr = np.ascontiguousarray(data)
    key = (kind, arr.dtype.str, arr.shape, arr.tobytes(), options)
    with _ESTIMATES_LOCK:
        if key in _ESTIMATES:
            _ESTIMATES.move_to_end(key)
            return _ESTIMATES[key]
    value = estimate()
    with _ESTIMATES_LOCK:
        _ESTIMATES[key] = value
        while len(_ESTIMATES) > ESTIMATE_MEMORY:
            _ESTIMATES.popitem(last=False)
    return value


def estimates_kept() -> int:
    """How many estimates :func:`memoized` holds."""
    return len(_ESTIMATES)


def forget_estimates() -> None:
    """Empty the memory of :func:`memoized` (every later fit estimates afresh)."""
    with _ESTIMATES_LOCK:
        _ESTIMATES.clear()


def quiet(func: Callable, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            return func(*args, **kwargs)


def finite_forecast(point: np.ndarray, dev: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    point = np.asarray(point, dtype=float)
    dev = np.asarray(dev, dtype=float)
    if not np.all(np.isfinite(point)):
        raise ModelUnavailable(f"{name}: non-finite forecast")
    bad = ~np.isfinite(dev)
    if bad.any():
        dev = np.where(bad, 0.0, dev)
    return point, dev


class ModelFunction(Protocol):
    """A candidate model: fit the working-scale array ``z`` (NaN = missing period) of a
    series with ``season`` periods per year and simulate ``n_sims`` deviations ``h`` periods
    ahead. Model-specific options come as keywords (``log``: the working scale is the log
    of the series; ``fallback_sd``; ``members`` / ``weights`` for the combination); a model
    ignores the options it has no use for. Raises :class:`ModelUnavailable` when the model
    cannot be fitted to this series."""

    def __call__(self, z: np.ndarray, season: int, h: int, n_sims: int,
                 rng: np.random.Generator, **options) -> ModelForecast: ...


def pairs(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Differences between consecutive observations and their spacing (in periods)."""
    pos = np.flatnonzero(~np.isnan(z))
    return np.diff(z[pos]), np.diff(pos).astype(float)


def random_walk(sigma: float, h: int, n: int, rng: np.random.Generator) -> np.ndarray:
    return np.cumsum(rng.normal(0.0, sigma, size=(n, h)), axis=1)


def variance_mixing(df: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """Per-path factors ``sqrt(df / chi2(df))``: each simulated path gets its own draw of the
    innovation scale, so that the paths reflect the uncertainty of an error variance
    estimated from ``df`` residual degrees of freedom (marginally Student-t instead of
    normal). ``df`` is floored at 2."""
    df = max(2.0, float(df))
    return np.sqrt(df / rng.chisquare(df, size=n))
