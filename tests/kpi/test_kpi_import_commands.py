"""``kawasaki-econ kpi import / list / remove`` on a scratch copy of the project.

A re-import replaces the earlier one and says what changed; imports can be listed and
removed; a failed import leaves data/raw as it was. Values are real:
入込観光客数 FY2002 1,177万人 and the 2007 figure 1,337万人 (kpi_observations.csv rows 3–4;
a workbook that first carries the 2007 figure under FY2002 and is then corrected),
藤子・F・不二雄ミュージアム visitors FY2011 307,560 and FY2012 481,619
(kawasaki_tourism.csv rows 12–13).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from kpi_workbooks import add_targets, set_values
from processes import hold_then_run, run_reporting_wait, wait_until_busy

import kawasaki_econ
from kawasaki_econ import catalog
from kawasaki_econ.build import stale_tables
from kawasaki_econ.cli import main
from kawasaki_econ.commands.kpi_excel_template import write_template
from kawasaki_econ.commands.kpi_store import import_workbook, list_imports
from kawasaki_econ.forecast.indicators import forecast_indicator
from kawasaki_econ.forecast.options import TooFewObservations
from kawasaki_econ.lock import writer_lock

IRIKOMI = "P7_tourists_irikomi"
NEW = "P7_museum_visitors_fujiko"
NEW_NAME = "藤子・F・不二雄ミュージアム 来館者数"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under data/raw (hidden ones included) with its bytes."""
    raw = root / "data" / "raw"
    return {p.relative_to(raw).as_posix(): p.read_bytes() for p in sorted(raw.rglob("*"))
            if p.is_file()}


def analyst_rows(indicator: str | None = None):
    kpi = kawasaki_econ.load("kpi")
    rows = kpi[kpi.dataset == "analyst_workbook"]
    return rows if indicator is None else rows[rows.indicator_id == indicator]


@pytest.fixture
def workbook(project_copy, tmp_path):
    return write_template(tmp_path / "kpi_history.xlsx")


def irikomi(path: Path, value: float) -> Path:
    return set_values(path, [(IRIKOMI, "unit", "万人"), (IRIKOMI, "FY2002", value)])


def test_import_registers_and_rebuilds(workbook, capsys):
    irikomi(workbook, 1177)
    assert main(["kpi", "import", str(workbook)]) == 0
    out = capsys.readouterr().out
    assert f"unit converted: {IRIKOMI}: unit 万人 converted to persons (×10,000)" in out
    assert "imported kpi_history.xlsx as 0001_kpi_history" in out
    row = analyst_rows(IRIKOMI).iloc[0]
    assert (row.period, row.value, row.unit) == (2002, 11_770_000, "persons")
    assert row.source.startswith("kpi/0001_kpi_history.xlsx#indicators!")
    assert catalog.verify() == []  # the copy is registered; the shipped files untouched
    assert stale_tables(["kpi"]) == []


def test_reimport_replaces_and_says_what_changed(workbook, tmp_path, capsys):
    first = irikomi(workbook, 1337)  # the 2007 figure typed under FY2002
    assert main(["kpi", "import", str(first)]) == 0
    corrected = irikomi(write_template(tmp_path / "corrected.xlsx"), 1177)
    capsys.readouterr()
    assert main(["kpi", "import", str(corrected)]) == 0
    out = capsys.readouterr().out
    assert (f"changed (newest import wins): {IRIKOMI} FY2002 actual: 13,370,000 → "
            "11,770,000 persons") in out
    rows = analyst_rows(IRIKOMI)
    assert rows.value.tolist() == [11_770_000]  # only the newest value is in the table
    assert "replaces 13,370,000 from kpi/0001_kpi_history.xlsx" in rows.note.iloc[0]
    records = list_imports()
    assert [(r.name, r.values, r.superseded) for r in records] == [
        ("0001_kpi_history", 1, 1), ("0002_corrected", 1, 0)]


def test_import_says_where_it_differs_from_the_shipped_data(workbook, capsys):
    assert main(["kpi", "import", str(irikomi(workbook, 1337))]) == 0
    assert (f"differs from the shipped data: {IRIKOMI} FY2002: 13,370,000 here, 11,770,000 in "
            "transcribed/kpi_observations.csv:row 3 (both kept)") in capsys.readouterr().out


def test_identical_reimport_changes_nothing(workbook, project_copy, capsys):
    irikomi(workbook, 1177)
    assert main(["kpi", "import", str(workbook)]) == 0
    before = snapshot(project_copy)
    assert main(["kpi", "import", str(workbook)]) == 0
    assert "already imported as 0001_kpi_history: nothing changed" in capsys.readouterr().out
    assert snapshot(project_copy) == before


def test_list_and_remove(workbook, tmp_path, project_copy, capsys):
    assert main(["kpi", "list"]) == 0
    assert "no KPI workbook imported" in capsys.readouterr().out
    assert main(["kpi", "import", str(irikomi(workbook, 1337))]) == 0
    second = irikomi(write_template(tmp_path / "corrected.xlsx"), 1177)
    assert main(["kpi", "import", str(second)]) == 0
    capsys.readouterr()
    assert main(["kpi", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["indicators"], r["years"], r["values"]) for r in listed] == [
        ("0001_kpi_history", [IRIKOMI], "FY2002", 1), ("0002_corrected", [IRIKOMI], "FY2002", 1)]
    assert all(r["imported"].startswith("20") for r in listed)  # ISO date and time
    assert main(["kpi", "list"]) == 0
    assert "0002_corrected" in capsys.readouterr().out

    assert main(["kpi", "remove", "0002_corrected"]) == 0
    out = capsys.readouterr().out
    assert f"changed: {IRIKOMI} FY2002 actual: 11,770,000 → 13,370,000 persons" in out
    assert not (project_copy / "data/raw/kpi/0002_corrected.xlsx").exists()
    assert "kpi/0002_corrected.xlsx" not in catalog.read_catalog()
    assert analyst_rows(IRIKOMI).value.tolist() == [13_370_000]  # the older import again
    assert catalog.verify() == []

    assert main(["kpi", "remove", "0001_kpi_history.xlsx"]) == 0
    assert analyst_rows().empty
    assert stale_tables(["kpi"]) == []


def test_remove_unknown_name_changes_nothing(workbook, project_copy, capsys):
    assert main(["kpi", "import", str(irikomi(workbook, 1177))]) == 0
    before = snapshot(project_copy)
    assert main(["kpi", "remove", "0009_nothing"]) == 1
    assert "no import named '0009_nothing' (imports: 0001_kpi_history" in \
        capsys.readouterr().err
    assert snapshot(project_copy) == before


def test_remove_refused_when_a_later_import_needs_it(workbook, tmp_path, project_copy, capsys):
    new = [(NEW, "name_ja", NEW_NAME), (NEW, "unit", "人"), (NEW, "direction", "higher"),
           (NEW, "FY2011", 307_560)]
    assert main(["kpi", "import", str(set_values(workbook, new))]) == 0
    later = tmp_path / "later.xlsx"
    write_template(later)  # lists the imported indicator with its definition
    set_values(later, [(NEW, "FY2012", 481_619), (NEW, "name_ja", None), (NEW, "unit", None),
                       (NEW, "direction", None)])
    assert main(["kpi", "import", str(later)]) == 0
    before = snapshot(project_copy)
    capsys.readouterr()
    assert main(["kpi", "remove", "0001_kpi_history"]) == 1
    err = capsys.readouterr().err
    assert "kpi remove 0001_kpi_history refused: the other imports do not stand without it" \
        in err
    assert "unknown indicator 'P7_museum_visitors_fujiko'" in err
    assert snapshot(project_copy) == before


# --------------------------------------------------------------------------- a failed import changes nothing


def test_validation_error_changes_nothing(workbook, project_copy, capsys):
    before = snapshot(project_copy)
    set_values(workbook, [(IRIKOMI, "FY2002", "1177万")])
    assert main(["kpi", "import", str(workbook)]) == 1
    err = capsys.readouterr().err
    assert f"file {workbook}: 1 problem(s) in the workbook" in err  # the file as given
    assert "expected a number or a marker (-, x, …), got '1177万'" in err
    assert snapshot(project_copy) == before


def test_rebuild_refused_restores_raw(workbook, project_copy, capsys):
    """Another raw file of the kpi table changed: the rebuild is refused, and the import
    leaves data/raw and the catalogue byte-identical."""
    observations = project_copy / "data/raw/transcribed/kpi_observations.csv"
    observations.write_bytes(observations.read_bytes().replace(b",1177,", b",1178,"))
    before = snapshot(project_copy)
    assert main(["kpi", "import", str(irikomi(workbook, 1177))]) == 1
    err = capsys.readouterr().err
    assert "kpi import kpi_history.xlsx refused" in err
    assert "transcribed/kpi_observations.csv" in err
    assert "data/raw and catalog.toml are unchanged" in err
    assert snapshot(project_copy) == before
    assert not (project_copy / "data/raw/kpi").exists()


def test_unwritable_processed_restores_raw(workbook, project_copy, capsys):
    processed = project_copy / "data" / "processed"
    processed.rmdir()
    processed.write_text("not a directory")  # the build cannot write (root ignores chmod)
    before = snapshot(project_copy)
    assert main(["kpi", "import", str(irikomi(workbook, 1177))]) == 1
    assert "refused" in capsys.readouterr().err
    assert snapshot(project_copy) == before


def test_remove_with_failing_rebuild_restores_raw(workbook, project_copy, capsys):
    assert main(["kpi", "import", str(irikomi(workbook, 1177))]) == 0
    observations = project_copy / "data/raw/transcribed/kpi_observations.csv"
    observations.write_bytes(observations.read_bytes().replace(b",1177,", b",1178,"))
    before = snapshot(project_copy)
    assert main(["kpi", "remove", "0001_kpi_history"]) == 1
    assert "kpi remove 0001_kpi_history refused" in capsys.readouterr().err
    assert snapshot(project_copy) == before


def test_target_restating_a_shipped_target_refused(workbook, project_copy, capsys):
    add_targets(workbook, [("P7_hotel_guests_foreign", "第2期実行プログラム", "FY2021", 250_000,
                            None, None)])
    before = snapshot(project_copy)
    assert main(["kpi", "import", str(workbook)]) == 1
    assert "is already given by transcribed/plan_kpi_targets.csv:row 4" in \
        capsys.readouterr().err
    assert snapshot(project_copy) == before


def test_leftovers_of_an_interrupted_command_are_recovered(workbook, tmp_path, project_copy):
    """A `kpi remove` killed after hiding the file (catalogue unchanged) and a `kpi import`
    killed after staging its copy: the next kpi command puts the file back and deletes the
    staged copy."""
    assert main(["kpi", "import", str(irikomi(workbook, 1337))]) == 0
    folder = project_copy / "data/raw/kpi"
    stored = folder / "0001_kpi_history.xlsx"
    content = stored.read_bytes()
    stored.rename(folder / ".0001_kpi_history.xlsx.4242.removing")
    (folder / ".0002_other.xlsx.4243.tmp").write_bytes(b"partial copy")
    second = irikomi(write_template(tmp_path / "corrected.xlsx"), 1177)
    assert main(["kpi", "import", str(second)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["0001_kpi_history.xlsx",
                                                         "0002_corrected.xlsx"]
    assert stored.read_bytes() == content
    assert catalog.verify() == []


# --------------------------------------------------------------------------- locking


def test_import_inside_the_writer_lock_does_not_deadlock(workbook, project_copy):
    with writer_lock("test"):
        result = import_workbook(irikomi(workbook, 1177))
    assert result.name == "0001_kpi_history"


def test_import_waits_for_another_writer_then_fails_cleanly(workbook, project_copy,
                                                             monkeypatch, capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys, time
            from kawasaki_econ.lock import writer_lock
            with writer_lock("build"):
                print("held", flush=True)
                time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True, env={**os.environ})
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("KAWASAKI_ECON_LOCK_TIMEOUT", "0.3")
        before = snapshot(project_copy)
        assert main(["kpi", "import", str(irikomi(workbook, 1177))]) == 1
        assert "`kpi import` waited 0.3 s for the writer lock" in capsys.readouterr().err
        assert snapshot(project_copy) == before
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_import_during_a_build_is_not_lost(workbook, project_copy):
    """`build --force & kpi import`: the import finds the build holding the writer lock and
    waits (the build holds it until the test has seen the import wait, so the two overlap),
    then its values are in the table and a plain build has nothing to do."""
    irikomi(workbook, 1177)
    env = {**os.environ}
    build = hold_then_run("build", ["build", "--force"], env)
    importing = run_reporting_wait(["kpi", "import", str(workbook)], env)
    try:
        wait_until_busy(importing)
        assert importing.poll() is None  # waiting while the build holds the lock
        # closing its stdin (communicate) lets the build run, then let go
        _, build_err = build.communicate(timeout=600)
        _, import_err = importing.communicate(timeout=600)
    finally:
        build.kill()
        importing.kill()
    assert build.returncode == 0 and importing.returncode == 0, (build_err, import_err)
    assert analyst_rows(IRIKOMI).value.tolist() == [11_770_000]
    assert stale_tables() == []


# --------------------------------------------------------------------------- new indicators


def test_new_indicator_and_fy2027_target_imported(workbook, project_copy):
    """A workbook made with the template, given a new indicator and an FY2027
    target, imports; the kpi table then holds what ``forecast_indicator(NEW)`` reads."""
    set_values(workbook, [(NEW, "name_ja", NEW_NAME), (NEW, "unit", "人"),
                          (NEW, "direction", "higher"), (NEW, "FY2011", 307_560),
                          (NEW, "FY2012", 481_619)])
    add_targets(workbook, [(NEW, "FY2012 level", "FY2027", 481_619, None, None)])
    assert main(["kpi", "import", str(workbook)]) == 0
    rows = analyst_rows(NEW).sort_values(["kind", "period"])
    assert rows[["kind", "period", "value"]].values.tolist() == [
        ["actual", 2011, 307_560], ["actual", 2012, 481_619], ["target", 2027, 481_619]]
    target = rows[rows.kind == "target"].iloc[0]
    assert (target.direction, target.target_label, target.unit) == (">=", "FY2012 level",
                                                                   "persons")
    assert set(rows.name_ja) == {NEW_NAME}
    # the forecast finds the imported history: two years are too few for a probability
    with pytest.raises(TooFewObservations, match=r"2 observation\(s\) \(2011: 307,560, "
                       r"2012: 481,619\): a probability needs at least 3"):
        forecast_indicator(NEW)
    result = forecast_indicator(NEW, scenario_sd=0.1)  # 2 points: a scenario, not a probability
    assert (result.target, result.by) == (481_619, "FY2027")
