"""Tests of the 観光庁 guest-nights reader on the real raw files.

Expected numbers are read off the published files (the 2017-09 推移表 workbook and the
2026-02 monthly CSV extract), never taken from the code under test. Bad-input tests use
modified copies of the real files in ``tmp_path``; ``data/raw`` is never touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kawasaki_econ.errors import IngestError
from kawasaki_econ.prefer import prefer_official
from kawasaki_econ.schema import SPECS, validate
from kawasaki_econ.sources.kankocho import (
    CSV_FILE,
    WORKBOOK,
    build_guest_nights,
)

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
KEY = ["area_code", "frame", "nationality", "freq", "period"]


@pytest.fixture(scope="module")
def gn():
    return build_guest_nights(RAW)


def _one(df, **where):
    sel = df
    for col, val in where.items():
        sel = sel[sel[col] == val]
    assert len(sel) == 1, (where, sel)
    return sel.iloc[0]


def _wb_rows(df):
    return df[df["release"] == "2017-09"]


def _csv_rows(df):
    return df[df["release"] == "2026-02"]


# --------------------------------------------------------------------------- real data


def test_kanagawa_foreign_annual_published(gn):
    rows = gn[(gn.area_code == "14") & (gn.nationality == "foreign") & (gn.freq == "year")
              & (gn.frame == "all_facilities")]
    assert dict(zip(rows.period, rows.value, strict=True)) == {
        "2011": 674_600, "2012": 924_550, "2013": 1_067_440, "2014": 1_432_500,
        "2015": 2_156_320, "2016": 2_160_600,
    }
    row = _one(rows, period="2016")
    assert row.status == "final" and row.release == "2017-09"
    assert row.area_name == "神奈川県"
    assert row.source == f"{WORKBOOK}#2-1!G19"


def test_published_annual_is_kept_not_sum_of_months(gn):
    wb = _wb_rows(gn)
    months = wb[(wb.area_code == "14") & (wb.nationality == "foreign")
                & (wb.frame == "all_facilities") & (wb.freq == "month")
                & wb.period.str.startswith("2016-")]
    assert len(months) == 12
    assert months.value.sum() == 2_160_580
    annual = _one(gn, area_code="14", nationality="foreign", frame="all_facilities",
                  freq="year", period="2016")
    assert annual.value == 2_160_600


def test_national_official_row_beats_derived_sum(gn):
    rows = gn[(gn.area_code == "00") & (gn.nationality == "foreign") & (gn.freq == "month")
              & (gn.period == "2011-01") & (gn.frame == "all_facilities")]
    official = _one(rows, release="2017-09")
    derived = _one(rows, release="2026-02")
    assert official.value == 2_055_690 and official.status == "final"
    assert official.area_name == "全国"
    assert official.source == f"{WORKBOOK}#2-2!B5"
    assert derived.value == 2_055_730 and derived.status == "derived"
    assert "not the official" in derived.value_note
    assert derived.source == f"{CSV_FILE}:row 2"
    picked = prefer_official(rows)
    assert len(picked) == 1 and picked.iloc[0].value == 2_055_690


def test_workbook_equals_csv_for_every_final_prefecture_month(gn):
    keep = gn[(gn.area_code != "00") & (gn.freq == "month") & (gn.frame == "all_facilities")
              & gn.period.between("2011-01", "2016-12") & gn.nationality.isin(["total", "foreign"])]
    wb, csv = _wb_rows(keep), _csv_rows(keep)
    both = wb.merge(csv, on=KEY, suffixes=("_wb", "_csv"), validate="one_to_one")
    assert len(wb) == len(csv) == len(both) == 47 * 2 * 72
    assert (both.status_wb == "final").all() and (both.status_csv == "final").all()
    diff = both[both.value_wb != both.value_csv]
    assert diff.empty, diff[KEY + ["value_wb", "value_csv"]].head()


def test_employees_10plus_frame_is_separate(gn):
    ten = _one(_wb_rows(gn), area_code="14", nationality="foreign", frame="employees_10plus",
               freq="year", period="2015")
    assert ten.value == 2_088_100
    assert ten.source == f"{WORKBOOK}#5-1!J19"
    allf = _one(gn, area_code="14", nationality="foreign", frame="all_facilities",
                freq="year", period="2015")
    assert allf.value == 2_156_320 != ten.value
    # each frame comes only from its own sheets
    wb = _wb_rows(gn)
    sheet = wb.source.str.extract(r"#(\d)-\d!")[0]
    assert set(sheet[wb.frame == "employees_10plus"]) == {"4", "5"}
    assert set(sheet[wb.frame == "all_facilities"]) == {"1", "2"}
    # the 10+ frame goes back to 2007, the all-facility frame only to 2011
    assert wb[wb.frame == "employees_10plus"].period.min() == "2007"
    assert wb[wb.frame == "all_facilities"].period.min() == "2011"
    # the 10+ frame comes from the workbook and from SSDSE-B's annual G7101/G7102 only
    assert set(gn[gn.frame == "employees_10plus"].release) == {"2017-09", "SSDSE-B-2026"}


def test_statuses_and_unpublished_months(gn):
    wb = _wb_rows(gn)
    months = wb[wb.freq == "month"]
    # 2017: January–September published (second preliminary), October–December blank
    assert sorted(months[months.period.str.startswith("2017")].period.unique()) == [
        f"2017-{m:02d}" for m in range(1, 10)]
    assert (wb[wb.period.str[:4] <= "2016"].status == "final").all()
    assert (wb[wb.period.str[:4] == "2017"].status == "preliminary").all()
    kanagawa_2017_01 = _one(wb, area_code="14", nationality="foreign", freq="month",
                            frame="all_facilities", period="2017-01")
    assert kanagawa_2017_01.value == 156_010 and kanagawa_2017_01.status == "preliminary"
    csv = _csv_rows(gn)
    pref = csv[csv.area_code != "00"]
    assert (pref[pref.period <= "2024-12"].status == "final").all()
    assert (pref[pref.period >= "2025-01"].status == "preliminary").all()
    nat = csv[csv.area_code == "00"]  # sums of final months derived, of preliminary ones preliminary
    assert (nat[nat.period <= "2024-12"].status == "derived").all()
    assert (nat[nat.period >= "2025-01"].status == "preliminary").all()
    assert pref.period.min() == "2011-01" and pref.period.max() == "2025-11"
    assert set(csv.nationality) == {"total", "foreign", "japanese"}
    assert (csv.frame == "all_facilities").all()
    assert gn.value.notna().all()  # the real files hold no markers in these tables


def test_prefer_official_final_newer_release_wins(gn):
    rows = gn[(gn.area_code == "14") & (gn.nationality == "foreign") & (gn.freq == "month")
              & (gn.period == "2017-01") & (gn.frame == "all_facilities")]
    assert len(rows) == 2
    picked = prefer_official(rows)
    # the 2026-02 release's final value beats the 2017-09 second preliminary one
    assert len(picked) == 1
    assert picked.iloc[0].value == 158_230 and picked.iloc[0].status == "final"
    assert picked.iloc[0].source == f"{CSV_FILE}:row 3472"


def test_prefer_official_is_pure_and_keeps_every_series(gn):
    before = gn.copy()
    picked = prefer_official(gn)
    assert gn.equals(before)
    assert not picked.duplicated(KEY).any()
    assert len(picked) == len(gn.drop_duplicates(KEY))
    assert list(picked.columns) == list(gn.columns)
    # national rows: the workbook's official final 全国 row for 2011–2016; for 2017-01..09
    # the CSV's sum of final prefecture values beats the workbook's preliminary row
    nat = picked[(picked.area_code == "00") & (picked.freq == "month")
                 & (picked.nationality != "japanese")]
    final_years = nat[(nat.frame == "all_facilities") & (nat.period >= "2011-01")
                      & (nat.period <= "2016-12")]
    assert len(final_years) == 2 * 72 and (final_years.status == "final").all()
    assert (final_years.release == "2017-09").all()
    # 10+-employee frame: only the workbook has it, official rows from 2007
    assert (nat[nat.frame == "employees_10plus"].release == "2017-09").all()
    later = nat[(nat.frame == "all_facilities") & (nat.period >= "2017-01")]
    assert (later[later.period <= "2024-12"].status == "derived").all()
    assert (later[later.period >= "2025-01"].status == "preliminary").all()
    assert (later.release == "2026-02").all()


def test_validates_against_spec(gn):
    spec = SPECS["guest_nights"]
    out = validate(gn, spec)
    assert len(out) == len(gn)
    assert list(gn.columns) == spec.column_names() + ["value_note"]


# --------------------------------------------------------------------------- bad input


@pytest.fixture(scope="module")
def slim_workbook(tmp_path_factory) -> Path:
    """The real workbook without the occupancy sheets (3-x, 6-x), which the reader does
    not use: openpyxl loads and saves it several times faster."""
    wb = openpyxl.load_workbook(RAW / WORKBOOK)
    for name in list(wb.sheetnames):
        if name.startswith(("3-", "6-")):
            del wb[name]
    path = tmp_path_factory.mktemp("slim") / "slim.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def raw(tmp_path, slim_workbook) -> Path:
    (tmp_path / "kankocho").mkdir()
    shutil.copy(slim_workbook, tmp_path / WORKBOOK)
    shutil.copy(RAW / CSV_FILE, tmp_path / CSV_FILE)
    (tmp_path / "ssdse").mkdir()  # SSDSE-B's annual 10+-employee rows join the table
    shutil.copy(RAW / "ssdse" / "SSDSE-B-2026.csv", tmp_path / "ssdse" / "SSDSE-B-2026.csv")
    return tmp_path


def _edit_workbook(raw: Path, edit) -> None:
    wb = openpyxl.load_workbook(raw / WORKBOOK)
    edit(wb)
    wb.save(raw / WORKBOOK)


def _set(sheet: str, cell: str, value):
    def edit(wb):
        wb[sheet][cell] = value
    return edit


def test_slim_copy_reads_like_the_original(raw, gn):
    assert build_guest_nights(raw).equals(gn)


def test_missing_sheet(raw):
    def edit(wb):
        del wb["2-2"]
    _edit_workbook(raw, edit)
    with pytest.raises(IngestError, match="2-2") as err:
        build_guest_nights(raw)
    assert err.value.sheet == "2-2" and err.value.file == WORKBOOK


def test_non_numeric_cell(raw):
    _edit_workbook(raw, _set("2-2", "AN12", "abc"))
    with pytest.raises(IngestError, match="abc") as err:
        build_guest_nights(raw)
    assert (err.value.sheet, err.value.row, err.value.column) == ("2-2", 12, "AN")
    assert "AN12" in str(err.value)


def test_full_width_digits_and_markers(raw):
    def edit(wb):
        ws = wb["2-2"]
        ws["AN12"] = "１２３"  # 2014-03 (平成26年 starts in AL); row 12 = 福島県 (07)
        ws["AN13"] = "***"
        ws["AN14"] = "-"
    _edit_workbook(raw, edit)
    df = build_guest_nights(raw)
    wb = _wb_rows(df)
    sel = wb[(wb.nationality == "foreign") & (wb.frame == "all_facilities")
             & (wb.period == "2014-03")].set_index("area_code")
    assert sel.loc["07", "value"] == 123 and sel.loc["07", "source"] == f"{WORKBOOK}#2-2!AN12"
    assert pd.isna(sel.loc["08", "value"]) and "suppressed" in sel.loc["08", "value_note"]
    assert pd.isna(sel.loc["09", "value"]) and "(-)" in sel.loc["09", "value_note"]
    assert sel.loc["10", "value"] == 6_590  # neighbour untouched (2-2!AN15 as published)
    validate(df, SPECS["guest_nights"])


def test_unknown_era_label(raw):
    _edit_workbook(raw, _set("1-2", "N3", "大化23年"))
    with pytest.raises(IngestError, match="大化") as err:
        build_guest_nights(raw)
    assert (err.value.sheet, err.value.row, err.value.column) == ("1-2", 3, "N")
    assert "N3" in str(err.value)


def test_unknown_area_name(raw):
    _edit_workbook(raw, _set("4-1", "A19", "神奈川"))
    with pytest.raises(IngestError, match="神奈川") as err:
        build_guest_nights(raw)
    assert (err.value.sheet, err.value.row, err.value.column) == ("4-1", 19, "A")


def test_wrong_unit(raw):
    _edit_workbook(raw, _set("5-1", "K2", "(単位：千人泊）"))
    with pytest.raises(IngestError, match="人泊") as err:
        build_guest_nights(raw)
    assert err.value.sheet == "5-1"


def test_wrong_table_title(raw):
    title = "１－１．都道府県別\u3000客室稼働率\u3000推移表\u3000(年計）"
    _edit_workbook(raw, _set("1-1", "A1", title))
    with pytest.raises(IngestError, match="延べ宿泊者数") as err:
        build_guest_nights(raw)
    assert err.value.sheet == "1-1"


def test_missing_status_note(raw):
    _edit_workbook(raw, _set("推移表(目次)", "B16", None))
    with pytest.raises(IngestError, match="確報") as err:
        build_guest_nights(raw)
    assert err.value.file == WORKBOOK


def test_csv_wrong_encoding(raw):
    path = raw / CSV_FILE
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-16")
    with pytest.raises(IngestError, match="utf-8") as err:
        build_guest_nights(raw)
    assert err.value.file == CSV_FILE


def test_csv_cp932(raw):
    path = raw / CSV_FILE
    path.write_text(path.read_text(encoding="utf-8"), encoding="cp932")
    with pytest.raises(IngestError, match="decode") as err:
        build_guest_nights(raw)
    assert err.value.row == 2  # the first Japanese name (全国)


@pytest.mark.parametrize("keep_back", [5, 9, 14, 22, 30])
def test_csv_truncated_mid_line(raw, keep_back):
    path = raw / CSV_FILE
    data = (RAW / CSV_FILE).read_bytes()
    # cut inside line 4000: keep_back bytes before its end
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]
    cut = starts[4000] - 1 - keep_back  # line 4000 is data[starts[3999]:starts[4000]]
    path.write_bytes(data[:cut])
    with pytest.raises(IngestError) as err:
        build_guest_nights(raw)
    assert err.value.row == 4000 and err.value.file == CSV_FILE


def test_csv_truncated_at_line_end(raw):
    path = raw / CSV_FILE
    lines = (RAW / CSV_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:4000]), encoding="utf-8")  # a month cut short
    with pytest.raises(IngestError, match="truncated") as err:
        build_guest_nights(raw)
    assert err.value.row == 4000


def test_csv_empty(raw):
    (raw / CSV_FILE).write_bytes(b"")
    with pytest.raises(IngestError, match="empty") as err:
        build_guest_nights(raw)
    assert err.value.file == CSV_FILE


def test_csv_header_only(raw):
    (raw / CSV_FILE).write_text("ym,pref_code,pref_name,foreign,japanese,total\n",
                                encoding="utf-8")
    with pytest.raises(IngestError, match="no data rows"):
        build_guest_nights(raw)


def test_csv_renamed_column(raw):
    path = raw / CSV_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("foreign", "foriegn", 1), encoding="utf-8")
    with pytest.raises(IngestError, match="foriegn") as err:
        build_guest_nights(raw)
    assert err.value.column == "foreign" and err.value.row == 1


def test_csv_missing_column(raw):
    path = raw / CSV_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(",".join(line.split(",")[:5]) for line in lines) + "\n",
                    encoding="utf-8")
    with pytest.raises(IngestError) as err:
        build_guest_nights(raw)
    assert err.value.column == "total"


def test_csv_duplicated_row(raw):
    path = raw / CSV_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:101] + [lines[100]] + lines[101:]), encoding="utf-8")
    with pytest.raises(IngestError, match="duplicated") as err:
        build_guest_nights(raw)
    assert err.value.row == 102 and "row 101" in str(err.value)


def test_csv_non_numeric_cell(raw):
    path = raw / CSV_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[49].split(",")
    fields[3] = "abc"
    lines[49] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(IngestError, match="abc") as err:
        build_guest_nights(raw)
    assert (err.value.row, err.value.column) == (50, "foreign")


def test_missing_files(raw):
    (raw / CSV_FILE).unlink()
    with pytest.raises(IngestError, match="not found"):
        build_guest_nights(raw)
    (raw / WORKBOOK).unlink()
    with pytest.raises(IngestError, match="not found"):
        build_guest_nights(raw)


def test_workbook_not_an_excel_file(raw):
    (raw / WORKBOOK).write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(IngestError, match="Excel") as err:
        build_guest_nights(raw)
    assert err.value.file == WORKBOOK


def test_blank_final_column_is_an_error(raw):
    def edit(wb):
        ws = wb["1-2"]
        for row in range(5, 53):
            ws.cell(row, 14).value = None  # N = 2012-01, a final month
    _edit_workbook(raw, edit)
    with pytest.raises(IngestError, match="final") as err:
        build_guest_nights(raw)
    assert (err.value.sheet, err.value.column) == ("1-2", "N")


def test_csv_missing_month(raw):
    path = raw / CSV_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("2013-05,")),
                    encoding="utf-8")
    with pytest.raises(IngestError, match="2013-05"):
        build_guest_nights(raw)


def test_prefer_official_on_the_loaded_table():
    # the processed table comes back with Arrow-backed string columns
    import kawasaki_econ

    loaded = kawasaki_econ.load("guest_nights")
    picked = prefer_official(loaded)
    kana = picked[(picked.area_code == "14") & (picked.nationality == "foreign")
                  & (picked.frame == "all_facilities") & (picked.period == "2017-01")]
    assert kana.value.tolist() == [158_230]  # the 2026-02 final beats the 2017-09 preliminary
