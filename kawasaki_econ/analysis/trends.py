"""Trends of a tidy series: change, % change, CAGR, index (base = 100), year-on-year.

A *series* is a tidy frame with a period column (``census_year``, ``fiscal_year`` —
FY2016 = April 2016–March 2017 — ``year``, or ``period`` as 'YYYY' / 'YYYY-MM'), a
``value`` column and optional grouping columns (``by``). The functions never mix period
types (see :func:`~kawasaki_econ.analysis.guard.single_period_kind`) and never fill a
missing period: a change to or from a missing period is missing.
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

    Columns: the ``by`` columns, ``start``, ``end``, ``value_start``, ``value_end``,
    ``change`` (units of the value), ``pct_change`` (%), ``cagr_pct`` (% per year),
    ``caveat``. Each group must have exactly one row per period. Rows at the two ends
    must agree on scope / frame / measure (see :mod:`.guard`) unless ``override``.
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
    merged = left[by + [value]].merge(right[by + [value]], on=by, how="outer",
                                      suffixes=("_start", "_end"))
    merged = merged.rename(columns={f"{value}_start": "value_start", f"{value}_end": "value_end"})
    v0 = merged["value_start"].astype("float64")
    v1 = merged["value_end"].astype("float64")
    years = _elapsed(start, end, kind)
    out = merged[by].copy()
    out["start"], out["end"] = start, end
    out["value_start"], out["value_end"] = v0, v1
    out["change"] = v1 - v0
    out["pct_change"] = (v1 / v0 - 1.0) * 100.0
    with np.errstate(invalid="ignore", divide="ignore"):
        out["cagr_pct"] = cagr(v0, v1, years) if years > 0 else np.nan
    if period == "census_year" and int(start) <= 2016 and int(end) >= 2021:
        caveats = caveats + [CAVEAT_2021]
    out["caveat"] = "; ".join(caveats)
    out.attrs.update(units={"change": "units of value", "pct_change": "%",
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
    """Add ``index`` = value / value at ``base`` × 100 per group (missing base → missing)."""
    single_period_kind(df, period)
    by = list(by)
    base_rows = df[df[period].astype(str) == str(base)]
    if base_rows.duplicated(by).any():
        raise ComparabilityError(f"more than one base row per group at {period}={base}")
    base_values = base_rows.set_index(by)[value].astype("float64").rename("_base")
    out = df.join(base_values, on=by)
    out["index"] = out[value].astype("float64") / out["_base"] * 100.0
    out = out.drop(columns="_base")
    out.attrs.update(units={"index": f"{period} {base} = 100"})
    return out


def year_on_year(
    df: pd.DataFrame,
    *,
    period: str = "fiscal_year",
    by: list[str] | tuple[str, ...] = ("station",),
    value: str = "value",
) -> pd.DataFrame:
    """Add ``yoy_change`` and ``yoy_pct`` against the same group's previous period
    (the previous *year*, or the same month a year earlier for monthly data). A missing
    previous period gives a missing change — never the change over a longer gap."""
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
    previous = lookup.reindex(keys).to_numpy(dtype="float64", na_value=np.nan)
    current = out[value].to_numpy(dtype="float64", na_value=np.nan)
    out["yoy_change"] = current - previous
    out["yoy_pct"] = (current / previous - 1.0) * 100.0
    return out


def cagr(v0, v1, years: float):
    """Compound annual growth rate in % per year (scalars or arrays)."""
    return ((v1 / v0) ** (1.0 / years) - 1.0) * 100.0
