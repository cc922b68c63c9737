"""What a target means: a level in the indicator's unit, or a change over a base year.

* ``300000`` (or ``300_000``): a level, in the indicator's unit.
* ``"+40%"`` with ``base="FY2014"``: a change over the base year. The base value is the
  observation of that year (*observed*); the target level is ``base × 1.40`` and the result
  says how the target was read. A base year after the data is refused (the level would
  itself be a forecast; give an observed year).
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

from ..errors import ForecastError
from . import periods
from .options import finite_number

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
                "(e.g. 300000) or a change over a base year (e.g. +40% with --base FY2014)"
            ) from None
    number = finite_number(value, "the target")
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
            f"(April {year} – March {int(year) + 1}) or CY{year}, as in the KPI workbook"
        )
    period = periods.parse_period(text)
    if period.kind == periods.MONTH:
        raise ForecastError(f"{what} {text} is a month: an indicator target is a year "
                            f"(FY{period.year} or CY{period.year})")
    return period


def check_unit(target: TargetText, unit: str | None, stored_unit: str | None,
               indicator_id: str) -> None:
    """Refuse a target whose unit cannot be the indicator's, with how to enter it."""
    percent_indicator = str(unit or "").strip() in PERCENT_UNITS
    if target.relative and percent_indicator:
        raise ForecastError(
            f"{indicator_id} is itself a percentage: a target of {target.words()} could be "
            "percentage points or a relative change; give the level (e.g. --target 99)"
        )
    if not target.relative and stored_relative(stored_unit) and not percent_indicator:
        raise ForecastError(
            f"the target of {indicator_id} is a change ({stored_unit}), but {target.words()} "
            f"would be read in {unit}: enter a change over a base year as --target "
            f"+{target.value:g}% --base FY2014 (the base year's value × "
            f"{1 + target.value / 100:.2f}), or a level in {unit}"
        )


def base_level(history, base: periods.Period, target: TargetText) -> tuple[float, str]:
    """Level of a relative target from the observation of ``base`` in ``history`` (a
    :class:`~kawasaki_econ.forecast.periods.Timeline`) and the sentences (ja, en) saying
    how it was read. A fiscal base on a calendar-year series (or the reverse) reads the year of the
    other kind that starts in the same calendar year, and says so."""
    kind = history.kind
    ordinal = base.ordinal if kind != periods.MONTH else None
    if kind == periods.MONTH:
        raise ForecastError("a relative target needs an annual series (monthly base values "
                            "are not summed here); give the level")
    crossed = base.kind != kind
    value = (history.values[ordinal - history.start]
             if history.start <= ordinal <= history.end else math.nan)
    shown = str(periods.Period(kind, ordinal))
    if math.isnan(value):
        if ordinal > history.end:
            raise ForecastError(
                f"the base year {base} is after the last observation "
                f"({history.label(history.last_observed())}): a relative target needs an "
                "observed base; give an observed year or a level"
            )
        raise ForecastError(
            f"the base year {base} has no observation"
            + (f" ({shown} neither)" if crossed else "")
            + "; observed years: "
            + ", ".join(str(history.label(o)) for o, v in zip(history.ordinals, history.values,
                                                              strict=False) if v == v)
        )
    level = value * target.factor
    how_en = (f"target read as {target.words()} over {base}: observed base {value:,.0f}"
              + (f" (the {shown} figure: the indicator is counted by "
                 f"{'calendar' if kind == periods.CALENDAR else 'fiscal'} year)" if crossed else "")
              + f" → level {level:,.0f}")
    how_ja = (f"目標を{base}比 {target.words()} と読み、基準値は実績 {value:,.0f}"
              + (f"（暦年・年度の別により{shown}の値）" if crossed else "")
              + f"、目標水準 {level:,.0f}")
    return level, (how_ja, how_en)
