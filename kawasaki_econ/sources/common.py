"""Shared helpers for the source readers: decoding, CSV rows, numeric columns, provenance.

Every failure raises :class:`~kawasaki_econ.errors.IngestError` naming the file and, where
it applies, the row (1-based line number in the file) and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from ..catalog import Inputs
from ..errors import IngestError, ParseError
from ..parse import normalize_text, parse_number, parse_numbers


def reader_inputs(raw: Path, inputs: Inputs | None, patterns: Sequence[str]) -> Inputs:
    """The files a builder may read: the verified ``inputs`` the build passes, or — for a
    builder called directly (tests, notebooks on a scratch copy) — the files on disk
    under ``raw`` matching ``patterns``, unverified."""
    return inputs if inputs is not None else Inputs.scan(Path(raw), tuple(patterns))


def rel(path: Path, raw: Path) -> str:
    """Path of a raw file relative to data/raw, for messages and ``source`` values."""
    try:
        return Path(path).resolve().relative_to(Path(raw).resolve()).as_posix()
    except ValueError:
        return Path(path).name


def read_text(path: Path, encoding: str, *, raw: Path | None = None) -> str:
    """Decode a whole file; a wrong encoding, a missing or an empty file is an IngestError."""
    name = rel(path, raw) if raw else str(path)
    if not Path(path).exists():
        raise IngestError("file not found", file=name)
    data = Path(path).read_bytes()
    if not data.strip():
        raise IngestError("file is empty", file=name)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(
            f"cannot decode as {encoding} at byte {exc.start} ({exc.reason}); "
            f"expected {encoding}-encoded text — was the file re-saved in another encoding?",
            file=name,
            row=line,
        ) from exc


def read_csv_rows(path: Path, encoding: str, *, raw: Path | None = None) -> list[list[str]]:
    """All CSV rows of a file (blank trailing lines dropped)."""
    text = read_text(path, encoding, raw=raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = list(csv.reader(io.StringIO(text)))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def check_row_lengths(rows: list[list[str]], width: int, *, file: str, first_line: int) -> None:
    """Every data row must have ``width`` fields (a short row means a truncated file)."""
    for i, row in enumerate(rows):
        if len(row) != width:
            raise IngestError(
                f"expected {width} fields, found {len(row)} (truncated or malformed file?)",
                file=file,
                row=first_line + i,
            )


def numeric_column(
    values: Sequence[object], *, file: str, column: str, first_line: int, sheet: str | None = None
) -> tuple[np.ndarray, list[str | None]]:
    """Parse a column of cells into floats (NaN where a marker stands) and the reasons.

    A cell that is neither a number nor a known marker raises IngestError naming its row.
    """
    out, reasons, bad = parse_numbers(values)
    if bad is not None:
        try:
            parse_number(values[bad])
            why = ""
        except ParseError as exc:
            why = f" ({exc})"
        raise IngestError(
            f"expected a number or a marker (-, x, …), found {values[bad]!r}{why}",
            file=file,
            sheet=sheet,
            row=first_line + bad,
            column=column,
        )
    return out, reasons


# --------------------------------------------------------------------------- CSV reading


@dataclass(frozen=True)
class CsvRows:
    """A transcribed CSV: ``file`` (relative to data/raw), header, data rows as dicts and
    the line number (1-based, header = 1) each row starts on."""

    file: str
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]

    def source(self, i: int) -> str:
        return f"{self.file}:row {self.lines[i]}"


def read_csv_table(path: Path, raw: Path, required: Sequence[str]) -> CsvRows:
    """Read a one-header-row UTF-8 CSV, checking the header, row widths and duplicates.

    Raises IngestError for: a missing or empty file, a header without one of the
    ``required`` columns (renamed column), a repeated column name, no data rows, a row
    with the wrong number of fields (truncated file), or a row identical to an earlier
    one (duplicated row).
    """
    name = rel(path, raw)
    text = read_text(path, "utf-8", raw=raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise IngestError(f"malformed CSV: {exc}", file=name, row=start) from exc
    if not records:
        raise IngestError("no header row", file=name)
    header_line, header = records[0]
    header = [normalize_text(c) for c in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise IngestError(
            f"header lacks column(s) {missing} (renamed or missing?); expected the columns "
            f"{list(required)}, found {header}",
            file=name, row=header_line, column=missing[0],
        )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise IngestError(f"column(s) {repeated} appear more than once in the header",
                          file=name, row=header_line, column=repeated[0])
    if len(records) == 1:
        raise IngestError("no data rows after the header (truncated file?)", file=name)
    width = len(header)
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, record in records[1:]:
        if len(record) != width:
            raise IngestError(
                f"expected {width} fields, found {len(record)} (truncated or malformed file?)",
                file=name, row=line,
            )
        key = tuple(cell.strip() for cell in record)
        if key in seen:
            raise IngestError(f"row repeats row {seen[key]} exactly (duplicated row)",
                              file=name, row=line)
        seen[key] = line
        rows.append({h: cell.strip() for h, cell in zip(header, record, strict=True)})
        lines.append(line)
    return CsvRows(name, header, rows, lines)


# --------------------------------------------------------------------------- cell parsers


def number_cell(value: str, *, file: str, row: int, column: str, integer: bool = False,
                nonneg: bool = True) -> float:
    """Parse one numeric cell; a marker, blank, non-number, negative or (for ``integer``)
    fractional value is an IngestError naming the cell."""
    what = "a non-negative integer" if integer else "a non-negative number"
    try:
        number, reason = parse_number(value)
    except ParseError as exc:
        raise IngestError(f"expected {what}, found {value!r} ({exc})", file=file, row=row,
                          column=column) from exc
    if number is None:
        raise IngestError(f"expected {what}, found {reason} {value!r}", file=file, row=row,
                          column=column)
    if nonneg and number < 0:
        raise IngestError(f"expected {what}, found {value!r}", file=file, row=row,
                          column=column)
    if integer and number != int(number):
        raise IngestError(f"expected {what}, found {value!r}", file=file, row=row,
                          column=column)
    return number


def int_cell(value: str, *, file: str, row: int, column: str) -> int:
    return int(number_cell(value, file=file, row=row, column=column, integer=True))


def text_cell(value: str, *, file: str, row: int, column: str, pattern: re.Pattern | None = None,
              expected: str = "a non-empty value") -> str:
    """NFKC-normalised, stripped text; empty (or not matching ``pattern``) → IngestError."""
    text = normalize_text(value)
    if not text or (pattern is not None and not pattern.fullmatch(text)):
        raise IngestError(f"expected {expected}, found {value!r}", file=file, row=row,
                          column=column)
    return text


def current_year() -> int:
    """This calendar year: the last year an observed (not target) figure can describe."""
    return date.today().year


def year_cell(value: str, *, file: str, row: int, column: str, first: int = 1900,
              last: int = 2100) -> int:
    """A year within the source's coverage ``first``..``last`` (observations pass
    ``last=current_year()``: a figure for a year that has not begun is refused)."""
    year = int_cell(value, file=file, row=row, column=column)
    if not first <= year <= last:
        raise IngestError(f"expected a year within the source's coverage ({first}-{last}), "
                          f"found {value!r}", file=file, row=row, column=column)
    return year


def period_cell(value: str, period_type: str, *, file: str, row: int, column: str,
                last: int = 2100) -> str:
    """``YYYY`` for calendar/fiscal years, ``YYYY-MM`` for months; the year must lie in
    1900..``last``."""
    text = normalize_text(value)
    if period_type == "month":
        match = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise IngestError(f"expected a month YYYY-MM for period_type month, found {value!r}",
                              file=file, row=row, column=column)
        year_cell(match.group(1), file=file, row=row, column=column, last=last)
        return text
    return str(year_cell(value, file=file, row=row, column=column, last=last))


def date_cell(value: str, *, file: str, row: int, column: str, last: int = 2100) -> date:
    """A real calendar date ``YYYY-MM-DD`` (1996-13-45 is refused) in 1900..``last``."""
    text = normalize_text(value)
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError("not YYYY-MM-DD")
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise IngestError(f"expected a real date YYYY-MM-DD, found {value!r} ({exc})",
                          file=file, row=row, column=column) from exc
    if not 1900 <= day.year <= last:
        raise IngestError(f"date {text} lies outside the source's coverage (1900-{last})",
                          file=file, row=row, column=column)
    return day


