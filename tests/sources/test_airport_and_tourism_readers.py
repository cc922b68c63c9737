"""Airport and tourism readers: values checked against the raw files, statuses, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import one, select

from kawasaki_econ.errors import IngestError
from kawasaki_econ.schema import SPECS, validate
from kawasaki_econ.sources.transcribed import build_airport, build_tourism

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
HANEDA = "transcribed/haneda_passengers.csv"
MOJ = "moj/moj_airport_arrivals_monthly_2022-01_2025-11.csv"
KAWASAKI = "transcribed/kawasaki_tourism.csv"
KANAGAWA = "transcribed/tourism_kanagawa_japan.csv"


@pytest.fixture(scope="module")
def airport():
    return build_airport(RAW)


@pytest.fixture(scope="module")
def tourism():
    return build_tourism(RAW)


# --------------------------------------------------------------------------- airport


def test_airport_validates(airport):
    out = validate(airport, SPECS["airport"])
    assert len(out) == len(airport)


def test_haneda_values(airport):
    hnd = select(airport, airport="HND")
    row = one(hnd, basis="calendar_year", period="2018", segment="international",
              measure="passengers_annual")
    assert row["value"] == 17968980 and row["status"] == "final"
    assert row["source"] == f"{HANEDA}:row 13"
    assert row["source_url"] == "https://www.travelvoice.jp/20190305-127153"
    assert one(hnd, basis="fiscal_year", period="2017", segment="total",
               measure="passengers_annual")["value"] == 85793467
    assert one(hnd, basis="calendar_year", period="2019", segment="total",
               measure="passengers_annual")["value"] == 85505054


def test_haneda_statuses(airport):
    forecast = one(airport, basis="fiscal_year", period="2010",
                   measure="passengers_annual_forecast")
    assert forecast["value"] == 5000000 and forecast["status"] == "estimate"
    bound = one(airport, basis="calendar_year", period="2014", segment="international")
    assert bound["measure"] == "passengers_annual_lower_bound" and bound["value"] == 10000000
    assert bound["status"] != "final"
    rounded = one(airport, basis="fiscal_year", period="2011", segment="international")
    assert rounded["value"] == 7250000 and rounded["status"] == "rounded"
    prelim = one(airport, basis="calendar_year", period="2025", segment="international")
    assert prelim["value"] == 24330000 and prelim["status"] == "preliminary"
    assert bool(prelim["rounded"])
    half = one(airport, basis="fiscal_year", period="2020", segment="international",
               measure="passengers_halfyear_apr_sep")
    assert half["value"] == 179936


def test_moj_arrivals_all_airports(airport):
    moj = select(airport, basis="month")
    assert len(moj) == 611
    assert moj["airport"].nunique() == 13
    assert set(moj["segment"]) == {"international"} and set(moj["measure"]) == {"arrivals"}
    assert set(moj["status"]) == {"preliminary"}  # e-Stat 月報 = 速報値
    row = one(moj, airport="HND", period="2022-01")
    assert row["value"] == 62789 and row["unit"] == "persons"
    assert row["source"] == f"{MOJ}:row 5"
    assert "statInfId=000032180234" in row["source_url"]
    assert one(moj, airport="FUK", period="2022-01")["value"] == 2470
    assert one(moj, airport="HIJ", period="2022-01")["value"] == 0
    assert sorted(moj["period"].unique())[-1] == "2025-11"


# --------------------------------------------------------------------------- tourism


def test_tourism_validates(tourism):
    out = validate(tourism, SPECS["tourism"])
    assert len(out) == len(tourism)


def test_tourism_values_and_status_mapping(tourism):
    guests = one(tourism, area="Kawasaki", series="hotel_guests_foreign", period="2019")
    assert guests["value"] == 280000 and guests["status"] == "rounded"  # 約28万人
    assert guests["status_original"] == "actual"
    assert guests["source"] == f"{KAWASAKI}:row 2"
    fujiko = one(tourism, series="museum_visitors_fujiko", period="2012")
    assert fujiko["value"] == 481619 and fujiko["status"] == "final"  # actual -> final
    partial = one(tourism, series="museum_visitors_fujiko", period="2013")
    assert partial["value"] == 326872 and partial["status"] == "preliminary"
    assert bool(partial["partial_period"]) and partial["note"].startswith("PARTIAL PERIOD")
    visits_2024 = select(tourism, area="Kanagawa", series="tourist_visits", period="2024")
    assert dict(zip(visits_2024["status"], visits_2024["value"], strict=True)) == {
        "final": 208060000, "target": 207000000}
    visits_2016 = select(tourism, area="Kanagawa", series="tourist_visits", period="2016")
    assert dict(zip(visits_2016["status"], visits_2016["value"], strict=True)) == {
        "final": 190270000, "preliminary": 190330000}
    arrivals = one(tourism, area="Japan", series="inbound_arrivals", period="2019")
    assert arrivals["value"] == 31882049 and arrivals["status"] == "final"
    estimate = one(tourism, series="foreign_visitors_to_prefecture", period="2007")
    assert estimate["value"] == 1360000 and estimate["status"] == "estimate"
    month = one(tourism, area="Japan", series="inbound_arrivals", period="2020-05")
    assert month["period_type"] == "month" and month["value"] == 1663


def test_same_value_from_two_sources_is_kept(tourism):
    rows = select(tourism, area="Yokohama-Kawasaki region", series="tourist_visits",
                  period="2021")
    assert list(rows["value"]) == [35430000, 35430000]
    assert rows["source"].nunique() == 2


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def raw(tmp_path):
    root = tmp_path / "raw"
    (root / "transcribed").mkdir(parents=True)
    for name in (HANEDA, KAWASAKI, KANAGAWA):
        shutil.copy(RAW / name, root / name)
    shutil.copytree(RAW / "moj", root / "moj")
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_status(raw):
    _replace(raw / KAWASAKI, "481619,persons,actual", "481619,persons,guess")
    with pytest.raises(IngestError) as exc:
        build_tourism(raw)
    msg = str(exc.value)
    assert KAWASAKI in msg and "row 13" in msg and "column status" in msg and "guess" in msg


def test_non_numeric_arrivals(raw):
    _replace(raw / MOJ, "HND,62789,", "HND,6万2789,")
    with pytest.raises(IngestError) as exc:
        build_airport(raw)
    msg = str(exc.value)
    assert MOJ in msg and "row 5" in msg and "column arrivals" in msg


def test_bad_basis(raw):
    _replace(raw / HANEDA, ",fiscal,2011,", ",FY,2011,")
    with pytest.raises(IngestError, match=r"haneda_passengers\.csv, row 3, column "
                                          r"fiscal_or_calendar"):
        build_airport(raw)


def test_renamed_column(raw):
    _replace(raw / HANEDA, ",segment,", ",sector,")
    with pytest.raises(IngestError, match=r"haneda_passengers\.csv, row 1, column segment"):
        build_airport(raw)


def test_truncated_moj(raw):
    path = raw / MOJ
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:100]) + lines[100][:20], encoding="utf-8")
    with pytest.raises(IngestError, match=r"moj_airport_arrivals.*row 101.*expected 7 fields"):
        build_airport(raw)
