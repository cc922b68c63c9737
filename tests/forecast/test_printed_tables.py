"""Forecast and hindcast tables print rounded to their unit; the numbers underneath are the
unrounded floats (issue 19: ``print(res.forecast)`` showed ``2.372614e+06``).

The series is Kanagawa's monthly foreign guest nights from the raw 観光庁 CSV; expected
values are read from that file with the csv module.
"""

from __future__ import annotations

import csv
import pickle
import re

import numpy as np
import pandas as pd
import pytest

from kawasaki_econ import load
from kawasaki_econ.forecast import attainment, forecast_indicator
from kawasaki_econ.forecast.display import FORECAST_VALUES, UnitFrame, unit_frame
from kawasaki_econ.forecast.distribution import summarise
from kawasaki_econ.forecast.overview import status_board
from kawasaki_econ.forecast.units import UNIT_DECIMALS, UNIT_LABELS, unit_decimals
from kawasaki_econ.paths import project_root

N = 2000
CSV = ("kankocho", "guest_nights_monthly_2011-01_2025-11.csv")
#: A whole number with thousands separators of at least a million: "2,372,614".
MILLIONS = re.compile(r"\b\d{1,3},\d{3},\d{3}\b")
WIDE = {"display.width": 400, "display.max_columns": 50}


def _kanagawa() -> pd.Series:
    with open(project_root().joinpath("data", "raw", *CSV), encoding="utf-8") as fh:
        rows = [(r["ym"], float(r["foreign"])) for r in csv.DictReader(fh)
                if r["pref_code"] == "14"]
    return pd.Series(dict(rows)).sort_index()


def _fy_total(series: pd.Series, fy: int) -> float:
    months = [f"{fy}-{m:02d}" for m in range(4, 13)] + [f"{fy + 1}-{m:02d}" for m in range(1, 4)]
    return float(series.loc[months].sum())


def _printed(df: pd.DataFrame) -> str:
    with pd.option_context(*[x for kv in WIDE.items() for x in kv]):
        return repr(df)


@pytest.fixture(scope="module")
def kanagawa() -> pd.Series:
    return _kanagawa()


@pytest.fixture(scope="module")
def res(kanagawa):
    """As of 2018-03, FY2019 total ≥ 3,000,000 guest nights (unit 人泊): monthly forecast,
    annual totals and a hindcast against the later actuals."""
    return attainment(kanagawa, target=3_000_000, by="FY2019", as_of="2018-03", n_sims=N,
                      unit="人泊")


def test_forecast_tables_print_whole_numbers_with_separators(res):
    for text in (_printed(res.annual), res.annual.to_string(), str(res.annual)):
        assert "e+0" not in text and MILLIONS.search(text), text
    tidy = res.to_frame()  # monthly history and forecast
    assert f"{res.history.iloc[-1]:,.0f}" in tidy.to_string() and "e+0" not in str(tidy)
    assert f"{res.forecast['median'].iloc[-1]:,.0f}" in tidy.to_string()
    text = res.annual.to_string()
    for v in res.annual["median"]:
        assert f"{v:,.0f}" in text
    monthly = res.forecast.to_string()
    assert "e+0" not in monthly
    for v in res.forecast["hi95"]:
        assert f"{v:,.0f}" in monthly
    html = res.annual._repr_html_()
    assert f"{res.annual['median'].iloc[-1]:,.0f}" in html and "e+0" not in html


def test_values_underneath_are_the_unrounded_computation(res):
    # the frames hold exactly the simulation's numbers (same bits) ...
    for shown, computed in ((res.forecast, res.simulation.forecast),
                            (res.annual, res.simulation.annual)):
        assert isinstance(shown, UnitFrame) and type(computed) is pd.DataFrame
        for col in FORECAST_VALUES:
            assert shown[col].to_numpy().tobytes() == computed[col].to_numpy().tobytes()
    # ... which are the quantiles of the simulated paths, recomputed here
    paths = res.simulation.paths
    for j in (0, paths.shape[1] - 1):
        assert res.forecast.iloc[j][list(FORECAST_VALUES)].to_dict() == summarise(paths[:, j])
    fy2019 = res.annual.set_index("period").loc["FY2019"]
    assert fy2019[list(FORECAST_VALUES)].to_dict() == summarise(res.target_draws)
    median = res.forecast["median"].iloc[0]
    assert isinstance(median, float) and median != round(median)


def test_hindcast_prints_the_actuals_rounded_and_errors_as_percentages(res, kanagawa):
    table = res.hindcast
    fy2018 = table.set_index("period").loc["FY2018"]
    assert fy2018["actual"] == _fy_total(kanagawa, 2018)  # the raw file's FY2018 total
    text = table.to_string()
    assert f"{_fy_total(kanagawa, 2018):,.0f}" in text and "e+0" not in text
    assert f"{fy2018['error_pct']:+.1%}" in text
    # the notebook's selection of the annual rows prints the same way
    years = table[table["period"].astype(str).str.startswith("FY")]
    assert isinstance(years, UnitFrame) and MILLIONS.search(_printed(years))
    assert f"{fy2018['median']:,.0f}" in _printed(years.tail(3))


def test_derived_frames_are_plain_dataframes(res):
    values = res.forecast[list(FORECAST_VALUES)]
    for derived in (values * 2, values - values.iloc[0], res.forecast.copy(),
                    res.forecast.loc[:2], pd.DataFrame(res.forecast), values.describe()):
        assert type(derived) is pd.DataFrame
    doubled = (values * 2).to_string(float_format=repr)
    assert repr(2 * res.forecast["median"].iloc[0]) in doubled
    back = pickle.loads(pickle.dumps(res.forecast))
    assert isinstance(back, UnitFrame) and back.to_string() == res.forecast.to_string()


def test_driver_result_and_forecast_indicator_tables():
    res = forecast_indicator("P7_hotel_guests_foreign", target=300_000, by="FY2027", n_sims=N)
    assert res.driver.unit == "人泊"
    for table in (res.forecast, res.driver.implied, res.driver.driver_forecast):
        assert isinstance(table, UnitFrame) and "e+0" not in table.to_string()
    assert MILLIONS.search(res.driver.driver_forecast.to_string())
    assert f"{res.forecast['median'].iloc[-1]:,.0f}" in str(res.forecast)


def test_status_board_rounds_each_row_to_its_unit():
    board = status_board(n_sims=500, lang="en")
    text = board.to_string()
    p7 = board[(board["indicator_id"] == "P7_hotel_guests_foreign")
               & (board["kind"] == "target")].iloc[0]
    assert p7["target"] == 230_000 and f"{p7['value']:,.0f}" in text
    assert f"{p7['probability']:.1%}" in text
    rate = board[board["unit"] == "%"]  # 消費生活相談の年度内完了率: targets 98 % and 99 %
    assert sorted(rate["target"].dropna()) == [98.0, 99.0]
    assert re.search(r"\b98\.0\b", text) and re.search(r"\b99\.0\b", text)


def test_unit_precision_is_declared_once_for_every_unit():
    assert set(UNIT_DECIMALS) == set(UNIT_LABELS)
    kpi = load("kpi")
    assert set(kpi["unit"].dropna()) - set(UNIT_DECIMALS) <= {"% increase over 10 years"}
    # percentages keep the decimal the kpi table holds: 99.2 % and 75.6 % (SME shares)
    shares = kpi[kpi["indicator_id"].str.startswith("CTX_sme_share")]
    printed = unit_frame(shares[["indicator_id", "value"]], "%", ["value"]).to_string()
    assert "99.2" in printed and "75.6" in printed
    assert unit_decimals("persons") == 0 and unit_decimals("%") == 1
    # an undeclared unit: four significant digits of the largest value, no trailing zeros
    assert unit_decimals(None, [2_372_614.3]) == 0
    assert unit_decimals(None, [0.0523, 0.1]) == 4
    assert unit_decimals(None, [40.0]) == 0
    assert unit_decimals(None, [np.nan]) == 0


def test_jupyter_shows_the_rounded_table(res):
    shell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell.instance()
    data, _ = shell.display_formatter.format(res.annual)
    total = f"{res.annual['median'].iloc[-1]:,.0f}"
    assert total in data["text/plain"] and total in data["text/html"]
    assert "e+0" not in data["text/plain"] + data["text/html"]


def test_hindcast_periods_keep_the_series_labels(kanagawa):
    """An annual series' hindcast is labelled with the same integer years as its forecast
    (it printed 2018.0: the labels went through iterrows' float rows)."""
    fy = pd.Series({y: _fy_total(kanagawa, y) for y in range(2011, 2025)})
    hind = attainment(fy, target=5_000_000, by="FY2027", as_of="2019-04", n_sims=500).hindcast
    assert hind["period"].tolist()[:2] == [2018, 2019]
    assert hind["period"].dtype == np.int64
    assert hind.set_index("period").loc[2018, "actual"] == _fy_total(kanagawa, 2018)
    assert "2018.0" not in hind.to_string()
