"""One series → backtest, model choice, calibration and calibrated sample paths.

:func:`auto_forecast` is the engine behind :func:`kawasaki_econ.forecast.attainment` and the
benchmark. It works on a regular working-scale array (log values for positive series; NaN
for missing periods, never filled) and returns a :class:`Fit` whose :meth:`Fit.paths` are
the calibrated simulated paths: at every horizon a normal margin on the working scale
around the point forecast, with the model's robust spread × the backtest calibration,
bounded by :func:`~kawasaki_econ.forecast.margins.growth_bound` (the method is described
in :mod:`kawasaki_econ.forecast.margins`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ForecastError
from . import backtest, calibration, models
from .calibration import Calibration
from .margins import MAX_LOG_SD, growth_bound, normal_quantile, normal_scores, robust_sd
from .model_base import tail_segment
from .spans import SpanMoments, combine, span_floor, span_moments

ANNUAL_CANDIDATES = ("naive", "drift", "trend", "ses", "ets", "theta", "arima", "combination")
MONTHLY_CANDIDATES = ("snaive", "naive", "drift", "trend", "ets", "theta", "arima", "combination")
#: Preference when no backtest is possible (too short a series): the combination, then the
#: richer single models, then the simple ones.
FALLBACK_ORDER = (
    "combination", "ets", "theta", "arima", "trend", "ses", "drift", "snaive", "naive"
)


#: The reason recorded when ``method`` names the model (the model line says so).
CALLER_CHOICE = "chosen by the caller"


def default_candidates(season: int) -> tuple[str, ...]:
    return MONTHLY_CANDIDATES if season > 1 else ANNUAL_CANDIDATES


@dataclass
class Fit:
    """Result of :func:`auto_forecast` (working scale: log when ``log``)."""

    name: str
    forecast: models.ModelForecast
    calibration: Calibration
    scores: pd.DataFrame
    errors: pd.DataFrame
    fits: dict
    reason: str
    log: bool
    season: int
    notes: list = field(default_factory=list)
    bound: np.ndarray | None = None  # largest spread per horizon (margins.growth_bound)
    floor: np.ndarray | None = None  # smallest spread per horizon (spans.span_floor)

    @property
    def point(self) -> np.ndarray:
        return self.forecast.point

    def spread(self, name: str | None = None, calibration: Calibration | None = None):
        """Calibrated standard deviation of the predictive distribution at each horizon
        (working scale) of ``name`` (default: the chosen model)."""
        fc = self.fits[name] if name is not None else self.forecast
        cal = calibration if calibration is not None else self.calibration
        sd = cal.factors(len(fc.point)) * robust_sd(fc.dev)
        if self.floor is not None:
            sd = np.maximum(sd, self.floor[: len(sd)])
        return sd if self.bound is None else np.minimum(sd, self.bound[: len(sd)])

    def paths(self, name: str | None = None, calibration: Calibration | None = None):
        """Calibrated simulated paths on the working scale, shape ``(n_sims, h)``: at every
        horizon a normal margin around the point (the model's rank order of the paths
        kept, so that sums over periods stay coherent), see :func:`margins`."""
        fc = self.fits[name] if name is not None else self.forecast
        return fc.point[None, :] + self.spread(name, calibration)[None, :] * normal_scores(
            fc.dev
        )

    def level_paths(self, name: str | None = None, calibration: Calibration | None = None):
        """Calibrated simulated paths on the original scale."""
        p = self.paths(name, calibration)
        return np.exp(p) if self.log else p

    def quantiles(self, probs) -> np.ndarray:
        """Quantiles of the calibrated predictive distribution on the original scale,
        shape ``(len(probs), h)``."""
        z = normal_quantile(np.asarray(probs, dtype=float))
        q = self.forecast.point[None, :] + z[:, None] * self.spread()[None, :]
        return np.exp(q) if self.log else q

    def params(self) -> dict:
        return dict(self.forecast.params)


def _span_floor(z, point, peers, log: bool, notes: list) -> np.ndarray | None:
    """Spread floor of an annual forecast from its own and its peers' h-year spans."""
    h = len(point)
    own = span_moments([z], h)
    if peers is None:
        pooled = own
    elif isinstance(peers, SpanMoments):
        pooled = combine(own, peers)
    else:
        arrays = [np.asarray(p, dtype=float) for p in peers]
        pooled = combine(own, span_moments(
            [np.log(a) if log else a for a in arrays if not log or np.all(a[np.isfinite(a)] > 0)],
            h))
    floor = span_floor(z, point, pooled)
    if floor is not None:
        notes.append(
            f"spread at least what {'this series' if pooled.n_series <= 1 else f'{pooled.n_series} series (this one and comparable ones)'} "
            f"showed over 1–{pooled.measured()}-year spans (pseudo-forecasts inside the fitted "
            "years; kawasaki_econ.forecast.spans)")
    return floor


def working_scale(values: np.ndarray) -> tuple[np.ndarray, bool]:
    """Log of the values when every observed value is positive, else the values."""
    obs = values[~np.isnan(values)]
    if obs.size and np.all(obs > 0):
        return np.log(values), True
    return values.astype(float), False


def auto_forecast(
    values: np.ndarray,
    season: int,
    h: int,
    *,
    method: str = "auto",
    candidates=None,
    n_sims: int = 10_000,
    seed: int = 0,
    fallback_sd: float | None = 0.10,
    backtest_sims: int = 200,
    tolerance: float = backtest.COMBINATION_TOLERANCE,
    calibrate: bool = True,
    origins=None,
    log: bool | None = None,
    peers=None,
) -> Fit:
    """Backtest every candidate, choose (``method='auto'``) or take ``method``, calibrate
    and simulate ``n_sims`` paths ``h`` periods ahead.

    ``values``: original-scale regular array (NaN = missing period). ``fallback_sd``: the
    per-period standard deviation (working scale) assumed by the naive model when the
    series has a single observation. ``backtest_sims``: paths per model and origin in the
    backtest. ``tolerance``: see :data:`~kawasaki_econ.forecast.backtest.COMBINATION_TOLERANCE`.
    ``calibrate=False`` keeps the model's own uncertainty. ``origins``: training lengths of
    the rolling origins (default :func:`~kawasaki_econ.forecast.backtest.default_origins`).
    ``log``: force (True) or forbid (False) the log working scale. ``peers``: comparable
    annual series (original-scale arrays up to the same origin, or their precomputed
    :class:`~kawasaki_econ.forecast.spans.SpanMoments` on the working scale) pooled with the
    series' own h-year spans for the spread floor (:mod:`~kawasaki_econ.forecast.spans`).
    """
    values = np.asarray(values, dtype=float)
    n_obs = int(np.sum(~np.isnan(values)))
    if n_obs == 0:
        raise ForecastError("the series has no observation: nothing to forecast from")
    if h < 1:
        raise ForecastError("the forecast horizon must be at least one period")
    if log is None:
        z, log = working_scale(values)
    else:
        z = np.log(values) if log else values
    names = tuple(candidates) if candidates is not None else default_candidates(season)
    if method != "auto" and method not in names:
        names = (*names, method)
    if method == "combination" or method == "auto":
        names = tuple(dict.fromkeys((*names, "combination")))
    notes: list[str] = []
    bt = backtest.run_backtest(
        z,
        season,
        h,
        names,
        log=log,
        n_sims=backtest_sims,
        seed=seed,
        origins=origins,
        fallback_sd=fallback_sd,
    )
    score = backtest.scores(bt)
    rng = np.random.default_rng([seed, 1])
    weights = backtest.combination_weights(score, season)
    fits = backtest.fit_candidates(
        z, season, h, names, n_sims, rng, log=log, fallback_sd=fallback_sd, weights=weights
    )
    if not fits:
        raise ForecastError(f"no model could be fitted to a series with {n_obs} observation(s)")
    if method == "auto":
        avail = score[score.index.isin(list(fits))]
        chosen = backtest.choose(avail, tolerance) if not avail.empty else None
        if chosen is None:
            chosen = next(m for m in FALLBACK_ORDER if m in fits)
            reason = (
                f"no rolling-origin backtest possible with {n_obs} observation(s); "
                f"'{chosen}' used by the fixed preference order"
            )
            if chosen == "naive":
                reason = (
                    f"only {n_obs} observation(s): too few for trend, ETS, Theta or ARIMA "
                    "models; naive random walk used"
                )
        elif chosen == "combination":
            rivals = avail[(avail["n_origins"] == avail["n_origins"].max())
                          & (avail.index != "combination")]
            best = str(rivals["mase"].idxmin()) if len(rivals) else None
            comb = avail.loc["combination", "mase"]
            how = (f" with backtest inverse-MSE weights {fits['combination'].params['weights']}"
                   if weights else "")
            if best is not None and rivals.loc[best, "mase"] < comb:
                reason = (
                    f"combination{how} kept (backtest MASE {comb:.2f}): a single model "
                    f"replaces it only when its MASE is below {1 / (1 + tolerance):.0%} of the "
                    f"combination's, and the best single model, {best} "
                    f"({rivals.loc[best, 'mase']:.2f}), is not"
                )
            else:
                reason = f"combination{how}: the lowest backtest MASE ({comb:.2f})"
        else:
            if "combination" in avail.index:
                reason = (
                    f"lowest backtest MASE ({avail.loc[chosen, 'mase']:.2f}); the combination "
                    f"was worse by more than {tolerance:.0%}"
                )
            else:
                reason = (
                    f"lowest backtest MASE ({avail.loc[chosen, 'mase']:.2f}) among the models "
                    "that could be fitted (no combination: fewer than two members fit)"
                )
    else:
        if method not in fits:
            raise ForecastError(
                f"model '{method}' cannot be fitted to this series ({n_obs} observations"
                f"{', with gaps' if np.isnan(values).any() else ''}); use method='auto'"
            )
        chosen, reason = method, CALLER_CHOICE
    unavailable = [m for m in names if m not in fits]
    if unavailable:
        segment = int(tail_segment(z).size)
        notes.append(
            f"not fitted: {', '.join(unavailable)} (too few observations"
            + (f"; {segment} contiguous after the last gap" if np.isnan(z).any() else "")
            + ")"
        )
    cal = (
        calibration.calibrate(bt, chosen)
        if calibrate
        else Calibration(1.0, 0.0, 0, 0, "calibration switched off")
    )
    if not cal.calibrated:
        notes.append(
            f"intervals are the model's own, not calibrated ({cal.note}): treat them as optimistic"
        )
    if fits[chosen].note:
        notes.append(f"{chosen}: {fits[chosen].note}")
    fit = Fit(chosen, fits[chosen], cal, score, bt, fits, reason, log, season, notes,
              growth_bound(z, season, h, log))
    if season <= 1:
        fit.floor = _span_floor(z, fits[chosen].point, peers, log, notes)
    raw = cal.factors(h) * robust_sd(fit.forecast.dev)
    bound_hits = np.flatnonzero(raw > fit.bound)
    if bound_hits.size:
        ceiling = log and np.any(fit.bound[bound_hits] >= MAX_LOG_SD - 1e-12)
        notes.append(
            f"spread bounded from horizon {bound_hits[0] + 1} on: the calibrated spread "
            "exceeded what the series' own year-on-year changes give a random walk"
            + (f" or the ceiling MAX_LOG_SD = {MAX_LOG_SD:.2f} (mean at most 1.5 × median)"
               if ceiling else "")
        )
    return fit
