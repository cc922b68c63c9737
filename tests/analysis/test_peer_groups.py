"""Focus resolution and peer groups by type of municipality (analysis.peers, coverage),
checked against the raw SSDSE-A file and the transcribed core-city list."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import RAW

import kawasaki_econ
from kawasaki_econ.analysis import coverage, peers
from kawasaki_econ.errors import IngestError
from kawasaki_econ.sources.municipal_types import CORE_CITIES, build_core_cities

SSDSE_2026 = RAW / "ssdse" / "SSDSE-A-2026.csv"


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    return kawasaki_econ.load("census")


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return kawasaki_econ.load("population")


@pytest.fixture(scope="module")
def raw_a() -> pd.DataFrame:
    """SSDSE-A-2026 straight from the raw file: codes as 5 digits, A1101 = population 2020."""
    df = pd.read_csv(SSDSE_2026, encoding="cp932", header=0, skiprows=[1, 2], dtype=str)
    df["code"] = df["SSDSE-A-2026"].str[1:]
    df["A1101"] = df["A1101"].astype("int64")
    return df


def test_resolve_by_code_name_and_prefecture_name(census):
    assert peers.resolve_focus(census, "14100").name == "横浜市"
    yokohama = peers.resolve_focus(census, "横浜市")
    assert (yokohama.code, yokohama.prefecture) == ("14100", "神奈川県")
    assert peers.resolve_focus(census, "東京都府中市").code == "13206"


def test_ambiguous_name_lists_candidates_with_codes(census):
    with pytest.raises(peers.FocusError) as err:
        peers.resolve_focus(census, "府中市")
    message = str(err.value)
    assert "13206 東京都府中市" in message and "34208 広島県府中市" in message


@pytest.mark.parametrize("text", ["99999", "存在しない市", "1413"])
def test_unknown_focus_is_a_clear_error(census, text):
    with pytest.raises(peers.FocusError, match="no municipality"):
        peers.resolve_focus(census, text)


def test_designated_city_group(census, population):
    group = peers.peer_group(peers.resolve_focus(census, "14100"), census, population)
    assert group.kind == "designated"
    assert len(group.ranked) == 20 and "13100" in group.codes and "13100" not in group.ranked
    assert "東京都区部" in group.describe("ja")


def test_yokohama_ranks_6th_of_20_in_employee_change(census, population):
    group = peers.peer_group(peers.resolve_focus(census, "横浜市"), census, population)
    start, end = peers.comparable_census_years(census)
    assert (start, end) == (2016, 2021)
    ranked = peers.peer_change(census, group, start, end).set_index("area_code")
    assert ranked.loc["14100", "rank_in_group"] == 6
    assert ranked["rank_in_group"].notna().sum() == 20
    # SSDSE-A-2021 / -2026, column C2208 (従業者数・民営) of 横浜市
    assert ranked.loc["14100", "value_start"] == 1475974
    assert ranked.loc["14100", "value_end"] == 1527783


def test_core_city_group_is_the_transcribed_list(census, population):
    with open(RAW / CORE_CITIES, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 62
    funabashi = peers.resolve_focus(census, "船橋市")
    group = peers.peer_group(funabashi, census, population)
    assert group.kind == "core"
    assert set(group.codes) == {r["area_code"] for r in rows} and "12204" in group.codes
    assert group.as_of == rows[0]["as_of"] == "2021-04-01"
    assert "中核市62市" in group.describe("ja") and "2021-04-01" in group.describe("en")
    listed = kawasaki_econ.load("core_cities")
    assert len(listed) == 62 and set(listed["source_url"]) == {rows[0]["source_url"]}
    assert rows[0]["source_url"].startswith("https://www.soumu.go.jp/")
    ranked = peers.peer_change(census, group, 2016, 2021)
    assert set(ranked["area_code"]) == set(group.codes)
    assert ranked["rank_in_group"].min() == 1 and ranked["rank_in_group"].max() == 62


def test_small_town_group_prefecture_plus_nearest_in_population(census, population, raw_a):
    manazuru = peers.resolve_focus(census, "真鶴町")
    group = peers.peer_group(manazuru, census, population)
    assert group.kind == "other" and group.population_year == 2020
    kanagawa = set(raw_a.loc[raw_a["code"].str.startswith("14"), "code"])
    others = raw_a[raw_a["code"] != "14383"]
    distance = (others["A1101"] - 6722).abs()  # 真鶴町, A1101 2020 in SSDSE-A-2026
    nearest = set(others.loc[distance.sort_values(kind="stable").index[:20], "code"])
    assert set(group.codes) == kanagawa | nearest
    assert "神奈川県" in group.describe("ja") and "2020" in group.describe("en")


def test_peers_override_and_unknown_codes(census, population):
    focus = peers.resolve_focus(census, "14130")
    group = peers.peer_group(focus, census, population, peers=["14100", "14150"])
    assert group.kind == "custom" and group.codes == ("14130", "14100", "14150")
    with pytest.raises(peers.FocusError, match="99999"):
        peers.peer_group(focus, census, population, peers=["14100", "99999"])


@pytest.mark.parametrize(("old", "new", "column"), [
    ("12204,千葉県,船橋市", "1220,千葉県,船橋市", "area_code"),
    ("12217,千葉県,柏市", "12204,千葉県,柏市", "area_code"),  # 船橋市's code twice
    ("12204,千葉県,船橋市,中核市,2021-04-01", "12204,千葉県,船橋市,中核市,2021-13-45", "as_of"),
])
def test_bad_core_city_rows_name_file_row_and_column(tmp_path, old, new, column):
    raw = tmp_path / "raw"
    (raw / "transcribed").mkdir(parents=True)
    text = (RAW / CORE_CITIES).read_text(encoding="utf-8")
    assert old in text
    (raw / CORE_CITIES).write_text(text.replace(old, new), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if old in row)
    with pytest.raises(IngestError) as err:
        build_core_cities(raw)
    message = str(err.value)
    assert CORE_CITIES in message and f"row {line}" in message and column in message


def test_coverage_sections():
    assert coverage.section("stations", "14130", "川崎市").available
    stations = coverage.section("stations", "14100", "横浜市", "en")
    assert not stations.available and "Yokohama" not in stations.note and "横浜市" in stations.note
    assert not coverage.section("claims", "14100", "横浜市").available
    assert coverage.section("claims", "14130", "川崎市").available
    assert not coverage.section("kpi", "12204", "船橋市").available
    tourism = coverage.section("tourism", "14100", "横浜市", prefecture="神奈川県")
    assert tourism.available and "神奈川県" in tourism.note
    assert coverage.notebook_section("03_station_ridership.ipynb") == "stations"
    assert coverage.notebook_section("01_census_trends") is None
