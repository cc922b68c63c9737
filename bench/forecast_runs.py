"""The benchmark's methods and their fits (each distinct fit once, in worker processes);
the fits are kept by :mod:`forecast_cache`."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from forecast_sets import Task

Z95 = 1.959963984540054  # standard normal 97.5 % quantile


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


def own_model(name: str, train: np.ndarray, season: int, h: int) -> Forecast:
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
    "naive": lambda tr, s, h: own_model("naive", tr, s, h),
    "seasonal naive": lambda tr, s, h: own_model("snaive", tr, s, h),
    "drift": lambda tr, s, h: own_model("drift", tr, s, h),
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


def batches(todo: list[tuple], size: int = 8) -> list[list[tuple]]:
    """Pool jobs: every ``auto`` fit of one series in one job, monthly series first (the
    costliest), then the baselines ``size`` fits at a time. A series' tasks (its origins,
    horizons and sets) backtest on the same data prefixes, and a worker estimates each
    prefix once (:func:`kawasaki_econ.forecast.model_base.memoized`) if it gets them all."""
    series: dict[tuple, list[tuple]] = {}
    rest = []
    for key, job in todo:
        if job[0] == "auto":
            task = job[1]
            series.setdefault((task.season, task.values), []).append((key, job))
        else:
            rest.append((key, job))
    groups = sorted(series.values(), key=lambda g: (-g[0][1][1].season, -len(g)))
    return groups + [rest[i : i + size] for i in range(0, len(rest), size)]


def preload() -> None:
    """Import this package's models and the statsmodels baselines once in the parent process
    before the workers fork, instead of once in every worker (the parent needs them anyway
    for ``attainment()``). statsforecast is left to the one worker that runs it."""
    import statsmodels.tsa.exponential_smoothing.ets  # noqa: F401
    import statsmodels.tsa.forecasting.theta  # noqa: F401
    import statsmodels.tsa.statespace.sarimax  # noqa: F401

    import kawasaki_econ.forecast.engine  # noqa: F401


def run_batch(items: list[tuple]) -> list[tuple]:
    """:func:`run_job` on every fit of one pool job."""
    return [run_job(item) for item in items]


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
