"""The sweep over municipalities (report.sweep) on a small sample of hard cases: zero
bases (双葉町, and groups holding it), islands, the 23 wards, 東京都区部, a designated
city, a core city. The full sweep runs in CI (make sweep)."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from kawasaki_econ import figures
from kawasaki_econ.report import sweep as sweep_module

SAMPLE = ["14130", "14100", "13100", "13101", "07546", "07202", "47356", "20201", "01100"]


@pytest.fixture(scope="module")
def sweep() -> sweep_module.Sweep:
    return sweep_module.Sweep()


def test_sample_raises_nothing_and_shows_no_non_finite_number(sweep):
    assert sweep_module.run(SAMPLE, sweep=sweep) == []


def test_sweep_covers_every_municipality_and_the_wards(sweep):
    codes = sweep.codes()
    assert len(codes) == 1742 and "13100" in codes and "14130" in codes


def test_problems_catch_inf_ranked_gaps_and_plan_figures():
    bad = pd.DataFrame({"change_pct": [float("inf"), None], "rank_in_group": [1, 2]})
    found = sweep_module.problems("14100", {
        "change": bad,
        "findings_ja": pd.DataFrame({"text": ["○ … 276万人", "nan%"], "note": ["", ""]})})
    assert any("inf" in p for p in found)
    assert any("rank(s) of a missing" in p for p in found)
    assert any("276万" in p for p in found) and any("'nan'" in p for p in found)


@pytest.mark.parametrize("code", ["47356", "07202"])  # 渡名喜村, 会津若松市: 双葉町 in the group
def test_change_chart_draws_when_a_peer_had_no_employees(sweep, code):
    outputs = sweep.outputs(code)
    for measure in ("employees", "establishments"):
        fig = figures.city_employee_change(outputs[f"change_{measure}"], focus=code)
        assert isinstance(fig, Figure)
