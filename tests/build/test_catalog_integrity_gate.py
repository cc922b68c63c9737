"""The catalogue gate: a duplicated entry is ambiguous, and an edit that keeps the size and
puts the modification time back is still noticed (by `build`, and by `build --force`,
which hashes every file it reads). Each refusal leaves data/raw and data/processed as
they were."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from kawasaki_econ.cli import main

FY2005 = "jreast/passenger_top100_FY2005.json"
STATIONS = "transcribed/station_ridership.csv"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file (symlinks resolved) under ``folder`` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_path_listed_twice_in_the_catalogue_is_refused_as_ambiguous(project_copy, capsys):
    raw = project_copy / "data" / "raw"
    catalog_file = raw / "catalog.toml"
    text = catalog_file.read_text(encoding="utf-8")
    wrong = f'[[file]]\npath = "{FY2005}"\nsha256 = "{"0" * 64}"\n\n'
    comment, rest = text.split("\n", 1)
    catalog_file.write_text(f"{comment}\n{wrong}{rest}", encoding="utf-8")
    lines = catalog_file.read_text(encoding="utf-8").splitlines()
    entries = [i for i, line in enumerate(lines, start=1) if line == f'path = "{FY2005}"']
    assert len(entries) == 2  # the [[file]] header is the line before each path
    first, second = (n - 1 for n in entries)
    before_raw, before_processed = tree(raw), tree(project_copy / "data" / "processed")

    assert main(["build", "--force"]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(FY2005)} is listed twice \(line {first} and line {second}\)",
                     err), err
    assert "ambiguous" in err and "Traceback" not in err
    assert tree(raw) == before_raw
    assert tree(project_copy / "data" / "processed") == before_processed


def test_a_same_size_edit_with_its_mtime_put_back_is_refused(project_copy, capsys):
    raw = project_copy / "data" / "raw"
    path = raw / STATIONS
    assert main(["build", "ridership"]) == 0  # the stat cache now knows the file
    capsys.readouterr()
    data = path.read_bytes()
    offset = data.index(b",12813,") + 1  # 向河原 FY2018, the row's value
    stat = path.stat()
    with path.open("r+b") as fh:  # in place: same inode, same size
        fh.seek(offset)
        fh.write(b"9")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        stat.st_size, stat.st_mtime_ns, stat.st_ino)
    assert b",92813," in path.read_bytes()
    assert hashlib.sha256(path.read_bytes()).hexdigest() != hashlib.sha256(data).hexdigest()
    before_raw, before_processed = tree(raw), tree(project_copy / "data" / "processed")

    for argv in (["build"], ["build", "--force", "ridership"]):
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert re.search(rf"changed +{re.escape(STATIONS)}: sha256", err), (argv, err)
        assert tree(raw) == before_raw
        assert tree(project_copy / "data" / "processed") == before_processed


def test_the_manifest_records_the_hash_of_the_bytes_read(project_copy):
    """A forced build hashes every file itself: the manifest's checksum of the station
    file is the sha256 of its bytes on disk."""
    import json

    assert main(["build", "--force", "ridership"]) == 0
    manifest = json.loads((project_copy / "data/processed/_manifest.json").read_text("utf-8"))
    recorded = manifest["tables"]["ridership"]["inputs"][STATIONS]
    assert recorded == hashlib.sha256((project_copy / "data/raw" / STATIONS).read_bytes()
                                      ).hexdigest()
