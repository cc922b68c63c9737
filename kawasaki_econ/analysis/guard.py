"""Comparability guard: refuse to compare values that measure different things.

Values of different census ``scope`` (2014 ``all`` incl. public establishments vs
2016/2021 ``private``), guest-night ``frame`` (all facilities vs 10+ employees),
ridership ``measure`` (JR boardings vs private railways' boardings+alightings) or period
type (census year / fiscal year / calendar year / month) raise
:class:`~kawasaki_econ.errors.ComparabilityError` — unless the caller passes
``override=True``, in which case the result carries the mismatch in its ``caveat``.
"""

from __future__ import annotations

import pandas as pd

from ..errors import ComparabilityError

#: Columns whose values must agree between the two sides of a comparison, and why.
DIMENSIONS: dict[str, str] = {
    "scope": "census scope differs (private = 民営 only, all = incl. public establishments)",
    "survey": "different surveys (economic census basic / activity, establishment census)",
    "frame": "guest-night facility frames differ (all facilities vs 10+ employees); "
    "never splice the two",
    "measure": "different measures (e.g. JR boardings vs private-railway "
    "boardings+alightings are not comparable)",
    "nationality": "different nationality groups",
    "freq": "different period types (month vs year)",
    "period_type": "different period types (fiscal vs calendar year)",
    "basis": "different period bases (fiscal vs calendar year, month)",
    "industry_code": "different industries",
}

#: The 2021 economic census found establishments the 2016 census missed, through the
#: corporate-number (法人番号) register: growth 2016→2021 is partly a coverage effect.
CAVEAT_2021 = (
    "2021 census used the corporate-number register (法人番号) to find establishments "
    "the 2016 census missed: part of the 2016→2021 change is better coverage, not growth"
)


def check_comparable(
    a: pd.DataFrame | pd.Series,
    b: pd.DataFrame | pd.Series,
    *,
    override: bool = False,
    what: str = "values",
    ignore: tuple[str, ...] = (),
) -> list[str]:
    """Check that two sets of rows measure the same thing on :data:`DIMENSIONS`.

    Parameters
    ----------
    a, b : pandas.DataFrame or pandas.Series
        The rows of the two sides (e.g. the start and the end of a change); only their
        :data:`DIMENSIONS` columns (``scope``, ``survey``, ``frame``, ``measure``,
        ``nationality``, ``freq``, ``period_type``, ``basis``, ``industry_code``) present
        on both sides are compared. A Series is one row.
    override : bool, default False
        Return the mismatches instead of raising (the caller marks its result).
    what : str, default 'values'
        What is being compared, for the error message (e.g. 'census_year 2014 with 2021').
    ignore : tuple of str, default ()
        Dimensions not to compare.

    Returns
    -------
    list of str
        One explanation per mismatching dimension, each prefixed ``'override: '``;
        empty when the two sides are comparable.

    Raises
    ------
    ComparabilityError
        If a dimension differs and ``override`` is False.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis import check_comparable
    >>> y2014 = pd.DataFrame({"scope": ["all"], "measure": ["employees"]})
    >>> y2021 = pd.DataFrame({"scope": ["private"], "measure": ["employees"]})
    >>> check_comparable(y2021, y2021)
    []
    >>> check_comparable(y2014, y2021, override=True)[0][:35]
    'override: census scope differs (pri'
    """
    a_df = a.to_frame().T if isinstance(a, pd.Series) else a
    b_df = b.to_frame().T if isinstance(b, pd.Series) else b
    problems = []
    for col, why in DIMENSIONS.items():
        if col in ignore or col not in a_df.columns or col not in b_df.columns:
            continue
        left, right = set(a_df[col].dropna()), set(b_df[col].dropna())
        if left != right:
            problems.append(f"{why}: {col} {sorted(left)} vs {sorted(right)}")
    if problems and not override:
        raise ComparabilityError(
            f"cannot compare {what}: " + "; ".join(problems)
            + ". Pass override=True to compare anyway (the result is then marked)."
        )
    return [f"override: {p}" for p in problems]


def single_period_kind(df: pd.DataFrame, period: str) -> str:
    """The one period kind of a series: census, fiscal or calendar year, or month.

    Parameters
    ----------
    df : pandas.DataFrame
        A tidy series. Its ``freq`` (month / year), ``period_type`` or ``basis`` column
        decides; without those, the period strings ('YYYY' or 'YYYY-MM') do.
    period : str
        The period column. ``census_year`` and ``fiscal_year`` (FY2016 = April 2016 –
        March 2017) are their own kinds.

    Returns
    -------
    str
        ``'census_year'``, ``'fiscal_year'``, ``'calendar_year'`` or ``'month'``.

    Raises
    ------
    ComparabilityError
        If the frame mixes kinds (e.g. months and years, fiscal and calendar years).

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis.guard import single_period_kind
    >>> single_period_kind(pd.DataFrame({"period": ["2019-01", "2019-02"]}), "period")
    'month'
    """
    if period in ("census_year", "fiscal_year"):
        return period
    kinds = set()
    if "freq" in df.columns:
        kinds |= {"month" if f == "month" else "calendar_year" for f in df["freq"].unique()}
    if "period_type" in df.columns:
        kinds |= set(df["period_type"].unique())
    if "basis" in df.columns:
        kinds |= set(df["basis"].unique())
    if not kinds:
        lengths = set(df[period].astype(str).str.len())
        kinds = {"month" if n == 7 else "calendar_year" for n in lengths}
    if len(kinds) > 1:
        raise ComparabilityError(
            f"the series mixes period types {sorted(kinds)}: select one "
            "(a fiscal year, April–March, is not a calendar year; months are not years)"
        )
    return kinds.pop()
