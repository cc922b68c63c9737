"""One row of the ``kpi`` table, built the same way by every reader of KPI data (the
shipped transcriptions in :mod:`kawasaki_econ.sources.kpi` and the analyst's workbook in
:mod:`kawasaki_econ.kpi.workbook`): a :class:`KpiRow` with defaults for what most rows
leave empty, turned into a frame with :func:`rows_frame`."""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd


@dataclass(frozen=True, kw_only=True)
class KpiRow:
    """The columns of the kpi table, in table order (meaning: the table's schema)."""

    indicator_id: str
    name_ja: str
    unit: str
    period_type: str = "fiscal_year"
    period: int | None
    kind: str  # actual / target / draft_target
    value: float
    status: str
    source: str
    target_label: str | None = None
    direction: str | None = None  # how a value must compare with a target to meet it
    value_original: float | None = None
    unit_original: str | None = None
    rounded: bool = False
    partial_period: bool = False
    policy: str | None = None
    indicator_direction: str | None = None
    dataset: str
    source_url: str | None = None
    source_document: str | None = None
    note: str | None = None


#: The kpi table's columns, in order.
KPI_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(KpiRow))


def rows_frame(rows: list[KpiRow]) -> pd.DataFrame:
    """The rows as a frame with the kpi columns (empty rows: the columns, no rows)."""
    return pd.DataFrame([tuple(getattr(r, c) for c in KPI_COLUMNS) for r in rows],
                        columns=list(KPI_COLUMNS))
