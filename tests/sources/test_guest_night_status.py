"""The reader sets every status of the guest_nights table, the charts only draw it: the
third-party national sums (area 00 of the monthly CSV) have the status of their parts —
``derived`` when the 47 prefecture values are final, ``preliminary`` when they are."""

from __future__ import annotations

import csv

import pytest

from kawasaki_econ.paths import project_root
from kawasaki_econ.sources.kankocho import CSV_FILE, build_guest_nights

RAW = project_root() / "data" / "raw"


@pytest.fixture(scope="module")
def csv_rows():
    gn = build_guest_nights(RAW)
    return gn[gn.source.str.startswith(CSV_FILE)]


def test_a_national_sum_has_the_status_of_its_parts(csv_rows):
    parts = (csv_rows[csv_rows.area_code != "00"]
             .groupby(["period", "nationality"]).status.agg(frozenset))
    national = csv_rows[csv_rows.area_code == "00"].set_index(["period", "nationality"]).status
    assert len(national) == len(parts) > 0
    for key, status in national.items():
        assert parts[key] in ({"final"}, {"preliminary"}), key
        assert status == ("derived" if parts[key] == {"final"} else "preliminary"), key
    assert set(national) == {"derived", "preliminary"}


def test_the_national_rows_are_the_sum_of_the_prefectures_in_the_raw_file():
    """Recomputed with the csv module: the 00 row of 2025-11 is the sum of the 47 others."""
    with open(RAW / CSV_FILE, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["ym"] == "2025-11"]
    national = next(int(r["total"]) for r in rows if r["pref_code"] == "00")
    assert national == sum(int(r["total"]) for r in rows if r["pref_code"] != "00")


def test_the_monthly_chart_takes_the_status_from_the_table():
    """figures/tourism.py draws the status it is given: it no longer knows the release's
    last final month."""
    from kawasaki_econ.figures import tourism

    assert not hasattr(tourism, "CSV_FINAL_THROUGH")
