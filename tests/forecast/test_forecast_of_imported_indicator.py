"""A workbook made with ``kawasaki-econ kpi template``, given a new indicator
with its history and an FY2027 target, imports, and the forecast, the CLI and the status
board pick it up (on a scratch copy of the project).

The history is real: JR 川崎 station daily boardings FY2007–FY2012, read here from the
JR East JSON files, entered as a new indicator.
"""

from __future__ import annotations

import json

from kpi_workbooks import add_targets, set_values

from kawasaki_econ.cli import main
from kawasaki_econ.commands.kpi_excel_template import write_template
from kawasaki_econ.forecast import forecast_indicator

NEW = "P9_kawasaki_station_boardings"


def _kawasaki_station(raw) -> dict[int, int]:
    out = {}
    for fy in range(2007, 2013):
        rows = json.loads((raw / "jreast" / f"passenger_top100_FY{fy}.json").read_text("utf-8"))
        out[fy] = int(next(r["total"] for r in rows if r["city"] == "川崎"))
    return out


def test_new_indicator_with_fy2027_target_imports_and_forecasts(raw, project_copy, tmp_path,
                                                                capsys):
    history = _kawasaki_station(raw)
    workbook = write_template(tmp_path / "kpi_history.xlsx")
    set_values(workbook, [(NEW, "name_ja", "JR川崎駅 1日平均乗車人員"), (NEW, "unit", "人"),
                          (NEW, "direction", "higher")]
               + [(NEW, f"FY{fy}", v) for fy, v in history.items()])
    target = round(history[2012] * 1.10)
    add_targets(workbook, [(NEW, "次期計画", "FY2027", target, None, ">=")])
    assert main(["kpi", "import", str(workbook)]) == 0
    capsys.readouterr()

    res = forecast_indicator(NEW, n_sims=2_000)
    assert (res.target, res.by, res.direction, res.target_label) == (target, "FY2027", ">=",
                                                                      "次期計画")
    assert res.history.to_dict() == {fy: float(v) for fy, v in history.items()}
    assert 0 < res.probability < 1 and res.verdict is None
    assert res.forecast["period"].iloc[-1] == 2027
    fc = res.forecast
    assert (fc["mean"] <= 1.5 * fc["median"]).all()

    assert main(["forecast", "--indicator", NEW, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["by"] == "FY2027" and out["target_label"] == "次期計画"
    assert main(["forecast", "--all", "--json"]) == 0
    board = [r for r in json.loads(capsys.readouterr().out) if r["indicator_id"] == NEW]
    assert [(r["by"], r["target"], r["status"]) for r in board] == [
        ("FY2027", target, "forecast")]
    assert 0 < board[0]["probability"] < 1
