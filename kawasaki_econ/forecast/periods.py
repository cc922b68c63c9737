"""Period handling for forecasts: index parsing, labels, fiscal/calendar years, publication lag.

Conventions
-----------
* Fiscal year (年度): ``FY2016`` = April 2016 – March 2017. A fiscal year is labelled by the
  calendar year in which it *starts*. (pandas' ``Period('2017', 'Y-MAR')`` covers the same
  twelve months; it is read as FY2016.)
* Calendar year (暦年): January – December.
* Month: ``'YYYY-MM'``.

Internally a period is an integer *ordinal*: ``year * 12 + month - 1`` for months and the
(fiscal or calendar) year number for annual data. A series becomes a regular array from
its first to its last period with ``NaN`` where a period is missing: missing periods are
kept missing, never filled.

Accepted index types: integers (fiscal years by default, ``freq="calendar"`` for calendar
years), ``'FY2021'`` / ``'CY2021'`` / ``'2021'`` strings, ``'YYYY-MM'`` strings, a pandas
``PeriodIndex`` (annual ``Y-DEC`` = calendar, ``Y-MAR`` = fiscal, or monthly) and a
``DatetimeIndex`` of monthly dates (one value per month).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ForecastError

MONTH = "month"
FISCAL = "fiscal"
CALENDAR = "calendar"

#: Default publication lag in months (a period is usable ``lag`` months after it ends).
#: Monthly 観光庁 guest nights: the second preliminary figures (第2次速報) appear about two
#: months after the month; annual series: six months after the year ends (e.g. a fiscal
#: year ending in March is in the next autumn's reports).
DEFAULT_LAG = {MONTH: 2, FISCAL: 6, CALENDAR: 6}
#: The kinds of period in Japanese (``年度ベース``, ``暦年ベース``, ``月次ベース``).
KIND_JA = {MONTH: "月次", FISCAL: "年度", CALENDAR: "暦年"}
#: Largest magnitude accepted in a series: beyond any city statistic in any unit (the KPI
#: workbook's bound, ``kpi.rules.MAX_MAGNITUDE``; Japan's GDP is about 6 × 10^14 yen).
MAX_MAGNITUDE = 1e15

_FY = re.compile(r"^\s*(?:FY|fy|ＦＹ)\s*(\d{4})\s*(?:年度)?\s*$")
_CY = re.compile(r"^\s*(?:CY|cy)\s*(\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*(年度|年)?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})[-/年](\d{1,2})月?\s*$")


@dataclass(frozen=True)
class Period:
    """A parsed period: ``kind`` in {'month', 'fiscal', 'calendar'} and its ordinal."""

    kind: str
    ordinal: int

    @property
    def year(self) -> int:
        return self.ordinal // 12 if self.kind == MONTH else self.ordinal

    @property
    def month(self) -> int | None:
        return self.ordinal % 12 + 1 if self.kind == MONTH else None

    def months(self) -> tuple[int, int]:
        """First and last month ordinals covered (inclusive)."""
        if self.kind == MONTH:
            return self.ordinal, self.ordinal
        start = self.ordinal * 12 + (3 if self.kind == FISCAL else 0)
        return start, start + 11

    def end_month(self) -> int:
        return self.months()[1]

    def __str__(self) -> str:  # canonical text
        if self.kind == MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"FY{self.ordinal}" if self.kind == FISCAL else f"CY{self.ordinal}"

    def ja(self) -> str:
        """The period in Japanese prose: ``2027年度`` (FY2027), ``2027年`` (CY2027) or
        ``2027年4月``."""
        if self.kind == MONTH:
            return f"{self.year}年{self.month}月"
        return f"{self.ordinal}年度" if self.kind == FISCAL else f"{self.ordinal}年"


def month_ordinal(year: int, month: int) -> int:
    return int(year) * 12 + int(month) - 1


def month_label(ordinal: int) -> str:
    return f"{ordinal // 12:04d}-{ordinal % 12 + 1:02d}"


def period_kind(freq: str | None) -> str:
    """The kind of period (:data:`FISCAL`, :data:`CALENDAR` or :data:`MONTH`) that ``freq``
    names: ``'fiscal'``, ``'FY'``, ``'fiscal_year'`` (the ``period_type`` of the tables),
    ``'calendar_year'``, ``'month'``…; ``None`` is fiscal."""
    if freq in (None, FISCAL, "fy", "FY", "fiscal_year"):
        return FISCAL
    if freq in (CALENDAR, "cy", "CY", "calendar_year", "year"):
        return CALENDAR
    if freq in (MONTH, "M", "monthly"):
        return MONTH
    raise ForecastError(f"freq must be 'fiscal', 'calendar' or 'month', not {freq!r}",
                        ja=f"freq には 'fiscal'、'calendar'、'month' のいずれかを指定する"
                           f"（{freq!r} は使えない）")


def parse_period(value, freq: str | None = None, *, default_kind: str | None = None) -> Period:
    """Parse one period label.

    ``'FY2021'`` → fiscal year 2021; ``'CY2021'`` → calendar year; ``'2021-03'`` or a monthly
    ``pandas.Period`` / ``Timestamp`` → month; an integer or ``'2021'`` → a fiscal year unless
    ``freq='calendar'`` (or ``default_kind``) says otherwise; ``pandas.Period('2021', 'Y')``
    → calendar year 2021, ``Period('2022', 'Y-MAR')`` → FY2021.
    """
    if isinstance(value, Period):
        return value
    annual = period_kind(freq) if freq is not None else (default_kind or FISCAL)
    if annual == MONTH:
        annual = FISCAL
    if isinstance(value, pd.Period):
        code = value.freqstr.upper()
        if code.startswith("M"):
            return Period(MONTH, month_ordinal(value.year, value.month))
        if code.startswith(("Y", "A")):
            if code.endswith("MAR"):
                return Period(FISCAL, value.year - 1)
            if code in ("Y", "A", "Y-DEC", "A-DEC", "YE-DEC"):
                return Period(CALENDAR, value.year)
        raise ForecastError(f"unsupported pandas Period frequency {value.freqstr!r}",
                            ja=f"pandas の Period の頻度 {value.freqstr!r} には対応していない")
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        ts = pd.Timestamp(value)
        return Period(MONTH, month_ordinal(ts.year, ts.month))
    if isinstance(value, (bool, np.bool_)):
        raise ForecastError(f"cannot read {value!r} as a period",
                            ja=f"{value!r} を期間として読めない")
    if isinstance(value, (int, np.integer)):
        return Period(annual, int(value))
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return Period(annual, int(value))
    if isinstance(value, str):
        if m := _FY.match(value):
            return Period(FISCAL, int(m.group(1)))
        if m := _CY.match(value):
            return Period(CALENDAR, int(m.group(1)))
        if m := _MONTH.match(value):
            month = int(m.group(2))
            if not 1 <= month <= 12:
                raise ForecastError(f"month out of range in {value!r}",
                                    ja=f"{value!r} の月が範囲外")
            return Period(MONTH, month_ordinal(int(m.group(1)), month))
        if m := _YEAR.match(value):
            if m.group(2) == "年度":
                return Period(FISCAL, int(m.group(1)))
            if m.group(2) == "年":
                return Period(CALENDAR, int(m.group(1)))
            return Period(annual, int(m.group(1)))
    raise ForecastError(
        f"cannot read {value!r} as a period (use 'FY2021', an integer year, 'YYYY-MM' or a "
        "pandas Period)",
        ja=f"{value!r} を期間として読めない（'FY2021'、整数の年、'YYYY-MM' または pandas の "
           "Period を使う）",
    )


@dataclass
class Timeline:
    """A regular series: ``values`` (float, NaN = missing) from ordinal ``start``.

    ``kind`` is 'month', 'fiscal' or 'calendar'; ``style`` remembers how the input was
    labelled so that forecast periods can be labelled the same way.
    """

    kind: str
    start: int
    values: np.ndarray
    style: str
    pandas_freq: str | None = None

    @property
    def season(self) -> int:
        return 12 if self.kind == MONTH else 1

    @property
    def ordinals(self) -> np.ndarray:
        return np.arange(self.start, self.start + len(self.values))

    @property
    def end(self) -> int:
        return self.start + len(self.values) - 1

    def last_observed(self) -> int:
        ok = np.flatnonzero(~np.isnan(self.values))
        if not ok.size:
            raise ForecastError("the series has no observation", ja="系列に観測がない")
        return self.start + int(ok[-1])

    def n_obs(self) -> int:
        return int(np.sum(~np.isnan(self.values)))

    def trimmed(self) -> Timeline:
        """Drop leading/trailing missing periods (interior gaps stay)."""
        ok = np.flatnonzero(~np.isnan(self.values))
        if not ok.size:
            return Timeline(self.kind, self.start, self.values[:0], self.style, self.pandas_freq)
        return Timeline(
            self.kind,
            self.start + int(ok[0]),
            self.values[ok[0] : ok[-1] + 1],
            self.style,
            self.pandas_freq,
        )

    def until(self, last_ordinal: int) -> Timeline:
        """Only the periods up to and including ``last_ordinal``."""
        keep = max(0, min(len(self.values), last_ordinal - self.start + 1))
        return Timeline(
            self.kind, self.start, self.values[:keep], self.style, self.pandas_freq
        ).trimmed()

    def label(self, ordinal: int):
        """Label of ``ordinal`` in the input's style."""
        return make_label(self.kind, int(ordinal), self.style, self.pandas_freq)

    def period(self, ordinal: int) -> Period:
        return Period(self.kind, int(ordinal))

    def to_series(self) -> pd.Series:
        return pd.Series(self.values, index=[self.label(o) for o in self.ordinals], dtype=float)


def make_label(kind: str, ordinal: int, style: str, pandas_freq: str | None = None):
    if style == "period":
        if kind == MONTH:
            return pd.Period(month_label(ordinal), freq="M")
        if kind == FISCAL:
            return pd.Period(str(ordinal + 1), freq=pandas_freq or "Y-MAR")
        return pd.Period(str(ordinal), freq=pandas_freq or "Y-DEC")
    if style == "timestamp":
        return pd.Timestamp(ordinal // 12, ordinal % 12 + 1, 1)
    if kind == MONTH:
        return month_label(ordinal)
    if style == "int":
        return int(ordinal)
    if style == "year_str":
        return f"{ordinal}"
    if style == "fy_str":
        return f"FY{ordinal}"
    if style == "cy_str":
        return f"CY{ordinal}"
    return str(Period(kind, ordinal))


def _style_of(first, kind: str) -> str:
    if isinstance(first, pd.Period):
        return "period"
    if isinstance(first, (pd.Timestamp, np.datetime64)):
        return "timestamp"
    if isinstance(first, (int, np.integer, float, np.floating)):
        return "int"
    if isinstance(first, str):
        if kind == MONTH:
            return "month_str"
        if _FY.match(first):
            return "fy_str"
        if _CY.match(first):
            return "cy_str"
        return "year_str"
    return "canonical"


def to_timeline(series, freq: str | None = None) -> Timeline:
    """Read a pandas Series (or dict) into a regular :class:`Timeline`.

    Values must be finite numbers; ``NaN`` marks a missing period (``inf`` is refused). Missing periods between the first
    and last labelled period stay ``NaN``. Duplicated periods raise :class:`ForecastError`.
    """
    if isinstance(series, dict):
        series = pd.Series(series)
    if not isinstance(series, pd.Series):
        raise ForecastError(f"series must be a pandas Series, not {type(series).__name__}",
                            ja="series は pandas の Series でなければならない（渡されたのは "
                               f"{type(series).__name__}）")
    if len(series) == 0:
        raise ForecastError("the series is empty: no observation to forecast from",
                            ja="系列が空: 予測のもとになる観測がない")
    try:
        values = pd.to_numeric(series, errors="raise").astype(float).to_numpy()
    except (TypeError, ValueError) as exc:
        raise ForecastError(f"series values must be numeric: {exc}",
                            ja=f"系列の値は数値でなければならない: {exc}") from exc
    bad = np.isinf(values)
    if bad.any():
        where = ", ".join(str(v) for v in list(series.index[bad])[:5])
        raise ForecastError(
            f"the series holds a non-finite value (±inf) at {where}: only finite numbers or "
            "NaN (missing) are accepted",
            ja=f"系列の {where} に有限でない値（±inf）がある: 受け付けるのは有限の数値か "
               "NaN（欠測）だけ",
        )
    big = np.abs(values) > MAX_MAGNITUDE
    if big.any():
        where = ", ".join(str(v) for v in list(series.index[big])[:5])
        raise ForecastError(
            f"the series holds {values[big][0]:g} at {where}, beyond any city statistic "
            f"(bound {MAX_MAGNITUDE:g}): check the data",
            ja=f"系列の {where} の値 {values[big][0]:g} は市の統計としてあり得ない大きさ"
               f"（上限 {MAX_MAGNITUDE:g}）: データを確認する",
        )
    index = series.index
    pandas_freq = None
    if isinstance(index, pd.PeriodIndex):
        pandas_freq = index.freqstr
    parsed = [parse_period(v, freq) for v in index]
    kinds = {p.kind for p in parsed}
    if len(kinds) != 1:
        raise ForecastError(f"the index mixes period kinds {sorted(kinds)}",
                            ja=f"インデックスに種類の異なる期間 {sorted(kinds)} が混在している")
    kind = kinds.pop()
    ords = np.array([p.ordinal for p in parsed])
    if len(set(ords.tolist())) != len(ords):
        dup = pd.Series(ords).duplicated(keep=False)
        shown = list(index[dup.to_numpy()])
        raise ForecastError(f"duplicated periods in the index: {shown}",
                            ja=f"インデックスに重複した期間がある: {shown}")
    order = np.argsort(ords)
    ords, values = ords[order], values[order]
    start = int(ords[0])
    regular = np.full(int(ords[-1]) - start + 1, np.nan)
    regular[ords - start] = values
    style = _style_of(index[0], kind)
    return Timeline(kind, start, regular, style, pandas_freq).trimmed()


def target_months(target: Period, series_kind: str) -> tuple[int, int] | None:
    """Month range the target aggregates over, or ``None`` when the target is one period of
    the series' own frequency."""
    if series_kind == MONTH:
        return None if target.kind == MONTH else target.months()
    if target.kind != series_kind:
        raise ForecastError(
            f"the series is {series_kind} but the target period {target} is "
            f"{target.kind}: an annual series can only be compared with a target of the "
            "same basis (fiscal vs calendar year)",
            ja=f"系列は{KIND_JA.get(series_kind, series_kind)}ベースだが、目標期間"
               f"{target.ja()}は{KIND_JA.get(target.kind, target.kind)}ベース: 年単位の系列は"
               "同じ区分（年度か暦年か）の目標としか比較できない",
        )
    return None


def fiscal_year_of_month(ordinal: int) -> int:
    """Fiscal year (April–March) containing month ``ordinal``."""
    year, month = ordinal // 12, ordinal % 12 + 1
    return year if month >= 4 else year - 1


def aggregate_months(series: pd.Series, to: str = FISCAL, *, complete: bool = True) -> pd.Series:
    """Sum a monthly series to fiscal or calendar years.

    Years with a missing month are ``NaN`` when ``complete`` (the default): a partial sum
    is never presented as an annual total.

    Parameters
    ----------
    series : pandas.Series
        Monthly values (e.g. guest nights in 人泊), indexed by month: ``'YYYY-MM'``
        strings, a monthly ``PeriodIndex`` or a ``DatetimeIndex`` of one date per month.
        ``NaN`` or an absent month is missing (never filled).
    to : {'fiscal', 'calendar'}, default 'fiscal'
        Fiscal years (April – March, labelled by the calendar year in which they start:
        FY2016 = April 2016 – March 2017) or calendar years (January – December).
    complete : bool, default True
        True: a year with a missing month (also a year the data only partly cover) is
        ``NaN``. False: the sum of the months present.

    Returns
    -------
    pandas.Series
        ``float64`` sums in the unit of ``series``, indexed by the year as an integer
        (index name ``fiscal_year``, 2016 = FY2016, or ``year``), from the year of the
        first month to the year of the last; such a series is what
        :func:`~kawasaki_econ.forecast.attainment.attainment` reads as fiscal years.

    Raises
    ------
    ForecastError
        If ``series`` is not a pandas Series, is empty, holds a non-numeric or infinite
        value, an index label that is not a month (an annual series), duplicated months,
        or if ``to`` is not a known frequency.

    Examples
    --------
    Kanagawa's monthly foreign guest nights (観光庁 宿泊旅行統計, January 2011 –
    November 2025) by fiscal year: FY2010 (only January – March 2011 in the data) and
    FY2025 (April – November 2025) are incomplete.

    >>> import kawasaki_econ as k
    >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
    >>> monthly = rows.set_index("period")["value"]
    >>> k.forecast.aggregate_months(monthly).loc[[2010, 2019, 2024, 2025]]
    fiscal_year
    2010          NaN
    2019    2969490.0
    2024    4328680.0
    2025          NaN
    dtype: float64
    >>> print(k.forecast.aggregate_months(monthly, complete=False).loc[2025])
    3578300.0
    """
    tl = to_timeline(series, MONTH)
    if tl.kind != MONTH:
        raise ForecastError("aggregate_months needs a monthly series",
                            ja="aggregate_months には月次の系列が必要")
    kind = period_kind(to)
    years = np.array([fiscal_year_of_month(o) if kind == FISCAL else o // 12 for o in tl.ordinals])
    out = {}
    for year in np.unique(years):
        start = Period(kind, int(year)).months()[0]
        vals = [
            tl.values[o - tl.start] if tl.start <= o <= tl.end else np.nan
            for o in range(start, start + 12)
        ]
        arr = np.array(vals)
        out[int(year)] = (
            float(arr.sum())
            if not np.isnan(arr).any()
            else (np.nan if complete else float(np.nansum(arr)))
        )
    result = pd.Series(out, dtype=float)
    result.index.name = "fiscal_year" if kind == FISCAL else "year"
    return result


def as_of_month(as_of) -> int:
    """Month ordinal of an ``as_of`` date. ``'2018-03'`` means the start of March 2018
    (conservative); a full date means its own month, counted as already begun."""
    if isinstance(as_of, str) and _MONTH.match(as_of):
        p = parse_period(as_of)
        return p.ordinal
    try:
        ts = pd.Timestamp(as_of)
    except (TypeError, ValueError) as exc:
        raise ForecastError(f"cannot read as_of={as_of!r} as a date",
                            ja=f"as_of={as_of!r} を日付として読めない") from exc
    return month_ordinal(ts.year, ts.month)


def last_published(kind: str, as_of, lag: int | None = None) -> int:
    """Last period (ordinal of ``kind``) whose figures were published by ``as_of``.

    Rule: a period is usable when its last month ended at least ``lag`` months before the
    as-of month began (``lag`` defaults to :data:`DEFAULT_LAG`: 2 months for monthly data,
    6 for annual). E.g. as of ``'2018-03'`` with lag 2 the last usable month is 2017-12.
    """
    lag = DEFAULT_LAG[kind] if lag is None else int(lag)
    limit = as_of_month(as_of) - lag  # the last month may end at (limit - 1) at the latest
    if kind == MONTH:
        return limit - 1
    offset = 3 if kind == FISCAL else 0
    # annual period y ends at month y*12 + offset + 11; need end <= limit - 1
    return (limit - 1 - offset - 11) // 12
