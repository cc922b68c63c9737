"""Probability that an indicator meets its target, from calibrated simulated paths.

>>> res = attainment(series, target=230_000, by="FY2021", direction=">=")  # doctest: +SKIP
>>> res.probability, res.probability_interval                               # doctest: +SKIP
>>> print(res.summary()); res.plot(); res.to_frame()                         # doctest: +SKIP

Conventions
-----------
* Periods: ``FY2016`` = April 2016 – March 2017 (fiscal years are labelled by the calendar
  year in which they start); integer labels are fiscal years unless ``freq="calendar"``;
  ``'YYYY-MM'`` strings are months (see :mod:`kawasaki_econ.forecast.periods`).
* Units: whatever the series is in (persons, person-nights, persons per day, …); the
  target must be in the same unit. Growth rates are fractions per period (0.05 = +5 %).
* A monthly series with an annual target is simulated month by month and each path is
  summed over the twelve months of the fiscal (April–March) or calendar year the target
  names; months of that year already observed enter with their observed values.
* Missing periods are never filled or interpolated: models that cannot handle gaps are
  fitted on the contiguous segment after the last gap (see ``summary()``).

Method
------
1. Rolling-origin backtest of every candidate model on the series itself
   (:mod:`~kawasaki_econ.forecast.backtest`), MASE and interval coverage per model.
2. ``method='auto'``: the combination (equal weights for monthly series, backtest
   inverse-MSE weights for annual ones) unless a single model is far better.
3. The chosen model's simulated paths are calibrated from its backtest errors.
4. ``shock`` multipliers are applied to the paths; the probability is the fraction of
   paths meeting the target at ``by``, with a 95 % Wilson interval for the Monte-Carlo
   error (the interval says how precisely the simulation estimates the probability *given
   the model*, not how uncertain the model is: compare ``model_probabilities``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ForecastError
from . import periods as P
from .engine import Fit, auto_forecast

DIRECTIONS = (">=", ">", "<=", "<")
#: Default standard deviation of the log share in ``driver`` mode when the share rests on
#: fewer than three overlapping observations: 0.25 ≈ ±25 %, i.e. the 95 % range of the
#: share spans ×0.61 … ×1.63 of the observed share. It covers the typical uncertainty of a
#: rounded single figure ("約28万人"), of its basis (calendar vs fiscal year, guests vs
#: guest nights) and of a city's share of its prefecture drifting with hotel openings.
DEFAULT_SHARE_SD = 0.25
#: Default per-period standard deviation (log scale, ≈ 10 %) assumed by the naive random
#: walk when the series has a single observation.
DEFAULT_FALLBACK_SD = 0.10
PROBS = (0.025, 0.1, 0.5, 0.9, 0.975)


@dataclass
class AttainmentResult:
    """Result of :func:`attainment` (statsmodels-style: ``summary()``, ``to_frame()``,
    ``plot()``).

    Attributes
    ----------
    probability : float
        P(indicator at ``by`` meets the target), fraction of simulated paths, in [0, 1].
    probability_interval : tuple
        95 % Wilson interval of the Monte-Carlo estimate.
    forecast : DataFrame
        ``period, mean, median, lo80, hi80, lo95, hi95`` for every forecast period (the
        series' own periods and labels; in ``driver`` mode the indicator's implied annual
        values). Intervals are central 80 % / 95 % ranges of the calibrated paths.
    target_forecast : dict
        Distribution of the indicator at ``by`` (same keys as a forecast row).
    required_growth : Series
        Growth per period needed from the last observation to reach the target
        (``required``), against the series' history (``historical``: average growth per
        period over all observations; ``recent``: over the last three periods).
    model : dict
        Chosen model: ``name``, ``params``, ``reason``, ``calibration`` …
    backtest : DataFrame
        Rolling-origin scores of every candidate (MASE, uncalibrated coverage, origins).
    hindcast : DataFrame or None
        With ``as_of``: forecast against the actual values published later.
    assumptions : list of str
    assumption_driven : bool
        True when the result rests on assumed rather than estimated inputs (e.g. a share
        from a single observation, an assumed volatility).
    """

    probability: float
    probability_interval: tuple
    target: float
    by: str
    direction: str
    forecast: pd.DataFrame
    target_forecast: dict
    required_growth: pd.Series
    model: dict
    backtest: pd.DataFrame
    backtest_errors: pd.DataFrame
    hindcast: pd.DataFrame | None
    assumptions: list
    assumption_driven: bool
    history: pd.Series
    model_probabilities: pd.Series
    n_sims: int
    seed: int
    as_of: str | None = None
    annual: pd.DataFrame | None = None
    driver: dict | None = None
    name: str | None = None
    unit: str | None = None
    target_draws: np.ndarray = field(default=None, repr=False)
    _plot_data: dict = field(default_factory=dict, repr=False)

    # ---------------------------------------------------------------- presentation
    def summary(self) -> str:
        """Plain-text report: probability, model, growth needed, hindcast, assumptions."""
        unit = f" {self.unit}" if self.unit else ""
        title = self.name or "indicator"
        lo, hi = self.probability_interval
        tf = self.target_forecast
        lines = [
            f"Attainment: {title}",
            "=" * 78,
            f"Target           : {self.direction} {self.target:,.0f}{unit} in {self.by}",
            f"Probability      : {self.probability:.1%}  (Monte-Carlo 95 % interval "
            f"{lo:.1%} – {hi:.1%}, {self.n_sims:,} paths, seed {self.seed})",
        ]
        if self.as_of:
            lines.append(f"As of            : {self.as_of} (only data published by then)")
        if self.assumption_driven:
            lines.append("*** ASSUMPTION-DRIVEN: the result rests on assumed inputs, see below ***")
        lines += [
            f"Forecast {self.by:8s}: median {tf['median']:,.0f}{unit}; 80 % {tf['lo80']:,.0f} – "
            f"{tf['hi80']:,.0f}; 95 % {tf['lo95']:,.0f} – {tf['hi95']:,.0f}",
            f"Model            : {self.model['name']} — {self.model['reason']}",
            f"Calibration      : {self.model['calibration']}",
        ]
        rg = self.required_growth
        if rg is not None and len(rg) and pd.notna(rg.get("required")):
            lines.append(
                f"Growth needed    : {rg['required']:+.1%} per {rg['per']} from "
                f"{rg['from_period']} ({rg['from_value']:,.0f}) over {rg['periods']} "
                f"{rg['per']}(s); history{' of the driver' if rg.get('history_of') else ''} "
                f"{_pct(rg.get('historical'))} per {rg['per']} "
                f"(all observations), {_pct(rg.get('recent'))} (recent)"
            )
        if len(self.model_probabilities) > 1:
            mp = ", ".join(f"{k} {v:.0%}" for k, v in self.model_probabilities.items())
            lines.append(f"By model         : {mp}")
        if self.backtest is not None and not self.backtest.empty:
            lines += ["", "Rolling-origin backtest (MASE; uncalibrated interval coverage):"]
            for name, row in self.backtest.iterrows():
                mark = " <- chosen" if name == self.model["name"] else ""
                lines.append(
                    f"  {name:12s} MASE {row['mase']:6.2f}  cov80 {row['coverage80']:5.0%}"
                    f"  cov95 {row['coverage95']:5.0%}  origins {int(row['n_origins'])}"
                    f"{mark}"
                )
        if self.hindcast is not None and not self.hindcast.empty:
            lines += ["", "Hindcast (forecast as of the cut-off vs actual published later):"]
            shown = self.hindcast
            annual_rows = shown[shown["period"].astype(str).str.match(r"^(FY|CY)\d{4}$")]
            if len(shown) > 24 and len(annual_rows):
                lines.append(
                    f"  ({len(shown) - len(annual_rows)} monthly rows in .hindcast; annual totals:)"
                )
                shown = annual_rows
            for _, r in shown.iterrows():
                lines.append(
                    f"  {str(r['period']):10s} actual {r['actual']:>14,.0f}  median "
                    f"{r['median']:>14,.0f}  80 % {'in ' if r['in80'] else 'OUT'}  95 % "
                    f"{'in ' if r['in95'] else 'OUT'}  error {r['error_pct']:+.0%}"
                )
        lines += ["", "Assumptions:"] + [f"  - {a}" for a in self.assumptions]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def to_frame(self) -> pd.DataFrame:
        """History and forecast in one tidy frame: ``period, kind ('observed' / 'forecast'),
        value`` (observed) and ``mean, median, lo80, hi80, lo95, hi95`` (forecast), plus
        ``actual`` for hindcast periods."""
        hist = pd.DataFrame(
            {
                "period": list(self.history.index),
                "kind": "observed",
                "value": self.history.to_numpy(dtype=float),
            }
        )
        fc = self.forecast.copy()
        fc.insert(1, "kind", "forecast")
        out = pd.concat([hist, fc], ignore_index=True)
        if self.hindcast is not None and not self.hindcast.empty:
            actual = dict(
                zip(self.hindcast["period"].astype(str), self.hindcast["actual"], strict=False)
            )
            out["actual"] = [
                actual.get(str(p), np.nan) if k == "forecast" else np.nan
                for p, k in zip(out["period"], out["kind"], strict=False)
            ]
        return out

    def to_dict(self) -> dict:
        """JSON-serialisable summary (for ``kawasaki-econ forecast --json``)."""

        def clean(v):
            if isinstance(v, (np.floating, float)):
                return None if not np.isfinite(v) else float(v)
            if isinstance(v, (np.integer,)):
                return int(v)
            if isinstance(v, (pd.Period, pd.Timestamp)):
                return str(v)
            if isinstance(v, dict):
                return {str(k): clean(x) for k, x in v.items()}
            if isinstance(v, (list, tuple)):
                return [clean(x) for x in v]
            if isinstance(v, (np.bool_,)):
                return bool(v)
            return v

        def records(df):
            return None if df is None else [clean(r) for r in df.to_dict("records")]

        return clean(
            {
                "name": self.name,
                "unit": self.unit,
                "target": self.target,
                "by": self.by,
                "direction": self.direction,
                "as_of": self.as_of,
                "probability": self.probability,
                "probability_interval": list(self.probability_interval),
                "assumption_driven": self.assumption_driven,
                "target_forecast": self.target_forecast,
                "forecast": records(self.forecast),
                "required_growth": {k: clean(v) for k, v in self.required_growth.items()},
                "model": {
                    k: (str(v) if not isinstance(v, (int, float, dict, list)) else v)
                    for k, v in self.model.items()
                },
                "model_probabilities": {k: float(v) for k, v in self.model_probabilities.items()},
                "backtest": records(self.backtest.reset_index()),
                "hindcast": records(self.hindcast),
                "assumptions": list(self.assumptions),
                "driver": self.driver,
            }
        )

    def plot(self, ax=None):
        """Figure: history, median forecast, 80 %/95 % bands, target, hindcast actuals.

        Returns a matplotlib ``Figure`` (nothing is shown)."""
        from .plotting import plot_attainment

        return plot_attainment(self, ax=ax)


def _pct(v) -> str:
    return "n/a" if v is None or not np.isfinite(v) else f"{v:+.1%}"


# ------------------------------------------------------------------------------ helpers
def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion ``k / n``."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return (lo, hi)


def _meets(values: np.ndarray, target: float, direction: str) -> np.ndarray:
    return {
        ">=": values >= target,
        ">": values > target,
        "<=": values <= target,
        "<": values < target,
    }[direction]


def _summarise(draws: np.ndarray) -> dict:
    q = np.quantile(draws, PROBS)
    return {
        "mean": float(np.mean(draws)),
        "median": float(q[2]),
        "lo80": float(q[1]),
        "hi80": float(q[3]),
        "lo95": float(q[0]),
        "hi95": float(q[4]),
    }


_PCT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$")


def shock_multiplier(value) -> float:
    """A shock entry as a multiplier of the simulated level.

    * a negative number is a relative change: ``-0.85`` → ×0.15 (must be > -1);
    * a number ≥ 0 is the multiplier itself: ``0.15`` → ×0.15, ``1.1`` → ×1.1;
    * a string with ``%`` is a change: ``"-85%"`` → ×0.15, ``"+10%"`` → ×1.1.
    """
    if isinstance(value, str):
        m = _PCT.match(value)
        if not m:
            raise ForecastError(f"cannot read shock {value!r} (use -0.85, 0.15 or '-85%')")
        change = float(m.group(1)) / 100
        mult = 1 + change
    else:
        v = float(value)
        mult = 1 + v if v < 0 else v
    if not np.isfinite(mult) or mult < 0:
        raise ForecastError(f"shock {value!r} would make the indicator negative")
    return float(mult)


def _shock_vector(shock, tl: P.Timeline, h: int, freq) -> tuple[np.ndarray, list[str]]:
    """Per-forecast-period multipliers from a ``{period: shock}`` dict."""
    mult = np.ones(h)
    notes = []
    if not shock:
        return mult, notes
    first = tl.end + 1
    for key, value in shock.items():
        per = P.parse_period(key, freq, default_kind=tl.kind if tl.kind != P.MONTH else None)
        m = shock_multiplier(value)
        if tl.kind == P.MONTH:
            lo, hi = per.months()
        elif per.kind == tl.kind:
            lo = hi = per.ordinal
        else:
            raise ForecastError(f"shock period {key!r} is {per.kind} but the series is {tl.kind}")
        idx = [o - first for o in range(lo, hi + 1) if 0 <= o - first < h]
        if not idx:
            notes.append(f"shock for {key} ignored: the period is not in the forecast horizon")
            continue
        mult[idx] *= m
        notes.append(
            f"shock scenario: {key} × {m:.2f} ({m - 1:+.0%}) applied to every "
            "simulated path (a scenario, not a forecast)"
        )
    return mult, notes


def _historical_growth(values: pd.Series) -> tuple[float, float]:
    """Average growth per period over all observations and over the last three periods
    (gap-aware: uses the true spacing between observations)."""
    s = values.dropna()
    s = s[s > 0]
    if len(s) < 2:
        return (np.nan, np.nan)
    pos = np.asarray(s.index, dtype=float)
    v = s.to_numpy(dtype=float)
    hist = (v[-1] / v[0]) ** (1 / (pos[-1] - pos[0])) - 1
    recent_mask = pos >= pos[-1] - 3
    rp, rv = pos[recent_mask], v[recent_mask]
    recent = (rv[-1] / rv[0]) ** (1 / (rp[-1] - rp[0])) - 1 if len(rv) >= 2 else np.nan
    return float(hist), float(recent)


def _annual_totals(tl: P.Timeline, kind: str) -> pd.Series:
    """Complete-year totals of a monthly timeline, indexed by year number."""
    out = {}
    years = sorted(
        {(P.fiscal_year_of_month(o) if kind == P.FISCAL else o // 12) for o in tl.ordinals}
    )
    for y in years:
        lo, hi = P.Period(kind, y).months()
        if lo < tl.start or hi > tl.end:
            continue
        vals = tl.values[lo - tl.start : hi - tl.start + 1]
        if not np.isnan(vals).any():
            out[y] = float(vals.sum())
    return pd.Series(out, dtype=float)


def _no_growth(per: str) -> pd.Series:
    """Required-growth record when there is no observation to grow from."""
    return pd.Series(
        {"required": np.nan, "historical": np.nan, "recent": np.nan, "from_period": None,
         "from_value": np.nan, "periods": 0, "per": per},
        dtype=object,
    )


def _required_growth(tl: P.Timeline, tp: P.Period, target: float, agg) -> pd.Series:
    if agg is not None:  # monthly series, annual target: complete years
        totals = _annual_totals(tl, tp.kind)
        per = "fiscal year" if tp.kind == P.FISCAL else "year"
        if totals.empty:
            return _no_growth(per)
        y0, v0 = int(totals.index[-1]), float(totals.iloc[-1])
        hist, recent = _historical_growth(totals)
        k = tp.ordinal - y0
        label = str(P.Period(tp.kind, y0))
    elif tl.kind == P.MONTH:  # monthly target: same month in earlier years
        per = "year"
        same = pd.Series(
            {
                o // 12: v
                for o, v in zip(tl.ordinals, tl.values, strict=False)
                if o % 12 == tp.ordinal % 12 and not np.isnan(v)
            },
            dtype=float,
        )
        if same.empty:
            return _no_growth(per)
        y0, v0 = int(same.index[-1]), float(same.iloc[-1])
        hist, recent = _historical_growth(same)
        k = tp.year - y0
        label = P.month_label(y0 * 12 + tp.ordinal % 12)
    else:
        per = "fiscal year" if tl.kind == P.FISCAL else "year"
        obs = pd.Series(tl.values, index=tl.ordinals).dropna()
        y0, v0 = int(obs.index[-1]), float(obs.iloc[-1])
        hist, recent = _historical_growth(obs)
        k = tp.ordinal - y0
        label = tl.label(y0)
    req = (target / v0) ** (1 / k) - 1 if k > 0 and v0 > 0 and target > 0 else np.nan
    return pd.Series(
        {
            "required": req,
            "historical": hist,
            "recent": recent,
            "from_period": label,
            "from_value": v0,
            "periods": k,
            "per": per,
        },
        dtype=object,
    )


# ---------------------------------------------------------------------------- main API
def attainment(
    series,
    target: float,
    by,
    direction: str = ">=",
    *,
    as_of=None,
    method: str = "auto",
    driver=None,
    shock: dict | None = None,
    n_sims: int = 10_000,
    seed: int = 0,
    freq: str | None = None,
    share_sd: float | None = None,
    share: float | None = None,
    share_lookahead: bool = False,
    lag: int | None = None,
    driver_lag: int | None = None,
    driver_freq: str | None = None,
    fallback_sd: float = DEFAULT_FALLBACK_SD,
    candidates=None,
    name: str | None = None,
    unit: str | None = None,
) -> AttainmentResult:
    """Probability that ``series`` meets ``target`` at period ``by``.

    Parameters
    ----------
    series : pandas Series
        Observed values indexed by period (see module docstring); ``NaN`` or absent periods
        are missing and stay missing.
    target : float
        Target value, in the unit of the series.
    by : str, int or pandas Period
        Period of the target: ``"FY2021"``, ``2021`` (fiscal unless ``freq="calendar"``),
        ``"2021-03"``, ``pd.Period("2021", "Y")`` (calendar year).
    direction : {'>=', '>', '<=', '<'}
        How the indicator must compare with the target.
    as_of : str or date, optional
        Hindcast: only periods published by this date are used (a period counts as
        published ``lag`` months after it ends; ``'2018-03'`` means the start of March
        2018; defaults in :data:`kawasaki_econ.forecast.periods.DEFAULT_LAG`: 2 months for
        monthly, 6 for annual data). Later actuals are reported in ``hindcast``.
    method : str
        ``'auto'`` (backtest choice, preferring the combination) or one candidate:
        ``naive, snaive, drift, trend, ets, theta, arima, combination``.
    driver : pandas Series, optional
        Top-down mode: ``series`` holds the few observations of the indicator, ``driver`` a
        longer related series (e.g. the prefecture's foreign guest nights). The indicator
        is modelled as ``share × driver``; the share and its uncertainty come from the
        overlapping observations (fewer than three: ``share_sd`` or
        :data:`DEFAULT_SHARE_SD`, and the result is flagged assumption-driven).
    shock : dict, optional
        Scenario ``{period: change}`` applied multiplicatively to the simulated paths of
        the listed periods only: ``-0.85`` = −85 %, ``0.15`` = ×0.15, ``"-85%"``. An annual
        key on a monthly series applies to each month of that year.
    n_sims, seed : int
        Number of simulated paths and random seed (results are reproducible).
    freq : {'fiscal', 'calendar'}, optional
        How integer years are read (default fiscal years).
    share_sd, share, share_lookahead :
        ``driver`` mode: standard deviation of the log share (override), an assumed share
        (overrides the observations), and whether indicator observations published after
        ``as_of`` may be used for the share (a look-ahead, stated in the assumptions).
    lag, driver_lag : int, optional
        Publication lags in months for ``as_of`` (series, driver).
    fallback_sd : float
        Per-period log standard deviation assumed when the series has one observation.
    candidates : sequence of str, optional
        Restrict the candidate models.
    name, unit : str, optional
        Labels for the summary and the figure.
    """
    if direction not in DIRECTIONS:
        raise ForecastError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    try:
        target = float(target)
    except (TypeError, ValueError) as exc:
        raise ForecastError(f"target must be a number, not {target!r}") from exc
    if not np.isfinite(target):
        raise ForecastError("target must be finite")
    if isinstance(n_sims, bool) or not isinstance(n_sims, (int, np.integer)) or n_sims < 100:
        raise ForecastError(f"n_sims must be a whole number of paths, at least 100, not "
                            f"{n_sims!r}")
    if driver is not None:
        return _attainment_driver(
            series,
            driver,
            target,
            by,
            direction,
            as_of=as_of,
            method=method,
            shock=shock,
            n_sims=n_sims,
            seed=seed,
            freq=freq,
            share_sd=share_sd,
            share=share,
            share_lookahead=share_lookahead,
            lag=lag,
            driver_lag=driver_lag,
            driver_freq=driver_freq,
            fallback_sd=fallback_sd,
            candidates=candidates,
            name=name,
            unit=unit,
        )
    full = P.to_timeline(series, freq)
    if full.n_obs() == 0:
        raise ForecastError("the series has no observation: nothing to forecast from")
    assumptions: list[str] = []
    tl, as_of_text = _cut(full, as_of, lag, assumptions, "the series")
    tp = P.parse_period(by, freq, default_kind=tl.kind if tl.kind != P.MONTH else None)
    sim = _simulate_to_target(
        tl,
        tp,
        method=method,
        n_sims=n_sims,
        seed=seed,
        shock=shock,
        freq=freq,
        fallback_sd=fallback_sd,
        candidates=candidates,
        assumptions=assumptions,
    )
    draws = sim["target_draws"]
    meets = _meets(draws, target, direction)
    k = int(meets.sum())
    hindcast = _hindcast(full, tl, sim, tp) if as_of is not None else None
    if as_of is not None:
        _hindcast_notes(hindcast, tp, target, direction, assumptions)
    assumption_driven = bool(sim["assumption_driven"])
    res = AttainmentResult(
        probability=k / len(draws),
        probability_interval=wilson(k, len(draws)),
        target=target,
        by=str(tp),
        direction=direction,
        forecast=sim["forecast"],
        target_forecast=_summarise(draws),
        required_growth=_required_growth(tl, tp, target, sim["agg"]),
        model=sim["model"],
        backtest=sim["backtest"],
        backtest_errors=sim["errors"],
        hindcast=hindcast,
        assumptions=assumptions,
        assumption_driven=assumption_driven,
        history=tl.to_series(),
        model_probabilities=_model_probabilities(sim, target, direction),
        n_sims=n_sims,
        seed=seed,
        as_of=as_of_text,
        annual=sim["annual"],
        name=name,
        unit=unit,
        target_draws=draws,
        _plot_data={"tl": tl, "full": full, "sim": sim, "tp": tp},
    )
    return res


def _cut(full: P.Timeline, as_of, lag, assumptions: list, what: str):
    if as_of is None:
        return full, None
    last = P.last_published(full.kind, as_of, lag)
    tl = full.until(last)
    used_lag = P.DEFAULT_LAG[full.kind] if lag is None else lag
    if tl.n_obs() == 0:
        raise ForecastError(
            f"{what} has no observation published by {as_of} (a period counts as published "
            f"{used_lag} month(s) after it ends)"
        )
    assumptions.append(
        f"as of {as_of}: {what} uses periods up to {tl.label(tl.end)} only (rule: published "
        f"{used_lag} month(s) after the period ends; the values are those of the stored "
        "release, which may have been revised since)"
    )
    return tl, str(as_of)


def _simulate_to_target(
    tl: P.Timeline,
    tp: P.Period,
    *,
    method,
    n_sims,
    seed,
    shock,
    freq,
    fallback_sd,
    candidates,
    assumptions,
    what="the series",
) -> dict:
    """Fit, calibrate and simulate ``tl`` up to the target period; aggregate if needed."""
    agg = P.target_months(tp, tl.kind)
    end_needed = agg[1] if agg is not None else tp.ordinal
    h = end_needed - tl.end
    season = tl.season
    gaps = int(np.isnan(tl.values).sum())
    if gaps:
        missing = [
            str(tl.label(o)) for o, v in zip(tl.ordinals, tl.values, strict=False) if np.isnan(v)
        ]
        assumptions.append(
            f"{gaps} missing period(s) kept missing ({', '.join(missing[:6])}"
            f"{', …' if gaps > 6 else ''}): naive/drift/trend use every observation at its "
            "true position; seasonal naive, ETS, Theta and ARIMA use only the contiguous "
            "segment after the last gap"
        )
    if h <= 0:
        return _already_observed(tl, tp, agg, n_sims, assumptions, what)
    fit = auto_forecast(
        tl.values,
        season,
        h,
        method=method,
        n_sims=n_sims,
        seed=seed,
        fallback_sd=fallback_sd,
        candidates=candidates,
    )
    paths = fit.level_paths()
    mult, shock_notes = _shock_vector(shock, tl, h, freq)
    if shock:
        paths = paths * mult[None, :]
    assumptions.extend(shock_notes)
    first = tl.end + 1
    if agg is not None:
        lo, hi = agg
        observed = 0.0
        for o in range(lo, min(hi, tl.end) + 1):
            v = tl.values[o - tl.start] if o >= tl.start else np.nan
            if np.isnan(v):
                raise ForecastError(
                    f"month {P.month_label(o)} of the target year {tp} is missing from the "
                    "series; an annual total cannot be formed without filling it"
                )
            observed += v
        idx = [o - first for o in range(max(lo, first), hi + 1)]
        observed_part = observed
        draws = observed + paths[:, idx].sum(axis=1)
        assumptions.append(
            f"monthly paths summed over the 12 months of {tp} ({P.month_label(lo)} – "
            f"{P.month_label(hi)})"
            + (
                f"; {min(hi, tl.end) - lo + 1} month(s) already observed enter with their values"
                if lo <= tl.end
                else ""
            )
        )
    else:
        observed_part = 0.0
        draws = paths[:, -1]
    rows = []
    for j in range(h):
        rows.append({"period": tl.label(first + j), **_summarise(paths[:, j])})
    forecast = pd.DataFrame(
        rows, columns=["period", "mean", "median", "lo80", "hi80", "lo95", "hi95"]
    )
    annual = _annual_frame(tl, paths, tp) if agg is not None else None
    scores = fit.scores.copy()
    if not scores.empty:
        scores["chosen"] = scores.index == fit.name
    model = {
        "name": fit.name,
        "reason": fit.reason,
        "params": fit.params(),
        "calibration": fit.calibration.describe(),
        "calibration_scale": fit.calibration.scale,
        "calibration_slope": fit.calibration.slope,
        "working_scale": "log" if fit.log else "level",
        "n_obs": tl.n_obs(),
        "fitted_on": f"{tl.label(tl.start)} – {tl.label(tl.end)}",
        "horizon": h,
    }
    _model_assumptions(fit, tl, assumptions)
    assumption_driven = tl.n_obs() <= 1 or any("assumed" in n for n in fit.notes)
    return {
        "fit": fit,
        "paths": paths,
        "target_draws": draws,
        "forecast": forecast,
        "annual": annual,
        "agg": agg,
        "model": model,
        "backtest": scores,
        "errors": fit.errors,
        "assumption_driven": assumption_driven,
        "h": h,
        "mult": mult,
        "first": first,
        "observed_part": observed_part,
    }


def _already_observed(tl, tp, agg, n_sims, assumptions, what="the series") -> dict:
    if agg is not None:
        lo, hi = agg
        vals = [
            tl.values[o - tl.start] if tl.start <= o <= tl.end else np.nan
            for o in range(lo, hi + 1)
        ]
        if np.isnan(vals).any():
            raise ForecastError(f"{tp} is in the past but some of its months are missing")
        value = float(np.sum(vals))
    else:
        if tp.ordinal < tl.start:
            raise ForecastError(f"{tp} is before the first observation")
        value = tl.values[tp.ordinal - tl.start]
        if np.isnan(value):
            raise ForecastError(f"{tp} is in the past and its value is missing")
    assumptions.append(f"{tp} is already observed in {what} ({value:,.0f}): no forecast needed")
    draws = np.full(n_sims, value)
    return {
        "fit": None,
        "paths": np.zeros((n_sims, 0)),
        "target_draws": draws,
        "forecast": pd.DataFrame(
            columns=["period", "mean", "median", "lo80", "hi80", "lo95", "hi95"]
        ),
        "annual": None,
        "agg": agg,
        "model": {
            "name": "observed",
            "reason": "the target period is already observed",
            "params": {},
            "calibration": "n/a",
        },
        "backtest": pd.DataFrame(),
        "errors": pd.DataFrame(),
        "assumption_driven": False,
        "h": 0,
        "mult": np.ones(0),
        "first": tl.end + 1,
        "observed_part": value,
    }


def _annual_frame(tl: P.Timeline, paths: np.ndarray, tp: P.Period) -> pd.DataFrame:
    """Annual totals (target's basis) for each year from the first forecast month's year to
    the target year: observed months + simulated months."""
    first = tl.end + 1
    kind = tp.kind
    y_first = P.fiscal_year_of_month(first) if kind == P.FISCAL else first // 12
    rows = []
    for y in range(y_first, tp.ordinal + 1):
        lo, hi = P.Period(kind, y).months()
        observed = 0.0
        ok = True
        for o in range(lo, min(hi, tl.end) + 1):
            v = tl.values[o - tl.start] if o >= tl.start else np.nan
            if np.isnan(v):
                ok = False
                break
            observed += v
        if not ok:
            continue
        idx = [o - first for o in range(max(lo, first), hi + 1)]
        draws = observed + paths[:, idx].sum(axis=1)
        rows.append({"period": str(P.Period(kind, y)), **_summarise(draws)})
    return pd.DataFrame(rows, columns=["period", "mean", "median", "lo80", "hi80", "lo95", "hi95"])


def _model_assumptions(fit: Fit, tl: P.Timeline, assumptions: list) -> None:
    assumptions.append(
        "working scale: logarithm (multiplicative errors; forecasts stay positive)"
        if fit.log
        else "working scale: original values (the series has zero or negative "
        "values, so no logarithm)"
    )
    assumptions.append(f"model: {fit.name} — {fit.reason}")
    assumptions.append(
        f"intervals: {fit.calibration.describe()}"
        + (
            f"; {fit.calibration.note}"
            if fit.calibration.note and fit.calibration.calibrated
            else ""
        )
    )
    assumptions.extend(fit.notes)
    assumptions.append(
        "the future behaves like the past the models were fitted on (no structural break "
        "unless given as a shock); simulated paths carry parameter-variance uncertainty "
        "(Student-t scale mixing) but not the risk of rare events absent from the history"
    )


def _model_probabilities(sim: dict, target: float, direction: str) -> pd.Series:
    """P(meet target) under each fitted candidate, each calibrated on its own backtest."""
    fit: Fit | None = sim["fit"]
    if fit is None:
        return pd.Series(dtype=float)
    from . import backtest as B

    out = {}
    agg, first, mult = sim["agg"], sim["first"], sim["mult"]
    for name, fc in fit.fits.items():
        cal = B.calibrate(fit.errors, name)
        f = cal.factors(len(fc.point))
        z = fc.point[None, :] + f[None, :] * fc.dev
        paths = (np.exp(z) if fit.log else z) * mult[None, :]
        if agg is not None:
            idx = [o - first for o in range(max(agg[0], first), agg[1] + 1)]
            draws = sim["observed_part"] + paths[:, idx].sum(axis=1)
        else:
            draws = paths[:, -1]
        out[name] = float(np.mean(_meets(draws, target, direction)))
    return pd.Series(out).sort_values()


def _hindcast(full: P.Timeline, tl: P.Timeline, sim: dict, tp: P.Period) -> pd.DataFrame:
    """Forecast (as of the cut-off) against actuals published later."""
    rows = []
    fc = sim["forecast"]
    first = sim["first"]
    for j, row in fc.iterrows():
        o = first + j
        if o > full.end or o < full.start:
            continue
        actual = full.values[o - full.start]
        if np.isnan(actual):
            continue
        rows.append(_hindcast_row(row["period"], actual, row))
    if sim["annual"] is not None and not sim["annual"].empty:
        for _, row in sim["annual"].iterrows():
            per = P.parse_period(row["period"])
            lo, hi = per.months()
            if lo < full.start or hi > full.end:
                continue
            vals = full.values[lo - full.start : hi - full.start + 1]
            if np.isnan(vals).any():
                continue
            rows.append(_hindcast_row(row["period"], float(vals.sum()), row))
    return pd.DataFrame(
        rows,
        columns=[
            "period",
            "actual",
            "median",
            "lo80",
            "hi80",
            "lo95",
            "hi95",
            "in80",
            "in95",
            "error_pct",
        ],
    )


def _hindcast_row(period, actual, row) -> dict:
    return {
        "period": period,
        "actual": float(actual),
        "median": row["median"],
        "lo80": row["lo80"],
        "hi80": row["hi80"],
        "lo95": row["lo95"],
        "hi95": row["hi95"],
        "in80": bool(row["lo80"] <= actual <= row["hi80"]),
        "in95": bool(row["lo95"] <= actual <= row["hi95"]),
        "error_pct": float(actual / row["median"] - 1) if row["median"] else np.nan,
    }


def _hindcast_notes(hindcast, tp, target, direction, assumptions) -> None:
    if hindcast is None or hindcast.empty:
        assumptions.append(
            "hindcast: no actual value published after the cut-off is available in the data"
        )
        return
    n = len(hindcast)
    assumptions.append(
        f"hindcast: {int(hindcast['in80'].sum())} of {n} actual value(s) inside the 80 % "
        f"interval, {int(hindcast['in95'].sum())} inside the 95 % interval"
    )
    at = hindcast[hindcast["period"].astype(str) == str(tp)]
    if not at.empty:
        actual = float(at["actual"].iloc[0])
        met = bool(_meets(np.array([actual]), target, direction)[0])
        assumptions.append(
            f"hindcast: actual {tp} = {actual:,.0f}: target {'met' if met else 'not met'}"
        )


# ------------------------------------------------------------------------- driver mode
def _attainment_driver(
    series,
    driver,
    target,
    by,
    direction,
    *,
    as_of,
    method,
    shock,
    n_sims,
    seed,
    freq,
    share_sd,
    share,
    share_lookahead,
    lag,
    driver_lag,
    driver_freq,
    fallback_sd,
    candidates,
    name,
    unit,
) -> AttainmentResult:
    assumptions: list[str] = []
    ind_full = P.to_timeline(series, freq) if series is not None and len(series) else None
    drv_full = P.to_timeline(driver, driver_freq)
    if drv_full.n_obs() == 0:
        raise ForecastError("the driver series has no observation")
    drv, as_of_text = _cut(drv_full, as_of, driver_lag, assumptions, "the driver")
    ind = None
    if ind_full is not None and ind_full.n_obs():
        if as_of is not None and not share_lookahead:
            last = P.last_published(ind_full.kind, as_of, lag)
            ind = ind_full.until(last)
            if ind.n_obs() == 0:
                ind = None
        else:
            ind = ind_full
            if as_of is not None:
                assumptions.append(
                    "LOOK-AHEAD: the share uses indicator observations published after "
                    f"{as_of}; someone forecasting at that date did not have them"
                )
    tp = P.parse_period(
        by, freq, default_kind=(ind.kind if ind is not None and ind.kind != P.MONTH else None)
    )
    # share from overlapping observations
    drv_for_share = drv_full if share_lookahead else drv
    shares, overlap = [], []
    if ind is not None:
        for o, v in zip(ind.ordinals, ind.values, strict=False):
            if np.isnan(v):
                continue
            d = _driver_value(drv_for_share, P.Period(ind.kind, int(o)))
            if d is not None and d > 0:
                shares.append(v / d)
                overlap.append((ind.label(o), v, d))
    driven = False
    if share is not None:
        log_share = math.log(float(share))
        sd = DEFAULT_SHARE_SD if share_sd is None else float(share_sd)
        driven = True
        assumptions.append(f"share assumed = {share:.4g} (given), log-sd {sd:.2f}")
    elif not shares:
        raise ForecastError(
            "no period where both the indicator and the driver are observed: the share "
            "cannot be estimated (pass share= to assume one)"
        )
    elif len(shares) < 3:
        log_share = float(np.mean(np.log(shares)))
        sd = DEFAULT_SHARE_SD if share_sd is None else float(share_sd)
        driven = True
        pts = "; ".join(f"{p}: {v:,.0f} / {d:,.0f} = {v / d:.4f}" for p, v, d in overlap)
        assumptions.append(
            f"ASSUMPTION-DRIVEN: the share rests on {len(shares)} overlapping observation(s) "
            f"({pts}); its uncertainty is assumed: log-sd {sd:.2f} "
            f"({'given' if share_sd is not None else 'default DEFAULT_SHARE_SD'}), i.e. 95 % "
            f"of the share within ×{math.exp(-1.96 * sd):.2f} – ×{math.exp(1.96 * sd):.2f}"
        )
    else:
        ls = np.log(shares)
        log_share = float(ls.mean())
        est = float(ls.std(ddof=1) * math.sqrt(1 + 1 / len(ls)))
        sd = est if share_sd is None else float(share_sd)
        assumptions.append(
            f"share estimated from {len(shares)} overlapping observations: "
            f"{math.exp(log_share):.4f} (geometric mean), log-sd {sd:.3f}"
            + (" (given)" if share_sd is not None else " (sample sd incl. estimation error)")
        )
    if ind is not None and tp.kind != ind.kind:
        assumptions.append(
            f"basis: the indicator is observed on a {ind.kind} basis but the target {tp} is "
            f"{tp.kind}; the share is applied across bases as if they were the same"
        )
    assumptions.append(
        "the indicator moves in proportion to the driver (constant share); "
        "the share is drawn once per path (lognormal)"
    )
    sim = _simulate_to_target(
        drv,
        tp,
        method=method,
        n_sims=n_sims,
        seed=seed,
        shock=shock,
        freq=freq,
        fallback_sd=fallback_sd,
        candidates=candidates,
        assumptions=assumptions,
        what="the driver",
    )
    rng = np.random.default_rng([seed, 7])
    share_draws = np.exp(log_share + sd * rng.standard_normal(n_sims))
    draws = sim["target_draws"] * share_draws
    meets = _meets(draws, target, direction)
    k = int(meets.sum())
    # indicator-level annual forecast
    if sim["annual"] is not None:
        base = sim["annual"]
        ind_rows = []
        for _, row in base.iterrows():
            per = P.parse_period(row["period"])
            lo, hi = per.months()
            first = sim["first"]
            observed = sum(drv.values[o - drv.start] for o in range(lo, min(hi, drv.end) + 1))
            idx = [o - first for o in range(max(lo, first), hi + 1)]
            d = (observed + sim["paths"][:, idx].sum(axis=1)) * share_draws
            ind_rows.append({"period": row["period"], **_summarise(d)})
        forecast = pd.DataFrame(
            ind_rows, columns=["period", "mean", "median", "lo80", "hi80", "lo95", "hi95"]
        )
    else:
        forecast = sim["forecast"].copy()
        for c in ["mean", "median", "lo80", "hi80", "lo95", "hi95"]:
            forecast[c] = np.nan
        for j in range(sim["paths"].shape[1]):
            vals = _summarise(sim["paths"][:, j] * share_draws)
            for c, v in vals.items():
                forecast.loc[j, c] = v
    hindcast = None
    if as_of is not None:
        hindcast = _hindcast(drv_full, drv, sim, tp)
        if hindcast is not None and not hindcast.empty:
            hindcast.insert(0, "series", "driver")
            implied = []
            for _, r in hindcast.iterrows():
                if str(r["period"]) == str(tp):
                    implied.append(r["actual"] * math.exp(log_share))
            if implied:
                met = bool(_meets(np.array(implied), target, direction)[0])
                assumptions.append(
                    f"hindcast: with the actual driver for {tp}, the implied indicator is "
                    f"{implied[0]:,.0f} at the central share: target {'met' if met else 'not met'}"
                )
            assumptions.append(
                f"hindcast of the driver: {int(hindcast['in80'].sum())} of {len(hindcast)} "
                f"actual value(s) inside the 80 % interval, {int(hindcast['in95'].sum())} "
                "inside the 95 % interval"
            )
    history = ind.to_series() if ind is not None else pd.Series(dtype=float)
    if ind is not None:
        rg = (
            _required_growth(ind, tp, target, None)
            if tp.kind == ind.kind
            else _required_growth_cross(ind, tp, target)
        )
        drv_hist = _required_growth(drv, tp, target, sim["agg"])
        rg["historical"] = drv_hist.get("historical")
        rg["recent"] = drv_hist.get("recent")
        rg["history_of"] = "driver"
    else:
        rg = pd.Series(dtype=object)
    return AttainmentResult(
        probability=k / n_sims,
        probability_interval=wilson(k, n_sims),
        target=target,
        by=str(tp),
        direction=direction,
        forecast=forecast,
        target_forecast=_summarise(draws),
        required_growth=rg,
        model=sim["model"],
        backtest=sim["backtest"],
        backtest_errors=sim["errors"],
        hindcast=hindcast,
        assumptions=assumptions,
        assumption_driven=driven or bool(sim["assumption_driven"]),
        history=history,
        model_probabilities=pd.Series(dtype=float),
        n_sims=n_sims,
        seed=seed,
        as_of=as_of_text,
        annual=sim["annual"],
        driver={
            "share": math.exp(log_share),
            "share_log_sd": sd,
            "overlap": [{"period": str(p), "indicator": v, "driver": d} for p, v, d in overlap],
            "driver_forecast": sim["forecast"],
        },
        name=name,
        unit=unit,
        target_draws=draws,
        _plot_data={
            "tl": drv,
            "full": drv_full,
            "sim": sim,
            "tp": tp,
            "ind": ind,
            "share_draws": share_draws,
        },
    )


def _required_growth_cross(ind: P.Timeline, tp: P.Period, target: float) -> pd.Series:
    """Required growth when the indicator's basis (e.g. calendar year) differs from the
    target's (fiscal year): years counted between the year numbers."""
    obs = pd.Series(ind.values, index=ind.ordinals).dropna()
    y0, v0 = int(obs.index[-1]), float(obs.iloc[-1])
    k = tp.year - y0
    req = (target / v0) ** (1 / k) - 1 if k > 0 and v0 > 0 else np.nan
    return pd.Series(
        {
            "required": req,
            "historical": np.nan,
            "recent": np.nan,
            "from_period": ind.label(y0),
            "from_value": v0,
            "periods": k,
            "per": "year",
        },
        dtype=object,
    )


def _driver_value(drv: P.Timeline, per: P.Period) -> float | None:
    """Driver value for an indicator period (summing months for an annual period)."""
    if drv.kind == P.MONTH:
        lo, hi = per.months()
        if lo < drv.start or hi > drv.end:
            return None
        vals = drv.values[lo - drv.start : hi - drv.start + 1]
        return None if np.isnan(vals).any() else float(vals.sum())
    if per.kind != drv.kind or not drv.start <= per.ordinal <= drv.end:
        return None
    v = drv.values[per.ordinal - drv.start]
    return None if np.isnan(v) else float(v)
