"""The library's sentences name areas as the data do; the English report replaces the
names of designated cities, 東京都区部 and prefectures (readings from the catalogued
localgovjp file: 大阪市 おおさかし → Osaka, 相模原市 さがみはらし → Sagamihara)."""

from __future__ import annotations

from kawasaki_econ.lang import has_japanese
from kawasaki_econ.report.key_tables import english_area_names


def test_designated_cities_and_the_23_wards_are_named_in_english():
    text = "next: 大阪市 (+1.2 %), last: 相模原市; 東京都区部 is a reference"
    assert english_area_names(text) == (
        "next: Osaka (+1.2 %), last: Sagamihara; Tokyo 23 wards is a reference")


def test_the_23_wards_are_not_read_as_the_prefecture():
    assert english_area_names("東京都区部と東京都") == "Tokyo 23 wardsとTokyo"


def test_every_designated_city_name_becomes_english():
    from kawasaki_econ.analysis.areas import DESIGNATED_CITIES

    for name in DESIGNATED_CITIES.values():
        assert not has_japanese(english_area_names(name)), name
