"""The claims audit: statuses against the published figures, registry and CLI output."""

from __future__ import annotations

import json
import re

import pytest

from kawasaki_econ.analysis.claims import (
    STATUSES,
    audit,
    check_arithmetic,
    claims_frame,
    load_registry,
)
from kawasaki_econ.cli import main


@pytest.fixture(scope="module")
def results():
    return {r.id: r for r in audit()}


def test_registry_covers_chapter_2_and_the_target_table():
    claims = load_registry()
    ids = {c.id for c in claims}
    assert len(ids) == len(claims) >= 15
    plan = (pytest.importorskip("kawasaki_econ.paths").project_root()
            / "data/raw/plan/kawasaki_industrial_plan_phase2_2018-03.txt").read_text("utf-8")
    for claim in claims:  # every statement is quoted from the plan (… marks an elision)
        for piece in re.split(r"…", claim.statement_ja.replace("「", "").replace("」", "")):
            piece = re.sub(r"\s+", "", piece)
            assert piece == "" or piece in re.sub(r"\s+", "", plan).replace("「", "").replace(
                "」", ""), (claim.id, piece)
    for c in claims:
        assert c.tolerance and c.unit and c.section and c.check


def test_census_totals_are_the_final_vintage_of_the_preliminary_figures(results):
    est, emp = results["ch2-establishments-2016"], results["ch2-employees-2016"]
    assert est.status == emp.status == "confirmed_other_vintage"
    assert (est.claimed, est.computed) == (41_028, 40_934)  # 速報 vs 確報 (SSDSE-A-2021..2023)
    assert (emp.claimed, emp.computed) == (544_782, 543_812)
    assert "-94" in est.note and "-970" in emp.note


def test_changes_against_2014_are_unverifiable_but_arithmetically_consistent(results):
    for cid in ("ch2-establishments-change-2014-2016", "ch2-employees-change-2014-2016"):
        r = results[cid]
        assert r.status == "unverifiable"  # 2014 in the data is the all-establishment scope
        assert "scope" in r.note and r.arithmetic == "consistent"
    assert "42,616" in results["ch2-establishments-change-2014-2016"].note


def test_station_growth_claims_confirmed(results):
    kawasaki = results["ch2-jr-kawasaki-growth-2009-2015"]
    kosugi = results["ch2-jr-musashikosugi-growth-2009-2015"]
    assert kawasaki.status == kosugi.status == "confirmed"
    # FY2009 187,147 (JR East) → FY2015 208,000 (rounded): +11.1 %
    assert kawasaki.computed["pct_change"] == pytest.approx((208_000 / 187_147 - 1) * 100, abs=0.05)
    # FY2009 76,831 → FY2015 124,325: +61.8 %
    assert kosugi.computed["pct_change"] == pytest.approx((124_325 / 76_831 - 1) * 100, abs=0.05)
    assert any(s.startswith("jreast/passenger_top100_FY2009.json") for s in kawasaki.sources)


def test_haneda_claim_is_unverifiable(results):
    r = results["ch2-haneda-international-2009-2016"]
    assert r.status == "unverifiable" and "2009" in r.note and "2016" in r.note


def test_share_claims_and_trend_claim(results):
    assert results["ch2-share-information-communications"].status == "confirmed"
    assert results["ch2-share-scientific-professional"].status == "confirmed"
    trend = results["ch2-employee-trend-vs-cities"]
    assert trend.status == "unverifiable"
    assert trend.computed["rank"] == 16 and trend.computed["pct_change"] == 0.67


def test_targets_are_never_confirmed_by_the_plan_itself(results):
    for cid in ("sec3-target-consumer-consultation", "sec3-target-job-placements",
                "sec3-target-foreign-hotel-guests"):
        assert results[cid].status == "unverifiable"
    hotel = results["sec3-target-foreign-hotel-guests"]
    assert hotel.computed == {"draft_target": 190_000.0, "target": 230_000.0}
    assert "FY2016–FY2017" in hotel.note


def test_arithmetic_checker_detects_errors():
    assert check_arithmetic({"expression": "1588 / (41028 + 1588) * 100", "expected": 3.7,
                             "tolerance": 0.05})[0] == "consistent"
    assert check_arithmetic({"expression": "1588 / 41028 * 100", "expected": 3.7,
                             "tolerance": 0.05})[0] == "inconsistent"


def test_claims_json_cli(capsys):
    assert main(["claims", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"id", "section", "statement_ja", "claimed", "computed", "unit", "status", "note",
            "sources"} <= set(data[0])
    assert {d["status"] for d in data} <= set(STATUSES)
    assert main(["claims"]) == 0
    assert "summary: confirmed" in capsys.readouterr().out


def test_claims_frame():
    df = claims_frame().set_index("id")
    assert len(df) == len(load_registry())
    # 41,028 (2016 速報, the plan) vs 40,934 (確報, SSDSE-A-2021..2023 C2108)
    assert df.loc["ch2-establishments-2016", "computed"] == 40_934
    assert "SSDSE-A-2021.csv:C2108" in df.loc["ch2-establishments-2016", "sources"]
