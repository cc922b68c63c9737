"""The findings in words (report.findings): numbers from the raw SSDSE-A files, ranks
in the group, the plan's statements next to the data for Kawasaki only, "—" with the
reason for a zero base."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import RAW

from kawasaki_econ.analysis.findings import Tables
from kawasaki_econ.report.findings import findings_section_html, findings_table


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables.load()


def _raw(release: str) -> pd.DataFrame:
    df = pd.read_csv(RAW / "ssdse" / f"SSDSE-A-{release}.csv", encoding="cp932", header=0,
                     skiprows=[1, 2], dtype=str)
    return df.assign(code=df.iloc[:, 0].str[1:]).set_index("code")


def test_yokohama_is_6th_of_20_in_employee_change(tables):
    ja = findings_table("14100", "ja", tables=tables).set_index("key")
    en = findings_table("14100", "en", tables=tables).set_index("key")
    assert "政令指定都市20市中6位" in ja.loc["rank_employees", "text"]
    assert "Yokohama ranks 6th of 20 designated cities" in en.loc["rank_employees", "text"]
    assert ja.loc["rank_employees", "value"] == 6
    assert "2016→2021" in en.loc["rank_employees", "text"]


def test_kawasaki_findings_state_both_censuses_rank_and_plan_shares(tables):
    raw16, raw21 = _raw("2021").loc["14130"], _raw("2026").loc["14130"]
    table = findings_table("14130", "ja", tables=tables)
    text = "\n".join(table["text"])
    for raw in (raw16, raw21):
        assert f"事業所数{int(raw['C2108']):,}事業所" in text
        assert f"従業者数{int(raw['C2208']):,}人" in text
    rank = table.set_index("key").loc["rank_employees", "text"]
    assert "政令指定都市20市中" in rank and "位" in rank
    for raw, year in ((raw16, 2016), (raw21, 2021)):
        ict = int(raw["C220839"]) / int(raw["C2208"]) * 100
        sci = int(raw["C220846"]) / int(raw["C2208"]) * 100
        assert f"{year}年 {ict:.2f}%" in text and f"{year}年 {sci:.2f}%" in text
    assert "「情報通信業」" in text and "「学術研究，専門・技術サービス業」" in text
    assert "調査範囲が異なる" in "\n".join(table["note"])  # 2014 all vs 2016 private
    assert all(table["provenance"].str.contains("←"))
    page = findings_section_html(table, "ja")
    assert "主な結果" in page and "計画第2章の記述とデータ" in page
    assert "41,028" in page and "544,782" in page  # the plan's own statement, beside the data


def test_other_municipalities_get_no_plan_statements(tables):
    for code in ("14100", "20201", "47356"):
        table = findings_table(code, "ja", tables=tables)
        page = findings_section_html(table, "ja")
        assert "計画第2章" not in page and "41,028" not in page


def test_zero_base_is_a_dash_with_the_reason(tables):
    raw16 = _raw("2021").loc["07546"]  # 双葉町
    assert raw16["C2208"] == "0"
    ja = findings_table("07546", "ja", tables=tables).set_index("key")
    en = findings_table("07546", "en", tables=tables).set_index("key")
    assert "—（2016年0人のため増減率なし、順位なし）" in ja.loc["rank_employees", "text"]
    assert "no % change: employees were 0 in 2016" in en.loc["rank_employees", "text"]
    assert pd.isna(ja.loc["rank_employees", "value"])
    assert "2016年0人のため増減率なし" in ja.loc["census_change", "text"]
    for frame in (ja, en):
        assert not frame["text"].str.contains(r"\bnan\b|\binf\b|None").any()
