"""The simple candidates: naive, seasonal naive, random walk with drift and the log-linear
trend (gap-aware: naive, drift and trend use every observation at its true position)."""

from __future__ import annotations

import numpy as np

from .model_base import ModelForecast, ModelUnavailable, pairs, random_walk, tail_segment
from .wording import Note


def naive(z, season, h, n_sims, rng, *, fallback_sd=None, **_):
    """Last observation; random-walk paths. With no pair of observations the per-period
    standard deviation is the assumed ``fallback_sd`` (noted)."""
    obs = z[~np.isnan(z)]
    if obs.size == 0:
        raise ModelUnavailable("naive: no observation")
    d, gap = pairs(z)
    note = ""
    if d.size >= 1:
        sigma = float(np.sqrt(np.sum(d**2 / gap) / d.size))
    else:
        if fallback_sd is None:
            raise ModelUnavailable("naive: one observation and no assumed volatility")
        sigma, note = float(fallback_sd), Note(f"per-period sd assumed = {fallback_sd:g}",
                                               f"1期当たりの標準偏差を{fallback_sd:g}と仮定")
    if sigma == 0.0 and fallback_sd is not None:
        sigma, note = float(fallback_sd), Note(
            f"no variation observed; sd assumed = {fallback_sd:g}",
            f"変動が観測されていないため、標準偏差を{fallback_sd:g}と仮定")
    point = np.full(h, obs[-1])
    dev = random_walk(sigma, h, n_sims, rng)
    df = float(d.size) if not note else np.inf
    return ModelForecast("naive", point, dev, {"sigma": sigma}, int(obs.size), note, df)


def snaive(z, season, h, n_sims, rng, **_):
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


def drift(z, season, h, n_sims, rng, **_):
    """Random walk with drift (slope first → last observation); drift uncertainty included."""
    pos = np.flatnonzero(~np.isnan(z))
    if pos.size < 3:
        raise ModelUnavailable("drift: needs 3 observations")
    span = float(pos[-1] - pos[0])
    slope = (z[pos[-1]] - z[pos[0]]) / span
    d, gap = pairs(z)
    resid2 = (d - slope * gap) ** 2 / gap
    sigma = float(np.sqrt(np.sum(resid2) / max(d.size - 1, 1)))
    steps = np.arange(1, h + 1) + (len(z) - 1 - pos[-1])
    point = z[pos[-1]] + slope * steps
    dev = random_walk(sigma, h, n_sims, rng)
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


def trend(z, season, h, n_sims, rng, **_):
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
