"""Below the documented minimum of observations (and without a driver) there is no bare
probability: the answer says what is missing; with an explicit assumed spread the result is
a labelled scenario. The board explains an indicator whose data sit under another id."""

from __future__ import annotations

import pytest

from kawasaki_econ.cli import main
from kawasaki_econ.forecast import forecast_indicator
from kawasaki_econ.forecast.options import MIN_OBSERVATIONS, TooFewObservations
from kawasaki_econ.forecast.overview import status_board


def test_one_observation_without_driver_gets_no_probability(capsys):
    with pytest.raises(TooFewObservations, match=r"1 observation\(s\) \(2013: 302\): a "
                       rf"probability needs at least {MIN_OBSERVATIONS} \(2 more years"):
        forecast_indicator("job_placements_career_support_kawasaki", target=800, by="FY2027")
    assert main(["forecast", "--indicator", "job_placements_career_support_kawasaki",
                 "--target", "800", "--by", "FY2027", "--lang", "en"]) == 1
    assert "a probability needs at least 3" in capsys.readouterr().err
    assert main(["forecast", "--indicator", "job_placements_career_support_kawasaki",
                 "--target", "800", "--by", "FY2027"]) == 1
    assert "確率には3件以上" in capsys.readouterr().err


def test_scenario_is_labelled_and_shows_the_assumed_spread():
    res = forecast_indicator("job_placements_career_support_kawasaki", target=800,
                             by="FY2027", scenario_sd=0.1, n_sims=2_000)
    assert res.scenario
    assert "シナリオ" in res.summary() and "not an estimated probability" in res.meaning("en")
    assert any("sd assumed = 0.1" in a for a in res.assumptions)


def test_board_names_the_related_id_and_what_is_missing():
    board = status_board(n_sims=500, lang="en").set_index(["indicator_id", "kind"])
    note = board.loc[("PX_job_placements_careersupport", "target"), "note"]
    assert "related data sit under job_placements_career_support_kawasaki" in note
    assert "kpi template" in note
    irikomi = board.loc[("P7_tourists_irikomi", "target"), "note"]
    assert "no base year" in irikomi and "calendar year" in irikomi and "fiscal year" in irikomi
