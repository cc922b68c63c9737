"""The arguments of one :func:`~kawasaki_econ.forecast.attainment.attainment` call, checked
once and passed as one object (no re-threading of every parameter)."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields

from ..errors import ForecastError
from .distribution import DIRECTIONS
from .models import CANDIDATES
from .periods import MAX_MAGNITUDE
from .wording import note_text

#: Default standard deviation of the log share in ``driver`` mode when the share rests on
#: fewer than three overlapping observations: 0.25 ≈ ±25 %, i.e. the 95 % range of the
#: share spans ×0.61 … ×1.63 of the observed share. It covers the typical uncertainty of a
#: rounded single figure ("約28万人"), of its basis (calendar vs fiscal year, guests vs
#: guest nights) and of a city's share of its prefecture drifting with hotel openings.
DEFAULT_SHARE_SD = 0.25
#: Fewest observations of a series (without a driver) for a probability: two year-on-year
#: changes, the fewest from which the spread is measured rather than assumed. Below it
#: :func:`attainment` gives no probability (it raises :class:`TooFewObservations`, saying how
#: many more years or which driver are missing) unless ``scenario_sd`` is given: then the
#: result is a *scenario* with that assumed per-year spread, labelled as such everywhere.
MIN_OBSERVATIONS = 3


class TooFewObservations(ForecastError):
    """Too few observations for a probability (``n_obs``: how many there are)."""

    def __init__(self, message: str, n_obs: int = 0, *, ja: str | None = None):
        super().__init__(message, ja=ja)
        self.n_obs = n_obs
#: Fewest simulated paths accepted (quantiles of fewer paths are too coarse).
MIN_SIMS = 100


def finite_number(value, what: str, *, positive: bool = False) -> float:
    """``value`` as a finite float (``positive``: > 0), else ``ForecastError`` naming ``what``
    (an option name, or a :class:`~kawasaki_econ.forecast.wording.Note` for words)."""
    w = note_text(what, "ja")
    if isinstance(value, bool):
        raise ForecastError(f"{what} must be a number, not {value!r}",
                            ja=f"{w}は数値でなければならない（指定値 {value!r}）")
    try:
        out = float(value)
    except (TypeError, ValueError) as exc:
        raise ForecastError(f"{what} must be a number, not {value!r}",
                            ja=f"{w}は数値でなければならない（指定値 {value!r}）") from exc
    if not math.isfinite(out):
        raise ForecastError(f"{what} must be finite, not {value!r}",
                            ja=f"{w}は有限の値でなければならない（指定値 {value!r}）")
    if positive and out <= 0:
        raise ForecastError(f"{what} must be positive, not {value!r}",
                            ja=f"{w}は正の値でなければならない（指定値 {value!r}）")
    return out


def _whole(value, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ForecastError(f"{what} must be a whole number, not {value!r}",
                                ja=f"{what}は整数でなければならない（指定値 {value!r}）")
    if int(value) < minimum:
        raise ForecastError(f"{what} must be at least {minimum}, not {value!r}",
                            ja=f"{what}は{minimum}以上でなければならない（指定値 {value!r}）")
    return int(value)


@dataclass(frozen=True)
class Request:
    """A checked attainment request: the target and every option of
    :func:`~kawasaki_econ.forecast.attainment.attainment`, built by keyword
    (``Request.checked(target=…, by=…, n_sims=2000)``).

    ``target, by, direction``: see ``attainment``.
    ``as_of``: hindcast date — only periods published by then are used (a period counts as
    published ``lag`` months after it ends; ``'2018-03'`` means the start of March 2018;
    defaults in :data:`~kawasaki_econ.forecast.periods.DEFAULT_LAG`: 2 months for monthly,
    6 for annual data); later actuals are reported in ``hindcast``.
    ``method``: ``'auto'`` (backtest choice, preferring the combination) or one of
    :data:`~kawasaki_econ.forecast.models.CANDIDATES`.
    ``shock``: scenario ``{period: change}`` applied multiplicatively to the simulated paths
    of the listed periods only (``-0.85`` = −85 %, ``0.15`` = ×0.15, ``"-85%"``); an annual
    key on a monthly series applies to each month of that year.
    ``n_sims, seed``: simulated paths (a whole number ≥ :data:`MIN_SIMS`) and random seed.
    ``freq``: how integer years are read (``'fiscal'``, the default, or ``'calendar'``).
    ``share_sd, share, share_lookahead``: driver mode — log-sd of the share (override), an
    assumed share, and whether indicator observations published after ``as_of`` may be used
    for the share (a look-ahead, stated in the assumptions).
    ``lag, driver_lag, driver_freq``: publication lags in months (series, driver) and how the
    driver's integer years are read.
    ``scenario_sd``: with fewer than :data:`MIN_OBSERVATIONS` observations, the assumed
    per-period log-sd of a *scenario* (labelled as such) instead of refusing.
    ``candidates``: restrict the candidate models. ``name, unit``: labels for the summary
    and the figure; ``unit`` (and ``driver_unit``, the driver's) also sets the precision
    the result's tables print with (:mod:`~kawasaki_econ.forecast.display`).
    ``base``: base year of a relative target (``'FY2014'``); ``target`` is then a change in
    % over that year's value (``10`` = +10 %, more than −100), see
    :mod:`~kawasaki_econ.forecast.targets`.
    """

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
    scenario_sd: float | None = None
    candidates: tuple | None = None
    name: str | None = None
    unit: str | None = None
    driver_unit: str | None = None
    base: object = None

    @classmethod
    def checked(cls, **kw) -> Request:
        """Validate every argument; bad input raises :class:`ForecastError` (never a
        numpy traceback)."""
        unknown = sorted(set(kw) - {f.name for f in fields(cls)})
        if unknown:
            known = ", ".join(f.name for f in fields(cls))
            raise ForecastError(f"unknown option(s) {', '.join(unknown)}: known are {known}",
                                ja=f"不明なオプション {', '.join(unknown)}: 使えるのは {known}")
        if kw.get("direction", ">=") not in DIRECTIONS:
            raise ForecastError(
                f"direction must be one of {DIRECTIONS}, not {kw.get('direction')!r}",
                ja=f"direction は {DIRECTIONS} のいずれかでなければならない"
                   f"（指定値 {kw.get('direction')!r}）",
            )
        kw["target"] = finite_number(kw["target"], "target")
        if abs(kw["target"]) > MAX_MAGNITUDE:
            raise ForecastError(f"target {kw['target']:g} is beyond any city statistic "
                                f"(bound {MAX_MAGNITUDE:g}): check the number",
                                ja=f"目標 {kw['target']:g} は市の統計としてあり得ない大きさ"
                                   f"（上限 {MAX_MAGNITUDE:g}）: 数値を確認する")
        if kw.get("base") is not None and kw["target"] <= -100:
            raise ForecastError(f"a change of {kw['target']:g} % over the base year would "
                                "leave nothing: give a change above -100 %",
                                ja=f"基準年比 {kw['target']:g}% の変化では何も残らない: "
                                   "-100% より大きい変化を指定する")
        method = kw.get("method", "auto")
        if method != "auto" and method not in CANDIDATES:
            raise ForecastError(f"unknown method {method!r}: use 'auto' or one of "
                                f"{', '.join(CANDIDATES)}",
                                ja=f"不明な手法 {method!r}: 'auto' または "
                                   f"{', '.join(CANDIDATES)} のいずれかを使う")
        kw["n_sims"] = _whole(kw.get("n_sims", 10_000), "n_sims", MIN_SIMS)
        kw["seed"] = _whole(kw.get("seed", 0), "seed", 0)
        for key in ("lag", "driver_lag"):
            if kw.get(key) is not None:
                kw[key] = _whole(kw[key], key, 0)
        for key in ("share_sd", "share"):
            if kw.get(key) is not None:
                kw[key] = finite_number(kw[key], key, positive=key == "share")
                if key == "share_sd" and kw[key] < 0:
                    raise ForecastError(f"share_sd must not be negative, not {kw[key]!r}",
                                        ja=f"share_sd は負にできない（指定値 {kw[key]!r}）")
        if kw.get("scenario_sd") is not None:
            kw["scenario_sd"] = finite_number(kw["scenario_sd"], "scenario_sd", positive=True)
        if kw.get("candidates") is not None:
            kw["candidates"] = tuple(kw["candidates"])
            unknown = [c for c in kw["candidates"] if c not in CANDIDATES]
            if unknown:
                raise ForecastError(f"unknown candidate model(s) {unknown}: choose from "
                                    f"{', '.join(CANDIDATES)}",
                                    ja=f"不明な候補モデル {unknown}: "
                                       f"{', '.join(CANDIDATES)} から選ぶ")
        if kw.get("shock") is not None and not isinstance(kw["shock"], dict):
            raise ForecastError(f"shock must be a dict {{period: change}}, not {kw['shock']!r}",
                                ja=f"shock は dict {{期間: 変化}} でなければならない"
                                   f"（指定値 {kw['shock']!r}）")
        return cls(**kw)
