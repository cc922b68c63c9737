"""出典 metadata: every catalogued raw file has exactly one entry in the package's
sources/statistics.toml, and the source line is built from it and the catalogue."""

from __future__ import annotations

import fnmatch
import tomllib

from kawasaki_econ.figures.footer import STATISTICS_FILE, describe_sources, statistics
from kawasaki_econ.paths import project_root

CATALOG = project_root() / "data" / "raw" / "catalog.toml"


def catalogued_paths() -> list[str]:
    return [entry["path"] for entry in
            tomllib.loads(CATALOG.read_text(encoding="utf-8"))["file"]]


def test_every_catalogue_entry_has_exactly_one_source_entry():
    paths = catalogued_paths()
    assert len(paths) == 40
    globs = [s.files for s in statistics()]
    for path in paths:
        matching = [g for g in globs if fnmatch.fnmatchcase(path, g)]
        assert len(matching) == 1, (path, matching)


def test_every_source_entry_is_used_or_covers_kpi_imports():
    """No stale entry: each glob matches a catalogued file, except kpi/* (the analyst's
    imports, data/raw/kpi/NNNN_name.xlsx, registered by `kpi import`)."""
    paths = catalogued_paths()
    unused = [s.files for s in statistics()
              if not any(fnmatch.fnmatchcase(p, s.files) for p in paths)]
    assert unused == ["kpi/*"]


def test_the_source_line_takes_title_from_the_metadata_and_publisher_from_the_catalogue():
    data = tomllib.loads(STATISTICS_FILE.read_text(encoding="utf-8"))
    kankocho = next(e for e in data["statistic"] if e["files"] == "kankocho/*")
    publisher = next(e["publisher"] for e in tomllib.loads(CATALOG.read_text(
        encoding="utf-8"))["file"] if e["path"].startswith("kankocho/"))
    line = describe_sources(["kankocho/shukuhaku_suiihyo_2017-09.xlsx#1-1!G19"])
    assert line == f"出典: {publisher.split(' ')[0]}{kankocho['title_ja']} (shukuhaku_suiihyo_2017-09)"
    plan = describe_sources(["plan/kawasaki_industrial_plan_phase2_2018-03.txt"], lang="en")
    assert "Kawasaki City, Industrial Promotion Plan" in plan
