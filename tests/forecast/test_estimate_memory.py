"""Memoized model estimates (kawasaki_econ.forecast.model_base.memoized): a fit that reuses
an estimate gives exactly the forecast of a fresh fit, and repeated fits do reuse it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import jr_station_boardings

from kawasaki_econ.forecast import model_base
from kawasaki_econ.forecast.engine import auto_forecast

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture(scope="module")
def kawasaki_station() -> np.ndarray:
    """JR 川崎 station daily boardings FY1999–FY2012 (raw JR East top-100 tables)."""
    data = jr_station_boardings("川崎")
    assert list(data.index) == list(range(1999, 2013))
    return data.to_numpy()


@pytest.fixture(scope="module")
def tokyo_foreign() -> np.ndarray:
    """Monthly foreign guest nights in 東京都, 2011-01 … 2018-12 (観光庁 raw CSV)."""
    df = pd.read_csv(RAW / "kankocho" / "guest_nights_monthly_2011-01_2025-11.csv",
                     dtype={"pref_code": str})
    rows = df[(df["pref_code"] == "13") & (df["ym"] <= "2018-12")].sort_values("ym")
    assert len(rows) == 96
    return rows["foreign"].to_numpy(float)


@pytest.mark.parametrize("which", ["kawasaki_station", "tokyo_foreign"])
def test_reused_estimates_give_the_forecast_of_a_fresh_fit(which, request):
    values = request.getfixturevalue(which)
    season = 12 if which == "tokyo_foreign" else 1
    h = 12 if season == 12 else 3
    model_base.forget_estimates()
    fresh = auto_forecast(values, season, h, n_sims=500, seed=3)
    assert model_base.estimates_kept() > 0  # the backtest and the final fit were estimated
    # one season earlier first: its final fit and backtests are what the later origin's
    # backtest refits
    model_base.forget_estimates()
    auto_forecast(values[:-season], season, h, n_sims=500, seed=3)
    kept = model_base.estimates_kept()
    again = auto_forecast(values, season, h, n_sims=500, seed=3)
    assert model_base.estimates_kept() < 2 * kept  # most estimates were reused, not redone
    assert again.name == fresh.name
    np.testing.assert_array_equal(again.point, fresh.point)
    np.testing.assert_array_equal(again.level_paths(), fresh.level_paths())


def test_estimate_is_computed_once_per_exact_data():
    calls = []

    def estimate():
        calls.append(1)
        return len(calls)

    model_base.forget_estimates()
    x = np.array([1.0, 2.0, 3.0])
    assert model_base.memoized("test", x, None, estimate) == 1
    assert model_base.memoized("test", x.copy(), None, estimate) == 1
    assert model_base.memoized("test", x, "other options", estimate) == 2
    assert model_base.memoized("test", x + 1e-15 * x, None, estimate) == 3
    assert len(calls) == 3
