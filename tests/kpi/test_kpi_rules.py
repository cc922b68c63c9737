"""The KPI rules (kawasaki_econ.kpi.rules): fiscal-year labels, units, comparisons."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kawasaki_econ.errors import ParseError
from kawasaki_econ.kpi import rules


@given(st.integers(rules.FIRST_FY, rules.LAST_FY))
def test_every_written_form_of_a_fiscal_year(year):
    forms = [f"FY{year}", f"FY {year}", f"fy{year}", f"{year}年度", f"ＦＹ{year}"]
    if 2000 <= year <= 2099:
        forms.append(f"FY{year % 100:02d}")
    if 1989 <= year <= 2018:
        forms += [f"平成{year - 1988}年度", f"H{year - 1988}年度"]
    if year >= 2019:
        forms += [f"令和{year - 2018}年度", f"R{year - 2018}年度"]
    assert {rules.parse_fiscal_year(f) for f in forms} == {year}


@given(st.text(max_size=12))
def test_any_text_is_a_year_or_a_parse_error(text):
    try:
        year = rules.parse_fiscal_year(text)
    except ParseError:
        return
    assert rules.FIRST_FY <= year <= rules.LAST_FY


@pytest.mark.parametrize("label", ["2018", 2018, "H30", "平成30年", "2018-04", "2018/4",
                                   "FY2018x", "令和99年度", "FY1949", "FY2101", "", None])
def test_refused_labels(label):
    with pytest.raises(ParseError):
        rules.parse_fiscal_year(label)


def test_heisei_beyond_its_end_as_the_plan_writes_it():
    # the plan says "2021（平成33）年度": Heisei counted on past 2019 is still read
    assert rules.parse_fiscal_year("平成33年度") == 2021
    assert rules.parse_fiscal_year("令和元年度") == 2019


def test_current_fiscal_year():
    assert rules.current_fiscal_year(dt.date(2026, 11, 30)) == 2026
    assert rules.current_fiscal_year(dt.date(2027, 3, 31)) == 2026
    assert rules.current_fiscal_year(dt.date(2027, 4, 1)) == 2027


@pytest.mark.parametrize(
    ("text", "expected"),
    [("万人", ("persons", 10_000)), ("千人", ("persons", 1_000)), ("人", ("persons", 1)),
     ("persons", ("persons", 1)), ("万人 (brief's targets are given as 万人以上)",
                                   ("persons", 10_000)),
     ("percent", ("%", 1)), ("千件", ("件", 1_000)), ("人泊", ("人泊", 1)),
     ("件 (cumulative)", ("件 (cumulative)", 1))],
)
def test_normalise_unit(text, expected):
    assert rules.normalise_unit(text) == expected


def test_convert_unit():
    assert rules.convert_unit("万人", "persons") == 10_000
    assert rules.convert_unit("", "%") == 1
    assert rules.convert_unit("件", "件 (per fiscal year)") == 1
    assert rules.convert_unit("千件", "件 (cumulative)") == 1_000
    for given_unit, defined in (("件", "%"), ("人泊", "persons"), ("%", "persons"),
                                ("件 (cumulative)", "件 (per fiscal year)")):
        with pytest.raises(ParseError, match="does not match the indicator's unit"):
            rules.convert_unit(given_unit, defined)


@pytest.mark.parametrize(("text", "op"), [(">=", ">="), ("≥", ">="), ("以上", ">="),
                                          ("≦", "<="), ("未満", "<"), ("超", ">"), (" < ", "<")])
def test_parse_operator(text, op):
    assert rules.parse_operator(text) == op


def test_direction_defaults():
    assert rules.target_direction("higher") == ">="
    assert rules.target_direction("lower") == "<="
    assert rules.target_direction("n/a") is None


@pytest.mark.parametrize(("value", "unit"), [(float("inf"), ""), (float("nan"), ""),
                                             (1e16, "persons"), (-1, "件"), (100.5, "%"),
                                             (0.5, "persons")])
def test_check_value_refuses(value, unit):
    with pytest.raises(ParseError):
        rules.check_value(value, unit)


def test_import_names():
    assert rules.import_sequence("0012_kpi_history.xlsx") == 12
    with pytest.raises(ParseError, match="not an import name"):
        rules.import_sequence("kpi_history.xlsx")
    assert rules.safe_stem("KPI 実績 (2026).v2") == "KPI_実績_2026_v2"
