"""The list of core cities (中核市), transcribed from 総務省's list: the ``core_cities``
table.

``data/raw/transcribed/core_cities.csv`` (UTF-8, one city per row): ``area_code``
(5-digit SSDSE code), ``prefecture``, ``name``, ``category`` (中核市), ``as_of`` (the
date the list holds for, YYYY-MM-DD), ``source_url`` (the official list) and
``source_note``. Every row must give the same ``as_of`` and ``source_url``; a code listed
twice, a code that is not 5 digits or a date that is not a real date is an IngestError
naming file, row and column.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from ..catalog import Inputs
from ..errors import IngestError
from ..schema import CORE_CITIES
from .common import read_csv_table, reader_inputs, text_cell

COLUMNS = ("area_code", "prefecture", "name", "category", "as_of", "source_url", "source_note")
_CODE = re.compile(r"\d{5}")


def _date_cell(value: str, *, file: str, row: int) -> str:
    text = text_cell(value, file=file, row=row, column="as_of")
    try:
        date.fromisoformat(text)
    except ValueError as exc:
        raise IngestError(f"expected a date YYYY-MM-DD, found {value!r}", file=file, row=row,
                          column="as_of") from exc
    return text


def build_core_cities(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """One row per core city: area_code, prefecture, name, category, as_of, source_url,
    status (``final``), source (``<file>:row <line>``)."""
    inputs = reader_inputs(raw, inputs, (CORE_CITIES,))
    table = read_csv_table(inputs.one(CORE_CITIES), Path(raw), COLUMNS)
    rows, seen = [], {}
    for i, row in enumerate(table.rows):
        line = table.lines[i]
        code = text_cell(row["area_code"], file=table.file, row=line, column="area_code",
                         pattern=_CODE, expected="a 5-digit area code")
        if code in seen:
            raise IngestError(f"area code {code} listed twice (first on row {seen[code]})",
                              file=table.file, row=line, column="area_code")
        seen[code] = line
        rows.append({
            "area_code": code,
            "prefecture": text_cell(row["prefecture"], file=table.file, row=line,
                                    column="prefecture"),
            "name": text_cell(row["name"], file=table.file, row=line, column="name"),
            "category": text_cell(row["category"], file=table.file, row=line, column="category"),
            "as_of": _date_cell(row["as_of"], file=table.file, row=line),
            "source_url": text_cell(row["source_url"], file=table.file, row=line,
                                    column="source_url"),
            "status": "final",
            "source": table.source(i),
        })
    df = pd.DataFrame(rows)
    for column in ("as_of", "source_url"):
        if df[column].nunique() != 1:
            raise IngestError(f"every row must give the same {column} (found "
                              f"{sorted(df[column].unique())})", file=table.file, column=column)
    return df
