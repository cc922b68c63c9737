"""Ridership reader: values checked against the raw files, and bad input on modified copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import one

from kawasaki_econ.errors import IngestError
from kawasaki_econ.schema import SPECS, validate
from kawasaki_econ.sources.ridership import build_ridership

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
FY2009 = "jreast/passenger_top100_FY2009.json"
STATIONS = "transcribed/station_ridership.csv"


@pytest.fixture(scope="module")
def table():
    return build_ridership(RAW)


def test_validates(table):
    out = validate(table, SPECS["ridership"])
    assert len(out) == len(table)
    assert set(out["status"]) <= {"final", "rounded"}


def test_jr_east_values(table):
    jr = table[table["dataset"] == "jreast_top100"]
    assert set(jr["fiscal_year"]) == set(range(1999, 2013))
    row = one(jr, station="川崎", fiscal_year=2009)
    assert row["value"] == 187147
    assert row["operator"] == "JR東日本"
    assert row["measure"] == "boardings_daily_avg"
    assert row["status"] == "final"
    assert row["source"] == "jreast/passenger_top100_FY2009.json#rank 12"
    assert one(jr, station="武蔵小杉", fiscal_year=2009)["value"] == 76831
    assert one(jr, station="武蔵小杉", fiscal_year=2010)["value"] == 99617


def test_private_railways_have_their_own_measure(table):
    private = table[table["operator"] != "JR東日本"]
    jr = table[table["operator"] == "JR東日本"]
    assert len(private) > 0
    assert private["measure"].str.startswith("boardings_alightings_daily_avg").all()
    assert not jr["measure"].str.startswith("boardings_alightings").any()
    assert one(table, operator="京急電鉄", station="京急川崎", fiscal_year=2015)["value"] == 122931
    assert set(private["measure"]).isdisjoint(set(jr["measure"]))


def test_rounded_figures(table):
    row = one(table, station="川崎", fiscal_year=2015)  # "20.8万", row 7
    assert row["value"] == 208000
    assert row["status"] == "rounded"
    assert row["source"] == f"{STATIONS}:row 7"
    assert one(table, station="武蔵小杉", fiscal_year=2019)["status"] == "rounded"  # 約13万人
    exact = one(table, station="川崎", fiscal_year=2013)  # 197,010
    assert exact["value"] == 197010 and exact["status"] == "final"


def test_conflicts_are_kept(table):
    shinagawa = table[(table["station"] == "品川") & (table["fiscal_year"] == 2008)]
    assert sorted(shinagawa["value"]) == [328429, 328439]
    typo = one(shinagawa, value=328429)
    assert "CONFLICT" in typo["note"] and typo["source"] == f"{STATIONS}:row 4"
    kosugi = table[(table["station"] == "武蔵小杉") & (table["fiscal_year"] == 2015)
                   & (table["measure"] == "boardings_daily_avg")]
    assert sorted(kosugi["value"]) == [124324, 124325]


def test_repeated_rank_is_kept_as_given(table):
    # FY1999 lists rank 61 twice (小岩 64,343 and 武蔵小杉 64,165) and no rank 60
    fy99 = table[(table["dataset"] == "jreast_top100") & (table["fiscal_year"] == 1999)]
    assert len(fy99) == 100
    assert one(fy99, station="小岩")["value"] == 64343
    assert one(fy99, station="武蔵小杉")["value"] == 64165
    assert (fy99["rank_jr_east"] == 61).sum() == 2


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def raw(tmp_path):
    root = tmp_path / "raw"
    shutil.copytree(RAW / "jreast", root / "jreast")
    (root / "transcribed").mkdir()
    shutil.copy(RAW / STATIONS, root / STATIONS)
    return root


def _edit_json(raw: Path, edit) -> None:
    path = raw / FY2009
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_copy_builds(raw):
    assert len(build_ridership(raw)) == len(build_ridership(RAW))


def test_invalid_json(raw):
    path = raw / FY2009
    path.write_text(path.read_text(encoding="utf-8")[:500], encoding="utf-8")
    with pytest.raises(IngestError, match="passenger_top100_FY2009.json.*invalid JSON"):
        build_ridership(raw)


def test_missing_key(raw):
    _edit_json(raw, lambda d: d[11].pop("total"))
    with pytest.raises(IngestError) as exc:
        build_ridership(raw)
    msg = str(exc.value)
    assert FY2009 in msg and "rank 12" in msg and "column total" in msg


def test_non_numeric_total(raw):
    _edit_json(raw, lambda d: d[11].update(total="18万7147"))
    with pytest.raises(IngestError) as exc:
        build_ridership(raw)
    msg = str(exc.value)
    assert FY2009 in msg and "index 11 (rank 12)" in msg and "column total" in msg
    assert "18万7147" in msg


def test_duplicated_json_record(raw):
    _edit_json(raw, lambda d: d.append(dict(d[11])))
    with pytest.raises(IngestError, match=r"FY2009\.json.*川崎.*appears twice"):
        build_ridership(raw)


def test_empty_json_file(raw):
    (raw / FY2009).write_bytes(b"")
    with pytest.raises(IngestError, match=r"FY2009\.json: file is empty"):
        build_ridership(raw)


def test_truncated_csv(raw):
    path = raw / STATIONS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:29]) + lines[29][:40], encoding="utf-8")
    with pytest.raises(IngestError) as exc:
        build_ridership(raw)
    msg = str(exc.value)
    assert STATIONS in msg and "row 30" in msg and "expected 9 fields" in msg


def test_empty_csv(raw):
    (raw / STATIONS).write_text("", encoding="utf-8")
    with pytest.raises(IngestError, match="station_ridership.csv: file is empty"):
        build_ridership(raw)


def test_header_only_csv(raw):
    path = raw / STATIONS
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match="station_ridership.csv.*no data rows"):
        build_ridership(raw)


def test_renamed_column(raw):
    path = raw / STATIONS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",value,unit,", ",count,unit,", 1), encoding="utf-8")
    with pytest.raises(IngestError) as exc:
        build_ridership(raw)
    msg = str(exc.value)
    assert STATIONS in msg and "row 1" in msg and "column value" in msg


def test_duplicated_row(raw):
    path = raw / STATIONS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    total = len(lines)
    path.write_text("".join(lines) + lines[4], encoding="utf-8")
    with pytest.raises(IngestError) as exc:
        build_ridership(raw)
    msg = str(exc.value)
    assert STATIONS in msg and f"row {total + 1}" in msg and "repeats row 5" in msg


def test_non_numeric_value(raw):
    path = raw / STATIONS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",197010,", ",19万7010,", 1), encoding="utf-8")
    with pytest.raises(IngestError) as exc:
        build_ridership(raw)
    msg = str(exc.value)
    assert STATIONS in msg and "row 6" in msg and "column value" in msg


def test_measure_contradicting_unit(raw):
    path = raw / STATIONS
    text = path.read_text(encoding="utf-8")
    bad = text.replace("2015,boardings_alightings_daily_avg,122931",
                       "2015,boardings_daily_avg,122931", 1)
    assert bad != text
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(IngestError, match="station_ridership.csv.*column measure.*contradicts"):
        build_ridership(raw)
