"""The census table against values read from the real SSDSE-A / SSDSE-E files."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import kawasaki_econ
from kawasaki_econ.errors import IngestError
from kawasaki_econ.schema import SPECS, validate
from kawasaki_econ.sources.ssdse import build_census

# The 20 designated cities (政令指定都市) and their codes.
DESIGNATED = {
    "01100": "札幌市", "04100": "仙台市", "11100": "さいたま市", "12100": "千葉市",
    "14100": "横浜市", "14130": "川崎市", "14150": "相模原市", "15100": "新潟市",
    "22100": "静岡市", "22130": "浜松市", "23100": "名古屋市", "26100": "京都市",
    "27100": "大阪市", "27140": "堺市", "28100": "神戸市", "33100": "岡山市",
    "34100": "広島市", "40100": "北九州市", "40130": "福岡市", "43100": "熊本市",
}  # fmt: skip


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    return kawasaki_econ.load("census")


def _total(df, area, year, scope, measure, dataset="SSDSE-A"):
    sel = df[
        (df.area_code == area) & (df.census_year == year) & (df.scope == scope)
        & (df.measure == measure) & (df.industry_code == "ALL") & (df.dataset == dataset)
    ]  # fmt: skip
    assert len(sel) == 1, sel
    return int(sel.value.iloc[0])


@pytest.mark.parametrize(
    ("year", "scope", "measure", "expected"),
    [
        (2016, "private", "establishments", 40_934),
        (2016, "private", "employees", 543_812),
        (2021, "private", "establishments", 41_223),
        (2021, "private", "employees", 547_471),
        (2014, "all", "establishments", 43_149),
        (2014, "all", "employees", 584_131),
    ],
)
def test_kawasaki_totals(census, year, scope, measure, expected):
    assert _total(census, "14130", year, scope, measure) == expected


def test_scopes_are_never_guessed(census):
    a = census[census.dataset == "SSDSE-A"]
    assert set(a[a.census_year == 2014].scope) == {"all"}
    assert set(a[a.census_year.isin([2016, 2021])].scope) == {"private"}
    # public administration (S) exists only in the 2014 all-establishment census
    assert set(a[a.industry_code == "S"].census_year) == {2014}


def test_every_municipality_and_designated_city_is_covered(census):
    a = census[(census.dataset == "SSDSE-A") & (census.industry_code == "ALL")]
    for year in (2016, 2021):
        # 1,741 rows per SSDSE-A release (1,718 municipalities + Tokyo's 23 wards)
        assert a[(a.census_year == year) & (a.measure == "employees")].area_code.nunique() == 1741
    # 2014: 那珂川町 (40305) became 那珂川市 (40231) in October 2018; SSDSE-A-2018/2019 use
    # the old code, SSDSE-A-2020 the new one, for the same 2014 census value.
    c2014 = a[(a.census_year == 2014) & (a.measure == "employees")]
    assert c2014.area_code.nunique() == 1742
    naka = c2014[c2014.area_code.isin(["40305", "40231"])]
    assert naka.value.nunique() == 1 and set(naka.area_name) == {"那珂川町", "那珂川市"}
    for code, name in DESIGNATED.items():
        rows = a[(a.area_code == code) & (a.measure == "employees")]
        assert sorted(rows.census_year) == [2014, 2016, 2021], name
        assert set(rows.area_name) == {name}


def test_releases_of_the_same_census_are_merged_with_their_sources(census):
    row = census[
        (census.area_code == "14130") & (census.census_year == 2016)
        & (census.industry_code == "G") & (census.measure == "employees")
    ]  # fmt: skip
    assert int(row.value.iloc[0]) == 38_364  # 従業者数（民営）（情報通信業）, SSDSE-A-2021..2023
    assert row.source.iloc[0] == (
        "ssdse/SSDSE-A-2021.csv:C220839, ssdse/SSDSE-A-2022.csv:C220839, "
        "ssdse/SSDSE-A-2023.csv:C220839"
    )


def test_official_national_2021_from_ssdse_e(census):
    # SSDSE-E-2026 全国: 2021 private employees 57,949,915, 情報通信業 1,986,839
    assert _total(census, "00000", 2021, "private", "employees", "SSDSE-E") == 57_949_915
    g = census[(census.dataset == "SSDSE-E") & (census.area_code == "00000")
               & (census.industry_code == "G") & (census.measure == "employees")]
    assert int(g.value.iloc[0]) == 1_986_839


def test_transcribed_rows_kept_with_status(census):
    t = census[(census.dataset == "transcribed") & (census.area_code == "00000")
               & (census.census_year == 2016) & (census.measure == "employees")
               & (census.industry_code == "ALL")]
    assert {(int(v), s) for v, s in zip(t.value, t.status, strict=True)} >= {
        (56_872_826, "final"), (57_439_652, "preliminary")}


def test_schema_validates(raw):
    validate(build_census(raw), SPECS["census"])


# ---- bad input, on modified copies of the real files ----------------------------------


def _copy_a(project_copy, year=2021):
    return project_copy / "data" / "raw" / "ssdse" / f"SSDSE-A-{year}.csv"


def _rewrite(path, transform, encoding="cp932"):
    text = path.read_bytes().decode("cp932")
    path.write_bytes(transform(text).encode(encoding))


def _kawasaki(old, new):
    """Edit the 川崎市 (R14130) line only."""

    def transform(text):
        lines = text.split("\n")
        i = next(i for i, line in enumerate(lines) if line.startswith("R14130,"))
        assert old in lines[i]
        lines[i] = lines[i].replace(old, new, 1)
        return "\n".join(lines)

    return transform


def _raw(project_copy):
    return project_copy / "data" / "raw"


def test_wrong_encoding(project_copy):
    _rewrite(_copy_a(project_copy), lambda t: t, encoding="utf-8")
    with pytest.raises(IngestError, match=r"SSDSE-A-2021\.csv.*cp932"):
        build_census(_raw(project_copy))


def test_truncated_file(project_copy):
    path = _copy_a(project_copy)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IngestError, match=r"SSDSE-A-2021\.csv, row \d+: expected \d+ fields"):
        build_census(_raw(project_copy))


def test_empty_file(project_copy):
    _copy_a(project_copy).write_bytes(b"")
    with pytest.raises(IngestError, match=r"SSDSE-A-2021\.csv.*empty"):
        build_census(_raw(project_copy))


def test_renamed_column_code(project_copy):
    _rewrite(_copy_a(project_copy), lambda t: t.replace(",C2208,", ",C2209,", 1))
    with pytest.raises(IngestError, match=r"SSDSE-A-2021\.csv, row 1, column C2208"):
        build_census(_raw(project_copy))


def test_moved_column_name_is_caught(project_copy):
    # a division name that no longer matches its code (e.g. a shifted column)
    _rewrite(_copy_a(project_copy), lambda t: t.replace("従業者数（民営）（情報通信業）",
                                                        "従業者数（民営）（製造業）", 1))
    with pytest.raises(IngestError, match=r"row 3, column C220839.*情報通信業"):
        build_census(_raw(project_copy))


@pytest.mark.parametrize("cell", ["-", "x", "…", "***"])
def test_marker_in_a_census_cell_is_an_error_not_zero(project_copy, cell):
    # SSDSE publishes every census cell; a marker there is reported with row and column
    _rewrite(_copy_a(project_copy), _kawasaki(",40934,", f",{cell},"))
    with pytest.raises(IngestError, match=r"SSDSE-A-2021\.csv, row \d+, column C2108: .*missing"):
        build_census(_raw(project_copy))


def test_non_numeric_cell(project_copy):
    _rewrite(_copy_a(project_copy), _kawasaki(",40934,", ",4O934,"))
    with pytest.raises(IngestError, match=r"row \d+, column C2108: expected a number.*4O934"):
        build_census(_raw(project_copy))


def test_fullwidth_digits_parse(project_copy):
    _rewrite(_copy_a(project_copy), _kawasaki(",40934,", ",４０９３４,"))
    df = build_census(_raw(project_copy))
    k = df[(df.area_code == "14130") & (df.census_year == 2016) & (df.industry_code == "ALL")
           & (df.measure == "establishments") & (df.dataset == "SSDSE-A")]
    assert int(k.value.iloc[0]) == 40_934


def test_releases_that_disagree_fail_naming_both(project_copy):
    _rewrite(_copy_a(project_copy, 2022), _kawasaki(",40934,", ",40935,"))
    with pytest.raises(IngestError) as err:
        build_census(_raw(project_copy))
    message = str(err.value)
    assert "SSDSE-A-2021.csv" in message and "SSDSE-A-2022.csv" in message
    assert "40934" in message and "40935" in message


def test_duplicated_key_fails_validation(project_copy):
    path = _copy_a(project_copy)
    text = path.read_bytes().decode("cp932")
    lines = text.splitlines(keepends=True)
    kawasaki = next(line for line in lines if line.startswith("R14130"))
    path.write_bytes((text + kawasaki).encode("cp932"))
    with pytest.raises(IngestError, match=r"SSDSE-A-2021\.csv, row 1745.*column 地域コード: area code R14130 appears twice.*row 694"):
        build_census(_raw(project_copy))


def test_unknown_release_needs_an_explicit_layout(project_copy):
    src = _copy_a(project_copy, 2026)
    shutil.copy(src, src.with_name("SSDSE-A-2027.csv"))
    with pytest.raises(IngestError, match="no census column layout is registered for SSDSE-A-2027"):
        build_census(_raw(project_copy))
