"""Notebook 06's library side: the indicator overview, the attainment table and the
hindcast in plain words, against the raw files."""

from __future__ import annotations

import csv

import pytest

from kawasaki_econ.forecast import forecast_indicator
from kawasaki_econ.forecast.overview import hindcast_words, plan_indicators, status_board


def _kanagawa_foreign_fy(raw, fy: int) -> int:
    """FY total (April–March) of Kanagawa's monthly foreign guest nights, raw CSV."""
    months = {f"{fy}-{m:02d}" for m in range(4, 13)} | {f"{fy + 1}-{m:02d}" for m in range(1, 4)}
    with open(raw / "kankocho" / "guest_nights_monthly_2011-01_2025-11.csv", encoding="utf-8") as fh:
        return sum(int(r["foreign"]) for r in csv.DictReader(fh)
                   if r["pref_code"] == "14" and r["ym"] in months)


def _kanagawa_foreign_cy(raw, year: int) -> int:
    """Calendar-year total of Kanagawa's monthly foreign guest nights, raw CSV."""
    with open(raw / "kankocho" / "guest_nights_monthly_2011-01_2025-11.csv", encoding="utf-8") as fh:
        return sum(int(r["foreign"]) for r in csv.DictReader(fh)
                   if r["pref_code"] == "14" and r["ym"].startswith(f"{year}-"))


def test_plan_indicators_lists_the_three_targets():
    ov = plan_indicators().set_index("indicator_id")
    # plan_kpi_targets.csv (P121, P125, P139): draft → final targets, FY2021
    assert ov.loc["P7_hotel_guests_foreign", ["draft_target", "target"]].tolist() == [190_000, 230_000]
    assert ov.loc["PX_consumer_consult_completion_rate", "target"] == 99.0
    assert ov.loc["PX_job_placements_careersupport", "target"] == 490
    assert ov.loc["PX_consumer_consult_completion_rate", "observations"] == "none"
    assert "280,000" in ov.loc["P7_hotel_guests_foreign", "observations"]


def test_status_board_never_invents_missing_history(raw):
    board = status_board(n_sims=2_000)
    final = board[board["kind"] == "target"].set_index("indicator_id")
    for ident in ("PX_consumer_consult_completion_rate", "PX_job_placements_careersupport"):
        assert final.loc[ident, "status"] == "no forecast"
        assert "kpi template" in final.loc[ident, "note"]
    # FY2021 (230,000, final) and the draft 190,000 have passed: both missed, implied from
    # Kanagawa's FY2021 foreign guest nights × the CY2019 share 280,000 / CY2019 nights
    p7 = board[board["indicator_id"] == "P7_hotel_guests_foreign"].set_index("kind")
    assert list(p7["status"]) == ["missed", "missed"]
    assert p7.loc["target", "target"] == 230_000 and p7.loc["draft_target", "target"] == 190_000
    assert p7.loc["target", "value"] == pytest.approx(
        _kanagawa_foreign_fy(raw, 2021) * 280_000 / _kanagawa_foreign_cy(raw, 2019), rel=1e-9)
    assert (board["status"].isin(["met", "missed", "forecast", "no forecast", "no target"])).all()


def test_hindcast_words_report_what_happened(raw):
    res = forecast_indicator("P7_hotel_guests_foreign", as_of="2018-03", n_sims=2_000)
    words = hindcast_words(res, "en")
    fy2020, fy2021 = _kanagawa_foreign_fy(raw, 2020), _kanagawa_foreign_fy(raw, 2021)
    assert f"FY2020 {fy2020:,}" in words and f"FY2021 {fy2021:,}" in words
    assert "not met" in words
    assert res.probability == pytest.approx(float(words.split("was ")[1].split("%")[0]) / 100,
                                            abs=0.005)
    assert "2018-03" in hindcast_words(res, "ja")
