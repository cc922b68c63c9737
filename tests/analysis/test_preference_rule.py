"""One preference rule (kawasaki_econ.prefer) for the analyses, the chart data and guest
nights, on real rows of the processed tables."""

from __future__ import annotations

import pandas as pd
import pytest

import kawasaki_econ
from kawasaki_econ.analysis.series import station_series
from kawasaki_econ.paths import project_root
from kawasaki_econ.prefer import STATUS_ORDER, prefer_final, prefer_official

RAW = project_root() / "data" / "raw"
GUEST_NIGHT_KEY = ["area_code", "frame", "nationality", "freq", "period"]


@pytest.fixture(scope="module")
def guest_nights():
    return kawasaki_econ.load("guest_nights")


def test_status_order_puts_derived_right_after_final():
    assert STATUS_ORDER[:4] == ("final", "derived", "rounded", "preliminary")


def test_guest_nights_use_the_one_rule(guest_nights):
    assert prefer_official(guest_nights).equals(prefer_final(guest_nights, GUEST_NIGHT_KEY))
    rows = guest_nights[(guest_nights.area_code == "00") & (guest_nights.period == "2017-03")
                        & (guest_nights.nationality == "foreign") & (guest_nights.freq == "month")
                        & (guest_nights.frame == "all_facilities")]
    assert set(rows.status) == {"preliminary", "derived"}  # 2017-09 workbook vs CSV sum
    picked = prefer_final(rows, GUEST_NIGHT_KEY)
    # the sum of the 47 final prefecture values beats the official preliminary national row
    assert len(picked) == 1 and picked.iloc[0].status == "derived"
    # that sum recomputed from the raw CSV with plain pandas: the 47 prefectures of 2017-03
    monthly = pd.read_csv(RAW / "kankocho" / "guest_nights_monthly_2011-01_2025-11.csv",
                          dtype={"pref_code": str})
    prefectures = monthly[(monthly.ym == "2017-03") & (monthly.pref_code != "00")]
    assert len(prefectures) == 47
    assert picked.iloc[0].value == prefectures["foreign"].sum()


def test_station_figures_prefer_jr_east_own_table():
    ridership = kawasaki_econ.load("ridership")
    # 品川 FY2008: JR East's top-100 table 328,439; a transcription 328,429 (both final)
    rows = ridership[(ridership.station == "品川") & (ridership.fiscal_year == 2008)
                     & (ridership.measure == "boardings_daily_avg")]
    assert sorted(rows.value) == [328_429, 328_439]
    series = station_series(ridership, ["品川"])
    one = series[series.fiscal_year == 2008].iloc[0]
    assert (one.value, one.dataset) == (328_439, "jreast_top100")
    # the dataset ranking is the rule's third step: ranked the other way, it decides
    flipped = prefer_final(rows, ["station", "fiscal_year"], datasets={"transcribed": 0})
    assert flipped.value.tolist() == [328_429]


def test_station_series_refuses_a_municipality_without_stations():
    ridership = kawasaki_econ.load("ridership")
    with pytest.raises(ValueError, match="no stations in area 14100"):
        station_series(ridership, focus="14100")
