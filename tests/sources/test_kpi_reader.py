"""KPI reader: plan targets, observations, employment-support fragments, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers import one, select

from kawasaki_econ.errors import IngestError
from kawasaki_econ.schema import SPECS, validate
from kawasaki_econ.sources.kpi import (
    build_kpi,
    read_kpi_observations,
    read_kpi_workbooks,
)

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
FILES = ("kpi_indicators.csv", "kpi_observations.csv", "plan_kpi_targets.csv",
         "employment_support.csv")


@pytest.fixture(scope="module")
def kpi():
    return build_kpi(RAW)


def test_validates(kpi):
    out = validate(kpi, SPECS["kpi"])
    assert len(out) == len(kpi)


@pytest.mark.parametrize(
    ("indicator", "draft", "final", "unit"),
    [
        ("P7_hotel_guests_foreign", 190000, 230000, "persons"),
        ("PX_consumer_consult_completion_rate", 98.0, 99.0, "%"),
        ("PX_job_placements_careersupport", 710, 490, "persons"),
    ],
)
def test_plan_target_changes(kpi, indicator, draft, final, unit):
    rows = select(kpi, indicator_id=indicator, dataset="plan_kpi_targets")
    assert len(rows) == 2
    d = one(rows, kind="draft_target")
    f = one(rows, kind="target")
    assert (d["value"], f["value"]) == (draft, final)
    for row in (d, f):
        assert row["period_type"] == "fiscal_year" and row["period"] == 2021
        assert row["status"] == "target" and row["unit"] == unit
        assert row["direction"] == ">="  # the CSV's comparison column
        assert row["target_label"] == "第2期実行プログラム"  # from source_document
        assert row["source"].startswith("transcribed/plan_kpi_targets.csv:row ")


def test_direction_and_label_only_on_targets(kpi):
    actual = kpi[kpi["kind"] == "actual"]
    assert actual["direction"].isna().all() and actual["target_label"].isna().all()
    # the one target in kpi_observations.csv: P7_tourists_irikomi (indicator "higher")
    row = one(kpi, indicator_id="P7_tourists_irikomi", kind="target")
    assert (row["period"], row["value"]) == (2025, 40)
    assert row["direction"] == ">=" and row["indicator_direction"] == "higher"
    assert pd.isna(row["target_label"])  # the source names no plan phase


def test_bad_comparison_refused(raw):
    _replace(raw / "transcribed/plan_kpi_targets.csv", ",190000,230000,>=,", ",190000,230000,=>,")
    with pytest.raises(IngestError, match=r"plan_kpi_targets\.csv, row 4, column comparison"):
        build_kpi(raw)


def test_job_placement_target_keeps_definition_change(kpi):
    row = one(kpi, indicator_id="PX_job_placements_careersupport", kind="target")
    assert "キャリアサポートかわさき only" in row["note"]
    assert row["source"] == "transcribed/plan_kpi_targets.csv:row 3, column final_target"


def test_hotel_guests_2019_observation(kpi):
    row = one(kpi, indicator_id="P7_hotel_guests_foreign", kind="actual")
    assert row["period"] == 2019 and row["period_type"] == "calendar_year"
    assert row["value"] == 280000  # 約28万人, normalised to persons
    assert (row["value_original"], row["unit_original"]) == (28, "万人")
    assert row["status"] == "rounded"
    assert row["source"] == "transcribed/kpi_observations.csv:row 2"
    assert row["source_url"] == "https://nordot.app/1118520361820373181?c=388701204576175201"


def test_observation_values(kpi):
    fy2002 = one(kpi, indicator_id="P7_tourists_irikomi", period=2002)
    assert fy2002["value"] == 11770000 and fy2002["period_type"] == "fiscal_year"
    cy2009 = one(kpi, indicator_id="P7_tourists_irikomi", period=2009)
    assert cy2009["value"] == 13270000 and cy2009["period_type"] == "calendar_year"
    assert one(kpi, indicator_id="P1_knic_startups", period=2020)["value"] == 18
    assert one(kpi, indicator_id="CTX_sme_share_establishments")["value"] == 99.2
    hotels = select(kpi, indicator_id="CTX_hotel_facilities", period=2019)
    assert sorted(hotels["value"]) == [51, 83]  # city vs private count: both kept


def test_undated_observations_left_out(kpi):
    every = read_kpi_observations(RAW)
    undated = every[every["period"].isna()]
    assert sorted(undated["value"]) == [22, 25, 34, 37]
    assert not kpi["source"].isin(undated["source"]).any()


def test_employment_support_fragments(kpi):
    row = one(kpi, indicator_id="job_placements_career_support_kawasaki")
    assert row["value"] == 302 and row["period"] == 2013
    assert row["status"] == "preliminary" and bool(row["partial_period"])
    assert "PARTIAL PERIOD" in row["note"]
    assert one(kpi, indicator_id="job_placements_ward_office_tama_ku")["value"] == 33
    assert one(kpi, indicator_id="career_counselling_sessions_kawasaki_ku")["unit"] == "sessions"


def test_no_workbooks_gives_empty_frame():
    assert read_kpi_workbooks(RAW).empty


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def raw(tmp_path):
    root = tmp_path / "raw"
    (root / "transcribed").mkdir(parents=True)
    for name in FILES:
        shutil.copy(RAW / "transcribed" / name, root / "transcribed" / name)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copy_builds(raw):
    assert len(build_kpi(raw)) == len(build_kpi(RAW))


def test_unknown_indicator(raw):
    _replace(raw / "transcribed/kpi_observations.csv", "P1_knic_startups,2020",
             "P1_knic_startup,2020")
    with pytest.raises(IngestError, match=r"kpi_observations\.csv, row 9, column indicator_id"):
        build_kpi(raw)


def test_unmatched_target_name(raw):
    _replace(raw / "transcribed/plan_kpi_targets.csv", "消費生活相談の年度内完了率,",
             "消費生活相談の完了率,")
    with pytest.raises(IngestError, match=r"plan_kpi_targets\.csv, row 2, column "
                                          r"indicator_name_ja"):
        build_kpi(raw)


def test_non_numeric_target(raw):
    _replace(raw / "transcribed/plan_kpi_targets.csv", ",710,490,", ",710,490人,")
    with pytest.raises(IngestError, match=r"plan_kpi_targets\.csv, row 3, column final_target"):
        build_kpi(raw)


def test_empty_file(raw):
    (raw / "transcribed/employment_support.csv").write_text("", encoding="utf-8")
    with pytest.raises(IngestError, match=r"employment_support\.csv: file is empty"):
        build_kpi(raw)
