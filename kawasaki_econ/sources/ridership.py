"""Station ridership: JR East top-100 JSON files and transcribed station figures.

``jreast/passenger_top100_FY<YYYY>.json`` (FY1999–FY2012, scraped from
jreast.co.jp/passenger/): a JSON list of ``{"rank", "city", "total"}`` where ``city`` is
the station name and ``total`` the daily average number of boardings (乗車人員; JR East
does not count alightings) in fiscal year ``YYYY`` (April YYYY – March YYYY+1, taken from
the file name). Rows: operator ``JR東日本``, measure ``boardings_daily_avg``, status
``final``, source ``jreast/passenger_top100_FY2009.json#rank 12``.

``transcribed/station_ridership.csv``: one figure per row with the measure as given —
``boardings_daily_avg[_commuter|_noncommuter]`` (JR: boardings only) or
``boardings_alightings_daily_avg[_commuter|_noncommuter]`` (private railways:
boardings + alightings). The two families are not comparable and are never merged; a
unit text that contradicts the measure is an IngestError. A figure the source gives only
approximately ("約13万人", "rounds to 1,000", "千人") has status ``rounded``; everything
else ``final``. Rows flagged CONFLICT / typo are kept, with their note; the JSON and the
transcribed file may both hold a value for the same station-year (e.g. 品川 FY2008
328,439 vs 328,429): both rows are kept, with different ``source``.

Station names are NFKC-normalised and stripped but stay Japanese (``新丸子 (目黒線; line
inferred)`` keeps its qualifier).

Output columns: operator, station, fiscal_year, measure, value, status, source,
rank_jr_east (the station's rank in the JSON's top-100 table, the file's ``rank``; JSON
rows only), plus unit, station_city, rounded, dataset, source_url, note.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from ..catalog import Inputs
from ..errors import IngestError
from ..parse import MAX_MAGNITUDE, normalize_text
from ..schema import JSON_GLOB, STATION_CSV
from .common import (
    current_year,
    int_cell,
    read_csv_table,
    read_text,
    reader_inputs,
    rel,
    text_cell,
    year_cell,
)
from .transcribed import APPROX_JA, is_rounded, unit_head

JR_EAST = "JR東日本"
STATION_COLUMNS = ("operator", "station", "station_city", "fiscal_year", "measure", "value",
                   "unit", "source_url", "source_note")
JSON_KEYS = ("rank", "city", "total")

_FY_IN_NAME = re.compile(r"passenger_top100_FY(\d{4})\.json")
_MEASURE = re.compile(r"boardings(_alightings)?_daily_avg(_commuter|_noncommuter)?")
_NOTE_APPROX = re.compile(APPROX_JA)


# --------------------------------------------------------------------------- JR East JSON


def _json_row_label(i: int, item: object) -> str:
    rank = item.get("rank") if isinstance(item, dict) else None
    return f"index {i}" + (f" (rank {rank})" if rank is not None else "")


def read_jreast_json(path: Path, raw: Path) -> list[dict]:
    """Rows of one JR East top-100 file; bad JSON / keys / values → IngestError naming the
    file and the record (index and rank)."""
    name = rel(path, raw)
    match = _FY_IN_NAME.fullmatch(Path(path).name)
    if not match:
        raise IngestError("cannot tell the fiscal year: expected a file name like "
                          "passenger_top100_FY2009.json", file=name)
    fiscal_year = int(match.group(1))
    text = read_text(path, "utf-8", raw=raw)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                          "expected a list of {rank, city, total} records", file=name,
                          row=f"line {exc.lineno}") from exc
    if not isinstance(data, list) or not data:
        raise IngestError(f"expected a non-empty JSON list of {{rank, city, total}} records, "
                          f"found {type(data).__name__}{' (empty)' if not data else ''}",
                          file=name)
    rows = []
    for i, item in enumerate(data):
        label = _json_row_label(i, item)
        if not isinstance(item, dict):
            raise IngestError(f"expected a {{rank, city, total}} object, found {item!r}",
                              file=name, row=label)
        for key in JSON_KEYS:
            if key not in item:
                raise IngestError(f"record lacks key {key!r}; expected keys {list(JSON_KEYS)}",
                                  file=name, row=label, column=key)
        rank, city, total = item["rank"], item["city"], item["total"]
        if isinstance(rank, bool) or not re.fullmatch(r"\d+", str(rank).strip()):
            raise IngestError(f"expected a positive integer rank, found {rank!r}", file=name,
                              row=label, column="rank")
        if isinstance(total, bool) or not (
            isinstance(total, int) or (isinstance(total, str) and total.strip().isdigit())
        ):
            raise IngestError(f"expected a non-negative integer total (boardings per day), "
                              f"found {total!r}", file=name, row=label, column="total")
        station = normalize_text(city) if isinstance(city, str) else ""
        if not station:
            raise IngestError(f"expected a station name, found {city!r}", file=name, row=label,
                              column="city")
        if int(total) < 0 or int(total) > MAX_MAGNITUDE:
            raise IngestError(f"expected a non-negative integer total (at most 2**53), found "
                              f"{total!r}", file=name, row=label, column="total")
        rows.append({"rank": int(str(rank).strip()), "station": station, "value": int(total)})
    stations = Counter(r["station"] for r in rows)
    for i, r in enumerate(rows):
        if stations[r["station"]] > 1:
            first = next(j for j, s in enumerate(rows) if s["station"] == r["station"])
            if first != i:
                raise IngestError(f"station {r['station']!r} appears twice (also index {first})"
                                  "; expected one record per station (duplicated record)",
                                  file=name, row=_json_row_label(i, data[i]), column="city")
    ranks = Counter(r["rank"] for r in rows)
    out = []
    for i, r in enumerate(rows):
        source = f"{name}#rank {r['rank']}"
        note = f"JR東日本 各駅の乗車人員 top 100, FY{fiscal_year}, rank {r['rank']}"
        if ranks[r["rank"]] > 1:
            source += f" (index {i})"
            note += f"; rank {r['rank']} appears {ranks[r['rank']]} times in the file (as given)"
        out.append({
            "operator": JR_EAST,
            "station": r["station"],
            "fiscal_year": fiscal_year,
            "measure": "boardings_daily_avg",
            "value": r["value"],
            "status": "final",
            "source": source,
            "unit": "persons/day",
            "station_city": None,
            "rank_jr_east": r["rank"],
            "rounded": False,
            "dataset": "jreast_top100",
            "source_url": None,
            "note": note,
        })
    return out


# --------------------------------------------------------------------------- transcribed


def read_station_ridership(path: Path, raw: Path) -> list[dict]:
    table = read_csv_table(path, raw, STATION_COLUMNS)
    f = table.file
    out = []
    for i, r in enumerate(table.rows):
        line = table.lines[i]
        measure = text_cell(r["measure"], file=f, row=line, column="measure", pattern=_MEASURE,
                            expected="boardings_daily_avg or boardings_alightings_daily_avg "
                                     "(optionally _commuter / _noncommuter)")
        unit_text = text_cell(r["unit"], file=f, row=line, column="unit")
        both = measure.startswith("boardings_alightings")
        if ("boardings+alightings" in unit_text and not both) or (
            "boardings only" in unit_text and both
        ):
            raise IngestError(f"measure {measure!r} contradicts the unit {unit_text!r} "
                              "(boardings only vs boardings+alightings)", file=f, row=line,
                              column="measure")
        note = normalize_text(r["source_note"])
        rounded = is_rounded(unit_text) or bool(_NOTE_APPROX.search(note))
        out.append({
            "operator": text_cell(r["operator"], file=f, row=line, column="operator"),
            "station": text_cell(r["station"], file=f, row=line, column="station"),
            "fiscal_year": year_cell(r["fiscal_year"], file=f, row=line, column="fiscal_year",
                                     last=current_year()),
            "measure": measure,
            "value": int_cell(r["value"], file=f, row=line, column="value"),
            "status": "rounded" if rounded else "final",
            "source": table.source(i),
            "unit": unit_head(unit_text),
            "station_city": normalize_text(r["station_city"]) or None,
            "rank_jr_east": None,
            "rounded": rounded,
            "dataset": "transcribed",
            "source_url": normalize_text(r["source_url"]) or None,
            "note": note,
        })
    return out


def build_ridership(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """The ``ridership`` table (see the module docstring). ``inputs``: the verified files
    (see :func:`.common.reader_inputs`)."""
    raw = Path(raw)
    inputs = reader_inputs(raw, inputs, (JSON_GLOB, STATION_CSV))
    files = inputs.match(JSON_GLOB)
    if not files:
        raise IngestError(f"no file matches {JSON_GLOB}", file=JSON_GLOB)
    rows: list[dict] = []
    for path in files:
        rows += read_jreast_json(path, raw)
    rows += read_station_ridership(inputs.one(STATION_CSV), raw)
    df = pd.DataFrame(rows)
    df["rank_jr_east"] = df["rank_jr_east"].astype("Int64")
    return df
