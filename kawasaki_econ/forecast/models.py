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
    statsmodels ``ETSModel``. Positive series: multiplicative error on the raw scale, damped
    additive trend and (monthly) multiplicative seasonality, i.e. ETS(M,Ad,M) / ETS(M,Ad,N);
    otherwise the additive counterpart. Short annual series (< 10 points) use ETS(M,N,N).
    Paths from ``ETSResults.simulate``.
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
    Weighted mean of the point forecasts of the members (annual: naive, drift, trend, ETS,
    Theta, ARIMA; monthly: seasonal naive, trend, ETS, Theta, ARIMA) on the working scale
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

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

CANDIDATES = ("naive", "snaive", "drift", "trend", "ets", "theta", "arima", "combination")
#: Members of the combination: every candidate that can represent the data's
#: features — for monthly data the non-seasonal naive and drift are left out.
COMBINATION_MEMBERS = {
    1: ("naive", "drift", "trend", "ets", "theta", "arima"),
    12: ("snaive", "trend", "ets", "theta", "arima"),
}


def combination_members(season: int) -> tuple[str, ...]:
    return COMBINATION_MEMBERS[12 if season > 1 else 1]


GAP_AWARE = ("naive", "drift", "trend")


class ModelUnavailable(Exception):
    """The model cannot be fitted to this series (the message says why)."""


@dataclass
class ModelForecast:
    """Forecast of one model on the working scale.

    ``point``: shape ``(h,)``; ``dev``: simulated deviations from ``point``, shape
    ``(n_sims, h)``; ``params``: fitted parameters (plain floats / strings);
    ``n_used``: observations the model was fitted on.
    """

    name: str
    point: np.ndarray
    dev: np.ndarray
    params: dict = field(default_factory=dict)
    n_used: int = 0
    note: str = ""
    df: float = np.inf  # residual degrees of freedom (for the variance-uncertainty mixing)

    def sd(self) -> np.ndarray:
        """Standard deviation of the simulated paths by horizon (working scale)."""
        return self.dev.std(axis=0)


def min_obs(name: str, season: int) -> int:
    """Minimum number of observations (in the segment the model uses) to fit ``name``."""
    seasonal = season > 1
    return {
        "naive": 1,
        "snaive": 2 * season if seasonal else 10**9,
        "drift": 3,
        "trend": (season + 12) if seasonal else 4,
        "ets": 3 * season if seasonal else 6,
        "theta": 2 * season + 4 if seasonal else 5,
        "arima": 2 * season + 14 if seasonal else 6,
        "combination": 2 * season + 14 if seasonal else 6,
    }[name]


def tail_segment(z: np.ndarray) -> np.ndarray:
    """The contiguous segment after the last missing value (never filled)."""
    missing = np.flatnonzero(np.isnan(z))
    return z[missing[-1] + 1 :] if missing.size else z


def _quiet(func: Callable, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            return func(*args, **kwargs)


def _finite(point: np.ndarray, dev: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    point = np.asarray(point, dtype=float)
    dev = np.asarray(dev, dtype=float)
    if not np.all(np.isfinite(point)):
        raise ModelUnavailable(f"{name}: non-finite forecast")
    bad = ~np.isfinite(dev)
    if bad.any():
        dev = np.where(bad, 0.0, dev)
    return point, dev


# --------------------------------------------------------------------------- naive family
def _pairs(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Differences between consecutive observations and their spacing (in periods)."""
    pos = np.flatnonzero(~np.isnan(z))
    return np.diff(z[pos]), np.diff(pos).astype(float)


def _random_walk(sigma: float, h: int, n: int, rng: np.random.Generator) -> np.ndarray:
    return np.cumsum(rng.normal(0.0, sigma, size=(n, h)), axis=1)


def naive(z, season, h, n_sims, rng, *, log=True, fallback_sd=None):
    """Last observation; random-walk paths. With no pair of observations the per-period
    standard deviation is the assumed ``fallback_sd`` (noted)."""
    obs = z[~np.isnan(z)]
    if obs.size == 0:
        raise ModelUnavailable("naive: no observation")
    d, gap = _pairs(z)
    note = ""
    if d.size >= 1:
        sigma = float(np.sqrt(np.sum(d**2 / gap) / d.size))
    else:
        if fallback_sd is None:
            raise ModelUnavailable("naive: one observation and no assumed volatility")
        sigma, note = float(fallback_sd), f"per-period sd assumed = {fallback_sd:g}"
    if sigma == 0.0 and fallback_sd is not None:
        sigma, note = float(fallback_sd), f"no variation observed; sd assumed = {fallback_sd:g}"
    point = np.full(h, obs[-1])
    dev = _random_walk(sigma, h, n_sims, rng)
    df = float(d.size) if not note else np.inf
    return ModelForecast("naive", point, dev, {"sigma": sigma}, int(obs.size), note, df)


def snaive(z, season, h, n_sims, rng, *, log=True, **_):
    """Seasonal naive: value of the same season one cycle earlier; seasonal random walk."""
    if season <= 1:
        raise ModelUnavailable("snaive: annual series has no season")
    seg = tail_segment(z)
    if seg.size < 2 * season:
        raise ModelUnavailable(f"snaive: needs {2 * season} contiguous observations")
    last = seg[-season:]
    point = np.array([last[(j % season)] for j in range(h)])
    d = seg[season:] - seg[:-season]
    sigma = float(np.sqrt(np.mean(d**2)))
    eps = rng.normal(0.0, sigma, size=(n_sims, h))
    dev = eps.copy()
    for j in range(season, h):
        dev[:, j] += dev[:, j - season]
    return ModelForecast("snaive", point, dev, {"sigma": sigma}, int(seg.size), "", float(d.size))


def drift(z, season, h, n_sims, rng, *, log=True, **_):
    """Random walk with drift (slope first → last observation); drift uncertainty included."""
    pos = np.flatnonzero(~np.isnan(z))
    if pos.size < 3:
        raise ModelUnavailable("drift: needs 3 observations")
    span = float(pos[-1] - pos[0])
    slope = (z[pos[-1]] - z[pos[0]]) / span
    d, gap = _pairs(z)
    resid2 = (d - slope * gap) ** 2 / gap
    sigma = float(np.sqrt(np.sum(resid2) / max(d.size - 1, 1)))
    steps = np.arange(1, h + 1) + (len(z) - 1 - pos[-1])
    point = z[pos[-1]] + slope * steps
    dev = _random_walk(sigma, h, n_sims, rng)
    dev[:, :] += np.outer(rng.normal(0.0, sigma / np.sqrt(span), size=n_sims), steps)
    return ModelForecast(
        "drift",
        point,
        dev,
        {"slope": float(slope), "sigma": sigma},
        int(pos.size),
        "",
        float(d.size - 1),
    )


def trend(z, season, h, n_sims, rng, *, log=True, **_):
    """Linear trend on the working scale (log-linear for positive series) + month dummies."""
    n = len(z)
    t = np.arange(n + h, dtype=float)
    cols = [np.ones(n + h), (t - t[:n].mean()) / max(n, 1)]
    if season > 1:
        cols += [(np.arange(n + h) % season == k).astype(float) for k in range(1, season)]
    X = np.column_stack(cols)
    ok = ~np.isnan(z)
    Xo, zo = X[:n][ok], z[ok]
    p = X.shape[1]
    if zo.size < p + 2:
        raise ModelUnavailable(f"trend: needs {p + 2} observations")
    beta, *_ = np.linalg.lstsq(Xo, zo, rcond=None)
    resid = zo - Xo @ beta
    s2 = float(resid @ resid / (zo.size - p))
    cov = s2 * np.linalg.pinv(Xo.T @ Xo)
    Xf = X[n:]
    point = Xf @ beta
    try:
        draws = rng.multivariate_normal(np.zeros(p), cov, size=n_sims, method="cholesky")
    except np.linalg.LinAlgError:  # singular (e.g. an exact fit: zero residual variance)
        draws = rng.multivariate_normal(np.zeros(p), cov, size=n_sims, method="eigh")
    dev = draws @ Xf.T + rng.normal(0.0, np.sqrt(s2), size=(n_sims, h))
    slope = float(beta[1] / max(n, 1))
    return ModelForecast(
        "trend",
        point,
        dev,
        {"slope_per_period": slope, "resid_sd": float(np.sqrt(s2))},
        int(zo.size),
        "",
        float(zo.size - p),
    )


# ---------------------------------------------------------------------------- statsmodels
def ets(z, season, h, n_sims, rng, *, log=True, **_):
    """statsmodels ETSModel: ETS(M,Ad,M)/(M,Ad,N) on the raw scale for positive series."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    seg = tail_segment(z)
    if seg.size < min_obs("ets", season):
        raise ModelUnavailable(f"ets: needs {min_obs('ets', season)} contiguous observations")
    y = np.exp(seg) if log else seg
    kind = "mul" if log else "add"
    damped = season > 1 or seg.size >= 10
    kw = {"error": kind, "trend": "add" if damped else None, "damped_trend": damped}
    if season > 1:
        kw.update(seasonal=kind, seasonal_periods=season)
    init = "heuristic" if (season > 1 and seg.size >= max(10, 3 * season)) else "estimated"
    try:
        res = _quiet(ETSModel(y, initialization_method=init, **kw).fit, disp=False)
        fc = np.asarray(res.forecast(h), dtype=float)
        sims = (
            np.asarray(res.simulate(h, anchor="end", repetitions=n_sims, rng=rng), dtype=float)
            .reshape(h, n_sims)
            .T
        )
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise ModelUnavailable(f"ets: {exc}") from exc
    if log:
        if np.any(fc <= 0):
            raise ModelUnavailable("ets: non-positive forecast")
        point = np.log(fc)
        dev = np.log(np.clip(sims, fc * 1e-3, None)) - point
    else:
        point, dev = fc, sims - fc
    label = "ETS({},{},{})".format(
        "M" if log else "A", "Ad" if damped else "N", ("M" if log else "A") if season > 1 else "N"
    )
    params = {
        "form": label,
        **{
            k: float(v)
            for k, v in zip(res.param_names, res.params, strict=False)
            if not k.startswith("initial_seasonal")
        },
    }
    point, dev = _finite(point, dev, "ets")
    n_par = len(res.params) if init != "heuristic" else len(res.params) - season
    return ModelForecast("ets", point, dev, params, int(seg.size), "", float(seg.size - n_par))


def theta(z, season, h, n_sims, rng, *, log=True, **_):
    """Theta method (theta = 2); SES (IMA(1,1)) paths, reseasonalised. Monthly: statsmodels
    ``ThetaModel``; annual: the same estimator computed directly (:func:`_theta_annual`)."""
    seg = tail_segment(z)
    if seg.size < min_obs("theta", season):
        raise ModelUnavailable(f"theta: needs {min_obs('theta', season)} contiguous observations")
    y = np.exp(seg) if log else seg
    deseasonalized = False
    if season <= 1:
        b0, alpha, des = _theta_annual(y, h)
        seas = np.ones(h) if log else np.zeros(h)
        sigma = _ses_sigma(y, None, season, log, alpha=alpha)
    else:
        from statsmodels.tsa.forecasting.theta import ThetaModel

        try:
            model = ThetaModel(
                y,
                period=season,
                deseasonalize=True,
                method="multiplicative" if log else "additive",
            )
            res = _quiet(model.fit)
            comp = res.forecast_components(h)
        except (ValueError, np.linalg.LinAlgError) as exc:
            raise ModelUnavailable(f"theta: {exc}") from exc
        des = 0.5 * comp["trend"].to_numpy() + comp["ses"].to_numpy()
        seas = comp["seasonal"].to_numpy()
        b0, alpha = float(res.params.iloc[0]), float(res.params.iloc[1])
        sigma = _ses_sigma(y, res, season, log)
        deseasonalized = bool(model.deseasonalize)
    eps = rng.normal(0.0, sigma, size=(n_sims, h))
    shock = eps + alpha * np.concatenate(
        [np.zeros((n_sims, 1)), np.cumsum(eps, axis=1)[:, :-1]], axis=1
    )
    if log:
        fc = des * seas
        if np.any(fc <= 0):
            raise ModelUnavailable("theta: non-positive forecast")
        point = np.log(fc)
        dev = np.log(np.clip(1.0 + shock / des, 1e-3, None))
    else:
        point = des + seas
        dev = shock
    params = {"b0": float(b0), "alpha": alpha, "deseasonalized": deseasonalized}
    point, dev = _finite(point, dev, "theta")
    return ModelForecast(
        "theta",
        point,
        dev,
        params,
        int(seg.size),
        "",
        float(seg.size - 3 - (season - 1 if season > 1 else 0)),
    )


def _ses_sse(x: np.ndarray, alphas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum of squared one-step errors and final level of simple exponential smoothing with
    the initial level ``x[0]`` (known), for every smoothing weight in ``alphas`` at once."""
    a = np.asarray(alphas, dtype=float)
    level = np.full(a.size, float(x[0]))
    sse = np.zeros(a.size)
    for t in range(1, x.size):
        e = x[t] - level
        sse += e * e
        level = level + a * e
    return sse, level


def _theta_annual(y: np.ndarray, h: int) -> tuple[float, float, np.ndarray]:
    """Theta(2) forecast of a non-seasonal series, as statsmodels ``ThetaModel.fit()``
    defines it: drift ``b0`` = OLS slope on time; SES with the first observation as the
    known initial level, smoothing weight minimising the squared one-step errors on [0, 1];
    forecast ``ses + 0.5 * b0 * (j - 1 + 1/alpha - (1 - alpha)**n / alpha)``. The weight is
    found by a grid over [0, 1] refined by a bounded scalar search (the global minimum:
    statsmodels' local optimiser sometimes stops at a worse one on short series).
    Returns ``b0, alpha`` and the deseasonalised forecast (``h`` values)."""
    from scipy.optimize import minimize_scalar

    n = y.size
    t = np.arange(n, dtype=float)
    b0 = float(np.polyfit(t, y, 1)[0])
    grid = np.linspace(0.0, 1.0, 101)
    sse = _ses_sse(y, grid)[0]
    i = int(np.argmin(sse))
    res = minimize_scalar(
        lambda a: _ses_sse(y, np.array([a]))[0][0],
        bounds=(grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]),
        method="bounded",
        options={"xatol": 1e-7},
    )
    alpha = float(res.x) if res.fun <= sse[i] else float(grid[i])
    one_step = float(_ses_sse(y, np.array([alpha]))[1][0])
    steps = np.arange(h, dtype=float)
    if alpha > 0:
        steps += 1.0 / alpha - (1.0 - alpha) ** n / alpha
    return b0, alpha, one_step + 0.5 * b0 * steps


def _ses_sigma(y: np.ndarray, res, season: int, log: bool, alpha: float | None = None) -> float:
    """SD of the one-step errors of the SES underlying a fitted ThetaModel, computed on the
    deseasonalised data (avoids statsmodels' lazy extra ARIMA fit for ``sigma2``)."""
    n = y.size
    x = y.astype(float)
    if season > 1:
        factors = res.forecast_components(season)["seasonal"].to_numpy()
        pos = (np.arange(n) - n) % season
        x = x / factors[pos] if log else x - factors[pos]
    if alpha is None:
        alpha = float(res.params.iloc[1])
    level = x[0]
    errors = np.empty(n - 1)
    for t in range(1, n):
        errors[t - 1] = x[t] - level
        level += alpha * errors[t - 1]
    errors -= errors.mean()  # the drift term absorbs the mean error
    return float(np.sqrt(np.mean(errors**2))) if errors.size else 0.0


def arima(z, season, h, n_sims, rng, *, log=True, **_):
    """ARIMA with fixed orders: ARIMA(0,1,1)+drift (annual, exact Gaussian maximum likelihood
    by :func:`fit_ma1`), the airline model (monthly, statsmodels SARIMAX)."""
    seg = tail_segment(z)
    if seg.size < min_obs("arima", season):
        raise ModelUnavailable(f"arima: needs {min_obs('arima', season)} contiguous observations")
    if season <= 1:
        return _arima_annual(seg, h, n_sims, rng)
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    w = seg[season:] - seg[:-season]
    w = w[1:] - w[:-1]
    kw = {"order": (0, 0, 1), "seasonal_order": (0, 0, 1, season), "trend": "n"}
    form = f"ARIMA(0,1,1)(0,1,1){season}"
    try:
        res = _quiet(
            SARIMAX(w, concentrate_scale=True, **kw).fit, disp=False, method="bfgs", maxiter=20
        )
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise ModelUnavailable(f"arima: {exc}") from exc
    ma = np.asarray(res.polynomial_ma, dtype=float)  # [1, ma_1, ..., ma_q]
    const = 0.0
    sigma = float(np.sqrt(res.scale))
    resid = np.asarray(res.resid, dtype=float)
    q = len(ma) - 1
    past = resid[-q:] if q else np.zeros(0)
    eps = rng.normal(0.0, sigma, size=(n_sims, h))
    e_pt = np.concatenate([past, np.zeros(h)])
    e_sim = np.concatenate([np.tile(past, (n_sims, 1)), eps], axis=1)
    w_pt = np.empty(h)
    w_sim = np.empty((n_sims, h))
    lags = np.arange(1, q + 1)
    for j in range(h):
        idx = q + j - lags
        w_pt[j] = const + e_pt[idx] @ ma[1:]
        w_sim[:, j] = const + eps[:, j] + e_sim[:, idx] @ ma[1:]
    point = _integrate(seg, w_pt[None, :], season)[0]
    paths = _integrate(seg, w_sim, season)
    params = {
        "form": form,
        **{k: float(v) for k, v in zip(res.param_names, res.params, strict=False)},
        "sigma": sigma,
    }
    point, dev = _finite(point, paths - point, "arima")
    return ModelForecast(
        "arima", point, dev, params, int(seg.size), "", float(w.size - len(res.params) - 1)
    )


def _ma1_innovations(x: np.ndarray, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Innovations algorithm for a zero-mean MA(1) ``x_t = e_t + theta e_(t-1)`` with unit
    innovation variance, for every coefficient in ``theta`` at once: one-step prediction
    errors ``(len(theta), n)`` and their variances ``r`` (exact, stationary start)."""
    th = np.asarray(theta, dtype=float)
    n = x.shape[-1]
    e = np.empty((th.size, n))
    r = np.empty((th.size, n))
    t2 = th**2
    r[:, 0] = 1.0 + t2
    e[:, 0] = x[0]
    for t in range(1, n):
        r[:, t] = 1.0 + t2 - t2 / r[:, t - 1]
        e[:, t] = x[t] - th / r[:, t - 1] * e[:, t - 1]
    return e, r


def _ma1_profile(w: np.ndarray, theta: np.ndarray):
    """Profile log-likelihood of MA(1) + constant over ``theta`` (mean by GLS, variance
    concentrated out), with the mean, the variance and the innovations."""
    a, r = _ma1_innovations(w, theta)
    b, _ = _ma1_innovations(np.ones_like(w), theta)
    mu = np.sum(a * b / r, axis=1) / np.sum(b * b / r, axis=1)
    u = a - mu[:, None] * b
    s2 = np.sum(u * u / r, axis=1) / w.size
    with np.errstate(divide="ignore"):
        ll = -0.5 * w.size * np.log(s2) - 0.5 * np.sum(np.log(r), axis=1)
    return ll, mu, s2, u, r


MA1_BOUND = 0.999  # |theta| < 1: invertible MA(1), as statsmodels enforces by default


def fit_ma1(w: np.ndarray) -> dict:
    """Exact Gaussian maximum likelihood of ``w_t = mu + e_t + theta e_(t-1)`` (the
    differences of an ARIMA(0,1,1) with drift): profile likelihood in ``theta`` on a grid
    over the invertible region, refined by a bounded scalar search between the grid
    neighbours of the best point. Equivalent to statsmodels
    ``SARIMAX(w, order=(0,0,1), trend='c', concentrate_scale=True)`` fitted to convergence
    (same likelihood), ~20× faster, which matters for many short annual series.

    Returns ``theta, mu, sigma2`` and, for forecasting, the conditional mean and variance
    (per unit ``sigma2``) of the last innovation ``e_(n-1)`` given the data."""
    from scipy.optimize import minimize_scalar

    w = np.asarray(w, dtype=float)
    grid = np.linspace(-MA1_BOUND, MA1_BOUND, 101)
    ll = _ma1_profile(w, grid)[0]
    if not np.any(np.isfinite(ll)):  # no variation around the mean: theta is not identified
        theta = 0.0
    else:
        i = int(np.nanargmax(np.where(np.isfinite(ll), ll, -np.inf)))
        lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
        res = minimize_scalar(
            lambda t: -_ma1_profile(w, np.array([t]))[0][0],
            bounds=(lo, hi),
            method="bounded",
            options={"xatol": 1e-5},
        )
        theta = float(res.x) if res.fun <= -ll[i] else float(grid[i])
    _, mu, s2, u, r = _ma1_profile(w, np.array([theta]))
    # E[e_(n-1) | w] = u_(n-1) / r_(n-1); Var = sigma2 * (1 - 1 / r_(n-1))
    return {
        "theta": theta,
        "mu": float(mu[0]),
        "sigma2": float(s2[0]),
        "last_mean": float(u[0, -1] / r[0, -1]),
        "last_var": float(max(0.0, 1.0 - 1.0 / r[0, -1])),
    }


def _arima_annual(seg: np.ndarray, h: int, n_sims: int, rng) -> ModelForecast:
    """ARIMA(0,1,1) with drift on the working scale: exact MLE (:func:`fit_ma1`), point
    forecast from the conditional mean of the last innovation, paths that also draw the
    last innovation from its conditional distribution given the data."""
    w = np.diff(seg)
    fit = fit_ma1(w)
    theta, mu = fit["theta"], fit["mu"]
    sigma = float(np.sqrt(max(fit["sigma2"], 0.0)))
    w_pt = np.full(h, mu)
    w_pt[0] += theta * fit["last_mean"]
    last = fit["last_mean"] + sigma * np.sqrt(fit["last_var"]) * rng.normal(size=n_sims)
    eps = rng.normal(0.0, sigma, size=(n_sims, h))
    prev = np.concatenate([last[:, None], eps[:, :-1]], axis=1)
    w_sim = mu + eps + theta * prev
    point = seg[-1] + np.cumsum(w_pt)
    paths = seg[-1] + np.cumsum(w_sim, axis=1)
    params = {
        "form": "ARIMA(0,1,1) with drift",
        "intercept": mu,
        "ma.L1": theta,
        "sigma": sigma,
    }
    point, dev = _finite(point, paths - point, "arima")
    return ModelForecast("arima", point, dev, params, int(seg.size), "", float(w.size - 3))


def _integrate(seg: np.ndarray, w: np.ndarray, season: int) -> np.ndarray:
    """Undo (seasonal) differencing: paths of levels from future differences ``w``."""
    n_paths, h = w.shape
    hist = np.tile(seg, (n_paths, 1))
    out = np.concatenate([hist, np.empty((n_paths, h))], axis=1)
    n = seg.size
    for j in range(h):
        t = n + j
        if season > 1:
            out[:, t] = out[:, t - 1] + out[:, t - season] - out[:, t - season - 1] + w[:, j]
        else:
            out[:, t] = out[:, t - 1] + w[:, j]
    return out[:, n:]


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


MODELS: dict[str, Callable[..., ModelForecast]] = {
    "naive": naive,
    "snaive": snaive,
    "drift": drift,
    "trend": trend,
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


def variance_mixing(df: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """Per-path factors ``sqrt(df / chi2(df))``: each simulated path gets its own draw of the
    innovation scale, so that the paths reflect the uncertainty of an error variance
    estimated from ``df`` residual degrees of freedom (marginally Student-t instead of
    normal). ``df`` is floored at 2."""
    df = max(2.0, float(df))
    return np.sqrt(df / rng.chisquare(df, size=n))
