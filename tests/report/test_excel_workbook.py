"""The report workbook writer (kawasaki_econ.report.excel) on small hand-made tables, read
back with openpyxl: note, headers, values, number formats, filters, print setup, missing
values as empty cells, and structured or infinite values refused."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from kawasaki_econ.errors import KawasakiEconError
from kawasaki_econ.report.excel import cell_value, write_excel
from kawasaki_econ.report.key_tables import KeyTable


def _table(frame: pd.DataFrame, formats: dict[str, str] | None = None) -> KeyTable:
    return KeyTable("census", "経済センサス", "出典: SSDSE-A", frame, formats or {})


def test_sheet_layout_values_and_formats(tmp_path):
    # 川崎市 private employees 2016 and 2021 (SSDSE-A C2208), change 0.67 %
    frame = pd.DataFrame({"地域": ["川崎市", "横浜市"], "従業者数（人）": [543_812, 1_475_974],
                          "増減率": [0.006729, None]})
    path = write_excel(tmp_path / "book.xlsx",
                       [_table(frame, {"従業者数（人）": "#,##0", "増減率": "0.0%"})])
    assert path == tmp_path / "book.xlsx" and not list(tmp_path.glob(".*.tmp"))
    ws = load_workbook(path)["経済センサス"]
    assert ws["A1"].value == "出典: SSDSE-A"
    assert [c.value for c in ws[2]] == ["地域", "従業者数（人）", "増減率"]
    assert [c.value for c in ws[3]] == ["川崎市", 543_812, 0.006729]
    assert [c.value for c in ws[4]] == ["横浜市", 1_475_974, None]  # missing: an empty cell
    assert ws["B3"].number_format == "#,##0" and ws["C3"].number_format == "0.0%"
    assert ws["A3"].number_format == "General"
    assert ws.auto_filter.ref == "A2:C4" and ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2" and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_one_sheet_per_table_with_titles_cut_to_31_characters(tmp_path):
    long = "あ" * 40
    tables = [_table(pd.DataFrame({"a": [1]})),
              KeyTable("sources", long, "note", pd.DataFrame({"b": []}), {})]
    wb = load_workbook(write_excel(tmp_path / "two.xlsx", tables))
    assert wb.sheetnames == ["経済センサス", "あ" * 31]
    assert wb["あ" * 31].auto_filter.ref == "A2:A2"  # an empty table: the header row only


@pytest.mark.parametrize("value", [{"a": 1}, [1, 2], (1,), {1}])
def test_structured_values_are_refused(value):
    with pytest.raises(KawasakiEconError, match="structured value"):
        cell_value(value)


def test_missing_and_numpy_values():
    import numpy as np

    assert cell_value(None) is None and cell_value(math.nan) is None and cell_value(pd.NA) is None
    assert type(cell_value(np.int64(7))) is int and cell_value(np.float64(0.5)) == 0.5
    with pytest.raises(KawasakiEconError, match="infinite"):
        cell_value(math.inf)


def test_a_refused_value_writes_no_file(tmp_path):
    frame = pd.DataFrame({"x": [{"nested": True}]})
    with pytest.raises(KawasakiEconError):
        write_excel(tmp_path / "bad.xlsx", [_table(frame)])
    assert list(tmp_path.iterdir()) == []
