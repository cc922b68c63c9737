"""Edit KPI workbooks made by the real template (``write_template``) in tests.

Import as ``from kpi_workbooks import set_values``. Values used in the tests are real
published figures from data/raw/transcribed (cited where they are used).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter


def header(path: Path, sheet: str = "indicators") -> list[object]:
    return [c.value for c in load_workbook(path)[sheet][1]]


def column_letter(path: Path, name: str, sheet: str = "indicators") -> str:
    return get_column_letter(header(path, sheet).index(name) + 1)


def row_of(path: Path, ident: str) -> int:
    ws = load_workbook(path)["indicators"]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ident)


def set_values(path: Path, edits: list[tuple[str, str, object]]) -> Path:
    """``(indicator_id, column header, value)`` edits of the indicators sheet; an id not in
    the sheet gets a new row."""
    wb = load_workbook(path)
    ws = wb["indicators"]
    head = [c.value for c in ws[1]]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for ident, column, value in edits:
        if ident not in rows:
            rows[ident] = ws.max_row + 1
            ws.cell(rows[ident], 1, ident)
        if column not in head:
            head.append(column)
            ws.cell(1, len(head), column)
        ws.cell(rows[ident], head.index(column) + 1).value = value  # None clears
    wb.save(path)
    return path


def set_header(path: Path, old: str, new: object, sheet: str = "indicators") -> str:
    """Rename a header cell; return its column letter."""
    wb = load_workbook(path)
    ws = wb[sheet]
    j = [c.value for c in ws[1]].index(old) + 1
    ws.cell(1, j, new)
    wb.save(path)
    return get_column_letter(j)


def add_targets(path: Path, rows: list[tuple]) -> Path:
    """Append rows (indicator_id, target_label, fiscal_year, value, unit, direction) to
    the targets sheet."""
    wb = load_workbook(path)
    ws = wb["targets"]
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path
