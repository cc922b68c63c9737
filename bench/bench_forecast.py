"""Forecast benchmark: rolling-origin accuracy and interval coverage on real series.

Sets (each a function returning a list of :class:`Task`: one series cut at one origin):

(a)     monthly foreign guest nights (外国人延べ宿泊者数, all facilities) of the 47 prefectures
        and the nation, 2011-01 … 2019-12 (pre-pandemic); origins at the end of 2016, 2017
        and 2018 (``--full``: also mid-2016, mid-2017, mid-2018), 12-month horizon.
(a-ref) the issue's reference setup: fit 2011-01 … 2017-12, forecast 2018-01 … 2019-12
        (24 months), 47 prefectures (not the nation), one origin.
(b)     annual JR East boardings (乗車人員, daily average) FY1999–FY2012 of the stations present
        in the top-100 table of every year; origins at the end of FY2004 … FY2011 (at least
        six years to fit), horizons 1–3 (fewer at the last two origins).
(b-long) the stations of (b) fit to FY2005 … FY2008 (7–10 points) and scored on every
        later year through FY2012 (horizons up to 7): does a steady trend get followed?
(b-long8) the stations of (b) fit to FY1999 … FY2006 (8 points) and scored on every later
        year through FY2012 (horizons 1–6): do the bands hold over long annual horizons?
        (The FY2006 origin of b-long: its fits are shared.)
(c)     annual SSDSE-B prefecture panel (NSTAC SSDSE-B, processed table ``prefecture_panel``,
        ``dataset == 'SSDSE-B'``): every item with ``kind == 'count'`` (82 items: population
        by age and sex, births, deaths, migrants, marriages, schools/teachers/pupils,
        hospitals, nurseries, job-seekers and openings, housing starts, guest nights, …) for
        the 47 prefectures. Not included: rates, weather, prices and spending averages, and
        the six ``kind == 'amount'`` items (floor areas m², waste tonnes) — the issue asks for
        counts. Years 2012–2019 only: the pandemic years 2020–2023 are never fitted or
        evaluated (a forecaster is not expected to foresee them; set (a) stops at 2019-12
        for the same reason). Origins at the end of 2016, 2017 and 2018, i.e. 5, 6 and 7
        points to fit (the length of typical city indicator histories), horizons 1–3 (2 and 1
        at the last two origins: targets never pass 2019). Population items are rounded to
        thousands outside census years (2015 exact) in the source: kept as published.
        Excluded, and counted in the printout: series with a zero value 2012–2019 (waiting
        lists J250502, graduates going on E650110: the log-scale baselines need positive
        values) and (series, origin) pairs whose fitting years are all equal (in-sample
        naive error 0: MASE undefined).
        Default: a deterministic subsample to keep the whole benchmark near 60 s on 2 cores
        — every item, ``C_PREFS_PER_ITEM`` prefectures per item drawn with
        ``numpy.random.default_rng(C_SEED)``; ``--full``: all 47 prefectures of every item
        (about 11,300 tasks, several minutes). The subset is printed.

Metrics: MASE = mean absolute error / in-sample MAE of the seasonal-naive (monthly, lag 12)
or naive (annual) forecast on the fitting data, averaged over horizons, then over tasks —
of the median point (``MASE``) and of the mean point (``MASEμ``: what a user reads as "the
forecast"); MSIS of the 95 % interval (M4 competition: width + 40 × the distance by which
the actual falls outside, scaled like the MASE); coverage of the 80 % and 95 % intervals
over all (task, horizon) points; the largest mean / median ratio at any horizon of any
series (``μ/med``; for methods with symmetric normal intervals on the original scale the
mean is the median; for log-scale methods with analytic intervals the lognormal mean
``exp(mu + sd²/2)``, sd from the 95 % interval); CPU seconds
spent by each method (sum over tasks, measured in the worker processes). Under each set:
the mean per-task MASE difference between ``auto`` and the best baseline with its standard
error clustered by series (the origins of one series are correlated) — on the small
default subsample of (c) a difference of a few hundredths is not resolved.

Methods: ``auto`` (this package: backtest, choice, calibration), naive, seasonal naive,
drift (this package's simple models, their own Gaussian random-walk intervals), ``ets``
(plain statsmodels ETSModel on logs: ETS(A,Ad,A) monthly / ETS(A,Ad,N) annual, analytic
intervals), ``theta`` (statsmodels ThetaModel with its intervals), and statsforecast's
AutoETS / AutoTheta (optional: skipped with a message when statsforecast is missing).

Comparable series: ``auto`` on an annual task gets the pooled h-year span statistics
(:mod:`kawasaki_econ.forecast.spans`) of the other series of its set at the same origin —
fitted years only (c: the same item in all 47 prefectures).

Reads data/raw directly for (a) and (b), the processed SSDSE-B table for (c) (real
published files; nothing synthetic). ``--full`` adds origins to (a) and runs every series
of (c); ``--jobs N`` sets the worker processes. Each distinct fit is computed once per run
and kept in ``bench/.cache/`` (keyed by the data, the method, the hash of the forecast code
and the library versions), so a run after an unchanged one only re-scores; ``--no-cache``
recomputes everything. Timings and scores are printed by the run itself (this docstring
carries no measurements: they would go stale).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one BLAS thread per worker: 2 workers on 2 cores

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from multiprocessing import get_context  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
sys.path.insert(0, str(REPO))

Z80, Z95 = 1.2815515655446004, 1.959963984540054
REFERENCE = {  # the figures for set (a-ref): MASE, 80 % and 95 % coverage
    "seasonal naive": (1.80, 0.66, 0.84),
    "statsforecast AutoETS": (1.51, 0.88, 0.94),
    "statsforecast AutoTheta": (1.49, 0.66, 0.81),
    "statsmodels ETS(A,Ad,A) on logs": (1.65, 0.96, 0.99),
}


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


# --------------------------------------------------------------------------- the methods
def scale_of(train: np.ndarray, season: int) -> float:
    lag = season if season > 1 else 1
    d = np.abs(train[lag:] - train[:-lag])
    return float(np.nanmean(d))


QUANTS = [0.025, 0.1, 0.9, 0.975]


@dataclass(frozen=True)
class Forecast:
    """One method's forecast on the original scale: median point, mean point, and the
    2.5 / 10 / 90 / 97.5 % quantiles (shape 4 × h)."""

    median: np.ndarray
    mean: np.ndarray
    q: np.ndarray


def from_paths(paths: np.ndarray) -> Forecast:
    """Median, mean and quantiles of simulated paths (original scale)."""
    return Forecast(
        np.median(paths, axis=0), paths.mean(axis=0), np.quantile(paths, QUANTS, axis=0)
    )


def lognormal(mu: np.ndarray, q: np.ndarray) -> Forecast:
    """A forecast fitted on logs with normal intervals: median exp(mu), mean
    exp(mu + sd² / 2) with sd from the 95 % interval, quantiles as given."""
    sd = (np.log(q[3]) - np.log(q[0])) / (2 * Z95)
    return Forecast(np.exp(mu), np.exp(mu + sd**2 / 2), q)


def _own_model(name: str, train: np.ndarray, season: int, h: int) -> Forecast:
    from kawasaki_econ.forecast import models

    z = np.log(train)
    fc = models.fit_forecast(name, z, season, h, 1000, np.random.default_rng(0))
    return from_paths(np.exp(fc.point[None, :] + fc.dev))


def m_auto(train, season, h, peers=None) -> Forecast:
    from kawasaki_econ.forecast.engine import auto_forecast

    fit = auto_forecast(train, season, h, n_sims=1000, seed=0, peers=peers)
    return from_paths(fit.level_paths())


def m_ets(train, season, h) -> Forecast:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    kw = {"error": "add", "trend": "add", "damped_trend": True}
    if season > 1:
        kw.update(seasonal="add", seasonal_periods=season)
    res = ETSModel(pd.Series(np.log(train)), **kw).fit(disp=False)
    pred = res.get_prediction(start=len(train), end=len(train) + h - 1)
    f80, f95 = pred.summary_frame(alpha=0.2), pred.summary_frame(alpha=0.05)
    q = np.array([f95["pi_lower"], f80["pi_lower"], f80["pi_upper"], f95["pi_upper"]])
    return lognormal(f80["mean"].to_numpy(), np.exp(q))


def m_theta(train, season, h) -> Forecast:
    from statsmodels.tsa.forecasting.theta import ThetaModel

    res = ThetaModel(train, period=season if season > 1 else None, deseasonalize=season > 1).fit()
    point = np.asarray(res.forecast(h))
    p80 = res.prediction_intervals(h, alpha=0.2).to_numpy()
    p95 = res.prediction_intervals(h, alpha=0.05).to_numpy()
    q = np.array([p95[:, 0], p80[:, 0], p80[:, 1], p95[:, 1]])
    return Forecast(point, point, q)  # symmetric on the original scale: mean = median


METHODS: dict[str, Callable] = {
    "auto": m_auto,
    "naive": lambda tr, s, h: _own_model("naive", tr, s, h),
    "seasonal naive": lambda tr, s, h: _own_model("snaive", tr, s, h),
    "drift": lambda tr, s, h: _own_model("drift", tr, s, h),
    "statsmodels ETS(A,Ad,A) on logs": m_ets,
    "statsmodels Theta": m_theta,
}

ROW_COLUMNS = ["set", "origin", "series", "method", "mase", "mase_mean", "msis", "ratio",
               "in80", "in95", "cpu", "error"]


def evaluate(fc: Forecast, train, test, season) -> tuple:
    """MASE of the median and of the mean point, MSIS (M4: α = 0.05, scaled by the
    in-sample seasonal-naive MAE), largest mean / median ratio, 80 % / 95 % hits."""
    ok = ~np.isnan(test)
    n = len(test)
    med, mean = fc.median[:n][ok], fc.mean[:n][ok]
    q, y = fc.q[:, :n][:, ok], test[ok]
    scale = scale_of(train, season)
    mase = float(np.mean(np.abs(y - med)) / scale)
    mase_mean = float(np.mean(np.abs(y - mean)) / scale)
    lo, hi = q[0], q[3]
    alpha = 0.05
    msis = float(
        np.mean((hi - lo) + 2 / alpha * (lo - y) * (y < lo) + 2 / alpha * (y - hi) * (y > hi))
        / scale
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = float(np.nanmax(fc.mean[:n] / fc.median[:n]))
    in80 = (y >= q[1]) & (y <= q[2])
    in95 = (y >= q[0]) & (y <= q[3])
    return mase, mase_mean, msis, ratio, in80, in95


#: Deterministic methods whose forecast for fewer periods is the first periods of a longer
#: forecast: fitted once per (series, origin) at the longest horizon any set asks for.
TRUNCATABLE = ("statsmodels ETS(A,Ad,A) on logs", "statsmodels Theta")


def _peers_key(peers) -> bytes:
    if peers is None:
        return b""
    return b"".join(np.asarray(a, dtype=float).tobytes()
                    for a in (peers.naive_sq, peers.cross, peers.trend_sq, peers.count))


def fit_key(task: Task) -> tuple:
    """The data a fit depends on: series values, origin, season."""
    return (np.asarray(task.values, dtype=float).tobytes(), task.train, task.season)


def plan_jobs(tasks: list[Task], methods: list[str]) -> dict[tuple, tuple]:
    """Unique fits: ``key -> (method, task, horizon)``. A task shared by two sets (b-long8 is
    the FY2006 origin of b-long) is fitted once; a deterministic baseline once per series and
    origin, at the longest horizon."""
    longest: dict[tuple, int] = {}
    for t in tasks:
        longest[fit_key(t)] = max(longest.get(fit_key(t), 0), t.horizon)
    jobs: dict[tuple, tuple] = {}
    for t in tasks:
        for name in methods:
            if t.season == 1 and name == "seasonal naive":
                continue
            h = longest[fit_key(t)] if name in TRUNCATABLE else t.horizon
            peers = _peers_key(t.peers) if name == "auto" else b""
            jobs.setdefault((name, *fit_key(t), h, peers), (name, t, h))
    return jobs


def run_job(item):
    """One fit in a worker process: ``(key, Forecast or error text, cpu seconds)``."""
    key, (name, task, h) = item
    warnings.simplefilter("ignore")
    train, _ = task.split()
    start = time.process_time()
    try:
        if name == "auto":
            fc = m_auto(train, task.season, h, task.peers)
        else:
            fc = METHODS[name](train, task.season, h)
    except Exception as exc:  # noqa: BLE001 - a failed baseline is reported, not fatal
        fc = repr(exc)
    return key, fc, time.process_time() - start


def score_rows(tasks: list[Task], methods: list[str], jobs: dict, done: dict) -> list[tuple]:
    """Evaluate every task × method from the fits in ``done``; a fit's CPU time is counted
    once (at the first task that uses it)."""
    longest: dict[tuple, int] = {}
    for t in tasks:
        longest[fit_key(t)] = max(longest.get(fit_key(t), 0), t.horizon)
    counted: set = set()
    rows = []
    for t in tasks:
        train, test = t.split()
        for name in methods:
            if t.season == 1 and name == "seasonal naive":
                continue
            h = longest[fit_key(t)] if name in TRUNCATABLE else t.horizon
            key = (name, *fit_key(t), h, _peers_key(t.peers) if name == "auto" else b"")
            fc, cpu = done[key]
            cpu = 0.0 if key in counted else cpu
            counted.add(key)
            if isinstance(fc, str):
                rows.append((t.set, t.origin_label, t.series, name, np.nan, np.nan, np.nan,
                             np.nan, [], [], cpu, fc))
                continue
            mase, mase_mean, msis, ratio, in80, in95 = evaluate(fc, train, test, t.season)
            rows.append((t.set, t.origin_label, t.series, name, mase, mase_mean, msis, ratio,
                         in80.tolist(), in95.tolist(), cpu, ""))
    return rows


SF_LABELS = ("statsforecast AutoETS", "statsforecast AutoTheta")


def statsforecast_fits(tasks: list[Task], skip: set) -> dict:
    """AutoETS and AutoTheta in batches of one set, origin and horizon (as statsforecast
    is used on a panel; its AutoETS results were seen to move with the batch's other series,
    so batches are never merged across sets), each series once per batch;
    ``sf_key -> (Forecast, cpu)`` for the fits not in ``skip``."""
    try:
        from statsforecast import StatsForecast
        from statsforecast.models import AutoETS, AutoTheta, Naive
    except ImportError:
        print(
            "statsforecast not importable: AutoETS / AutoTheta skipped (pip install statsforecast)"
        )
        return {}
    first: dict[tuple, Task] = {}
    for t in tasks:
        first.setdefault(sf_key("", t)[1:], t)
    batches: dict[tuple, list[tuple]] = {}
    for key, t in first.items():
        if any((label, *key) not in skip for label in SF_LABELS):
            batches.setdefault((t.set, t.origin_label, t.season, t.horizon), []).append(key)
    fits: dict[tuple, tuple] = {}
    for (_, _, season, h), keys in batches.items():
        frames = []
        for i, key in enumerate(keys):
            train, _ = first[key].split()
            ds = pd.date_range("2000-01-01", periods=len(train), freq="MS" if season > 1 else "YS")
            frames.append(pd.DataFrame({"unique_id": i, "ds": ds, "y": train}))
        long = pd.concat(frames, ignore_index=True)
        for label, model in zip(SF_LABELS, (AutoETS(season_length=season),
                                            AutoTheta(season_length=season)), strict=True):
            start = time.process_time()
            sf = StatsForecast(
                models=[model], freq="MS" if season > 1 else "YS", n_jobs=1, fallback_model=Naive()
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fc = sf.forecast(df=long, h=h, level=[80, 95])
            elapsed = (time.process_time() - start) / len(keys)
            col = [c for c in fc.columns if c not in ("unique_id", "ds") and "-" not in c][0]
            fc = fc.set_index("unique_id")
            for i, key in enumerate(keys):
                f = fc.loc[[i]]
                q = np.array(
                    [f[f"{col}-lo-95"], f[f"{col}-lo-80"], f[f"{col}-hi-80"], f[f"{col}-hi-95"]],
                    dtype=float,
                )
                point = f[col].to_numpy(float)
                # the point is the mean of a symmetric (normal) distribution
                fits[(label, *key)] = (Forecast(point, point, q), elapsed)
    return fits


def sf_key(label: str, task: Task) -> tuple:
    return (label, task.set, task.origin_label, *fit_key(task), task.horizon)


def statsforecast_rows(tasks: list[Task], fits: dict) -> list[tuple]:
    rows, counted = [], set()
    for t in tasks:
        train, test = t.split()
        for label in SF_LABELS:
            if sf_key(label, t) not in fits:
                continue
            fc, cpu = fits[sf_key(label, t)]
            cpu = 0.0 if sf_key(label, t) in counted else cpu
            counted.add(sf_key(label, t))
            mase, mase_mean, msis, ratio, in80, in95 = evaluate(fc, train, test, t.season)
            rows.append((t.set, t.origin_label, t.series, label, mase, mase_mean, msis, ratio,
                         in80.tolist(), in95.tolist(), cpu, ""))
    return rows


# ------------------------------------------------------------------------- the fit cache
CACHE = REPO / "bench" / ".cache" / "forecast_fits.pkl"


#: The modules a fit depends on (presentation, targets and wording are left out, so that
#: changing them keeps the cache).
FIT_MODULES = ("engine", "models", "model_base", "simple_models", "smoothing", "arima_model",
               "backtest", "calibration", "margins", "spans")


def versions() -> dict[str, str]:
    """What a cached fit depends on besides its data: for this package's methods the hash
    of its fitting modules :data:`FIT_MODULES` and of the bench functions calling them, for
    statsforecast the hash of :func:`statsforecast_fits`, and the library versions (the
    statsmodels baselines depend on those only)."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    libs = "|".join(f"{n}={v(n)}" for n in ("numpy", "scipy", "pandas", "statsmodels"))
    import inspect

    code = hashlib.sha256()
    for name in FIT_MODULES:
        code.update((REPO / "kawasaki_econ" / "forecast" / f"{name}.py").read_bytes())
    for func in (m_auto, _own_model):
        code.update(inspect.getsource(func).encode())
    sf_code = hashlib.sha256(inspect.getsource(statsforecast_fits).encode()).hexdigest()[:16]
    return {"own": f"{code.hexdigest()[:16]}|{libs}", "statsmodels": libs,
            "statsforecast": f"{v('statsforecast')}|{sf_code}|{libs}"}


def version_of(method: str, tags: dict[str, str]) -> str:
    if method.startswith("statsforecast"):
        return tags["statsforecast"]
    return tags["statsmodels"] if method in TRUNCATABLE else tags["own"]


def load_cache(use: bool) -> dict:
    import pickle

    if not use or not CACHE.exists():
        return {}
    try:
        with open(CACHE, "rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError):
        return {}


def save_cache(cache: dict) -> None:
    import pickle

    CACHE.parent.mkdir(parents=True, exist_ok=True)
    tmp = CACHE.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(cache, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, CACHE)


def time_attainment() -> tuple[float, str]:
    """Wall time of one ``attainment()`` call on a real annual series (cold start of the
    models already imported; median of 3)."""
    from kawasaki_econ.forecast import attainment

    data = {}
    for path in sorted((RAW / "jreast").glob("passenger_top100_FY*.json")):
        fy = int(path.stem.split("FY")[1])
        for row in json.loads(path.read_text(encoding="utf-8")):
            if row["city"] == "川崎":
                data[fy] = float(row["total"])
    series = pd.Series(data)
    attainment(series, target=series.iloc[-1] * 1.05, by=max(data) + 3, n_sims=10_000)
    times = []
    for seed in range(3):
        start = time.perf_counter()
        attainment(
            series, target=series.iloc[-1] * 1.05, by=max(data) + 3, n_sims=10_000, seed=seed
        )
        times.append(time.perf_counter() - start)
    return float(np.median(times)), f"川崎 station boardings FY{min(data)}–FY{max(data)}"


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


def summarise(rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=ROW_COLUMNS)
    out = []
    for (set_name, method), g in df.groupby(["set", "method"], sort=False):
        hits80 = [x for lst in g["in80"] for x in lst]
        hits95 = [x for lst in g["in95"] for x in lst]
        out.append(
            {
                "set": set_name,
                "method": method,
                "tasks": len(g),
                "failed": int(g["mase"].isna().sum()),
                "MASE": g["mase"].mean(),
                "MASE_mean": g["mase_mean"].mean(),
                "MSIS": g["msis"].mean(),
                "cov80": np.mean(hits80) if hits80 else np.nan,
                "cov95": np.mean(hits95) if hits95 else np.nan,
                "ratio": g["ratio"].max(),
                "cpu_s": g["cpu"].sum(),
            }
        )
    return pd.DataFrame(out)


def print_by_origin(rows: list[tuple], method: str = "auto") -> None:
    df = pd.DataFrame(
        rows, columns=ROW_COLUMNS
    )
    df = df[df["method"] == method]
    print(f"\nby origin ({method}):")
    for (set_name, origin), g in df.groupby(["set", "origin"]):
        h80 = [x for lst in g["in80"] for x in lst]
        h95 = [x for lst in g["in95"] for x in lst]
        print(
            f"  {set_name:6s} {origin:8s} MASE {g['mase'].mean():6.3f}  cov80 {np.mean(h80):6.1%}"
            f"  cov95 {np.mean(h95):6.1%}"
        )


def paired_gap(rows: list[tuple], set_name: str, a: str, b: str) -> tuple[float, float]:
    """Mean over the tasks of MASE(a) - MASE(b) and its standard error clustered by series
    (the origins of one series are not independent)."""
    df = pd.DataFrame(
        rows, columns=ROW_COLUMNS
    )
    df = df[(df["set"] == set_name) & df["method"].isin([a, b])]
    wide = df.pivot_table(index=["series", "origin"], columns="method", values="mase").dropna()
    d = wide[a] - wide[b]
    if d.empty:
        return np.nan, np.nan
    dev = (d - d.mean()).groupby(level="series").sum()
    return float(d.mean()), float(np.sqrt((dev**2).sum()) / len(d))


#: Issue 9's targets: (a-ref) auto mean-point MASE and MSIS below these (statsforecast
#: AutoTheta's MASE and AutoETS's MSIS as measured in the issue), 80 % coverage within
#: 70–90 %, 95 % coverage at least 88 %; mean / median at most 1.5 everywhere.
GOAL_AREF_MASE_MEAN, GOAL_AREF_MSIS = 1.49, 15.18
GOAL_RATIO = 1.5


def print_table(table: pd.DataFrame, rows: list[tuple] | None = None) -> None:
    for set_name, g in table.groupby("set", sort=False):
        print(f"\n{SETS[set_name][0]}")
        print(
            f"  {'method':34s} {'tasks':>5s} {'MASE':>6s} {'MASEμ':>6s} {'MSIS':>7s} "
            f"{'cov80':>6s} {'cov95':>6s} {'μ/med':>7s} {'cpu s':>6s}"
        )
        for _, r in g.sort_values("MASE").iterrows():
            fail = f"  ({r['failed']} failed)" if r["failed"] else ""
            print(
                f"  {r['method']:34s} {r['tasks']:5d} {r['MASE']:6.3f} {r['MASE_mean']:6.3f} "
                f"{r['MSIS']:7.2f} {r['cov80']:6.1%} {r['cov95']:6.1%} {r['ratio']:7.2f} "
                f"{r['cpu_s']:6.1f}{fail}"
            )
        print("  (MASE: median point; MASEμ: mean point; MSIS: 95 % interval, M4 definition; "
              "μ/med: largest mean/median ratio at any horizon of any series)")
        if set_name == "a-ref":
            print("  issue's reference figures for this setup (MASE, cov80, cov95):")
            for k, (m, c80, c95) in REFERENCE.items():
                print(f"  {'  ' + k:34s} {'':5s} {m:6.2f} {c80:6.0%} {c95:6.0%}")
        auto = g[g["method"] == "auto"]
        others = g[g["method"] != "auto"]
        if not len(auto):
            continue
        a = auto.iloc[0]
        print(f"  goal: auto mean/median ≤ {GOAL_RATIO}: "
              f"{'met' if a['ratio'] <= GOAL_RATIO else 'NOT met'} ({a['ratio']:.2f})")
        if set_name == "a-ref":
            print(
                f"  goal (a-ref): mean-point MASE {a['MASE_mean']:.3f} < {GOAL_AREF_MASE_MEAN}: "
                f"{'met' if a['MASE_mean'] < GOAL_AREF_MASE_MEAN else 'NOT met'}; MSIS "
                f"{a['MSIS']:.2f} < {GOAL_AREF_MSIS}: "
                f"{'met' if a['MSIS'] < GOAL_AREF_MSIS else 'NOT met'}; cov80 {a['cov80']:.1%} "
                f"in 70–90 %: {'met' if 0.7 <= a['cov80'] <= 0.9 else 'NOT met'}; cov95 "
                f"{a['cov95']:.1%} ≥ 88 %: {'met' if a['cov95'] >= 0.88 else 'NOT met'}"
            )
        theta = g[g["method"] == "statsforecast AutoTheta"]
        if set_name == "b-long" and len(theta):
            t = theta.iloc[0]
            print(f"  goal (b-long): auto MASE {a['MASE']:.3f} not worse than AutoTheta "
                  f"{t['MASE']:.3f}: {'met' if a['MASE'] <= t['MASE'] else 'NOT met'}")
        if set_name == "b-long8" and len(theta) and rows is not None:
            t = theta.iloc[0]
            best = g.sort_values("MASE").iloc[0]
            gap, se = (0.0, 0.0) if best["method"] == "auto" else paired_gap(
                rows, set_name, "auto", best["method"])
            print(
                f"  goal (b-long8): MSIS {a['MSIS']:.2f} < AutoTheta {t['MSIS']:.2f}: "
                f"{'met' if a['MSIS'] < t['MSIS'] else 'NOT met'}; cov95 {a['cov95']:.1%} ≥ 88 %: "
                f"{'met' if a['cov95'] >= 0.88 else 'NOT met'}; cov80 {a['cov80']:.1%} in "
                f"70–90 %: {'met' if 0.7 <= a['cov80'] <= 0.9 else 'NOT met'}; MASE within 2 SE "
                f"of the best ({best['method']}, {gap:+.3f}, SE {se:.3f}): "
                f"{'met' if gap <= 2 * se else 'NOT met'}"
            )
        if len(others) and rows is not None:
            best = others.sort_values("MASE").iloc[0]
            gap, se = paired_gap(rows, set_name, "auto", best["method"])
            resolved = "" if abs(gap) >= 2 * se else ": within 2 SE, not resolved by this sample"
            print(
                f"  auto - {best['method']}: {gap:+.3f} MASE per task "
                f"(standard error {se:.3f}, clustered by series{resolved})"
            )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--full", action="store_true", help="more origins for set (a), every series of (c)"
    )
    parser.add_argument("--quick", action="store_true", help="(a-ref) and (b-long) only")
    parser.add_argument("--sets", default=None, help="comma-separated set names")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show-subset", action="store_true", help="list the series of (c)")
    parser.add_argument("--no-statsforecast", action="store_true")
    parser.add_argument("--no-cache", action="store_true",
                        help="recompute every fit (and do not update bench/.cache)")
    parser.add_argument("--methods", default=None, help="comma-separated methods (default all)")
    parser.add_argument("--by-origin", action="store_true", help="per-origin lines for auto")
    args = parser.parse_args(argv)
    names = (
        args.sets.split(",") if args.sets else (["a-ref", "b-long"] if args.quick else list(SETS))
    )
    wall = time.perf_counter()
    tasks = with_peers([t for n in names for t in SETS[n][1](args.full)])
    print(
        f"forecast benchmark: {len(tasks)} tasks in sets {', '.join(names)}; "
        f"{args.jobs} worker processes"
    )
    for name, text in C_SUBSET.items():
        if not name.endswith("-list"):
            print(f"set ({name}): {text}")
        elif args.show_subset:
            print(f"set ({name[:-5]}) series (item:prefectures): {text}")
    methods = args.methods.split(",") if args.methods else list(METHODS)
    jobs = plan_jobs(tasks, methods)
    tags = versions()
    cache = load_cache(not args.no_cache)
    done = {key: cache[(version_of(key[0], tags), *key)] for key in jobs
            if (version_of(key[0], tags), *key) in cache}
    sf_done = {} if args.no_statsforecast else {
        key: cache[(tags["statsforecast"], *key)] for key in
        (sf_key(label, t) for t in tasks for label in SF_LABELS)
        if (tags["statsforecast"], *key) in cache}
    todo = [(key, job) for key, job in jobs.items() if key not in done]
    # the expensive fits first, so that both workers stay busy until the end
    todo.sort(key=lambda kv: (kv[0][0] != "auto", -kv[1][1].season))
    ctx = get_context("fork") if sys.platform != "win32" else get_context()
    with ctx.Pool(args.jobs, initializer=warnings.simplefilter, initargs=("ignore",)) as pool:
        # statsforecast runs as one job next to the per-fit jobs (keeps both cores busy)
        sf_job = None if args.no_statsforecast else pool.apply_async(
            statsforecast_fits, (tasks, set(sf_done)))
        fresh = {key: (fc, cpu) for key, fc, cpu in pool.imap_unordered(run_job, todo, 4)}
        sf_fresh = sf_job.get() if sf_job is not None else {}
    done.update(fresh)
    sf_done.update(sf_fresh)
    rows = score_rows(tasks, methods, jobs, done)
    if not args.no_statsforecast:
        rows += statsforecast_rows(tasks, sf_done)
    if not args.no_cache and (fresh or sf_fresh):
        cache.update({(version_of(k[0], tags), *k): v for k, v in fresh.items()})
        cache.update({(tags["statsforecast"], *k): v for k, v in sf_fresh.items()})
        save_cache(cache)
    print(f"{len(jobs)} distinct fits for {len(tasks)} tasks x {len(methods)} methods "
          "(a task shared by two sets and a deterministic baseline's shorter horizons are "
          f"fitted once): {len(fresh)} computed, {len(jobs) - len(fresh)} from the cache "
          f"({CACHE.relative_to(REPO)}, keyed by the data, the method, the forecast code's "
          "hash and the library versions; --no-cache recomputes all); statsforecast "
          f"{len(sf_fresh)} computed, {len(sf_done) - len(sf_fresh)} cached")
    table = summarise(rows)
    print_table(table, rows)
    if args.by_origin:
        print_by_origin(rows)
        print_by_origin(rows, "naive")
    failed = [r for r in rows if r[-1]]
    if failed:
        print(
            f"\n{len(failed)} failed fits, e.g. {failed[0][3]} on {failed[0][2]}: {failed[0][-1]}"
        )
    try:
        secs, what = time_attainment()
    except ImportError as exc:
        secs, what = float("nan"), f"unavailable: {exc}"
    print(
        f"\none attainment() call on an annual series ({what}, n_sims=10,000): "
        f"{secs:.2f} s (goal ≤ 1 s: {'met' if secs <= 1 else 'NOT met'})"
    )
    total = time.perf_counter() - wall
    print(
        f"whole benchmark: {total:.1f} s wall (goal ≤ 60 s on 2 cores: "
        f"{'met' if total <= 60 else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
