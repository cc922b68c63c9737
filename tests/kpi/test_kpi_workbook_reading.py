"""The analyst's KPI workbook: the template and every rule of reading it.

Workbooks are made by the real template and edited with openpyxl. Values are real
published figures from data/raw/transcribed: 入込観光客数 FY2002 1,177万人
(kpi_observations.csv row 3), its 2007 figure 1,337万人 (row 4), K-NIC start-ups FY2020 18件
(row 9), 藤子・F・不二雄ミュージアム visitors FY2011 307,560 and FY2012 481,619
(kawasaki_tourism.csv rows 12–13), the plan's targets (plan_kpi_targets.csv).
Units, absurd values and unreadable cells are each refused with a clear message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kpi_workbooks import add_targets, column_letter, header, row_of, set_header, set_values
from openpyxl import load_workbook

from kawasaki_econ.commands.kpi_excel_template import write_template
from kawasaki_econ.errors import IngestError
from kawasaki_econ.kpi import rules
from kawasaki_econ.kpi.workbook import WorkbookError, read_workbook
from kawasaki_econ.paths import raw_dir
from kawasaki_econ.sources.kpi import known_indicators

IRIKOMI = "P7_tourists_irikomi"
KNIC = "P1_knic_startups"
RATE = "PX_consumer_consult_completion_rate"
HOTEL = "P7_hotel_guests_foreign"


@pytest.fixture(scope="module")
def known():
    return known_indicators(raw_dir())


@pytest.fixture
def template(tmp_path):
    return write_template(tmp_path / "kpi_history.xlsx")


def read(path: Path, known):
    return read_workbook(path, known)


def problems(path: Path, known) -> str:
    with pytest.raises(WorkbookError) as info:
        read_workbook(path, known)
    return str(info.value)


# --------------------------------------------------------------------------- template


def test_template_lists_the_indicators_with_their_definitions(template):
    head = header(template)
    assert head[:6] == ["indicator_id", "name_ja", "unit", "direction", "status", "note"]
    assert head[6] == "FY2010" and head[-1] == f"FY{rules.current_fiscal_year()}"
    assert "target" not in head and "target_fiscal_year" not in head  # targets: own sheet
    wb = load_workbook(template)
    rows = {r[0]: r for r in wb["indicators"].iter_rows(min_row=2, values_only=True)}
    assert rows[HOTEL][2:5] == ("persons", "higher", "final")  # 万人 normalised to persons
    assert rows[RATE][2] == "%"
    assert header(template, "targets") == ["indicator_id", "target_label", "fiscal_year",
                                           "value", "unit", "direction", "note"]
    examples = [r for r in wb["説明"].iter_rows(values_only=True) if r[0] == HOTEL]
    assert examples == [(HOTEL, "第2期実行プログラム", "FY2021", 230000, "persons", ">=")]
    assert wb["indicators"].data_validations.dataValidation  # number validation present


def test_values_are_read_as_fiscal_year_actuals(template, known):
    set_values(template, [(KNIC, "FY2020", 18)])
    rows = read(template, known).rows
    assert len(rows) == 1  # blank cells stay missing
    row = rows.iloc[0]
    assert (row.indicator_id, row.period, row.kind, row.value) == (KNIC, 2020, "actual", 18)
    assert row.unit == "件 (per fiscal year)" and row.status == "final"
    assert row.period_type == "fiscal_year" and row.dataset == "analyst_workbook"
    assert row.source == f"kpi_history.xlsx#indicators!{column_letter(template, 'FY2020')}" \
                         f"{row_of(template, KNIC)}"
    assert row.target_label is None and row.direction is None


# --------------------------------------------------------------------------- year headers


@pytest.mark.parametrize("label", ["FY2002", "FY 2002", "fy2002", "FY02", "2002年度",
                                   "平成14年度", "H14年度", "Ｈ１４年度"])
def test_year_headers_in_any_common_form(template, known, label):
    set_header(template, "FY2010", label)
    set_values(template, [(IRIKOMI, label, 1177), (IRIKOMI, "unit", "万人")])
    row = read(template, known).rows.iloc[0]
    assert (row.period, row.value) == (2002, 11_770_000)


def test_reiwa_header(template, known):
    set_header(template, "FY2020", "R2年度")
    set_header(template, "FY2019", "令和元年度")
    set_values(template, [(KNIC, "R2年度", 18), (KNIC, "令和元年度", 0)])
    assert read(template, known).rows.period.tolist() == [2019, 2020]


def test_year_columns_beyond_the_template_are_read(template, known):
    """Any FYxxxx column is read: one added after the template's columns, and a future
    year's column left empty is no problem."""
    set_values(template, [(KNIC, "FY2005", 3), (KNIC, "FY2040", None)])
    assert header(template)[-2:] == ["FY2005", "FY2040"]
    assert read(template, known).rows.period.tolist() == [2005]


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("FY18x", "unreadable fiscal year 'FY18x': expected FY2018, 2018年度"),
        ("2018-04", "unreadable fiscal year '2018-04': a month or date"),
        ("2018", "unreadable fiscal year '2018': a bare year is ambiguous"),
        ("平成30年", "unreadable fiscal year '平成30年': a calendar-year label"),
        ("令和99年度", "fiscal year 2117 (from '令和99年度') outside FY1950–FY2100"),
        ("FY1899", "fiscal year 1899 (from 'FY1899') outside FY1950–FY2100"),
    ],
)
def test_unreadable_year_header_refused_not_dropped(template, known, label, reason):
    letter = set_header(template, "FY2010", label)
    set_values(template, [(KNIC, label, 18)])
    assert f"sheet indicators, row 1, column {letter}: {reason}" in problems(template, known)


def test_duplicate_year_column(template, known):
    letter = set_header(template, "FY2011", "2010年度")
    assert f"row 1, column {letter}: fiscal year 2010 appears twice" in problems(template,
                                                                                 known)


def test_values_under_a_column_without_header(template, known):
    wb = load_workbook(template)
    ws = wb["indicators"]
    ws.cell(row_of(template, KNIC), ws.max_column + 2, 18)
    wb.save(template)
    assert "row 1, column" in problems(template, known)
    assert "values under a column without a header" in problems(template, known)


# --------------------------------------------------------------------------- units


def test_known_scale_is_converted_and_reported(template, known):
    set_values(template, [(IRIKOMI, "unit", "万人"), (IRIKOMI, "FY2014", 1504)])
    content = read(template, known)
    assert content.rows.value.tolist() == [15_040_000]
    assert content.rows.value_original.tolist() == [1504]
    assert content.conversions == [f"{IRIKOMI}: unit 万人 converted to persons (×10,000)"]


def test_thousand_persons(template, known):
    set_values(template, [(IRIKOMI, "unit", "千人"), (IRIKOMI, "FY2002", 11_770)])
    assert read(template, known).rows.value.tolist() == [11_770_000]


def test_blank_unit_means_the_definition(template, known):
    set_values(template, [(IRIKOMI, "unit", None), (IRIKOMI, "FY2002", 11_770_000)])
    row = read(template, known).rows.iloc[0]
    assert (row.value, row.unit) == (11_770_000, "persons")


@pytest.mark.parametrize(
    ("ident", "unit", "value", "match"),
    [
        (RATE, "件", 99, r"unit '件' does not match the indicator's unit '%'"),
        (IRIKOMI, "件", 1177, r"unit '件' does not match the indicator's unit 'persons'"),
        (KNIC, "人", 18, r"unit '人' does not match"),
    ],
)
def test_other_units_refused(template, known, ident, unit, value, match):
    set_values(template, [(ident, "unit", unit), (ident, "FY2020", value)])
    message = problems(template, known)
    assert f"row {row_of(template, ident)}, column {column_letter(template, 'unit')} (unit)" \
        in message
    assert re.search(match, message)


def test_rate_over_100_refused(template, known):
    set_values(template, [(RATE, "FY2020", 150)])
    assert "impossible value 150: a rate over 100 %" in problems(template, known)


def test_unit_prefilled_by_template_is_accepted(template, known):
    set_values(template, [(KNIC, "FY2020", 18), (RATE, "FY2020", 99.0)])
    assert sorted(read(template, known).rows.value) == [18, 99.0]


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (1e300, "1e\\+300 is beyond the largest magnitude"),
        ("1e999", "expected a finite number, got '1e999'"),
        (2e15, "absurd magnitude 2e\\+15 \\(the bound is 1e\\+15\\)"),
        (-5, "impossible value -5"),
        ("約25万", "expected a number or a marker \\(-, x, …\\), got '約25万'"),
        ("128,13", "misplaced thousands separator"),
        (12.5, "must be a whole number"),
    ],
)
def test_absurd_values_refused(template, known, value, match):
    set_values(template, [(IRIKOMI, "FY2014", value)])
    message = problems(template, known)
    assert f"row {row_of(template, IRIKOMI)}, column {column_letter(template, 'FY2014')} " \
           "(FY2014)" in message
    assert re.search(match, message)


def test_future_actual_refused(template, known):
    year = rules.current_fiscal_year() + 1
    set_values(template, [(KNIC, f"FY{year}", 18)])
    assert f"an actual value for FY{year}, which has not begun" in problems(template, known)


# --------------------------------------------------------------------------- unreadable cells


def test_formula_without_saved_value_refused(template, known):
    set_values(template, [(KNIC, "FY2020", "=9+9")])  # openpyxl saves no cached value
    message = problems(template, known)
    assert (f"row {row_of(template, KNIC)}, column {column_letter(template, 'FY2020')} "
            "(FY2020): formula =9+9 has no saved value") in message


def test_edited_old_target_column_is_not_ignored(template, known):
    set_values(template, [(HOTEL, "target", 250_000), (KNIC, "FY2020", 18)])
    message = problems(template, known)
    assert "the 'target' column is no longer read: enter targets in the 'targets' sheet" \
        in message


def test_empty_workbook_refused(template, known):
    assert "the workbook holds no values and no targets: nothing to import" in problems(
        template, known)


def test_workbook_without_any_row_refused(tmp_path, known):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "indicators"
    wb.save(tmp_path / "blank.xlsx")
    assert "header lacks column 'indicator_id'" in problems(tmp_path / "blank.xlsx", known)


def test_all_errors_listed_in_one_run(template, known):
    set_values(template, [(KNIC, "FY2020", "x18"), (RATE, "FY2019", 101),
                          (IRIKOMI, "unit", "件"), ("9bad", "FY2020", 1)])
    message = problems(template, known)
    assert message.count("\n  sheet indicators, row") == 4
    for fragment in ("got 'x18'", "a rate over 100 %", "unit '件' does not match",
                     "indicator_id '9bad' is not a letter"):
        assert fragment in message


def test_at_most_50_errors_listed(template, known):
    set_values(template, [(KNIC, f"FY{y}", "?") for y in range(2010, 2021)]
               + [(RATE, f"FY{y}", 200) for y in range(2010, 2021)]
               + [(IRIKOMI, f"FY{y}", -1) for y in range(2010, 2021)]
               + [(HOTEL, f"FY{y}", 0.5) for y in range(2010, 2021)]
               + [("PX_ip_products_cum", f"FY{y}", 1e20) for y in range(2010, 2021)])
    with pytest.raises(WorkbookError) as info:
        read_workbook(template, known)
    assert len(info.value.problems) == 50
    assert "55 problems in the workbook (the first 50 listed)" in str(info.value)


# --------------------------------------------------------------------------- new indicators


NEW = "P7_museum_visitors_fujiko"
NEW_NAME = "藤子・F・不二雄ミュージアム 来館者数"


def test_new_indicator_with_complete_definition(template, known):
    set_values(template, [(NEW, "name_ja", NEW_NAME), (NEW, "unit", "人"),
                          (NEW, "direction", "higher"), (NEW, "FY2011", 307_560),
                          (NEW, "FY2012", 481_619)])
    content = read(template, known)
    assert content.indicators[NEW].unit == "persons"
    assert content.rows.set_index("period").value.to_dict() == {2011: 307_560,
                                                                2012: 481_619}
    assert set(content.rows.name_ja) == {NEW_NAME}


@pytest.mark.parametrize(
    ("edits", "match"),
    [
        ([("ab", "FY2011", 1)], "indicator_id 'ab' is not a letter, then 2–63"),
        ([("P7 museum", "FY2011", 1)], "indicator_id 'P7 museum' is not"),
        ([(NEW, "name_ja", NEW_NAME), (NEW, "FY2011", 307_560)],
         "unknown indicator 'P7_museum_visitors_fujiko': a new indicator needs name_ja, unit "
         "and direction \\(missing: unit, direction\\)"),
        ([(NEW, "name_ja", NEW_NAME), (NEW, "unit", "人"), (NEW, "direction", "up"),
          (NEW, "FY2011", 307_560)], "direction 'up' not one of higher, lower, n/a"),
        ([(KNIC, "name_ja", "起業件数"), (KNIC, "FY2020", 18)],
         "name '起業件数' differs from the definition of P1_knic_startups"),
        ([(KNIC, "direction", "lower"), (KNIC, "FY2020", 18)],
         "direction 'lower' differs from the definition"),
    ],
)
def test_bad_indicator_rows(template, known, edits, match):
    assert re.search(match, problems(set_values(template, edits), known))


def test_duplicate_indicator_row(template, known):
    wb = load_workbook(template)
    ws = wb["indicators"]
    ws.append([c.value for c in ws[2]])
    wb.save(template)
    assert f"indicator {HOTEL} appears twice (also row 2)" in problems(template, known)


def test_missing_sheet(template, known):
    wb = load_workbook(template)
    wb["indicators"].title = "data"
    wb.save(template)
    with pytest.raises(IngestError, match="sheet 'indicators' not found"):
        read_workbook(template, known)


# --------------------------------------------------------------------------- targets sheet


def test_targets_any_number_per_indicator(template, known):
    set_values(template, [(NEW, "name_ja", NEW_NAME), (NEW, "unit", "人"),
                          (NEW, "direction", "higher"), (NEW, "FY2012", 481_619)])
    add_targets(template, [
        (NEW, "FY2012 level", "FY2027", 481_619, None, None),
        (NEW, "FY2012 level (万人)", 2030, 48.1619, "万人", "≥"),
        (HOTEL, "第3期実行プログラム", "R7年度", 28, "万人", None),
        (RATE, "第3期実行プログラム", "2025年度", 99.0, "%", "以上"),
    ])
    rows = read(template, known).rows
    targets = rows[rows.kind == "target"].set_index(["indicator_id", "period"])
    assert targets.loc[(NEW, 2027), ["value", "direction", "target_label"]].tolist() == [
        481_619, ">=", "FY2012 level"]
    assert targets.loc[(NEW, 2030), "value"] == 481_619
    assert targets.loc[(HOTEL, 2025), ["value", "direction"]].tolist() == [280_000, ">="]
    assert targets.loc[(RATE, 2025), "direction"] == ">="
    assert set(targets.status) == {"target"}


@pytest.mark.parametrize(
    ("row", "column", "match"),
    [
        ((HOTEL, None, "FY2027", 300_000, None, None), "B (target_label)",
         "target_label is empty"),
        (("P9_nothing", "第3期", "FY2027", 1, None, None), "A (indicator_id)",
         "indicator 'P9_nothing' is neither a known indicator nor defined"),
        ((HOTEL, "第3期", "2027年", 300_000, None, None), "C (fiscal_year)",
         "a calendar-year label"),
        ((HOTEL, "第3期", "FY2027", None, None, None), "D (value)", "the target value is empty"),
        ((HOTEL, "第3期", "FY2027", 300_000, "件", None), "E (unit)", "does not match"),
        ((HOTEL, "第3期", "FY2027", 300_000, None, "more"), "F (direction)",
         "expected a comparison"),
        (("CTX_hotel_rooms", "第3期", "FY2027", 6_043, None, None), "F (direction)",
         "no direction: CTX_hotel_rooms has direction 'n/a'"),
        ((RATE, "第3期", "FY2027", 150, None, None), "D (value)", "a rate over 100 %"),
    ],
)
def test_bad_targets(template, known, row, column, match):
    set_values(template, [(KNIC, "FY2020", 18)])
    add_targets(template, [row])
    message = problems(template, known)
    assert f"sheet targets, row 2, column {column}: " in message
    assert match in message


def test_duplicate_target(template, known):
    add_targets(template, [(HOTEL, "第3期", "FY2027", 300_000, None, None),
                           (HOTEL, "第3期", 2027, 310_000, None, None)])
    assert "sheet targets, row 3, column A (indicator_id): target " \
           "P7_hotel_guests_foreign / 第3期 / FY2027 appears twice (also row 2)" in problems(
               template, known)


def test_targets_alone_are_content(template, known):
    add_targets(template, [(HOTEL, "第3期実行プログラム", "FY2027", 300_000, None, "<=")])
    row = read(template, known).rows.iloc[0]
    assert (row.kind, row.period, row.value, row.direction) == ("target", 2027, 300_000, "<=")
