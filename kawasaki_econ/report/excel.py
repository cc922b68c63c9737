"""The workbook: one sheet per :class:`~kawasaki_econ.report.tables.KeyTable`.

Row 1 holds the sheet's note, row 2 the bold headers, data from row 3. Every sheet has
an autofilter over its table, frozen header rows, number formats per column (``#,##0``
counts, ``0.0%`` / ``0.00%`` percentages, fixed decimals), and a print setup for an
analyst's printer or PDF export: landscape, fit to one page wide, header rows repeated
on every page. Missing values are empty cells; structured values never reach a cell
(a dict or list is an error). The file is written to a temporary name, then renamed.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd

from .. import __version__
from ..errors import KawasakiEconError
from .tables import KeyTable

HEADER_ROW = 2
MAX_WIDTH = 60


def cell_value(value: object) -> object:
    """A value for openpyxl: Python scalars, None for missing (None, NaN, NA)."""
    if isinstance(value, (dict, list, tuple, set)):
        raise KawasakiEconError(f"structured value {value!r} cannot go into a sheet cell")
    if value is None or pd.isna(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isinf(value):
        raise KawasakiEconError("infinite value cannot go into a sheet cell")
    return value


def write_excel(path: Path, tables: list[KeyTable]) -> Path:
    """Write ``tables`` to ``path`` (see the module docstring); returns ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for table in tables:
        df = table.frame
        ws = wb.create_sheet(title=table.title[:31])
        ws.append([table.note])
        ws["A1"].font = Font(italic=True, color="555555")
        ws.append([str(c) for c in df.columns])
        for cell in ws[HEADER_ROW]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in df.itertuples(index=False):
            ws.append([cell_value(v) for v in row])
        last_row = HEADER_ROW + len(df)
        last_col = get_column_letter(max(1, len(df.columns)))
        for i, col in enumerate(df.columns, start=1):
            letter = get_column_letter(i)
            fmt = table.formats.get(col)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=HEADER_ROW + 1, max_row=last_row,
                                            min_col=i, max_col=i):
                    cell.number_format = fmt
            values = [str(col)] + [str(v) for v in df[col].head(200) if cell_value(v) is not None]
            width = max(len(v.encode("utf-8")) * 0.7 for v in values) + 2
            ws.column_dimensions[letter].width = max(8, min(width, MAX_WIDTH))
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{max(last_row, HEADER_ROW)}"
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.creator = f"kawasaki_econ {__version__}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, path)
    return path


__all__ = ["cell_value", "write_excel"]
