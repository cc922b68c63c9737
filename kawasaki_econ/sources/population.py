"""The ``population`` table from every SSDSE-A release (SSDSE files:
:mod:`kawasaki_econ.sources.ssdse_file`): population by sex and age, births, deaths,
migration and households per municipality. Identical values of several releases become
one row listing each release in ``source``; a marker gives no row.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..catalog import Inputs
from ..errors import IngestError
from .common import reader_inputs
from .ssdse_file import (
    HEADER_ROWS,
    SSDSE_A_GLOB,
    merge_releases,
    read_ssdse,
    ssdse_a_files,
    text_column,
    warn_dropped_municipalities,
)

#: Population items taken from SSDSE-A: code -> measure.
POPULATION_ITEMS: dict[str, str] = {
    "A1101": "population_total",
    "A110101": "population_male",
    "A110102": "population_female",
    "A1102": "population_japanese",
    "A1301": "population_0_14",
    "A1302": "population_15_64",
    "A1303": "population_65_plus",
    "A1419": "population_75_plus",
    "A1700": "population_foreign",
    "A4101": "births",
    "A4200": "deaths",
    "A5101": "in_migrants",
    "A5102": "out_migrants",
    "A7101": "households",
}


def _measure(measure: str, name_ja: str) -> str:
    """Migration items changed definition (all movers → Japanese movers only, 日本人移動者)
    in SSDSE-A-2020: give the two definitions different measure names."""
    return f"{measure}_japanese" if "日本人移動者" in name_ja else measure


POPULATION_COLUMNS = ("area_code", "area_name", "prefecture", "year", "item_code", "measure",
                      "measure_name_ja", "value", "file", "column")


def build_population(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """The ``population`` table from every SSDSE-A release (identical values of several
    releases become one row listing each release in ``source``)."""
    inputs = reader_inputs(raw, inputs, (SSDSE_A_GLOB,))
    parts: dict[str, list[np.ndarray]] = {c: [] for c in (
        "area_code", "area_name", "prefecture", "value")}
    constants: dict[str, list[object]] = {c: [] for c in (
        "year", "item_code", "measure", "measure_name_ja", "file", "column")}
    counts: list[int] = []
    releases = []
    for path in ssdse_a_files(inputs):
        f = read_ssdse(path, raw)
        releases.append(f)
        area = np.array([r[0][1:] for r in f.rows], dtype=object)
        names = np.array([r[2] for r in f.rows], dtype=object)
        prefs = np.array([r[1] for r in f.rows], dtype=object)
        for code, measure in POPULATION_ITEMS.items():
            if code not in f.codes:
                continue
            idx = f.column(code)
            values, _ = f.values(code)
            fractional = np.flatnonzero(~np.isnan(values) & (values != np.round(values)))
            if len(fractional):
                raise IngestError(f"expected a whole count, found {values[fractional[0]]!r}",
                                  file=f.name, row=HEADER_ROWS + 1 + int(fractional[0]),
                                  column=code)
            year = f.years[idx].strip()
            if not year.isdigit():
                raise IngestError(
                    f"expected a reference year, found {year!r}", file=f.name, row=2, column=code
                )
            published = ~np.isnan(values)  # a marker gives no row
            counts.append(int(published.sum()))
            parts["area_code"].append(area[published])
            parts["area_name"].append(names[published])
            parts["prefecture"].append(prefs[published])
            parts["value"].append(values[published])
            for col, value in (("year", int(year)), ("item_code", code),
                               ("measure", _measure(measure, f.names[idx])),
                               ("measure_name_ja", f.names[idx]), ("file", f.name),
                               ("column", code)):
                constants[col].append(value)
    warn_dropped_municipalities(releases)
    columns = {c: np.concatenate(v) for c, v in parts.items()}
    columns |= {c: np.repeat(np.array(v, dtype=np.int64 if c == "year" else object), counts)
                for c, v in constants.items()}
    df = pd.DataFrame({c: columns[c] if c in ("year", "value") else text_column(columns[c])
                       for c in POPULATION_COLUMNS})
    df["status"] = text_column(np.full(len(df), "final", dtype=object))
    out = merge_releases(df, ["area_code", "year", "measure"])
    out["value"] = out["value"].astype("int64")
    return out
