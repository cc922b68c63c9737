"""Bounds on Haneda's international passengers in the plan's years ('09, '16) implied by
later published figures and the growth the same sources quote (e.g. FY2011 725万人,
"国際化前の09年度の2.6倍"). The rounding of each quoted number is taken from its
written digits: a value rounded to 10,000 is ±5,000, a ratio written 2.6 is ±0.05."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ...errors import KawasakiEconError


def half_unit(written: str) -> float:
    """Half of the last written digit: '2.6' -> 0.05, '11.3' -> 0.05, '10000' -> 0.5."""
    exponent = Decimal(written).as_tuple().exponent
    return float(Decimal(5) * Decimal(10) ** (exponent - 1))


@dataclass(frozen=True)
class Bound:
    """The value (``central``) and interval ``[low, high]`` (passengers) for ``target``
    ('start' / 'end') implied by the ``basis`` row of ``period`` and its quoted relation;
    the interval spans the rounding of both quoted numbers."""

    target: str
    basis: str
    period: str
    central: float
    low: float
    high: float
    from_value: float
    relation: str
    factor: str
    source: str


def haneda_bounds(intl: pd.DataFrame, specs: list[dict]) -> list[Bound]:
    """One :class:`Bound` per registry spec. A spec names the row (``basis``, ``period``),
    the quoted relation (``multiple`` = the later year is ``factor`` times the target year;
    ``growth_pct`` = the later year grew ``factor`` % over the target year), the quote as
    it stands in the row's note (checked, so the registry cannot drift from the data) and
    the value's rounding (``value_rounding``, e.g. 10000 for 万; 1 when exact)."""
    out = []
    for spec in specs:
        rows = intl[(intl["basis"] == spec["basis"]) & (intl["period"] == spec["period"])
                    & (intl["measure"] == "passengers_annual")]
        if len(rows) != 1:
            raise KawasakiEconError(f"Haneda bound: no single {spec['basis']} {spec['period']} "
                                    "international passenger row in the airport table")
        row = rows.iloc[0]
        if spec["quote"] not in str(row["note"]):
            raise KawasakiEconError(f"Haneda bound: the note of {row['source']} does not "
                                    f"contain {spec['quote']!r}")
        v, h = float(row["value"]), spec["value_rounding"] / 2
        f, d = float(spec["factor"]), half_unit(spec["factor"])
        if spec["relation"] == "multiple":
            central, low, high = v / f, (v - h) / (f + d), (v + h) / (f - d)
        elif spec["relation"] == "growth_pct":
            central = v / (1 + f / 100)
            low, high = (v - h) / (1 + (f + d) / 100), (v + h) / (1 + (f - d) / 100)
        else:
            raise KawasakiEconError(f"Haneda bound: unknown relation {spec['relation']!r}")
        out.append(Bound(spec["target"], spec["basis"], spec["period"], central, low, high, v,
                         spec["relation"], spec["factor"], str(row["source"])))
    return out
