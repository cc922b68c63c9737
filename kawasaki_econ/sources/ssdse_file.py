"""SSDSE files (教育用標準データセット, NSTAC): the CSV format with three header rows —
item code, reference year, Japanese item name — and a leading ``R`` on area codes
(川崎市 = ``R14130``), read by :func:`read_ssdse`; and what every reader of the SSDSE-A
releases shares: finding the releases, warning about municipalities that vanish between
releases, and combining releases that carry the same value into one row.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalog import Inputs
from ..errors import DataWarning, IngestError
from ..parse import plain_floats
from ..schema import SSDSE_A_GLOB
from .common import check_row_lengths, numeric_column, read_csv_rows, rel

ENCODING = "cp932"
HEADER_ROWS = 3


@dataclass
class SsdseFile:
    """A parsed SSDSE file: header rows and the data rows (as strings)."""

    path: Path
    name: str  # relative path for messages / sources
    codes: list[str]
    years: list[str]
    names: list[str]
    rows: Sequence[Sequence[str]]

    def column(self, code: str) -> int:
        try:
            return self.codes.index(code)
        except ValueError:
            raise IngestError(
                f"column code {code!r} not found in the first header row "
                "(renamed or missing column?)",
                file=self.name,
                row=1,
                column=code,
            ) from None

    def matrix(self, codes: list[str]) -> tuple[np.ndarray, list[list[str | None]]]:
        """Values of several columns as a (rows × codes) float array, plus the missing-
        value reasons per column. Plain numeric files take a fast path; anything else
        (markers, full-width digits, separators) goes through the cell parser."""
        idx = [self.column(code) for code in codes]
        cells = np.array([[row[i] for i in idx] for row in self.rows], dtype=object)
        fast = plain_floats(cells)
        if fast is not None:
            return fast, [[None] * len(self.rows) for _ in codes]
        parsed = [self.values(code) for code in codes]
        return np.column_stack([v for v, _ in parsed]), [r for _, r in parsed]

    def values(self, code: str) -> tuple[np.ndarray, list[str | None]]:
        idx = self.column(code)
        return numeric_column(
            [r[idx] for r in self.rows], file=self.name, column=code, first_line=HEADER_ROWS + 1
        )


def read_ssdse(path: Path, raw: Path) -> SsdseFile:
    """Read an SSDSE-A/E file with three header rows (code, year, name)."""
    name = rel(path, raw)
    rows = read_csv_rows(path, ENCODING, raw=raw)
    if len(rows) <= HEADER_ROWS:
        raise IngestError(
            f"expected {HEADER_ROWS} header rows and data rows, found {len(rows)} rows",
            file=name,
        )
    codes, years, names = (list(r) for r in rows[:HEADER_ROWS])
    if not (len(codes) == len(years) == len(names)):
        raise IngestError("the three header rows have different lengths", file=name, row=1)
    if not names or names[0] != "地域コード":
        raise IngestError(
            f"third header row should start with '地域コード', found {names[:1]!r}",
            file=name,
            row=3,
        )
    data = rows[HEADER_ROWS:]
    check_row_lengths(data, len(codes), file=name, first_line=HEADER_ROWS + 1)
    for i, row in enumerate(data):
        if not re.fullmatch(r"R\d{5}", row[0]):
            raise IngestError(
                f"area code should look like 'R14130', found {row[0]!r}",
                file=name,
                row=HEADER_ROWS + 1 + i,
                column="地域コード",
            )
    seen: dict[str, int] = {}
    for i, row in enumerate(data, start=HEADER_ROWS + 1):
        if row[0] in seen:
            raise IngestError(
                f"area code {row[0]} appears twice (also in row {seen[row[0]]})",
                file=name,
                row=i,
                column="地域コード",
            )
        seen[row[0]] = i
    return SsdseFile(path, name, codes, years, names, data)


def text_column(values: np.ndarray) -> pd.Series:
    """A text column kept as Python objects while releases are combined (pandas would
    otherwise convert every intermediate column to Arrow strings); the build's
    ``validate`` converts each column once, at the end."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object, copy=False)


def release_year(path: Path) -> int:
    match = re.search(r"SSDSE-[A-Z]-(\d{4})", path.name)
    if not match:
        raise IngestError("file name should look like SSDSE-A-2021.csv", file=path.name)
    return int(match.group(1))


def merge_releases(df: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Combine releases that carry the same value: one row whose ``source`` lists every
    release (``file:column``) holding it; each distinct value keeps its own row and
    sources. (Census releases, which must agree, use :func:`merge_census_releases`.)
    """
    df = df.reset_index(drop=True)
    combined = np.zeros(len(df), dtype=np.int64)
    for col in key:  # mixed-radix integer key: much faster than joining strings
        codes, uniques = pd.factorize(df[col])
        combined = combined * (len(uniques) + 1) + codes
    group_key, _ = pd.factorize(combined)
    value = df["value"].to_numpy(dtype=np.int64)
    value_key, _ = pd.factorize(group_key.astype(np.int64) * (int(value.max()) + 1) + value)
    file_codes, files = pd.factorize(df["file"])
    if len(files) > 62:
        raise IngestError(f"too many releases to merge ({len(files)})", file=files[0])
    masks = np.zeros(value_key.max() + 1, dtype=np.int64)
    np.bitwise_or.at(masks, value_key, np.left_shift(1, file_codes.astype(np.int64)))
    _, first = np.unique(value_key, return_index=True)
    out = df.iloc[np.sort(first)].copy()
    out["mask"] = masks[value_key[out.index]]
    pairs = out[["mask", "column"]].drop_duplicates()
    names = {
        (m, c): ", ".join(sorted(f"{f}:{c}" for i, f in enumerate(files) if m >> i & 1))
        for m, c in pairs.itertuples(index=False)
    }
    out["source"] = [names[p] for p in zip(out["mask"].tolist(), out["column"].tolist(),
                                           strict=True)]
    return out.drop(columns=["mask", "file", "column"])


def ssdse_a_files(inputs: Inputs) -> list[Path]:
    files = inputs.match(SSDSE_A_GLOB)
    if not files:
        raise IngestError("no SSDSE-A release found", file=SSDSE_A_GLOB)
    return files


def warn_dropped_municipalities(releases: list[SsdseFile]) -> list[str]:
    """Warn (:class:`~kawasaki_econ.errors.DataWarning`) about municipalities present in
    one SSDSE-A release and missing from the next; return the messages.

    A code that disappears while a new code appears in the same prefecture is a merger
    or a change of status (e.g. 那珂川町 R40305 → 那珂川市 R40231 in SSDSE-A-2020) and is
    fine; a code that vanishes with no new code in its prefecture is listed.
    """
    messages = []
    for old, new in zip(releases, releases[1:], strict=False):
        before = {r[0]: (r[1], r[2]) for r in old.rows}
        after = {r[0]: (r[1], r[2]) for r in new.rows}
        new_prefs = {after[c][0] for c in set(after) - set(before)}
        dropped = sorted(c for c in set(before) - set(after) if before[c][0] not in new_prefs)
        if dropped:
            listed = ", ".join(f"{c} {before[c][0]}{before[c][1]}" for c in dropped[:20])
            more = f" and {len(dropped) - 20} more" if len(dropped) > 20 else ""
            messages.append(f"{new.name} lacks {len(dropped)} municipalit"
                            f"{'y' if len(dropped) == 1 else 'ies'} present in {old.name}: "
                            f"{listed}{more} (no new code in the same prefecture, so not a "
                            "merger: deleted rows?)")
    for message in messages:
        warnings.warn(message, DataWarning, stacklevel=1)
    return messages
