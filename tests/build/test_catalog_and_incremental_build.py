"""Catalogue verification, incremental and atomic builds, CLI exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kawasaki_econ import build as tables
from kawasaki_econ import catalog, readme_schemas
from kawasaki_econ.cli import main
from kawasaki_econ.errors import CatalogError, IngestError


def test_catalog_lists_every_raw_file_with_provenance(raw):
    entries = catalog.read_catalog()
    on_disk = {
        p.relative_to(raw).as_posix()
        for p in raw.rglob("*")
        if p.is_file() and p.name not in ("catalog.toml", "README.md", ".gitkeep")
    }
    assert on_disk == set(entries)
    for entry in entries.values():
        for field in ("publisher", "origin", "retrieved", "encoding", "format", "license",
                      "covers"):
            assert entry.get(field), (entry.path, field)
    assert catalog.verify() == []


def test_verify_names_changed_missing_and_unregistered(project_copy):
    raw = project_copy / "data" / "raw"
    (raw / "jreast" / "passenger_top100_FY2009.json").write_text("[]")
    (raw / "jreast" / "passenger_top100_FY2010.json").unlink()
    (raw / "jreast" / "new.json").write_text("[]")
    problems = {(p.kind, p.path) for p in catalog.verify()}
    assert problems == {
        ("changed", "jreast/passenger_top100_FY2009.json"),
        ("missing", "jreast/passenger_top100_FY2010.json"),
        ("unregistered", "jreast/new.json"),
    }
    assert main(["data", "verify"]) == 1


def test_build_refuses_a_changed_raw_file_and_says_how_to_register(project_copy):
    path = project_copy / "data" / "raw" / "ssdse" / "SSDSE-A-2021.csv"
    path.write_bytes(path.read_bytes() + b"\r\n")
    with pytest.raises(CatalogError, match=r"(?s)changed +ssdse/SSDSE-A-2021\.csv.*data register"):
        tables.build(["census"])


def test_build_is_incremental(project_copy):
    assert set(tables.build(["census", "population"], quiet=True)) == {"census", "population"}
    assert tables.build(["census", "population"], quiet=True) == {}
    assert tables.stale_tables(["census", "population"]) == []


def test_failed_build_leaves_processed_data_untouched(project_copy):
    tables.build(["census"], quiet=True)
    processed = project_copy / "data" / "processed"
    before = {p.name: p.read_bytes() for p in processed.rglob("*") if p.is_file()}
    # a new (registered) release of a raw file that is broken
    path = project_copy / "data" / "raw" / "ssdse" / "SSDSE-A-2021.csv"
    path.write_bytes(path.read_bytes()[:5000])
    catalog.register(path, {"publisher": "test", "origin": "test"})
    with pytest.raises(IngestError):
        tables.build(["census"], quiet=True)
    after = {p.name: p.read_bytes() for p in processed.rglob("*") if p.is_file()}
    assert after == before  # no half-written or temporary file


def test_load_builds_missing_table(project_copy):
    df = tables.load("population")
    k = df[(df.area_code == "14130") & (df.measure == "population_total") & (df.year == 2020)]
    assert int(k.value.iloc[0]) == 1_538_262  # 2020 census, SSDSE-A-2022..2026 A1101


def test_cli_exit_codes(capsys):
    assert main(["data", "verify"]) == 0
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["build", "--no-such-flag"])
    assert exc.value.code == 2


def test_cli_unknown_table_is_a_data_error(capsys):
    assert main(["build", "no_such_table"]) == 1
    assert "unknown table" in capsys.readouterr().err


def test_import_is_light():
    code = (
        "import sys, kawasaki_econ, kawasaki_econ.cli, kawasaki_econ.build;"
        "heavy = [m for m in ('matplotlib', 'statsmodels', 'pandas') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "kawasaki_econ", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("kawasaki-econ ")


def test_readme_documents_every_table_schema(tmp_path):
    readme = readme_schemas.project_root() / "README.md"
    copy = tmp_path / "README.md"
    copy.write_text(readme.read_text(encoding="utf-8"), encoding="utf-8")
    assert not readme_schemas.update_readme(copy), "run `python -m kawasaki_econ.readme_schemas`"
    text = readme.read_text(encoding="utf-8")
    assert text.index("make reproduce") < text.index("## Data sources")


def test_prefer_final_picks_one_row_by_the_documented_rule():
    from kawasaki_econ import load
    from kawasaki_econ.prefer import prefer_final

    r = load("ridership")
    kosugi = r[(r.station == "武蔵小杉") & (r.measure == "boardings_daily_avg")
               & (r.fiscal_year.isin([2015, 2019]))]
    picked = prefer_final(kosugi, ["station", "fiscal_year", "measure"]).set_index("fiscal_year")
    # FY2015: two final transcriptions, 124,325 (row 33) and 124,324 (row 34): the smaller
    # source wins the tie
    assert picked.loc[2015, "value"] == 124_325 and len(picked) == 2
    assert picked.loc[2019, "status"] == "rounded"  # 約13万人: the only figure, kept as is
    assert len(kosugi) == 3  # the input is untouched
