"""The 観光庁 推移表 workbook: a published figure that reads as empty (emptied cell,
formula without a saved value, merged cells) and a damaged zip member (inside a sheet
that is read or one that is not) are refused with one line naming file, sheet and cell
or member — never stored as a silent gap, never a traceback."""

from __future__ import annotations

import shutil
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from kawasaki_econ import catalog
from kawasaki_econ.cli import main
from kawasaki_econ.errors import IngestError
from kawasaki_econ.paths import project_root
from kawasaki_econ.sources.kankocho import build_guest_nights

WORKBOOK = "kankocho/shukuhaku_suiihyo_2017-09.xlsx"
RAW = project_root() / "data" / "raw"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A scratch data/raw holding a copy of the kankocho folder (the workbook is read
    first, so a refusal happens before any other file is needed)."""
    shutil.copytree(RAW / "kankocho", tmp_path / "raw" / "kankocho")
    return tmp_path / "raw"


def edit_sheet_1_1(old: str, new: str) -> Callable[[Path], None]:
    """Replace ``old`` by ``new`` once in the XML of sheet 1-1 (member
    xl/worksheets/sheet2.xml), rewriting the archive — as saving from Excel would, without
    openpyxl's slow full load."""
    def apply(path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            members = [(info, archive.read(info)) for info in archive.infolist()]
        path.unlink()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in members:
                if info.filename == SHEET_1_1:
                    text = data.decode("utf-8")
                    assert text.count(old) == 1, old
                    data = text.replace(old, new).encode("utf-8")
                out.writestr(info, data)
    return apply


SHEET_1_1 = "xl/worksheets/sheet2.xml"
G19 = '<c r="G19" s="27"><v>18746090</v></c>'
MERGED = '<mergeCells count="1"><mergeCell ref="A3:A4"/></mergeCells>'


def damage_member(member: str, *, zero: bool, at: float = 0.5) -> Callable[[Path], None]:
    """200 zeroed (or 40 flipped) bytes at fraction ``at`` of one member's compressed
    data."""
    def apply(path: Path) -> None:
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(member)
        name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:
                                                        info.header_offset + 30])
        middle = info.header_offset + 30 + name_len + extra_len + int(info.compress_size * at)
        if zero:
            data[middle:middle + 200] = bytes(200)
        else:
            for k in range(middle, middle + 40):
                data[k] ^= 0x5A
        path.write_bytes(bytes(data))
    return apply


def both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        for step in steps:
            step(path)
    return apply


def test_the_cell_edited_below_is_kanagawa_2016_as_published():
    """G19 of sheet 1-1 (member sheet2.xml) is 神奈川県's final 2016 figure (checked with
    plain openpyxl and in the XML the edits below change)."""
    with zipfile.ZipFile(RAW / WORKBOOK) as archive:
        xml = archive.read(SHEET_1_1).decode("utf-8")
    assert xml.count(G19) == 1 and xml.count(MERGED) == 1
    ws = openpyxl.load_workbook(RAW / WORKBOOK, read_only=True, data_only=True)["1-1"]
    assert ws.title == "1-1"
    rows = list(ws.iter_rows(min_row=1, max_row=19, values_only=True))
    assert rows[2][6] == "平成28年" and rows[18][0] == "神奈川県"
    assert rows[18][6] == 18746090


BLANKS = {
    "emptied": (edit_sheet_1_1(G19, '<c r="G19" s="27"/>'), "empty"),
    "formula-without-value": (edit_sheet_1_1(G19, '<c r="G19" s="27"><f>F19+1</f></c>'),
                              "=F19+1"),
    "merged": (both(edit_sheet_1_1(G19, '<c r="G19" s="27"/>'),
                    edit_sheet_1_1(MERGED, '<mergeCells count="2"><mergeCell ref="A3:A4"/>'
                                           '<mergeCell ref="F19:G19"/></mergeCells>')),
               "F19:G19"),
}


@pytest.mark.parametrize("case", list(BLANKS))
def test_a_final_figure_that_reads_as_empty_is_refused_naming_sheet_and_cell(case, raw):
    edit, cause = BLANKS[case]
    edit(raw / WORKBOOK)
    with pytest.raises(IngestError) as err:
        build_guest_nights(raw)
    message = str(err.value)
    assert (err.value.file, err.value.sheet, err.value.row, err.value.column) == \
        (WORKBOOK, "1-1", 19, "G")
    for fragment in ("cell G19", "神奈川県", "2016", "final", cause):
        assert fragment in message, (fragment, message)


# sheet 1-1 is xl/worksheets/sheet2.xml, 1-2 sheet3.xml, 3-1 (not read) sheet6.xml
DAMAGE = {
    "1-1-zeroed": (damage_member("xl/worksheets/sheet2.xml", zero=True), "1-1"),
    "1-1-flipped": (damage_member("xl/worksheets/sheet2.xml", zero=False), "1-1"),
    "1-2-zeroed": (damage_member("xl/worksheets/sheet3.xml", zero=True, at=0.05), "1-2"),
    "unread-3-1-zeroed": (damage_member("xl/worksheets/sheet6.xml", zero=True), "3-1"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_compressed_data_is_one_error_naming_file_and_sheet(case, raw):
    damage, sheet = DAMAGE[case]
    damage(raw / WORKBOOK)
    with pytest.raises(IngestError, match="damaged") as err:
        build_guest_nights(raw)
    assert (err.value.file, err.value.sheet) == (WORKBOOK, sheet)


@pytest.mark.parametrize("damage", [
    edit_sheet_1_1(G19, '<c r="G19" s="27"><f>F19+1</f></c>'),
    damage_member("xl/worksheets/sheet6.xml", zero=True),
], ids=["formula-without-value", "unread-sheet-damaged"])
def test_the_build_exits_1_with_one_line_and_writes_nothing(damage, project_copy: Path,
                                                             capsys):
    path = project_copy / "data" / "raw" / WORKBOOK
    damage(path)
    catalog.register(path, {"publisher": "test", "origin": "test"})
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and WORKBOOK in lines[0] and "sheet " in lines[0], err
    assert not any((project_copy / "data" / "processed").iterdir())
