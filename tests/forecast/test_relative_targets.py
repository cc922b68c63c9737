"""A target given as a change over a base year becomes a level from the observed base value,
or, for a base year after the last observation, is counted path by path against the base
estimated on the same simulated paths; the result says which. A base year before the data
or in a gap, a bare number for a relative target, or a % change on a percentage indicator
is refused with how to enter it."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from kawasaki_econ.cli import main
from kawasaki_econ.errors import ForecastError
from kawasaki_econ.forecast import forecast_indicator, periods
from kawasaki_econ.forecast.targets import read_target

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def _irikomi_years() -> dict[str, float]:
    """入込観光客数 by year label from the transcribed observations (万人 → persons)."""
    out = {}
    with open(RAW / "transcribed" / "kpi_observations.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if row[0] == "P7_tourists_irikomi" and row[2] == "actual":
                assert row[4] == "万人"
                out[row[1]] = float(row[3]) * 10_000
    return out


def _irikomi_cy2014() -> float:
    """入込観光客数 CY2014 (the last observation)."""
    return _irikomi_years()["2014"]


@pytest.fixture(scope="module")
def estimated():
    """+10 % over FY2016 by FY2025: the data end in CY2014, so the base is forecast."""
    return forecast_indicator("P7_tourists_irikomi", target="+10%", base="FY2016", by="FY2025",
                              n_sims=2_000)


def test_estimated_base_probability_is_the_path_wise_fraction(estimated):
    res = estimated
    assert res.relative.basis == "estimated" and res.relative.read_as == "CY2016"
    assert res.relative.last == "CY2014"
    base_draws = res.simulation.draws_at(periods.parse_period("CY2016"))
    by_draws = res.target_draws
    assert base_draws.shape == by_draws.shape == (2_000,)
    assert not np.allclose(base_draws, base_draws[0])  # the base is uncertain
    assert res.probability == np.mean(by_draws >= 1.10 * base_draws)
    # not the same as comparing with one level (the base's median × 1.10)
    assert res.relative.level["median"] == pytest.approx(np.median(1.10 * base_draws))
    assert res.relative.base_value["lo95"] == pytest.approx(np.quantile(base_draws, 0.025))
    # the forecast starts from the real last observation
    assert res.history.dropna().iloc[-1] == _irikomi_cy2014()


def test_estimated_base_is_said_in_every_view(estimated):
    res = estimated
    ja, en = res.target_reading
    assert "estimated base" in en and "推計した基準値" in ja
    assert "observed base" not in en and "実績の基準値" not in ja
    # the base as read on the calendar-year series, like the target year (CY2025)
    assert "CY2025にCY2016（推計）比+10%以上" in res.summary("ja")
    assert "+10 % over CY2016 (estimated base) in CY2025" in res.summary("en")
    assert "推計した基準値" in res._repr_html_("ja")
    frame = res.to_frame()
    row = frame[frame["kind"] == "estimated base"].iloc[0]
    assert row["period"] == 2016 and row["median"] == res.relative.base_value["median"]
    assert (frame["kind"] == "target level").sum() == 1
    out = res.to_dict()
    assert out["relative"]["basis"] == "estimated" and "estimated base" in out["target_reading"]


def test_observed_base_says_observed():
    res = forecast_indicator("P7_tourists_irikomi", target="+10%", base="FY2009", by="FY2025",
                             n_sims=500)
    cy2009 = _irikomi_years()["2009"]
    assert res.relative.basis == "observed" and res.target == pytest.approx(cy2009 * 1.1)
    assert "observed base" in res.target_reading[1] and "実績の基準値" in res.target_reading[0]
    assert res.probability == np.mean(res.target_draws >= cy2009 * 1.1)
    assert "observed base" in set(res.to_frame()["kind"])


@pytest.mark.parametrize("lang, words", [("ja", "推計した基準値"), ("en", "estimated base")])
def test_cli_estimated_base(capsys, lang, words):
    assert main(["forecast", "--indicator", "P7_tourists_irikomi", "--target", "+10%",
                 "--base", "FY2016", "--by", "FY2025", "--lang", lang]) == 0
    assert words in capsys.readouterr().out


@pytest.mark.parametrize("base, where", [("FY2005", "before the first observation"),
                                         ("FY2012", "in a gap of the data")])
def test_cli_refuses_a_base_without_data_in_one_sentence(capsys, base, where):
    assert main(["forecast", "--indicator", "P7_tourists_irikomi", "--target", "+10%",
                 "--base", base, "--by", "FY2025", "--lang", "en"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and ". " not in err  # one sentence
    assert where in err and "no data for that year" in err and "not filled in" in err
    assert "give an observed base year (CY2007, CY2008, CY2009, CY2014) or a level" in err


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
                 "--by", "FY2025", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "enter a change over a base year as --target +40% --base FY2014" in err


def test_percent_change_needs_a_base_and_cannot_apply_to_a_rate():
    with pytest.raises(ForecastError, match="give the base year it is measured from"):
        forecast_indicator("P7_tourists_irikomi", target="+40%", by="FY2025", n_sims=200)
    with pytest.raises(ForecastError, match="itself a percentage"):
        forecast_indicator("PX_consumer_consult_completion_rate", target="+5%", base="FY2014",
                           by="FY2021", n_sims=200)
    with pytest.raises(ForecastError, match="not after the base year FY2030"):
        forecast_indicator("P7_tourists_irikomi", target="+40%", base="FY2030", by="FY2025",
                           n_sims=200)


def test_target_text_is_read_as_level_or_change():
    assert read_target("300,000").value == 300_000 and not read_target("300000").relative
    assert read_target("+40%").relative and read_target("40 %").factor == pytest.approx(1.4)
    with pytest.raises(ForecastError, match="cannot read the target"):
        read_target("many")


def test_estimated_base_in_driver_mode_is_share_times_driver():
    """外国人宿泊客数 (one observation, CY2019) is modelled as share × Kanagawa's foreign guest
    nights: a base year after CY2019 is that product on the same paths, summed over the
    fiscal year asked."""
    res = forecast_indicator("P7_hotel_guests_foreign", target="+10%", base="FY2026",
                             by="FY2030", n_sims=1_000)
    rel = res.relative
    assert rel.basis == "estimated" and rel.read_as == "FY2026" and rel.last == "CY2019"
    assert "share × driver paths" in res.target_reading[1]
    assert rel.level["median"] == pytest.approx(1.10 * rel.base_value["median"])
    assert 0.0 < res.probability < 1.0
