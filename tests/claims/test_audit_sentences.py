"""The audit speaks in sentences of its language: no library error text, the plan's
location in English for an English table, and its numbers as numbers."""

from __future__ import annotations

import re

import pytest

from kawasaki_econ.analysis.claims import audit, audit_table
from kawasaki_econ.analysis.claims.values import audit_values

#: Fragments of the comparability error's message (programmer's wording).
ERROR_TEXT = re.compile(r"override=True|scope \[|Pass override|Traceback|Error:")


@pytest.fixture(scope="module")
def results():
    return audit()


def test_no_library_error_text_reaches_the_audit(results):
    for lang in ("ja", "en"):
        table = audit_table(results, lang)
        leaked = [v for v in table.to_numpy().ravel() if ERROR_TEXT.search(str(v))]
        assert not leaked, leaked[:2]


def test_the_scope_break_is_said_in_words(results):
    r = next(r for r in results if r.id == "ch2-establishments-change-2014-2016")
    assert "all establishments" in r.detail_en and "private ones only" in r.detail_en


def test_english_table_locates_claims_in_english(results):
    where = set(audit_table(results, "en")["Where"])
    assert "Annex 2 Ch. 2 (p.2)" in where
    assert not [w for w in where if re.search(r"[資料第章図]", w)]


def test_audit_values_are_numbers(results):
    values = audit_values(results).set_index(["id", "component"])
    # the plan's text: 事業所数41,028事業所 / 2年前と比較して1,588事業所（3.7%）…減少
    assert values.loc[("ch2-establishments-2016", ""), "plan"] == 41028
    change = values.loc[("ch2-establishments-change-2014-2016", "pct_change")]
    assert change["plan"] == -3.7 and change["kind"] == "percent"
    assert values.loc[("ch2-employee-trend-vs-cities", "rank"), "kind"] == "rank"
