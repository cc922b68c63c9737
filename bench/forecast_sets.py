"""The benchmark's sets of real series (see ``bench_forecast.py`` for what each set is):
one :class:`Task` per series and origin, and the comparable series each annual task may
pool (fitted years only)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


@dataclass(frozen=True)
class Task:
    set: str
    series: str
    values: tuple  # the whole series (original scale), NaN = missing
    season: int
    train: int  # periods used for fitting (the origin)
    horizon: int
    origin_label: str
    peers: object = None  # SpanMoments of the annual series of the same set and origin

    def split(self) -> tuple[np.ndarray, np.ndarray]:
        y = np.asarray(self.values, dtype=float)
        return y[: self.train], y[self.train : self.train + self.horizon]


# ------------------------------------------------------------------------------ the sets
def _guest_nights_wide() -> pd.DataFrame:
    df = pd.read_csv(
        RAW / "kankocho" / "guest_nights_monthly_2011-01_2025-11.csv", dtype={"pref_code": str}
    )
    return df.pivot(index="ym", columns="pref_code", values="foreign").loc["2011-01":"2019-12"]


def set_a(full: bool = False) -> list[Task]:
    wide = _guest_nights_wide()
    months = list(wide.index)
    ends = ["2016-12", "2017-12", "2018-12"]
    if full:
        ends += ["2016-06", "2017-06", "2018-06"]
    tasks = []
    for end in sorted(ends):
        train = months.index(end) + 1
        h = min(12, len(months) - train)
        for code in wide.columns:
            tasks.append(Task("a", code, tuple(wide[code].astype(float)), 12, train, h, end))
    return tasks


def set_a_ref(full: bool = False) -> list[Task]:
    wide = _guest_nights_wide()
    train = list(wide.index).index("2017-12") + 1
    return [
        Task("a-ref", code, tuple(wide[code].astype(float)), 12, train, 24, "2017-12")
        for code in wide.columns
        if code != "00"
    ]


def set_b(full: bool = False) -> list[Task]:
    data: dict[str, dict[int, float]] = {}
    files = sorted((RAW / "jreast").glob("passenger_top100_FY*.json"))
    years = []
    for path in files:
        fy = int(path.stem.split("FY")[1])
        years.append(fy)
        for row in json.loads(path.read_text(encoding="utf-8")):
            data.setdefault(row["city"], {})[fy] = float(row["total"])
    years.sort()
    stations = sorted(s for s, v in data.items() if all(y in v for y in years))
    tasks = []
    for last in range(years[0] + 5, years[-1]):  # FY2004 … FY2011
        train = last - years[0] + 1
        h = min(3, years[-1] - last)
        for station in stations:
            values = tuple(data[station][y] for y in years)
            tasks.append(Task("b", station, values, 1, train, h, f"FY{last}"))
    return tasks


def set_b_long(full: bool = False) -> list[Task]:
    """(b-long): the stations of (b), fit to FY2005 … FY2008 (7–10 points from FY1999),
    scored on every later year through FY2012 (horizons up to 7)."""
    tasks = []
    for t in set_b(full):
        if t.origin_label in ("FY2005", "FY2006", "FY2007", "FY2008"):
            h = len(t.values) - t.train
            tasks.append(Task("b-long", t.series, t.values, 1, t.train, h, t.origin_label))
    return tasks


def set_b_long8(full: bool = False) -> list[Task]:
    """(b-long8): the stations of (b), fit to FY1999 … FY2006 (8 points) and scored on every
    later year through FY2012 (horizons 1–6)."""
    return [Task("b-long8", t.series, t.values, 1, t.train, len(t.values) - t.train,
                 t.origin_label) for t in set_b(full) if t.origin_label == "FY2006"]


C_YEARS = range(2012, 2020)  # fit and evaluation years of set (c): pre-pandemic only
C_ORIGINS = (2016, 2017, 2018)  # last fitted year: 5, 6, 7 points; targets up to 2019
C_PREFS_PER_ITEM = 2  # default subsample: prefectures drawn per item (--full: all 47)
C_SEED = 2012
C_SUBSET: dict[str, str] = {}  # filled by set_c: how the series were selected (printed)


def _ssdse_counts() -> pd.DataFrame:
    """SSDSE-B count items × 47 prefectures, one row per (item, prefecture), 2012–2019."""
    import kawasaki_econ

    panel = kawasaki_econ.load("prefecture_panel")
    rows = panel[
        (panel["dataset"] == "SSDSE-B")
        & (panel["kind"] == "count")
        & (panel["area_code"] != "00")
        & panel["year"].isin(list(C_YEARS))
    ]
    wide = rows.pivot_table(
        index=["item_code", "area_code"], columns="year", values="value", aggfunc="first"
    )
    return wide.reindex(columns=list(C_YEARS)).astype(float)


def _item_peers(wide: pd.DataFrame) -> dict:
    """Comparable series of (c): the same item in every prefecture (fitted years only),
    pooled span statistics per (item, training length)."""
    from kawasaki_econ.forecast.spans import span_moments

    years = list(C_YEARS)
    out = {}
    for item, g in wide.groupby(level=0):
        values = np.log(g.to_numpy(float))
        for last in C_ORIGINS:
            train = years.index(last) + 1
            out[(item, train)] = span_moments(list(values[:, :train]), 3)
    return out


def set_c(full: bool = False) -> list[Task]:
    wide = _ssdse_counts()
    items = sorted(wide.index.get_level_values(0).unique())
    n_all = len(wide)
    # every value positive (the log-scale baselines need it) and no gap
    ok = wide.notna().all(axis=1) & (wide > 0).all(axis=1)
    dropped = wide[~ok]
    wide = every = wide[ok]
    if not full:
        rng = np.random.default_rng(C_SEED)
        keep = []
        for item in items:  # every item, a fixed random draw of its prefectures
            prefs = sorted(wide.loc[item].index) if item in wide.index.get_level_values(0) else []
            k = min(C_PREFS_PER_ITEM, len(prefs))
            keep += [(item, p) for p in sorted(rng.choice(prefs, size=k, replace=False))]
        wide = wide.loc[keep]
    tasks, constant = [], 0
    years = list(C_YEARS)
    peers = _item_peers(every)
    for (item, pref), row in wide.iterrows():
        values = tuple(row.to_numpy(float))
        for last in C_ORIGINS:
            train = years.index(last) + 1
            if np.all(np.diff(values[:train]) == 0):
                constant += 1  # in-sample naive error 0: MASE undefined
                continue
            h = min(3, years[-1] - last)
            tasks.append(Task("c", f"{item}/{pref}", values, 1, train, h, str(last),
                              peers[(item, train)]))
    by_item = dropped.index.get_level_values(0).value_counts()
    how = (
        "all remaining series (--full)"
        if full
        else f"default subsample: {C_PREFS_PER_ITEM} prefectures per item drawn with numpy "
        f"default_rng({C_SEED}) -> {len(wide)} series (--show-subset lists them)"
    )
    C_SUBSET["c"] = (
        f"{len(items)} SSDSE-B count items; {n_all} item x prefecture series, {len(dropped)} "
        f"dropped for a zero or missing value 2012-2019 "
        f"({', '.join(f'{i} x{n}' for i, n in by_item.items())}); {how}; {constant} "
        "(series, origin) pairs skipped: constant fitting data (MASE undefined)"
    )
    C_SUBSET["c-list"] = " ".join(
        f"{item}:{','.join(g.index.get_level_values(1))}"
        for item, g in wide.groupby(level=0, sort=True)
    )
    return tasks


SETS: dict[str, tuple[str, Callable[[bool], list[Task]]]] = {
    "a": (
        "(a) monthly foreign guest nights, 47 prefectures + nation, origins 2016-12, "
        "2017-12, 2018-12 (--full: also 2016-06, 2017-06, 2018-06), h=12",
        set_a,
    ),
    "a-ref": (
        "(a-ref) reference: fit 2011-01..2017-12, forecast 2018-01..2019-12, 47 prefectures",
        set_a_ref,
    ),
    "b": (
        "(b) annual JR East boardings FY1999-FY2012, stations in every year, origins "
        "FY2004..FY2011, h=1..3",
        set_b,
    ),
    "b-long": (
        "(b-long) annual JR East boardings, fit to FY2005..FY2008, scored on every later "
        "year through FY2012 (h up to 7)",
        set_b_long,
    ),
    "b-long8": (
        "(b-long8) annual JR East boardings, fit to FY1999..FY2006 (8 points), scored on "
        "every later year through FY2012 (h up to 6)",
        set_b_long8,
    ),
    "c": (
        "(c) annual SSDSE-B counts (kind=count), 47 prefectures, 2012-2019; origins "
        "2016, 2017, 2018 (5-7 points to fit), h=1..3 (fewer at the last two origins)",
        set_c,
    ),
}


def with_peers(tasks: list[Task]) -> list[Task]:
    """Annual tasks get the pooled span statistics of every series of their set and origin,
    fitted data only (computed once per group)."""
    from dataclasses import replace

    from kawasaki_econ.forecast.spans import span_moments

    groups: dict[tuple, list[Task]] = {}
    for t in tasks:
        if t.season == 1 and t.peers is None:
            groups.setdefault((t.set, t.origin_label), []).append(t)
    done = {}
    for key, group in groups.items():
        h = max(t.horizon for t in group)
        done[key] = span_moments([np.log(t.split()[0]) for t in group], h)
    return [replace(t, peers=done[(t.set, t.origin_label)]) if (t.set, t.origin_label) in done
            else t for t in tasks]
