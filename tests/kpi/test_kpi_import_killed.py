"""`kill -9` during `kpi import` after the workbook appears in data/raw/kpi and before the
catalogue lists it: the next writer deletes that half-imported file (the import's
journal names it), and never a user's own unregistered file. The importer kills itself
at exactly that point (KAWASAKI_ECON_KILL_AT, see kawasaki_econ.checkpoint): no timing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kpi_workbooks import set_values

from kawasaki_econ import additions, catalog, checkpoint
from kawasaki_econ.cli import main
from kawasaki_econ.commands.kpi_excel_template import write_template

IRIKOMI = "P7_tourists_irikomi"
HALF = "kpi/0001_kpi_history.xlsx"


def raw_files(root: Path) -> dict[str, bytes]:
    raw = root / "data" / "raw"
    return {p.relative_to(raw).as_posix(): p.read_bytes() for p in sorted(raw.rglob("*"))
            if p.is_file()}


@pytest.fixture
def killed_import(project_copy: Path, tmp_path: Path) -> Path:
    """A project where `kpi import` was killed right after copying its workbook."""
    book = set_values(write_template(tmp_path / "kpi_history.xlsx"),
                      [(IRIKOMI, "unit", "万人"), (IRIKOMI, "FY2002", 1177)])
    before = raw_files(project_copy)
    env = {**os.environ, "KAWASAKI_ECON_ROOT": str(project_copy),
           checkpoint.KILL_ENV: "kpi import: copied"}
    child = subprocess.run([sys.executable, "-m", "kawasaki_econ", "kpi", "import", str(book)],
                           env=env, capture_output=True, text=True)
    assert child.returncode == -9, child.stderr  # killed at that point
    left = raw_files(project_copy)
    assert set(left) - set(before) == {HALF}  # on disk, not catalogued
    assert HALF not in catalog.read_catalog()
    assert additions.adding_path().exists()
    return book


@pytest.mark.parametrize("argv", [["build", "kpi"], ["kpi", "remove", "0001_kpi_history"]])
def test_the_next_writer_deletes_the_half_imported_workbook(killed_import, project_copy,
                                                            argv, capsys):
    code = main(argv)
    err = capsys.readouterr().err
    assert not (project_copy / "data/raw" / HALF).exists()
    assert not additions.adding_path().exists()
    assert catalog.verify() == []
    if argv[0] == "build":
        assert code == 0, err
        assert f"deleted data/raw/{HALF}" in err
    else:  # the removal itself is refused: nothing by that name is imported
        assert code == 1 and "no import named '0001_kpi_history'" in err


def test_the_next_import_succeeds_under_the_same_number(killed_import, project_copy, capsys):
    assert main(["kpi", "import", str(killed_import)]) == 0
    assert "as 0001_kpi_history" in capsys.readouterr().out
    assert HALF in catalog.read_catalog()
    assert catalog.verify() == []


def test_a_users_unregistered_workbook_is_never_deleted(project_copy, capsys):
    """Without a journal naming it, an uncatalogued file is the user's: refused, kept."""
    folder = project_copy / "data" / "raw" / "kpi"
    folder.mkdir()
    mine = folder / "0001_mine.xlsx"
    mine.write_bytes(b"the analyst's own file")
    before = raw_files(project_copy)
    assert main(["build", "kpi"]) == 1
    err = capsys.readouterr().err
    assert "unregistered kpi/0001_mine.xlsx" in err
    assert raw_files(project_copy) == before
