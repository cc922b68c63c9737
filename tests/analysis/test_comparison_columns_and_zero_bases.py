"""Comparison results: counts stay Int64, no column shadows a DataFrame method, shares
carry the JSIC division; a zero base gives no % change and no rank, zero shares are not
ranked, ties share a rank — checked against the raw SSDSE-A files."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import RAW

import kawasaki_econ
from kawasaki_econ.analysis import industry_shares, location_quotients, peers, rank_change

FUTABA = "07546"  # 双葉町: 0 establishments and 0 employees in the 2016 census


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    return kawasaki_econ.load("census")


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return kawasaki_econ.load("population")


def _raw(release: str) -> pd.DataFrame:
    df = pd.read_csv(RAW / "ssdse" / f"SSDSE-A-{release}.csv", encoding="cp932", header=0,
                     skiprows=[1, 2], dtype=str)
    return df.assign(code=df.iloc[:, 0].str[1:]).set_index("code")


def test_change_counts_are_int64_and_no_column_shadows_a_method(census):
    r = rank_change(census, 2016, 2021)
    for col in ("value_start", "value_end", "change"):
        assert str(r[col].dtype) == "Int64", col
    assert not [c for c in r.columns if hasattr(pd.DataFrame, c)]
    assert "change_pct" in r and "rank_in_group" in r
    k = r.set_index("area_code").loc["14130"]
    raw16, raw21 = _raw("2021"), _raw("2026")
    assert k["value_start"] == int(raw16.loc["14130", "C2208"])
    assert k["change"] == int(raw21.loc["14130", "C2208"]) - int(raw16.loc["14130", "C2208"])


def test_shares_carry_the_jsic_division_and_the_ssdse_item(census):
    s = industry_shares(census, 2021)
    g = s[(s["area_code"] == "14130") & (s["industry_code"] == "G")].iloc[0]
    assert g["industry_name"] == "情報通信業"
    assert g["item_name_ssdse"] != g["industry_name"] and "情報通信業" in g["item_name_ssdse"]
    raw = _raw("2026").loc["14130"]
    assert g["share_pct"] == pytest.approx(int(raw["C220839"]) / int(raw["C2208"]) * 100)
    assert not [c for c in s.columns if hasattr(pd.DataFrame, c)]
    lq = location_quotients(census, 2021, focus="14130")
    assert {"industry_code", "industry_name", "item_name_ssdse"} <= set(lq.columns)


def test_zero_base_gives_no_pct_change_and_no_rank(census, population):
    raw16, raw21 = _raw("2021"), _raw("2026")
    assert raw16.loc[FUTABA, "C2208"] == "0" and int(raw21.loc[FUTABA, "C2208"]) > 0
    group = peers.peer_group(peers.resolve_focus(census, "会津若松市"), census, population)
    assert FUTABA in group.codes
    ranked = peers.peer_change(census, group, 2016, 2021).set_index("area_code")
    futaba = ranked.loc[FUTABA]
    assert futaba["zero_start"] and pd.isna(futaba["change_pct"])
    assert pd.isna(futaba["rank_in_group"]) and pd.isna(futaba["cagr_pct"])
    assert futaba["change"] == int(raw21.loc[FUTABA, "C2208"])
    finite = ranked["change_pct"].dropna()
    assert finite.abs().lt(float("inf")).all()
    assert ranked["rank_in_group"].notna().sum() == len(finite)
    assert ranked["rank_in_group"].max() <= len(finite)


def test_zero_shares_are_not_ranked_and_ties_share_a_rank(census, population):
    group = peers.peer_group(peers.resolve_focus(census, "47356"), census, population)
    shares = peers.peer_shares(census, group, 2021)
    g = shares[shares["industry_code"] == "G"]
    raw = _raw("2026")
    zero = [c for c in g["area_code"] if raw.loc[c, "C220839"] == "0"]
    assert "47356" in zero  # 渡名喜村 has no ICT employees
    assert g.set_index("area_code").loc[zero, "rank_in_group"].isna().all()
    ranked = g[g["rank_in_group"].notna()]
    assert (ranked["share_pct"] > 0).all()
    # ties: equal shares get the same (smallest) rank
    for _, same in ranked.groupby("share_pct"):
        assert same["rank_in_group"].nunique() == 1
    ranks = sorted(ranked["rank_in_group"])
    expected = pd.Series(sorted(ranked["share_pct"]), dtype=float).rank(
        ascending=False, method="min").sort_values().astype(int).tolist()
    assert ranks == expected
