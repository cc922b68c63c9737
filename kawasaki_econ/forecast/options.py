"""The arguments of one :func:`~kawasaki_econ.forecast.attainment.attainment` call, checked
once and passed as one object (no re-threading of every parameter)."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from ..errors import ForecastError
from .distribution import DIRECTIONS

#: Default standard deviation of the log share in ``driver`` mode when the share rests on
#: fewer than three overlapping observations: 0.25 ≈ ±25 %, i.e. the 95 % range of the
#: share spans ×0.61 … ×1.63 of the observed share. It covers the typical uncertainty of a
#: rounded single figure ("約28万人"), of its basis (calendar vs fiscal year, guests vs
#: guest nights) and of a city's share of its prefecture drifting with hotel openings.
DEFAULT_SHARE_SD = 0.25
#: Default per-period standard deviation (log scale, ≈ 10 %) assumed by the naive random
#: walk when the series has a single observation.
DEFAULT_FALLBACK_SD = 0.10
#: Fewest simulated paths accepted (quantiles of fewer paths are too coarse).
MIN_SIMS = 100


def _finite_number(value, what: str, *, positive: bool = False) -> float:
    if isinstance(value, bool):
        raise ForecastError(f"{what} must be a number, not {value!r}")
    try:
        out = float(value)
    except (TypeError, ValueError) as exc:
        raise ForecastError(f"{what} must be a number, not {value!r}") from exc
    if not math.isfinite(out):
        raise ForecastError(f"{what} must be finite, not {value!r}")
    if positive and out <= 0:
        raise ForecastError(f"{what} must be positive, not {value!r}")
    return out


def _whole(value, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ForecastError(f"{what} must be a whole number, not {value!r}")
    if int(value) < minimum:
        raise ForecastError(f"{what} must be at least {minimum}, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class Request:
    """A checked attainment request (see ``attainment`` for the meaning of each field)."""

    target: float
    by: object
    direction: str = ">="
    as_of: object = None
    method: str = "auto"
    shock: dict | None = None
    n_sims: int = 10_000
    seed: int = 0
    freq: str | None = None
    share_sd: float | None = None
    share: float | None = None
    share_lookahead: bool = False
    lag: int | None = None
    driver_lag: int | None = None
    driver_freq: str | None = None
    fallback_sd: float = DEFAULT_FALLBACK_SD
    candidates: tuple | None = None
    name: str | None = None
    unit: str | None = None

    @classmethod
    def checked(cls, **kw) -> Request:
        """Validate every argument; bad input raises :class:`ForecastError` (never a
        numpy traceback)."""
        if kw.get("direction", ">=") not in DIRECTIONS:
            raise ForecastError(
                f"direction must be one of {DIRECTIONS}, not {kw.get('direction')!r}"
            )
        kw["target"] = _finite_number(kw["target"], "target")
        kw["n_sims"] = _whole(kw.get("n_sims", 10_000), "n_sims", MIN_SIMS)
        kw["seed"] = _whole(kw.get("seed", 0), "seed", 0)
        for key in ("lag", "driver_lag"):
            if kw.get(key) is not None:
                kw[key] = _whole(kw[key], key, 0)
        for key in ("share_sd", "share"):
            if kw.get(key) is not None:
                kw[key] = _finite_number(kw[key], key, positive=key == "share")
                if key == "share_sd" and kw[key] < 0:
                    raise ForecastError(f"share_sd must not be negative, not {kw[key]!r}")
        kw["fallback_sd"] = _finite_number(
            kw.get("fallback_sd", DEFAULT_FALLBACK_SD), "fallback_sd", positive=True
        )
        if kw.get("candidates") is not None:
            kw["candidates"] = tuple(kw["candidates"])
        if kw.get("shock") is not None and not isinstance(kw["shock"], dict):
            raise ForecastError(f"shock must be a dict {{period: change}}, not {kw['shock']!r}")
        return cls(**kw)
