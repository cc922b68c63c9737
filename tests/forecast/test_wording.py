"""Answers in Japanese (default) and English: the summary, the HTML view, the chart title
(no ">="), the unit on the axes, one plain sentence per probability, and a model line that
does not contradict itself."""

from __future__ import annotations

import pytest

from kawasaki_econ.cli import main
from kawasaki_econ.forecast import forecast_indicator


@pytest.fixture(scope="module")
def hotel():
    return forecast_indicator("P7_hotel_guests_foreign", target=300_000, by="FY2027",
                              n_sims=2_000)


def test_japanese_title_reads_like_a_sentence(hotel):
    title = hotel.plot().get_suptitle()
    assert f"FY2027に30万人以上となる確率 {hotel.probability * 100:.0f} %" in title
    assert ">=" not in title
    en = hotel.plot(lang="en").get_suptitle()
    assert "Probability of at least 300,000 persons in FY2027" in en


def test_a_calendar_year_chart_says_calendar_year_and_wraps_a_long_title():
    """入込観光客数 is counted by calendar year: its axis and note say 年 / calendar year,
    not 年度; its long English title puts the indicator's name on a line of its own."""
    res = forecast_indicator("P7_tourists_irikomi", target="+40%", base="FY2014",
                             by="FY2025", n_sims=2_000)
    ja, en = res.plot(), res.plot(lang="en")
    assert ja.axes[0].get_xlabel() == "年" and en.axes[0].get_xlabel() == "calendar year"
    texts = [t.get_text() for t in ja.texts] + [t.get_text() for t in en.texts]
    assert any("暦年（1〜12月）" in t for t in texts)
    assert any(t.startswith("Calendar years (January–December)") for t in texts)
    assert not any("年度は4月" in t or "Fiscal year = April" in t for t in texts)
    name, rest = en.get_suptitle().split("\n")
    assert name == res.name and rest.startswith("Probability of at least 21,056,000 persons")


def test_axes_carry_the_unit(hotel):
    fig = hotel.plot()
    labels = [ax.get_ylabel() for ax in fig.axes]
    assert "説明系列（人泊）" in labels and "指標の値（人）" in labels


def test_probability_comes_with_one_plain_sentence(hotel):
    ja, en = hotel.meaning("ja"), hotel.meaning("en")
    assert ja.startswith("2,000通りの将来のシミュレーションのうち") and "不確かさは主に" in ja
    assert en.startswith(f"Of 2,000 simulated futures, {hotel.probability:.1%} reach at least")
    assert "the spread comes mainly from" in en
    assert ja in hotel.summary() and en in hotel.summary("en")
    assert en in hotel._repr_html_("en") or "simulated futures" in hotel._repr_html_("en")


def test_model_line_says_why_without_contradiction(hotel):
    line = hotel.summary("en").split("Model       : ")[1].splitlines()[0]
    assert line.startswith("Method: combination of models") and "backtest MASE" in line
    assert "preferred" not in line
    if "kept although" in line:
        assert "less than half the combination's" in line


def test_cli_prints_japanese_by_default(capsys):
    assert main(["forecast", "--indicator", "P7_hotel_guests_foreign", "--target", "300000",
                 "--by", "FY2027"]) == 0
    out = capsys.readouterr().out
    assert "FY2027に30万人以上" in out and "通りの将来のシミュレーションのうち" in out
