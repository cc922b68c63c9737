"""Shared helpers for the source readers: decoding, CSV rows, numeric columns, provenance.

Every failure raises :class:`~kawasaki_econ.errors.IngestError` naming the file and, where
it applies, the row (1-based line number in the file) and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import IngestError
from ..parse import parse_numbers


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
        raise IngestError(
            f"expected a number or a marker (-, x, …), found {values[bad]!r}",
            file=file,
            sheet=sheet,
            row=first_line + bad,
            column=column,
        )
    return out, reasons
