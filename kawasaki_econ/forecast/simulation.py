"""Fit, calibrate and simulate one series up to the target period.

:func:`simulate` turns a :class:`~kawasaki_econ.forecast.periods.Timeline` into a
:class:`Simulation`: the calibrated simulated paths (original scale), the forecast table
and, for a monthly series with an annual target, the annual totals (observed months plus
simulated months) — everything a result, its hindcast and its figure are built from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ForecastError
from . import periods
from .calibration import calibrate
from .distribution import FORECAST_COLUMNS, meets, summarise
from .engine import Fit, auto_forecast
from .growth import annual_totals
from .options import Request
from .shocks import shock_vector
from .wording import SERIES, Note, note_text


@dataclass
class Simulation:
    """Simulated future of one series (``timeline``, cut at ``as_of`` when given) up to
    ``target_period``.

    ``paths``: shape ``(n_sims, h)``, original scale, shocks applied; ``target_draws``: the
    value at ``target_period`` of each path (an annual total for a monthly series with an annual
    target); ``forecast``: one row per simulated period; ``annual``: annual totals of the
    target's basis (monthly series with an annual target only); ``full``: every
    observation, including those published after the cut (for hindcasts and figures).
    """

    timeline: periods.Timeline
    full: periods.Timeline
    target_period: periods.Period
    agg: tuple[int, int] | None
    fit: Fit | None
    paths: np.ndarray
    target_draws: np.ndarray
    forecast: pd.DataFrame
    annual: pd.DataFrame | None
    model: dict
    backtest: pd.DataFrame
    errors: pd.DataFrame
    assumption_driven: bool
    mult: np.ndarray
    observed_part: float = 0.0
    notes: list = field(default_factory=list)

    @property
    def h(self) -> int:
        return int(self.paths.shape[1])

    @property
    def first(self) -> int:
        """Ordinal of the first simulated period."""
        return self.timeline.end + 1

    @property
    def observed_target(self) -> bool:
        """True when the target period lies within the observed data (nothing simulated)."""
        return self.fit is None

    def year_draws(self, year: periods.Period, tl: periods.Timeline | None = None,
                   paths: np.ndarray | None = None) -> np.ndarray | None:
        """Draws of the total over ``year`` (months observed in ``tl`` enter with their
        values, later months from ``paths``, by default the calibrated paths); ``None`` if an
        observed month is missing."""
        tl = self.timeline if tl is None else tl
        paths = self.paths if paths is None else paths
        lo, hi = year.months()
        observed = 0.0
        for o in range(lo, min(hi, tl.end) + 1):
            v = tl.values[o - tl.start] if o >= tl.start else np.nan
            if np.isnan(v):
                return None
            observed += v
        idx = [o - self.first for o in range(max(lo, self.first), hi + 1)]
        if idx and max(idx) >= self.h:
            return None
        return observed + (paths[:, idx].sum(axis=1) if idx else 0.0)

    def draws_at(self, period: periods.Period, paths: np.ndarray | None = None) -> np.ndarray | None:
        """Draws of ``period`` from ``paths`` (default: the calibrated paths): the simulated
        value of a period of the series' own kind, or the total of a year of a monthly
        series; ``None`` when the period is not simulated."""
        paths = self.paths if paths is None else paths
        if self.timeline.kind == periods.MONTH and period.kind != periods.MONTH:
            return self.year_draws(period, paths=paths)
        j = period.ordinal - self.first
        if period.kind != self.timeline.kind or not 0 <= j < paths.shape[1]:
            return None
        return paths[:, j]

    def observed_labels(self) -> list[str]:
        """Labels of every period of the fitted data (first to last, gaps included)."""
        return [str(self.timeline.label(o)) for o in self.timeline.ordinals]

    def positions(self, ordinals) -> np.ndarray:
        """x positions in years for figures: ``year + (month - 1) / 12`` for months, the
        year number (fiscal or calendar, as the series) otherwise."""
        o = np.asarray(ordinals, dtype=float)
        return o / 12.0 if self.timeline.kind == periods.MONTH else o

    def observed_xy(self, full: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Positions and values of the fitted data (``full``: every observation, also
        those published after the ``as_of`` cut)."""
        tl = self.full if full else self.timeline
        return self.positions(tl.ordinals), tl.values

    def forecast_x(self) -> np.ndarray:
        """Positions of the simulated periods."""
        return self.positions(self.first + np.arange(self.h))

    def annual_observed(self) -> pd.Series:
        """Observed complete-year totals of a monthly series in the target's basis
        (fiscal or calendar years), indexed by year number (empty for annual series)."""
        if self.timeline.kind != periods.MONTH or self.target_period.kind == periods.MONTH:
            return pd.Series(dtype=float)
        return annual_totals(self.timeline, self.target_period.kind)


def _annual_frame(sim: Simulation) -> pd.DataFrame:
    """Annual totals (target's basis) for each year from the first forecast month's year to
    the target year: observed months + simulated months."""
    kind = sim.target_period.kind
    first = sim.first
    y_first = periods.fiscal_year_of_month(first) if kind == periods.FISCAL else first // 12
    rows = []
    for y in range(y_first, sim.target_period.ordinal + 1):
        draws = sim.year_draws(periods.Period(kind, y))
        if draws is not None:
            rows.append({"period": str(periods.Period(kind, y)), **summarise(draws)})
    return pd.DataFrame(rows, columns=FORECAST_COLUMNS)


def _gap_note(tl: periods.Timeline) -> Note | None:
    gaps = int(np.isnan(tl.values).sum())
    if not gaps:
        return None
    missing = [str(tl.label(o)) for o, v in zip(tl.ordinals, tl.values, strict=False)
               if np.isnan(v)]
    shown = ", ".join(missing[:6]) + (", …" if gaps > 6 else "")
    return Note(
        f"{gaps} missing period(s) kept missing ({shown}): naive/drift/trend use every "
        "observation at its true position; seasonal naive, ETS, Theta and ARIMA use only the "
        "contiguous segment after the last gap",
        f"欠測{gaps}期間（{shown}）は補完せず欠測のまま。ナイーブ・ドリフト・トレンドは各観測を"
        "本来の位置で使い、季節ナイーブ・ETS・Theta・ARIMAは最後の欠測より後の連続部分だけを使う",
    )


def simulate(
    tl: periods.Timeline,
    full: periods.Timeline,
    tp: periods.Period,
    req: Request,
    assumptions: list,
    what: str = SERIES,
) -> Simulation:
    """Fit, calibrate and simulate ``tl`` up to ``tp``; aggregate months for an annual
    target. Notes for the user are appended to ``assumptions``."""
    agg = periods.target_months(tp, tl.kind)
    end_needed = agg[1] if agg is not None else tp.ordinal
    h = end_needed - tl.end
    note = _gap_note(tl)
    if note:
        assumptions.append(note)
    if h <= 0:
        return _already_observed(tl, full, tp, agg, req.n_sims, assumptions, what)
    fit = auto_forecast(
        tl.values,
        tl.season,
        h,
        method=req.method,
        n_sims=req.n_sims,
        seed=req.seed,
        **({} if req.scenario_sd is None else {"fallback_sd": req.scenario_sd}),
        candidates=req.candidates,
    )
    paths = fit.level_paths()
    mult, shock_notes = shock_vector(req.shock, tl, h, req.freq)
    if req.shock:
        paths = paths * mult[None, :]
    assumptions.extend(shock_notes)
    first = tl.end + 1
    forecast = pd.DataFrame(
        [{"period": tl.label(first + j), **summarise(paths[:, j])} for j in range(h)],
        columns=FORECAST_COLUMNS,
    )
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
    sim = Simulation(
        timeline=tl, full=full, target_period=tp, agg=agg, fit=fit, paths=paths,
        target_draws=paths[:, -1], forecast=forecast, annual=None, model=model,
        backtest=scores, errors=fit.errors,
        assumption_driven=req.scenario_sd is not None or any("assumed" in n for n in fit.notes),
        mult=mult,
    )  # fmt: skip
    if agg is not None:
        lo, hi = agg
        draws = sim.year_draws(tp)
        if draws is None:
            missing = next(
                o for o in range(lo, tl.end + 1) if o < tl.start or np.isnan(tl.values[o - tl.start])
            )
            raise ForecastError(
                f"month {periods.month_label(missing)} of the target year {tp} is missing from the "
                "series; an annual total cannot be formed without filling it",
                ja=f"目標年の{tp.ja()}のうち{periods.Period(periods.MONTH, missing).ja()}が系列に"
                   "欠けている: 欠けた月を補わない限り年間合計は作れない",
            )
        sim.target_draws = draws
        sim.observed_part = float(
            sum(tl.values[o - tl.start] for o in range(max(lo, tl.start), min(hi, tl.end) + 1))
        )
        sim.annual = _annual_frame(sim)
        months = f"{periods.month_label(lo)} – {periods.month_label(hi)}"
        known = min(hi, tl.end) - lo + 1
        assumptions.append(Note(
            f"monthly paths summed over the 12 months of {tp} ({months})"
            + (f"; {known} month(s) already observed enter with their values"
               if lo <= tl.end else ""),
            f"月次の経路を{tp}の12か月（{months}）について合計"
            + (f"。既に実績のある{known}か月は実績値を使用" if lo <= tl.end else ""),
        ))
    _model_assumptions(fit, assumptions)
    return sim


def _already_observed(tl, full, tp, agg, n_sims, assumptions, what) -> Simulation:
    first = tl.label(tl.start)
    if (agg[0] if agg is not None else tp.ordinal) < tl.start:
        raise ForecastError(f"{tp} is before the first observation of {what} ({first}): "
                            "there are no data that early",
                            ja=f"{tp.ja()}は{note_text(what, 'ja')}の最初の観測"
                               f"（{tl.period(tl.start).ja()}）より前: その時期のデータはない")
    if agg is not None:
        lo, hi = agg
        vals = [
            tl.values[o - tl.start] if tl.start <= o <= tl.end else np.nan
            for o in range(lo, hi + 1)
        ]
        if np.isnan(vals).any():
            raise ForecastError(f"{tp} is in the past but some of its months are missing",
                                ja=f"{tp.ja()}は過去の期間だが、欠けている月がある")
        value = float(np.sum(vals))
    else:
        value = float(tl.values[tp.ordinal - tl.start])
        if np.isnan(value):
            raise ForecastError(f"{tp} is in the past and its value is missing",
                                ja=f"{tp.ja()}は過去の期間だが、その値が欠けている")
    assumptions.append(Note(f"{tp} is already observed in {what} ({value:,.0f}): no forecast "
                            "needed",
                            f"{tp}は実績あり（{value:,.0f}）: 予測は不要"))
    return Simulation(
        timeline=tl, full=full, target_period=tp, agg=agg, fit=None, paths=np.zeros((n_sims, 0)),
        target_draws=np.full(n_sims, value),
        forecast=pd.DataFrame(columns=FORECAST_COLUMNS), annual=None,
        model={"name": "observed", "reason": "the target period is already observed",
               "params": {}, "calibration": "n/a"},
        backtest=pd.DataFrame(), errors=pd.DataFrame(), assumption_driven=False,
        mult=np.ones(0), observed_part=value,
    )  # fmt: skip


def _model_assumptions(fit: Fit, assumptions: list) -> None:
    assumptions.append(
        Note("working scale: logarithm (multiplicative errors; forecasts stay positive)",
             "対数で計算（誤差は比率で効き、予測値は正のまま）")
        if fit.log
        else Note("working scale: original values (the series has zero or negative values, "
                  "so no logarithm)",
                  "元の値のまま計算（系列に0以下の値があるため対数は使わない）")
    )
    assumptions.append(Note(f"model: {fit.name} — {fit.reason}",
                            f"モデル: {fit.name}（{note_text(fit.reason, 'ja')}）"))
    cal = fit.calibration
    extra = cal.note if cal.note and cal.calibrated else ""
    assumptions.append(Note(
        f"intervals: {cal.describe()}" + (f"; {extra}" if extra else ""),
        f"予測区間: {note_text(cal.describe(), 'ja')}"
        + (f"。{note_text(extra, 'ja')}" if extra else ""),
    ))
    assumptions.extend(fit.notes)
    assumptions.append(Note(
        "the future behaves like the past the models were fitted on (no structural break "
        "unless given as a shock); the predictive distribution at each horizon is lognormal "
        "(normal on the working scale) with a calibrated, bounded spread — see "
        "kawasaki_econ.forecast.engine — so it does not carry the risk of rare events absent "
        "from the history",
        "将来も当てはめた期間と同じように推移すると仮定（ショックとして与えない限り構造変化は"
        "ない）。各時点の予測分布は対数正規分布で、ばらつきは較正し上限を設けたもの"
        "（kawasaki_econ.forecast.engine）。過去に起きていない稀な出来事のリスクは含まない",
    ))


def model_probabilities(sim: Simulation, target: float, direction: str,
                        base: periods.Period | None = None, factor: float = 1.0) -> pd.Series:
    """P(meet target) under each fitted candidate, each calibrated on its own backtest. With
    ``base`` (an estimated base of a relative target) the target of each path is ``factor``
    × that path's value at ``base``."""
    fit = sim.fit
    if fit is None:
        return pd.Series(dtype=float)
    out = {}
    for name in fit.fits:
        cal = calibrate(fit.errors, name)
        paths = fit.level_paths(name, cal) * sim.mult[None, :]
        if sim.agg is not None:
            lo, hi = sim.agg
            idx = [o - sim.first for o in range(max(lo, sim.first), hi + 1)]
            draws = sim.observed_part + paths[:, idx].sum(axis=1)
        else:
            draws = paths[:, -1]
        threshold = target if base is None else factor * sim.draws_at(base, paths)
        out[name] = float(np.mean(meets(draws, threshold, direction)))
    return pd.Series(out).sort_values()
