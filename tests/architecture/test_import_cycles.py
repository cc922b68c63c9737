"""No import cycles inside the package, lazy imports included (the graph:
tests/import_graph.py). A strongly connected component of more than one module (or a
module importing itself) is a cycle: the test prints it."""

from __future__ import annotations

from import_graph import cycles, import_graph


def test_graph_sees_lazy_and_relative_imports():
    graph = import_graph()
    assert "kawasaki_econ.lock" in graph["kawasaki_econ.build"]  # from .lock import …
    assert "kawasaki_econ.kpi.workbook" in graph["kawasaki_econ.sources.kpi"]  # from ..kpi
    assert "kawasaki_econ.commands.kpi_store" in graph["kawasaki_econ.cli"]  # inside a function


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"a"}}) == [["a", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)
