"""A target given as a change over a base year becomes a level from the observed base value,
and the result says how it read the target; a bare number for a relative target, or a %
change on a percentage indicator, is refused with how to enter it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kawasaki_econ.cli import main
from kawasaki_econ.errors import ForecastError
from kawasaki_econ.forecast import forecast_indicator
from kawasaki_econ.forecast.targets import read_target

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def _irikomi_cy2014() -> float:
    """入込観光客数 CY2014 from the transcribed observations (万人 → persons)."""
    with open(RAW / "transcribed" / "kpi_observations.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if row[0] == "P7_tourists_irikomi" and row[1] == "2014":
                assert row[4] == "万人"
                return float(row[3]) * 10_000
    raise AssertionError("CY2014 not found")


def test_plus_40_percent_over_fy2014_is_the_observed_base_times_1_4():
    base = _irikomi_cy2014()
    res = forecast_indicator("P7_tourists_irikomi", target="+40%", base="FY2014", by="FY2025",
                             n_sims=2_000)
    assert res.target == pytest.approx(base * 1.4)
    ja, en = res.target_reading
    assert f"observed base {base:,.0f}" in en and "CY2014" in en and "+40 % over FY2014" in en
    assert "FY2014比" in ja
    assert any("FY2025 read as CY2025" in a for a in res.assumptions)
    assert 0.0 < res.probability < 1.0


def test_cli_relative_target_gives_a_probability_and_says_how_it_was_read(capsys):
    assert main(["forecast", "--indicator", "P7_tourists_irikomi", "--target", "+40%",
                 "--base", "FY2014", "--by", "FY2025", "--lang", "en", "--json"]) == 0
    import json

    out = json.loads(capsys.readouterr().out)
    assert 0 < out["probability"] < 1
    assert out["target_reading"].startswith("target read as +40 % over FY2014: observed base")


def test_bare_number_for_a_relative_target_is_refused_with_how_to_enter_it(capsys):
    assert main(["forecast", "--indicator", "P7_tourists_irikomi", "--target", "40",
                 "--by", "FY2025"]) == 1
    err = capsys.readouterr().err
    assert "enter a change over a base year as --target +40% --base FY2014" in err


def test_percent_change_needs_a_base_and_cannot_apply_to_a_rate():
    with pytest.raises(ForecastError, match="give the base year it is measured from"):
        forecast_indicator("P7_tourists_irikomi", target="+40%", by="FY2025", n_sims=200)
    with pytest.raises(ForecastError, match="itself a percentage"):
        forecast_indicator("PX_consumer_consult_completion_rate", target="+5%", base="FY2014",
                           by="FY2021", n_sims=200)
    with pytest.raises(ForecastError, match="base year FY2030 is after the last observation"):
        forecast_indicator("P7_tourists_irikomi", target="+40%", base="FY2030", by="FY2035",
                           n_sims=200)


def test_target_text_is_read_as_level_or_change():
    assert read_target("300,000").value == 300_000 and not read_target("300000").relative
    assert read_target("+40%").relative and read_target("40 %").factor == pytest.approx(1.4)
    with pytest.raises(ForecastError, match="cannot read the target"):
        read_target("many")
