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
from .wording import CALLER_CHOICE, Note, note_text

ANNUAL_CANDIDATES = ("naive", "drift", "trend", "ses", "ets", "theta", "arima", "combination")
MONTHLY_CANDIDATES = ("snaive", "naive", "drift", "trend", "ets", "theta", "arima", "combination")
#: Preference when no backtest is possible (too short a series): the combination, then the
#: richer single models, then the simple ones.
FALLBACK_ORDER = (
    "combination", "ets", "theta", "arima", "trend", "ses", "drift", "snaive", "naive"
)


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
        one = pooled.n_series <= 1
        notes.append(Note(
            f"spread at least what {'this series' if one else f'{pooled.n_series} series (this one and comparable ones)'} "
            f"showed over 1–{pooled.measured()}-year spans (pseudo-forecasts inside the fitted "
            "years; kawasaki_econ.forecast.spans)",
            f"ばらつきは少なくとも{'この系列' if one else f'この系列と比較系列の計{pooled.n_series}系列'}"
            f"が1〜{pooled.measured()}年の間に示した変動の大きさ（当てはめ期間内の擬似予測; "
            "kawasaki_econ.forecast.spans）"))
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
    """Backtest the candidate models, choose one, calibrate it and simulate its paths.

    The engine behind :func:`~kawasaki_econ.forecast.attainment.attainment` and the
    benchmark, on a plain array: it knows nothing of periods (the caller maps positions to
    fiscal years or months) and gives paths, not a probability.

    Parameters
    ----------
    values : array_like of float
        One value per period, oldest first, regularly spaced (every fiscal year, calendar
        year or month from the first to the last), in the series' own unit; ``NaN`` marks
        a missing period (never filled: models that cannot handle gaps are fitted on the
        segment after the last gap).
    season : int
        Periods per year: 1 for annual, 12 for monthly data.
    h : int
        How many periods past the last value to forecast (at least 1).
    method : str, default 'auto'
        ``'auto'``: the combination of the candidates unless a single model's backtest MASE
        is far lower (see :mod:`~kawasaki_econ.forecast.backtest`); or the name of one of
        :data:`~kawasaki_econ.forecast.models.CANDIDATES` (``'naive'``, ``'drift'``,
        ``'ets'``, ``'combination'`` …).
    candidates : sequence of str, optional
        Models to backtest and choose among; default :data:`ANNUAL_CANDIDATES` or
        :data:`MONTHLY_CANDIDATES`.
    n_sims : int, default 10000
        Simulated paths returned.
    seed : int, default 0
        Random seed: the same seed gives the same paths.
    fallback_sd : float or None, default 0.1
        Per-period standard deviation (working scale: 0.1 ≈ ±10 % on the log scale)
        assumed by the naive model when the series has a single observation.
    backtest_sims : int, default 200
        Paths per model and origin in the backtest.
    tolerance : float, default 1.0
        ``method='auto'``: the best single model replaces the combination only when the
        combination's backtest MASE exceeds the model's × (1 + ``tolerance``), i.e. with
        1.0 when the model's MASE is less than half the combination's (see
        :data:`~kawasaki_econ.forecast.backtest.COMBINATION_TOLERANCE`).
    calibrate : bool, default True
        False keeps the model's own uncertainty (no calibration on backtest errors).
    origins : list of int, optional
        Training lengths of the rolling origins; default
        :func:`~kawasaki_econ.forecast.backtest.default_origins`.
    log : bool, optional
        Force (True) or forbid (False) the log working scale; default: log when every
        observed value is positive.
    peers : sequence of array_like or SpanMoments, optional
        Annual series only: comparable series (original-scale arrays up to the same
        origin, or their precomputed :class:`~kawasaki_econ.forecast.spans.SpanMoments` on
        the working scale) pooled with the series' own h-year spans for the floor of the
        spread (:mod:`~kawasaki_econ.forecast.spans`).

    Returns
    -------
    Fit
        The chosen model (``name``, ``reason``: why it was chosen), its point forecast and
        simulated deviations (``forecast``), its ``calibration``, the backtest ``scores``
        (one row per model: ``mase, msse, coverage80, coverage95, n_origins, n_errors``,
        sorted by MASE) and ``errors`` (one row per model, origin and horizon), every
        fitted candidate (``fits``), ``log`` (working scale), ``season`` and ``notes``.
        ``Fit.level_paths()`` gives the calibrated paths in the unit of ``values``, shape
        ``(n_sims, h)``; ``Fit.quantiles(probs)`` their quantiles, shape
        ``(len(probs), h)``.

    Raises
    ------
    ForecastError
        If ``values`` has no observation, ``h`` is below 1, no model can be fitted, or the
        model named by ``method`` cannot be fitted to the series (too few observations,
        gaps).

    Examples
    --------
    Kanagawa's foreign guest nights (人泊) by fiscal year, FY2011 – FY2024, three fiscal
    years ahead (FY2025 – FY2027):

    >>> import kawasaki_econ as k
    >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
    >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
    >>> fit = k.forecast.auto_forecast(nights.to_numpy(), season=1, h=3, n_sims=1_000)
    >>> fit.level_paths().shape, fit.quantiles([0.1, 0.5, 0.9]).shape
    ((1000, 3), (3, 3))
    >>> fit.name in fit.fits, fit.log
    (True, True)
    >>> fit.scores.columns.tolist()
    ['mase', 'msse', 'coverage80', 'coverage95', 'n_origins', 'n_errors']
    """
    values = np.asarray(values, dtype=float)
    n_obs = int(np.sum(~np.isnan(values)))
    if n_obs == 0:
        raise ForecastError("the series has no observation: nothing to forecast from",
                            ja="系列に観測がない: 予測のもとになるデータがない")
    if h < 1:
        raise ForecastError("the forecast horizon must be at least one period",
                            ja="予測期間は1期以上でなければならない")
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
        raise ForecastError(f"no model could be fitted to a series with {n_obs} observation(s)",
                            ja=f"観測{n_obs}件の系列に当てはめられるモデルがない")
    if method == "auto":
        avail = score[score.index.isin(list(fits))]
        chosen = backtest.choose(avail, tolerance) if not avail.empty else None
        if chosen is None:
            chosen = next(m for m in FALLBACK_ORDER if m in fits)
            reason = Note(
                f"no rolling-origin backtest possible with {n_obs} observation(s); "
                f"'{chosen}' used by the fixed preference order",
                f"観測{n_obs}件ではバックテストができないため、既定の順位で{chosen}を使用",
            )
            if chosen == "naive":
                reason = Note(
                    f"only {n_obs} observation(s): too few for trend, ETS, Theta or ARIMA "
                    "models; naive random walk used",
                    f"観測が{n_obs}件のみで、トレンド・ETS・Theta・ARIMAには少なすぎるため、"
                    "ナイーブ（ランダムウォーク）を使用",
                )
        elif chosen == "combination":
            rivals = avail[(avail["n_origins"] == avail["n_origins"].max())
                          & (avail.index != "combination")]
            best = str(rivals["mase"].idxmin()) if len(rivals) else None
            comb = avail.loc["combination", "mase"]
            w = fits["combination"].params["weights"] if weights else None
            how = f" with backtest inverse-MSE weights {w}" if weights else ""
            how_ja = f"（バックテストの逆MSE重み {w}）" if weights else ""
            if best is not None and rivals.loc[best, "mase"] < comb:
                reason = Note(
                    f"combination{how} kept (backtest MASE {comb:.2f}): a single model "
                    f"replaces it only when its MASE is below {1 / (1 + tolerance):.0%} of the "
                    f"combination's, and the best single model, {best} "
                    f"({rivals.loc[best, 'mase']:.2f}), is not",
                    f"組合せ{how_ja}を採用（バックテストMASE {comb:.2f}）。単独モデルが代わるのは"
                    f"MASEが組合せの{1 / (1 + tolerance):.0%}未満のときだけで、最良の単独モデル"
                    f"{best}（{rivals.loc[best, 'mase']:.2f}）はそれに届かない",
                )
            else:
                reason = Note(f"combination{how}: the lowest backtest MASE ({comb:.2f})",
                              f"組合せ{how_ja}: バックテストMASEが最小（{comb:.2f}）")
        else:
            score_text = f"{avail.loc[chosen, 'mase']:.2f}"
            if "combination" in avail.index:
                reason = Note(
                    f"lowest backtest MASE ({score_text}); the combination "
                    f"was worse by more than {tolerance:.0%}",
                    f"バックテストMASEが最小（{score_text}）。組合せは{tolerance:.0%}を超えて劣った",
                )
            else:
                reason = Note(
                    f"lowest backtest MASE ({score_text}) among the models "
                    "that could be fitted (no combination: fewer than two members fit)",
                    f"当てはめできたモデルの中でバックテストMASEが最小（{score_text}）"
                    "（当てはまるモデルが2つ未満のため組合せなし）",
                )
    else:
        if method not in fits:
            gaps = bool(np.isnan(values).any())
            raise ForecastError(
                f"model '{method}' cannot be fitted to this series ({n_obs} observations"
                f"{', with gaps' if gaps else ''}); use method='auto'",
                ja=f"モデル '{method}' はこの系列（観測{n_obs}件{'、欠測あり' if gaps else ''}）に"
                   "当てはめられない: method='auto' を使う",
            )
        chosen, reason = method, CALLER_CHOICE
    unavailable = [m for m in names if m not in fits]
    if unavailable:
        segment = int(tail_segment(z).size)
        gap = np.isnan(z).any()
        notes.append(Note(
            f"not fitted: {', '.join(unavailable)} (too few observations"
            + (f"; {segment} contiguous after the last gap" if gap else "") + ")",
            f"当てはめできなかったモデル: {', '.join(unavailable)}（観測が少なすぎる"
            + (f"。最後の欠測より後の連続部分は{segment}件" if gap else "") + "）",
        ))
    cal = (
        calibration.calibrate(bt, chosen)
        if calibrate
        else Calibration(1.0, 0.0, 0, 0, Note("calibration switched off", "較正をオフにした"))
    )
    if not cal.calibrated:
        notes.append(Note(
            f"intervals are the model's own, not calibrated ({cal.note}): treat them as "
            "optimistic",
            f"予測区間はモデル自身のもので較正していない（{note_text(cal.note, 'ja')}）。"
            "楽観的（狭すぎる）とみなすこと",
        ))
    if fits[chosen].note:
        note = fits[chosen].note
        notes.append(Note(f"{chosen}: {note}", f"{chosen}: {note_text(note, 'ja')}"))
    fit = Fit(chosen, fits[chosen], cal, score, bt, fits, reason, log, season, notes,
              growth_bound(z, season, h, log))
    if season <= 1:
        fit.floor = _span_floor(z, fits[chosen].point, peers, log, notes)
    raw = cal.factors(h) * robust_sd(fit.forecast.dev)
    bound_hits = np.flatnonzero(raw > fit.bound)
    if bound_hits.size:
        ceiling = log and np.any(fit.bound[bound_hits] >= MAX_LOG_SD - 1e-12)
        notes.append(Note(
            f"spread bounded from horizon {bound_hits[0] + 1} on: the calibrated spread "
            "exceeded what the series' own year-on-year changes give a random walk"
            + (f" or the ceiling MAX_LOG_SD = {MAX_LOG_SD:.2f} (mean at most 1.5 × median)"
               if ceiling else ""),
            f"{bound_hits[0] + 1}期先からばらつきに上限: 較正後の幅が、系列自身の前年比の変化から"
            "見たランダムウォークの幅"
            + (f"または上限 MAX_LOG_SD = {MAX_LOG_SD:.2f}（平均は中央値の1.5倍まで）"
               if ceiling else "")
            + "を超えたため",
        ))
    return fit
