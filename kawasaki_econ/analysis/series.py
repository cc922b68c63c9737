"""Tidy data prepared for the charts (one row per series and period, nothing filled).

These functions only select and order rows of the processed tables; where two sources
give a value for the same period they pick one by the package's one rule,
:func:`kawasaki_econ.prefer.prefer_final`, and keep its ``status`` and ``source``. The
figure functions (:mod:`kawasaki_econ.figures`) only draw what they return.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..prefer import prefer_final, prefer_official
from .areas import KAWASAKI

#: JR East stations located in Kawasaki City (矢向 lies in Yokohama and is left out).
KAWASAKI_JR_STATIONS: tuple[str, ...] = (
    "川崎", "武蔵小杉", "武蔵溝ノ口", "登戸", "武蔵中原", "武蔵新城", "稲田堤", "新川崎",
    "鹿島田", "向河原", "平間", "宿河原", "津田山", "川崎新町",
)  # fmt: skip

#: Stations of the ridership table by the municipality they lie in (area code). The
#: table holds JR East stations of Kawasaki only.
STATIONS_BY_AREA: dict[str, tuple[str, ...]] = {KAWASAKI: KAWASAKI_JR_STATIONS}

#: Among equally good station figures, JR East's own top-100 file wins over transcriptions.
STATION_DATASETS: dict[str, int] = {"jreast_top100": 0}


def stations_of(focus: str) -> tuple[str, ...]:
    """The ridership table's stations in municipality ``focus`` (empty if it has none)."""
    return STATIONS_BY_AREA.get(focus, ())


def station_series(
    ridership: pd.DataFrame,
    stations: tuple[str, ...] | list[str] | None = None,
    *,
    focus: str = KAWASAKI,
    operator: str = "JR東日本",
    measure: str = "boardings_daily_avg",
) -> pd.DataFrame:
    """Daily boardings per station and fiscal year (FY2016 = Apr 2016–Mar 2017).

    Default stations: the JR East stations in ``focus`` (:func:`stations_of`; a
    municipality without stations in the table is an error). Where two sources give the
    same station-year (e.g. JR 武蔵小杉 FY2015: 124,325 and 124,324), the rule of
    :func:`~kawasaki_econ.prefer.prefer_final` picks one: a final figure over one rounded
    to the thousand, then the JR East top-100 file over transcribed figures.
    Columns: station, fiscal_year, value (人/日), status, source, dataset.
    """
    if stations is None:
        stations = stations_of(focus)
        if not stations:
            raise ValueError(f"the ridership table has no stations in area {focus} (it "
                             f"covers {', '.join(STATIONS_BY_AREA)} only)")
    stations = tuple(stations)
    rows = ridership[(ridership["operator"] == operator) & (ridership["measure"] == measure)
                     & ridership["station"].isin(stations)]
    out = prefer_final(rows, ["station", "fiscal_year"], datasets=STATION_DATASETS)
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


def tourism_areas(focus: str = KAWASAKI) -> tuple[str, str]:
    """Guest-night areas shown for a municipality: the nation ('00') and its prefecture
    (two-digit code) — the survey has no municipal figures."""
    return ("00", focus[:2])


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
    sources, :func:`~kawasaki_econ.prefer.prefer_final` picks one."""
    rows = airport[(airport["airport"] == "HND") & (airport["segment"] == "international")
                   & airport["basis"].isin(["calendar_year", "fiscal_year"])
                   & airport["measure"].isin(HANEDA_MEASURES)]
    out = prefer_final(rows, ["basis", "period"])
    out = out.assign(year=out["period"].astype(int),
                     bound=np.where(out["measure"].str.endswith("lower_bound"), "lower", ""))
    cols = ["basis", "year", "value", "bound", "status", "source", "measure"]
    cols += [c for c in ("source_url", "note") if c in out.columns]
    return out[cols].sort_values(["basis", "year"], ignore_index=True)


def airport_monthly(airport: pd.DataFrame, code: str = "HND") -> pd.DataFrame:
    """Monthly international arrivals (入国者, persons) at one airport."""
    rows = airport[(airport["airport"] == code) & (airport["basis"] == "month")]
    out = prefer_final(rows, ["period"])
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


#: Target kinds of the kpi table, in the order a revision happens.
TARGET_KINDS = ("draft_target", "target")


def kpi_target_table(
    kpi: pd.DataFrame, indicators: list[str] | tuple[str, ...] | None = None
) -> pd.DataFrame:
    """The plan's revised targets, one row per indicator: draft and final target (same
    target fiscal year), their change, and the newest observed value in the target's
    unit (missing when none is published — nothing is estimated).

    Default ``indicators``: those with a draft target (the 2nd implementation programme
    changed three). Columns: indicator_id, name_ja, unit, target_year (FY), draft_target,
    target, change_pct (final vs draft, %), actual, actual_period, actual_period_type
    (fiscal_year / calendar_year), actual_status, n_actual (observed values in that
    unit), note (the definition change), source (the rows used, '; '-joined).
    """
    if indicators is None:
        indicators = list(dict.fromkeys(kpi.loc[kpi["kind"] == "draft_target", "indicator_id"]))
    records = []
    for ind in indicators:
        rows = kpi[kpi["indicator_id"] == ind]
        if rows.empty:
            raise ValueError(f"indicator {ind!r} is not in the kpi table")
        targets = rows[rows["kind"].isin(TARGET_KINDS)]
        if targets.empty:
            raise ValueError(f"indicator {ind!r} has no target in the kpi table")
        final = targets[targets["kind"] == "target"]
        unit = str((final if len(final) else targets)["unit"].iloc[0])
        # a value in another unit ('% increase over 10 years' for a count) is not comparable
        actual = rows[(rows["kind"] == "actual") & (rows["unit"] == unit)
                      & rows["period"].notna()].sort_values(["period", "source"])
        draft = targets[targets["kind"] == "draft_target"]
        draft_v = float(draft["value"].iloc[0]) if len(draft) else float("nan")
        final_v = float(final["value"].iloc[0]) if len(final) else float("nan")
        last = actual.iloc[-1] if len(actual) else None
        note = final["note"].dropna().astype(str) if "note" in final else pd.Series([], dtype=str)
        used = pd.concat([targets, actual])
        records.append({
            "indicator_id": ind,
            "name_ja": str(rows["name_ja"].dropna().iloc[0]) if rows["name_ja"].notna().any()
            else ind,
            "unit": unit,
            "target_year": int(targets["period"].max()),
            "draft_target": draft_v,
            "target": final_v,
            "change_pct": (final_v / draft_v - 1.0) * 100.0 if draft_v else float("nan"),
            "actual": float(last["value"]) if last is not None else float("nan"),
            "actual_period": int(last["period"]) if last is not None else pd.NA,
            "actual_period_type": str(last["period_type"]) if last is not None else None,
            "actual_status": str(last["status"]) if last is not None else None,
            "n_actual": len(actual),
            "note": note.iloc[0] if len(note) else None,
            "source": "; ".join(dict.fromkeys(used["source"].astype(str))),
        })
    out = pd.DataFrame.from_records(records)
    out["actual_period"] = out["actual_period"].astype("Int64")
    out.attrs.update(units={"draft_target": "unit column", "target": "unit column",
                            "actual": "unit column", "change_pct": "%"},
                     period="target_year = fiscal year (FY2021 = April 2021–March 2022)")
    return out
