"""Indicator forecasts: will an indicator meet its target?

``attainment(series, target, by, ...)`` backtests candidate models on the series itself,
chooses one (or their combination), calibrates its simulated paths from the backtest errors
and returns the probability of meeting the target with intervals, the growth required and
the assumptions made. See :mod:`kawasaki_econ.forecast.attainment`.

Importing this package is light (numpy and pandas only); statsmodels and matplotlib are
imported when a model is fitted or a figure drawn.
"""

from __future__ import annotations

from .attainment import AttainmentResult, attainment
from .engine import auto_forecast
from .periods import aggregate_months


def forecast_indicator(indicator_id: str, as_of=None, **kwargs):
    """Attainment of one plan indicator from the processed tables (see
    :func:`kawasaki_econ.forecast.indicators.forecast_indicator`)."""
    from .indicators import forecast_indicator as _forecast_indicator

    return _forecast_indicator(indicator_id, as_of=as_of, **kwargs)


__all__ = [
    "attainment",
    "AttainmentResult",
    "auto_forecast",
    "aggregate_months",
    "forecast_indicator",
]
