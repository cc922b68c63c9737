"""Present-day use of the forecasts: bounded predictive distributions on real
series, verdicts for passed target years, any target through the CLI and in Python, the
status board, the figure, and clear errors for bad arguments.

Expected values come from the raw files (read here with the csv module), never from the
package's earlier output.
"""

from __future__ import annotations

import csv
import json

import numpy as np
import pandas as pd
import pytest

from kawasaki_econ.cli import main
from kawasaki_econ.errors import ForecastError
from kawasaki_econ.forecast import attainment, forecast_indicator

N = 2000
CSV = ("kankocho", "guest_nights_monthly_2011-01_2025-11.csv")


def _monthly(raw, pref: str) -> pd.Series:
    """Monthly foreign guest nights (all facilities) of one prefecture, raw CSV."""
    with open(raw.joinpath(*CSV), encoding="utf-8") as fh:
        rows = [(r["ym"], float(r["foreign"])) for r in csv.DictReader(fh)
                if r["pref_code"] == pref]
    return pd.Series(dict(rows)).sort_index()


def _fy_total(series: pd.Series, fy: int) -> float:
    months = [f"{fy}-{m:02d}" for m in range(4, 13)] + [f"{fy + 1}-{m:02d}" for m in range(1, 4)]
    return float(series.loc[months].sum())


@pytest.mark.parametrize("pref, published_2019_10", [("43", 92_840), ("08", 26_250)])
def test_tails_stay_bounded_at_every_horizon(raw, pref, published_2019_10):
    """熊本県 and 茨城県, fit through 2017-12, forecast to 2019-12 (the issue's cases:
    mean 4,988,871 and 219,680 at 2019-10 on the old code)."""
    series = _monthly(raw, pref)
    assert series["2019-10"] == published_2019_10  # the published value, as in the issue
    train = series.loc[:"2017-12"]
    res = attainment(train, target=2 * train.iloc[-12:].max(), by="2019-12", n_sims=N)
    fc = res.forecast.set_index("period")
    assert list(fc.index[[0, -1]]) == ["2018-01", "2019-12"]
    assert (fc["mean"] <= 1.5 * fc["median"]).all()
    assert (fc["lo95"] <= fc["median"]).all() and (fc["median"] <= fc["hi95"]).all()
    # the spread grows with the horizon but stays a forecast: 95 % band within ×/÷ 6
    assert (fc["hi95"] / fc["median"] < 6).all() and (fc["median"] / fc["lo95"] < 6).all()
    # the probability is counted on the same paths the table summarises
    draws = res.target_draws
    assert res.probability == pytest.approx(np.mean(draws >= res.target))
    assert np.median(draws) == pytest.approx(fc.loc["2019-12", "median"])


def test_fy2021_verdict_for_the_foreign_guest_target(raw):
    """FY2021 has passed: the implied value (Kanagawa FY2021 × the CY2019 share) with its
    interval, missed, and the probability it was met given the share's uncertainty."""
    kanagawa = _monthly(raw, "14")
    share = 280_000 / float(kanagawa.loc["2019-01":"2019-12"].sum())
    implied = _fy_total(kanagawa, 2021) * share
    res = forecast_indicator("P7_hotel_guests_foreign", n_sims=N)
    v = res.verdict
    assert v is not None and res.by == "FY2021" and res.target == 230_000
    assert v.status == "missed" and v.basis == "implied"
    assert v.value == pytest.approx(implied, rel=1e-9)
    assert v.driver_value == _fy_total(kanagawa, 2021)
    assert v.interval95[0] < v.value < v.interval95[1] < 230_000
    assert v.probability_met == res.probability < 0.01
    assert v.words().startswith("FY2021 has passed: implied value ")
    assert "missed" in v.words() and "経過済み" in v.words("ja")
    assert "FY2021 has passed" in res.summary("en") and "Probability" not in res.summary("en")
    assert res.to_dict()["status"] == "missed"


def test_forecast_indicator_any_target_in_python():
    res = forecast_indicator("P7_hotel_guests_foreign", target=300_000, by="FY2027", n_sims=N)
    assert res.verdict is None and res.by == "FY2027" and res.target == 300_000
    assert 0 < res.probability < 1
    assert res.forecast["period"].iloc[-1] == "FY2027"
    fc = res.forecast.set_index("period")
    assert fc.loc["FY2027", "mean"] <= 1.5 * fc.loc["FY2027", "median"]
    lower = forecast_indicator("P7_hotel_guests_foreign", target=300_000, by="FY2027",
                               direction="<=", n_sims=N)
    assert lower.probability == pytest.approx(1 - res.probability, abs=1e-9)


def test_cli_target_and_by(capsys):
    assert main(["forecast", "--indicator", "P7_hotel_guests_foreign", "--target", "300000",
                 "--by", "FY2027", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert 0 < out["probability"] < 1 and out["status"] == "forecast"
    assert out["target"] == 300_000 and out["by"] == "FY2027"
    assert out["forecast"][-1]["period"] == "FY2027"
    assert main(["forecast", "--indicator", "P7_hotel_guests_foreign", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "FY2021 has passed: implied value" in text and "missed" in text
    assert "95 % interval" in text
    # a refused command: usage errors exit 2, bad values exit 1 with a message
    assert main(["forecast", "--all", "--target", "5"]) == 2
    assert main(["forecast", "--indicator", "P7_hotel_guests_foreign", "--target", "1e999",
                 "--by", "FY2027", "--lang", "en"]) == 1
    assert "finite" in capsys.readouterr().err
    assert main(["forecast", "--indicator", "P7_hotel_guests_foreign", "--target", "many",
                 "--lang", "en"]) == 1
    assert "cannot read the target 'many'" in capsys.readouterr().err
    assert main(["forecast", "--indicator", "P7_hotel_guests_foreign", "--target", "many"]) == 1
    assert "目標 'many' を読めない" in capsys.readouterr().err


def test_cli_status_board(capsys):
    assert main(["forecast", "--all", "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    from kawasaki_econ import load

    kpi = load("kpi")
    targets = kpi[kpi["kind"].isin(["target", "draft_target"])]
    assert len([r for r in board if r["target"] is not None]) == len(targets)
    assert {r["indicator_id"] for r in board} == set(kpi["indicator_id"])
    assert all(r["status"] in ("met", "missed", "forecast", "no forecast", "no target")
               for r in board)


@pytest.mark.parametrize("kwargs, message", [
    ({"n_sims": 100.5}, "n_sims must be a whole number"),
    ({"n_sims": 10}, "at least 100"),
    ({"n_sims": "1000"}, "n_sims must be a whole number"),
    ({"n_sims": True}, "n_sims must be a whole number"),
    ({"target": float("nan")}, "target must be finite"),
    ({"target": "lots"}, "target must be a number"),
    ({"direction": "=>"}, "direction must be one of"),
    ({"seed": -1}, "seed must be at least 0"),
    ({"shock": {"FY2013": "much"}}, "cannot read shock"),
])
def test_bad_arguments_raise_forecast_error(kwargs, message):
    series = pd.Series({2008: 100.0, 2009: 110.0, 2010: 120.0, 2011: 125.0, 2012: 131.0})
    args = {"target": 150.0, "by": 2014, "n_sims": N, **kwargs}
    with pytest.raises(ForecastError, match=message):
        attainment(series, **args)


def test_infinite_values_in_the_series_are_refused():
    series = pd.Series({2008: 100.0, 2009: np.inf, 2010: 120.0})
    with pytest.raises(ForecastError, match="finite"):
        attainment(series, target=150, by=2012, n_sims=N)


def test_verdict_figure_has_no_empty_panel():
    res = forecast_indicator("P7_hotel_guests_foreign", n_sims=N)
    for lang in ("ja", "en"):
        fig = res.plot(lang=lang)
        assert len(fig.axes) == 2
        fig.canvas.draw()
        for ax in fig.axes:
            drawn = [ln for ln in ax.get_lines()
                     if np.isfinite(np.asarray(ln.get_ydata(), dtype=float)).any()]
            assert drawn, "empty panel"  # each panel draws its series as a line
            labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
            assert any("," in t for t in labels)  # thousands separators
        left = fig.axes[0]
        assert left.get_xlim()[1] >= 2025 + 10 / 12  # the data run to 2025-11
        ticks = [t for t in left.get_xticks() if left.get_xlim()[0] <= t <= left.get_xlim()[1]]
        assert max(ticks) >= 2024
        footer = " ".join(t.get_text() for t in fig.texts)
        assert ("出典" if lang == "ja" else "Source") in footer
    assert "未達" in res.plot().get_suptitle()
    assert "missed" in res.plot(lang="en").get_suptitle()
