"""The 観光庁 推移表 workbook ``kankocho/shukuhaku_suiihyo_2017-09.xlsx`` (release of
September 2017): its sheets, headers (和暦 years, merged cells), status note and values,
read into ``guest_nights`` rows. What the workbook holds and how its rows are marked:
:mod:`kawasaki_econ.sources.kankocho`, which builds the table from it and the monthly CSV.

Before any sheet is read, every member of the xlsx archive is checked
(:func:`~kawasaki_econ.sources.xlsx.check_archive`); a published cell that reads as empty
(an emptied cell, a formula without a saved value, a merged range) is refused naming the
sheet, the cell and which of the three it is.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..codes import PREFECTURES
from ..errors import IngestError, ParseError
from ..parse import (
    ERA_NAMES,
    MARKERS,
    MAX_MAGNITUDE,
    compact,
    parse_era_year,
    parse_month,
    parse_number,
)
from .common import rel
from .xlsx import blank_cell_cause, check_archive

WORKBOOK = "kankocho/shukuhaku_suiihyo_2017-09.xlsx"
WORKBOOK_RELEASE = "2017-09"
#: Years the 2017-09 推移表 can hold: the 10+-employee frame starts in 2007; the release
#: (September 2017) holds nothing after 2017.
WORKBOOK_COVERAGE = (2007, 2017)

AREA_CODES: dict[str, str] = {name: code for code, name in PREFECTURES.items()}

OUTPUT_COLUMNS = ["area_code", "area_name", "frame", "nationality", "freq", "period", "value",
                  "status", "release", "source", "value_note"]

_FRAME_10PLUS = "従業者数10人以上"
BLANK = MARKERS[""]  # parse_number's reason for an empty cell


@dataclass(frozen=True)
class _Sheet:
    name: str
    nationality: str  # total / foreign
    frame: str  # all_facilities / employees_10plus
    freq: str  # year / month


SHEETS: tuple[_Sheet, ...] = (
    _Sheet("1-1", "total", "all_facilities", "year"),
    _Sheet("1-2", "total", "all_facilities", "month"),
    _Sheet("2-1", "foreign", "all_facilities", "year"),
    _Sheet("2-2", "foreign", "all_facilities", "month"),
    _Sheet("4-1", "total", "employees_10plus", "year"),
    _Sheet("4-2", "total", "employees_10plus", "month"),
    _Sheet("5-1", "foreign", "employees_10plus", "year"),
    _Sheet("5-2", "foreign", "employees_10plus", "month"),
)


def _col_letter(j: int) -> str:
    """0-based column index → Excel letters (0 → 'A')."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(j + 1)


def _cell(row: tuple, j: int) -> object:
    return row[j] if j < len(row) else None


def whole_count(value: float, *, file: str, sheet: str | None, row: int, column: str,
                cell: str) -> int:
    """A parsed number must be a non-negative whole count of person-nights."""
    if value < 0 or not float(value).is_integer():
        raise IngestError(f"{cell}: expected a non-negative whole number of person-nights, "
                          f"found {value!r}", file=file, sheet=sheet, row=row, column=column)
    return int(value)


# --------------------------------------------------------------------------- workbook


def _status_rule(wb, file: str) -> tuple[int, int]:
    """Read the workbook's status note; return (last final year, first preliminary year)."""
    era = ERA_NAMES
    final_re = re.compile(rf"((?:{era})(?:\d+|元)年|\d{{4}}年)以前の数値は確報値")
    prelim_re = re.compile(rf"((?:{era})(?:\d+|元)年|\d{{4}}年)以降の数値は(第\d次速報値|速報値)")
    index_sheets = [n for n in wb.sheetnames if "目次" in n]
    for sheet in index_sheets:
        for row in wb[sheet].iter_rows(values_only=True):
            for value in row:
                if not isinstance(value, str):
                    continue
                text = compact(value)
                final, prelim = final_re.search(text), prelim_re.search(text)
                if final and prelim:
                    try:
                        last_final = parse_era_year(final.group(1))
                        first_prelim = parse_era_year(prelim.group(1))
                    except ParseError as exc:
                        raise IngestError(f"cannot read the status note {value!r}: {exc}",
                                          file=file, sheet=sheet) from exc
                    if first_prelim <= last_final:
                        raise IngestError(f"status note {value!r} is contradictory",
                                          file=file, sheet=sheet)
                    return last_final, first_prelim
    raise IngestError(
        "status note ('…年以前の数値は確報値。…年以降の数値は第N次速報値') not found in the "
        f"index sheet {index_sheets or '(no sheet named …目次…)'}; cannot tell final from "
        "preliminary values", file=file)


def _check_title(title: object, spec: _Sheet, *, file: str, row: int) -> None:
    text = compact(title)
    wanted = "外国人延べ宿泊者数" if spec.nationality == "foreign" else "延べ宿泊者数"
    problems = []
    if not text.startswith(f"{spec.name}."):
        problems.append(f"does not start with '{spec.name}.'")
    if wanted not in text or (spec.nationality == "total" and "外国人" in text):
        problems.append(f"is not a table of {wanted}")
    if (_FRAME_10PLUS in text) != (spec.frame == "employees_10plus"):
        problems.append(f"facility frame is not {spec.frame}")
    if ("年計" if spec.freq == "year" else "月別") not in text:
        problems.append(f"is not {'an annual (年計)' if spec.freq == 'year' else 'a monthly (月別)'}"
                        " table")
    if problems:
        raise IngestError(f"title {title!r} {'; '.join(problems)}", file=file, sheet=spec.name,
                          row=row)


def _period_columns(era_row: tuple, label_row: tuple, spec: _Sheet, *, file: str,
                    era_line: int) -> list[tuple[int, int, str]]:
    """``(column index, year, period)`` for every column with a header.

    Annual sheets need an era year above each '計'; monthly sheets carry the era year
    only over the first month of each year (merged cells), so it is carried forward."""
    label_line = era_line + 1
    out: list[tuple[int, int, str]] = []
    year: int | None = None
    last_month = 0
    seen: set[str] = set()
    for j in range(1, max(len(era_row), len(label_row))):
        era_cell, label = _cell(era_row, j), _cell(label_row, j)
        letter = _col_letter(j)
        if compact(era_cell):
            try:
                year = parse_era_year(era_cell)
            except ParseError as exc:
                raise IngestError(f"cell {letter}{era_line}: cannot read year label: {exc}",
                                  file=file, sheet=spec.name, row=era_line,
                                  column=letter) from exc
            if not WORKBOOK_COVERAGE[0] <= year <= WORKBOOK_COVERAGE[1]:
                raise IngestError(f"cell {letter}{era_line}: year label {era_cell!r} is year "
                                  f"{year}, outside the workbook's coverage "
                                  f"{WORKBOOK_COVERAGE[0]}–{WORKBOOK_COVERAGE[1]} (release "
                                  f"{WORKBOOK_RELEASE})", file=file, sheet=spec.name,
                                  row=era_line, column=letter)
            last_month = 0
        elif spec.freq == "year":
            year = None
        if not compact(label):
            if compact(era_cell):
                raise IngestError(f"cell {letter}{label_line}: year label {era_cell!r} has no "
                                  "'計'/month label below it", file=file, sheet=spec.name,
                                  row=label_line, column=letter)
            continue
        if year is None:
            raise IngestError(f"cell {letter}{era_line}: column labelled {label!r} has no year "
                              "label", file=file, sheet=spec.name, row=era_line, column=letter)
        if spec.freq == "year":
            if compact(label) != "計":
                raise IngestError(f"cell {letter}{label_line}: expected '計' (annual total), "
                                  f"found {label!r}", file=file, sheet=spec.name,
                                  row=label_line, column=letter)
            period = f"{year:04d}"
        else:
            try:
                month = parse_month(label)
            except ParseError as exc:
                raise IngestError(f"cell {letter}{label_line}: {exc}", file=file,
                                  sheet=spec.name, row=label_line, column=letter) from exc
            if month <= last_month:
                raise IngestError(f"cell {letter}{label_line}: month {label!r} out of order "
                                  f"within {year} (year label missing?)", file=file,
                                  sheet=spec.name, row=label_line, column=letter)
            last_month = month
            period = f"{year:04d}-{month:02d}"
        if period in seen:
            raise IngestError(f"cell {letter}{label_line}: period {period} appears twice",
                              file=file, sheet=spec.name, row=label_line, column=letter)
        seen.add(period)
        out.append((j, year, period))
    if not out:
        raise IngestError("no period columns found", file=file, sheet=spec.name, row=label_line)
    return out


def _read_sheet(wb, spec: _Sheet, *, file: str, rule: tuple[int, int],
                out: dict[str, list], why_blank: Callable[[str, str], str]) -> None:
    if spec.name not in wb.sheetnames:
        raise IngestError(f"sheet '{spec.name}' not found in the workbook (sheets: "
                          f"{', '.join(wb.sheetnames)})", file=file, sheet=spec.name)
    rows = list(wb[spec.name].iter_rows(values_only=True))
    # The data block starts at the 全国 row; the two rows above it are the headers.
    start = next((i for i, r in enumerate(rows) if r and compact(r[0]) == "全国"), None)
    if start is None:
        raise IngestError("no '全　国' row found in column A", file=file, sheet=spec.name)
    if start < 3:
        raise IngestError(f"the '全　国' row {start + 1} leaves no room for the title and "
                          "header rows", file=file, sheet=spec.name, row=start + 1)
    head = rows[: start - 2]
    title = next(((i, v) for i, r in enumerate(head) for v in r if compact(v)), None)
    if title is None:
        raise IngestError("no title above the table", file=file, sheet=spec.name)
    _check_title(title[1], spec, file=file, row=title[0] + 1)
    units = [(i, j, v) for i, r in enumerate(head) for j, v in enumerate(r)
             if isinstance(v, str) and "単位" in v]
    if not units:
        raise IngestError("no unit cell ('(単位：人泊)') above the table", file=file,
                          sheet=spec.name)
    for i, j, unit in units:
        found = re.search(r"単位[:：](.*?)[)）]?$", compact(unit))
        if found is None or found.group(1) != "人泊":
            raise IngestError(f"unit cell {_col_letter(j)}{i + 1} says {unit!r}: expected the "
                              "unit 人泊 (person-nights)", file=file, sheet=spec.name, row=i + 1,
                              column=_col_letter(j))
    columns = _period_columns(rows[start - 2], rows[start - 1], spec, file=file,
                              era_line=start - 1)

    # Area rows: 全国 then the 47 prefectures; blank rows and notes (※, 注) are skipped.
    areas: list[tuple[int, str, tuple]] = []
    seen: dict[str, int] = {}
    for i in range(start, len(rows)):
        row = rows[i]
        name = compact(_cell(row, 0))
        values_blank = all(not compact(v) for v in row[1:])
        if values_blank and (not name or name.startswith(("※", "注", "(注"))):
            continue
        code = AREA_CODES.get(name)
        if code is None:
            raise IngestError(f"unknown area name {_cell(row, 0)!r} in cell A{i + 1} "
                              "(expected 全国 or a prefecture)", file=file, sheet=spec.name,
                              row=i + 1, column="A")
        if code in seen:
            raise IngestError(f"area {name} appears twice (rows {seen[code]} and {i + 1})",
                              file=file, sheet=spec.name, row=i + 1, column="A")
        seen[code] = i + 1
        areas.append((i, code, row))
    missing = [PREFECTURES[c] for c in PREFECTURES if c not in seen]
    if missing:
        raise IngestError(f"areas missing from the table: {', '.join(missing)}", file=file,
                          sheet=spec.name)

    # Values outside the labelled columns would be silently lost: refuse them.
    labelled = {j for j, _, _ in columns}
    for i, _, row in areas:
        for j in range(1, len(row)):
            if j not in labelled and compact(row[j]):
                raise IngestError(f"cell {_col_letter(j)}{i + 1} holds {row[j]!r} under a column "
                                  "without a year/month header", file=file, sheet=spec.name,
                                  row=i + 1, column=_col_letter(j))

    last_final, first_prelim = rule
    for j, year, period in columns:
        letter = _col_letter(j)
        if year <= last_final:
            status = "final"
        elif year >= first_prelim:
            status = "preliminary"
        else:
            raise IngestError(f"year {year} is neither final nor preliminary according to "
                              "the workbook's status note", file=file, sheet=spec.name,
                              column=letter)
        # A preliminary column with no value at all is a month not yet published: no rows.
        # A final (確報) column must be there.
        if all(_cell(row, j) is None for _, _, row in areas):
            if status == "final":
                raise IngestError(f"column {letter} ({period}, final) holds no values",
                                  file=file, sheet=spec.name, column=letter)
            continue
        for i, code, row in areas:
            value = _cell(row, j)
            note = None
            if type(value) is not int or abs(value) > MAX_MAGNITUDE:
                cell = f"{letter}{i + 1}"
                try:
                    number, note = parse_number(value)
                except ParseError as exc:
                    raise IngestError(f"cell {cell}: {exc}", file=file, sheet=spec.name,
                                      row=i + 1, column=letter) from exc
                if note == BLANK:
                    # The layout puts a number (or a marker: '-', '***') in every area
                    # row of a published column; nothing there is damage, not a gap.
                    raise IngestError(
                        f"cell {cell} ({PREFECTURES[code]}, {period}, {status}) holds no "
                        f"value where the table has a number: {why_blank(spec.name, cell)}",
                        file=file, sheet=spec.name, row=i + 1, column=letter)
                if number is not None:
                    value = whole_count(number, file=file, sheet=spec.name, row=i + 1,
                                   column=letter, cell=f"cell {cell}")
                else:
                    value = None
            if value is not None and value < 0:
                raise IngestError(f"cell {letter}{i + 1}: negative count {value}", file=file,
                                  sheet=spec.name, row=i + 1, column=letter)
            out["area_code"].append(code)
            out["area_name"].append(PREFECTURES[code])
            out["frame"].append(spec.frame)
            out["nationality"].append(spec.nationality)
            out["freq"].append(spec.freq)
            out["period"].append(period)
            out["value"].append(value)
            out["status"].append(status)
            out["release"].append(WORKBOOK_RELEASE)
            out["source"].append(f"{file}#{spec.name}!{letter}{i + 1}")
            out["value_note"].append(note)


def read_workbook(raw: Path, path: Path, out: dict[str, list]) -> None:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    file = rel(path, raw)
    if not path.exists():
        raise IngestError("file not found", file=file)
    check_archive(path, file)  # every member: damage in a sheet not read is refused too
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, zlib.error, InvalidFileException, KeyError, OSError,
            ValueError) as exc:
        raise IngestError(f"cannot open as an Excel workbook: {exc}", file=file) from exc

    def why_blank(sheet: str, cell: str) -> str:
        return blank_cell_cause(path, sheet, cell)

    try:
        rule = _status_rule(wb, file)
        for spec in SHEETS:
            try:
                _read_sheet(wb, spec, file=file, rule=rule, out=out, why_blank=why_blank)
            except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, KeyError,
                    EOFError, OSError, ValueError) as exc:
                # a damaged member of the xlsx archive shows up only when the sheet is read
                raise IngestError(f"cannot read the sheet: the workbook is damaged "
                                  f"({type(exc).__name__}: {exc})", file=file,
                                  sheet=spec.name) from exc
    except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, KeyError, EOFError,
            OSError, ValueError) as exc:
        raise IngestError(f"cannot read the workbook: it is damaged ({type(exc).__name__}: "
                          f"{exc})", file=file) from exc
    finally:
        wb.close()
