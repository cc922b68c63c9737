"""The notebooks: committed without outputs, and every one executes cleanly (once per
session, into temporary directories — reports/ is not touched) saving non-empty figures."""

from __future__ import annotations

import json
from pathlib import Path
import re
import tomllib

import nbformat
import pytest

from kawasaki_econ import report
from kawasaki_econ.lang import has_japanese


NOTEBOOKS = report.notebook_paths()
CLAIMS_TOML = Path(report.__file__).parents[1] / "analysis" / "claims.toml"  # Kawasaki's registry
EXPECTED = {  # every figure each notebook saves for Kawasaki
    "01_census_trends": {"01_census_totals", "01_census_by_industry_employees",
                         "01_census_by_industry_establishments"},
    "02_city_comparison": {"02_city_employee_change", "02_city_establishment_change",
                           "02_industry_shares_2016", "02_industry_shares_2021",
                           "02_location_quotients_2016", "02_location_quotients_2021",
                           "02_shift_share_2016_2021"},
    "03_station_ridership": {"03_station_ridership_index", "03_station_ridership_levels"},
    "04_tourism_haneda": {"04_guest_nights_monthly", "04_guest_nights_annual",
                          "04_haneda_international"},
    "05_claims_audit": {"05_claims_status", "05_kpi_target_changes"},
    "06_kpi_attainment": {"06_p7_hotel_guests_now", "06_p7_hotel_guests_fy2027",
                          "06_p7_hotel_guests_hindcast_2018-03"},
}


def test_the_notebooks_exist():
    names = [p.stem for p in NOTEBOOKS]
    assert names == sorted(names)
    assert set(EXPECTED) <= set(names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell {cell.get('id')} has outputs"
            assert cell.execution_count is None, f"{path.name}: execution_count set"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert has_japanese(first.source) and re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", first.source)


@pytest.fixture(scope="module")
def executed(kawasaki_report):
    """The notebooks as executed for Kawasaki's report (one run per session, shared with the
    report tests; a failing notebook raises NotebookError there, failing these tests)."""
    return {"out_dir": kawasaki_report / "notebooks", "figures_dir": kawasaki_report / "figures",
            "tables_dir": kawasaki_report / "tables"}


def _executed_notebooks(executed) -> list:
    return sorted(executed["out_dir"].glob("*.ipynb"))


@pytest.mark.slow
def test_every_notebook_executes_without_error(executed):
    paths = _executed_notebooks(executed)
    assert [p.name for p in paths] == [p.name for p in NOTEBOOKS]
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "error"]
        assert not errors, f"{path.name}: {errors[0].get('ename')}"
        assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    # notebook times are measured in bench/bench_reproduce.py, not asserted here


@pytest.mark.slow
def test_every_saved_figure_is_non_empty(executed):
    figures = executed["figures_dir"]
    pngs = sorted(figures.glob("*.png"))
    assert pngs, "no figure saved"
    for png in pngs:
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, png.name
        svg = png.with_suffix(".svg")
        assert svg.exists() and svg.stat().st_size > 20_000, svg.name
        assert svg.read_text(encoding="utf-8").rstrip().endswith("</svg>")
        caption = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
        assert caption["title"] and caption["source"], png.name
    names = {p.stem for p in pngs}
    assert names == set().union(*EXPECTED.values())


@pytest.mark.slow
def test_figures_are_shown_in_the_executed_notebooks(executed):
    shown = {p.stem: p for p in _executed_notebooks(executed)}
    assert set(EXPECTED) <= set(shown), "a notebook with figures did not execute"
    for stem, expected in EXPECTED.items():
        nb = nbformat.read(shown[stem], as_version=4)
        images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if "image/png" in o.get("data", {})]
        assert len(images) == len(expected), stem  # each saved figure is shown once


@pytest.mark.slow
def test_claims_notebook_saves_the_audit_table(executed):
    import pandas as pd

    from kawasaki_econ.analysis.claims import STATUSES

    saved = executed["tables_dir"] / "05_claims_audit.json"
    claims = pd.read_json(saved, orient="records")
    assert {"id", "statement_ja", "claimed", "computed", "status", "note"} <= set(claims)
    registry = tomllib.loads((CLAIMS_TOML).read_text(encoding="utf-8"))["claim"]
    assert set(claims["status"]) <= set(STATUSES)
    assert sorted(claims["id"]) == sorted(c["id"] for c in registry)  # every claim, once


def test_every_notebook_has_a_parameters_cell_following_focus_and_lang():
    for path in NOTEBOOKS:
        if path.stem.startswith("06_"):
            continue  # notebook 06 (Kawasaki's indicators) belongs to the forecast module
        nb = nbformat.read(path, as_version=4)
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1 and params[0] is nb.cells[1], path.name
        assert 'FOCUS = "14130"' in params[0].source and 'LANG = "ja"' in params[0].source
        code = "\n".join(c.source for c in nb.cells[2:] if c.cell_type == "code")
        assert "14130" not in code, f"{path.name}: hard-coded focus"
        assert "FOCUS" in code and "LANG" in code, path.name
