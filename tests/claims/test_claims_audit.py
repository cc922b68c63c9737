"""The claims audit: registry coverage, statuses, the summary and the CLI output."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from claims_cache import audit_once

from kawasaki_econ.analysis.claims import (
    EVIDENCE_STATUSES,
    STATUSES,
    check_arithmetic,
    claims_frame,
    load_registry,
    summary_line,
)
from kawasaki_econ.cli import main
from kawasaki_econ.paths import project_root

REGISTRY = Path(__file__).resolve().parents[2] / "kawasaki_econ" / "analysis" / "claims.toml"
PLAN = project_root() / "data/raw/plan/kawasaki_industrial_plan_phase2_2018-03.txt"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("「", "").replace("」", "")


@pytest.fixture(scope="module")
def results():
    return {r.id: r for r in audit_once()}


def test_every_statement_is_quoted_from_the_plan():
    plan = _flat(PLAN.read_text("utf-8"))
    claims = load_registry()
    assert len({c.id for c in claims}) == len(claims)
    for claim in claims:  # … marks an elision
        for piece in claim.statement_ja.split("…"):
            assert _flat(piece) in plan, (claim.id, piece)


@pytest.mark.parametrize("quote", [
    # every number of Chapter 2
    "41,028", "544,782", "1,588", "3.7%", "9,975", "1.8%", "大幅な増加傾向", "引き続き高い",
    "約2割", "'09年から'15年の7年間", "約1割増", "約6割増", "'10年の国際線ターミナル",
    "276万人", "1,564万人",
    # Chapter 1 and 3
    "2016（平成28）年度からの2年間", "全国トップクラス", "都市農業活性化連携フォーラム」を設置", "約300", "20周年", "約14億円", "約10万人",
    # 資料1: the process and the target changes
    "約5,000事業所", "平成29年8月", "平成29年11月", "40日間", "7通（20件）",
    "98.0%以上", "710人以上", "19万人以上", "23万人以上", "目標値を上回った",
])
def test_numbers_of_the_plan_are_registered(quote):
    """The issue's list: each of these numbers is in some claim's statement."""
    assert quote in PLAN.read_text("utf-8").replace(" ", "")
    assert any(_flat(quote) in _flat(c.statement_ja) for c in load_registry()), quote


def test_statuses_of_the_audit(results):
    by_status = {s: sorted(i for i, r in results.items() if r.status == s) for s in STATUSES}
    assert by_status["contradicted"] == []
    assert set(by_status["confirmed_other_vintage"]) == {"ch2-establishments-2016",
                                                         "ch2-employees-2016"}
    assert set(by_status["confirmed"]) == {
        "ch2-share-information-communications", "ch2-share-scientific-professional",
        "ch2-jr-kawasaki-growth-2009-2015", "ch2-jr-musashikosugi-growth-2009-2015",
        "ch3-ict-share-national-top"}
    # the plan's own decisions and arithmetic, apart from the evidence
    assert set(by_status["plan_statement"]) == {
        "sec3-target-consumer-consultation", "sec3-target-job-placements",
        "sec3-target-foreign-hotel-guests", "sec1-comment-period-days", "sec1-comment-counts",
        "ch1-plan-periods", "ch1-first-program-period"}
    for cid in by_status["unverifiable"]:
        assert results[cid].note and results[cid].detail_ja, cid


def test_changes_against_2014_are_unverifiable_but_arithmetically_consistent(results):
    for cid in ("ch2-establishments-change-2014-2016", "ch2-employees-change-2014-2016"):
        r = results[cid]
        assert r.status == "unverifiable" and r.arithmetic == "consistent"
        assert "public ones included" in r.note and "private ones only" in r.note


def test_trend_claim_is_unverifiable_with_context(results):
    trend = results["ch2-employee-trend-vs-cities"]
    assert trend.status == "unverifiable" and trend.comparison_set == "designated_cities"
    assert trend.computed["rank"] == 16 and trend.computed["pct_change"] == 0.67


def test_hotel_target_reason_uses_the_first_program_period(results):
    """P139 says the 1st program already exceeded 190,000: the period checked is the one
    Chapter 1 gives (2 years from FY2016), and no value for it is held."""
    claims = {c.id: c for c in load_registry()}
    first = claims["ch1-first-program-period"].claimed
    reason = claims["sec3-foreign-hotel-guests-exceeded"].params
    assert reason["period"] == [first["start"], first["start"] + first["years"] - 1]
    assert results["ch1-first-program-period"].arithmetic == "consistent"
    r = results["sec3-foreign-hotel-guests-exceeded"]
    assert r.status == "unverifiable" and "FY2016–FY2017" in r.note
    assert results["sec3-target-foreign-hotel-guests"].computed == {
        "draft_target": 190_000.0, "target": 230_000.0}


def test_every_plan_arithmetic_is_consistent(results):
    checked = {r.id for r in results.values() if r.arithmetic}
    registry = tomllib.loads(REGISTRY.read_text(encoding="utf-8"))["claim"]
    assert checked == {c["id"] for c in registry if "arithmetic" in c}  # 12 of 28 claims
    assert len(checked) == 12
    assert all(results[i].arithmetic == "consistent" for i in checked)


def test_arithmetic_checker_detects_errors():
    assert check_arithmetic({"expression": "1588 / (41028 + 1588) * 100", "expected": 3.7,
                             "tolerance": 0.05})[0] == "consistent"
    assert check_arithmetic({"expression": "1588 / 41028 * 100", "expected": 3.7,
                             "tolerance": 0.05})[0] == "inconsistent"


def test_summary_separates_plan_statements(results):
    line = summary_line(list(results.values()))
    n_plan = sum(r.status == "plan_statement" for r in results.values())
    n_evidence = sum(r.status in EVIDENCE_STATUSES for r in results.values())
    assert n_plan + n_evidence == len(results)
    assert line.startswith(f"evidence-based claims {n_evidence}:")
    assert line.endswith(f"plan statements {n_plan}")
    assert f"計画内の記述 {n_plan}件" in summary_line(list(results.values()), "ja")


def test_claims_json_cli(capsys):
    assert main(["claims", "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert len(data) == len(load_registry())
    for d in data:
        assert d["status"] in STATUSES
        assert d["tolerance"] and d["justification"] and d["label_ja"] and d["label_en"]
        assert d["tolerances"] and all(t["justification"] for t in d["tolerances"])
        if d["id"].startswith(("ch2-share", "ch3-ict", "ch2-employee-trend")):
            assert d["comparison_set"]
    assert "evidence-based claims" in captured.err and "plan statements" in captured.err
    assert main(["claims", "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    assert "summary: データで検証した記述" in out and "計画内の記述" in out


def test_claims_frame(raw, results):
    import pandas as pd

    df = claims_frame(list(results.values())).set_index("id")
    assert len(df) == len(load_registry())
    a16 = pd.read_csv(raw / "ssdse/SSDSE-A-2021.csv", encoding="cp932", header=None, dtype=str)
    kawasaki = a16[a16[0] == "R14130"].iloc[0]
    c2108 = int(kawasaki[a16.iloc[0].tolist().index("C2108")])
    assert df.loc["ch2-establishments-2016", "computed"] == c2108
    assert "SSDSE-A-2021.csv:C2108" in df.loc["ch2-establishments-2016", "sources"]
    assert {"label_ja", "label_en", "detail_ja", "detail_en", "justification"} <= set(df)
