"""A relative target entered in the KPI workbook's targets sheet (unit cell ``% vs FY2010``)
is forecast the same way as ``--target +10% --base FY2010``, and one whose base year is after
the data (``% vs FY2014``) against the base estimated on the same paths (scratch copy of the
project; the history is real: JR 川崎 station daily boardings FY2007–FY2012 from the raw
JSON)."""

from __future__ import annotations

import json

import pytest
from kpi_workbooks import add_targets, set_values

from kawasaki_econ.cli import main
from kawasaki_econ.commands.kpi_excel_template import write_template
from kawasaki_econ.forecast import forecast_indicator, periods

NEW = "P9_kawasaki_station_relative"
#: The same history with a base year after it (FY2014: the data end in FY2012).
LATER = "P9_kawasaki_station_later_base"


def test_workbook_relative_target_reads_like_the_command_line(raw, project_copy, tmp_path,
                                                             capsys):
    history = {}
    for fy in range(2007, 2013):
        rows = json.loads((raw / "jreast" / f"passenger_top100_FY{fy}.json").read_text("utf-8"))
        history[fy] = int(next(r["total"] for r in rows if r["city"] == "川崎"))
    workbook = write_template(tmp_path / "kpi_relative.xlsx")
    set_values(workbook, [(ident, field, value) for ident in (NEW, LATER) for field, value in
                          [("name_ja", "JR川崎駅 1日平均乗車人員"), ("unit", "人"),
                           ("direction", "higher")]
                          + [(f"FY{fy}", v) for fy, v in history.items()]])
    add_targets(workbook, [(NEW, "次期計画", "FY2027", 10, "% vs FY2010", ">="),
                           (LATER, "次期計画", "FY2027", 10, "% vs FY2014", ">=")])
    assert main(["kpi", "import", str(workbook)]) == 0
    capsys.readouterr()
    res = forecast_indicator(NEW, n_sims=2_000)
    assert res.target == pytest.approx(history[2010] * 1.10)
    assert res.target_reading[1].startswith(
        f"target read as +10 % over FY2010: observed base {history[2010]:,.0f}")
    same = forecast_indicator(NEW, target="+10%", base="FY2010", by="FY2027", n_sims=2_000)
    assert same.target == res.target and same.probability == res.probability
    later = forecast_indicator(LATER, n_sims=2_000)
    assert later.relative.basis == "estimated" and later.relative.last == "FY2012"
    assert later.target_reading[1].startswith("target read as +10 % over FY2014: estimated base")
    base_draws = later.simulation.draws_at(periods.parse_period(later.relative.read_as))
    assert later.probability == (later.target_draws >= 1.10 * base_draws).mean()
