import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kawasaki_econ.errors import ParseError
from kawasaki_econ.parse import (
    MARKERS,
    compact,
    name_key,
    parse_era_year,
    parse_month,
    parse_number,
)

FULLWIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip_in_every_notation(n):
    assert parse_number(n) == (float(n), None)
    assert parse_number(str(n)) == (float(n), None)
    assert parse_number(f"{n:,}") == (float(n), None)
    assert parse_number(f"{n:,}".translate(FULLWIDTH)) == (float(n), None)
    assert parse_number(f"△{n}") == (-float(n), None)


@given(st.floats(allow_nan=False, allow_infinity=False, width=32))
def test_floats_round_trip(x):
    value, reason = parse_number(repr(float(x)))
    assert reason is None and math.isclose(value, float(x), rel_tol=1e-12, abs_tol=0)


@pytest.mark.parametrize("marker", ["-", "－", "―", "x", "X", "ｘ", "…", "***", ""])
def test_markers_are_missing_with_a_reason_never_zero(marker):
    value, reason = parse_number(marker)
    assert value is None
    assert reason in MARKERS.values()


def test_fullwidth_digits_are_numbers():
    assert parse_number("１２３") == (123.0, None)
    assert parse_number("１，２３４") == (1234.0, None)


@pytest.mark.parametrize("bad", ["abc", "12a", "1.2.3", "--5", "人泊"])
def test_garbage_raises(bad):
    with pytest.raises(ParseError):
        parse_number(bad)


@given(st.integers(min_value=1, max_value=31))
def test_heisei_years(year):
    assert parse_era_year(f"平成{year}年") == 1988 + year
    assert parse_era_year(f"平成{year}年".translate(FULLWIDTH)) == 1988 + year
    assert parse_era_year(f"H{year}") == 1988 + year


@given(st.integers(min_value=2, max_value=30))
def test_reiwa_years(year):
    assert parse_era_year(f"令和{year}年") == 2018 + year
    assert parse_era_year(f"令和{year}年度") == 2018 + year


def test_era_anchors():
    # published anchors: 平成23年 = 2011, 平成28年 = 2016, 令和元年 = 2019, 昭和64年 = 1989
    assert parse_era_year("平成23年") == 2011
    assert parse_era_year("平成28年") == 2016
    assert parse_era_year("令和元年") == 2019
    assert parse_era_year("平成元年") == 1989
    assert parse_era_year("昭和64年") == 1989
    assert parse_era_year("2016年") == 2016
    # the plan (written in 2018) names future years in Heisei: 2021（平成33）年度, 2025（平成37）年度
    assert parse_era_year("平成33年度") == 2021
    assert parse_era_year("平成37年度") == 2025


@pytest.mark.parametrize("bad", ["大化23年", "平成年", "西暦", "昭和65年", "令和0年", "大正16年"])
def test_unknown_or_impossible_era_raises(bad):
    with pytest.raises(ParseError):
        parse_era_year(bad)


def test_months_and_names():
    assert parse_month("1月") == 1 and parse_month("１２月") == 12
    with pytest.raises(ParseError):
        parse_month("13月")
    assert compact("全　国") == "全国"
    assert name_key("事業所数（民営）（運輸業、郵便業）") == name_key("事業所数（民営）（運輸業，郵便業）")
