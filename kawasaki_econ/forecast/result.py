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
from .summary import headline, html_view, summary_text
from .targets import RelativeTarget
from .wording import note_text, plain_sentence


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
    target: float | None = None  # the level counted against, when not the request's
    threshold: np.ndarray | None = None  # per-path target level (estimated base)
    relative: RelativeTarget | None = None


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

    Built by ``attainment`` (and :func:`~kawasaki_econ.forecast.indicators.forecast_indicator`,
    which adds the indicator's id, target label and sources); read its fields, or present
    it with :meth:`summary`, :meth:`headline`, :meth:`meaning`, :meth:`to_frame`,
    :meth:`to_dict` and :meth:`plot`. Periods are labelled like the input series (integer
    years are fiscal years, FY2016 = April 2016 – March 2017, unless the series was read as
    calendar years); values are in the unit of the series.

    The tables (``forecast``, ``annual``, ``hindcast``, ``backtest_errors``, the driver's
    tables and ``to_frame()``) are :class:`~kawasaki_econ.forecast.display.UnitFrame`
    objects: ``print(res.forecast)``, ``res.forecast.to_string()`` and the notebook view
    show values rounded to the unit's precision (counts as whole numbers with thousands
    separators, ``2,372,614``; ``%`` with one decimal; fractions as percentages), while the
    values themselves are the unrounded floats (``res.forecast["median"].iloc[0]``). A frame
    derived from one (arithmetic, ``copy()``, ``loc``) is a plain DataFrame.

    Parameters
    ----------
    probability : float
        P(indicator at ``by`` meets the target), fraction of simulated paths, in [0, 1]
        (for a passed target period: the probability it was met, see ``verdict``).
    probability_interval : tuple of float
        ``(lo, hi)``: 95 % Wilson interval of the Monte-Carlo estimate (how precisely the
        paths estimate the probability given the model, not the model's uncertainty).
    target : float
        The target, in the unit of the series.
    by : str
        The target period: ``"FY2027"`` (April 2027 – March 2028), ``"CY2027"`` or
        ``"2027-03"``.
    direction : {'>=', '>', '<=', '<'}
        How the indicator must compare with the target.
    forecast : pandas.DataFrame
        ``period, mean, median, lo80, hi80, lo95, hi95`` for every forecast period (the
        series' own periods and labels; in ``driver`` mode the indicator's implied annual
        values). Intervals are central 80 % / 95 % ranges of the same calibrated paths the
        probability is counted on. Empty for a passed target period.
    target_forecast : dict
        Distribution of the indicator at ``by``: ``mean, median, lo80, hi80, lo95, hi95``.
    required_growth : pandas.Series
        Growth per period needed from the last observation (last complete year for a
        monthly series with an annual target) to reach the target: ``required``, and the
        ``historical`` (all observations) and ``recent`` (last three periods) growth, as
        fractions per period (0.05 = +5 %); ``from_period``, ``from_value``, ``periods``
        (how many periods ahead) and ``per`` (``'fiscal year'``, ``'year'`` …).
    model : dict
        The model used: ``name``, ``params``, ``reason`` (why it was chosen) and
        ``calibration`` (its calibration in words); ``name`` is ``'observed'`` for a passed
        target period.
    backtest : pandas.DataFrame
        Rolling-origin scores, one row per candidate model (index ``model``): ``mase,
        msse, coverage80, coverage95`` (uncalibrated interval coverage, fraction),
        ``n_origins, n_errors, chosen``.
    backtest_errors : pandas.DataFrame
        One row per model, origin and horizon: ``model, origin, h, actual, point, error,
        sd, abs_scaled, in80, in95``.
    hindcast : pandas.DataFrame or None
        With ``as_of``: the forecast against the actual values published later, ``period,
        actual, median, lo80, hi80, lo95, hi95, in80, in95, error_pct``.
    assumptions : list of Note
        Every assumption the result rests on, each in English (the string itself) and
        Japanese (``.ja``; see :class:`~kawasaki_econ.forecast.wording.Note`).
    assumption_driven : bool
        True when the result rests on assumed rather than estimated inputs.
    history : pandas.Series
        The observations used (those published by ``as_of`` when given).
    model_probabilities : pandas.Series
        P(meets the target) under each fitted candidate model, each calibrated on its own
        backtest, indexed by model name.
    n_sims : int
        Number of simulated paths.
    seed : int
        Random seed of the simulation.
    simulation : Simulation
        The simulated paths and the data they were fitted on (for figures).
    as_of : str, optional
        The hindcast date, if any.
    annual : pandas.DataFrame, optional
        Monthly series with an annual target: the annual totals (observed months plus
        simulated ones), same columns as ``forecast``.
    driver : DriverInfo, optional
        ``driver`` mode: the share, its uncertainty and the driver's forecast.
    verdict : Verdict, optional
        When ``by`` lies within the data: observed (or implied) value, met / missed.
    name : str, optional
        Name of the indicator, for the summary and the figure.
    unit : str, optional
        Unit of the indicator (e.g. ``人泊``).
    indicator_id : str, optional
        The plan indicator's id (:func:`~kawasaki_econ.forecast.indicators.forecast_indicator`).
    target_label : str, optional
        The plan or phase the target belongs to, if known.
    sources : list of str
        Raw files (and rows) the indicator and its driver come from (for the 出典 line).
    target_draws : numpy.ndarray, optional
        The ``n_sims`` simulated values of the indicator at ``by``.
    scenario : bool, default False
        True when the spread is assumed (``scenario_sd``), not estimated.
    target_reading : tuple of str, optional
        ``(ja, en)``: how a relative target (``+40%`` over a base year) or a target of the
        other year basis was read as a level.
    relative : RelativeTarget, optional
        A change over a base year: the base (``basis`` ``'observed'`` or ``'estimated'``)
        and the target level, with their distributions
        (:class:`~kawasaki_econ.forecast.targets.RelativeTarget`).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
    >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
    >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000)
    >>> res.by, res.n_sims, res.forecast.columns.tolist()
    ('FY2027', 1000, ['period', 'mean', 'median', 'lo80', 'hi80', 'lo95', 'hi95'])
    >>> res.model["name"] in res.backtest.index
    True
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
    relative: RelativeTarget | None = None  # a change over a base year: observed/estimated

    # ---------------------------------------------------------------- presentation
    def headline(self, lang: str = "ja") -> str:
        """Say in one line the verdict for a passed target period, else the probability.

        Parameters
        ----------
        lang : {'ja', 'en'}, default 'ja'
            Language of the line.

        Returns
        -------
        str
            The target, the probability with its Monte-Carlo interval and the forecast's
            median and 95 % range; or the verdict (:meth:`Verdict.words`).

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000)
        >>> line = res.headline("en")
        >>> "FY2027" in line, "5,000,000" in line, len(line.splitlines())
        (True, True, 1)
        """
        return headline(self, lang)

    def __repr__(self) -> str:
        what = self.indicator_id or self.name or "indicator"
        return f"<AttainmentResult {what}: {self.headline('en')}; model {self.model['name']}>"

    def _repr_html_(self, lang: str = "ja") -> str:
        return html_view(self, lang)

    def summary(self, lang: str = "ja") -> str:
        """Write the result as a plain-text report.

        Parameters
        ----------
        lang : {'ja', 'en'}, default 'ja'
            Language of the report.

        Returns
        -------
        str
            Several lines: the verdict or the probability with its plain-words sentence,
            the forecast at the target period, the model and its calibration, the growth
            needed, the backtest scores, the hindcast and the assumptions.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000)
        >>> text = res.summary("en")
        >>> "FY2027" in text, len(text.splitlines()) > 10
        (True, True)
        """
        return summary_text(self, lang)

    def meaning(self, lang: str = "ja") -> str:
        """Say in one plain sentence what the probability means.

        The sentence also says where the uncertainty comes from (backtest errors, spans of
        comparable series, an assumed share or spread).

        Parameters
        ----------
        lang : {'ja', 'en'}, default 'ja'
            Language of the sentence.

        Returns
        -------
        str
            One sentence, without a line break.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000)
        >>> sentence = res.meaning("en")
        >>> "FY2027" in sentence, len(sentence.splitlines())
        (True, 1)
        """
        return plain_sentence(self, lang)

    def __str__(self) -> str:
        return self.summary()

    def to_frame(self) -> pd.DataFrame:
        """Return the history and the forecast in one tidy frame.

        Returns
        -------
        pandas.DataFrame
            One row per period, the observations first: ``period`` (labelled like the
            input series), ``kind`` (``'observed'`` / ``'forecast'``), ``value`` (observed
            rows), ``mean, median, lo80, hi80, lo95, hi95`` (forecast rows), and with a
            hindcast ``actual`` (the value published later, forecast rows). A relative
            target adds two rows: its base year (``kind`` ``'observed base'`` or
            ``'estimated base'``) and the target level at ``by`` (``'target level'``), with
            their distributions. Prints rounded to the unit, as ``forecast`` does.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000)
        >>> frame = res.to_frame()
        >>> frame.columns.tolist()
        ['period', 'kind', 'value', 'mean', 'median', 'lo80', 'hi80', 'lo95', 'hi95']
        >>> frame.groupby("kind")["period"].agg(["first", "last"])
                  first  last
        kind
        forecast   2025  2027
        observed   2011  2024
        """
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
        if self.relative is not None:
            out = pd.concat([out, self._relative_rows()], ignore_index=True)
        if self.hindcast is not None and not self.hindcast.empty:
            actual = dict(
                zip(self.hindcast["period"].astype(str), self.hindcast["actual"], strict=False)
            )
            out["actual"] = [
                actual.get(str(p), np.nan) if k == "forecast" else np.nan
                for p, k in zip(out["period"], out["kind"], strict=False)
            ]
        return unit_frame(out, self.unit, ["value", *FORECAST_VALUES, "actual"])

    def _relative_rows(self) -> pd.DataFrame:
        rel, tl = self.relative, self.simulation.timeline
        base = periods.parse_period(rel.read_as)
        label = rel.read_as if tl.kind != base.kind else tl.label(base.ordinal)
        return pd.DataFrame([
            {"period": label, "kind": f"{rel.basis} base", **rel.base_value},
            {"period": (self.forecast["period"].iloc[-1]
                        if len(self.forecast) and tl.kind != periods.MONTH else self.by),
             "kind": "target level", **rel.level},
        ])

    def status(self) -> str:
        """Return whether the target was met, or ``'forecast'`` if its period is ahead.

        Returns
        -------
        {'met', 'missed', 'forecast'}
            ``'met'`` / ``'missed'`` for a passed target period (see ``verdict``), else
            ``'forecast'``.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000)
        >>> res.status()
        'forecast'
        >>> k.forecast.attainment(nights, 3_000_000, "FY2019", n_sims=1_000).status()
        'missed'
        """
        return self.verdict.status if self.verdict is not None else "forecast"

    def to_dict(self) -> dict:
        """Return the result as a JSON-serialisable dict (``kawasaki-econ forecast --json``).

        Returns
        -------
        dict
            The fields of the result (NaN and infinities as ``None``, numpy numbers as
            Python numbers, frames as lists of records), plus ``status`` (see
            :meth:`status`) and ``meaning`` (:meth:`meaning` in English; ``None`` for a
            verdict); without the simulated paths.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000)
        >>> import json
        >>> d = json.loads(json.dumps(res.to_dict()))
        >>> d["status"], d["by"], d["forecast"][0]["period"], sorted(d["target_forecast"])
        ('forecast', 'FY2027', 2025, ['hi80', 'hi95', 'lo80', 'lo95', 'mean', 'median'])
        """
        return _clean(
            {
                "indicator_id": self.indicator_id,
                "name": self.name,
                "unit": self.unit,
                "target": self.target,
                "target_label": self.target_label,
                "target_reading": self.target_reading[1] if self.target_reading else None,
                "relative": self.relative.to_dict() if self.relative is not None else None,
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
                "assumptions": [str(a) for a in self.assumptions],
                "assumptions_ja": [note_text(a, "ja") for a in self.assumptions],
                "driver": self.driver.to_dict() if self.driver is not None else None,
                "sources": list(self.sources),
            }
        )

    def plot(self, ax=None, *, lang: str = "ja"):
        """Draw the history, the forecast intervals and the target.

        See :func:`kawasaki_econ.figures.forecast.attainment_chart`; nothing is shown or
        saved.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw only the main panel, on ``ax``; by default a new figure (two panels for a
            monthly series with an annual target or in ``driver`` mode).
        lang : {'ja', 'en'}, default 'ja'
            Language of the labels.

        Returns
        -------
        matplotlib.figure.Figure
            The figure (that of ``ax`` when given).

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000)
        >>> from matplotlib.figure import Figure
        >>> isinstance(res.plot(lang="en"), Figure)
        True
        """
        from ..figures.forecast import attainment_chart

        return attainment_chart(self, ax=ax, lang=lang)
