import math

import pytest
from hypothesis import example, given
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


@given(st.floats(allow_nan=False, allow_infinity=False, width=32, min_value=-(2.0**53),
                 max_value=2.0**53))
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


# --------------------------------------------------------------------------- strict numbers


def _grouped(digits: str) -> str:
    return f"{int(digits):,}"


@given(st.integers(min_value=0, max_value=10**12),
       st.sets(st.integers(min_value=1, max_value=12), min_size=1, max_size=4))
def test_commas_are_accepted_only_between_groups_of_three(n, cuts):
    digits = str(n)
    cuts = sorted(c for c in cuts if c < len(digits))
    if not cuts:
        return
    text = "".join(("," if i in cuts else "") + d for i, d in enumerate(digits))
    if text == _grouped(digits):
        assert parse_number(text) == (float(n), None)
    else:
        with pytest.raises(ParseError, match="thousands separator"):
            parse_number(text)


@pytest.mark.parametrize("bad", ["inf", "-inf", "Infinity", "nan", "NaN", "1e999", "-1e400",
                                 "１e９９９", float("inf"), float("-inf")])
def test_infinite_and_nan_literals_are_refused(bad):
    with pytest.raises(ParseError):
        parse_number(bad)


@given(st.integers(min_value=309, max_value=100_000))
def test_overflowing_exponents_are_refused(exponent):
    with pytest.raises(ParseError, match="finite"):
        parse_number(f"1e{exponent}")


@given(st.integers(min_value=-(2**70), max_value=2**70))
@example(2**53 + 1)
@example(-(2**53) - 1)
def test_magnitude_limit_is_2_to_the_53(n):
    from kawasaki_econ.parse import MAX_MAGNITUDE

    for cell in (n, str(n)):
        if abs(n) <= MAX_MAGNITUDE:
            assert parse_number(cell) == (float(n), None)
        else:
            with pytest.raises(ParseError):
                parse_number(cell)


_CELLS = st.one_of(
    st.integers(min_value=-(2**60), max_value=2**60).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    st.sampled_from(["-", "x", "…", "", "1e999", "inf", "nan", "128,13", "12a", "△5",
                     "1,234.5", "１２３"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@given(st.lists(_CELLS, max_size=30))
def test_vectorised_parser_agrees_with_the_cell_parser(cells):
    """parse_numbers (fast path + fallback) gives what parse_number gives, cell by cell,
    and stops at the first cell parse_number refuses."""
    from kawasaki_econ.parse import parse_numbers

    values, reasons, bad = parse_numbers(cells)
    expected_bad = None
    for i, cell in enumerate(cells):
        try:
            number, reason = parse_number(cell)
        except ParseError:
            expected_bad = i
            break
        if bad is None:
            assert reasons[i] == reason
            assert (math.isnan(values[i]) if number is None else values[i] == number)
    assert bad == expected_bad


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=0, max_value=13),
       st.integers(min_value=0, max_value=32))
def test_date_cells_must_be_real_dates(year, month, day):
    import datetime

    from kawasaki_econ.errors import IngestError
    from kawasaki_econ.sources.common import date_cell

    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        real = datetime.date(year, month, day)
    except ValueError:
        real = None
    if real is None:
        with pytest.raises(IngestError, match="real date"):
            date_cell(text, file="f.csv", row=2, column="reference_date")
    else:
        assert date_cell(text, file="f.csv", row=2, column="reference_date") == real

