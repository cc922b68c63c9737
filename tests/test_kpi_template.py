"""The analyst's indicator workbook: template round trip and every bad-template case."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import kawasaki_econ
from kawasaki_econ import catalog, tables
from kawasaki_econ.cli import main
from kawasaki_econ.errors import IngestError
from kawasaki_econ.kpi_template import read_workbook, write_template


@pytest.fixture
def template(tmp_path):
    return write_template(tmp_path / "kpi_template.xlsx")


def _fill(path, edits):
    wb = load_workbook(path)
    ws = wb["indicators"]
    header = [c.value for c in ws[1]]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for ident, column, value in edits:
        row = rows[ident] if ident in rows else ws.max_row + 1
        if ident not in rows:
            ws.cell(row, 1, ident)
        ws.cell(row, header.index(column) + 1, value)
    wb.save(path)
    return path


def test_template_lists_the_plan_indicators_with_their_targets(template):
    ws = load_workbook(template)["indicators"]
    header = [c.value for c in ws[1]]
    assert header[:7] == ["indicator_id", "name_ja", "unit", "direction", "target_fiscal_year",
                          "target", "status"]
    assert "FY2016" in header and "FY2021" in header
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    hotel = rows["P7_hotel_guests_foreign"]
    assert hotel[4] == 2021 and hotel[5] == 230_000  # plan_kpi_targets.csv (P139)
    assert rows["PX_consumer_consult_completion_rate"][5] == 99.0
    assert ws.data_validations.dataValidation  # number validation present


def test_round_trip_import_registers_and_rebuilds(project_copy, template):
    _fill(template, [("P7_hotel_guests_foreign", "FY2018", 251_000),
                     ("PX_consumer_consult_completion_rate", "FY2018", "９８．５")])
    assert main(["kpi", "import", str(template)]) == 0
    kpi = kawasaki_econ.load("kpi")
    mine = kpi[kpi.dataset == "analyst_workbook"]
    got = {(r.indicator_id, int(r.period)): r.value for r in mine.itertuples()}
    assert got == {("P7_hotel_guests_foreign", 2018): 251_000.0,
                   ("PX_consumer_consult_completion_rate", 2018): 98.5}
    assert mine.source.str.startswith("kpi/kpi_template_").all()
    assert catalog.verify() == []  # the copy is registered; the shipped files untouched
    assert tables.stale_tables(["kpi"]) == []


def test_blank_cells_stay_missing(template):
    rows = read_workbook(_fill(template, [("P7_hotel_guests_foreign", "FY2019", 280_000)]))
    assert len(rows) == 1 and rows.period.iloc[0] == 2019


@pytest.mark.parametrize(
    ("edits", "match"),
    [
        ([("P9_no_such_indicator", "FY2018", 1)], r"row \d+, column A: unknown indicator"),
        ([("P7_hotel_guests_foreign", "FY2018", "約25万")],
         r"sheet indicators, row \d+, column \w+ \(FY2018\): text in a number cell"),
        ([("PX_consumer_consult_completion_rate", "FY2019", 101)], "a rate over 100 %"),
        ([("P7_hotel_guests_foreign", "FY2019", -5)], "impossible value -5"),
    ],
)
def test_bad_templates(template, edits, match):
    with pytest.raises(IngestError, match=match):
        read_workbook(_fill(template, edits))


def test_duplicate_year_column(template):
    wb = load_workbook(template)
    ws = wb["indicators"]
    ws.cell(1, ws.max_column, "FY2016")
    wb.save(template)
    with pytest.raises(IngestError, match=r"row 1, column \w+: fiscal year 2016 appears twice"):
        read_workbook(template)


def test_duplicate_indicator_row(template):
    wb = load_workbook(template)
    ws = wb["indicators"]
    ws.append([c.value for c in ws[2]])
    wb.save(template)
    with pytest.raises(IngestError, match="appears twice"):
        read_workbook(template)


def test_missing_sheet(template):
    wb = load_workbook(template)
    wb["indicators"].title = "data"
    wb.save(template)
    with pytest.raises(IngestError, match="sheet 'indicators' not found"):
        read_workbook(template)


def test_cli_template(tmp_path, capsys):
    assert main(["kpi", "template", str(tmp_path / "t.xlsx")]) == 0
    assert (tmp_path / "t.xlsx").exists()
    assert main(["kpi", "import", str(tmp_path / "missing.xlsx")]) == 1
