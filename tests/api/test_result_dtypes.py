"""Analysis results keep counts as counts (``Int64``) and name no column like a DataFrame
method or attribute (``df.change_pct`` is the column; ``df.pct_change`` would be pandas'
method)."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import shadowing as shadowing_names

import kawasaki_econ as k
from kawasaki_econ.analysis import change, index_to, year_on_year

COUNTS = ["value_start", "value_end", "change"]


def shadowing(df: pd.DataFrame) -> list[str]:
    """Columns whose name is also a DataFrame attribute (``rank``, ``index``, …)."""
    return shadowing_names(df.columns)


def test_the_check_finds_a_shadowing_column():
    assert shadowing(pd.DataFrame(columns=["rank", "index", "change_pct"])) == ["rank", "index"]


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    return k.load("census")


@pytest.fixture(scope="module")
def jr_stations() -> pd.DataFrame:
    r = k.load("ridership")
    return r[(r["operator"] == "JR東日本") & (r["measure"] == "boardings_daily_avg")
             & r["station"].isin(["川崎", "武蔵小杉"]) & r["source"].str.startswith("jreast/")]


def test_rank_change_counts_are_int64_and_no_column_shadows_a_dataframe_method(census):
    res = k.analysis.rank_change(census, 2016, 2021)
    assert {c: str(res[c].dtype) for c in COUNTS} == dict.fromkeys(COUNTS, "Int64")
    assert str(res["change_pct"].dtype) == "float64"
    assert (res["change"] == res["value_end"] - res["value_start"]).all()
    assert shadowing(res) == []


def test_peer_change_counts_are_int64_and_no_column_shadows_a_dataframe_method(census):
    # 藤沢市 is neither a designated nor a core city: its group is ranked by peer_change itself
    population = k.load("population")
    group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14205"), census, population)
    res = k.analysis.peer_change(census, group, 2016, 2021)
    assert group.kind == "other"
    assert {c: str(res[c].dtype) for c in COUNTS} == dict.fromkeys(COUNTS, "Int64")
    assert shadowing(res) == []


def test_change_of_counts_is_int64_and_of_rates_float(census, jr_stations):
    kawasaki = k.analysis.select(census, years=(2016, 2021), areas=["14130"])
    res = change(kawasaki, 2016, 2021)
    assert [str(res[c].dtype) for c in COUNTS] == ["Int64"] * 3
    assert [str(res[c].dtype) for c in ("change_pct", "cagr_pct")] == ["float64"] * 2
    row = res.iloc[0]
    assert row["change"] == row["value_end"] - row["value_start"]
    assert shadowing(res) == []
    jr = change(jr_stations, 2009, 2010, period="fiscal_year", by=["station"])
    assert str(jr["change"].dtype) == "Int64"
    # jreast/passenger_top100_FY2009.json and FY2010.json: 武蔵小杉 76,831 → 99,617 per day
    kosugi = jr.set_index("station").loc["武蔵小杉", COUNTS].tolist()
    assert kosugi == [76_831, 99_617, 99_617 - 76_831]
    assert shadowing(jr) == []


def test_change_of_a_float_measure_stays_float():
    airport = k.load("airport")
    hnd = airport[(airport["airport"] == "HND") & (airport["segment"] == "international")
                  & (airport["measure"] == "passengers_annual")
                  & (airport["basis"] == "calendar_year")]
    hnd = hnd.drop_duplicates("period", keep="last")
    years = sorted(hnd["period"].astype(int))
    res = change(hnd.assign(airport_code="HND"), str(years[0]), str(years[-1]),
                 period="period", by=["airport_code"])
    assert [str(res[c].dtype) for c in COUNTS] == ["float64"] * 3


def test_index_and_year_on_year_columns(jr_stations):
    idx = index_to(jr_stations, 2009, period="fiscal_year", by=["station"])
    assert "index_value" in idx.columns and str(idx["index_value"].dtype) == "float64"
    yoy = year_on_year(jr_stations, period="fiscal_year", by=["station"])
    assert str(yoy["yoy_change"].dtype) == "Int64"
    assert str(yoy["yoy_pct"].dtype) == "float64"
    added = [c for c in [*idx.columns, *yoy.columns] if c not in jr_stations.columns]
    assert added and shadowing(pd.DataFrame(columns=added)) == []
    # and the ridership columns they carry: the JR East rank is rank_jr_east, not rank
    assert "rank_jr_east" in idx.columns and shadowing(idx) == shadowing(yoy) == []


@pytest.mark.parametrize("name", ["industry_shares", "location_quotients", "shift_share"])
def test_comparison_results_name_no_column_like_a_dataframe_method(census, name):
    res = getattr(k.analysis, name)(census, 2016) if name != "shift_share" else \
        k.analysis.shift_share(census, 2016, 2021)
    assert shadowing(res) == []
