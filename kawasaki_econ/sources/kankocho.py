"""Japan Tourism Agency (観光庁) guest nights (延べ宿泊者数, 人泊) by prefecture.

Two raw files feed the ``guest_nights`` table (see ``data/raw/catalog.toml``):

* ``kankocho/shukuhaku_suiihyo_2017-09.xlsx`` — the agency's own 推移表 workbook, release
  of September 2017. Sheets 1-1/1-2 (total) and 2-1/2-2 (foreign) are the all-facility
  frame (2011-); sheets 4-1/4-2 and 5-1/5-2 are the frame of facilities with 10 or more
  employees (2007-). ``x-1`` sheets are calendar years (計), ``x-2`` sheets months. The
  two frames are different populations and are kept apart by the ``frame`` column.
  Statuses come from the workbook's own note on its index sheet
  ("平成28年以前の数値は確報値。平成29年以降の数値は第2次速報値"): years up to 2016
  are ``final``, years from 2017 ``preliminary`` (the years are read from the note); a
  workbook without that note is rejected rather than guessed.
* ``kankocho/guest_nights_monthly_2011-01_2025-11.csv`` — a third-party tidy extract of
  the 推移表 release file 001912060.xlsx (fetched 2026-02-06, release ``2026-02``),
  all-facility frame, monthly, foreign / japanese / total. Status rule: that release
  holds final (確報) values up to December 2024 and preliminary values for 2025, so
  months up to :data:`CSV_FINAL_THROUGH` are ``final`` and later months
  ``preliminary``. Its ``00`` rows are the extractor's sum of the 47 prefectures, not
  the official 全国 figure (which differs by rounding): ``status="derived"`` (exact
  arithmetic on final figures) up to :data:`CSV_FINAL_THROUGH`, ``preliminary`` after
  (a sum of preliminary values is preliminary); ``value_note`` says they are sums.

Published values are kept as published: annual figures are never recomputed from
months, and nothing is filled or interpolated. Publication markers ('-', '***', …) give a
row with a missing value and the reason in ``value_note``; months not yet published
(empty columns) give no row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..catalog import Inputs
from ..codes import PREFECTURES
from ..errors import IngestError
from ..parse import compact
from ..schema import SSDSE_B_GLOB
from .common import check_row_lengths, numeric_column, read_csv_rows, reader_inputs, rel
from .kankocho_workbook import (
    OUTPUT_COLUMNS,
    WORKBOOK,
    read_workbook,
    whole_count,
)

CSV_FILE = "kankocho/guest_nights_monthly_2011-01_2025-11.csv"
CSV_RELEASE = "2026-02"
#: Last month the 2026-02 release (001912060.xlsx) holds as final (確報); later months
#: of that release are preliminary.
CSV_FINAL_THROUGH = "2024-12"
CSV_HEADER = ("ym", "pref_code", "pref_name", "foreign", "japanese", "total")
DERIVED_NOTE = ("sum of the 47 prefectures computed by the third-party extractor, "
                "not the official 全国 figure")


def _columns() -> dict[str, list]:
    return {c: [] for c in OUTPUT_COLUMNS}


# --------------------------------------------------------------------------- CSV


def _read_csv(raw: Path, path: Path, out: dict[str, list]) -> None:
    file = rel(path, raw)
    rows = read_csv_rows(path, "utf-8", raw=raw)
    if not rows:
        raise IngestError("file is empty", file=file)
    header = [h.strip() for h in rows[0]]
    if tuple(header) != CSV_HEADER:
        for pos, name in enumerate(CSV_HEADER):
            found = header[pos] if pos < len(header) else None
            if found != name:
                raise IngestError(f"expected column {pos + 1} to be {name!r}, found {found!r} "
                                  f"(expected header {','.join(CSV_HEADER)})", file=file, row=1,
                                  column=name)
        raise IngestError(f"unexpected extra columns {header[len(CSV_HEADER):]} (expected "
                          f"header {','.join(CSV_HEADER)})", file=file, row=1)
    data = rows[1:]
    if not data:
        raise IngestError("no data rows below the header", file=file, row=2)
    check_row_lengths(data, len(CSV_HEADER), file=file, first_line=2)

    numbers: dict[str, tuple] = {}
    for col in ("foreign", "japanese", "total"):
        pos = CSV_HEADER.index(col)
        cells = [r[pos] for r in data]
        for k, cell in enumerate(cells):
            if not cell.strip():  # the extract writes every value: a blank is damage
                raise IngestError("empty value (truncated or damaged file?)", file=file,
                                  row=k + 2, column=col)
        numbers[col] = numeric_column(cells, file=file, column=col, first_line=2)

    seen: dict[tuple[str, str], int] = {}
    for k, row in enumerate(data):
        line = k + 2
        ym, code, name = (c.strip() for c in row[:3])
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", ym):
            raise IngestError(f"expected a month 'YYYY-MM', found {ym!r}", file=file, row=line,
                              column="ym")
        if code not in PREFECTURES:
            raise IngestError(f"unknown prefecture code {code!r}", file=file, row=line,
                              column="pref_code")
        if compact(name) != PREFECTURES[code]:
            raise IngestError(f"pref_name {name!r} does not match code {code} "
                              f"({PREFECTURES[code]})", file=file, row=line, column="pref_name")
        if (ym, code) in seen:
            raise IngestError(f"duplicated (ym, pref_code) = ({ym}, {code}); first in row "
                              f"{seen[ym, code]}", file=file, row=line)
        seen[ym, code] = line
        vals = {}
        for col in ("foreign", "japanese", "total"):
            number = numbers[col][0][k]
            vals[col] = (None if number != number else  # NaN: a marker
                         whole_count(number, file=file, sheet=None, row=line, column=col,
                                     cell=f"row {line}"))
        if None not in vals.values() and vals["foreign"] + vals["japanese"] != vals["total"]:
            raise IngestError(f"total {vals['total']} ≠ foreign {vals['foreign']} + japanese "
                              f"{vals['japanese']} (truncated or damaged row?)", file=file,
                              row=line, column="total")
        derived = code == "00"
        # A sum of final values is derived; a sum of preliminary values is preliminary.
        status = ("preliminary" if ym > CSV_FINAL_THROUGH
                  else "derived" if derived else "final")
        for col in ("total", "foreign", "japanese"):
            reason = numbers[col][1][k]
            out["area_code"].append(code)
            out["area_name"].append(PREFECTURES[code])
            out["frame"].append("all_facilities")
            out["nationality"].append(col)
            out["freq"].append("month")
            out["period"].append(ym)
            out["value"].append(vals[col])
            out["status"].append(status)
            out["release"].append(CSV_RELEASE)
            out["source"].append(f"{file}:row {line}")
            out["value_note"].append("; ".join(n for n in (reason, DERIVED_NOTE if derived
                                                           else None) if n) or None)

    # Every month must hold 全国 and all 47 prefectures (a file cut at a line boundary
    # would otherwise pass silently), over the range the file name promises.
    by_month: dict[str, set[str]] = {}
    for ym, code in seen:
        by_month.setdefault(ym, set()).add(code)
    for ym in sorted(by_month):
        missing = sorted(set(PREFECTURES) - by_month[ym])
        if missing:
            raise IngestError(f"month {ym} lacks pref_code {', '.join(missing)} (truncated "
                              "file?)", file=file, row=max(seen[ym, c] for c in by_month[ym]))
    first, last = min(by_month), max(by_month)
    y, m = int(first[:4]), int(first[5:])
    while f"{y:04d}-{m:02d}" < last:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        if f"{y:04d}-{m:02d}" not in by_month:
            raise IngestError(f"month {y:04d}-{m:02d} is missing between {first} and {last}",
                              file=file)
    promised = re.search(r"(\d{4}-\d{2})_(\d{4}-\d{2})\.csv$", file)
    if promised and (min(by_month), max(by_month)) != promised.groups():
        raise IngestError(f"file covers {min(by_month)}..{max(by_month)}, its name promises "
                          f"{promised.group(1)}..{promised.group(2)} (truncated file?)",
                          file=file, row=len(rows))


# --------------------------------------------------------------------------- public


def build_guest_nights(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """Guest nights from the 2017-09 推移表 workbook and the 2011-01..2025-11 monthly CSV.

    ``raw`` is the ``data/raw`` directory (files are read from ``raw/kankocho/``). Returns
    the columns of the ``guest_nights`` spec plus ``value_note`` (why a value is missing,
    or why a row is ``derived``). The same month from both files gives two rows (the key
    includes ``source``); use :func:`~kawasaki_econ.prefer.prefer_official` to keep one per
    series and period.
    SSDSE-B's annual guest-night items (``ssdse/SSDSE-B-*.csv``, 10+-employee frame,
    calendar years, release ``SSDSE-B-2026``) are appended by
    :func:`kawasaki_econ.sources.ssdse_pref.guest_nights_from_ssdse_b`.
    Raises :class:`~kawasaki_econ.errors.IngestError` naming file, sheet, row and column
    for any unexpected input.
    """
    from .ssdse_pref import guest_nights_from_ssdse_b

    raw = Path(raw)
    inputs = reader_inputs(raw, inputs, (WORKBOOK, CSV_FILE, SSDSE_B_GLOB))
    out = _columns()
    read_workbook(raw, inputs.one(WORKBOOK), out)
    _read_csv(raw, inputs.one(CSV_FILE), out)
    df = pd.DataFrame({c: out[c] for c in OUTPUT_COLUMNS if c != "value"})
    df.insert(OUTPUT_COLUMNS.index("value"), "value", pd.array(out["value"], dtype="Int64"))
    # SSDSE-B's G7101/G7102: annual, 10+-employee frame (release 'SSDSE-B-2026').
    ssdse_b = guest_nights_from_ssdse_b(raw, inputs)[OUTPUT_COLUMNS]
    return pd.concat([df[OUTPUT_COLUMNS], ssdse_b], ignore_index=True)


__all__ = ["build_guest_nights"]
