"""Every band of the claims audit is declared in claims.toml with a justification, and no
check applies a band the registry does not declare."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import math

import pandas as pd
import pytest
from claims_cache import audit_once

from kawasaki_econ.analysis.claims import CHECKS, load_registry
from kawasaki_econ.analysis.claims.audit import run_check
from kawasaki_econ.analysis.claims.census_checks import vintage_verdict
from kawasaki_econ.analysis.claims.checks import CHECK_MODULES
from kawasaki_econ.analysis.claims.outcome import Data
from kawasaki_econ.errors import KawasakiEconError

PACKAGE = "kawasaki_econ.analysis.claims"


def _is_row_count(node: ast.Compare) -> bool:
    """``len(rows) == 1``: a count of rows, not a band."""
    return (isinstance(node.left, ast.Call) and getattr(node.left.func, "id", "") == "len"
            and all(isinstance(c, ast.Constant) and c.value == 1 for c in node.comparators))


def _numeric_literals(node: ast.AST) -> list[float]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, (int, float)) and not isinstance(n.value, bool)]


@pytest.mark.parametrize("module", CHECK_MODULES)
def test_no_band_is_written_in_check_code(module):
    """A comparison in check code holds no number other than 0 (and 1 in a row count):
    every band, rank limit or threshold comes from the registry (a Tolerance or the
    claim's params)."""
    tree = ast.parse(inspect.getsource(importlib.import_module(f"{PACKAGE}.{module}")))
    offending = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and not _is_row_count(node):
            literals = [v for v in _numeric_literals(node) if v != 0]
            if literals:
                offending.append((node.lineno, ast.unparse(node), literals))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "accepts":
            for arg in node.args:  # accepts(x - 0.02 * y) would smuggle a band in
                for sub in ast.walk(arg):
                    if isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.Mult):
                        lits = [v for v in _numeric_literals(sub) if v not in (0, 1, 100)]
                        if lits:
                            offending.append((node.lineno, ast.unparse(node), lits))
    assert not offending, f"{module}: numbers in comparisons: {offending}"


def test_every_claim_declares_a_justified_tolerance():
    for claim in load_registry():
        for tol in claim.declared_bands():
            assert tol.justification.strip() and tol.justification_ja.strip(), claim.id
            assert tol.describe("en") and tol.describe("ja"), claim.id
        assert claim.label_ja and claim.label_en and claim.unit_ja is not None


@pytest.fixture(scope="module")
def data():
    return Data()


def test_each_check_applies_only_declared_bands(data):
    """run_check refuses a band that is not one of the claim's declared Tolerance
    objects; every evidence verdict other than unverifiable applied the main one."""
    for claim in load_registry():
        out = run_check(claim, data)
        declared = claim.declared_bands()
        assert all(any(b is d for d in declared) for b in out.bands), claim.id
        if out.status in ("confirmed", "confirmed_other_vintage", "contradicted"):
            assert any(b is claim.tolerance for b in out.bands), claim.id
        if out.status == "confirmed_other_vintage":
            assert any(b is claim.vintage_tolerance for b in out.bands), claim.id


def test_an_undeclared_band_is_refused(data, monkeypatch):
    """A check that applies a band of its own (an equal copy, not the registry's object)
    makes the audit fail."""
    claim = next(c for c in load_registry() if c.check == "station_growth")
    original = CHECKS["station_growth"]

    def sneaky(c, d):
        out = original(c, d)
        return dataclasses.replace(out, bands=(dataclasses.replace(c.tolerance, band=6.0),))

    monkeypatch.setitem(CHECKS, "station_growth", sneaky)
    with pytest.raises(KawasakiEconError, match="does not declare"):
        run_check(claim, data)


def test_vintage_band_is_the_national_2016_revision_rounded_up(raw):
    """The ±1 % band for another release: the national preliminary→final revisions of the
    2016 census (−0.77 % establishments, −0.99 % employees), the larger rounded up to
    0.1 %. Computed here from census_other_sources.csv."""
    df = pd.read_csv(raw / "transcribed/census_other_sources.csv", dtype={"area_code": str})
    nat = df[(df["area_code"] == "00000") & (df["year"] == 2016) & (df["industry_code"] == "ALL")]
    est = nat[nat["measure"] == "establishments"]
    emp = nat[nat["measure"] == "employees"]
    rev_est = (est.loc[est["industry_name_ja"].str.contains("不詳を含む"), "value"].item()
               / est.loc[est["status"] == "preliminary", "value"].item() - 1) * 100
    prelim_emp = emp.loc[emp["status"] == "preliminary", "value"].item()
    final_emp = emp.loc[emp["status"] == "final", "value"].unique().item()
    rev_emp = (final_emp / prelim_emp - 1) * 100
    assert round(rev_est, 2) == -0.77 and round(rev_emp, 2) == -0.99
    band = math.ceil(max(abs(rev_est), abs(rev_emp)) * 10) / 10
    vintage = [c.vintage_tolerance for c in load_registry() if c.vintage_tolerance]
    assert len(vintage) == 4  # the two 2016 totals and the two changes to 2016
    assert {(t.kind, t.band) for t in vintage} == {("relative", band)} == {("relative", 1.0)}
    for t in vintage:
        assert "−0.77 %" in t.justification and "−0.99 %" in t.justification


def test_vintage_verdict_needs_different_releases(data):
    """Census-change fix: a count that differs is confirmed_other_vintage only if the plan
    and the data are different releases and the difference is inside the declared band."""
    claim = next(c for c in load_registry() if c.id == "ch2-establishments-2016")
    diff = 40_934 - 41_028  # SSDSE-A C2108 (final) − the plan (速報)
    assert vintage_verdict(claim, False, diff, 41_028, "final")[0] == "confirmed_other_vintage"
    assert vintage_verdict(claim, False, diff, 41_028, "preliminary")[0] == "contradicted"
    # a difference as large as the national basis gap (−4.3 %) is not a revision
    assert vintage_verdict(claim, False, -1_764, 41_028, "final")[0] == "contradicted"
    assert vintage_verdict(claim, True, 0, 41_028, "preliminary") == ("confirmed", ())


def test_results_carry_tolerance_and_justification():
    for r in audit_once():
        assert r.tolerance and r.tolerance_ja and r.justification and r.justification_ja, r.id


def test_registry_errors_are_reported_together(tmp_path):
    """A broken registry names every bad claim at once (claim number, id, field)."""
    from kawasaki_econ.analysis.claims.registry import REGISTRY, read_registry

    text = REGISTRY.read_text(encoding="utf-8")
    text = text.replace('kind = "rank", band = 5,', 'kind = "rank",', 1)  # band missing
    text = text.replace('kind = "absolute", band = 5.0, unit = "percentage points", '
                        'unit_ja = "ポイント", justification = "\'約1割\'',
                        'kind = "roughly", band = 5.0, unit = "percentage points", '
                        'unit_ja = "ポイント", justification = "\'約1割\'', 1)  # unknown kind
    bad = tmp_path / "claims.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KawasakiEconError) as err:
        read_registry(bad)
    msg = str(err.value)
    assert "ch2-employee-trend-vs-cities" in msg and "needs a band" in msg
    assert "ch2-jr-kawasaki-growth-2009-2015" in msg and "unknown tolerance kind 'roughly'" in msg


def test_haneda_bound_refuses_a_quote_not_in_the_data(data):
    from kawasaki_econ.analysis.claims.haneda import half_unit, haneda_bounds

    assert (half_unit("2.6"), half_unit("11.3"), half_unit("10000")) == (0.05, 0.05, 0.5)
    a = data.airport
    intl = a[(a["segment"] == "international") & (a["airport"] == "HND")]
    spec = {"target": "start", "basis": "fiscal_year", "period": "2011", "relation": "multiple",
            "factor": "2.7", "quote": "09年度の2.7倍", "value_rounding": 10000}
    with pytest.raises(KawasakiEconError, match="does not contain"):
        haneda_bounds(intl, [spec])
