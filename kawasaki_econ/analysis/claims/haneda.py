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
    """Return half of the last written digit of a number: its rounding.

    Parameters
    ----------
    written : str
        The number as written (e.g. '2.6').

    Returns
    -------
    float
        Half a unit of the last digit: '2.6' -> 0.05, '10000' -> 0.5.

    Raises
    ------
    decimal.InvalidOperation
        If ``written`` is not a number.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.haneda import half_unit
    >>> half_unit("2.6"), half_unit("10000")
    (0.05, 0.5)
    """
    exponent = Decimal(written).as_tuple().exponent
    return float(Decimal(5) * Decimal(10) ** (exponent - 1))


@dataclass(frozen=True)
class Bound:
    """The passengers of a claimed year implied by a later figure and a quoted relation.

    The interval spans the rounding of both quoted numbers.

    Parameters
    ----------
    target : {'start', 'end'}
        Which year of the claim the bound is for.
    basis : {'calendar_year', 'fiscal_year'}
        The basis of the row used.
    period : str
        The year of the row used.
    central : float
        The implied value (passengers).
    low, high : float
        The implied interval (passengers).
    from_value : float
        The row's value (passengers).
    relation : {'multiple', 'growth_pct'}
        The quoted relation.
    factor : str
        The quoted factor as written (e.g. '2.6' or '11.3').
    source : str
        The row's source.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.haneda import haneda_bounds
    >>> claim = {c.id: c for c in load_registry()}["ch2-haneda-international-2009-2016"]
    >>> airport = Data().airport
    >>> haneda = airport[(airport["airport"] == "HND") & (airport["segment"] == "international")]
    >>> first = haneda_bounds(haneda, claim.params["bounds"])[0]
    >>> first.target, first.basis, first.period, round(first.central)
    ('start', 'fiscal_year', '2011', 2788462)
    """

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
    """Return the bounds on the claimed years implied by the registry's specs.

    Parameters
    ----------
    intl : pandas.DataFrame
        Haneda's international rows of the ``airport`` table (``airport='HND'``,
        ``segment='international'``); a spec's row is the one of its ``basis`` and
        ``period`` with ``measure='passengers_annual'``.
    specs : list of dict
        The registry's specs. Each names the row (``basis``, ``period``), the
        ``target`` ('start' / 'end'), the quoted relation (``relation``: ``multiple``
        = the later year is ``factor`` times the target year; ``growth_pct`` = the
        later year grew ``factor`` % over it), the ``factor`` as written, the
        ``quote`` as it stands in the row's note (checked, so the registry cannot drift
        from the data) and the value's rounding (``value_rounding``, e.g. 10000 for 万;
        1 when exact).

    Returns
    -------
    list of Bound
        One per spec, in their order.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If a spec's row is not exactly one row of the table, its note does not contain
        the quote, or the relation is unknown.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.haneda import haneda_bounds
    >>> claim = {c.id: c for c in load_registry()}["ch2-haneda-international-2009-2016"]
    >>> airport = Data().airport
    >>> haneda = airport[(airport["airport"] == "HND") & (airport["segment"] == "international")]
    >>> bounds = haneda_bounds(haneda, claim.params["bounds"])
    >>> [(b.basis, b.period, round(b.low), round(b.high)) for b in bounds]
    [('fiscal_year', '2011', 2733962, 2845098), ('calendar_year', '2017', 15163898, 15186517),
     ('fiscal_year', '2017', 15751690, 15766070)]
    """
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
