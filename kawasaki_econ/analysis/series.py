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
    """Return the ridership table's stations in one municipality.

    Parameters
    ----------
    focus : str
        5-digit area code of the municipality (e.g. '14130', Kawasaki).

    Returns
    -------
    tuple of str
        The station names (Japanese, as in the ``ridership`` table's ``station``
        column), in :data:`STATIONS_BY_AREA` order; empty for a municipality the table
        has no stations of (it holds Kawasaki's JR East stations only).

    Examples
    --------
    >>> from kawasaki_econ.analysis.series import stations_of
    >>> stations_of("14130")[:3]
    ('川崎', '武蔵小杉', '武蔵溝ノ口')
    >>> stations_of("01100")
    ()
    """
    return STATIONS_BY_AREA.get(focus, ())


def station_series(
    ridership: pd.DataFrame,
    stations: tuple[str, ...] | list[str] | None = None,
    *,
    focus: str = KAWASAKI,
    operator: str = "JR東日本",
    measure: str = "boardings_daily_avg",
) -> pd.DataFrame:
    """Return daily boardings per station and fiscal year.

    One row per station and fiscal year (FY2016 = April 2016 – March 2017) with data;
    years without a figure are absent, nothing is filled. Where two sources give the
    same station-year, the rule of :func:`~kawasaki_econ.prefer.prefer_final` picks
    one: a final figure over one rounded to the thousand, then the JR East top-100 file
    over transcribed figures, then the smallest ``source`` (e.g. JR 武蔵小杉 FY2015:
    124,325 and 124,324, both final transcriptions: 124,325, row 33, is kept).

    Parameters
    ----------
    ridership : pandas.DataFrame
        The processed ``ridership`` table (``kawasaki_econ.load("ridership")``).
    stations : tuple or list of str, optional
        Station names as in the table (e.g. '武蔵小杉'). Default: the stations of
        ``focus`` (:func:`stations_of`).
    focus : str, default '14130'
        5-digit area code whose stations are the default.
    operator : str, default 'JR東日本'
        Railway operator, as in the table's ``operator`` column.
    measure : str, default 'boardings_daily_avg'
        The table's ``measure``: daily average boardings (乗車人員, persons per day).
        Private railways publish boardings+alightings
        (``boardings_alightings_daily_avg``), a different measure.

    Returns
    -------
    pandas.DataFrame
        Columns ``station``, ``fiscal_year`` (int), ``value`` (float64, persons per
        day, 人/日), ``status`` (``final``, ``rounded`` …), ``source`` (file and row),
        and ``dataset`` and ``source_url`` where the table has them; sorted by the
        order of ``stations``, then fiscal year. ``attrs``: ``units`` and ``period``.

    Raises
    ------
    ValueError
        If ``stations`` is not given and ``focus`` has no stations in the table.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.series import station_series
    >>> boardings = station_series(k.load("ridership"), ["武蔵小杉"])
    >>> boardings.columns.tolist()[:5]
    ['station', 'fiscal_year', 'value', 'status', 'source']
    >>> boardings.set_index("fiscal_year").loc[[2009, 2015], "value"].tolist()
    [76831.0, 124325.0]
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
    """Return the guest-night areas shown for a municipality.

    The guest-night survey (宿泊旅行統計調査) publishes no municipal figures: a
    municipality is shown with the nation and its prefecture.

    Parameters
    ----------
    focus : str, default '14130'
        5-digit area code of the municipality.

    Returns
    -------
    tuple of str
        ``('00', <prefecture code>)``: the nation and the two-digit prefecture code.

    Examples
    --------
    >>> from kawasaki_econ.analysis.series import tourism_areas
    >>> tourism_areas("14130")
    ('00', '14')
    """
    return ("00", focus[:2])


def guest_nights_series(
    guest_nights: pd.DataFrame,
    areas: tuple[str, ...] = ("00", "14"),
    *,
    nationality: str = "foreign",
    frame: str = "all_facilities",
    freq: str = "month",
) -> pd.DataFrame:
    """Return guest nights of one frame and nationality, one row per area and period.

    Where the table holds several rows for an area and period,
    :func:`~kawasaki_econ.prefer.prefer_official` keeps one: the workbook's official
    全国 row where it exists and is final, else the sum of the final prefecture values
    (``status='derived'``), and a final figure over a preliminary one (速報).

    Parameters
    ----------
    guest_nights : pandas.DataFrame
        The processed ``guest_nights`` table (``kawasaki_econ.load("guest_nights")``).
    areas : tuple of str, default ('00', '14')
        Area codes: '00' the nation, two-digit prefecture codes ('14' Kanagawa).
    nationality : {'foreign', 'japanese', 'total'}, default 'foreign'
        Guests' nationality group.
    frame : {'all_facilities', 'employees_10plus'}, default 'all_facilities'
        Survey frame: all facilities, or facilities with 10+ employees (a different
        series; the two are never spliced).
    freq : {'month', 'year'}, default 'month'
        Monthly ('YYYY-MM') or published calendar-year ('YYYY') values.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_code``, ``area_name``, ``frame``, ``nationality``, ``freq``,
        ``period`` (str, 'YYYY-MM' or 'YYYY'), ``value`` (float64, person-nights,
        人泊), ``status``, ``release`` and ``source``; sorted by area and period.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.series import guest_nights_series
    >>> nights = guest_nights_series(k.load("guest_nights"))
    >>> nights[nights["period"] == "2019-01"][["area_code", "value", "status"]]
        area_code      value   status
    96         00  9208760.0  derived
    275        14   205430.0    final
    """
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
    """Return calendar-year guest nights, published or summed from twelve months.

    The published annual figure where one exists (``basis='published'``); otherwise,
    for complete years only, the sum of the twelve monthly values
    (``basis='sum_of_months'``, ``status='derived'``, or ``'preliminary'`` if any month
    is). Published annual values are never replaced by a sum of months; incomplete
    years are left out.

    Parameters
    ----------
    guest_nights : pandas.DataFrame
        The processed ``guest_nights`` table (``kawasaki_econ.load("guest_nights")``).
    areas : tuple of str, default ('00', '14')
        Area codes: '00' the nation, two-digit prefecture codes ('14' Kanagawa).
    nationality : {'foreign', 'japanese', 'total'}, default 'foreign'
        Guests' nationality group.
    frame : {'all_facilities', 'employees_10plus'}, default 'all_facilities'
        Survey frame (all facilities, or facilities with 10+ employees).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`guest_nights_series` (``freq='year'``, ``period`` 'YYYY'
        calendar years, ``value`` in person-nights) and ``basis`` (``published`` /
        ``sum_of_months``) and ``months`` (12); sorted by area and year.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.series import guest_nights_annual
    >>> kanagawa = guest_nights_annual(k.load("guest_nights"), ("14",))
    >>> kanagawa[kanagawa["period"].isin(["2016", "2019"])][["period", "value", "basis"]]
      period      value          basis
    5   2016  2160600.0      published
    8   2019  3248690.0  sum_of_months
    """
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


#: ``airport`` measures of a full year's passengers: counts, and published lower bounds.
HANEDA_MEASURES = ("passengers_annual", "passengers_annual_lower_bound")


def haneda_international(airport: pd.DataFrame) -> pd.DataFrame:
    """Return Haneda's international passengers per year, calendar and fiscal kept apart.

    Only full-year counts (:data:`HANEDA_MEASURES`: counts, and published lower bounds
    such as 'CY2014 exceeded 10 million', ``bound='lower'``); forecasts and half-year
    figures are left out. Calendar years (暦年) and fiscal years (年度; FY2016 = April 2016 – March 2017)
    are separate rows, never mixed. Where a basis and year has two sources,
    :func:`~kawasaki_econ.prefer.prefer_final` picks one.

    Parameters
    ----------
    airport : pandas.DataFrame
        The processed ``airport`` table (``kawasaki_econ.load("airport")``).

    Returns
    -------
    pandas.DataFrame
        Columns ``basis`` (``calendar_year`` / ``fiscal_year``), ``year`` (int),
        ``value`` (passengers per year), ``bound`` (``'lower'`` for a lower bound,
        else ''), ``status``, ``source``, ``measure``, and ``source_url`` and ``note``
        where the table has them; sorted by basis and year.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.series import haneda_international
    >>> haneda = haneda_international(k.load("airport"))
    >>> haneda[haneda["year"] == 2017][["basis", "year", "value", "status"]]
               basis  year       value   status
    1  calendar_year  2017  16890000.0  rounded
    6    fiscal_year  2017  17271729.0    final
    """
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
    """Return monthly international arrivals at one airport.

    Parameters
    ----------
    airport : pandas.DataFrame
        The processed ``airport`` table (``kawasaki_econ.load("airport")``).
    code : str, default 'HND'
        IATA airport code, as in the table's ``airport`` column (HND = Haneda).

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` ('YYYY-MM'), ``value`` (入国者, persons arriving from abroad
        in the month), ``status``, ``source`` and ``measure``; one row per month with
        data (:func:`~kawasaki_econ.prefer.prefer_final` where two sources give one),
        sorted by period.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.series import airport_monthly
    >>> haneda = airport_monthly(k.load("airport"))
    >>> haneda[["period", "value", "status"]].head(2)
        period    value       status
    0  2022-01  62789.0  preliminary
    1  2022-02  41745.0  preliminary
    """
    rows = airport[(airport["airport"] == code) & (airport["basis"] == "month")]
    out = prefer_final(rows, ["period"])
    cols = ["period", "value", "status", "source", "measure"]
    return out[cols].sort_values("period", ignore_index=True)


def full_range(values: pd.Series, kind: str) -> pd.Index:
    """Return every period between the first and the last of ``values``.

    Used to reindex a series so that the periods without data show as gaps (NaN); no
    value is filled.

    Parameters
    ----------
    values : pandas.Series
        Periods: years (ints, or strings of them) for ``kind='year'``, 'YYYY-MM'
        strings for ``kind='month'``.
    kind : {'year', 'month'}
        The kind of period (any other value is read as 'year').

    Returns
    -------
    pandas.Index
        The consecutive years (ints) or months ('YYYY-MM' strings), first to last.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis.series import full_range
    >>> list(full_range(pd.Series([2014, 2016]), "year"))
    [2014, 2015, 2016]
    >>> list(full_range(pd.Series(["2019-11", "2020-02"]), "month"))
    ['2019-11', '2019-12', '2020-01', '2020-02']
    """
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
    """Return the plan's revised targets, one row per indicator.

    The draft and final target (same target fiscal year), their change, and the newest
    observed value in the target's unit (missing when none is published: nothing is
    estimated; a value in another unit is not comparable and is left out).

    Parameters
    ----------
    kpi : pandas.DataFrame
        The processed ``kpi`` table (``kawasaki_econ.load("kpi")``).
    indicators : list or tuple of str, optional
        Indicator ids (the table's ``indicator_id``). Default: those with a draft
        target (the 2nd implementation programme changed three).

    Returns
    -------
    pandas.DataFrame
        One row per indicator. Columns ``indicator_id``, ``name_ja``, ``unit``,
        ``target_year`` (int, fiscal year; FY2021 = April 2021 – March 2022),
        ``draft_target`` and ``target`` (float, in ``unit``), ``change_pct`` (final
        vs draft, %), ``actual`` (float, in ``unit``; NaN when none is observed),
        ``actual_period`` (Int64), ``actual_period_type`` (``fiscal_year`` /
        ``calendar_year``), ``actual_status``, ``n_actual`` (observed values in that
        unit), ``note`` (the definition change) and ``source`` (the rows used,
        '; '-joined).

    Raises
    ------
    ValueError
        If an indicator is not in the table or has no target.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.series import kpi_target_table
    >>> table = kpi_target_table(k.load("kpi"), ["P7_hotel_guests_foreign"])
    >>> table[["target_year", "draft_target", "target", "actual", "actual_period"]]
       target_year  draft_target    target    actual  actual_period
    0         2021      190000.0  230000.0  280000.0           2019
    >>> round(float(table["change_pct"].iloc[0]), 1)
    21.1
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


__all__ = ["HANEDA_MEASURES", "KAWASAKI_JR_STATIONS", "STATIONS_BY_AREA", "STATION_DATASETS",
           "TARGET_KINDS", "airport_monthly", "full_range", "guest_nights_annual",
           "guest_nights_series", "haneda_international", "kpi_target_table",
           "station_series", "stations_of", "tourism_areas"]
