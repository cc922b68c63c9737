"""Tidy series prepared for the charts (one row per series and period, nothing filled).

These functions only select and order rows of the processed tables; where two sources
give a value for the same period they pick one by an explicit, documented rule and keep
its ``status`` and ``source``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .labels import KAWASAKI_JR_STATIONS

_STATUS_ORDER = {"final": 0, "derived": 1, "rounded": 2, "preliminary": 3, "estimate": 4}


def one_per_period(df: pd.DataFrame, keys: list[str], prefer: dict[str, int] | None = None
                   ) -> pd.DataFrame:
    """One row per ``keys``: the best status (final > derived > rounded > preliminary >
    estimate > other), then the source listed first in ``prefer`` (dataset -> rank, lower
    wins), then the smallest ``source`` string (deterministic)."""
    if df.empty:
        return df.copy()
    rank = df["status"].astype(str).map(_STATUS_ORDER).fillna(9)
    order = df.assign(_status=rank)
    if prefer and "dataset" in df.columns:
        order["_pref"] = df["dataset"].astype(str).map(prefer).fillna(9)
    else:
        order["_pref"] = 0
    order = order.sort_values(keys + ["_status", "_pref", "source"], kind="mergesort")
    out = order.drop_duplicates(keys, keep="first").drop(columns=["_status", "_pref"])
    return out.reset_index(drop=True)


def station_series(
    ridership: pd.DataFrame,
    stations: tuple[str, ...] | list[str] | None = None,
    *,
    operator: str = "JR東日本",
    measure: str = "boardings_daily_avg",
) -> pd.DataFrame:
    """Daily boardings per station and fiscal year (FY2016 = Apr 2016–Mar 2017).

    Default stations: the JR East stations in Kawasaki. Where two sources give the same
    station-year (e.g. JR 武蔵小杉 FY2015: 124,325 and 124,324), the JR East top-100 file
    wins over transcribed figures, and a final figure over one rounded to the thousand.
    Columns: station, fiscal_year, value (人/日), status, source, dataset.
    """
    stations = tuple(stations) if stations is not None else KAWASAKI_JR_STATIONS
    rows = ridership[(ridership["operator"] == operator) & (ridership["measure"] == measure)
                     & ridership["station"].isin(stations)]
    out = one_per_period(rows, ["station", "fiscal_year"], prefer={"jreast_top100": 0})
    cols = ["station", "fiscal_year", "value", "status", "source"]
    cols += [c for c in ("dataset", "source_url") if c in out.columns]
    out = out[cols].copy()
    out["fiscal_year"] = out["fiscal_year"].astype(int)
    out["value"] = out["value"].astype("float64")
    order = {s: i for i, s in enumerate(stations)}
    out = out.sort_values(["station", "fiscal_year"], key=lambda s: s.map(order)
                          if s.name == "station" else s, ignore_index=True)
    out.attrs.update(units={"value": "人/日 (persons per day)"}, period="fiscal_year")
    return out


def guest_nights_series(
    guest_nights: pd.DataFrame,
    areas: tuple[str, ...] = ("00", "14"),
    *,
    nationality: str = "foreign",
    frame: str = "all_facilities",
    freq: str = "month",
) -> pd.DataFrame:
    """Guest nights (人泊) of one frame and nationality, one row per area and period
    (``prefer_official``: the workbook's official 全国 row where it exists, else the sum
    of the prefectures, marked ``derived``)."""
    from ..sources.kankocho import prefer_official

    rows = guest_nights[guest_nights["area_code"].isin(areas)
                        & (guest_nights["nationality"] == nationality)
                        & (guest_nights["frame"] == frame) & (guest_nights["freq"] == freq)]
    out = prefer_official(rows)
    cols = ["area_code", "area_name", "frame", "nationality", "freq", "period", "value",
            "status", "release", "source"]
    out = out[cols].sort_values(["area_code", "period"], ignore_index=True)
    out["value"] = out["value"].astype("float64")
    out.attrs.update(units={"value": "人泊 (person-nights)"})
    return out


def guest_nights_annual(
    guest_nights: pd.DataFrame,
    areas: tuple[str, ...] = ("00", "14"),
    *,
    nationality: str = "foreign",
    frame: str = "all_facilities",
) -> pd.DataFrame:
    """Calendar-year guest nights: the published annual figure where one exists
    (``basis='published'``), otherwise — for complete years only — the sum of the twelve
    monthly values (``basis='sum_of_months'``, ``status='derived'``, or ``preliminary``
    if any month is). Published annual values are never replaced by a sum of months;
    incomplete years are left out."""
    annual = guest_nights_series(guest_nights, areas, nationality=nationality, frame=frame,
                                 freq="year")
    annual = annual.assign(basis="published", months=12)
    monthly = guest_nights_series(guest_nights, areas, nationality=nationality, frame=frame,
                                  freq="month")
    monthly = monthly.assign(year=monthly["period"].str[:4])
    sums = monthly.groupby(["area_code", "area_name", "year"], as_index=False).agg(
        value=("value", lambda v: v.sum(min_count=12) if v.notna().sum() == 12 else np.nan),
        months=("value", "count"),
        any_prelim=("status", lambda s: (s == "preliminary").any()),
        release=("release", "max"),
        source=("source", "first"),
    )
    sums = sums[(sums["months"] == 12) & sums["value"].notna()]
    published = set(zip(annual["area_code"], annual["period"], strict=True))
    sums = sums[[(a, y) not in published
                 for a, y in zip(sums["area_code"], sums["year"], strict=True)]]
    sums = sums.assign(
        frame=frame, nationality=nationality, freq="year", period=sums["year"],
        status=np.where(sums["any_prelim"], "preliminary", "derived"),
        basis="sum_of_months",
        source="sum of the 12 months of " + sums["source"].str.replace(r"#.*$", "", regex=True),
    ).drop(columns=["year", "any_prelim"])
    out = pd.concat([annual, sums[annual.columns]], ignore_index=True)
    out = out.sort_values(["area_code", "period"], ignore_index=True)
    out.attrs.update(units={"value": "人泊 (person-nights)"})
    return out


HANEDA_MEASURES = ("passengers_annual", "passengers_annual_lower_bound")


def haneda_international(airport: pd.DataFrame) -> pd.DataFrame:
    """Haneda international passengers per year, calendar (暦年) and fiscal (年度) bases
    kept apart. Only full-year counts (and published lower bounds, ``bound='lower'``);
    forecasts and half-year figures are left out. Where a basis and year has two
    sources, the better status wins."""
    rows = airport[(airport["airport"] == "HND") & (airport["segment"] == "international")
                   & airport["basis"].isin(["calendar_year", "fiscal_year"])
                   & airport["measure"].isin(HANEDA_MEASURES)]
    out = one_per_period(rows, ["basis", "period"])
    out = out.assign(year=out["period"].astype(int),
                     bound=np.where(out["measure"].str.endswith("lower_bound"), "lower", ""))
    cols = ["basis", "year", "value", "bound", "status", "source", "measure"]
    cols += [c for c in ("source_url", "note") if c in out.columns]
    return out[cols].sort_values(["basis", "year"], ignore_index=True)


def airport_monthly(airport: pd.DataFrame, code: str = "HND") -> pd.DataFrame:
    """Monthly international arrivals (入国者, persons) at one airport."""
    rows = airport[(airport["airport"] == code) & (airport["basis"] == "month")]
    out = one_per_period(rows, ["period"])
    cols = ["period", "value", "status", "source", "measure"]
    return out[cols].sort_values("period", ignore_index=True)


def full_range(values: pd.Series, kind: str) -> pd.Index:
    """Every period between the min and max of ``values`` ('year' ints or 'month'
    'YYYY-MM' strings) — used to reindex a series so missing periods become NaN."""
    if kind == "month":
        periods = pd.PeriodIndex(values.astype(str), freq="M")
        return pd.period_range(periods.min(), periods.max(), freq="M").astype(str)
    ints = values.astype(int)
    return pd.Index(range(int(ints.min()), int(ints.max()) + 1))
