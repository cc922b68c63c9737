"""The SSDSE-B/E item registry is package data (ssdse_items.toml) loaded and checked by
kawasaki_econ.sources.ssdse_items; it is part of the ingest code hash."""

from __future__ import annotations

import csv
import io

import pytest

from kawasaki_econ.codehash import ingest_modules, module_file, package_data
from kawasaki_econ.paths import project_root
from kawasaki_econ.sources.ssdse_items import (
    BASES,
    ITEMS,
    REGISTRY_FILE,
    RELEASES,
    RegistryError,
    load_registry,
)

RAW = project_root() / "data" / "raw"


def header(name: str, code_row: int, name_row: int) -> dict[str, str]:
    text = (RAW / "ssdse" / name).read_bytes().decode("cp932")
    rows = list(csv.reader(io.StringIO(text)))
    return dict(zip(rows[code_row], rows[name_row], strict=True))


def test_the_registry_lists_exactly_the_items_of_the_raw_headers():
    """Item codes and names as published, read from the raw headers with the csv module
    (SSDSE-B: codes row 1, names row 2; SSDSE-E: codes row 1, names row 3)."""
    b = header("SSDSE-B-2026.csv", 0, 1)
    e = header("SSDSE-E-2026.csv", 0, 2)
    b_items = {c: n for c, n in b.items() if c not in ("SSDSE-B-2026", "Code", "Prefecture")}
    e_items = {c: n for c, n in e.items() if c not in ("SSDSE-E-2026", "Prefecture")}
    assert set(RELEASES["SSDSE-B-2026"]) == set(b_items)
    assert set(RELEASES["SSDSE-E-2026"]) == set(e_items)
    assert set(ITEMS) == set(b_items) | set(e_items)
    assert ITEMS["A1101"].name_ja == b_items["A1101"] == "総人口"
    assert ITEMS["G7101"].basis == "guest" and BASES["guest"].year_basis == "calendar"


def test_the_registry_is_hashed_with_the_ingest_code():
    modules = ingest_modules(["kawasaki_econ.sources.ssdse_pref"])
    assert "kawasaki_econ.sources.ssdse_items" in modules
    assert REGISTRY_FILE in package_data(module_file("kawasaki_econ.sources.ssdse_items"))


@pytest.mark.parametrize(("edit", "match"), [
    (lambda t: t.replace('"count", "pop", "BE"]', '"counts", "pop", "BE"]', 1), "kind 'counts'"),
    (lambda t: t.replace('"count", "pop", "BE"]', '"count", "popp", "BE"]', 1),
     "unknown basis 'popp'"),
    (lambda t: t.replace('year_basis = "calendar"', 'year_basis = "weekly"', 1),
     "year_basis 'weekly'"),
    (lambda t: t.replace('items = [\n', 'items = [\n  ["A1101", "総人口", "人", "count", "pop", '
                                        '"BE"],\n', 1), "code 'A1101' listed twice"),
])
def test_a_registry_that_does_not_hold_together_is_refused(edit, match):
    text = REGISTRY_FILE.read_text(encoding="utf-8")
    assert load_registry(text) == (BASES, ITEMS)
    with pytest.raises(RegistryError, match=match):
        load_registry(edit(text))
