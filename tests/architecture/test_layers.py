"""Imports point down the layers, never up (lazy imports inside functions included).

The layers, lowest first — the README's "Architecture" section shows the same list.
A module may import from its own layer or a lower one. A name stands for the module or
the whole sub-package of that name under ``kawasaki_econ``.
"""

from __future__ import annotations

import pytest
from import_graph import import_graph

NAME = "kawasaki_econ"

LAYERS: tuple[tuple[str, ...], ...] = (
    # foundations: where data lives, errors, language codes, test hooks, the version
    ("paths", "errors", "lang", "checkpoint", "version"),
    # formats and rules: numbers and dates, the catalogue, writes, the table schema,
    # code lists, the preference rule, plan registries, the analyst workbook format
    ("parse", "catalog", "atomic", "lock", "codehash", "schema", "codes", "prefer", "plans",
     "kpi", "additions"),
    # readers: one module per source family
    ("sources",),
    # the build engine: raw files -> data/processed (load)
    ("build", "readme_schemas"),
    # analysis of the processed tables; commands that change data/raw
    ("analysis", "commands"),
    # drawing and forecasting
    ("figures", "forecast"),
    # the report of one municipality
    ("report",),
    # entry points: the command line and the package namespace
    ("cli", "__main__", ""),
)


def layer_of(module: str) -> int:
    """Index in :data:`LAYERS` of ``module`` (``kawasaki_econ.x.y`` -> the layer of x)."""
    top = module.removeprefix(NAME).lstrip(".").split(".")[0]
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise KeyError(f"{module}: not in a layer — add it to LAYERS and the README")


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} (layer {layer_of(a)}) -> {b} (layer {layer_of(b)})"
                  for a, targets in graph.items() for b in targets
                  if layer_of(b) > layer_of(a))


def test_every_module_has_a_layer():
    for module in import_graph():
        layer_of(module)


def test_no_module_imports_from_a_layer_above_its_own():
    found = upward_imports(import_graph())
    assert not found, "imports from a higher layer:\n" + "\n".join(found)


def test_an_upward_import_is_found():
    graph = {"kawasaki_econ.parse": {"kawasaki_econ.report.html"},
             "kawasaki_econ.report.html": {"kawasaki_econ.parse"}}
    assert upward_imports(graph) == [
        "kawasaki_econ.parse (layer 1) -> kawasaki_econ.report.html (layer 6)"]
    with pytest.raises(KeyError, match="not in a layer"):
        layer_of("kawasaki_econ.newthing")
