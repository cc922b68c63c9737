"""The list of core cities (中核市), transcribed from 総務省's list.

``data/raw/transcribed/core_cities.csv`` (UTF-8, one city per row): ``area_code``
(5-digit SSDSE code), ``prefecture``, ``name``, ``category`` (中核市), ``as_of`` (date
the list holds for, YYYY-MM-DD), ``source_url`` (the official list) and ``source_note``.
The file must match its catalogue checksum; a bad cell is an IngestError naming file,
row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..catalog import require_valid
from ..errors import IngestError
from ..paths import raw_dir
from .common import read_csv_table, text_cell

CORE_CITIES = "transcribed/core_cities.csv"
COLUMNS = ("area_code", "prefecture", "name", "category", "as_of", "source_url", "source_note")
_CODE = re.compile(r"\d{5}")


@dataclass(frozen=True)
class CoreCityList:
    """The transcribed 中核市 list: area code -> name, the date it holds for, its source."""

    cities: dict[str, str]
    as_of: str
    source_url: str
    file: str = CORE_CITIES


def read_core_cities(root: Path | None = None) -> CoreCityList:
    """Read and check ``transcribed/core_cities.csv`` (catalogued, checksum verified)."""
    require_valid([CORE_CITIES], root)
    raw = raw_dir(root)
    table = read_csv_table(raw / CORE_CITIES, raw, COLUMNS)
    cities: dict[str, str] = {}
    dates, urls = set(), set()
    for i, row in enumerate(table.rows):
        line = table.lines[i]
        code = text_cell(row["area_code"], file=table.file, row=line, column="area_code",
                         pattern=_CODE, expected="a 5-digit area code")
        if code in cities:
            raise IngestError(f"area code {code} listed twice", file=table.file, row=line,
                              column="area_code")
        cities[code] = text_cell(row["name"], file=table.file, row=line, column="name")
        as_of = text_cell(row["as_of"], file=table.file, row=line, column="as_of")
        try:
            date.fromisoformat(as_of)
        except ValueError as exc:
            raise IngestError(f"expected a date YYYY-MM-DD, found {as_of!r}", file=table.file,
                              row=line, column="as_of") from exc
        dates.add(as_of)
        urls.add(text_cell(row["source_url"], file=table.file, row=line, column="source_url"))
    if len(dates) != 1 or len(urls) != 1:
        raise IngestError("every row must give the same as_of date and source_url "
                          f"(found {sorted(dates)} / {sorted(urls)})", file=table.file)
    return CoreCityList(cities, dates.pop(), urls.pop())
