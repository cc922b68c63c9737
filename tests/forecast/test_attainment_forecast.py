"""Indicator attainment forecasts (kawasaki_econ.forecast) on real series.

Values checked against the raw files are computed here independently of the package;
behavioural checks (monotonicity, truncation equivalence, reproducibility) compare the
package with itself under changed inputs, never with numbers it produced earlier.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from helpers import jr_station_boardings

from kawasaki_econ.errors import ForecastError
from kawasaki_econ.forecast import aggregate_months, attainment
from kawasaki_econ.forecast import periods as P
from kawasaki_econ.forecast.distribution import wilson
from kawasaki_econ.forecast.shocks import shock_multiplier
from kawasaki_econ.paths import project_root

RAW = project_root() / "data" / "raw"
N = 2000  # paths per call: enough for these checks, keeps the module fast


@pytest.fixture(scope="module")
def monthly_csv() -> pd.DataFrame:
    return pd.read_csv(
        RAW / "kankocho" / "guest_nights_monthly_2011-01_2025-11.csv", dtype={"pref_code": str}
    )


@pytest.fixture(scope="module")
def kanagawa_foreign(monthly_csv) -> pd.Series:
    """神奈川県 foreign guest nights by month ('YYYY-MM' index), straight from the raw CSV."""
    k = monthly_csv[monthly_csv["pref_code"] == "14"]
    return pd.Series(k["foreign"].astype(float).to_numpy(), index=k["ym"].to_numpy())


@pytest.fixture(scope="module")
def kawasaki_station() -> pd.Series:
    """JR 川崎 station daily boardings, FY1999–FY2012 (integer index = fiscal years)."""
    data = jr_station_boardings("川崎")
    assert list(data.index) == list(range(1999, 2013))
    return data


@pytest.fixture(scope="module")
def national_foreign_fy(monthly_csv) -> pd.Series:
    """Japan's foreign guest nights by fiscal year FY2011–FY2018 (sum of the 47 prefectures'
    months, computed here), a steady strong uptrend."""
    n = monthly_csv[monthly_csv["pref_code"] != "00"].groupby("ym")["foreign"].sum()
    out = {}
    for fy in range(2011, 2019):
        months = [f"{fy}-{m:02d}" for m in range(4, 13)] + [
            f"{fy + 1}-{m:02d}" for m in range(1, 4)
        ]
        out[fy] = float(n.loc[months].sum())
    return pd.Series(out)


# ------------------------------------------------------------------------------- periods
def test_parse_periods_and_fiscal_convention():
    assert P.parse_period("FY2021") == P.Period(P.FISCAL, 2021)
    assert P.parse_period(2021) == P.Period(P.FISCAL, 2021)
    assert P.parse_period(2021, "calendar") == P.Period(P.CALENDAR, 2021)
    assert P.parse_period("2021-03") == P.Period(P.MONTH, 2021 * 12 + 2)
    assert P.parse_period(pd.Period("2021", "Y")) == P.Period(P.CALENDAR, 2021)
    # pandas labels the April 2021 – March 2022 fiscal year '2022' (Y-MAR): that is FY2021
    assert P.parse_period(pd.Period("2022", "Y-MAR")) == P.Period(P.FISCAL, 2021)
    assert P.parse_period("2021年度") == P.Period(P.FISCAL, 2021)
    assert P.Period(P.FISCAL, 2016).months() == (2016 * 12 + 3, 2017 * 12 + 2)  # Apr–Mar
    with pytest.raises(ForecastError):
        P.parse_period("next year")


def test_publication_lag_rule():
    # as of March 2018 (its start), monthly data are published 2 months after the month:
    # December 2017 is the last month usable; January 2018 is not.
    assert P.month_label(P.last_published(P.MONTH, "2018-03")) == "2017-12"
    # FY2008 ends March 2009; +6 months = September 2009 <= March 2010; FY2009 is not usable
    assert P.last_published(P.FISCAL, "2010-03") == 2008
    assert P.last_published(P.FISCAL, "2010-10") == 2009


def test_monthly_to_fiscal_year_sums_april_to_march(kanagawa_foreign, monthly_csv):
    k = monthly_csv[monthly_csv["pref_code"] == "14"].set_index("ym")["foreign"]
    fy2016 = sum(int(k[f"2016-{m:02d}"]) for m in range(4, 13)) + sum(
        int(k[f"2017-{m:02d}"]) for m in range(1, 4)
    )
    cy2016 = sum(int(k[f"2016-{m:02d}"]) for m in range(1, 13))
    fy = aggregate_months(kanagawa_foreign, "fiscal")
    cy = aggregate_months(kanagawa_foreign, "calendar")
    assert fy.loc[2016] == fy2016
    assert cy.loc[2016] == cy2016
    assert fy2016 != cy2016
    # FY2025 is incomplete (data end 2025-11): a partial sum is never reported as a total
    assert np.isnan(fy.loc[2025])


def test_annual_target_on_monthly_series_aggregates_the_fiscal_year(kanagawa_foreign):
    # FY2016 fully observed: the "forecast" is the observed April–March sum
    s = kanagawa_foreign.loc[:"2017-06"]
    res = attainment(s, target=2_000_000, by="FY2016", n_sims=N)
    fy2016 = kanagawa_foreign.loc["2016-04":"2017-03"].sum()
    assert res.target_forecast["median"] == pytest.approx(fy2016)
    assert res.probability == 1.0
    # series ending mid-year: observed months enter the total with their values
    part = kanagawa_foreign.loc[:"2016-09"]
    res = attainment(part, target=2_000_000, by="FY2016", n_sims=N)
    observed = kanagawa_foreign.loc["2016-04":"2016-09"].sum()
    assert res.target_forecast["lo95"] > observed
    assert list(res.forecast["period"])[:2] == ["2016-10", "2016-11"]
    assert list(res.forecast["period"])[-1] == "2017-03"
    assert res.annual["period"].tolist() == ["FY2016"]
    assert res.annual["median"].iloc[0] == pytest.approx(res.target_forecast["median"])


# ----------------------------------------------------------------------- core behaviour
def test_reproducible_with_fixed_seed(kawasaki_station):
    a = attainment(kawasaki_station, target=200_000, by=2015, n_sims=N, seed=3)
    b = attainment(kawasaki_station, target=200_000, by=2015, n_sims=N, seed=3)
    c = attainment(kawasaki_station, target=200_000, by=2015, n_sims=N, seed=4)
    assert a.probability == b.probability
    pd.testing.assert_frame_equal(a.forecast, b.forecast)
    np.testing.assert_array_equal(a.target_draws, b.target_draws)
    assert not np.array_equal(a.target_draws, c.target_draws)


def test_steady_trend_far_above_or_below_target(national_foreign_fy):
    # the default 10,000 paths: with fewer, the Monte-Carlo error (±0.003 at 2,000 paths)
    # is of the order of the margin being tested
    last = national_foreign_fy.iloc[-1]
    above = attainment(national_foreign_fy, target=0.5 * last, by="FY2020", n_sims=10_000)
    below = attainment(national_foreign_fy, target=4.0 * last, by="FY2020", n_sims=10_000)
    assert above.probability > 0.97
    assert below.probability < 0.03
    lower = attainment(
        national_foreign_fy, target=0.5 * last, by="FY2020", direction="<=", n_sims=10_000
    )
    assert lower.probability == pytest.approx(1 - above.probability, abs=1e-9)
    lo, hi = above.probability_interval
    assert lo <= above.probability <= hi


def test_intervals_widen_with_horizon(kawasaki_station, kanagawa_foreign):
    res = attainment(kawasaki_station, target=200_000, by=2017, n_sims=N)
    width = (res.forecast["hi95"] - res.forecast["lo95"]).to_numpy()
    assert len(width) == 5
    assert np.all(np.diff(width) > 0)
    m = attainment(kanagawa_foreign.loc[:"2019-12"], target=3e6, by="FY2021", n_sims=N)
    rel = (m.forecast["hi95"] / m.forecast["lo95"]).to_numpy()
    assert rel[-1] > rel[0]  # relative width after 27 months > after one month


def test_labels_follow_the_input_index(kawasaki_station):
    res = attainment(kawasaki_station, target=1, by=2014, n_sims=N)
    assert res.forecast["period"].tolist() == [2013, 2014]
    fy = kawasaki_station.copy()
    fy.index = [f"FY{y}" for y in fy.index]
    res = attainment(fy, target=1, by="FY2014", n_sims=N)
    assert res.forecast["period"].tolist() == ["FY2013", "FY2014"]
    per = kawasaki_station.copy()
    per.index = pd.PeriodIndex([str(y + 1) for y in per.index], freq="Y-MAR")
    res = attainment(per, target=1, by="FY2014", n_sims=N)
    assert res.forecast["period"].tolist() == [
        pd.Period("2014", "Y-MAR"),
        pd.Period("2015", "Y-MAR"),
    ]


def test_as_of_never_uses_later_data(kawasaki_station, kanagawa_foreign):
    # annual: as of 2010-03 with the default 6-month lag only FY1999–FY2008 are usable
    full = attainment(kawasaki_station, target=190_000, by=2012, as_of="2010-03", n_sims=N)
    cut = attainment(kawasaki_station.loc[:2008], target=190_000, by=2012, n_sims=N)
    assert full.probability == cut.probability
    pd.testing.assert_frame_equal(full.forecast, cut.forecast)
    # changing the values published later changes nothing but the hindcast
    tampered = kawasaki_station.copy()
    tampered.loc[2009:] *= 10
    t = attainment(tampered, target=190_000, by=2012, as_of="2010-03", n_sims=N)
    pd.testing.assert_frame_equal(t.forecast, full.forecast)
    assert full.hindcast["period"].tolist() == [2009, 2010, 2011, 2012]
    np.testing.assert_allclose(full.hindcast["actual"], kawasaki_station.loc[2009:2012])
    # monthly, the plan's date: data through 2017-12 only
    m_full = attainment(kanagawa_foreign, target=3e6, by="FY2019", as_of="2018-03", n_sims=N)
    m_cut = attainment(kanagawa_foreign.loc[:"2017-12"], target=3e6, by="FY2019", n_sims=N)
    assert m_full.probability == m_cut.probability
    assert m_full.history.index[-1] == "2017-12"
    hc = m_full.hindcast.set_index("period")
    assert hc.loc["FY2018", "actual"] == kanagawa_foreign.loc["2018-04":"2019-03"].sum()


def test_hindcast_flags_the_covid_collapse(kanagawa_foreign):
    res = attainment(kanagawa_foreign, target=3e6, by="FY2021", as_of="2018-03", n_sims=N)
    hc = res.hindcast.set_index("period")
    actual_fy2020 = kanagawa_foreign.loc["2020-04":"2021-03"].sum()
    assert hc.loc["FY2020", "actual"] == actual_fy2020
    assert actual_fy2020 < hc.loc["FY2020", "lo95"]  # far below anything the past suggested
    assert not hc.loc["FY2020", "in95"] and not hc.loc["FY2021", "in95"]
    assert "hindcast" in res.summary()


def test_missing_periods_stay_missing(kawasaki_station):
    gappy = kawasaki_station.drop([2004, 2005])
    res = attainment(gappy, target=200_000, by=2014, n_sims=N)
    assert np.isnan(res.history.loc[[2004, 2005]]).all()
    assert res.history.notna().sum() == 12
    frame = res.to_frame()
    observed = frame[frame["kind"] == "observed"].set_index("period")["value"]
    assert np.isnan(observed.loc[2004]) and np.isnan(observed.loc[2005])
    assert any("missing period" in a for a in res.assumptions)
    # ETS/Theta/ARIMA see only the contiguous segment after the gap (FY2006–FY2012)
    # (positions 5 and 6 missing: the segment starts at position 7; ETS without trend needs
    # 4 contiguous points, so its first backtest origin is 7 + 4, whatever comes before)
    errors = res.backtest_errors
    ses_origins = errors.loc[errors["model"] == "ses", "origin"]
    assert len(ses_origins) and ses_origins.min() == 7 + 4
    assert not (errors["model"] == "ets").any()  # damped trend: 7 points, only the final fit


def test_empty_or_all_missing_series_raise():
    with pytest.raises(ForecastError, match="empty"):
        attainment(pd.Series(dtype=float), target=1, by=2021)
    with pytest.raises(ForecastError, match="no observation"):
        attainment(pd.Series([np.nan, np.nan], index=[2019, 2020]), target=1, by=2021)
    with pytest.raises(ForecastError):
        attainment(pd.Series([1.0], index=[2019]), target=1, by=2021, direction="=>")


def test_too_few_points_give_no_probability_but_a_labelled_scenario(kawasaki_station):
    two = kawasaki_station.loc[2011:2012]
    with pytest.raises(ForecastError, match="at least 3 .1 more year"):
        attainment(two, target=200_000, by=2014, n_sims=N)
    res = attainment(two, target=200_000, by=2014, n_sims=N, scenario_sd=0.1)
    assert res.model["name"] == "naive" and res.scenario
    assert "too few" in res.model["reason"]
    one = kawasaki_station.loc[[2012]]
    res = attainment(one, target=200_000, by=2014, n_sims=N, scenario_sd=0.1)
    assert res.model["name"] == "naive"
    assert res.assumption_driven and res.scenario
    assert any("assumed" in a for a in res.assumptions)
    assert "SCENARIO" in res.summary("en")


def test_shock_scales_paths_of_the_listed_periods(national_foreign_fy):
    base = attainment(national_foreign_fy, target=5e7, by="FY2020", n_sims=N)
    hit = attainment(
        national_foreign_fy, target=5e7, by="FY2020", n_sims=N, shock={"FY2020": -0.85}
    )
    np.testing.assert_allclose(hit.target_draws, 0.15 * base.target_draws)
    assert hit.probability < base.probability
    unaffected = hit.forecast.set_index("period").loc[2019, "median"]
    assert unaffected == base.forecast.set_index("period").loc[2019, "median"]
    assert shock_multiplier(-0.85) == pytest.approx(0.15)
    assert shock_multiplier("-80%") == pytest.approx(0.2)
    assert shock_multiplier(1.1) == pytest.approx(1.1)


def test_driver_with_one_overlap_is_assumption_driven(kanagawa_foreign):
    kawasaki = pd.Series({2019: 280_000.0})  # 約28万人, calendar 2019
    res = attainment(
        kawasaki,
        target=230_000,
        by="FY2019",
        freq="calendar",
        driver=kanagawa_foreign.loc[:"2019-12"],
        n_sims=N,
    )
    cy2019 = kanagawa_foreign.loc["2019-01":"2019-12"].sum()
    assert res.driver.share == pytest.approx(280_000 / cy2019)
    assert res.assumption_driven
    assert "ASSUMPTION-DRIVEN" in res.summary(lang="en")
    assert "仮定に依存" in res.summary(lang="ja")
    wide = attainment(
        kawasaki,
        target=230_000,
        by="FY2019",
        freq="calendar",
        share_sd=0.5,
        driver=kanagawa_foreign.loc[:"2019-12"],
        n_sims=N,
    )
    width = res.target_forecast["hi95"] - res.target_forecast["lo95"]
    assert wide.target_forecast["hi95"] - wide.target_forecast["lo95"] > width
    with pytest.raises(ForecastError, match="overlapping|no period"):
        attainment(
            pd.Series({2030: 1.0}), target=1, by="FY2031", freq="calendar", driver=kanagawa_foreign
        )


def test_forecast_indicator_hotel_guests_hindcast():
    from kawasaki_econ.forecast import forecast_indicator

    res = forecast_indicator("P7_hotel_guests_foreign", as_of="2018-03", n_sims=N)
    assert res.target == 230_000 and res.by == "FY2021" and res.direction == ">="
    assert res.assumption_driven
    assert any("LOOK-AHEAD" in a for a in res.assumptions)
    hc = res.hindcast.set_index("period")
    assert not hc.loc["FY2021", "in95"]  # COVID: the actual fell outside the interval
    text = res.summary("en")
    assert "230,000" in text and "FY2021" in text
    assert "FY2021に23万人以上" in res.summary()
    with pytest.raises(ForecastError, match="unknown indicator"):
        forecast_indicator("NO_SUCH_INDICATOR")


def test_result_objects(kawasaki_station):
    res = attainment(
        kawasaki_station, target=200_000, by=2014, n_sims=N, name="川崎駅 乗車人員", unit="人/日"
    )
    assert set(["period", "mean", "median", "lo80", "hi80", "lo95", "hi95"]) <= set(
        res.forecast.columns
    )
    assert {"required", "historical", "recent"} <= set(res.required_growth.index)
    last = kawasaki_station.iloc[-1]
    assert res.required_growth["required"] == pytest.approx((200_000 / last) ** 0.5 - 1)
    assert 0.0 <= res.probability <= 1.0
    assert "combination" in res.backtest.index
    frame = res.to_frame()
    assert (frame["kind"] == "observed").sum() == 14
    json.dumps(res.to_dict())
    fig = res.plot(lang="en")
    assert len(fig.axes) == 1
    assert "Probability of at least 200,000 人/日 in FY2014: " in fig.get_suptitle()
    assert "FY2014に20万人/日以上となる確率" in res.plot().get_suptitle() and ">=" not in res.plot().get_suptitle()
    assert repr(res).startswith("<AttainmentResult ") and "\n" not in repr(res)
    assert "<table" in res._repr_html_() and "FY2014" in res._repr_html_()


def test_wilson_interval():
    lo, hi = wilson(50, 100)
    assert lo < 0.5 < hi
    assert wilson(0, 1000)[0] == 0.0 and wilson(1000, 1000)[1] == 1.0


def test_import_is_light():
    code = (
        "import sys, kawasaki_econ, kawasaki_econ.forecast; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('statsmodels', "
        "'matplotlib')]; print(bad); sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_explicit_method_that_cannot_be_fitted_raises(kawasaki_station):
    with pytest.raises(ForecastError, match="cannot be fitted"):
        attainment(kawasaki_station.loc[2010:2012], target=1, by=2014, method="ets", n_sims=N)
    res = attainment(kawasaki_station.loc[2008:2012], target=1, by=2014, n_sims=N)
    assert any(a.startswith("not fitted:") for a in res.assumptions)


# ------------------------------------------------------------- annual models and weights
def test_annual_arima_is_the_exact_maximum_likelihood(kawasaki_station):
    """The innovations-algorithm MA(1) fit reaches statsmodels SARIMAX's likelihood optimum
    (SARIMAX run to convergence with Nelder–Mead, scale not concentrated)."""
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    from kawasaki_econ.forecast import arima_model as M

    w = np.diff(np.log(kawasaki_station.to_numpy()))
    fit = M.fit_ma1(w)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = SARIMAX(w, order=(0, 0, 1), trend="c").fit(disp=False, method="nm", maxiter=5000)
    _, _, s2, _, r = M._ma1_profile(w, np.array([fit["theta"]]))
    n = w.size
    llf = -0.5 * n * (np.log(2 * np.pi) + 1 + np.log(s2[0])) - 0.5 * np.sum(np.log(r))
    assert llf >= ref.llf - 1e-6
    assert llf == pytest.approx(ref.llf, abs=1e-4)
    assert fit["theta"] == pytest.approx(ref.params[1], abs=1e-3)
    assert fit["mu"] == pytest.approx(ref.params[0], rel=1e-3)
    assert fit["sigma2"] == pytest.approx(ref.params[2], rel=1e-3)


def test_annual_theta_is_statsmodels_theta(national_foreign_fy, kawasaki_station):
    """Direct annual Theta(2): never a larger SES sum of squares than statsmodels'
    ThetaModel, and, at the smoothing weight it chose, the same forecast as statsmodels
    gives at that fixed weight (SimpleExpSmoothing from the first observation for the SES
    part, ThetaModel's drift and trend term) — on every series, not only where both
    optimisers happen to agree."""
    from statsmodels.tsa.forecasting.theta import ThetaModel, ThetaModelResults
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing

    from kawasaki_econ.forecast import smoothing as M

    for series in (national_foreign_fy, kawasaki_station):
        y = series.to_numpy(float)
        b0, alpha, des = M._theta_annual(y, 3)
        model = ThetaModel(y, period=None, deseasonalize=False)
        ref = model.fit()
        assert b0 == pytest.approx(float(ref.params.iloc[0]))
        sse = M._ses_sse(y, np.array([alpha, float(ref.params.iloc[1])]))[0]
        assert sse[0] <= sse[1] * (1 + 1e-9)
        ses = SimpleExpSmoothing(y, initialization_method="known", initial_level=y[0]).fit(
            smoothing_level=alpha, optimized=False)
        fixed = ThetaModelResults(float(ref.params.iloc[0]), alpha, None,
                                  float(ses.forecast(1)[0]), np.empty(0), False, model)
        comp = fixed.forecast_components(3)
        expected = 0.5 * comp["trend"].to_numpy() + comp["ses"].to_numpy()
        np.testing.assert_allclose(des, expected, rtol=1e-9)


def test_annual_combination_weights_come_from_the_track_record(national_foreign_fy):
    from kawasaki_econ.forecast import backtest as B
    from kawasaki_econ.forecast.engine import auto_forecast

    y = national_foreign_fy.to_numpy(float)  # 8 fiscal years, steady strong uptrend
    fit = auto_forecast(y, 1, 3, n_sims=N, seed=0)
    assert B.default_origins(len(y), 1, 3, ()) == [7, 6, 5, 4, 3]
    weights = B.combination_weights(fit.scores, 1)
    assert sum(weights.values()) == pytest.approx(1.0)
    full = fit.scores[fit.scores["n_origins"] == fit.scores["n_origins"].max()].index
    assert set(weights) <= set(full) - {"combination"}  # only members with a full record
    msse = fit.scores["msse"]
    for a in weights:
        for b in weights:
            if msse[a] < msse[b]:
                assert weights[a] > weights[b]  # inverse MSE: the better member weighs more
    ratio = weights["naive"] / weights["drift"]
    assert ratio == pytest.approx(msse["drift"] / msse["naive"])
    assert fit.name == "combination"
    assert fit.params()["members"] == ", ".join(
        m for m in ("naive", "drift", "trend", "ses", "ets", "theta", "arima") if m in weights
    )
    # monthly series keep equal weights
    assert B.combination_weights(fit.scores, 12) is None


def test_flat_annual_series_is_forecast_flat(kawasaki_station):
    """An exactly constant history (zero residual variance: the trend fit is exact) still
    gives a flat forecast with finite intervals."""
    from kawasaki_econ.forecast.engine import auto_forecast

    flat = np.full(7, kawasaki_station.iloc[-1])
    fit = auto_forecast(flat, 1, 3, n_sims=N, seed=0)
    np.testing.assert_allclose(np.exp(fit.point), flat[-1])
    q = fit.quantiles([0.025, 0.975])
    assert np.all(np.isfinite(q)) and np.all(q[0] <= flat[-1]) and np.all(q[1] >= flat[-1])


def test_steady_annual_trend_is_followed():
    """On a short annual series with a steady trend the combination keeps
    the trend. JR 武蔵小杉 daily boardings FY2010–FY2016 (7 points, +4.3 % a year), read
    from the raw JR East tables and the transcribed CSV; the forecast for FY2017–FY2018 must
    keep rising at no less than half the historical pace, not stay flat at FY2016."""
    data = {}
    for fy in (2010, 2011, 2012):
        rows = json.loads((RAW / "jreast" / f"passenger_top100_FY{fy}.json").read_text("utf-8"))
        data[fy] = float(next(r["total"] for r in rows if r["city"] == "武蔵小杉"))
    csv = pd.read_csv(RAW / "transcribed" / "station_ridership.csv", dtype=str)
    mine = csv[(csv["station"] == "武蔵小杉") & (csv["measure"] == "boardings_daily_avg")]
    for fy in (2013, 2014, 2015, 2016):
        data[fy] = float(mine[mine["fiscal_year"] == str(fy)]["value"].iloc[0])
    s = pd.Series(data).sort_index()
    assert s.iloc[0] == 99_617 and s.iloc[-1] == 128_079
    growth = (s.iloc[-1] / s.iloc[0]) ** (1 / (len(s) - 1)) - 1
    res = attainment(s, target=135_000, by="FY2018", n_sims=N, seed=0)
    median = res.forecast.set_index("period")["median"]
    for h, fy in enumerate(median.index, start=1):
        assert median[fy] > s.iloc[-1] * (1 + growth / 2) ** h, (fy, median[fy])
    weights = res.model["params"]["weights"]
    assert "drift" in weights, weights  # the combination gives the trend model weight
