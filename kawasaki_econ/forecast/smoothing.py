"""Exponential smoothing candidates: statsmodels ETS with a damped trend (``ets``) and without
trend (``ses``), and the Theta method (annual series: the statsmodels estimator computed
directly)."""

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


def ets(z, season, h, n_sims, rng, *, log=True, **_):
    """statsmodels ETSModel with a damped additive trend: ETS(M,Ad,M) / ETS(M,Ad,N) on the
    raw scale for positive series (the additive counterparts otherwise)."""
    return _ets_fit(z, season, h, n_sims, rng, log=log, damped=True)


def ses(z, season, h, n_sims, rng, *, log=True, **_):
    """statsmodels ETSModel without trend: ETS(M,N,M) / ETS(M,N,N) on the raw scale for
    positive series (the additive counterparts otherwise) — simple exponential smoothing."""
    return _ets_fit(z, season, h, n_sims, rng, log=log, damped=False)


def _ets_fit(z, season, h, n_sims, rng, *, log, damped):
    """Fit one ETS form (damped additive trend or none) to the contiguous tail segment.
    The form is the caller's (the candidate's), never the series length's: the backtest
    compares both forms wherever each can be fitted (:func:`~.model_base.min_obs`)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    name = "ets" if damped else "ses"
    seg = tail_segment(z)
    if seg.size < min_obs(name, season):
        raise ModelUnavailable(f"{name}: needs {min_obs(name, season)} contiguous observations")
    y = np.exp(seg) if log else seg
    kind = "mul" if log else "add"
    kw = {"error": kind, "trend": "add" if damped else None, "damped_trend": damped}
    if season > 1:
        kw.update(seasonal=kind, seasonal_periods=season)
    init = "heuristic" if (season > 1 and seg.size >= max(10, 3 * season)) else "estimated"
    try:
        res = memoized(
            "ets", y, (init, tuple(sorted(kw.items()))),
            lambda: quiet(ETSModel(y, initialization_method=init, **kw).fit, disp=False),
        )
        fc = np.asarray(res.forecast(h), dtype=float)
        sims = (
            np.asarray(res.simulate(h, anchor="end", repetitions=n_sims, rng=rng), dtype=float)
            .reshape(h, n_sims)
            .T
        )
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise ModelUnavailable(f"{name}: {exc}") from exc
    if log:
        if np.any(fc <= 0):
            raise ModelUnavailable(f"{name}: non-positive forecast")
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
    point, dev = finite_forecast(point, dev, name)
    n_par = len(res.params) if init != "heuristic" else len(res.params) - season
    return ModelForecast(name, point, dev, params, int(seg.size), "", float(seg.size - n_par))


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

        def estimate():
            model = ThetaModel(
                y,
                period=season,
                deseasonalize=True,
                method="multiplicative" if log else "additive",
            )
            return model, quiet(model.fit)

        try:
            model, res = memoized("theta", y, (season, log), estimate)
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
    point, dev = finite_forecast(point, dev, "theta")
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
    n = y.size
    b0, alpha, one_step = memoized("theta-annual", y, None, lambda: _theta_annual_estimate(y))
    steps = np.arange(h, dtype=float)
    if alpha > 0:
        steps += 1.0 / alpha - (1.0 - alpha) ** n / alpha
    return b0, alpha, one_step + 0.5 * b0 * steps


def _theta_annual_estimate(y: np.ndarray) -> tuple[float, float, float]:
    """Drift ``b0``, smoothing weight ``alpha`` and one-step SES forecast of
    :func:`_theta_annual` (the estimation, independent of the horizon)."""
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
    return b0, alpha, one_step


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
