"""Plan-specific content (the claims audit, the outcome indicators, the plan's figures on
the Haneda chart) appears only in the report of a municipality with a plan: no other
report contains a number of Kawasaki's plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kawasaki_econ import plans, report
from kawasaki_econ.analysis import coverage

#: Numbers of Kawasaki's plan (claims registry / KPI targets) as a report would print
#: them: Haneda's 2009 and 2016 passengers and the foreign-guest target.
PLAN_NUMBERS = ("276万", "1,564万", "1564万", "230,000", "2,760,000", "15,640,000")
NOTEBOOK_04 = report.notebooks_dir() / "04_tourism_haneda.ipynb"


def _texts(folder: Path) -> dict[str, str]:
    """Every text a report folder holds: page, notebooks, figure side files, and the
    workbook's cells (as text)."""
    out = {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
           for p in folder.rglob("*") if p.suffix in (".html", ".ipynb", ".json", ".svg")}
    wb = load_workbook(folder / report.EXCEL_NAME, read_only=True)
    for ws in wb:
        cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
        out[f"{report.EXCEL_NAME}:{ws.title}"] = "\n".join(cells)
    return out


def _plan_numbers(texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, n) for name, text in texts.items() for n in PLAN_NUMBERS if n in text]


def test_only_kawasaki_has_a_plan():
    assert plans.has_plan("14130")
    for code in ("01100", "12204", "47382"):
        assert not plans.has_plan(code)
        assert coverage.claims_registry(code) is None


@pytest.fixture(scope="module")
def yonaguni(tmp_path_factory):
    """与那国町 with notebook 04 (guest nights and the Haneda chart)."""
    out = tmp_path_factory.mktemp("reports") / "47382"
    report.reproduce("与那国町", out_dir=out, notebooks=[NOTEBOOK_04], quiet=True)
    return out


def test_village_report_has_no_plan_number_and_no_plan_mark(yonaguni):
    texts = _texts(yonaguni)
    assert "04_tourism_haneda.ipynb" in " ".join(texts), "notebook 04 did not run"
    assert not _plan_numbers(texts)
    svg = (yonaguni / "figures" / "04_haneda_international.svg").read_text(encoding="utf-8")
    assert not re.search(r'id="claim:\d{4}"', svg)
    assert 'id="calendar_year:' in svg or 'id="fiscal_year:' in svg  # the data are drawn
    page = (yonaguni / "index.html").read_text(encoding="utf-8")
    assert '<section id="claims">' not in page
    wb = load_workbook(yonaguni / report.EXCEL_NAME, read_only=True)
    assert "計画の検証" not in wb.sheetnames and "成果指標の達成見通し" not in wb.sheetnames


@pytest.mark.parametrize("focus", ["01100", "12204"])  # 札幌市 (designated), 船橋市 (core)
def test_city_reports_have_no_plan_number(tmp_path, focus):
    out = tmp_path / focus
    report.reproduce(focus, out_dir=out, notebooks=[], quiet=True)
    assert not _plan_numbers(_texts(out))


def test_the_executed_notebook_source_names_no_plan_number():
    """The notebook 04 that every report executes (its text, not only its output)."""
    assert not [n for n in PLAN_NUMBERS if n in NOTEBOOK_04.read_text(encoding="utf-8")]


def test_kawasaki_haneda_chart_keeps_the_plan_figures(tmp_path):
    """The gate is not a switch that is always off: with Kawasaki's registry the chart
    marks the plan's 2009 and 2016 figures."""
    import kawasaki_econ
    from kawasaki_econ import figures

    haneda = figures.haneda_international(kawasaki_econ.load("airport"))
    plan = coverage.claims_registry("14130")
    fig = figures.haneda_chart(haneda, lang="ja", mark_claims=plan is not None, registry=plan)
    gids = {a.get_gid() for ax in fig.axes for a in ax.get_lines()}
    assert {"claim:2009", "claim:2016"} <= gids
    fig = figures.haneda_chart(haneda, lang="ja", mark_claims=False)
    assert not {g for ax in fig.axes for a in ax.get_lines() if (g := a.get_gid())
                and g.startswith("claim:")}
