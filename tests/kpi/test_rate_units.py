"""A rate per 1,000 people (千人当たり) is a unit of its own, never a count in thousands:
an indicator defined in 千人当たり keeps its values as given, and a person-count indicator
given 千人当たり refuses it."""

from __future__ import annotations

import csv
import io
import re

import pytest
from kpi_workbooks import set_values

from kawasaki_econ.commands.kpi_excel_template import write_template
from kawasaki_econ.kpi import rules
from kawasaki_econ.kpi.workbook import WorkbookError, read_workbook
from kawasaki_econ.paths import raw_dir
from kawasaki_econ.sources.kpi import known_indicators

IRIKOMI = "P7_tourists_irikomi"  # 入込観光客数, defined in 万人 → persons
NEW = "PX_births_per_1000_kanagawa"


def kanagawa_births_per_1000_in_2023() -> float:
    """神奈川県's 2023 births (A4101) per 1,000 people (A1101), from SSDSE-B-2026 read
    with the csv module: a real rate per 1,000, rounded to one decimal."""
    text = (raw_dir() / "ssdse" / "SSDSE-B-2026.csv").read_bytes().decode("cp932")
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    row = next(r for r in rows[2:] if r[0] == "2023" and r[1] == "R14000")
    births, people = int(row[head.index("A4101")]), int(row[head.index("A1101")])
    return round(births / people * 1000, 1)


@pytest.mark.parametrize("unit", ["千人当たり", "人口千人当たり", "1万人当たり", "人泊"])
def test_a_per_capita_unit_is_kept_with_factor_one(unit):
    assert rules.normalise_unit(unit) == (unit, 1.0)


def test_a_new_indicator_in_thousand_per_capita_keeps_value_and_unit(tmp_path):
    rate = kanagawa_births_per_1000_in_2023()
    assert 5 < rate < 8  # a birth rate per 1,000, not a count
    path = write_template(tmp_path / "kpi.xlsx")
    set_values(path, [(NEW, "name_ja", "神奈川県 人口千人当たり出生数"), (NEW, "unit", "千人当たり"),
                      (NEW, "direction", "n/a"), (NEW, "FY2023", rate)])
    content = read_workbook(path, known_indicators(raw_dir()))
    assert content.indicators[NEW].unit == "千人当たり"
    row = content.rows.set_index("indicator_id").loc[NEW]
    assert (row.value, row.unit) == (rate, "千人当たり")
    assert not any("converted" in line and NEW in line for line in content.conversions)


def test_thousand_per_capita_given_for_a_person_count_is_refused(tmp_path):
    path = write_template(tmp_path / "kpi.xlsx")
    set_values(path, [(IRIKOMI, "unit", "千人当たり"), (IRIKOMI, "FY2002", 4.5)])
    with pytest.raises(WorkbookError) as info:
        read_workbook(path, known_indicators(raw_dir()))
    assert re.search(r"unit '千人当たり' does not match the indicator's unit 'persons'",
                     str(info.value))
