"""ARIMA candidates with fixed small orders: annual ARIMA(0,1,1) with drift by exact
maximum likelihood (:func:`fit_ma1`), monthly the airline model (statsmodels SARIMAX)."""

from __future__ import annotations

import numpy as np

from .model_base import (
    ModelForecast,
    ModelUnavailable,
    finite_forecast,
    memoized,
    min_obs,
    quiet,
    tail_segment,
)


def arima(z, season, h, n_sims, rng, **_):
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

    def estimate() -> dict:
        res = quiet(
            SARIMAX(w, concentrate_scale=True, **kw).fit, disp=False, method="bfgs", maxiter=20
        )
        return {
            "ma": np.asarray(res.polynomial_ma, dtype=float),  # [1, ma_1, ..., ma_q]
            "scale": float(res.scale),
            "resid": np.asarray(res.resid, dtype=float),
            "params": {k: float(v) for k, v in zip(res.param_names, res.params, strict=False)},
            "n_params": len(res.params),
        }

    try:
        res = memoized("airline", w, season, estimate)
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise ModelUnavailable(f"arima: {exc}") from exc
    ma = res["ma"]
    const = 0.0
    sigma = float(np.sqrt(res["scale"]))
    resid = res["resid"]
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
        **res["params"],
        "sigma": sigma,
    }
    point, dev = finite_forecast(point, paths - point, "arima")
    return ModelForecast(
        "arima", point, dev, params, int(seg.size), "", float(w.size - res["n_params"] - 1)
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
    fit = memoized("ma1", w, None, lambda: fit_ma1(w))
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
    point, dev = finite_forecast(point, paths - point, "arima")
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
