"""Every processed table holds the dtypes its spec declares: counts as pandas nullable
integers (``Int64``), measures that may be fractional as float64, text as the pandas
string dtype, flags as ``boolean``."""

from __future__ import annotations

import pytest

import kawasaki_econ
from kawasaki_econ.schema import SPECS

PANDAS_DTYPE = {"int": "Int64", "float": "float64", "str": "string", "bool": "boolean"}


@pytest.mark.parametrize("name", list(SPECS))
def test_processed_table_dtypes_match_the_spec(name):
    df = kawasaki_econ.load(name)
    spec = SPECS[name]
    got = {col.name: str(df[col.name].dtype) for col in spec.columns}
    want = {col.name: PANDAS_DTYPE[col.dtype] for col in spec.columns}
    assert got == want


def test_every_table_declares_at_least_one_count_or_measure():
    # the check above only means something if the specs name numeric columns
    numeric = {name for name, spec in SPECS.items()
               if any(c.dtype in ("int", "float") for c in spec.columns)}
    assert numeric >= {"census", "population", "guest_nights", "ridership", "airport",
                       "tourism", "kpi", "prefecture_panel"}
