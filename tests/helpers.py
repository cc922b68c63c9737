"""Small helpers shared by the test modules (import as ``from helpers import one``)."""

from __future__ import annotations

import pandas as pd


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
