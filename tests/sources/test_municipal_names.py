"""The municipal_names table: every SSDSE-A municipality has a romanised name, from the
kana reading of data/raw/reference/localgovjp-utf8.csv (checked with plain pandas)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import kawasaki_econ
from kawasaki_econ.errors import IngestError
from kawasaki_econ.sources.municipal_names import build_municipal_names, hepburn

REFERENCE = "reference/localgovjp-utf8.csv"


@pytest.fixture(scope="module")
def names() -> pd.DataFrame:
    return kawasaki_econ.load("municipal_names").set_index("area_code")


def _ssdse_a_codes(raw) -> pd.Series:
    frame = pd.read_csv(raw / "ssdse" / "SSDSE-A-2026.csv", encoding="cp932", header=None,
                        dtype=str, skiprows=3)
    return frame[0].str[1:]  # R01100 -> 01100


def test_every_ssdse_a_municipality_has_an_english_name(names, raw):
    codes = _ssdse_a_codes(raw)
    assert len(codes) == 1741
    en = names.reindex(codes)["name_en"]
    assert en.notna().all(), list(codes[en.isna().to_numpy()])
    assert en.str.fullmatch(r"[A-Z][a-z' -]*[a-z]").all()


def test_names_and_readings_are_the_files_with_the_leading_zero_restored(names, raw):
    file = pd.read_csv(raw / REFERENCE, dtype=str, encoding="utf-8-sig")
    assert len(file) == 1916
    file.index = file["cid"].str.zfill(5)
    table = names.drop(index="13100")
    assert sorted(table.index) == sorted(file.index)
    assert (table["name_ja"] == file.loc[table.index, "city"]).all()
    assert (table["reading"] == file.loc[table.index, "citykana"]).all()
    assert names.at["01100", "name_ja"] == "札幌市"  # cid 1100 in the file


@pytest.mark.parametrize(("code", "name_ja", "reading", "name_en", "suffixed"), [
    ("47356", "渡名喜村", "となきそん", "Tonaki", "Tonaki-son"),
    ("14130", "川崎市", "かわさきし", "Kawasaki", "Kawasaki-shi"),
    ("01100", "札幌市", "さっぽろし", "Sapporo", "Sapporo-shi"),
    ("01101", "札幌市 中央区", "さっぽろし ちゅうおうく", "Sapporo Chuo-ku", "Sapporo-shi Chuo-ku"),
    ("27100", "大阪市", "おおさかし", "Osaka", "Osaka-shi"),
    ("40100", "北九州市", "きたきゅうしゅうし", "Kitakyushu", "Kitakyushu-shi"),
    ("13206", "府中市", "ふちゅうし", "Fuchu", "Fuchu-shi"),
    ("34302", "府中町", "ふちゅうちょう", "Fuchu", "Fuchu-cho"),
    ("13101", "千代田区", "ちよだく", "Chiyoda", "Chiyoda-ku"),
    ("37205", "観音寺市", "かんおんじし", "Kan'onji", "Kan'onji-shi"),
    ("01400", "倶知安町", "くっちゃんちょう", "Kutchan", "Kutchan-cho"),
    ("01214", "稚内市", "わっかないし", "Wakkanai", "Wakkanai-shi"),
    ("15208", "小千谷市", "おぢやし", "Ojiya", "Ojiya-shi"),
    ("05209", "鹿角市", "かづのし", "Kazuno", "Kazuno-shi"),
    ("04209", "多賀城市", "たがじょうし", "Tagajo", "Tagajo-shi"),
    ("06213", "南陽市", "なんようし", "Nanyo", "Nanyo-shi"),  # no apostrophe before y
])  # fmt: skip
def test_real_names_are_romanised_by_the_convention(names, code, name_ja, reading, name_en,
                                                     suffixed):
    row = names.loc[code]
    assert (row["name_ja"], row["reading"]) == (name_ja, reading)
    assert (row["name_en"], row["name_en_suffixed"]) == (name_en, suffixed)


def test_tokyo_wards_total_is_declared_not_read(names):
    row = names.loc["13100"]
    assert (row["name_ja"], row["name_en"], row["kind"]) == ("東京都区部", "Tokyo 23 wards",
                                                             "aggregate")
    assert row["status"] == "derived"


def test_town_and_village_suffixes_follow_the_reading_in_the_file(names):
    towns = names[names["kind"] == "town"]
    assert (towns["name_en_suffixed"].str.endswith("-machi")
            == towns["reading"].str.endswith("まち")).all()
    assert (towns["name_en_suffixed"].str.endswith("-cho")
            == towns["reading"].str.endswith("ちょう")).all()


@pytest.mark.parametrize(("kana", "roman"), [
    ("とうきょう", "tokyo"), ("おおうち", "ouchi"), ("いいだ", "iida"), ("こうみ", "komi"),
])
def test_long_vowels_are_written_without_macrons(kana, roman):
    assert hepburn(kana) == roman


def test_a_reading_outside_the_kana_table_is_refused():
    with pytest.raises(ValueError, match="expected a hiragana reading"):
        hepburn("カワサキ")
    with pytest.raises(ValueError, match="no romanisation for 'ゎ'"):
        hepburn("ゎ")


def _write(raw, text: str) -> None:
    (raw / REFERENCE).write_text(text, encoding="utf-8")


def test_a_reading_without_its_suffix_is_refused_naming_the_row(tmp_path):
    raw = tmp_path / "raw"
    (raw / "reference").mkdir(parents=True)
    _write(raw, "pid,pref,cid,city,citykana,lgcode\n"
                "14,神奈川県,14130,川崎市,かわさきし,141305\n"
                "47,沖縄県,47356,渡名喜村,となき,473561\n")
    with pytest.raises(IngestError, match=r"row 3.*citykana|citykana.*row 3"):
        build_municipal_names(raw)


def test_a_code_that_disagrees_with_its_local_government_code_is_refused(tmp_path):
    raw = tmp_path / "raw"
    (raw / "reference").mkdir(parents=True)
    _write(raw, "pid,pref,cid,city,citykana,lgcode\n1,北海道,1100,札幌市,さっぽろし,011011\n")
    with pytest.raises(IngestError, match="lgcode"):
        build_municipal_names(raw)


def test_the_real_file_builds_from_a_copy(tmp_path, raw):
    (tmp_path / "reference").mkdir()
    shutil.copy(raw / REFERENCE, tmp_path / REFERENCE)
    assert len(build_municipal_names(tmp_path)) == 1917
