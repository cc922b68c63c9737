"""The result of an attainment forecast: :class:`AttainmentResult` (statsmodels-style
``summary()``, ``to_frame()``, ``to_dict()``, ``plot()``, a short ``repr`` and an HTML view
for notebooks)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import periods
from .display import FORECAST_VALUES, unit_frame
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
    unit: str | None = None  # the driver's unit (e.g. 人泊)

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
    target_period: periods.Period
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

    The tables (``forecast``, ``annual``, ``hindcast``, ``backtest_errors``, the driver's
    tables and ``to_frame()``) are :class:`~kawasaki_econ.forecast.display.UnitFrame`
    objects: ``print(res.forecast)``, ``res.forecast.to_string()`` and the notebook view
    show values rounded to the unit's precision (counts as whole numbers with thousands
    separators, ``2,372,614``; ``%`` with one decimal; fractions as percentages), while the
    values themselves are the unrounded floats (``res.forecast["median"].iloc[0]``). A frame
    derived from one (``res.forecast.head()``, arithmetic) is a plain DataFrame.

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
    scenario: bool = False  # an assumed spread (scenario_sd), not an estimated one
    target_reading: tuple | None = None  # (ja, en): how a relative target became a level

    # ---------------------------------------------------------------- presentation
    def headline(self, lang: str = "ja") -> str:
        """One line: the verdict for a passed target year, else the probability."""
        from .summary import headline

        return headline(self, lang)

    def __repr__(self) -> str:
        what = self.indicator_id or self.name or "indicator"
        return f"<AttainmentResult {what}: {self.headline('en')}; model {self.model['name']}>"

    def _repr_html_(self, lang: str = "ja") -> str:
        from .summary import html_view

        return html_view(self, lang)

    def summary(self, lang: str = "ja") -> str:
        """Plain-text report in ``lang`` ('ja' default, or 'en'): verdict or probability with
        its plain-words sentence, model, growth needed, hindcast, assumptions."""
        from .summary import summary_text

        return summary_text(self, lang)

    def meaning(self, lang: str = "ja") -> str:
        """One plain sentence: what the probability means and where its uncertainty comes
        from."""
        from .wording import plain_sentence

        return plain_sentence(self, lang)

    def __str__(self) -> str:
        return self.summary()

    def to_frame(self) -> pd.DataFrame:
        """History and forecast in one tidy frame: ``period, kind ('observed' / 'forecast'),
        value`` (observed) and ``mean, median, lo80, hi80, lo95, hi95`` (forecast), plus
        ``actual`` for hindcast periods. Prints rounded to the unit, as ``forecast`` does."""
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
        return unit_frame(out, self.unit, ["value", *FORECAST_VALUES, "actual"])

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
                "target_reading": self.target_reading[1] if self.target_reading else None,
                "scenario": self.scenario,
                "meaning": None if self.verdict is not None else self.meaning("en"),
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
