"""Moved: the chart data is prepared in :mod:`kawasaki_econ.analysis.series` (figures
only draw). These names stay importable from here for existing callers."""

from ..analysis.series import (
    airport_monthly,
    full_range,
    guest_nights_annual,
    guest_nights_series,
    haneda_international,
    station_series,
)

__all__ = ["airport_monthly", "full_range", "guest_nights_annual", "guest_nights_series",
           "haneda_international", "station_series"]
