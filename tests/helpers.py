"""Small helpers shared by the test modules (import as ``from helpers import one``)."""

from __future__ import annotations

import json

import pandas as pd

from kawasaki_econ.paths import project_root


def select(df: pd.DataFrame, **where) -> pd.DataFrame:
    """Rows where every ``column=value`` holds."""
    for col, val in where.items():
        df = df[df[col] == val]
    return df


def shadowing(columns) -> list[str]:
    """Column names that are also DataFrame attributes (``rank``, ``index``, …): ``df.rank``
    would be pandas' method, not the column."""
    return [c for c in columns if isinstance(c, str) and hasattr(pd.DataFrame, c)]


def one(df: pd.DataFrame, **where) -> pd.Series:
    """The single row where every ``column=value`` holds (fails otherwise)."""
    sel = select(df, **where)
    assert len(sel) == 1, f"{where}: {len(sel)} rows"
    return sel.iloc[0]


def jr_station_boardings(city: str = "川崎") -> pd.Series:
    """Daily boardings of one JR East station by fiscal year (integer index), read from the
    raw top-100 tables ``data/raw/jreast/passenger_top100_FY*.json`` (FY1999–FY2012)."""
    data = {}
    for path in sorted((project_root() / "data" / "raw" / "jreast").glob(
            "passenger_top100_FY*.json")):
        fy = int(path.stem.split("FY")[1])
        for row in json.loads(path.read_text(encoding="utf-8")):
            if row["city"] == city:
                data[fy] = float(row["total"])
    return pd.Series(data, dtype=float).sort_index()
