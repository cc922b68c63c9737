"""Bad input is refused by `kawasaki-econ build` — a table of corruptions applied
to copies of the real raw files, each with its expected exit code and message fragments,
and data/processed checked unchanged after every refusal.

Gate cases leave the catalogue as it is (the build must notice the change itself);
reader cases register the corrupted file as a new release first, so that the reader
itself has to refuse it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kawasaki_econ import build as tables
from kawasaki_econ import catalog
from kawasaki_econ.cli import main
from kawasaki_econ.paths import project_root

RAW = project_root() / "data" / "raw"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch root with every table built once from the real raw files."""
    root = tmp_path_factory.mktemp("baseline")
    shutil.copytree(RAW, root / "data" / "raw")
    (root / "data" / "processed").mkdir()
    tables.build(root=root, quiet=True)
    return root


@pytest.fixture
def project(baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the raw files and (hard-linked: the build only ever renames new
    files into place) the built tables; KAWASAKI_ECON_ROOT points at it."""
    root = tmp_path / "root"
    shutil.copytree(baseline / "data" / "raw", root / "data" / "raw")
    shutil.copytree(baseline / "data" / "processed", root / "data" / "processed",
                    copy_function=os.link, symlinks=True)
    monkeypatch.setenv("KAWASAKI_ECON_ROOT", str(root))
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every file in data/processed by (inode, size, mtime): a replaced file changes."""
    out = {}
    for p in sorted((root / "data" / "processed").iterdir()):
        st = p.stat()
        out[p.name] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


# --------------------------------------------------------------------------- corruptions


def replace_file(path: Path, data: bytes) -> None:
    path.unlink()
    path.write_bytes(data)


def edit_text(rel: str, encoding: str, edit: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        path = raw / rel
        text = path.read_bytes().decode(encoding)
        new = edit(text)
        assert new != text, f"corruption of {rel} changed nothing"
        replace_file(path, new.encode(encoding))
    return apply


def edit_csv_cell(rel: str, encoding: str, line: int, column: str | int, value: str,
                  header_row: int = 1) -> Callable[[Path], None]:
    """Set one cell (1-based ``line`` of the file; ``column`` by header name or index)."""
    def edit(text: str) -> str:
        rows = list(csv.reader(io.StringIO(text, newline="")))
        head = rows[header_row - 1]
        j = column if isinstance(column, int) else [h.lstrip("\ufeff") for h in head].index(column)
        rows[line - 1][j] = value
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(rows)
        return out.getvalue()
    return edit_text(rel, encoding, edit)


def ssdse_a_cell(rel: str, area: str, code: str, value: str) -> Callable[[Path], None]:
    """Set the cell of item ``code`` in the row of area ``area`` (e.g. R14130)."""
    def edit(text: str) -> str:
        lines = text.split("\r\n") if "\r\n" in text else text.split("\n")
        codes = next(csv.reader([lines[0]]))
        j = codes.index(code)
        for i, line in enumerate(lines):
            if line.startswith(area + ","):
                cells = next(csv.reader([line]))
                cells[j] = value
                out = io.StringIO()
                csv.writer(out, lineterminator="").writerow(cells)
                lines[i] = out.getvalue()
        return ("\r\n" if "\r\n" in text else "\n").join(lines)
    return edit_text(rel, "cp932", edit)


def json_total(rel: str, value: str) -> Callable[[Path], None]:
    return edit_text(rel, "utf-8", lambda t: re.sub(r'"total":\s*"?\d+"?', f'"total": {value}',
                                                    t, count=1))


def workbook_cell(sheet: str, cell: str, value: object) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        import openpyxl

        path = raw / "kankocho/shukuhaku_suiihyo_2017-09.xlsx"
        wb = openpyxl.load_workbook(path)
        wb[sheet][cell] = value
        path.unlink()
        wb.save(path)
    return apply


def damage_xlsx_member(raw: Path) -> None:
    """Cut the XML of one worksheet inside the (otherwise intact) zip archive."""
    path = raw / "kankocho/shukuhaku_suiihyo_2017-09.xlsx"
    with zipfile.ZipFile(path) as zin:
        members = [(info, zin.read(info)) for info in zin.infolist()]
    sheets = sorted(i.filename for i, _ in members if i.filename.startswith("xl/worksheets/sheet"))
    victim = sheets[1]
    path.unlink()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in members:
            zout.writestr(info, data[: len(data) // 2] if info.filename == victim else data)


def copy_as(src: str, dst: str) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        shutil.copyfile(raw / src, raw / dst)
    return apply


def drop_entry(rel: str) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        path = raw / "catalog.toml"
        blocks = path.read_text(encoding="utf-8").split("[[file]]")
        kept = [b for b in blocks if f'path = "{rel}"' not in b]
        assert len(kept) == len(blocks) - 1
        path.write_text("[[file]]".join(kept), encoding="utf-8")
    return apply


def both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        for step in steps:
            step(raw)
    return apply


def delete_municipality(rel: str, area: str) -> Callable[[Path], None]:
    def edit(text: str) -> str:
        nl = "\r\n" if "\r\n" in text else "\n"
        return nl.join(line for line in text.split(nl) if not line.startswith(area + ","))
    return edit_text(rel, "cp932", edit)


SSDSE_A = "ssdse/SSDSE-A-2023.csv"
TOURISM = "transcribed/kawasaki_tourism.csv"
OTHER = "transcribed/census_other_sources.csv"
STATIONS = "transcribed/station_ridership.csv"
JR = "jreast/passenger_top100_FY2012.json"
WORKBOOK = "kankocho/shukuhaku_suiihyo_2017-09.xlsx"


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # what went wrong before: a change unnoticed, an unverified file, …
    corrupt: Callable[[Path], None]
    fragments: tuple[str, ...]  # each must appear in stderr
    register: str | None = None  # re-register this file first: the reader must refuse it
    args: tuple[str, ...] = ("build",)
    exit_code: int = 1


CASES = [
    # a changed raw file goes unnoticed by a plain (no-op) build
    Case("truncated", "changed-file", edit_text(SSDSE_A, "cp932", lambda t: t[: len(t) // 2]),
         ("changed", SSDSE_A, "data register")),
    Case("emptied", "changed-file", lambda raw: replace_file(raw / SSDSE_A, b""), ("changed", SSDSE_A)),
    Case("resaved-utf8", "changed-file", lambda raw: replace_file(
        raw / SSDSE_A, (raw / SSDSE_A).read_bytes().decode("cp932").encode("utf-8")),
        ("changed", SSDSE_A)),
    Case("touched-json", "changed-file", json_total(JR, "1"), ("changed", JR)),
    # the checksum check can be bypassed
    Case("unregistered-json", "unverified-file",
         copy_as(JR, "jreast/passenger_top100_FY2013.json"),
         ("unregistered", "jreast/passenger_top100_FY2013.json", "kawasaki-econ data register")),
    Case("unregistered-moj", "unverified-file",
         copy_as("moj/moj_airport_arrivals_monthly_2022-01_2025-11.csv", "moj/extra.csv"),
         ("unregistered", "moj/extra.csv")),
    Case("unregistered-force", "unverified-file", copy_as(JR, "jreast/passenger_top100_FY2013.json"),
         ("unregistered", "jreast/passenger_top100_FY2013.json"), args=("build", "--force")),
    Case("empty-catalogue", "unverified-file",
         lambda raw: (raw / "catalog.toml").write_text("", encoding="utf-8"),
         ("lists no file",)),
    Case("entry-missing", "unverified-file", both(drop_entry(JR), json_total(JR, "1")),
         ("unregistered", JR)),
    # infinite and absurd values
    Case("1e999-tourism", "absurd-value", edit_csv_cell(TOURISM, "utf-8", 2, "value", "1e999"),
         (TOURISM, "row 2", "column value", "finite"), register=TOURISM),
    Case("1e20-json", "absurd-value", json_total(JR, "100000000000000000000"),
         (JR, "column total", "2**53"), register=JR),
    Case("1e20-workbook", "absurd-value", workbook_cell("1-1", "C7", 10**20),
         (WORKBOOK, "sheet 1-1", "row 7", "column C"), register=WORKBOOK),
    Case("reiwa99", "absurd-value", workbook_cell("1-1", "C3", "令和99年"),
         (WORKBOOK, "sheet 1-1", "2117", "coverage"), register=WORKBOOK),
    Case("absurd-ridership", "absurd-value", edit_csv_cell(STATIONS, "utf-8", 2, "value", "99999999"),
         (f"{STATIONS}:row 2", "column value", "exceeds the bound 5,000,000"),
         register=STATIONS),
    # tracebacks instead of errors
    Case("damaged-xlsx-member", "traceback", damage_xlsx_member,
         (WORKBOOK, "damaged"), register=WORKBOOK),
    Case("population-1e999", "traceback", ssdse_a_cell(SSDSE_A, "R14130", "A1101", "1e999"),
         (SSDSE_A, "column A1101", "finite"), register=SSDSE_A),
    # lenient parsing
    Case("misplaced-comma", "lenient-parsing", edit_csv_cell(STATIONS, "utf-8", 2, "value", "128,13"),
         (STATIONS, "row 2", "column value", "thousands separator"), register=STATIONS),
    Case("fractional-count", "lenient-parsing", ssdse_a_cell(SSDSE_A, "R14130", "A1101", "1538262.7"),
         (SSDSE_A, "column A1101", "whole count"), register=SSDSE_A),
    Case("short-area-code", "lenient-parsing", edit_csv_cell(OTHER, "utf-8", 2, "area_code", "1413"),
         (OTHER, "row 2", "column area_code", "5-digit"), register=OTHER),
    Case("impossible-date", "lenient-parsing", edit_csv_cell(OTHER, "utf-8", 2, "reference_date",
                                                "1996-13-45"),
         (OTHER, "row 2", "column reference_date", "real date"), register=OTHER),
    Case("future-year", "lenient-parsing", both(edit_csv_cell(OTHER, "utf-8", 2, "year", "2061"),
                                   edit_csv_cell(OTHER, "utf-8", 2, "reference_date",
                                                 "2061-10-01")),
         (OTHER, "row 2", "column year", "coverage"), register=OTHER),
    Case("bad-status", "lenient-parsing", edit_csv_cell(OTHER, "utf-8", 3, "status", "bogus"),
         (f"{OTHER}:row 3", "column status", "bogus"), register=OTHER),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_and_changes_nothing(case: Case, project: Path, capsys):
    raw = project / "data" / "raw"
    case.corrupt(raw)
    if case.register:
        catalog.register(raw / case.register, {"publisher": "test", "origin": "test"})
    before = snapshot(project)
    code = main(list(case.args))
    err = capsys.readouterr().err
    assert code == case.exit_code, err
    assert "Traceback" not in err
    for fragment in case.fragments:
        assert fragment in err, (fragment, err)
    assert snapshot(project) == before  # data/processed unchanged, no temporary left


# --------------------------------------------------------------------------- warnings


def test_a_deleted_municipality_is_reported(project: Path, capsys):
    """A municipality row deleted from a release is listed (a warning)."""
    raw = project / "data" / "raw"
    delete_municipality(SSDSE_A, "R14150")(raw)  # 相模原市
    catalog.register(raw / SSDSE_A, {"publisher": "test", "origin": "test"})
    assert main(["build", "census"]) == 0
    err = capsys.readouterr().err
    assert re.search(r"warning: ssdse/SSDSE-A-2023\.csv lacks 1 municipality present in "
                     r"ssdse/SSDSE-A-2022\.csv: R14150 神奈川県相模原市", err), err


def test_the_real_releases_give_no_municipality_warning(recwarn):
    """那珂川町 R40305 → 那珂川市 R40231 (SSDSE-A-2020) is a change of status, not a drop."""
    from kawasaki_econ.errors import DataWarning
    from kawasaki_econ.sources.population import build_population

    build_population(RAW)
    assert not [w for w in recwarn if issubclass(w.category, DataWarning)]


# --------------------------------------------------------------------------- gate details


def test_noop_build_rehashes_a_file_whose_stat_changed_and_passes_if_same(project: Path,
                                                                           capsys):
    path = project / "data" / "raw" / JR
    os.utime(path, ns=(0, 0))  # touched, same bytes
    assert main(["build"]) == 0
    assert "nothing to build" in capsys.readouterr().err


def test_builders_receive_only_verified_files(project: Path):
    """The build passes each builder the catalogued files; a reader asking for anything
    else is refused."""
    inputs = catalog.Inputs(project / "data" / "raw", (JR,), verified=True)
    assert inputs.match("jreast/*.json") == [project / "data" / "raw" / JR]
    with pytest.raises(catalog.CatalogError, match="not among the verified inputs"):
        inputs.one(STATIONS)


def test_manifest_records_the_bytes_read(project: Path, monkeypatch):
    """A file replaced while the readers run is refused, not recorded."""
    from kawasaki_econ.sources import transcribed

    raw = project / "data" / "raw"
    original = transcribed.read_haneda

    def read_then_swap(path: Path, raw_dir: Path) -> list[dict]:
        rows = original(path, raw_dir)
        replace_file(path, path.read_bytes() + b"\n")
        return rows

    monkeypatch.setattr(transcribed, "read_haneda", read_then_swap)
    before = snapshot(project)
    with pytest.raises(catalog.CatalogError, match=r"changed while the build was reading"):
        tables.build(["airport"], force=True, quiet=True)
    assert snapshot(project) == before
    assert (raw / "transcribed/haneda_passengers.csv").exists()


# --------------------------------------------------------------------------- write phase


def test_failed_write_phase_restores_every_table(project: Path, monkeypatch, capsys):
    """the switch to the new generation fails (e.g. immutable entry) → census,
    population and the manifest all stay the old ones."""
    from kawasaki_econ import atomic

    real_replace = os.replace

    def refuse_switch(src, dst):
        if Path(dst).name == atomic.POINTER:
            raise PermissionError(1, "Operation not permitted", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", refuse_switch)
    processed = project / "data" / "processed"
    content = {p.name: p.read_bytes() for p in processed.iterdir() if p.suffix == ".parquet"}
    manifest = (processed / "_manifest.json").read_bytes()
    before = snapshot(project)
    code = main(["build", "--force", "census", "population"])
    err = capsys.readouterr().err
    assert code == 1 and "Operation not permitted" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in processed.iterdir()
            if p.suffix == ".parquet"} == content
    assert (processed / "_manifest.json").read_bytes() == manifest
    assert snapshot(project) == before  # no new generation folder or temporary left


def test_full_disk_is_a_clear_error(project: Path, monkeypatch, capsys):
    import pyarrow.parquet as pq

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", no_space)
    before = snapshot(project)
    assert main(["build", "--force", "airport"]) == 1
    err = capsys.readouterr().err
    assert "error: No space left on device" in err and "Traceback" not in err
    assert snapshot(project) == before


def test_leftovers_of_a_killed_run_are_removed(project: Path, capsys):
    processed = project / "data" / "processed"
    (processed / ".census.csv.99999.tmp").write_bytes(b"x" * 1000)
    killed = processed / "generation-20000101T000000-99999-abcdef"  # a killed build's folder
    killed.mkdir()
    (killed / "population.parquet").write_bytes(b"x")
    assert main(["build", "--force", "airport"]) == 0
    assert "removed 2 file(s) or folder(s)" in capsys.readouterr().err
    assert not [p for p in processed.iterdir() if p.name.startswith(".") and p.name != ".gitkeep"]
    assert not killed.exists()


# --------------------------------------------------------------------------- code hash


def test_code_hash_covers_every_module_that_reads_raw_files():
    """The KPI workbook reader (kawasaki_econ.kpi, imported by sources/kpi.py)
    is covered."""
    from kawasaki_econ import codehash

    roots = ["kawasaki_econ.build"] + [s.builder.split(":")[0] for s in tables.SPECS.values()]
    modules = set(codehash.ingest_modules(roots))
    package = Path(tables.__file__).parent
    sources = {f"kawasaki_econ.sources.{p.stem}" for p in (package / "sources").glob("*.py")
               if p.stem != "__init__"}
    assert sources <= modules
    assert {"kawasaki_econ.parse", "kawasaki_econ.catalog", "kawasaki_econ.build",
            "kawasaki_econ.kpi.workbook", "kawasaki_econ.kpi.sheets", "kawasaki_econ.kpi.rules",
            "kawasaki_econ.kpi.merge"} <= modules
    assert "kawasaki_econ.report" not in modules  # only what the build can run


def test_build_recovers_after_kill_9_in_the_write_phase(project: Path, capsys):
    """`kill -9` while the new generation is being written (the build kills
    itself after writing census, see kawasaki_econ.checkpoint); the next build removes
    the half-written folder and leaves complete, loadable tables."""
    import subprocess
    import sys

    from kawasaki_econ import atomic, checkpoint

    processed = project / "data" / "processed"
    current = atomic.current_generation(processed)
    env = {**os.environ, "KAWASAKI_ECON_ROOT": str(project),
           checkpoint.KILL_ENV: "build: wrote census"}
    child = subprocess.run([sys.executable, "-m", "kawasaki_econ", "build", "--force",
                            "census"], env=env, stderr=subprocess.DEVNULL)
    assert child.returncode == -9  # killed at that point
    assert atomic.stale(processed)  # the killed run left its half-written generation
    assert atomic.current_generation(processed) == current  # still the complete old one
    assert main(["build"]) == 0
    assert "of an interrupted or earlier build" in capsys.readouterr().err
    assert not atomic.stale(processed)
    census = tables.load("census")
    kawasaki = census[(census.area_code == "14130") & (census.census_year == 2016)
                      & (census.industry_code == "ALL") & (census.measure == "employees")]
    assert int(kawasaki.value.iloc[0]) == 543_812  # SSDSE-A 2021–2023, C2208
