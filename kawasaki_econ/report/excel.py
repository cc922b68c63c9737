"""The workbook: one sheet per :class:`~kawasaki_econ.report.key_tables.KeyTable`.

Row 1 holds the sheet's note, row 2 the bold headers, data from row 3. Every sheet has
an autofilter over its table, frozen header rows and number formats per column
(``#,##0`` counts, ``0.0%`` / ``0.00%`` percentages, fixed decimals) or, for a column
mixing units, per row (``KeyTable.row_formats``: the claims audit).

Print setup, for an analyst's printer or PDF export: A4 landscape, header rows repeated
on every page, text columns at most :data:`TEXT_WIDTH` characters wide with wrapped
text (the row as high as its lines: spreadsheet programs do not grow it when printing).
A sheet whose columns add up to at most :data:`FIT_WIDTH` characters is scaled to one
page wide (that keeps the print at about 70 % or larger); a wider sheet prints at 100 %
across several pages, with its first column repeated on each, instead of being shrunk
to an unreadable size. Missing values are empty cells; structured values never
reach a cell (a dict or list is an error). The file is written to a temporary and
swapped in with :mod:`kawasaki_econ.atomic`.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..atomic import write_atomic
from ..errors import KawasakiEconError
from ..version import __version__
from .key_tables import KeyTable

HEADER_ROW = 2
#: Widest column (characters, Latin width): longer text wraps within it.
TEXT_WIDTH = 60
#: Sum of column widths (characters) up to which a sheet is printed one page wide.
FIT_WIDTH = 160
#: Height of one line of text (points): rows of wrapped text get one per line.
LINE_HEIGHT = 15.0
#: Width a header claims at most: headers wrap (row 2), the values set the width.
HEADER_WIDTH = 14


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


def text_width(value: object) -> float:
    """Display width of a cell's text in Latin characters (CJK counts about two)."""
    text = str(value)
    return sum(2.0 if ord(ch) > 0x2E7F else 1.0 for ch in text)


def column_widths(table: KeyTable) -> list[float]:
    """Width of each column: its longest value (first 200 rows) or its header (at most
    :data:`HEADER_WIDTH`: headers wrap), between 8 and :data:`TEXT_WIDTH`."""
    widths = []
    for col in table.frame.columns:
        values = [text_width(v) for v in table.frame[col].head(200) if cell_value(v) is not None]
        widest = max([min(text_width(col), HEADER_WIDTH), *values])
        widths.append(max(8.0, min(widest * 1.1 + 2, TEXT_WIDTH)))
    return widths


def fits_one_page_wide(widths: list[float]) -> bool:
    return sum(widths) <= FIT_WIDTH


def _sheet(wb, table: KeyTable) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    df = table.frame
    ws = wb.create_sheet(title=table.title[:31])
    ws.append([table.note])
    ws["A1"].font = Font(italic=True, color="555555")
    ws.append([str(c) for c in df.columns])
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in df.itertuples(index=False):
        ws.append([cell_value(v) for v in row])
    last_row = HEADER_ROW + len(df)
    last_col = get_column_letter(max(1, len(df.columns)))
    widths = column_widths(table)
    top, wrap = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    for i, (col, width) in enumerate(zip(df.columns, widths, strict=True), start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        fmt = table.formats.get(col)
        per_row = table.row_formats.get(col)
        for r, (cell,) in enumerate(ws.iter_rows(min_row=HEADER_ROW + 1, max_row=last_row,
                                                 min_col=i, max_col=i)):
            if per_row is not None:
                cell.number_format = per_row[r]
            elif fmt:
                cell.number_format = fmt
            cell.alignment = wrap if width >= TEXT_WIDTH and not (fmt or per_row) else top
    head_lines = max(math.ceil(text_width(c) * 1.1 / w) for c, w in zip(df.columns, widths,
                                                                        strict=True))
    ws.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * max(1, head_lines)
    wrapped = [(i, w) for i, w in enumerate(widths) if w >= TEXT_WIDTH]
    for r, row in enumerate(df.itertuples(index=False), start=HEADER_ROW + 1):
        lines = max([math.ceil(text_width(row[i]) * 1.1 / w) for i, w in wrapped
                     if cell_value(row[i]) is not None] or [1])
        if lines > 1:
            ws.row_dimensions[r].height = min(409.0, LINE_HEIGHT * lines)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{max(last_row, HEADER_ROW)}"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if fits_one_page_wide(widths):
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = 100
        ws.print_title_cols = "A:A"


def write_excel(path: Path, tables: list[KeyTable]) -> Path:
    """Write the report's workbook: one sheet per table.

    Row 1 holds the sheet's note, row 2 the bold headers, data from row 3, with an
    autofilter, frozen headers, number formats per column and an A4 landscape print
    setup (see :mod:`kawasaki_econ.report.excel`). The file is written to a temporary
    and swapped in.

    Parameters
    ----------
    path : pathlib.Path
        The ``.xlsx`` file to write (its folder is created if missing).
    tables : list of kawasaki_econ.report.key_tables.KeyTable
        The sheets, in order: title (at most 31 characters are kept), note, frame and
        number formats.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    KawasakiEconError
        If a cell would hold a structured value (dict, list …) or an infinite number.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from openpyxl import load_workbook
    >>> import kawasaki_econ
    >>> from kawasaki_econ import analysis, report
    >>> from kawasaki_econ.report import key_tables
    >>> census = kawasaki_econ.load("census")
    >>> population = kawasaki_econ.load("population")
    >>> group = analysis.peer_group(analysis.resolve_focus(census, "14130"), census, population)
    >>> tables = [key_tables.census_summary(census, group, "ja"),
    ...           key_tables.peer_comparison(census, group, "ja")]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = report.write_excel(Path(tmp) / report.EXCEL_NAME, tables)
    ...     workbook = load_workbook(path)
    >>> workbook.sheetnames
    ['経済センサス', '比較グループ']
    >>> [cell.value for cell in workbook["経済センサス"][2]][:4]
    ['地域コード', '地域名', '調査年', '調査']
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        _sheet(wb, table)
    wb.properties.creator = f"kawasaki_econ {__version__}"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, wb.save)
    return path


__all__ = ["FIT_WIDTH", "LINE_HEIGHT", "TEXT_WIDTH", "cell_value", "column_widths", "fits_one_page_wide",
           "text_width", "write_excel"]
