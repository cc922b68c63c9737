"""The panel of all areas gives, for any group, the same comparisons as the direct
functions (peer_change, peer_shares, peer_location_quotients, shift-share)."""

from __future__ import annotations

import pandas as pd
import pytest

import kawasaki_econ
from kawasaki_econ.analysis import peers, shift_share, shift_share_summary
from kawasaki_econ.analysis.panel import CensusPanel


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    return kawasaki_econ.load("census")


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return kawasaki_econ.load("population")


@pytest.fixture(scope="module")
def panel(census) -> CensusPanel:
    return CensusPanel.build(census, 2016, 2021)


def _same(a: pd.DataFrame, b: pd.DataFrame, key: list[str], cols: list[str]) -> None:
    a = a.set_index(key).sort_index()[cols]
    b = b.set_index(key).sort_index()[cols]
    pd.testing.assert_frame_equal(a, b, check_dtype=False, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("code", ["14130", "13100", "13101", "20201", "47356"])
def test_panel_slices_equal_the_direct_functions(census, population, panel, code):
    group = peers.peer_group(peers.resolve_focus(census, code), census, population)
    for m in ("employees", "establishments"):
        _same(panel.peer_change(group, m), peers.peer_change(census, group, 2016, 2021,
                                                             measure=m),
              ["area_code"], ["value_start", "value_end", "change", "change_pct",
                              "rank_in_group", "zero_start", "is_focus"])
    for y in (2016, 2021):
        _same(panel.peer_shares(group, y), peers.peer_shares(census, group, y),
              ["area_code", "industry_code"], ["value", "total", "share_pct",
                                               "rank_in_group", "rank_designated"])
        for base in ("nation", "group"):
            _same(panel.peer_location_quotients(group, y, base),
                  peers.peer_location_quotients(census, group, y, base=base),
                  ["area_code", "industry_code"], ["base_share_pct", "lq"])
    direct = shift_share_summary(shift_share(census, 2016, 2021, areas=list(group.ranked)))
    _same(panel.shift_share_summary(group), direct, ["area_code"],
          ["actual_change", "regional_effect", "regional_effect_pct"])
