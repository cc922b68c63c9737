"""audit_table: the audit for people, in Japanese or English."""

from __future__ import annotations

import pytest
from claims_cache import audit_once

from kawasaki_econ.analysis.claims import STATUS_LABELS, audit_table


@pytest.fixture(scope="module")
def results():
    return list(audit_once())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_table_is_readable_and_complete(results, lang):
    t = audit_table(results, lang)
    assert len(t) == len(results)
    text = t.to_string()
    assert "None" not in text and "nan" not in text.lower().split()
    for col in t.columns:
        assert not t[col].astype(str).str.startswith(("{", "[")).any(), col  # never JSON
        assert (t[col].astype(str).str.len() > 0).all(), col
    status_col = t.columns[6]
    labels = set(STATUS_LABELS[lang].values())
    assert all(any(s.startswith(label) for label in labels) for s in t[status_col])


def test_japanese_columns_and_values(results):
    t = audit_table(results, "ja").set_index("ID")
    assert list(t.columns[:6]) == ["項目", "該当箇所", "計画の記述", "計画の値", "データの値", "判定"]
    assert {"許容差", "許容差の根拠", "比較対象", "説明", "出典"} <= set(t.columns)
    row = t.loc["ch2-establishments-change-2014-2016"]
    assert row["計画の値"] == "−1,588 事業所（−3.7 %）"
    assert t.loc["ch2-establishments-2016", "計画の値"] == "41,028 事業所"
    assert t.loc["ch2-establishments-2016", "データの値"] == "40,934 事業所（確報）"
    assert t.loc["ch2-establishments-2016", "判定"] == "別の公表版で確認"
    assert "±1 %" in t.loc["ch2-establishments-2016", "許容差"]
    assert "−0.77 %" in t.loc["ch2-establishments-2016", "許容差の根拠"]
    ict = t.loc["ch2-share-information-communications"]
    assert ict["判定"] == "確認（東京都区部を含めると21地域中2位（2014年・2016年））"
    assert ict["比較対象"] == "政令指定都市20市"
    assert t.loc["sec1-comment-counts", "判定"] == "計画内の記述"
    assert t.loc["sec1-comment-counts", "比較対象"] == "—"
    # a Japanese explanation under ja
    assert "確報" in t.loc["ch2-establishments-2016", "説明"]


def test_english_columns(results):
    t = audit_table(results, "en").set_index("ID")
    assert t.loc["ch2-establishments-2016", "Status"] == "confirmed (other release)"
    assert t.loc["ch2-employees-change-2014-2016", "Plan value"] == "−9,975 persons (−1.8 %)"
    assert t.loc["ch2-share-information-communications", "Status"] == (
        "confirmed (2nd of 21 including 東京都区部 (2014, 2016))")


def test_unknown_language_is_refused(results):
    with pytest.raises(ValueError, match="lang"):
        audit_table(results, "fr")


def test_table_from_a_saved_claims_frame(results, tmp_path):
    """The report renders the table notebook 05 saved (claims_frame → JSON → frame): the
    same table comes back, with no 'nan' / 'None' from the round trip."""
    import json

    import pandas as pd

    from kawasaki_econ.analysis.claims import claims_frame
    from kawasaki_econ.figures import save_table

    path = save_table(claims_frame(results), tmp_path / "05_claims_audit")
    back = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))  # as report.claims_table
    direct, again = audit_table(results, "ja"), audit_table(back, "ja")
    pd.testing.assert_frame_equal(direct, again)
    assert "nan" not in again.to_string() and "None" not in again.to_string()
