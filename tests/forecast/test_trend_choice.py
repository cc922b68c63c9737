"""How much trend an annual forecast keeps (none, damped, full) is the backtest's choice:
ETS without trend (``ses``) and ETS with a damped trend (``ets``) are separate candidates,
each fitted wherever it is identified, whatever the series length (issue 15, point 1).

Real series: JR 川崎 station daily boardings from the raw JR East files."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import jr_station_boardings

from kawasaki_econ.forecast import backtest as B
from kawasaki_econ.forecast.engine import ANNUAL_CANDIDATES, auto_forecast
from kawasaki_econ.forecast.model_base import ModelUnavailable, ets_parameters, min_obs
from kawasaki_econ.forecast.smoothing import ets, ses
from kawasaki_econ.forecast.wording import model_line

N = 500


@pytest.fixture(scope="module")
def kawasaki_log() -> np.ndarray:
    """log of JR 川崎 station daily boardings, FY1999–FY2012 (14 values)."""
    data = jr_station_boardings("川崎")
    assert list(data.index) == list(range(1999, 2013))
    return np.log(data.to_numpy())


def test_minimum_lengths_follow_the_parameter_count():
    assert ets_parameters(False) == 2 and ets_parameters(True) == 5
    # two residual degrees of freedom: the fewest the variance mixing represents
    assert min_obs("ses", 1) == 4 and min_obs("ets", 1) == 7


@pytest.mark.parametrize("n", [7, 8, 9])
def test_short_series_get_a_damped_trend(kawasaki_log, n):
    """Fewer than 10 points: the ``ets`` candidate still has its damped trend (it used to
    drop to ETS(M,N,N) below 10 points, a rule fixed by the series length)."""
    fc = ets(kawasaki_log[:n], 1, 3, N, np.random.default_rng(0))
    assert fc.params["form"] == "ETS(M,Ad,N)"
    assert {"smoothing_trend", "damping_trend", "initial_trend"} <= set(fc.params)
    assert fc.df == n - ets_parameters(True)
    flat = ses(kawasaki_log[:n], 1, 3, N, np.random.default_rng(0))
    assert flat.params["form"] == "ETS(M,N,N)"
    assert "smoothing_trend" not in flat.params and flat.df == n - ets_parameters(False)


def test_below_the_identified_length_the_form_is_unavailable(kawasaki_log):
    with pytest.raises(ModelUnavailable, match="ets: needs 7"):
        ets(kawasaki_log[:6], 1, 3, N, np.random.default_rng(0))
    with pytest.raises(ModelUnavailable, match="ses: needs 4"):
        ses(kawasaki_log[:3], 1, 3, N, np.random.default_rng(0))
    assert ses(kawasaki_log[:4], 1, 3, N, np.random.default_rng(0)).point.shape == (3,)


def test_eight_point_backtest_offers_none_damped_and_full(kawasaki_log):
    """An 8-point annual series (FY1999–FY2006): the backtest table holds the no-trend, the
    damped-trend and the full-trend candidates, each at every origin where it can be
    fitted (damped trend: 7 points; no trend: 4 to 7), and the final damped fit uses all
    8 points."""
    assert {"naive", "ses", "ets", "drift"} <= set(ANNUAL_CANDIDATES)
    y = np.exp(kawasaki_log[:8])
    fit = auto_forecast(y, 1, 6, n_sims=N, seed=0)
    errors = fit.errors
    origins = {m: set(errors.loc[errors["model"] == m, "origin"]) for m in ("ses", "ets")}
    assert origins["ets"] == {7}
    assert origins["ses"] == {4, 5, 6, 7}
    assert {"naive", "ses", "ets", "drift"} <= set(fit.scores.index)
    assert fit.fits["ets"].params["form"] == "ETS(M,Ad,N)"
    assert fit.fits["ets"].n_used == 8


def test_long_series_weighs_no_trend_and_damped_trend(kawasaki_log):
    """With a full track record both ETS forms take part in the inverse-MSE combination,
    each weighted by its own backtest error."""
    fit = auto_forecast(np.exp(kawasaki_log), 1, 3, n_sims=N, seed=0)
    weights = B.combination_weights(fit.scores, 1)
    assert {"ses", "ets"} <= set(weights)
    msse = fit.scores["msse"]
    assert weights["ses"] / weights["ets"] == pytest.approx(
        max(msse["ets"], B.WEIGHT_RMSSE_FLOOR**2) / max(msse["ses"], B.WEIGHT_RMSSE_FLOOR**2))


def test_model_line_names_the_trend_form():
    import pandas as pd

    score = pd.DataFrame({"mase": [0.9, 1.5], "n_origins": [5, 5]},
                         index=pd.Index(["ets", "naive"], name="model"))
    en = model_line({"name": "ets", "params": {}}, score, "en")
    assert en.startswith("Method: exponential smoothing with a damped trend (ETS) (backtest MASE 0.90)")
    ja = model_line({"name": "ses", "params": {}}, score.rename(index={"ets": "ses"}), "ja")
    assert ja.startswith("手法: トレンドなしの指数平滑法（ETS）（バックテストMASE 0.90）")


def test_model_line_of_a_requested_form_does_not_claim_the_backtest_chose_it(kawasaki_log):
    """``method='ets'`` on a series where the combination scores better: the line says the
    form was asked for, not that it beat the combination."""
    from kawasaki_econ.forecast.wording import CALLER_CHOICE

    fit = auto_forecast(np.exp(kawasaki_log), 1, 3, n_sims=N, seed=0, method="ets")
    assert fit.reason == CALLER_CHOICE
    assert fit.scores.loc["ets", "mase"] > fit.scores.loc["combination", "mase"] / 2
    en = model_line({"name": "ets", "reason": fit.reason}, fit.scores, "en")
    assert en.endswith(": the method asked for (method=ets), not the backtest's choice.")
    assert "less than half" not in en
    ja = model_line({"name": "ets", "reason": fit.reason}, fit.scores, "ja")
    assert "指定された手法（method=ets）" in ja
