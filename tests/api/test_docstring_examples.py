"""The Examples sections of the numpydoc docstrings run and print what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kawasaki_econ", "kawasaki_econ.analysis.trends", "kawasaki_econ.analysis.guard",
           "kawasaki_econ.analysis.coverage", "kawasaki_econ.analysis.areas",
           "kawasaki_econ.analysis.compare", "kawasaki_econ.analysis.shiftshare",
           "kawasaki_econ.analysis.peers", "kawasaki_econ.analysis.series",
           "kawasaki_econ.analysis.names", "kawasaki_econ.analysis.panel",
           "kawasaki_econ.analysis.findings",
           # the claims package: its modules (the package re-exports their names)
           *(f"kawasaki_econ.analysis.claims.{m}" for m in (
               "registry", "outcome", "audit", "display", "values", "numfmt",
               "census_checks", "census_basis", "rank_checks", "plan_checks",
               "transport_checks", "haneda")),
           "kawasaki_econ.forecast.attainment", "kawasaki_econ.forecast.result",
           "kawasaki_econ.forecast.engine", "kawasaki_econ.forecast.hindcast",
           "kawasaki_econ.forecast.indicators", "kawasaki_econ.forecast.periods",
           "kawasaki_econ.forecast.display", "kawasaki_econ.forecast.units",
           "kawasaki_econ.figures.census", "kawasaki_econ.figures.compare",
           "kawasaki_econ.figures.tourism", "kawasaki_econ.figures.transport",
           "kawasaki_econ.figures.forecast", "kawasaki_econ.figures.footer",
           "kawasaki_econ.figures.fonts", "kawasaki_econ.figures.io",
           "kawasaki_econ.report.execute", "kawasaki_econ.report.html",
           "kawasaki_econ.report.excel", "kawasaki_econ.report.reproduce"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
