"""The assumption notes are written once in English and Japanese (``Note``): the Japanese
summary, HTML view and ``--lang ja`` show them in Japanese under 前提と注記, the JSON keeps
English in ``assumptions`` and gives the Japanese in ``assumptions_ja``."""

from __future__ import annotations

import json
import re

import pytest

from kawasaki_econ.cli import main
from kawasaki_econ.forecast import forecast_indicator
from kawasaki_econ.forecast.wording import Note
from kawasaki_econ.lang import has_japanese

CASES = {
    # driver mode: share assumed from one overlap, monthly paths summed over the fiscal year
    "driver": dict(indicator_id="P7_hotel_guests_foreign", target=300_000, by="FY2027"),
    # a hindcast as of March 2018: cut, driver vintage, look-ahead, hindcast notes
    "hindcast": dict(indicator_id="P7_hotel_guests_foreign", as_of="2018-03"),
    # calendar-year data with a gap (CY2010–CY2013), a fiscal-year target, a shock scenario
    "gap": dict(indicator_id="P7_tourists_irikomi", target="+40%", base="FY2014", by="FY2025",
                shock={"CY2020": "-50%"}),
    # one observation: a scenario with an assumed spread
    "scenario": dict(indicator_id="job_placements_career_support_kawasaki", target=400,
                     by="FY2016", scenario_sd=0.1),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def result(request):
    return forecast_indicator(**CASES[request.param], n_sims=500)


def _note_lines(summary: str) -> list[str]:
    head, _, notes = summary.partition("前提と注記:")
    assert notes, "the Japanese summary has a 前提と注記 section"
    return [line[4:] for line in notes.splitlines() if line.startswith("  - ")]


def test_every_note_is_bilingual(result):
    assert result.assumptions
    for note in result.assumptions:
        assert isinstance(note, Note), note
        assert has_japanese(note.ja), note.ja


def test_japanese_summary_has_no_english_note_sentence(result):
    text = result.summary(lang="ja")
    assert "（英語）" not in text and "英語" not in text
    lines = _note_lines(text)
    assert len(lines) == len(result.assumptions)
    for line in lines:
        assert has_japanese(line), line
    for note in result.assumptions:
        # the English sentence itself (ASCII words) does not appear
        assert not re.search(re.escape(str(note)), text), str(note)


def test_html_and_json_carry_the_language(result):
    html = result._repr_html_("ja")
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert items and all(has_japanese(i) for i in items)
    assert "前提と注記 (" in html
    out = result.to_dict()
    assert out["assumptions"] == [str(n) for n in result.assumptions]
    assert out["assumptions_ja"] == [n.ja for n in result.assumptions]


def test_scenario_note_reads_naturally():
    res = forecast_indicator(**CASES["scenario"], n_sims=500)
    assert any("1期当たりの標準偏差を0.1と仮定" in n.ja for n in res.assumptions)
    assert any("per-period sd assumed = 0.1" in n for n in res.assumptions)


def test_cli_lang_ja_prints_japanese_notes(capsys):
    assert main(["forecast", "--indicator", "P7_tourists_irikomi", "--target", "+40%",
                 "--base", "FY2014", "--by", "FY2025", "--lang", "ja"]) == 0
    lines = _note_lines(capsys.readouterr().out)
    assert lines and all(has_japanese(line) for line in lines)
    assert any(line.startswith("欠測") for line in lines)  # the gap CY2010–CY2013
    assert main(["forecast", "--indicator", "P7_tourists_irikomi", "--target", "+40%",
                 "--base", "FY2014", "--by", "FY2025", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert any(a.startswith("4 missing period(s) kept missing") for a in out["assumptions"])
    assert any(a.startswith("欠測4期間") for a in out["assumptions_ja"])


def test_japanese_summary_has_no_english_placeholders():
    """The 'gap' case's growth line has no recent growth, and one observation on another
    basis (a fiscal year among calendar years) is left out: both said in Japanese."""
    text = forecast_indicator(**CASES["gap"], n_sims=500).summary(lang="ja")
    assert "直近 算出不可" in text and "n/a" not in text
    assert "集計区分の異なる観測1件（年度）" in text and "fiscal_year" not in text
