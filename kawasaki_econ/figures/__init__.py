"""Figures for the report: one function per chart, each returning a matplotlib
:class:`~matplotlib.figure.Figure` (never shown, no global state changed).

Every chart draws tidy frames from the processed tables or the analysis layer (chart data:
:mod:`kawasaki_econ.analysis.series`), labels in Japanese (``lang="ja"``, default) or
English (``lang="en"``), follows the ``focus`` municipality (area code, default 14130),
carries a source line (出典, publisher first) built from the rows' ``source`` and the
raw-file catalogue, and shows gaps as gaps. :func:`save` writes PNG and SVG
deterministically under :func:`output_dir`.

Modules: ``census`` (one municipality's census totals), ``compare`` (the comparison
group), ``transport`` (stations, Haneda), ``tourism`` (guest nights, plan targets, claims
audit), ``fonts`` / ``lang`` / ``style`` / ``footer`` / ``io`` (the machinery),
``labels`` (names in both languages). Importing this package imports matplotlib
(``import kawasaki_econ`` does not).
"""

from ..analysis.series import (
    airport_monthly,
    guest_nights_annual,
    guest_nights_series,
    haneda_international,
    station_series,
)
from .census import census_by_industry, census_totals
from .compare import (
    city_employee_change,
    industry_share_comparison,
    location_quotient_chart,
    shift_share_chart,
)
from .fonts import FONT_NAME, ensure_font, font_path, rc
from .footer import describe_sources, footer_text, footnote, source_line
from .forecast import attainment_chart
from .io import FIGURES_ENV, TABLES_ENV, SavedFigure, output_dir, save, save_table, table_dir
from .tourism import (
    claims_status,
    guest_nights_annual_chart,
    guest_nights_monthly,
    kpi_target_changes,
)
from .transport import haneda_chart, station_ridership, station_ridership_index

__all__ = [
    "FIGURES_ENV", "FONT_NAME", "TABLES_ENV", "SavedFigure", "save_table", "table_dir", "airport_monthly", "census_by_industry", "census_totals",
    "city_employee_change", "claims_status", "describe_sources", "ensure_font", "font_path",
    "footer_text", "footnote", "guest_nights_annual", "guest_nights_annual_chart", "guest_nights_monthly",
    "guest_nights_series", "haneda_chart", "haneda_international", "industry_share_comparison",
    "kpi_target_changes", "location_quotient_chart", "output_dir", "rc", "save",
    "shift_share_chart", "source_line", "station_ridership", "station_ridership_index",
    "station_series",
    "attainment_chart",
]  # fmt: skip
