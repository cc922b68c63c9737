"""The prefecture panel (SSDSE-B / SSDSE-E) and SSDSE-B guest nights.

Expected numbers are read off the raw files (SSDSE-B-2026.csv, SSDSE-E-2026.csv, the
2017-09 推移表 workbook) or the data README, never taken from the code under test.
Bad-input tests work on modified copies in ``tmp_path``; ``data/raw`` is never touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kawasaki_econ
from kawasaki_econ.codes import PREFECTURES
from kawasaki_econ.errors import IngestError
from kawasaki_econ.prefer import prefer_official
from kawasaki_econ.schema import SPECS, validate
from kawasaki_econ.sources.ssdse_items import ITEMS, RELEASES, items_frame
from kawasaki_econ.sources.ssdse_pref import build_prefecture_panel, guest_nights_from_ssdse_b

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
B = "ssdse/SSDSE-B-2026.csv"
E = "ssdse/SSDSE-E-2026.csv"
KEY = ["area_code", "year", "item_code", "dataset"]


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return build_prefecture_panel(RAW)


@pytest.fixture(scope="module")
def gn() -> pd.DataFrame:
    """The guest_nights table as built once per test run (the reader's own tests, which
    call build_guest_nights, are in test_kankocho_reader.py)."""
    return kawasaki_econ.load("guest_nights")


def _raw_ssdse_b(year: str, area: str) -> pd.Series:
    """One row of SSDSE-B-2026 (item codes as index), read with plain pandas."""
    df = pd.read_csv(RAW / B, encoding="cp932", header=0, skiprows=[1], dtype=str)
    row = df[(df["SSDSE-B-2026"] == year) & (df["Code"] == area)]
    assert len(row) == 1
    return row.iloc[0]


def _raw_ssdse_e() -> tuple[pd.DataFrame, pd.Series]:
    """SSDSE-E-2026 with plain pandas: the rows (area code as index) and each item's year."""
    years = pd.read_csv(RAW / E, encoding="cp932", header=0, nrows=1, dtype=str).iloc[0]
    df = pd.read_csv(RAW / E, encoding="cp932", header=0, skiprows=[1, 2], dtype=str)
    return df.set_index("SSDSE-E-2026"), years


def _one(df, **where):
    sel = df
    for col, val in where.items():
        sel = sel[sel[col] == val]
    assert len(sel) == 1, (where, sel)
    return sel.iloc[0]


# --------------------------------------------------------------------------- real data


def test_shape_and_coverage(panel):
    b = panel[panel.dataset == "SSDSE-B"]
    e = panel[panel.dataset == "SSDSE-E"]
    assert len(b) == 47 * 12 * 109 and len(e) == 48 * 93  # 109 items (README: ~110)
    assert sorted(b.year.unique()) == list(range(2012, 2024))
    assert set(b.area_code) == {f"{i:02d}" for i in range(1, 48)}
    assert set(e.area_code) == {f"{i:02d}" for i in range(0, 48)}
    assert _one(e, area_code="00", item_code="A1101").area_name == "全国"
    assert not panel.duplicated(KEY).any()
    assert (panel.status == "final").all() and panel.value.notna().all()


def test_kanagawa_population_from_ssdse_b(panel):
    # SSDSE-B-2026.csv, 神奈川県 (R14000) rows, column A1101 総人口
    rows = panel[(panel.dataset == "SSDSE-B") & (panel.area_code == "14")
                 & (panel.item_code == "A1101")].set_index("year")
    assert rows.loc[2023, "value"] == 9_229_000
    assert rows.loc[2020, "value"] == 9_237_337  # 2020 census: an exact count
    assert rows.loc[2015, "value"] == 9_126_214  # 2015 census
    row = rows.loc[2023]
    assert row.area_name == "神奈川県" and row.item_name_ja == "総人口" and row.unit == "人"
    assert row.year_basis == "survey_date" and row.reference_period == "1 Oct"
    # data rows start on line 3 (two header rows); 北海道 2023..2012 are lines 3–14,
    # 神奈川県 is the 14th prefecture: 2023 on line 3 + 13 * 12 = 159
    assert row.source == f"{B}:A1101 row 159"


def test_ssdse_e_2024_guest_nights_and_per_column_years(panel):
    e = panel[(panel.dataset == "SSDSE-E") & (panel.area_code == "14")]
    total = _one(e, item_code="G7101")
    foreign = _one(e, item_code="G7102")
    assert (total.value, foreign.value) == (21_477_180, 3_843_540)  # data README
    assert total.year == foreign.year == 2024
    assert total.year_basis == "calendar" and total.unit == "人泊"
    assert total.source.startswith(f"{E}:G7101 row ")
    # per-column reference years from the second header row
    assert _one(e, item_code="A1101").year == 2024
    assert _one(e, item_code="A4101").year == 2023
    assert _one(e, item_code="C2208").year == 2021
    assert _one(e, item_code="A1700").year == 2020
    # official national 2021 census figures (data README): 57,949,915 and 1,986,839
    nat = panel[(panel.dataset == "SSDSE-E") & (panel.area_code == "00")]
    assert _one(nat, item_code="C2208").value == 57_949_915
    assert _one(nat, item_code="C220839").value == 1_986_839


def test_ssdse_b_and_e_agree_where_they_overlap(panel):
    # items whose SSDSE-E year is 2023 are also in SSDSE-B 2023: same values
    b = panel[(panel.dataset == "SSDSE-B") & (panel.year == 2023)]
    e = panel[(panel.dataset == "SSDSE-E") & (panel.year == 2023) & (panel.area_code != "00")]
    both = b.merge(e, on=["area_code", "item_code"], suffixes=("_b", "_e"))
    # the overlap from the raw headers: SSDSE-E items dated 2023 that SSDSE-B also carries
    _, years = _raw_ssdse_e()
    b_items = pd.read_csv(RAW / B, encoding="cp932", nrows=0).columns
    assert set(both.item_code) == {c for c, y in years.items() if y == "2023" and c in b_items}
    assert (both.value_b == both.value_e).all()


def test_year_basis_is_explicit(panel):
    basis = panel.drop_duplicates("item_code").set_index("item_code").year_basis
    assert basis["G7101"] == basis["G7102"] == "calendar"
    assert basis["A4101"] == basis["A5101"] == basis["A5102"] == "calendar"
    assert basis["A1101"] == "survey_date"
    assert basis["F3102"] == basis["F3103"] == "fiscal"
    assert basis["H1800"] == basis["H5609"] == basis["C1121"] == "fiscal"
    assert basis["C3801"] == basis["G5105"] == "unknown"  # not established: never guessed
    assert set(panel.year_basis) == {"calendar", "fiscal", "survey_date", "unknown"}
    # every item of both releases is registered, with its basis documented
    items = items_frame()
    assert set(items.item_code) == set(panel.item_code) == set(ITEMS)
    assert items.basis_note.str.len().gt(10).all()


def test_housing_starts_sum_to_the_fiscal_year_national_totals(panel):
    # The evidence behind H1800's 'fiscal' basis: 47-prefecture sums of SSDSE-B.
    h = panel[(panel.dataset == "SSDSE-B") & (panel.item_code == "H1800")]
    sums = h.groupby("year").value.sum()
    assert sums[2020] == 812_164 and sums[2021] == 865_909 and sums[2022] == 860_828


def test_schema_validates(panel):
    out = validate(panel, SPECS["prefecture_panel"])
    assert len(out) == len(panel)
    assert list(out.columns[: len(SPECS["prefecture_panel"].columns)]) == \
        SPECS["prefecture_panel"].column_names()
    assert set(SPECS["prefecture_panel"].inputs) == {"ssdse/SSDSE-B-*.csv",
                                                    "ssdse/SSDSE-E-*.csv"}
    assert "ssdse/SSDSE-B-*.csv" in SPECS["guest_nights"].inputs


# --------------------------------------------------------------------------- guest nights


def test_ssdse_b_guest_nights_equal_the_workbook_10plus_frame(gn):
    wb = gn[(gn.release == "2017-09") & (gn.frame == "employees_10plus") & (gn.freq == "year")
            & gn.period.between("2012", "2016") & (gn.area_code != "00")]
    sb = gn[gn.release == "SSDSE-B-2026"]
    sb = sb[sb.period.between("2012", "2016")]
    keys = ["area_code", "nationality", "period"]
    both = wb.merge(sb, on=keys, suffixes=("_wb", "_b"), validate="one_to_one")
    assert len(both) == len(wb) == len(sb) == 47 * 2 * 5
    diff = both[both.value_wb != both.value_b]
    assert diff.empty, diff[keys + ["value_wb", "value_b"]]
    k = _one(sb, area_code="14", nationality="foreign", period="2015")
    assert k.value == 2_088_100  # sheet 5-1, 神奈川県, 平成27年
    assert k.source.startswith(f"{B}:G7102 row ")
    # the all-facility frame differs for the same prefecture-year (2,156,320)
    allf = _one(gn, area_code="14", nationality="foreign", frame="all_facilities",
                freq="year", period="2015")
    assert allf.value == 2_156_320


def test_ssdse_b_guest_nights_rows(gn):
    sb = gn[gn.release == "SSDSE-B-2026"]
    assert len(sb) == 47 * 12 * 2
    assert (sb.frame == "employees_10plus").all()  # never the all-facility frame
    assert (sb.freq == "year").all() and (sb.status == "final").all()
    assert set(sb.nationality) == {"total", "foreign"}
    assert sorted(sb.period.unique()) == [str(y) for y in range(2012, 2024)]
    assert set(sb.area_code) == set(PREFECTURES) - {"00"}
    assert (sb.area_name == sb.area_code.map(PREFECTURES)).all()
    assert sb.value_note.str.contains("10\\+ employees").all()
    # the all-facility frame holds only the workbook's and the CSV's rows
    assert set(gn[gn.frame == "all_facilities"].release) == {"2017-09", "2026-02"}
    assert list(sb.columns) == list(guest_nights_from_ssdse_b(RAW).columns)
    validate(gn, SPECS["guest_nights"])


def test_prefer_official_keeps_frames_apart(gn):
    picked = prefer_official(gn)
    k = picked[(picked.area_code == "14") & (picked.nationality == "foreign")
               & (picked.freq == "year")]
    ten = k[k.frame == "employees_10plus"].set_index("period").value
    allf = k[k.frame == "all_facilities"].set_index("period").value
    assert ten["2015"] == 2_088_100 and allf["2015"] == 2_156_320
    # SSDSE-B extends the 10+ frame to 2023; the all-facility annual series is untouched
    assert ten.index.max() == "2023" and allf.index.max() == "2016"
    assert not picked.duplicated(["area_code", "frame", "nationality", "freq",
                                  "period"]).any()


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def raw(tmp_path) -> Path:
    (tmp_path / "ssdse").mkdir()
    for name in (B, E):
        shutil.copy(RAW / name, tmp_path / name)
    return tmp_path


def _lines(raw: Path, name: str) -> list[str]:
    return (raw / name).read_bytes().decode("cp932").split("\r\n")


def _write(raw: Path, name: str, lines: list[str], encoding: str = "cp932") -> None:
    (raw / name).write_bytes("\r\n".join(lines).encode(encoding))


def _set_cell(raw: Path, name: str, line: int, code: str, value: str) -> None:
    lines = _lines(raw, name)
    col = lines[0].split(",").index(code)
    fields = lines[line - 1].split(",")
    fields[col] = value
    lines[line - 1] = ",".join(fields)
    _write(raw, name, lines)


def test_copy_reads_like_the_original(raw, panel):
    assert build_prefecture_panel(raw).equals(panel)


def test_wrong_encoding(raw):
    text = (raw / B).read_bytes().decode("cp932")
    (raw / B).write_bytes(text.encode("utf-8"))
    with pytest.raises(IngestError, match="cp932") as err:
        build_prefecture_panel(raw)
    assert err.value.file == B and err.value.row is not None


def test_empty_file(raw):
    (raw / E).write_bytes(b"")
    with pytest.raises(IngestError, match="empty") as err:
        build_prefecture_panel(raw)
    assert err.value.file == E


def test_header_only(raw):
    _write(raw, B, _lines(raw, B)[:2])
    with pytest.raises(IngestError, match="header rows") as err:
        build_prefecture_panel(raw)
    assert err.value.file == B


def test_truncated_mid_line(raw):
    data = (raw / B).read_bytes()
    (raw / B).write_bytes(data[: len(data) // 2])
    with pytest.raises(IngestError, match="expected 113 fields|expected 112 fields") as err:
        build_prefecture_panel(raw)
    assert err.value.file == B and err.value.row > 2


def test_truncated_at_line_end(raw):
    _write(raw, B, _lines(raw, B)[:500])  # 沖縄県 and others lose years
    with pytest.raises(IngestError, match="rows missing.*truncated") as err:
        build_prefecture_panel(raw)
    assert err.value.file == B


def test_truncated_ssdse_e(raw):
    _write(raw, E, _lines(raw, E)[:40])
    with pytest.raises(IngestError, match="areas missing") as err:
        build_prefecture_panel(raw)
    assert err.value.file == E


def test_renamed_item_code(raw):
    lines = _lines(raw, B)
    lines[0] = lines[0].replace(",G7102,", ",G7103,")
    _write(raw, B, lines)
    with pytest.raises(IngestError, match="G7102.*not found") as err:
        build_prefecture_panel(raw)
    assert (err.value.file, err.value.row, err.value.column) == (B, 1, "G7102")


def test_missing_item_column(raw):
    lines = _lines(raw, B)
    col = lines[0].split(",").index("F3103")
    _write(raw, B, [",".join(f for j, f in enumerate(line.split(",")) if j != col)
                    for line in lines if line] + [""])
    with pytest.raises(IngestError) as err:
        build_prefecture_panel(raw)
    assert (err.value.row, err.value.column) == (1, "F3103")


def test_name_does_not_match_code(raw):
    # a shifted column: the name row no longer matches the code row
    lines = _lines(raw, B)
    lines[1] = lines[1].replace("外国人延べ宿泊者数", "延べ宿泊者数（外国人以外）", 1)
    _write(raw, B, lines)
    with pytest.raises(IngestError, match="外国人延べ宿泊者数") as err:
        build_prefecture_panel(raw)
    assert (err.value.row, err.value.column) == (2, "G7102")


def test_ssdse_e_renamed_code(raw):
    lines = _lines(raw, E)
    lines[0] = lines[0].replace(",G7101,", ",G7109,")
    _write(raw, E, lines)
    with pytest.raises(IngestError, match="G7101") as err:
        build_prefecture_panel(raw)
    assert (err.value.file, err.value.row, err.value.column) == (E, 1, "G7101")


def test_ssdse_e_bad_year_header(raw):
    lines = _lines(raw, E)
    fields = lines[1].split(",")
    col = lines[0].split(",").index("G7102")
    fields[col] = "令和6"
    lines[1] = ",".join(fields)
    _write(raw, E, lines)
    with pytest.raises(IngestError, match="reference year") as err:
        build_prefecture_panel(raw)
    assert (err.value.row, err.value.column) == (2, "G7102")


@pytest.mark.parametrize("cell", ["abc", "2,088,1OO", "１２３x"])
def test_non_numeric_cell(raw, cell):
    _set_cell(raw, B, 159, "G7102", f'"{cell}"' if "," in cell else cell)
    with pytest.raises(IngestError, match="expected a number") as err:
        build_prefecture_panel(raw)
    assert (err.value.file, err.value.row, err.value.column) == (B, 159, "G7102")


def test_blank_cell(raw):
    _set_cell(raw, B, 159, "A1101", "")
    with pytest.raises(IngestError, match="empty cell") as err:
        build_prefecture_panel(raw)
    assert (err.value.row, err.value.column) == (159, "A1101")


def test_full_width_digits_and_markers(raw):
    _set_cell(raw, B, 159, "A1101", "９２２９０００")
    _set_cell(raw, B, 160, "A1101", "-")
    df = build_prefecture_panel(raw)
    k = df[(df.dataset == "SSDSE-B") & (df.area_code == "14") & (df.item_code == "A1101")]
    k = k.set_index("year")
    assert k.loc[2023, "value"] == 9_229_000
    assert np.isnan(k.loc[2022, "value"]) and "(-)" in k.loc[2022, "value_note"]  # never 0
    validate(df, SPECS["prefecture_panel"])
    g = guest_nights_from_ssdse_b(raw)
    assert g.value.notna().all()


def test_marker_in_guest_nights_is_missing_not_zero(raw):
    _set_cell(raw, B, 159, "G7102", "x")
    g = guest_nights_from_ssdse_b(raw)
    row = _one(g, area_code="14", nationality="foreign", period="2023")
    assert pd.isna(row.value) and "confidential" in row.value_note


def test_duplicated_year_area_row(raw):
    lines = _lines(raw, B)
    lines.insert(200, lines[158])  # 神奈川県 2023 again
    _write(raw, B, lines)
    with pytest.raises(IngestError, match=r"duplicated.*2023.*R14000.*row 159") as err:
        build_prefecture_panel(raw)
    assert (err.value.file, err.value.row) == (B, 201)


def test_duplicated_area_in_ssdse_e(raw):
    lines = _lines(raw, E)
    lines.insert(30, lines[17])
    _write(raw, E, lines)
    with pytest.raises(IngestError, match="appears twice") as err:
        build_prefecture_panel(raw)
    assert err.value.file == E and err.value.row == 31


def test_wrong_area_name(raw):
    lines = _lines(raw, B)
    lines[158] = lines[158].replace("神奈川県", "神奈川", 1)
    _write(raw, B, lines)
    with pytest.raises(IngestError, match="神奈川") as err:
        build_prefecture_panel(raw)
    assert (err.value.row, err.value.column) == (159, "都道府県")


def test_bad_year_cell(raw):
    lines = _lines(raw, B)
    lines[158] = "令和5" + lines[158][4:]
    _write(raw, B, lines)
    with pytest.raises(IngestError, match="4-digit year") as err:
        build_prefecture_panel(raw)
    assert (err.value.row, err.value.column) == (159, "年度")


def test_unregistered_release(raw):
    shutil.move(raw / B, raw / "ssdse" / "SSDSE-B-2027.csv")
    lines = _lines(raw, "ssdse/SSDSE-B-2027.csv")
    lines[0] = lines[0].replace("SSDSE-B-2026", "SSDSE-B-2027", 1)
    _write(raw, "ssdse/SSDSE-B-2027.csv", lines)
    with pytest.raises(IngestError, match="SSDSE-B-2027 is not registered"):
        build_prefecture_panel(raw)
    assert "SSDSE-B-2027" not in RELEASES


def test_missing_file(raw):
    (raw / B).unlink()
    with pytest.raises(IngestError, match="not found"):
        build_prefecture_panel(raw)


def test_guest_nights_must_be_whole_counts(raw):
    _set_cell(raw, B, 159, "G7101", "100.5")
    with pytest.raises(IngestError, match="whole number") as err:
        guest_nights_from_ssdse_b(raw)
    assert (err.value.row, err.value.column) == (159, "G7101")
