"""Bad forecast input is refused with one sentence (ForecastError; CLI exit 1): absurd
magnitudes, an unknown method, a negative target for a count, a target year before the
data, and a bare year (ambiguous, as in the KPI workbook)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from kawasaki_econ.cli import main
from kawasaki_econ.errors import ForecastError
from kawasaki_econ.forecast import attainment

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def _station(name: str) -> pd.Series:
    """Daily boardings of one JR East station by fiscal year, from the raw tables."""
    data = {}
    for path in sorted((RAW / "jreast").glob("passenger_top100_FY*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            if row["city"] == name:
                data[int(path.stem.split("FY")[1])] = float(row["total"])
    return pd.Series(data).sort_index()


def test_absurd_magnitude_is_refused_without_numpy_warnings():
    series = _station("川崎")
    series.loc[2012] = 1e300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ForecastError, match="1e\\+300 at 2012, beyond any city statistic"):
            attainment(series, target=200_000, by=2014, n_sims=200)
    with pytest.raises(ForecastError, match="beyond any city statistic"):
        attainment(_station("川崎"), target=1e300, by=2014, n_sims=200)


def test_unknown_method_is_a_forecast_error():
    with pytest.raises(ForecastError, match="unknown method 'nope'"):
        attainment(_station("川崎"), target=200_000, by=2014, method="nope", n_sims=200)
    with pytest.raises(ForecastError, match="unknown candidate"):
        attainment(_station("川崎"), target=200_000, by=2014, candidates=["magic"], n_sims=200)


def test_negative_target_for_a_count_is_refused():
    with pytest.raises(ForecastError, match="negative, but the series is a count"):
        attainment(_station("川崎"), target=-5, by=2014, n_sims=200)


@pytest.mark.parametrize("argv, words", [
    (["--target", "-5", "--by", "FY2027"], "target -5 is negative, but the series is a count"),
    (["--target", "300000", "--by", "FY1900"],
     "FY1900 is before the first observation of the driver (2011-01)"),
    (["--target", "300000", "--by", "2027"], "--by 2027 is ambiguous"),
    (["--target", "1e300", "--by", "FY2027"], "beyond any city statistic"),
    (["--target", "300000", "--by", "2027-04"], "is a month"),
])
def test_cli_refuses_bad_input_with_one_sentence(capsys, argv, words):
    assert main(["forecast", "--indicator", "P7_hotel_guests_foreign", *argv, "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err and err.count("\n") == 1


def test_a_year_before_an_annual_series_names_its_first_year():
    with pytest.raises(ForecastError, match="FY1990 is before the first observation of the "
                                            "series \\(1999\\)"):
        attainment(_station("川崎"), target=200_000, by="FY1990", n_sims=200)


def test_unknown_option_name_is_refused():
    with pytest.raises(ForecastError, match="unknown option\\(s\\) n_sim: known are"):
        attainment(_station("川崎"), target=200_000, by=2014, n_sim=200)
