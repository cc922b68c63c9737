"""SSDSE-B (県別推移) and SSDSE-E (県別) readers: the ``prefecture_panel`` table, and the
SSDSE-B guest-night rows of the ``guest_nights`` table.

Files (see ``data/raw/catalog.toml``):

* ``ssdse/SSDSE-B-2026.csv`` — 47 prefectures × 2012–2023, 110 items. CP932, CRLF, **two**
  header rows read explicitly: item codes (``SSDSE-B-2026``, ``Code``, ``Prefecture``,
  ``A1101`` …) and Japanese names (``年度``, ``地域コード``, ``都道府県``, ``総人口`` …). One data
  row per (year, prefecture); the year column is labelled 年度 but holds each item's own
  reference year (see the registry's bases). Every cell is published.
* ``ssdse/SSDSE-E-2026.csv`` — 全国 (``R00000``) + 47 prefectures, 93 items, **three**
  header rows (code, per-column reference year, name), read with
  :func:`kawasaki_econ.sources.ssdse_file.read_ssdse`. Its 2021 economic-census columns also
  feed the ``census`` table (built in :mod:`.ssdse`); here they are just items of the panel.

Item registry
-------------
Every item code of each registered release is listed in the item registry
(:mod:`kawasaki_econ.sources.ssdse_items`, package data ``ssdse_items.toml``) with its expected
Japanese name, unit, kind and reference-period basis. A release whose header holds a code
that is not registered, lacks a registered code, or names a code differently (a shifted or
renamed column) is rejected with an :class:`~kawasaki_econ.errors.IngestError` naming the
file, header row and column; a new release must be added to the registry after its
columns have been checked. ``kind`` is ``count`` (additive counts: persons, facilities,
cases, person-nights), ``amount`` (additive non-count quantities: m², t, ha, yen),
``rate`` (ratios, %, per-capita or per-dwelling figures), ``price`` (land price per m²),
``spending`` (household spending per month) or ``weather``; only ``count`` and ``amount``
add up across prefectures.

Year basis
----------
``year_basis`` says what the row's year means for the item: ``calendar`` (January–December
flows or averages), ``fiscal`` (April–March of the fiscal year that starts in that year),
``survey_date`` (a stock counted at a date in that year; ``reference_period`` names the
date) or ``unknown``. It comes from the registry's ``bases`` per item — from the survey NSTAC names
for the item (社会・人口統計体系) and, where stated, checked against the data — and is
``unknown`` where it is not established; it is never inferred from the code at run time.
Checks made on the real files (see the notes of the registry's ``bases``):

* ``G7101``/``G7102`` (guest nights): calendar years, 10+-employee frame — 2012–2016 equal
  sheets 4-1/5-1 of the 2017-09 推移表 for every prefecture (tested).
* ``H1800`` (new dwellings): the 47-prefecture sums are the fiscal-year national totals
  (2019: 883,687; 2020: 812,164; 2021: 865,909; 2022: 860,828), not the calendar-year ones.
* ``H5609`` (waste): the 47-prefecture sums are the fiscal-year national totals
  (2022: 40,344,086 t).
* ``F3102``/``F3103`` (job seekers / openings, 一般): the ratio of the 47-prefecture sums
  is 1.16 / 1.31 / 1.30 for 2021–2023, the published fiscal-year national ratios, not the
  calendar-year ones (1.13 / 1.28 / 1.31); it rises 2020→2021 and falls 2022→2023 as the
  fiscal-year ratio did. Before 2021 it is below both published ratios (2012: 0.71).

Bad input (wrong encoding, truncated or empty file, renamed / missing / unregistered item
code, a name that does not match its code, a non-numeric or blank cell, a duplicated
(year, area) row, a missing prefecture-year) raises :class:`IngestError` naming the file,
the row (1-based line of the file) and the column. Publication markers (``-``, ``x``, ``…``)
would give a missing value with the reason in ``value_note`` (never zero); the 2026
releases hold none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalog import Inputs
from ..codes import PREFECTURES
from ..errors import IngestError
from ..parse import compact, name_key, plain_floats
from .common import check_row_lengths, numeric_column, read_csv_rows, reader_inputs, rel
from .ssdse_file import read_ssdse
from .ssdse_items import BASES, ITEMS, RELEASES

ENCODING = "cp932"
B_HEADER_ROWS = 2
E_HEADER_ROWS = 3
#: First three columns of SSDSE-B: (code row, name row).
B_LEAD = (("Code", "地域コード"), ("Prefecture", "都道府県"))

#: Guest-night items of SSDSE-B -> guest_nights nationality.
GUEST_NIGHT_ITEMS = {"G7101": "total", "G7102": "foreign"}

PANEL_COLUMNS = ["area_code", "area_name", "year", "year_basis", "item_code", "item_name_ja",
                 "value", "unit", "kind", "dataset", "status", "source", "reference_period",
                 "value_note"]


@dataclass
class Wide:
    """One SSDSE-B/E file as a matrix: one row per (area, year), one column per item."""

    file: str  # path relative to data/raw
    release: str  # e.g. 'SSDSE-B-2026'
    dataset: str  # 'SSDSE-B' / 'SSDSE-E'
    codes: list[str]
    names: list[str]
    area_codes: list[str]  # '00'–'47'
    area_names: list[str]
    years: np.ndarray  # (rows,) for SSDSE-B; (items,) per-column years for SSDSE-E
    lines: np.ndarray  # 1-based line number of each data row in the file
    values: np.ndarray  # (rows, items) float, NaN where a marker stands
    reasons: dict[str, list[str | None]]  # item -> marker reasons, only items with markers


def _release(path: Path, dataset: str) -> str:
    match = re.fullmatch(rf"({dataset}-\d{{4}})\.csv", path.name)
    if not match:
        raise IngestError(f"file name should look like {dataset}-2026.csv", file=path.name)
    return match.group(1)


def _check_items(codes: list[str], names: list[str], *, release: str, file: str,
                 name_row: int) -> None:
    """The header's item codes must be exactly the registered ones, each with its name."""
    expected = RELEASES.get(release)
    if expected is None:
        raise IngestError(
            f"release {release} is not registered; check its item codes, names and reference "
            "years, then register its items in kawasaki_econ/sources/ssdse_items.toml and the "
            "release in RELEASES (kawasaki_econ/sources/ssdse_items.py)",
            file=file)
    seen: dict[str, int] = {}
    for j, code in enumerate(codes):
        if code in seen:
            raise IngestError(f"item code {code!r} appears twice in the first header row",
                              file=file, row=1, column=code)
        seen[code] = j
    for code in expected:
        if code not in seen:
            raise IngestError(
                f"item code {code!r} ({ITEMS[code].name_ja}) not found in the first header row "
                "(renamed or missing column?)", file=file, row=1, column=code)
    for code in codes:
        if code not in expected:
            raise IngestError(
                f"unexpected item code {code!r} ({names[seen[code]]!r}) in the first header "
                f"row: not registered for {release} (renamed column?)",
                file=file, row=1, column=code)
    for code, name in zip(codes, names, strict=True):
        if name_key(name) != name_key(ITEMS[code].name_ja):
            raise IngestError(
                f"expected item name {ITEMS[code].name_ja!r} for {code}, found {name!r} "
                "(shifted or renamed column, or a file not encoded in CP932?)",
                file=file, row=name_row, column=code)


def _area(code_cell: str, name_cell: str, *, file: str, line: int, code_col: str,
          name_col: str) -> str:
    match = re.fullmatch(r"R(\d{2})000", code_cell.strip())
    if not match or match.group(1) not in PREFECTURES:
        raise IngestError(f"area code should be 'R00000' (全国) or a prefecture 'R01000'–"
                          f"'R47000', found {code_cell!r}", file=file, row=line,
                          column=code_col)
    code = match.group(1)
    if compact(name_cell) != PREFECTURES[code]:
        raise IngestError(f"area name {name_cell!r} does not match area code {code_cell} "
                          f"({PREFECTURES[code]})", file=file, row=line, column=name_col)
    return code


def _matrix(rows: Sequence[Sequence[str]], first: int, codes: list[str], *, file: str,
            first_line: int) -> tuple[np.ndarray, dict[str, list[str | None]]]:
    """Item cells (columns ``first:``) as floats. Plain numbers take a vectorised path;
    otherwise each column goes through the cell parser, which names a bad cell's row."""
    cells = np.array([r[first:] for r in rows], dtype=object)
    fast = plain_floats(cells)
    if fast is not None:
        return fast, {}
    values = np.empty(cells.shape, dtype=np.float64)
    reasons: dict[str, list[str | None]] = {}
    for j, code in enumerate(codes):
        column = list(cells[:, j])
        for i, cell in enumerate(column):
            if not str(cell).strip():  # SSDSE publishes every cell: a blank is damage
                raise IngestError("empty cell (truncated or damaged file?)", file=file,
                                  row=first_line + i, column=code)
        values[:, j], why = numeric_column(column, file=file, column=code,
                                           first_line=first_line)
        if any(r is not None for r in why):
            reasons[code] = why
    return values, reasons


def read_ssdse_b(raw: Path, path: Path | None = None) -> Wide:
    """Read SSDSE-B (two header rows) and check header, areas, years and completeness."""
    path = Path(path) if path is not None else _only(raw, "SSDSE-B")
    file = rel(path, raw)
    release = _release(path, "SSDSE-B")
    rows = read_csv_rows(path, ENCODING, raw=raw)
    if len(rows) <= B_HEADER_ROWS:
        raise IngestError(f"expected {B_HEADER_ROWS} header rows (item code; name) and data "
                          f"rows, found {len(rows)} rows", file=file)
    codes, names = rows[0], rows[1]
    if len(codes) != len(names):
        raise IngestError(f"the two header rows have {len(codes)} and {len(names)} fields",
                          file=file, row=2)
    lead = ((release, "年度"),) + B_LEAD
    for j, (code, name) in enumerate(lead):
        found = (codes[j] if j < len(codes) else None, names[j] if j < len(names) else None)
        if found != (code, name):
            raise IngestError(
                f"header column {j + 1} should be {code!r} / {name!r}, found {found[0]!r} / "
                f"{found[1]!r} (not an SSDSE-B file, or not CP932-encoded?)",
                file=file, row=1 if found[0] != code else 2, column=name)
    _check_items(codes[3:], names[3:], release=release, file=file, name_row=2)
    data = rows[B_HEADER_ROWS:]
    first_line = B_HEADER_ROWS + 1
    check_row_lengths(data, len(codes), file=file, first_line=first_line)

    years = np.empty(len(data), dtype=np.int64)
    areas, area_names = [], []
    seen: dict[tuple[int, str], int] = {}
    for i, row in enumerate(data):
        line = first_line + i
        if not re.fullmatch(r"\d{4}", row[0].strip()):
            raise IngestError(f"expected a 4-digit year, found {row[0]!r}", file=file,
                              row=line, column="年度")
        years[i] = int(row[0])
        code = _area(row[1], row[2], file=file, line=line, code_col="地域コード",
                     name_col="都道府県")
        if code == "00":
            raise IngestError("SSDSE-B has no 全国 row; found R00000", file=file, row=line,
                              column="地域コード")
        if (years[i], code) in seen:
            raise IngestError(
                f"duplicated (年度, 地域コード) = ({years[i]}, {row[1]}); first in row "
                f"{seen[years[i], code]}", file=file, row=line, column="地域コード")
        seen[years[i], code] = line
        areas.append(code)
        area_names.append(PREFECTURES[code])
    # Every prefecture in every year: a file cut at a line end would otherwise pass.
    all_years = sorted(set(years.tolist()))
    prefs = [c for c in PREFECTURES if c != "00"]
    missing = [(y, c) for y in all_years for c in prefs if (y, c) not in seen]
    if missing:
        shown = ", ".join(f"{y} R{c}000" for y, c in missing[:5])
        raise IngestError(
            f"{len(missing)} (year, prefecture) rows missing, e.g. {shown} (truncated file?)",
            file=file, row=first_line + len(data) - 1)
    if all_years != list(range(all_years[0], all_years[-1] + 1)):
        raise IngestError(f"years are not contiguous: {all_years}", file=file)
    values, reasons = _matrix(data, 3, codes[3:], file=file, first_line=first_line)
    return Wide(file, release, "SSDSE-B", codes[3:], names[3:], areas, area_names, years,
                np.arange(first_line, first_line + len(data)), values, reasons)


def read_ssdse_e(raw: Path, path: Path | None = None) -> Wide:
    """Read SSDSE-E (three header rows: code, per-column year, name) via
    :func:`~kawasaki_econ.sources.ssdse_file.read_ssdse` and check it like SSDSE-B."""
    path = Path(path) if path is not None else _only(raw, "SSDSE-E")
    release = _release(path, "SSDSE-E")
    f = read_ssdse(path, raw)  # checks header lengths, R-codes, row lengths, duplicates
    file = f.name
    lead = ((release, "", "地域コード"), ("Prefecture", "年度", "都道府県"))
    for j, expected in enumerate(lead):
        found = (f.codes[j], f.years[j], f.names[j]) if j < len(f.codes) else None
        if found != expected:
            raise IngestError(f"header column {j + 1} should be {expected}, found {found}",
                              file=file, row=1, column=expected[2])
    codes, names = f.codes[2:], f.names[2:]
    _check_items(codes, names, release=release, file=file, name_row=3)
    years = np.empty(len(codes), dtype=np.int64)
    for j, code in enumerate(codes):
        year = f.years[j + 2].strip()
        if not re.fullmatch(r"\d{4}", year):
            raise IngestError(f"expected a 4-digit reference year in the year header row, "
                              f"found {f.years[j + 2]!r}", file=file, row=2, column=code)
        years[j] = int(year)
    first_line = E_HEADER_ROWS + 1
    areas = [_area(r[0], r[1], file=file, line=first_line + i, code_col="地域コード",
                   name_col="都道府県") for i, r in enumerate(f.rows)]
    missing = [c for c in PREFECTURES if c not in set(areas)]
    if missing:
        raise IngestError(f"areas missing: {', '.join('R' + c + '000' for c in missing)} "
                          "(truncated file?)", file=file, row=first_line + len(f.rows) - 1)
    values, reasons = _matrix(f.rows, 2, codes, file=file, first_line=first_line)
    return Wide(file, release, "SSDSE-E", codes, names, areas,
                [PREFECTURES[c] for c in areas], years,
                np.arange(first_line, first_line + len(f.rows)), values, reasons)


def _only(raw: Path, dataset: str, inputs: Inputs | None = None) -> Path:
    """The newest release of ``dataset`` among the inputs."""
    pattern = f"ssdse/{dataset}-*.csv"
    files = reader_inputs(raw, inputs, (pattern,)).match(pattern)
    if not files:
        raise IngestError("file not found", file=pattern)
    return files[-1]


def _long(w: Wide) -> pd.DataFrame:
    """Long rows of one wide file: one per (area, year, item)."""
    n, k = w.values.shape
    items = [ITEMS[c] for c in w.codes]
    bases = [BASES[i.basis] for i in items]
    if w.dataset == "SSDSE-B":
        year = np.tile(w.years, k)
    else:
        year = np.repeat(w.years, n)
    code = np.repeat(np.array(w.codes, dtype=object), n)
    line = np.tile(w.lines, k)
    reasons = np.full(n * k, None, dtype=object)
    for j, c in enumerate(w.codes):
        if c in w.reasons:
            reasons[j * n:(j + 1) * n] = w.reasons[c]
    return pd.DataFrame({
        "area_code": np.tile(np.array(w.area_codes, dtype=object), k),
        "area_name": np.tile(np.array(w.area_names, dtype=object), k),
        "year": year,
        "year_basis": np.repeat([b.year_basis for b in bases], n),
        "item_code": code,
        "item_name_ja": np.repeat(np.array(w.names, dtype=object), n),
        "value": w.values.T.ravel(),
        "unit": np.repeat(np.array([i.unit for i in items], dtype=object), n),
        "kind": np.repeat([i.kind for i in items], n),
        "dataset": w.dataset,
        "status": "final",
        "source": [f"{w.file}:{c} row {ln}" for c, ln in zip(code, line, strict=True)],
        "reference_period": np.repeat([b.reference_period or None for b in bases], n),
        "value_note": reasons,
    })


def build_prefecture_panel(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """The ``prefecture_panel`` table: every item of SSDSE-B and SSDSE-E in long form.

    Key (area_code, year, item_code, dataset). SSDSE-B and SSDSE-E rows for the same item
    and year are both kept (``dataset`` differs); they hold the same values where they
    overlap (2023 items).
    """
    raw = Path(raw)
    b, e = _only(raw, "SSDSE-B", inputs), _only(raw, "SSDSE-E", inputs)
    out = pd.concat([_long(read_ssdse_b(raw, b)), _long(read_ssdse_e(raw, e))],
                    ignore_index=True)
    return out[PANEL_COLUMNS]


def guest_nights_from_ssdse_b(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """SSDSE-B's guest-night items as ``guest_nights`` rows.

    ``G7101`` (延べ宿泊者数) → ``nationality='total'``, ``G7102`` (外国人延べ宿泊者数) →
    ``'foreign'``; ``frame='employees_10plus'`` (facilities with 10+ employees: the values
    equal sheets 4-1/5-1 of the 2017-09 推移表 for 2012–2016, not the all-facility frame),
    ``freq='year'``, ``period`` = calendar year, ``status='final'``, ``release`` = the
    SSDSE release (``SSDSE-B-2026``). Columns are those of
    :func:`kawasaki_econ.sources.kankocho.build_guest_nights`.
    """
    w = read_ssdse_b(Path(raw), _only(Path(raw), "SSDSE-B", inputs))
    frames = []
    for code, nationality in GUEST_NIGHT_ITEMS.items():
        j = w.codes.index(code)
        values = w.values[:, j]
        why = w.reasons.get(code, [None] * len(values))
        for i, v in enumerate(values):
            if v == v and (v < 0 or not float(v).is_integer()):
                raise IngestError(f"expected a non-negative whole number of person-nights, "
                                  f"found {v!r}", file=w.file, row=int(w.lines[i]), column=code)
        note = (f"{w.release} item {code} ({w.names[j]}): facilities with 10+ employees, "
                "calendar year")
        frames.append(pd.DataFrame({
            "area_code": w.area_codes,
            "area_name": [PREFECTURES[c] for c in w.area_codes],
            "frame": "employees_10plus",
            "nationality": nationality,
            "freq": "year",
            "period": [f"{y:04d}" for y in w.years],
            "value": pd.array([None if v != v else int(v) for v in values], dtype="Int64"),
            "status": "final",
            "release": w.release,
            "source": [f"{w.file}:{code} row {ln}" for ln in w.lines],
            "value_note": [f"{r}; {note}" if r else note for r in why],
        }))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["nationality", "area_code", "period"],
                           kind="mergesort").reset_index(drop=True)


__all__ = ["build_prefecture_panel", "guest_nights_from_ssdse_b", "read_ssdse_b",
           "read_ssdse_e"]
