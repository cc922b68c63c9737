"""What a target means: a level in the indicator's unit, or a change over a base year.

* ``300000`` (or ``300_000``): a level, in the indicator's unit.
* ``"+40%"`` with ``base="FY2014"``: a change over the base year. The base value is the
  observation of that year (*observed base*: the target level is ``base × 1.40``), or, for
  a base year after the last observation, the value of that year on the same simulated
  paths (*estimated base*: the probability is counted path by path,
  ``P[value at by ≥ 1.40 × value at base]``, and the result reports the base's and the
  level's distribution). The result says which (:class:`RelativeTarget`). A base year
  before the first observation or in a gap of the data is refused: a missing year is
  never filled in.
* A % target on an indicator that is itself a percentage is refused (percentage points or
  a relative change? give the level). A bare number for an indicator whose stored target is
  a relative change (``% increase over 10 years``) is refused with the way to enter it.

Years (:func:`indicator_period`): the command line and :func:`forecast_indicator` name a
year with its kind — ``FY2027`` / ``2027年度`` (April 2027 – March 2028) or ``CY2027`` /
``2027年`` — and refuse a bare ``2027`` as ambiguous, as the KPI workbook's year headers do
(``kpi/rules.parse_fiscal_year``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ..errors import ForecastError
from ..lang import tr
from . import periods
from .distribution import summarise
from .options import finite_number
from .units import unit_label
from .wording import Note

_RELATIVE = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*[%％]\s*$")
#: The unit of a stored relative target: ``% vs FY2014`` (base year given) or any other
#: text with ``%`` and "increase" / "vs" (no base: a base year must be given).
_STORED_RELATIVE = re.compile(r"[%％].*(?:vs|over|increase|比)", re.IGNORECASE)
_STORED_BASE = re.compile(r"(?:FY|CY)\s*\d{4}")
#: Unit names that are counts (a count cannot reach a negative target).
PERCENT_UNITS = ("%", "percent")


@dataclass(frozen=True)
class TargetText:
    """A target as entered: ``value`` is a level, or with ``relative`` a change in %."""

    value: float
    relative: bool = False

    @property
    def factor(self) -> float:
        """Multiplier of the base value (relative targets)."""
        return 1.0 + self.value / 100.0

    def words(self) -> str:
        return f"{self.value:+g} %" if self.relative else f"{self.value:,.0f}"


def read_target(value) -> TargetText:
    """``300000``, ``"300,000"`` → a level; ``"+40%"`` / ``"40%"`` → a change in %."""
    if isinstance(value, str):
        if m := _RELATIVE.match(value):
            return TargetText(float(m.group(1)), True)
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            raise ForecastError(
                f"cannot read the target {value!r}: give a level in the indicator's unit "
                "(e.g. 300000) or a change over a base year (e.g. +40% with --base FY2014)",
                ja=f"目標 {value!r} を読めない: 指標の単位での水準（例: 300000）か、基準年からの"
                   "変化（例: +40% と --base FY2014）を指定する",
            ) from None
    number = finite_number(value, Note("the target", "目標"))
    return TargetText(number)


def stored_relative(unit: object) -> bool:
    """Is a stored target unit a relative change (``% increase over 10 years``)?"""
    return isinstance(unit, str) and bool(_STORED_RELATIVE.search(unit))


def stored_base(unit: object) -> str | None:
    """The base year written in a stored relative unit (``% vs FY2014`` → ``FY2014``)."""
    if not isinstance(unit, str):
        return None
    m = _STORED_BASE.search(unit)
    return m.group(0).replace(" ", "") if m else None


def indicator_period(value, what: str = "--by") -> periods.Period:
    """A year of an indicator target: ``FY2027``, ``2027年度``, ``CY2027`` or ``2027年``;
    a bare year is refused as ambiguous (the workbook's rule)."""
    if isinstance(value, periods.Period):
        return value
    text = str(value).strip()
    if isinstance(value, (int, float)) or re.fullmatch(r"\d{4}", text):
        year = text[:4]
        raise ForecastError(
            f"{what} {text} is ambiguous (fiscal or calendar year?): write FY{year} "
            f"(April {year} – March {int(year) + 1}) or CY{year}, as in the KPI workbook",
            ja=f"{what} {text} は年度か暦年かが曖昧: KPIワークブックと同じく FY{year}"
               f"（{year}年4月〜{int(year) + 1}年3月）か CY{year} と書く",
        )
    period = periods.parse_period(text)
    if period.kind == periods.MONTH:
        raise ForecastError(f"{what} {text} is a month: an indicator target is a year "
                            f"(FY{period.year} or CY{period.year})",
                            ja=f"{what} {text} は月: 指標の目標は年で指定する"
                               f"（FY{period.year} か CY{period.year}）")
    return period


def check_unit(target: TargetText, unit: str | None, stored_unit: str | None,
               indicator_id: str) -> None:
    """Refuse a target whose unit cannot be the indicator's, with how to enter it."""
    percent_indicator = str(unit or "").strip() in PERCENT_UNITS
    if target.relative and percent_indicator:
        raise ForecastError(
            f"{indicator_id} is itself a percentage: a target of {target.words()} could be "
            "percentage points or a relative change; give the level (e.g. --target 99)",
            ja=f"{indicator_id} はそれ自体が割合（%）の指標: {target.words()} という目標は"
               "ポイント差とも相対的な変化とも読めるため、水準で指定する（例: --target 99）",
        )
    if not target.relative and stored_relative(stored_unit) and not percent_indicator:
        unit_ja = unit_label(unit, "ja") or str(unit)
        raise ForecastError(
            f"the target of {indicator_id} is a change ({stored_unit}), but {target.words()} "
            f"would be read in {unit}: enter a change over a base year as --target "
            f"+{target.value:g}% --base FY2014 (the base year's value × "
            f"{1 + target.value / 100:.2f}), or a level in {unit}",
            ja=f"{indicator_id} の目標は変化（{stored_unit}）だが、{target.words()} は"
               f"水準（単位: {unit_ja}）として読まれる: 基準年からの変化は --target "
               f"+{target.value:g}% --base FY2014（基準年の値 × "
               f"{1 + target.value / 100:.2f}）と入力し、水準なら{unit_ja}単位で入力する",
        )


def base_period(history, base: periods.Period) -> tuple[periods.Period, float | None]:
    """The base year of a relative target as read on ``history`` (a
    :class:`~kawasaki_econ.forecast.periods.Timeline` of annual values) and its observed
    value, or ``None`` when the base year is after the last observation (its value is then
    *estimated*: forecast on the same simulated paths as the target year).

    A fiscal base on a calendar-year series (or the reverse) is read as the year of the
    series' kind that starts in the same calendar year. A base year before the first
    observation or in a gap of the data is refused: a missing year is never filled in.
    """
    kind = history.kind
    if kind == periods.MONTH:
        raise ForecastError("a relative target needs an annual series (monthly base values "
                            "are not summed here); give the level",
                            ja="基準年比の目標には年単位の系列が必要（月次の基準値はここでは"
                               "合計しない）: 水準で指定する")
    read = periods.Period(kind, base.ordinal)
    observed = [f"{periods.Period(kind, int(o))}" for o, v in
                zip(history.ordinals, history.values, strict=False) if v == v]
    first, last = history.ordinals[0], history.last_observed()
    if read.ordinal > last:
        return read, None
    value = (history.values[read.ordinal - history.start]
             if history.start <= read.ordinal <= history.end else math.nan)
    if not math.isnan(value):
        return read, float(value)
    crossed = read.kind != base.kind
    shown = f"{base}" + (f" ({read})" if crossed else "")
    shown_ja = base.ja() + (f"（{read.ja()}として読む）" if crossed else "")
    before = read.ordinal < first
    where = "before the first observation" if before else "in a gap of the data"
    where_ja = "最初の観測より前" if before else "データの欠けた年"
    raise ForecastError(
        f"the base year {shown} is {where}: there is no data for that year and a missing "
        f"year is not filled in, so give an observed base year ({', '.join(observed)}) or "
        "a level",
        ja=f"基準年の{shown_ja}は{where_ja}: その年のデータはなく、欠けた年は補わないため、"
           f"観測のある基準年（{'、'.join(observed)}）か水準を指定する",
    )


@dataclass(frozen=True)
class RelativeTarget:
    """A change over a base year turned into a level.

    ``change``: the change in % (``+10`` = +10 %); ``base``: the base year as asked;
    ``read_as``: the same year on the series (``CY2014`` for ``FY2014`` on a calendar-year
    series); ``basis``: ``'observed'`` (the base year's observation) or ``'estimated'``
    (the base year is after the last observation, ``last``: its value is forecast on the
    same simulated paths as the target year, and the probability is counted path by path,
    ``value at by ≥ (1 + change) × value at base`` of the same path); ``base_value`` and
    ``level``: distribution of the base value and of the target level (keys of
    :func:`~kawasaki_econ.forecast.distribution.summarise`; all equal when observed).
    """

    change: float
    base: str
    read_as: str
    basis: str
    base_value: dict
    level: dict
    last: str | None = None
    driver: bool = False  # estimated as share × driver on the same paths

    @property
    def factor(self) -> float:
        return 1.0 + self.change / 100.0

    def words(self, lang: str) -> str:
        """How the target was read, in ``lang`` (one sentence)."""
        change = f"{self.change:+g} %"
        crossed = self.read_as != self.base
        b, lv = self.base_value, self.level
        if self.basis == "observed":
            kind_en = "calendar" if self.read_as.startswith("CY") else "fiscal"
            return tr(
                f"目標を{self.base}比 {change} と読み、実績の基準値 {b['median']:,.0f}"
                + (f"（暦年・年度の別により{self.read_as}の値）" if crossed else "")
                + f"、目標水準 {lv['median']:,.0f}",
                f"target read as {change} over {self.base}: observed base {b['median']:,.0f}"
                + (f" (the {self.read_as} figure: the indicator is counted by {kind_en} year)"
                   if crossed else "")
                + f" → level {lv['median']:,.0f}", lang)
        paths_ja = "説明系列×比率による" if self.driver else ""
        paths_en = "share × driver paths" if self.driver else "simulated paths"
        return tr(
            f"目標を{self.base}比 {change} と読む。{self.read_as}は最後の実績（{self.last}）より後の"
            f"ため、推計した基準値（同じシミュレーション経路上の{paths_ja}{self.read_as}の値）: 中央値 "
            f"{b['median']:,.0f}、95%区間 {b['lo95']:,.0f}〜{b['hi95']:,.0f}。目標水準は中央値 "
            f"{lv['median']:,.0f}、95%区間 {lv['lo95']:,.0f}〜{lv['hi95']:,.0f}。確率は経路ごとに、"
            f"目標年の値が同じ経路の基準値の{self.factor:.2f}倍に届くかを数えたもの",
            f"target read as {change} over {self.base}: estimated base ({self.read_as} is after "
            f"the last observation, {self.last}, so its value is forecast on the same "
            f"{paths_en}): median {b['median']:,.0f}, 95 % {b['lo95']:,.0f} – {b['hi95']:,.0f}; "
            f"target level median {lv['median']:,.0f}, 95 % {lv['lo95']:,.0f} – "
            f"{lv['hi95']:,.0f}; the probability counts the paths whose target-year value "
            f"meets {self.factor:.2f} × the same path's base value", lang)

    def to_dict(self) -> dict:
        return {"change_pct": self.change, "base": self.base, "read_as": self.read_as,
                "basis": self.basis, "base_value": dict(self.base_value),
                "level": dict(self.level), "last_observation": self.last}


def resolve_base(history, base, freq: str | None,
                 by: periods.Period) -> tuple[periods.Period, periods.Period, float | None]:
    """A relative target's base year ``base`` (``'FY2014'``) as asked, as read on
    ``history`` (see :func:`base_period`) and its observed value (``None``: estimated).
    The target year ``by`` must come after the base year."""
    asked = periods.parse_period(base, freq, default_kind=history.kind)
    if asked.kind == periods.MONTH:
        raise ForecastError(f"the base {base} is a month: the base of a relative target is a "
                            f"year (FY{asked.year} or CY{asked.year})",
                            ja=f"基準 {base} は月: 基準年比の目標の基準は年で指定する"
                               f"（FY{asked.year} か CY{asked.year}）")
    read, observed = base_period(history, asked)
    if by.kind != periods.MONTH and by.ordinal <= asked.ordinal:
        raise ForecastError(f"the target year {by} is not after the base year {asked}: a "
                            "change over a base year is measured at a later year",
                            ja=f"目標年の{by.ja()}が基準年の{asked.ja()}より後ではない: "
                               "基準年からの変化はそれより後の年で測る")
    return asked, read, observed


def relative_target(change: float, asked: periods.Period, read: periods.Period,
                    observed: float | None, base_draws, history, *,
                    driver: bool = False) -> RelativeTarget:
    """The :class:`RelativeTarget` of a change of ``change`` % over ``asked``: from its
    ``observed`` value, or (``observed`` is ``None``) from the draws of the base year on
    the simulated paths (``base_draws``; ``driver``: share × driver paths)."""
    factor = 1.0 + change / 100.0
    if observed is not None:
        base_draws = np.full(1, observed)
    elif base_draws is None:
        raise ForecastError(f"the base year {asked} is not on the simulated paths: give an "
                            "observed base year or a level",
                            ja=f"基準年の{asked.ja()}はシミュレーションの経路上にない: "
                               "観測のある基準年か水準を指定する")
    last = str(periods.Period(history.kind, history.last_observed()))
    return RelativeTarget(
        change=change, base=str(asked), read_as=str(read),
        basis="observed" if observed is not None else "estimated",
        base_value=summarise(base_draws), level=summarise(factor * base_draws), last=last,
        driver=driver and observed is None,
    )


def relative_levels(change: float, base: tuple, base_draws, history, *,
                    driver: bool = False) -> tuple[RelativeTarget, np.ndarray | None, float]:
    """A change of ``change`` % over ``base`` (``(asked, read, observed)`` from
    :func:`resolve_base`) as ``(relative, threshold, level)``: the :class:`RelativeTarget`,
    the per-path target levels an estimated base gives (``None`` for an observed base) and
    the median target level (the level the growth line and verdict notes use)."""
    asked, read, observed = base
    relative = relative_target(change, asked, read, observed, base_draws, history, driver=driver)
    threshold = None if observed is not None else relative.factor * base_draws
    return relative, threshold, relative.level["median"]
