"""Readers for figures transcribed from publications (``data/raw/transcribed``) and the
monthly airport arrivals (``data/raw/moj``): the ``airport`` and ``tourism`` tables.

Transcribed files are UTF-8 CSV, one figure per row, each with ``source_url`` and
``source_note``. Every output row carries ``source`` = ``<file>:row <line>`` (line number
in the file, header = line 1), the ``source_url`` and the ``source_note`` (as ``note``).
Two sources that disagree are both kept. A row that repeats another row exactly, a missing
column, a short (truncated) row or a cell that is not what the column needs raises
:class:`~kawasaki_econ.errors.IngestError` naming the file, row and column.

Status rules (the ``status`` column; the flag ``rounded`` keeps the rounding information
even where another status wins):

* transcribed ``status`` column (tourism, employment support) — mapped by
  :data:`STATUS_MAP`: ``actual``/``final``/``確報`` → ``final``; ``preliminary``/``速報`` →
  ``preliminary``; ``estimate``/``forecast``/``推計`` → ``estimate``; ``target`` → ``target``;
  ``rounded``, ``derived``, ``unknown`` unchanged. Anything else is an IngestError.
* a ``final`` figure whose unit text says it is an estimate (e.g. "estimate: JNTO arrivals
  x Kanagawa visit rate") becomes ``estimate``; one whose unit text says it is rounded or
  approximate ("rounded", "約", "approx", "about", "万人泊" as the unit, …) becomes
  ``rounded``. ``preliminary`` and ``target`` are never overridden (``rounded`` = True is
  still recorded).
* Haneda (no status column): a forecast (``forecast`` in the measure or unit) →
  ``estimate``; "preliminary"/"速報" in the unit → ``preliminary``; a lower bound
  ("初めて1000万人を突破": measure ``*_lower_bound``, kept as its own measure) or a rounded
  figure → ``rounded``; otherwise ``final``.
* MOJ monthly arrivals: ``preliminary``. The file is the e-Stat 出入国管理統計 月報 (one
  statInfId per month in ``source_url``), and the Immigration Services Agency's notes on
  the statistics say 「月報の数値は、「速報値」であり、「確定値」ではありません」
  (https://www.moj.go.jp/isa/policies/statistics/toukei_nyukan_chuui.html); confirmed
  values appear only in the annual report (年報), which this file does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..catalog import Inputs
from ..errors import IngestError
from ..parse import normalize_text
from ..schema import HANEDA, KANAGAWA_JAPAN_TOURISM, KAWASAKI_TOURISM, MOJ_GLOB
from .common import (
    current_year,
    int_cell,
    number_cell,
    period_cell,
    read_csv_table,
    reader_inputs,
    text_cell,
    year_cell,
)

ENCODING = "utf-8"


MOJ_NOTES_URL = "https://www.moj.go.jp/isa/policies/statistics/toukei_nyukan_chuui.html"

#: Transcribed ``status`` values → table status.
STATUS_MAP: dict[str, str] = {
    "actual": "final",
    "final": "final",
    "確報": "final",
    "確定": "final",
    "preliminary": "preliminary",
    "速報": "preliminary",
    "estimate": "estimate",
    "forecast": "estimate",
    "推計": "estimate",
    "target": "target",
    "rounded": "rounded",
    "derived": "derived",
    "unknown": "unknown",
}

#: "約" only as "about" (followed by a number or a bracket), never inside 契約, 予約, …
APPROX_JA = r"(?<![契予節要集制規条締解誓盟])約\s*(?:[\d一二三四五六七八九十百千万]|[)）])"
_ROUNDED_RE = re.compile(rf"round|{APPROX_JA}|approx|about|概数|概算|万人泊|万人\)|千人",
                         re.IGNORECASE)
_ESTIMATE_RE = re.compile(r"\bestimate|推計", re.IGNORECASE)
_PARTIAL_RE = re.compile(r"\bonly\)|partial", re.IGNORECASE)
_IDENT_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def map_status(value: str, *, file: str, row: int, column: str = "status") -> str:
    key = normalize_text(value).lower()
    if key not in STATUS_MAP:
        raise IngestError(f"unknown status {value!r}; expected one of {sorted(STATUS_MAP)}",
                          file=file, row=row, column=column)
    return STATUS_MAP[key]


def is_rounded(unit_text: str) -> bool:
    """Does the unit text say the figure is rounded / approximate?"""
    return bool(_ROUNDED_RE.search(unit_text))


def unit_head(unit_text: str) -> str:
    """The unit without its explanation: ``'persons (approx.; 約28万人)'`` → ``'persons'``."""
    return re.split(r"\s*[(;（]", normalize_text(unit_text), maxsplit=1)[0].strip() or unit_text


def is_partial(unit_text: str, note: str) -> bool:
    """A figure for part of the period only (e.g. unit 'persons (Apr-Nov 2013 only)')."""
    return bool(_PARTIAL_RE.search(unit_text) or _PARTIAL_RE.search(note))


def refine_status(status: str, unit_text: str) -> str:
    """Apply the unit-text rules (see module docstring) to a mapped ``final`` status."""
    if status != "final":
        return status
    if _ESTIMATE_RE.search(unit_text):
        return "estimate"
    if is_rounded(unit_text):
        return "rounded"
    return status


def partial_note(note: str, unit_text: str, partial: bool) -> str:
    if partial:
        return f"PARTIAL PERIOD ({unit_text}). {note}".strip()
    return note


# --------------------------------------------------------------------------- series files

SERIES_COLUMNS = ("area", "series", "period_type", "period", "value", "unit", "status",
                  "source_url", "source_note")


def read_series_file(path: Path, raw: Path, *, period_types: Sequence[str],
                     last: int = 2100) -> list[dict]:
    """Rows of a transcribed series file (kawasaki_tourism, tourism_kanagawa_japan,
    employment_support): area, series, period_type, period, value, unit, status, …
    Periods must lie in 1900..``last`` (observations: ``last=current_year()``)."""
    table = read_csv_table(path, raw, SERIES_COLUMNS)
    f = table.file
    out = []
    for i, r in enumerate(table.rows):
        line = table.lines[i]
        period_type = normalize_text(r["period_type"])
        if period_type not in period_types:
            raise IngestError(f"expected period_type one of {list(period_types)}, found "
                              f"{r['period_type']!r}", file=f, row=line, column="period_type")
        unit_text = text_cell(r["unit"], file=f, row=line, column="unit")
        note = normalize_text(r["source_note"])
        status = refine_status(map_status(r["status"], file=f, row=line), unit_text)
        partial = is_partial(unit_text, note)
        out.append({
            "area": text_cell(r["area"], file=f, row=line, column="area"),
            "series": text_cell(r["series"], file=f, row=line, column="series",
                                pattern=_IDENT_RE, expected="a series id such as tourist_visits"),
            "period_type": period_type,
            "period": period_cell(r["period"], period_type, file=f, row=line, column="period",
                                  last=last),
            "value": number_cell(r["value"], file=f, row=line, column="value"),
            "unit": unit_head(unit_text),
            "unit_original": unit_text,
            "status": status,
            "status_original": normalize_text(r["status"]),
            "rounded": is_rounded(unit_text),
            "partial_period": partial,
            "source": table.source(i),
            "source_url": normalize_text(r["source_url"]) or None,
            "note": partial_note(note, unit_text, partial),
        })
    return out


# --------------------------------------------------------------------------- tourism


def build_tourism(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """Kawasaki tourism points and Kanagawa / national covariates.

    Columns: area, series, period_type, period, value, unit (e.g. ``persons``,
    ``person-nights``), status, source, plus unit_original (the file's unit text),
    status_original (the file's status), rounded, partial_period, source_url, note.
    """
    files = (KAWASAKI_TOURISM, KANAGAWA_JAPAN_TOURISM)
    inputs = reader_inputs(raw, inputs, files)
    rows: list[dict] = []
    for rel_path in files:
        rows += read_series_file(inputs.one(rel_path), Path(raw),
                                 period_types=("calendar_year", "fiscal_year", "month"),
                                 last=current_year())
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- airport

HANEDA_COLUMNS = ("airport", "fiscal_or_calendar", "year", "segment", "measure", "value", "unit",
                  "source_url", "source_note")
MOJ_COLUMNS = ("ym", "airport_name_raw", "airport_name", "airport_code", "arrivals", "unit",
               "source_url")
_BASIS = {"fiscal": "fiscal_year", "fiscal_year": "fiscal_year", "calendar": "calendar_year",
          "calendar_year": "calendar_year"}
_SEGMENTS = ("international", "domestic", "total")
_IATA_IN_NAME = re.compile(r"\b([A-Z]{3})\s*\)")
_IATA = re.compile(r"[A-Z]{3}")
_PRELIM_RE = re.compile(r"preliminary|速報", re.IGNORECASE)
_FORECAST_RE = re.compile(r"forecast|見通し|予測", re.IGNORECASE)


def read_haneda(path: Path, raw: Path) -> list[dict]:
    table = read_csv_table(path, raw, HANEDA_COLUMNS)
    f = table.file
    out = []
    for i, r in enumerate(table.rows):
        line = table.lines[i]
        name = text_cell(r["airport"], file=f, row=line, column="airport")
        code = _IATA_IN_NAME.search(name)
        if not code:
            raise IngestError(f"expected the airport name to end with its IATA code, e.g. "
                              f"'羽田空港 (東京国際空港, HND)', found {r['airport']!r}",
                              file=f, row=line, column="airport")
        basis = _BASIS.get(normalize_text(r["fiscal_or_calendar"]).lower())
        if basis is None:
            raise IngestError(f"expected 'fiscal' or 'calendar', found "
                              f"{r['fiscal_or_calendar']!r}", file=f, row=line,
                              column="fiscal_or_calendar")
        segment = normalize_text(r["segment"]).lower()
        if segment not in _SEGMENTS:
            raise IngestError(f"expected segment one of {list(_SEGMENTS)}, found "
                              f"{r['segment']!r}", file=f, row=line, column="segment")
        measure = text_cell(r["measure"], file=f, row=line, column="measure", pattern=_IDENT_RE,
                            expected="a measure id such as passengers_annual")
        unit_text = text_cell(r["unit"], file=f, row=line, column="unit")
        rounded = is_rounded(unit_text) or measure.endswith("lower_bound")
        if _FORECAST_RE.search(measure) or _FORECAST_RE.search(unit_text):
            status = "estimate"
        elif _PRELIM_RE.search(unit_text):
            status = "preliminary"
        elif rounded:
            status = "rounded"
        else:
            status = "final"
        out.append({
            "airport": code.group(1),
            "airport_name": name,
            "basis": basis,
            "period": str(year_cell(r["year"], file=f, row=line, column="year",
                                    last=current_year())),
            "segment": segment,
            "measure": measure,
            "value": number_cell(r["value"], file=f, row=line, column="value"),
            "unit": unit_head(unit_text),
            "unit_original": unit_text,
            "status": status,
            "rounded": rounded,
            "source": table.source(i),
            "source_url": normalize_text(r["source_url"]) or None,
            "note": normalize_text(r["source_note"]),
        })
    return out


def read_moj_arrivals(path: Path, raw: Path) -> list[dict]:
    """Monthly arrivals by airport (all airports in the file), e-Stat 月報 → preliminary."""
    table = read_csv_table(path, raw, MOJ_COLUMNS)
    f = table.file
    out = []
    for i, r in enumerate(table.rows):
        line = table.lines[i]
        unit_text = text_cell(r["unit"], file=f, row=line, column="unit")
        out.append({
            "airport": text_cell(r["airport_code"], file=f, row=line, column="airport_code",
                                 pattern=_IATA, expected="a three-letter IATA code"),
            "airport_name": text_cell(r["airport_name"], file=f, row=line, column="airport_name"),
            "basis": "month",
            "period": period_cell(r["ym"], "month", file=f, row=line, column="ym",
                                  last=current_year()),
            "segment": "international",
            "measure": "arrivals",
            "value": float(int_cell(r["arrivals"], file=f, row=line, column="arrivals")),
            "unit": unit_head(unit_text),
            "unit_original": unit_text,
            "status": "preliminary",
            "rounded": False,
            "source": table.source(i),
            "source_url": normalize_text(r["source_url"]) or None,
            "note": f"e-Stat 出入国管理統計 月報 港別 入国者 ({normalize_text(r['airport_name_raw'])});"
                    f" 月報の数値は速報値 ({MOJ_NOTES_URL})",
        })
    return out


def build_airport(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """Haneda passengers (transcribed) and monthly international arrivals by airport (MOJ).

    Columns: airport (IATA code, e.g. ``HND``), basis (calendar_year / fiscal_year /
    month), period, segment, measure (as given: ``passengers_annual``,
    ``passengers_annual_forecast``, ``passengers_annual_lower_bound``,
    ``passengers_halfyear_apr_sep``, … ; ``arrivals`` for MOJ), value, unit (``passengers``
    / ``persons``), status, source, plus airport_name, unit_original, rounded, source_url,
    note. Passengers (arrivals + departures) and MOJ arrivals are different measures.
    """
    raw = Path(raw)
    inputs = reader_inputs(raw, inputs, (HANEDA, MOJ_GLOB))
    rows = read_haneda(inputs.one(HANEDA), raw)
    moj_files = inputs.match(MOJ_GLOB)
    if not moj_files:
        raise IngestError(f"no file matches {MOJ_GLOB}", file=MOJ_GLOB)
    for path in moj_files:
        rows += read_moj_arrivals(path, raw)
    return pd.DataFrame(rows)
