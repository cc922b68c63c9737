"""Chapter 2 analysis: cross-checks computed independently from SSDSE-A."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

import kawasaki_econ
from kawasaki_econ.analysis import (
    CAVEAT_2021,
    DESIGNATED_CITIES,
    TOKYO_WARDS,
    change,
    index_to,
    industry_shares,
    location_quotients,
    rank_change,
    select,
    shift_share,
    shift_share_summary,
    with_aggregates,
    with_tokyo_wards,
    year_on_year,
)
from kawasaki_econ.errors import ComparabilityError


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    return kawasaki_econ.load("census")


def _raw_column(raw, release: str, code: str) -> dict[str, int]:
    """Values of one column of a raw SSDSE-A file, read with the csv module only."""
    text = (raw / "ssdse" / f"SSDSE-A-{release}.csv").read_bytes().decode("cp932")
    rows = list(csv.reader(io.StringIO(text)))
    idx = rows[0].index(code)
    return {r[0][1:]: int(r[idx]) for r in rows[3:]}


def test_employee_change_ranks_of_the_designated_cities(census):
    r = rank_change(census, 2016, 2021)
    k = r[r.area_code == "14130"].iloc[0]
    assert (k.value_start, k.value_end) == (543_812, 547_471)
    assert round(k["change_pct"], 2) == 0.67 and k["rank_in_group"] == 16
    ranked = r[r["rank_in_group"].notna()].sort_values("rank_in_group")
    assert len(ranked) == 20
    assert ranked.iloc[0].area_name == "熊本市" and round(ranked.iloc[0]["change_pct"], 2) == 6.83
    assert ranked.iloc[-1].area_name == "相模原市" and round(ranked.iloc[-1]["change_pct"], 2) == -1.83
    assert (r.caveat == CAVEAT_2021).all()  # 2016→2021 spans the corporate-number register
    assert r[r.area_code == "13100"].status.iloc[0] == "derived"


def test_industry_shares_information_and_scientific(census):
    s = industry_shares(census, 2016)
    k = s[s.area_code == "14130"].set_index("industry_code")
    assert round(k.loc["G", "share_pct"], 2) == 7.05 and k.loc["G", "rank_designated"] == 1
    assert round(k.loc["L", "share_pct"], 2) == 6.07 and k.loc["L", "rank_designated"] == 1


def test_guard_refuses_2014_all_vs_2016_private(census):
    rows = select(census, years=(2014, 2016), areas=["14130"])
    with pytest.raises(ComparabilityError, match="scope"):
        change(rows, 2014, 2016)
    with pytest.raises(ComparabilityError):
        rank_change(census, 2014, 2016)
    forced = change(rows, 2014, 2016, override=True)
    assert forced.caveat.iloc[0].startswith("override: census scope differs")
    assert (forced.value_start.iloc[0], forced.value_end.iloc[0]) == (584_131, 543_812)


def test_tokyo_wards_aggregate_is_the_sum_of_the_23_ward_rows(census, raw):
    for release, code, year in (("2021", "C2208", 2016), ("2024", "C2208", 2021),
                                ("2018", "C2207", 2014), ("2024", "C2108", 2021)):
        column = _raw_column(raw, release, code)
        expected = sum(column[w] for w in TOKYO_WARDS)
        measure = "employees" if code.startswith("C22") else "establishments"
        agg = with_tokyo_wards(census)
        row = agg[(agg.area_code == "13100") & (agg.census_year == year)
                  & (agg.measure == measure) & (agg.industry_code == "ALL")]
        assert len(row) == 1 and int(row.value.iloc[0]) == expected
        assert row.status.iloc[0] == "derived"


def test_location_quotients_use_official_national_figures_where_they_exist(census):
    lq = location_quotients(census, 2021).query("area_code == '14130'").set_index("industry_code")
    # SSDSE-E-2026 全国: 情報通信業 1,986,839 of 57,949,915 private employees (official)
    assert lq.loc["G", "base_basis"] == "official"
    assert lq.loc["G", "base_share_pct"] == pytest.approx(1_986_839 / 57_949_915 * 100)
    # SSDSE-E has no official national figure for L: the sum of municipalities, marked
    assert lq.loc["L", "base_basis"] == "municipal_sum"
    assert lq.loc["G", "lq"] == pytest.approx(lq.loc["G", "share_pct"] / lq.loc["G", "base_share_pct"])
    d = location_quotients(census, 2016, base="designated").query("area_code == '14130'")
    assert (d.base_basis == "designated_aggregate").all()
    assert d.set_index("industry_code").loc["G", "lq"] > 1


def test_shift_share_components_and_national_rate(census, raw):
    detail = shift_share(census, 2016, 2021)
    parts = detail[["national_effect", "industry_mix_effect", "regional_effect"]].sum(axis=1)
    np.testing.assert_allclose(parts, detail.actual_change, atol=1e-6)
    assert set(detail.area_code) == set(DESIGNATED_CITIES)
    # national growth = all municipalities' published totals (C2208) 2021 / 2016 (raw
    # files) — the divisions plus 分類不能
    total = {rel: sum(_raw_column(raw, rel, "C2208").values()) for rel in ("2021", "2024")}
    assert detail.attrs["national_growth_pct"] == pytest.approx(
        (total["2024"] / total["2021"] - 1) * 100)
    summary = shift_share_summary(detail)
    assert len(summary) == 20 and "regional_effect_pct" in summary


def test_shift_share_of_kawasaki_worked_out_from_the_raw_columns(census, raw):
    """Kawasaki's industry-mix and regional effects 2016→2021, computed here by hand from the
    raw SSDSE-A columns (2016 census: release 2021; 2021 census: release 2024): the 18
    divisions C220832…C220852 and 分類不能 = C2208 − their sum, national figures summed over
    every municipality row; mix = Σ E_i0·(g_i − g), regional = Σ E_i0·(g_ri − g_i)."""
    codes = ["C2208"] + [f"C2208{c}" for c in ("32", "33", "35", "36", "37", "38", "39", "40",
                                               "41", "44", "45", "46", "47", "48", "49", "50",
                                               "51", "52")]

    def by_division(release: str) -> dict[str, dict[str, int]]:
        columns = {code: _raw_column(raw, release, code) for code in codes}
        out = {}
        for area, total in columns["C2208"].items():
            divisions = {code: columns[code][area] for code in codes[1:]}
            out[area] = {**divisions, "T": total - sum(divisions.values())}
        return out

    start, end = by_division("2021"), by_division("2024")
    national = {when: {i: sum(area[i] for area in data.values()) for i in data["14130"]}
                for when, data in (("start", start), ("end", end))}
    g = sum(national["end"].values()) / sum(national["start"].values()) - 1
    mix = regional = 0.0
    for i, e0 in start["14130"].items():
        g_i = national["end"][i] / national["start"][i] - 1
        mix += e0 * (g_i - g)
        regional += e0 * (end["14130"][i] / e0 - 1 - g_i) if e0 else end["14130"][i]
    summary = shift_share_summary(shift_share(census, 2016, 2021)).set_index("area_code")
    assert summary.loc["14130", "industry_mix_effect"] == pytest.approx(mix, rel=1e-9)
    assert summary.loc["14130", "regional_effect"] == pytest.approx(regional, rel=1e-9)


def test_city_totals_are_the_published_totals_with_unclassified_shown(census, raw):
    """rank_change and shift_share agree on every city's total: the published total
    (SSDSE-A C2208); where divisions are summed, the gap is a 分類不能 (T) row."""
    published = _raw_column(raw, "2021", "C2208")  # 2016 census, private employees
    codes = ["32", "33", "35", "36", "37", "38", "39", "40", "41", "44", "45", "46", "47",
             "48", "49", "50", "51", "52"]  # JSIC A–R
    divisions = [_raw_column(raw, "2021", f"C2208{c}") for c in codes]
    hamamatsu = published["22130"]
    summed = sum(column["22130"] for column in divisions)
    assert (hamamatsu, summed) == (367_526, 367_519)
    ranked = rank_change(census, 2016, 2021).set_index("area_code")
    detail = shift_share(census, 2016, 2021)
    summary = shift_share_summary(detail).set_index("area_code")
    assert ranked.loc["22130", "value_start"] == hamamatsu
    assert summary.loc["22130", "value_start"] == hamamatsu
    for code in DESIGNATED_CITIES:
        assert summary.loc[code, "value_start"] == published[code] == ranked.loc[code, "value_start"]
        assert summary.loc[code, "value_end"] == ranked.loc[code, "value_end"]
    t = detail[(detail.area_code == "22130") & (detail.industry_code == "T")].iloc[0]
    assert (t.value_start, t.value_end) == (hamamatsu - summed, 0)
    # Kawasaki's divisions add up to its total: no 分類不能 row
    assert not ((detail.area_code == "14130") & (detail.industry_code == "T")).any()


def test_trend_functions_on_a_real_series():
    r = kawasaki_econ.load("ridership")
    jr = r[(r.operator == "JR東日本") & (r.measure == "boardings_daily_avg")
           & (r.station.isin(["川崎", "武蔵小杉"])) & r.source.str.startswith("jreast/")]
    idx = index_to(jr, 2009, period="fiscal_year", by=["station"])
    kosugi = idx[idx.station == "武蔵小杉"].set_index("fiscal_year")["index_value"]
    assert kosugi[2009] == 100.0
    assert kosugi[2010] == pytest.approx(99_617 / 76_831 * 100)
    c = change(jr, 2009, 2010, period="fiscal_year", by=["station"]).set_index("station")
    assert c.loc["武蔵小杉", "change"] == 99_617 - 76_831
    assert c.loc["武蔵小杉", "cagr_pct"] == pytest.approx((99_617 / 76_831 - 1) * 100)


def test_cagr_over_several_years_and_no_gap_bridging():
    df = pd.DataFrame({"station": "x", "fiscal_year": [2000, 2001, 2003], "value": [100, 110, 133.1]})
    c = change(df, 2001, 2003, period="fiscal_year", by=["station"])
    assert c.cagr_pct.iloc[0] == pytest.approx(10.0)
    yoy = year_on_year(df, period="fiscal_year", by=["station"]).set_index("fiscal_year")
    assert yoy.loc[2001, "yoy_pct"] == pytest.approx(10.0)
    assert np.isnan(yoy.loc[2003, "yoy_pct"])  # 2002 missing: no change over a 2-year gap


def test_months_and_years_are_never_mixed():
    gn = kawasaki_econ.load("guest_nights")
    kana = gn[(gn.area_code == "14") & (gn.nationality == "foreign")
              & (gn.frame == "all_facilities") & (gn.release == "2017-09")]
    with pytest.raises(ComparabilityError, match="mixes period types"):
        change(kana, "2015", "2016", period="period", by=["area_code"])
    annual = kana[kana.freq == "year"]
    c = change(annual, "2015", "2016", period="period", by=["area_code"])
    assert (c.value_start.iloc[0], c.value_end.iloc[0]) == (2_156_320, 2_160_600)
    monthly = kana[kana.freq == "month"]
    y = year_on_year(monthly, period="period", by=["area_code"]).set_index("period")
    assert np.isnan(y.loc["2011-01", "yoy_pct"])


def test_frames_are_not_compared():
    gn = kawasaki_econ.load("guest_nights")
    sel = gn[(gn.area_code == "14") & (gn.nationality == "foreign") & (gn.freq == "year")
             & gn.period.isin(["2015", "2016"]) & (gn.release == "2017-09")]
    mixed = pd.concat([sel[(sel.frame == "employees_10plus") & (sel.period == "2015")],
                       sel[(sel.frame == "all_facilities") & (sel.period == "2016")]])
    with pytest.raises(ComparabilityError, match="frames"):
        change(mixed, "2015", "2016", period="period", by=["area_code"])


def test_ridership_measures_are_not_compared():
    r = kawasaki_econ.load("ridership")
    a = r[(r.measure == "boardings_daily_avg")].head(1).assign(station="s", fiscal_year=2014)
    b = r[(r.measure == "boardings_alightings_daily_avg")].head(1).assign(station="s",
                                                                          fiscal_year=2015)
    with pytest.raises(ComparabilityError, match="boardings"):
        change(pd.concat([a, b]), 2014, 2015, period="fiscal_year", by=["station"])


def test_prefecture_and_nation_aggregates_count_each_municipality_once(census, raw):
    agg = with_aggregates(census)

    def total(code, year, measure="employees"):
        row = agg[(agg.area_code == code) & (agg.census_year == year) & (agg.measure == measure)
                  & (agg.industry_code == "ALL") & (agg.dataset == "SSDSE-A")]
        assert len(row) == 1 and row.status.iloc[0] == "derived"
        return int(row.value.iloc[0])

    col2014 = _raw_column(raw, "2020", "C2207")  # the newest release carrying 2014
    assert total("00000", 2014) == sum(col2014.values())  # 那珂川 once (40231 only)
    col2021 = _raw_column(raw, "2026", "C2208")
    assert total("14000", 2021) == sum(v for k, v in col2021.items() if k.startswith("14"))
    r = rank_change(census, 2016, 2021, focus="14205", references=True)  # 藤沢市 as focus
    assert set(r[r["rank_in_group"].isna()].group) == {"tokyo_wards", "focus", "prefecture", "nation"}
    assert r[r.area_code == "14205"].is_focus.all()
