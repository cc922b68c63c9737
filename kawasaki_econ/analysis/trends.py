"""Trends of a tidy series: change, % change, CAGR, index (base = 100), year-on-year.

A *series* is a tidy frame with a period column (``census_year``, ``fiscal_year`` —
FY2016 = April 2016 – March 2017 — ``year``, or ``period`` as 'YYYY' / 'YYYY-MM'), a
``value`` column and optional grouping columns (``by``). The functions never mix period
types (see :func:`~kawasaki_econ.analysis.guard.single_period_kind`) and never fill a
missing period: a change to or from a missing period is missing.

Counts stay counts: where ``value`` holds whole numbers (the ``Int64`` counts of the
processed tables: establishments, employees, guest nights, boardings), the values and
absolute changes of the results are ``Int64`` too; percentages, growth rates and index
values are ``float64``. No result column is named like a DataFrame method
(``change_pct``, not ``pct_change``; ``index_value``, not ``index``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ComparabilityError
from .guard import CAVEAT_2021, check_comparable, single_period_kind

_DIM_COLS = ("scope", "survey", "frame", "measure", "nationality", "freq", "period_type",
             "basis")


def _elapsed(start, end, kind: str) -> float:
    """Elapsed time in years between two periods of the same kind."""
    if kind == "month":
        s, e = pd.Period(str(start), "M"), pd.Period(str(end), "M")
        return (e - s).n / 12
    return float(int(str(end)) - int(str(start)))


def _measure_dtype(values: pd.Series) -> str:
    """``Int64`` for whole-number measures (counts), ``float64`` for the others."""
    return "Int64" if pd.api.types.is_integer_dtype(values.dtype) else "float64"


def _floats(values: pd.Series) -> np.ndarray:
    """The values as float64, missing as NaN (for rates and ratios)."""
    return values.to_numpy(dtype="float64", na_value=np.nan)


def change(
    df: pd.DataFrame,
    start,
    end,
    *,
    period: str = "census_year",
    by: list[str] | tuple[str, ...] = ("area_code",),
    value: str = "value",
    override: bool = False,
) -> pd.DataFrame:
    """Absolute and percentage change and CAGR from ``start`` to ``end`` per group.

    Parameters
    ----------
    df : pandas.DataFrame
        A tidy series: the ``period`` column, the ``value`` column and the ``by``
        columns, with exactly one row per group and period (filter scope, status and
        source first, e.g. with :func:`~kawasaki_econ.analysis.select`).
    start, end : int or str
        The two periods compared, of the kind of ``period``: census years (2016),
        fiscal years (2016 = FY2016 = April 2016 – March 2017), calendar years
        ('2019') or months ('2019-04').
    period : str, default 'census_year'
        The period column: ``census_year``, ``fiscal_year``, ``year`` or ``period``.
    by : sequence of str, default ('area_code',)
        Columns that identify a group (one result row per group).
    value : str, default 'value'
        The measured column, in its own unit (persons, establishments, person-nights,
        persons per day …).
    override : bool, default False
        Compare rows that differ in scope / survey / frame / measure anyway; the
        mismatch is then written into ``caveat``.

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns; ``start``, ``end``; ``value_start``,
        ``value_end`` and ``change`` (= end − start) in the unit of ``value``, ``Int64``
        when ``value`` holds whole numbers, else ``float64``; ``change_pct`` (% change,
        float); ``cagr_pct`` (compound annual growth, % per year, float; NaN when
        ``start`` is not before ``end``); ``caveat`` (str: comparability notes, e.g. the
        2016→2021 corporate-number-register caveat; empty when none). A group missing
        at either end has missing values. ``attrs['units']`` names the units.

    Raises
    ------
    ComparabilityError
        If the frame mixes period types, a group has more than one row at ``start`` or
        ``end``, or the two ends differ in scope / survey / frame / measure (unless
        ``override``).

    See Also
    --------
    index_to : The series as an index, base period = 100.
    year_on_year : The change against the previous year.
    kawasaki_econ.analysis.rank_change : This change for a comparison group, ranked.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis import change
    >>> jr = pd.DataFrame({"station": ["武蔵小杉", "武蔵小杉"], "fiscal_year": [2009, 2016],
    ...                    "value": pd.array([76_831, 99_617], dtype="Int64")})
    >>> res = change(jr, 2009, 2016, period="fiscal_year", by=["station"])
    >>> res[["value_start", "value_end", "change"]].iloc[0].tolist()
    [76831, 99617, 22786]
    >>> round(float(res["change_pct"].iloc[0]), 1)
    29.7
    """
    kind = single_period_kind(df, period)
    by = list(by)
    key = df[period].astype(str)
    left = df[key == str(start)]
    right = df[key == str(end)]
    for side, name in ((left, start), (right, end)):
        dup = side.duplicated(by, keep=False)
        if dup.any():
            raise ComparabilityError(
                f"more than one row per group at {period}={name} "
                f"(e.g. {side.loc[dup, by].iloc[0].to_dict()}): filter scope / status / "
                "source first (see kawasaki_econ.analysis.select)"
            )
    dims = [c for c in _DIM_COLS if c in df.columns and c not in by]
    caveats = check_comparable(left[dims], right[dims], override=override,
                               what=f"{period} {start} with {end}") if dims else []
    dtype = _measure_dtype(df[value])
    merged = left[by + [value]].merge(right[by + [value]], on=by, how="outer",
                                      suffixes=("_start", "_end"))
    v0 = merged[f"{value}_start"].astype(dtype)
    v1 = merged[f"{value}_end"].astype(dtype)
    f0, f1 = _floats(v0), _floats(v1)
    years = _elapsed(start, end, kind)
    out = merged[by].copy()
    out["start"], out["end"] = start, end
    out["value_start"], out["value_end"] = v0, v1
    out["change"] = v1 - v0
    with np.errstate(invalid="ignore", divide="ignore"):
        out["change_pct"] = (f1 / f0 - 1.0) * 100.0
        out["cagr_pct"] = cagr(f0, f1, years) if years > 0 else np.nan
    if period == "census_year" and int(start) <= 2016 and int(end) >= 2021:
        caveats = caveats + [CAVEAT_2021]
    out["caveat"] = "; ".join(caveats)
    out.attrs.update(units={"change": "units of value", "change_pct": "%",
                            "cagr_pct": "% per year"}, period=period, period_kind=kind)
    return out


def index_to(
    df: pd.DataFrame,
    base,
    *,
    period: str = "fiscal_year",
    by: list[str] | tuple[str, ...] = ("station",),
    value: str = "value",
) -> pd.DataFrame:
    """Add ``index_value`` = value / value in the base period × 100, per group.

    Parameters
    ----------
    df : pandas.DataFrame
        A tidy series (``period``, ``value`` and ``by`` columns), one row per group and
        period.
    base : int or str
        The base period (index = 100), of the kind of ``period``, e.g. 2009 for FY2009
        (April 2009 – March 2010).
    period : str, default 'fiscal_year'
        The period column.
    by : sequence of str, default ('station',)
        Columns that identify a group.
    value : str, default 'value'
        The measured column.

    Returns
    -------
    pandas.DataFrame
        ``df`` with an added ``index_value`` column (float64, base period = 100). A group
        without a value in the base period gets missing index values (never another
        base). ``attrs['units']['index_value']`` names the base.

    Raises
    ------
    ComparabilityError
        If the frame mixes period types or a group has more than one row in the base
        period.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis import index_to
    >>> jr = pd.DataFrame({"station": ["川崎", "川崎"], "fiscal_year": [2009, 2010],
    ...                    "value": pd.array([200, 210], dtype="Int64")})
    >>> index_to(jr, 2009)["index_value"].tolist()
    [100.0, 105.0]
    """
    single_period_kind(df, period)
    by = list(by)
    base_rows = df[df[period].astype(str) == str(base)]
    if base_rows.duplicated(by).any():
        raise ComparabilityError(f"more than one base row per group at {period}={base}")
    base_values = base_rows.set_index(by)[value].astype("float64").rename("_base")
    out = df.join(base_values, on=by)
    out["index_value"] = out[value].astype("float64") / out["_base"] * 100.0
    out = out.drop(columns="_base")
    out.attrs.update(units={"index_value": f"{period} {base} = 100"})
    return out


def year_on_year(
    df: pd.DataFrame,
    *,
    period: str = "fiscal_year",
    by: list[str] | tuple[str, ...] = ("station",),
    value: str = "value",
) -> pd.DataFrame:
    """Add the change against the same group's previous year (``yoy_change``, ``yoy_pct``).

    For annual data the previous period is the previous year; for monthly data the same
    month a year earlier. A missing previous period gives a missing change — never the
    change over a longer gap.

    Parameters
    ----------
    df : pandas.DataFrame
        A tidy series (``period``, ``value`` and ``by`` columns), one row per group and
        period.
    period : str, default 'fiscal_year'
        The period column: ``census_year``, ``fiscal_year`` (FY2016 = April 2016 –
        March 2017), ``year`` or ``period`` ('YYYY' or 'YYYY-MM').
    by : sequence of str, default ('station',)
        Columns that identify a group.
    value : str, default 'value'
        The measured column.

    Returns
    -------
    pandas.DataFrame
        ``df`` with ``yoy_change`` (the change in the unit of ``value``: ``Int64`` for
        whole-number measures, else float64) and ``yoy_pct`` (% change, float64).

    Raises
    ------
    ComparabilityError
        If the frame mixes period types or has more than one row per group and period.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis import year_on_year
    >>> jr = pd.DataFrame({"station": ["川崎"] * 3, "fiscal_year": [2001, 2002, 2004],
    ...                    "value": pd.array([100, 110, 120], dtype="Int64")})
    >>> year_on_year(jr)["yoy_change"].tolist()
    [<NA>, 10, <NA>]
    """
    kind = single_period_kind(df, period)
    by = list(by)
    out = df.copy()
    if kind == "month":
        prev = (pd.PeriodIndex(out[period].astype(str), freq="M") - 12).astype(str)
    else:
        prev = (out[period].astype(str).astype(int) - 1).astype(str)
    lookup = out.assign(_key=out[period].astype(str)).set_index(by + ["_key"])[value]
    if lookup.index.duplicated().any():
        raise ComparabilityError("more than one row per group and period: filter first")
    keys = pd.MultiIndex.from_arrays([out[c] for c in by] + [pd.Index(prev)])
    dtype = _measure_dtype(out[value])
    previous = lookup.reindex(keys).astype(dtype).set_axis(out.index)
    current = out[value].astype(dtype)
    out["yoy_change"] = current - previous
    with np.errstate(invalid="ignore", divide="ignore"):
        out["yoy_pct"] = (_floats(current) / _floats(previous) - 1.0) * 100.0
    return out


def cagr(v0, v1, years: float):
    """Compound annual growth rate in % per year.

    Parameters
    ----------
    v0, v1 : float or array_like
        Values at the start and at the end (same unit, positive).
    years : float
        Elapsed time in years (e.g. 5 for census 2016 → 2021; months / 12 for monthly
        data).

    Returns
    -------
    float or numpy.ndarray
        ((v1 / v0) ** (1 / years) − 1) × 100, in % per year.

    Examples
    --------
    >>> from kawasaki_econ.analysis import cagr
    >>> round(cagr(100.0, 121.0, 2), 6)
    10.0
    """
    return ((v1 / v0) ** (1.0 / years) - 1.0) * 100.0
