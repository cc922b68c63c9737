"""A Tokyo special ward is compared with the 23 wards; 東京都区部 (13100) can be the focus,
with the designated-city group, ranked among the 20 cities and 区部."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import RAW

import kawasaki_econ
from kawasaki_econ.analysis import peers
from kawasaki_econ.analysis.areas import DESIGNATED_CITIES, TOKYO_WARDS


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    return kawasaki_econ.load("census")


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return kawasaki_econ.load("population")


def test_a_special_ward_is_compared_with_the_23_wards(census, population):
    group = peers.peer_group(peers.resolve_focus(census, "千代田区"), census, population)
    assert group.kind == "wards"
    assert set(group.codes) == set(group.ranked) == set(TOKYO_WARDS) and len(group.codes) == 23
    assert "23区" in group.describe("ja") and "23 special wards" in group.describe("en")
    ranked = peers.peer_change(census, group, 2016, 2021)
    assert ranked["rank_in_group"].notna().sum() == 23


def test_tokyo_wards_as_focus(census, population):
    focus = peers.resolve_focus(census, "13100")
    assert (focus.name, focus.prefecture) == ("東京都区部", "東京都")
    assert peers.resolve_focus(census, "東京都区部").code == "13100"
    group = peers.peer_group(focus, census, population)
    assert group.kind == "designated" and set(group.ranked) == set(DESIGNATED_CITIES) | {"13100"}
    ranked = peers.peer_change(census, group, 2016, 2021).set_index("area_code")
    assert ranked["rank_in_group"].notna().sum() == 21
    # the sum of the 23 wards' private employees, from the raw files
    total = {}
    for release in ("2021", "2026"):
        df = pd.read_csv(RAW / "ssdse" / f"SSDSE-A-{release}.csv", encoding="cp932",
                         header=0, skiprows=[1, 2], dtype=str)
        codes = df.iloc[:, 0].str[1:]
        total[release] = df.loc[codes.isin(TOKYO_WARDS), "C2208"].astype(int).sum()
    row = ranked.loc["13100"]
    assert (row["value_start"], row["value_end"]) == (total["2021"], total["2026"])
    expected = ranked["change_pct"].rank(ascending=False, method="min")["13100"]
    assert row["rank_in_group"] == expected
    shares = peers.peer_shares(census, group, 2021)
    assert shares.loc[shares["area_code"] == "13100", "rank_in_group"].notna().all()
    lq = peers.peer_location_quotients(census, group, 2021, base="group")
    assert lq.attrs["base_label"][0] == "対政令指定都市計"


def test_lq_second_reading_is_never_the_designated_cities_for_another_city(census,
                                                                            population):
    for code in ("20201", "47356", "13101"):
        group = peers.peer_group(peers.resolve_focus(census, code), census, population)
        lq = peers.peer_location_quotients(census, group, 2021, base="group")
        assert "政令指定都市" not in lq.attrs["base_label"][0]
        assert set(lq["base_basis"]) == {"group_aggregate"}
        nation = peers.peer_location_quotients(census, group, 2021)
        assert set(nation["base_basis"]) <= {"official", "municipal_sum"}
