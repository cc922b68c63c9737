"""Indicator forecasts: will an indicator meet its target?

``attainment(series, target, by, ...)`` backtests candidate models on the series itself,
chooses one (or their combination), calibrates its simulated paths from the backtest errors
and returns the probability of meeting the target with intervals, the growth required and
the assumptions made; a target year already in the data gets a verdict (met / missed).
See :mod:`kawasaki_econ.forecast.attainment` for the method.

Importing this package is light (numpy and pandas only); statsmodels and matplotlib are
imported when a model is fitted or a figure drawn.
"""

from __future__ import annotations

from .attainment import attainment
from .display import UnitFrame
from .engine import auto_forecast
from .hindcast import Verdict
from .indicators import forecast_indicator
from .periods import aggregate_months
from .result import AttainmentResult

__all__ = [
    "attainment",
    "AttainmentResult",
    "auto_forecast",
    "aggregate_months",
    "forecast_indicator",
    "UnitFrame",
    "Verdict",
]
