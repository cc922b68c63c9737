"""Candidate forecasting models with point forecasts and simulated sample paths.

Every model works on a *working scale*: the natural log of the series when every observed
value is positive (counts such as guest nights or boardings), the raw values otherwise.
A model returns a :class:`ModelForecast`: the point forecast on the working scale and
``n_sims`` simulated deviations from it (shape ``n_sims × h``). Only their robust spread
and their rank order across horizons are used for the final paths (normal margins,
:mod:`kawasaki_econ.forecast.margins`), the spread rescaled by the calibration factor that
:mod:`kawasaki_econ.forecast.backtest` estimates from the model's own rolling-origin errors.

Missing periods are never filled. The input array is regular (one element per period,
``NaN`` where a period is missing). *Gap-aware* models (naive, drift, trend) use every
observation with its true position; the others (seasonal naive, ETS, Theta, ARIMA) are
fitted on the contiguous segment after the last missing period only.

Every model is a :class:`~kawasaki_econ.forecast.model_base.ModelFunction` (the shared
signature), registered in :data:`MODELS`: naive, seasonal naive, drift and trend in
:mod:`~kawasaki_econ.forecast.simple_models`, ETS (damped trend, no trend) and Theta in
:mod:`~kawasaki_econ.forecast.smoothing`, ARIMA in :mod:`~kawasaki_econ.forecast.arima_model`,
the combination here. A new model: write the function in the module of its kind, add it to
:data:`MODELS`, :data:`CANDIDATES` and :func:`~kawasaki_econ.forecast.model_base.min_obs`,
and pass its (deterministic) parameter estimation through
:func:`~kawasaki_econ.forecast.model_base.memoized`, so that the rolling-origin backtest does
not estimate the same data twice.

Candidates (``CANDIDATES``):

``naive``
    Last observation carried forward; random-walk uncertainty (per-period variance from
    the differences of consecutive observations, divided by their spacing).
``snaive``
    Seasonal naive (monthly only): the same month one year earlier; seasonal random walk.
``drift``
    Random walk with drift: slope from the first to the last observation.
``trend``
    Log-linear trend (linear trend on the working scale, with month dummies for monthly
    data) by least squares over all observations; parameter and residual uncertainty.
``ets``
    statsmodels ``ETSModel`` with a damped trend. Positive series: multiplicative error on
    the raw scale, damped additive trend and (monthly) multiplicative seasonality, i.e.
    ETS(M,Ad,M) / ETS(M,Ad,N); otherwise the additive counterpart. Paths from
    ``ETSResults.simulate``.
``ses``
    The same without trend (simple exponential smoothing): ETS(M,N,N) annual (a candidate
    for annual series only; monthly, the seasonal naive stands for "no trend"). Naive (no
    trend), ``ses`` (no trend, smoothed level), ``ets`` (damped trend) and drift / trend /
    Theta / ARIMA with drift (full trend) are separate candidates, each fitted wherever it is
    identified with at least two residual degrees of freedom
    (:func:`~kawasaki_econ.forecast.model_base.min_obs`: annual ETS needs its parameters
    plus two observations — 4 without trend, 7 with a damped one): how much trend the
    forecast keeps is chosen by the rolling-origin backtest, not by the length of the
    series.
``theta``
    statsmodels ``ThetaModel`` (theta = 2; classical multiplicative deseasonalisation for
    monthly positive data when the seasonality test is significant); annual series: the
    same estimator computed directly (faster, and the global least-squares smoothing
    weight). Paths simulate the underlying simple exponential smoothing (IMA(1,1)) process.
``arima``
    Fixed small orders on the working scale: annual ARIMA(0,1,1) with drift (exact
    Gaussian maximum likelihood by the innovations algorithm, :func:`fit_ma1` — the same
    likelihood as statsmodels ``SARIMAX``, much faster on short series), monthly the airline
    model ARIMA(0,1,1)(0,1,1)12 (statsmodels ``SARIMAX``). Paths are simulated from the
    fitted MA recursion with the in-sample innovations (annual: the last innovation drawn
    from its conditional distribution given the data).
``combination``
    Weighted mean of the point forecasts of the members (annual: naive, drift, trend, ETS
    with and without trend, Theta, ARIMA; monthly: seasonal naive, trend, ETS, Theta, ARIMA) on the working scale
    (a geometric mean for positive series). Monthly: equal weights over the members that
    can be fitted. Annual: inverse-MSE weights from the rolling-origin backtest over the
    members with a complete track record there
    (:func:`~kawasaki_econ.forecast.backtest.combination_weights`); equal weights when
    there is no backtest. Its paths are a mixture of the members' predictive distributions
    in proportion to the weights: each path takes one member's simulated deviation plus
    that member's distance from the combined point, so the members' disagreement is part
    of the spread.

Every simulated path except the naive one with an assumed volatility also carries the
uncertainty of the estimated error variance: the deviations of each path are multiplied by
``sqrt(df / chi2(df))`` (``df`` = residual degrees of freedom of the fit), which makes the
marginal distributions Student-t rather than normal — wider for short series. (The final
predictive margins are normal with the robust spread of these paths: the mixing widens the
spread for short series, while its heavy tails are not carried into the forecast.)
"""

from __future__ import annotations

import numpy as np

from .arima_model import arima
from .model_base import (
    ModelForecast,
    ModelFunction,
    ModelUnavailable,
    variance_mixing,
)
from .simple_models import drift, naive, snaive, trend
from .smoothing import ets, ses, theta

CANDIDATES = ("naive", "snaive", "drift", "trend", "ses", "ets", "theta", "arima", "combination")
#: Members of the combination: every candidate that can represent the data's
#: features — for monthly data the non-seasonal naive and drift are left out.
COMBINATION_MEMBERS = {
    1: ("naive", "drift", "trend", "ses", "ets", "theta", "arima"),
    12: ("snaive", "trend", "ets", "theta", "arima"),
}


def combination_members(season: int) -> tuple[str, ...]:
    return COMBINATION_MEMBERS[12 if season > 1 else 1]


def combination(
    z,
    season,
    h,
    n_sims,
    rng,
    *,
    log=True,
    members=None,
    spread_members=True,
    weights=None,
    **kw,
):
    """Combination of the members (see module docstring) that can be fitted.

    ``members``: already fitted member forecasts (only these are used); otherwise each member
    is fitted here. ``spread_members``: add the members' disagreement to the paths.
    ``weights``: ``{member: weight}`` (only the members named there take part, normalised
    to sum to one); ``None``: equal weights. The point is the weighted mean of the members'
    points on the working scale; a share ``weight`` of the paths comes from each member."""
    if members is None:
        members = {}
        for name in combination_members(season):
            if weights is not None and name not in weights:
                continue
            try:
                members[name] = MODELS[name](z, season, h, n_sims, rng, log=log, **kw)
            except ModelUnavailable:
                continue
    names = [name for name in combination_members(season) if name in members]
    if weights is not None:
        names = [name for name in names if weights.get(name, 0.0) > 0]
    parts = [members[name] for name in names]
    if len(parts) < 2:
        raise ModelUnavailable("combination: fewer than two members could be fitted")
    if weights is None:
        w = np.full(len(parts), 1.0 / len(parts))
        which = np.arange(n_sims) % len(parts)
        label = "equal"
    else:
        w = np.array([float(weights[name]) for name in names])
        w = w / w.sum()
        # deterministic allocation of the paths in proportion to the weights
        which = np.searchsorted(np.cumsum(w), (np.arange(n_sims) + 0.5) / n_sims)
        which = np.minimum(which, len(parts) - 1)
        label = ", ".join(f"{name} {wk:.2f}" for name, wk in zip(names, w, strict=True))
    if weights is None:
        point = np.mean([p.point for p in parts], axis=0)
    else:
        point = np.sum([wk * p.point for wk, p in zip(w, parts, strict=True)], axis=0)
    dev = np.empty((n_sims, h))
    for k, part in enumerate(parts):
        rows = which == k
        dev[rows] = part.dev[rows] + (part.point - point)[None, :] * float(spread_members)
    params = {"members": ", ".join(p.name for p in parts), "weights": label}
    return ModelForecast("combination", point, dev, params, max(p.n_used for p in parts))


MODELS: dict[str, ModelFunction] = {
    "naive": naive,
    "snaive": snaive,
    "drift": drift,
    "trend": trend,
    "ses": ses,
    "ets": ets,
    "theta": theta,
    "arima": arima,
    "combination": combination,
}


def fit_forecast(
    name: str,
    z: np.ndarray,
    season: int,
    h: int,
    n_sims: int,
    rng: np.random.Generator,
    *,
    log: bool = True,
    **kw,
) -> ModelForecast:
    """Fit candidate ``name`` to the working-scale array ``z`` and forecast ``h`` periods."""
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; choose from {', '.join(CANDIDATES)}")
    fc = MODELS[name](np.asarray(z, dtype=float), season, h, n_sims, rng, log=log, **kw)
    if name != "combination" and np.isfinite(fc.df):
        fc.dev = fc.dev * variance_mixing(fc.df, n_sims, rng)[:, None]
    return fc
