"""The result of an attainment forecast: :class:`AttainmentResult` (statsmodels-style
``summary()``, ``to_frame()``, ``to_dict()``, ``plot()``, a short ``repr`` and an HTML view
for notebooks)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .hindcast import Verdict
from .simulation import Simulation


@dataclass
class DriverInfo:
    """What ``driver`` mode assumed: the share (geometric mean of the overlapping
    observations) and its log-sd, the overlapping observations, the driver's own forecast,
    and ``implied``: the indicator implied by every complete year of the driver (the
    target's basis; FY = April–March) with the share's uncertainty."""

    share: float
    share_log_sd: float
    overlap: list
    driver_forecast: pd.DataFrame
    implied: pd.DataFrame
    label: str | None = None

    def to_dict(self) -> dict:
        return {
            "share": self.share,
            "share_log_sd": self.share_log_sd,
            "overlap": self.overlap,
            "driver_forecast": self.driver_forecast.to_dict("records"),
            "implied": self.implied.to_dict("records"),
            "label": self.label,
        }


@dataclass
class Outcome:
    """Everything one mode (plain or ``driver``) computes; :func:`attainment` turns it into
    an :class:`AttainmentResult` in one place."""

    sim: Simulation
    tp: object
    draws: np.ndarray
    forecast: pd.DataFrame
    hindcast: pd.DataFrame | None
    history: pd.Series
    required_growth: pd.Series
    model_probabilities: pd.Series
    assumptions: list
    assumption_driven: bool
    as_of: str | None
    verdict: Verdict | None = None
    driver: DriverInfo | None = None


def _pct(v) -> str:
    return "n/a" if v is None or not np.isfinite(v) else f"{v:+.1%}"


def _clean(v):
    """JSON-friendly value (NaN/inf → None, numpy → Python)."""
    if isinstance(v, (np.floating, float)):
        return None if not np.isfinite(v) else float(v)
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, (pd.Period, pd.Timestamp)):
        return str(v)
    if isinstance(v, dict):
        return {str(k): _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    return v


def _records(df: pd.DataFrame | None):
    return None if df is None else [_clean(r) for r in df.to_dict("records")]


@dataclass(repr=False)
class AttainmentResult:
    """Result of :func:`~kawasaki_econ.forecast.attainment.attainment`.

    Attributes
    ----------
    probability : float
        P(indicator at ``by`` meets the target), fraction of simulated paths, in [0, 1]
        (for a passed target year: the probability it was met, see ``verdict``).
    probability_interval : tuple
        95 % Wilson interval of the Monte-Carlo estimate.
    forecast : DataFrame
        ``period, mean, median, lo80, hi80, lo95, hi95`` for every forecast period (the
        series' own periods and labels; in ``driver`` mode the indicator's implied annual
        values). Intervals are central 80 % / 95 % ranges of the same calibrated paths the
        probability is counted on.
    target_forecast : dict
        Distribution of the indicator at ``by`` (same keys as a forecast row).
    verdict : Verdict or None
        When ``by`` lies within the data: observed (or implied) value, met / missed.
    required_growth : Series
        Growth per period needed from the last observation to reach the target.
    model : dict
        Chosen model: ``name``, ``params``, ``reason``, ``calibration`` …
    backtest : DataFrame
        Rolling-origin scores of every candidate (MASE, uncalibrated coverage, origins).
    hindcast : DataFrame or None
        With ``as_of``: forecast against the actual values published later.
    assumptions : list of str
    assumption_driven : bool
        True when the result rests on assumed rather than estimated inputs.
    simulation : Simulation
        The simulated paths and the data they were fitted on (for figures).
    sources : list of str
        Raw files (and rows) the indicator and its driver come from (for the 出典 line).
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
    simulation: Simulation
    as_of: str | None = None
    annual: pd.DataFrame | None = None
    driver: DriverInfo | None = None
    verdict: Verdict | None = None
    name: str | None = None
    unit: str | None = None
    indicator_id: str | None = None
    target_label: str | None = None
    sources: list = field(default_factory=list)
    target_draws: np.ndarray | None = None

    # ---------------------------------------------------------------- presentation
    def headline(self) -> str:
        """One line: the verdict for a passed target year, else the probability."""
        if self.verdict is not None:
            return self.verdict.words("en")
        lo, hi = self.probability_interval
        tf = self.target_forecast
        unit = f" {self.unit}" if self.unit else ""
        return (
            f"P({self.direction} {self.target:,.0f}{unit} in {self.by}) = "
            f"{self.probability:.1%} ({lo:.1%} – {hi:.1%}); median {tf['median']:,.0f}, "
            f"95 % {tf['lo95']:,.0f} – {tf['hi95']:,.0f}"
        )

    def __repr__(self) -> str:
        what = self.indicator_id or self.name or "indicator"
        return f"<AttainmentResult {what}: {self.headline()}; model {self.model['name']}>"

    def _repr_html_(self) -> str:
        esc = html.escape
        title = esc(self.name or self.indicator_id or "indicator")
        parts = [f"<h4>{title}</h4>", f"<p><b>{esc(self.headline())}</b></p>"]
        if self.assumption_driven:
            parts.append("<p><i>assumption-driven: the result rests on assumed inputs</i></p>")
        table = self.annual if self.annual is not None and not self.annual.empty else None
        if self.driver is not None or table is None:
            table = self.forecast
        if table is not None and len(table):
            shown = table.tail(12)
            parts.append(shown.to_html(index=False, float_format=lambda v: f"{v:,.0f}"))
        parts.append(f"<p>model: {esc(str(self.model['name']))} — "
                     f"{esc(str(self.model.get('reason', '')))}</p>")
        items = "".join(f"<li>{esc(a)}</li>" for a in self.assumptions)
        parts.append(f"<details><summary>assumptions ({len(self.assumptions)})</summary>"
                     f"<ul>{items}</ul></details>")
        return "\n".join(parts)

    def summary(self) -> str:
        """Plain-text report: verdict or probability, model, growth needed, hindcast,
        assumptions."""
        unit = f" {self.unit}" if self.unit else ""
        title = self.name or "indicator"
        lo, hi = self.probability_interval
        tf = self.target_forecast
        lines = [
            f"Attainment: {title}",
            "=" * 78,
            f"Target           : {self.direction} {self.target:,.0f}{unit} in {self.by}"
            + (f" ({self.target_label})" if self.target_label else ""),
        ]
        if self.verdict is not None:
            lines.append(f"Verdict          : {self.verdict.words('en')}")
        else:
            lines.append(
                f"Probability      : {self.probability:.1%}  (Monte-Carlo 95 % interval "
                f"{lo:.1%} – {hi:.1%}, {self.n_sims:,} paths, seed {self.seed})"
            )
        if self.as_of:
            lines.append(f"As of            : {self.as_of} (only data published by then)")
        if self.assumption_driven:
            lines.append("*** ASSUMPTION-DRIVEN: the result rests on assumed inputs, see below ***")
        if self.verdict is None:
            lines.append(
                f"Forecast {self.by:8s}: median {tf['median']:,.0f}{unit}; mean "
                f"{tf['mean']:,.0f}; 80 % {tf['lo80']:,.0f} – {tf['hi80']:,.0f}; 95 % "
                f"{tf['lo95']:,.0f} – {tf['hi95']:,.0f}"
            )
        lines += [
            f"Model            : {self.model['name']} — {self.model['reason']}",
            f"Calibration      : {self.model['calibration']}",
        ]
        rg = self.required_growth
        if self.verdict is None and rg is not None and len(rg) and pd.notna(rg.get("required")):
            lines.append(
                f"Growth needed    : {rg['required']:+.1%} per {rg['per']} from "
                f"{rg['from_period']} ({rg['from_value']:,.0f}) over {rg['periods']} "
                f"{rg['per']}(s); history{' of the driver' if rg.get('history_of') else ''} "
                f"{_pct(rg.get('historical'))} per {rg['per']} "
                f"(all observations), {_pct(rg.get('recent'))} (recent)"
            )
        if self.driver is not None and self.verdict is not None and len(self.driver.implied):
            lines += ["", "Implied indicator by year (driver total × share; share uncertainty):"]
            for r in self.driver.implied.tail(8).itertuples():
                lines.append(f"  {r.period:8s} median {r.median:>12,.0f}  95 % "
                             f"{r.lo95:>12,.0f} – {r.hi95:>12,.0f}")
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
        out = pd.concat([hist, fc], ignore_index=True) if len(fc) else hist
        if self.hindcast is not None and not self.hindcast.empty:
            actual = dict(
                zip(self.hindcast["period"].astype(str), self.hindcast["actual"], strict=False)
            )
            out["actual"] = [
                actual.get(str(p), np.nan) if k == "forecast" else np.nan
                for p, k in zip(out["period"], out["kind"], strict=False)
            ]
        return out

    def status(self) -> str:
        """``met`` / ``missed`` for a passed target year, else ``forecast``."""
        return self.verdict.status if self.verdict is not None else "forecast"

    def to_dict(self) -> dict:
        """JSON-serialisable summary (for ``kawasaki-econ forecast --json``)."""
        return _clean(
            {
                "indicator_id": self.indicator_id,
                "name": self.name,
                "unit": self.unit,
                "target": self.target,
                "target_label": self.target_label,
                "by": self.by,
                "direction": self.direction,
                "as_of": self.as_of,
                "status": self.status(),
                "verdict": self.verdict.to_dict() if self.verdict is not None else None,
                "probability": self.probability,
                "probability_interval": list(self.probability_interval),
                "assumption_driven": self.assumption_driven,
                "target_forecast": self.target_forecast,
                "forecast": _records(self.forecast),
                "annual": _records(self.annual),
                "required_growth": {k: _clean(v) for k, v in self.required_growth.items()},
                "model": {
                    k: (str(v) if not isinstance(v, (int, float, dict, list)) else v)
                    for k, v in self.model.items()
                },
                "model_probabilities": {k: float(v) for k, v in self.model_probabilities.items()},
                "backtest": _records(self.backtest.reset_index()),
                "hindcast": _records(self.hindcast),
                "assumptions": list(self.assumptions),
                "driver": self.driver.to_dict() if self.driver is not None else None,
                "sources": list(self.sources),
            }
        )

    def plot(self, ax=None, *, lang: str = "ja"):
        """Figure (see :func:`kawasaki_econ.figures.forecast.attainment_chart`); returns a
        matplotlib ``Figure`` (nothing is shown)."""
        from ..figures.forecast import attainment_chart

        return attainment_chart(self, ax=ax, lang=lang)
