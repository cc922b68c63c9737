"""The workbook an analyst hands on: numbers stay numbers with their formats (the claims
audit too), wide sheets print legibly instead of shrinking to one page, and the analysis
sheets (location quotients, shift-share, status board) are there."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from kawasaki_econ import report
from kawasaki_econ.lang import has_japanese
from kawasaki_econ.paths import raw_dir
from kawasaki_econ.report.excel import FIT_WIDTH, TEXT_WIDTH, write_excel
from kawasaki_econ.report.key_tables import KeyTable


def _ssdse(release: str, code: str, column: str) -> int:
    """One value of a municipality in a raw SSDSE-A CSV (first column holds 'R' + code)."""
    frame = pd.read_csv(raw_dir() / "ssdse" / f"SSDSE-A-{release}.csv", encoding="cp932",
                        dtype=str)
    row = frame[frame.iloc[:, 0] == f"R{code}"]
    assert len(row) == 1
    return int(row[column].iloc[0])


def test_narrow_sheet_fits_one_page_wide_and_wide_text_wraps(tmp_path):
    narrow = KeyTable("a", "narrow", "note", pd.DataFrame({"x": [1, 2], "y": [0.5, 0.25]}),
                      {"x": "#,##0", "y": "0.0%"})
    wide = KeyTable("b", "wide", "note", pd.DataFrame(
        {f"text {i}": ["a long explanation " * 8] for i in range(6)}))
    path = write_excel(tmp_path / "w.xlsx", [narrow, wide])
    wb = load_workbook(path)
    ws = wb["narrow"]
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.orientation == "landscape"
    assert ws["A3"].number_format == "#,##0" and ws["B3"].number_format == "0.0%"
    ws = wb["wide"]
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # would print microscopic
    assert ws.print_title_cols == "$A:$A" and ws.print_title_rows == "$2:$2"
    assert ws.column_dimensions["A"].width == TEXT_WIDTH
    assert ws["A3"].alignment.wrap_text
    assert 6 * TEXT_WIDTH > FIT_WIDTH
    assert not list(tmp_path.glob(".w.xlsx.*")), "temporary left behind"


def test_row_formats_give_each_row_its_own_format(tmp_path):
    table = KeyTable("c", "mixed", "note", pd.DataFrame({"v": [41028, -0.037, 16]}),
                     row_formats={"v": ["#,##0", "0.0%", "0"]})
    ws = load_workbook(write_excel(tmp_path / "m.xlsx", [table]))["mixed"]
    assert [ws.cell(row=r, column=1).number_format for r in (3, 4, 5)] == ["#,##0", "0.0%", "0"]


@pytest.fixture(scope="module")
def kawasaki_workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "14130"
    report.reproduce("14130", out_dir=out, notebooks=[], quiet=True)
    return load_workbook(out / report.EXCEL_NAME)


def test_claims_sheet_holds_numbers_with_number_formats(kawasaki_workbook):
    ws = kawasaki_workbook["計画の検証"]
    head = {c.value: c.column for c in ws[2]}
    rows = {}
    for r in range(3, ws.max_row + 1):
        key = (ws.cell(r, head["ID"]).value, ws.cell(r, head["要素"]).value)
        rows[key] = (ws.cell(r, head["計画の値"]), ws.cell(r, head["データの値"]))
    plan, data = rows[("ch2-establishments-2016", "値")]
    # the plan's text: 事業所数41,028事業所; the data: SSDSE-A-2021 C2108 of 川崎市 (2016, final)
    assert plan.value == 41028 and plan.number_format == "#,##0"
    assert data.value == _ssdse("2021", "14130", "C2108") and data.number_format == "#,##0"
    plan, _ = rows[("ch2-establishments-change-2014-2016", "増減率")]
    assert plan.value == pytest.approx(-0.037) and plan.number_format == "0.0%"
    assert not ws.sheet_properties.pageSetUpPr.fitToPage


def test_analysis_sheets_are_in_the_workbook(kawasaki_workbook):
    wb = kawasaki_workbook
    assert {"特化係数", "シフト・シェア分析", "成果指標の達成見通し"} <= set(wb.sheetnames)
    ws = wb["特化係数"]
    head = {c.value: c.column for c in ws[2]}
    years = {ws.cell(r, head["調査年"]).value for r in range(3, ws.max_row + 1)}
    assert years == {2016, 2021}
    g2021 = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, head["調査年"]).value == 2021
                 and ws.cell(r, head["産業大分類"]).value == "G")
    assert ws.cell(g2021, head["従業者数（人）"]).number_format == "#,##0"
    assert ws.cell(g2021, head["特化係数（全国 = 1）"]).number_format == "0.00"
    ws = wb["シフト・シェア分析"]
    head = {c.value: c.column for c in ws[2]}
    codes = [ws.cell(r, head["地域コード"]).value for r in range(3, ws.max_row + 1)]
    assert "14130" in codes and len(codes) == 20  # the 20 designated cities (ranked)
    row = codes.index("14130") + 3
    start = ws.cell(row, head["従業者数 2016年（人）"]).value
    end = ws.cell(row, head["従業者数 2021年（人）"]).value
    assert start == _ssdse("2021", "14130", "C2208")  # private employees 2016
    assert end == _ssdse("2026", "14130", "C2208")  # private employees 2021
    assert ws.cell(row, head["増減（人）"]).value == end - start
    ws = wb["成果指標の達成見通し"]
    head = {c.value: c.column for c in ws[2]}
    statuses = {ws.cell(r, head["状況"]).value for r in range(3, ws.max_row + 1)}
    assert statuses <= {"達成", "未達", "予測", "予測なし", "目標なし"} and "目標なし" in statuses
    # the status board's notes, in the workbook's language (they were English-only and
    # left out of the Japanese workbook): why there is no forecast and what to do
    notes = {ws.cell(r, head["指標ID"]).value: ws.cell(r, head["注記"]).value
             for r in range(3, ws.max_row + 1)}
    assert "関連データは別ID job_placements_career_support_kawasaki" in notes[
        "PX_job_placements_careersupport"]
    assert all(has_japanese(n) for n in notes.values()), notes
