"""Every processed table holds the dtypes its spec declares: counts as pandas nullable
integers (``Int64``), measures that may be fractional as float64, text as the pandas
string dtype, flags as ``boolean``; and no column is named like a DataFrame attribute."""

from __future__ import annotations

import pytest
from helpers import shadowing

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


@pytest.mark.parametrize("name", list(SPECS))
def test_no_column_of_a_processed_table_is_a_dataframe_attribute(name):
    # the spec's columns and the reader's further columns (e.g. ridership's rank_jr_east,
    # formerly ``rank``, which shadowed DataFrame.rank)
    columns = [*SPECS[name].column_names(), *kawasaki_econ.load(name).columns]
    assert shadowing(columns) == []
