"""The ``census`` table: the economic census from SSDSE (教育用標準データセット, NSTAC)
and figures transcribed from publications (``census_other_sources.csv``).

SSDSE-A: one row per municipality (file format: :mod:`kawasaki_econ.sources.ssdse_file`;
the population items: :mod:`kawasaki_econ.sources.population`). The
economic-census columns drift between releases; each release is mapped explicitly in
:data:`CENSUS_LAYOUTS` (never guessed) and the Japanese name in the third header row is
checked against the expected division name, so a renamed or moved column fails loudly.

SSDSE-E: 全国 (``R00000``) + 47 prefectures with the same three header rows; its 2021
economic-census columns (totals and seven divisions) are the official national and
prefecture figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalog import Inputs
from ..codes import JSIC_NAMES
from ..errors import IngestError
from ..parse import name_key
from ..schema import CENSUS_OTHER, SSDSE_E_GLOB
from .common import (
    current_year,
    date_cell,
    int_cell,
    read_csv_table,
    reader_inputs,
    rel,
    text_cell,
    year_cell,
)
from .ssdse_file import (
    HEADER_ROWS,
    SSDSE_A_GLOB,
    SsdseFile,
    read_ssdse,
    release_year,
    ssdse_a_files,
    text_column,
    warn_dropped_municipalities,
)

AREA_CODE_RE = re.compile(r"\d{5}")


@dataclass(frozen=True)
class CensusLayout:
    """How one SSDSE release carries one economic census."""

    census_year: int
    survey: str
    scope: str  # "private" (民営) or "all" (incl. public establishments)
    establishments: str  # total column code
    employees: str
    suffix_to_division: dict[str, str]  # column-code suffix -> JSIC letter
    total_names: tuple[tuple[str, ...], tuple[str, ...]]  # accepted names of the two totals


_SUFFIX_2014 = {
    "03": "A", "08": "D", "09": "E", "10": "F", "11": "G", "12": "H", "13": "I", "16": "J",
    "17": "K", "18": "L", "19": "M", "20": "N", "21": "O", "22": "P", "23": "Q", "24": "R",
    "25": "S",
}  # fmt: skip
_SUFFIX_PRIVATE = {
    "32": "A", "33": "B", "35": "C", "36": "D", "37": "E", "38": "F", "39": "G", "40": "H",
    "41": "I", "44": "J", "45": "K", "46": "L", "47": "M", "48": "N", "49": "O", "50": "P",
    "51": "Q", "52": "R",
}  # fmt: skip

_LAYOUT_2014 = CensusLayout(
    2014, "economic_census_basic", "all", "C2107", "C2207", _SUFFIX_2014,
    (("事業所総数", "事業所数"), ("従業者総数", "従業者数")),
)  # fmt: skip


def _private(year: int) -> CensusLayout:
    return CensusLayout(
        year, "economic_census_activity", "private", "C2108", "C2208", _SUFFIX_PRIVATE,
        (("事業所数（民営）",), ("従業者数（民営）",)),
    )  # fmt: skip


#: SSDSE-A release year -> census layout. 2018–2020: 2014 economic census (basic survey),
#: all establishments incl. public, S as its own column, no B/C columns; 2021–2023: 2016
#: census (activity survey), private; 2024–2026: 2021 census (activity survey), private.
CENSUS_LAYOUTS: dict[int, CensusLayout] = {
    **{y: _LAYOUT_2014 for y in (2018, 2019, 2020)},
    **{y: _private(2016) for y in (2021, 2022, 2023)},
    **{y: _private(2021) for y in (2024, 2025, 2026)},
}

#: SSDSE-E release year -> census layout (divisions present are checked by name).
CENSUS_LAYOUTS_E: dict[int, CensusLayout] = {2026: _private(2021)}


def _expect_name(f: SsdseFile, code: str, layout: CensusLayout, expected: str | tuple) -> None:
    """Check the published item name: a total must be one of the accepted names, a
    division must contain the division name, and 民営 must appear iff scope is private."""
    idx = f.column(code)
    found = name_key(f.names[idx])
    if isinstance(expected, tuple):
        ok = found in {name_key(e) for e in expected}
    else:
        ok = name_key(expected) in found
    ok = ok and (("民営" in found) == (layout.scope == "private"))
    if not ok:
        raise IngestError(
            f"expected item name {expected!r} ({layout.scope} scope), found {f.names[idx]!r}",
            file=f.name,
            row=3,
            column=code,
        )


def _expect_year(f: SsdseFile, code: str, year: int) -> None:
    idx = f.column(code)
    if f.years[idx].strip() != str(year):
        raise IngestError(
            f"expected reference year {year} in the year header row, found {f.years[idx]!r}",
            file=f.name,
            row=2,
            column=code,
        )


def census_block(f: SsdseFile, layout: CensusLayout, dataset: str
                 ) -> tuple[list[tuple[str, str, str]], np.ndarray]:
    """The census columns of one SSDSE file — ``(code, measure, division)`` each, checked
    against the layout's names and year — and their values (rows × columns, int64)."""
    columns: list[tuple[str, str, str]] = []  # (code, measure, division)
    for total, measure, expected in (
        (layout.establishments, "establishments", layout.total_names[0]),
        (layout.employees, "employees", layout.total_names[1]),
    ):
        _expect_name(f, total, layout, expected)
        columns.append((total, measure, "ALL"))
        for suffix, division in layout.suffix_to_division.items():
            code = total + suffix
            if code not in f.codes and dataset == "SSDSE-E":
                continue  # SSDSE-E carries only some divisions
            _expect_name(f, code, layout, JSIC_NAMES[division])
            columns.append((code, measure, division))
    for code, _, _ in columns:
        _expect_year(f, code, layout.census_year)
    codes = [c for c, _, _ in columns]
    values, reasons = f.matrix(codes)
    for j, column_reasons in enumerate(reasons):
        missing = [i for i, r in enumerate(column_reasons) if r is not None]
        if missing:
            i = missing[0]
            raise IngestError(
                f"census count is missing ({column_reasons[i]}); SSDSE publishes every cell",
                file=f.name,
                row=HEADER_ROWS + 1 + i,
                column=codes[j],
            )
    fractional = np.argwhere(values != np.round(values))
    if len(fractional):
        i, j = fractional[0]
        raise IngestError(f"expected a whole count, found {values[i, j]}", file=f.name,
                          row=HEADER_ROWS + 1 + int(i), column=codes[j])
    return columns, values.astype(np.int64)


def census_frame(f: SsdseFile, layout: CensusLayout, dataset: str) -> pd.DataFrame:
    """Long census rows of one SSDSE file according to its explicit layout."""
    columns, values = census_block(f, layout, dataset)
    codes = [c for c, _, _ in columns]
    n = values.shape[0]
    area = np.array([r[0][1:] for r in f.rows], dtype=object)
    pref = np.array([r[1] for r in f.rows], dtype=object)
    muni = np.array([r[2] for r in f.rows], dtype=object) if dataset == "SSDSE-A" else pref
    frame = pd.DataFrame(_long_columns(f, columns, layout, dataset, (area, muni, pref), values))
    frame.insert(frame.columns.get_loc("value") + 1, "column", text_column(np.repeat(codes, n)))
    return frame


def _long_columns(f: SsdseFile, columns: list, layout: CensusLayout, dataset: str,
                  names: tuple[np.ndarray, np.ndarray, np.ndarray], values: np.ndarray) -> dict:
    """The columns of long census rows: ``names`` = (area codes, municipality names,
    prefecture names) of the n areas, ``values`` their n × k matrix for the k ``columns``."""
    area, muni, pref = names
    codes = [c for c, _, _ in columns]
    n, k = len(area), len(columns)
    rows = n * k
    return {
        "area_code": text_column(np.tile(area, k)),
        "area_name": text_column(np.tile(muni, k)),
        "prefecture": text_column(np.tile(pref, k)),
        "industry_code": text_column(np.repeat([d for _, _, d in columns], n)),
        "industry_name_ja": text_column(np.repeat([f.names[f.column(c)] for c in codes], n)),
        "measure": text_column(np.repeat([m for _, m, _ in columns], n)),
        "value": values.T.ravel(),
        "census_year": np.full(rows, layout.census_year, dtype=np.int64),
        "survey": text_column(np.full(rows, layout.survey, dtype=object)),
        "scope": text_column(np.full(rows, layout.scope, dtype=object)),
        "dataset": text_column(np.full(rows, dataset, dtype=object)),
        "status": text_column(np.full(rows, "final", dtype=object)),
    }


def merge_census_releases(releases: list[SsdseFile], layout: CensusLayout) -> pd.DataFrame:
    """SSDSE-A releases carrying the same census, combined: one row per area and column
    whose ``source`` lists every release holding it (``file:column``, sorted). Two
    releases that disagree on a value raise :class:`IngestError` naming both. Rows come
    in the order of their first release (then column, then area); names are those of that
    release."""
    if len(releases) > 62:
        raise IngestError(f"too many releases to merge ({len(releases)})", file=releases[0].name)
    blocks = [census_block(f, layout, "SSDSE-A") for f in releases]
    columns = blocks[0][0]
    for f, (cols, _) in zip(releases, blocks, strict=True):
        if cols != columns:
            raise IngestError(f"census columns differ from {releases[0].name} although both "
                              "are registered with the same layout", file=f.name, row=1)
    codes = [c for c, _, _ in columns]
    k = len(codes)
    union: dict[str, int] = {}
    for f in releases:
        for row in f.rows:
            union.setdefault(row[0], len(union))
    values = np.zeros((len(union), k), dtype=np.int64)
    have = np.zeros(len(union), dtype=bool)
    present = np.zeros((len(union), len(releases)), dtype=bool)
    first = np.full(len(union), -1, dtype=np.int64)
    for r, (f, (_, block)) in enumerate(zip(releases, blocks, strict=True)):
        idx = np.array([union[row[0]] for row in f.rows], dtype=np.int64)
        present[idx, r] = True
        old = have[idx]
        clash = np.argwhere(values[idx[old]] != block[old])
        if len(clash):
            i, j = clash[0]
            u = idx[old][i]
            code = next(c for c, pos in union.items() if pos == u)
            holders = [g for g in range(r + 1) if present[u, g]]
            detail = "; ".join(
                f"{releases[g].name}:{codes[j]} = "
                f"{blocks[g][1][[row[0] for row in releases[g].rows].index(code), j]}"
                for g in holders)
            raise IngestError(
                f"{len(clash)} values disagree between releases of the same census, e.g. "
                f"area {code[1:]}, census {layout.census_year}, column {codes[j]}: {detail}",
                file=", ".join(releases[g].name for g in holders))
        new = ~old
        values[idx[new]] = block[new]
        first[idx[new]] = r
        have[idx] = True
    files = [f.name for f in releases]
    masks = present @ (1 << np.arange(len(releases), dtype=np.int64))
    sources: dict[tuple[int, str], str] = {}
    parts = []
    for r, f in enumerate(releases):
        pos = np.array([i for i, row in enumerate(f.rows) if first[union[row[0]]] == r],
                       dtype=np.int64)
        if not len(pos):
            continue
        u = np.array([union[f.rows[i][0]] for i in pos], dtype=np.int64)
        area = np.array([f.rows[i][0][1:] for i in pos], dtype=object)
        muni = np.array([f.rows[i][2] for i in pos], dtype=object)
        pref = np.array([f.rows[i][1] for i in pos], dtype=object)
        source = []
        for code in codes:
            for m in masks[u].tolist():
                key = (m, code)
                if key not in sources:
                    sources[key] = ", ".join(sorted(f"{files[g]}:{code}"
                                                    for g in range(len(files)) if m >> g & 1))
                source.append(sources[key])
        parts.append(pd.DataFrame({
            **_long_columns(f, columns, layout, "SSDSE-A", (area, muni, pref), values[u]),
            "source": text_column(np.array(source, dtype=object)),
        }))
    return pd.concat(parts, ignore_index=True)


def build_census(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """The ``census`` table: all SSDSE-A releases, SSDSE-E 2021 official national and
    prefecture rows, and the transcribed figures of ``census_other_sources.csv``.
    ``inputs``: the verified files (see :func:`.common.reader_inputs`)."""
    inputs = reader_inputs(raw, inputs, (SSDSE_A_GLOB, SSDSE_E_GLOB, CENSUS_OTHER))
    groups: dict[tuple[int, str, str], list[SsdseFile]] = {}  # releases of one census
    releases = []
    for path in ssdse_a_files(inputs):
        year = release_year(path)
        if year not in CENSUS_LAYOUTS:
            raise IngestError(
                f"no census column layout is registered for SSDSE-A-{year}; add it to "
                "CENSUS_LAYOUTS in kawasaki_econ/sources/ssdse.py after checking its columns",
                file=rel(path, raw),
            )
        f = read_ssdse(path, raw)
        releases.append(f)
        layout = CENSUS_LAYOUTS[year]
        groups.setdefault((layout.census_year, layout.survey, layout.scope), []).append(f)
    warn_dropped_municipalities(releases)
    parts = [merge_census_releases(files, CENSUS_LAYOUTS[release_year(files[0].path)])
             for files in groups.values()]
    for path in inputs.match(SSDSE_E_GLOB):
        layout = CENSUS_LAYOUTS_E.get(release_year(path))
        if layout is None:
            continue
        f = read_ssdse(path, raw)
        e = census_frame(f, layout, "SSDSE-E").assign(file=f.name)
        e["source"] = e["file"] + ":" + e["column"]
        parts.append(e)
    parts.append(read_census_other(raw, inputs.one(CENSUS_OTHER)))
    out = pd.concat(parts, ignore_index=True)
    return out.drop(columns=["file", "column"], errors="ignore")


OTHER_COLUMNS = [
    "area", "area_code", "survey", "year", "reference_date", "industry_code",
    "industry_name_ja", "measure", "value", "scope", "status", "source_url", "source_note",
]  # fmt: skip


def read_census_other(raw: Path, path: Path | None = None) -> pd.DataFrame:
    """``transcribed/census_other_sources.csv``: figures read from publications."""
    table = read_csv_table(path or raw / CENSUS_OTHER, raw, OTHER_COLUMNS)
    df = pd.DataFrame(table.rows)
    f = table.file
    values, years, codes = [], [], []
    for r, line in zip(table.rows, table.lines, strict=True):
        values.append(int_cell(r["value"], file=f, row=line, column="value"))
        year = year_cell(r["year"], file=f, row=line, column="year", last=current_year())
        day = date_cell(r["reference_date"], file=f, row=line, column="reference_date",
                        last=current_year())
        if day.year != year:
            raise IngestError(f"reference_date {day} is not in the census year {year}",
                              file=f, row=line, column="reference_date")
        codes.append(text_cell(r["area_code"], file=f, row=line, column="area_code",
                               pattern=AREA_CODE_RE, expected="a 5-digit municipality code "
                               "such as 14130 (no padding is added)"))
        years.append(year)
    return pd.DataFrame(
        {
            "area_code": codes,
            "area_name": df["area"],
            "prefecture": [a if c.endswith("000") else "" for c, a in zip(codes, df["area"],
                                                                          strict=True)],
            "census_year": years,
            "survey": df["survey"],
            "scope": df["scope"],
            "industry_code": df["industry_code"],
            "industry_name_ja": df["industry_name_ja"],
            "measure": df["measure"],
            "value": np.array(values, dtype="int64"),
            "dataset": "transcribed",
            "status": df["status"],
            "source": [table.source(i) for i in range(len(df))],
            "reference_date": df["reference_date"],
            "source_url": df["source_url"],
            "note": df["source_note"],
        }
    )
