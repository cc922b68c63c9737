"""--focus by romanised name: resolved through the municipal_names table."""

from __future__ import annotations

import pytest

import kawasaki_econ
from kawasaki_econ.analysis import FocusError, resolve_focus
from kawasaki_econ.analysis.names import english_names, japanese_names


@pytest.fixture(scope="module")
def census():
    return kawasaki_econ.load("census")


@pytest.mark.parametrize(("text", "code"), [
    ("Sapporo", "01100"), ("sapporo", "01100"), ("Kawasaki-shi", "14130"),
    ("kawasaki shi", "14130"), ("Tonaki", "47356"), ("Yokohama-shi", "14100"),
    ("Kitakyūshū", "40100"),
])
def test_a_romanised_name_resolves(census, text, code):
    assert resolve_focus(census, text).code == code


def test_a_shared_romanised_name_lists_the_candidates_with_their_codes(census):
    with pytest.raises(FocusError) as err:
        resolve_focus(census, "Fuchū")
    message = str(err.value)
    for code in ("13206", "34208", "34302"):
        assert code in message
    assert "Fuchu-cho" in message


def test_a_name_shared_by_a_city_and_towns_is_ambiguous_without_its_suffix(census):
    with pytest.raises(FocusError, match="04324.*14130.*40605.*with its suffix"):
        resolve_focus(census, "Kawasaki")  # 川崎町 (宮城県, 福岡県) and 川崎市


def test_labels_of_a_set_are_unique():
    # 三郷市 and 美里町 (both Saitama) read みさと
    assert english_names(["11237", "11381", "14130"]) == {
        "11237": "Misato-shi", "11381": "Misato-machi", "14130": "Kawasaki"}
    assert english_names(["13206", "34208"]) == {"13206": "Fuchu-shi (13206)",
                                                 "34208": "Fuchu-shi (34208)"}


def test_japanese_labels_of_a_set_name_the_prefecture_where_names_are_shared():
    assert japanese_names(["06323", "16343", "14130"]) == {
        "06323": "山形県朝日町", "16343": "富山県朝日町", "14130": "川崎市"}
