"""Comparisons of a municipality with the other big cities: rank tables of change,
industry shares and location quotients (特化係数); the shift-share decomposition is in
:mod:`.shiftshare`.

Inputs are the tidy ``census`` table (``kawasaki_econ.load('census')``); outputs are tidy
frames with units in ``attrs['units']`` and caveats in a ``caveat`` column or attrs.
Counts are establishments (事業所) or persons (従業者, 人) and stay ``Int64``; shares and
rates are float, in %. No result holds a non-finite number: a % change from a zero base,
a share of a zero total and a quotient of a zero base share are missing (``zero_start``
says why for a change), and missing or zero values are never ranked; ties share a rank.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..codes import JSIC_NAMES
from ..errors import ComparabilityError
from .areas import (
    DESIGNATED_CITIES,
    KAWASAKI,
    NATION_CODE,
    TOKYO_WARDS,
    TOKYO_WARDS_CODE,
    big_city_group,
    newest_release,
    prefecture_code,
    with_aggregates,
    with_tokyo_wards,
)
from .trends import change


def select(
    census: pd.DataFrame,
    *,
    measure: str = "employees",
    years: tuple[int, ...] | None = None,
    industry: str | None = "ALL",
    areas: list[str] | None = None,
    dataset: str = "SSDSE-A",
) -> pd.DataFrame:
    """Select the census rows of one measure from one dataset.

    SSDSE-A by default, keeping its newest release per census year (one row per area,
    census year and industry), optionally limited to census years, one industry and areas.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table (``kawasaki_econ.load('census')``).
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).
    years : tuple of int, optional
        Census years to keep (e.g. ``(2016, 2021)``); all when None.
    industry : str or None, default 'ALL'
        ``'ALL'`` (the published total), a JSIC major division letter (``'A'`` … ``'S'``),
        or None for every industry row.
    areas : list of str, optional
        5-digit area codes to keep; all when None.
    dataset : str, default 'SSDSE-A'
        ``SSDSE-A`` (municipalities), ``SSDSE-E`` (nation and prefectures) or
        ``transcribed``.

    Returns
    -------
    pandas.DataFrame
        The matching rows of ``census`` with all its columns (``value`` in persons or
        establishments, ``Int64``; ``scope``, ``survey``, ``status``, ``source`` …).

    See Also
    --------
    kawasaki_econ.analysis.areas.newest_release : The release rule.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis import select
    >>> rows = select(k.load("census"), years=(2021,), areas=["14130"])
    >>> rows[["value", "scope", "survey"]].to_dict("records")
    [{'value': 547471, 'scope': 'private', 'survey': 'economic_census_activity'}]
    """
    df = census[(census["measure"] == measure) & (census["dataset"] == dataset)]
    if dataset == "SSDSE-A":
        df = newest_release(df)
    if years is not None:
        df = df[df["census_year"].isin(years)]
    if industry is not None:
        df = df[df["industry_code"] == industry]
    if areas is not None:
        df = df[df["area_code"].isin(areas)]
    return df


def _group_frame(census: pd.DataFrame, include_wards: bool, focus: str = KAWASAKI,
                 references: bool = False) -> tuple[pd.DataFrame, dict]:
    """The comparison data and group: designated cities (+ 東京都区部), and with
    ``references`` also the focus's prefecture and the nation (municipal sums, derived)."""
    group = big_city_group(include_wards)
    if focus not in group:
        group[focus] = _name_of(census, focus)
    if references:
        data = with_aggregates(census)
        group[prefecture_code(focus)] = _name_of(data, prefecture_code(focus))
        group[NATION_CODE] = "全国"
    else:
        data = with_tokyo_wards(census) if include_wards else census
    return data, group


def _name_of(census: pd.DataFrame, code: str) -> str:
    names = census.loc[census["area_code"] == code, "area_name"]
    if names.empty:
        raise ComparabilityError(f"area {code} is not in the census table")
    return str(names.iloc[0])


def _group_label(code: str) -> str:
    if code in DESIGNATED_CITIES:
        return "designated_city"
    if code == TOKYO_WARDS_CODE:
        return "tokyo_wards"
    if code == NATION_CODE:
        return "nation"
    if code.endswith("000"):
        return "prefecture"
    return "focus"


def rank_change(
    census: pd.DataFrame,
    start: int = 2016,
    end: int = 2021,
    *,
    measure: str = "employees",
    industry: str = "ALL",
    focus: str = KAWASAKI,
    include_wards: bool = True,
    references: bool = False,
    override: bool = False,
) -> pd.DataFrame:
    """Change between two census years for the big cities, ranked by % change.

    The group is the 20 designated cities (政令指定都市) and 東京都区部 (the sum of the 23
    wards); with ``references`` also the focus's prefecture and the nation (sums of their
    municipalities). The rank is among the 20 designated cities (1 = largest increase);
    the other areas are shown for reference, unranked. Any municipality can be the
    ``focus``; one outside the designated cities is added to the table.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    start, end : int, default 2016, 2021
        Census years (reference years of the economic census).
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).
    industry : str, default 'ALL'
        ``'ALL'`` or a JSIC major division letter.
    focus : str, default '14130'
        5-digit code of the municipality in focus (14130 = 川崎市).
    include_wards : bool, default True
        Show 東京都区部 for reference.
    references : bool, default False
        Add the focus's prefecture and the nation (sums of municipalities, ``derived``).
    override : bool, default False
        Compare census years of different scope (2014 all establishments vs 2016 / 2021
        private) anyway; the ``caveat`` column then says so.

    Returns
    -------
    pandas.DataFrame
        One row per area, sorted by ``change_pct`` (largest first): ``area_code``,
        ``area_name``, ``start``, ``end``, ``value_start``, ``value_end``, ``change``
        (persons or establishments, ``Int64``), ``change_pct`` (%), ``cagr_pct`` (% per
        year), ``caveat`` (the 2016→2021 corporate-number-register caveat), ``group``
        (designated_city / tokyo_wards / prefecture / nation / focus), ``is_focus``,
        ``zero_start`` (True where the start is 0: % change and CAGR missing),
        ``rank_in_group`` (rank of ``change_pct`` among the designated cities, ``Int64``,
        1 = largest increase, ties share a rank; missing for reference rows), ``status``
        (final, or derived for sums). ``attrs['units']`` names the units.

    Raises
    ------
    ComparabilityError
        If an area of the group has no data in ``start`` or ``end``, or the two years
        differ in scope or survey (unless ``override``).

    See Also
    --------
    kawasaki_econ.analysis.peers.peer_change : The same for any comparison group.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> ranked = k.analysis.rank_change(k.load("census"), 2016, 2021)
    >>> kawasaki = ranked[ranked["is_focus"]].iloc[0]
    >>> int(kawasaki["value_start"]), int(kawasaki["value_end"]), round(float(kawasaki["change_pct"]), 2)
    (543812, 547471, 0.67)
    """
    data, group = _group_frame(census, include_wards, focus, references)
    rows = select(data, measure=measure, years=(start, end), industry=industry,
                  areas=list(group))
    rows = rows[~rows["area_code"].isin([TOKYO_WARDS_CODE, NATION_CODE])
                | (rows["status"] == "derived")]
    missing = [c for c in group if c not in set(rows["area_code"])]
    if missing:
        raise ComparabilityError(f"no {measure} data for {missing} in {start}/{end}")
    out = change(rows, start, end, period="census_year", by=["area_code"], override=override)
    out.insert(1, "area_name", out["area_code"].map(group))
    out["group"] = out["area_code"].map(_group_label)
    out["is_focus"] = out["area_code"] == focus
    out = rank_by_change(out, out["group"] == "designated_city")
    out["status"] = out["group"].map(
        lambda g: "final" if g in ("designated_city", "focus") else "derived")
    out.attrs.update(measure=measure, start=start, end=end,
                     units=change_units(measure))
    return out


def change_units(measure: str) -> dict[str, str]:
    """The ``attrs['units']`` of a change table of census counts.

    Parameters
    ----------
    measure : {'employees', 'establishments'}
        従業者数 (persons) or 事業所数 (establishments).

    Returns
    -------
    dict of str to str
        Column -> unit: 人 or 事業所 for the counts, % and % per year for the rates.

    Examples
    --------
    >>> from kawasaki_econ.analysis.compare import change_units
    >>> change_units("employees")["change"]
    '人'
    """
    unit = "人" if measure == "employees" else "事業所"
    return {"value_start": unit, "value_end": unit, "change": unit, "change_pct": "%",
            "cagr_pct": "% per year"}


def rank_by_change(out: pd.DataFrame, ranked: pd.Series) -> pd.DataFrame:
    """Give a change table of census counts honest dtypes and a rank by % change.

    Parameters
    ----------
    out : pandas.DataFrame
        A :func:`~kawasaki_econ.analysis.trends.change` table of census counts.
    ranked : pandas.Series of bool
        Which rows take part in the ranking (aligned with ``out``).

    Returns
    -------
    pandas.DataFrame
        ``out`` with ``value_start``, ``value_end``, ``change`` as ``Int64``;
        ``change_pct`` and ``cagr_pct`` missing where the start is zero (``zero_start``
        True: no % change from 0) or either end is missing; ``rank_in_group`` (``Int64``,
        1 = largest % change, ties share the smallest rank) among the ``ranked`` rows whose
        % change is defined. Sorted by ``change_pct`` (largest first, missing last).

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis.compare import rank_by_change
    >>> out = pd.DataFrame({"area_code": ["a", "b", "c"], "value_start": [0, 100, 200],
    ...                     "value_end": [5, 110, 210], "change": [5, 10, 10],
    ...                     "change_pct": [float("inf"), 10.0, 5.0],
    ...                     "cagr_pct": [float("inf"), 10.0, 5.0]})
    >>> rank_by_change(out, pd.Series([True, True, True]))["rank_in_group"].tolist()
    [1, 2, <NA>]
    """
    out = out.copy()
    for col in ("value_start", "value_end", "change"):
        out[col] = pd.to_numeric(out[col]).round().astype("Int64")
    out["zero_start"] = (out["value_start"] == 0).fillna(False).astype(bool)
    for col in ("change_pct", "cagr_pct"):
        values = pd.to_numeric(out[col], errors="coerce").astype("float64")
        out[col] = values.where(np.isfinite(values) & ~out["zero_start"])
    defined = ranked.to_numpy(bool) & out["change_pct"].notna().to_numpy()
    out["rank_in_group"] = out["change_pct"].where(defined).rank(
        ascending=False, method="min").astype("Int64")
    return out.sort_values("change_pct", ascending=False, ignore_index=True,
                           na_position="last", kind="stable")


def share_ranks(shares: pd.DataFrame, ranked: pd.Series) -> pd.Series:
    """Rank the shares of each division among some of the areas.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`industry_shares` rows (``share_pct`` in %, ``industry_code``).
    ranked : pandas.Series of bool
        Which rows take part in the ranking (aligned with ``shares``).

    Returns
    -------
    pandas.Series
        ``Int64`` rank of ``share_pct`` per ``industry_code`` (1 = largest, ties share the
        smallest rank); missing for rows not ranked and for zero or missing shares.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis.compare import share_ranks
    >>> shares = pd.DataFrame({"industry_code": ["G", "G", "G"], "share_pct": [5.0, 0.0, 7.5]})
    >>> share_ranks(shares, pd.Series([True, True, True])).tolist()
    [2, <NA>, 1]
    """
    mask = ranked.to_numpy(bool) & (shares["share_pct"] > 0).fillna(False).to_numpy(bool)
    return (shares["share_pct"].where(mask).groupby(shares["industry_code"])
            .rank(ascending=False, method="min").astype("Int64"))


def industry_shares(
    census: pd.DataFrame,
    year: int = 2016,
    *,
    measure: str = "employees",
    focus: str = KAWASAKI,
    include_wards: bool = True,
    references: bool = False,
    areas: list[str] | None = None,
) -> pd.DataFrame:
    """Share (%) of each JSIC major division in an area's total, with ranks.

    For the big-city group (or ``areas``), each division's share of the area's published
    total (SSDSE-A ``ALL``), and the rank of the share among the designated cities per
    division.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    year : int, default 2016
        Census year.
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).
    focus : str, default '14130'
        5-digit code of the municipality in focus.
    include_wards : bool, default True
        Include 東京都区部 (sum of the 23 wards).
    references : bool, default False
        Add the focus's prefecture and the nation (sums of municipalities).
    areas : list of str, optional
        5-digit area codes to use instead of the big-city group.

    Returns
    -------
    pandas.DataFrame
        One row per area and division: ``area_code``, ``area_name``, ``census_year``,
        ``scope``, ``industry_code`` (JSIC letter), ``industry_name`` (JSIC division name,
        e.g. 情報通信業), ``item_name_ssdse`` (the SSDSE item as published), ``value`` and
        ``total`` (the area's published total; persons or establishments, ``Int64``),
        ``share_pct`` (%, missing for a zero total), ``rank_designated`` (rank among the
        designated cities, ``Int64``, 1 = largest share; zero shares are not ranked),
        ``is_focus``, ``status``, ``source``.

    Raises
    ------
    ComparabilityError
        If there are no rows of ``measure`` in census ``year``.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> shares = k.analysis.industry_shares(k.load("census"), 2021)
    >>> ict = shares[(shares["area_code"] == "14130") & (shares["industry_code"] == "G")]
    >>> round(float(ict["share_pct"].iloc[0]), 2), int(ict["rank_designated"].iloc[0])
    (6.55, 2)
    """
    data, group = _group_frame(census, include_wards, focus, references)
    codes = areas or list(group)
    rows = select(data, measure=measure, years=(year,), industry=None, areas=codes)
    rows = rows[~rows["area_code"].isin([TOKYO_WARDS_CODE, NATION_CODE])
                | (rows["status"] == "derived")]
    if rows.empty:
        raise ComparabilityError(f"no {measure} rows for census year {year}")
    total = rows[rows["industry_code"] == "ALL"].set_index("area_code")["value"]
    div = rows[rows["industry_code"] != "ALL"].copy()
    div["total"] = div["area_code"].map(total).astype("float64")
    share = div["value"].astype("float64") / div["total"] * 100.0
    div["share_pct"] = share.where(div["total"] > 0)
    div["rank_designated"] = share_ranks(div, div["area_code"].isin(DESIGNATED_CITIES))
    div["is_focus"] = div["area_code"] == focus
    div["area_name"] = div["area_code"].map(group).fillna(div["area_name"])
    div["industry_name"] = div["industry_code"].map(JSIC_NAMES)
    div["total"] = div["total"].astype("Int64")
    div = div.rename(columns={"industry_name_ja": "item_name_ssdse"})
    cols = ["area_code", "area_name", "census_year", "scope", "industry_code",
            "industry_name", "item_name_ssdse", "value", "total", "share_pct",
            "rank_designated", "is_focus", "status", "source"]
    out = div[cols].sort_values(["industry_code", "share_pct"], ascending=[True, False],
                                ignore_index=True)
    out.attrs.update(units={"value": "人" if measure == "employees" else "事業所",
                            "share_pct": "% of the area's total"}, year=year)
    return out


def national_benchmark(census: pd.DataFrame, year: int, measure: str = "employees") -> pd.DataFrame:
    """National value per JSIC division (and ``ALL``) for one census year, with its basis.

    ``basis='official'`` where an official national figure exists (SSDSE-E, or a
    transcribed final figure, same scope); ``'municipal_sum'`` for the sum over all
    SSDSE-A municipalities (which can differ slightly from the official figure). Each
    row says which; a share must use numerator and total of the same basis.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    year : int
        Census year.
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).

    Returns
    -------
    pandas.DataFrame
        ``industry_code``, ``value`` (persons or establishments), ``scope``, ``source``,
        ``basis`` (official / municipal_sum), ``year``: the official rows first, then the
        municipal sums.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> nb = k.analysis.national_benchmark(k.load("census"), 2021)
    >>> nb.loc[nb["industry_code"] == "ALL", ["basis", "value"]].values.tolist()
    [['official', 57949915], ['municipal_sum', 57937290]]
    """
    muni = select(census, measure=measure, years=(year,), industry=None)
    muni_sum = muni.groupby("industry_code", as_index=False).agg(
        value=("value", "sum"), scope=("scope", "first"))
    muni_sum["basis"] = "municipal_sum"
    muni_sum["source"] = f"sum of all SSDSE-A municipalities, census {year}"
    scope = muni_sum["scope"].iloc[0] if len(muni_sum) else "private"
    official = census[(census["area_code"] == NATION_CODE) & (census["census_year"] == year)
                      & (census["measure"] == measure) & (census["status"] == "final")
                      & (census["scope"] == scope)]
    # prefer SSDSE-E, then the first transcribed final row, per division
    official = official.assign(_order=(official["dataset"] != "SSDSE-E").astype(int))
    official = official.sort_values(["_order", "source"]).drop_duplicates("industry_code")
    official = official[["industry_code", "value", "scope", "source"]].assign(basis="official")
    out = pd.concat([official, muni_sum], ignore_index=True)
    out["year"] = year
    return out


def location_quotients(
    census: pd.DataFrame,
    year: int = 2016,
    *,
    base: str = "nation",
    measure: str = "employees",
    focus: str = KAWASAKI,
    include_wards: bool = True,
    areas: list[str] | None = None,
) -> pd.DataFrame:
    """Location quotient (特化係数) = the area's division share / the base's division share.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    year : int, default 2016
        Census year.
    base : {'nation', 'designated'}, default 'nation'
        ``'nation'``: official national figures where they exist (``base_basis =
        'official'``), else the sum of all municipalities (``'municipal_sum'``), numerator
        and total of the base share always from the same basis. ``'designated'``: the
        aggregate of the 20 designated cities. ``'group'``: the aggregate of ``areas`` (a
        comparison group; 東京都区部 13100 counts as its 23 wards).
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).
    focus : str, default '14130'
        5-digit code of the municipality in focus.
    include_wards : bool, default True
        Include 東京都区部.
    areas : list of str, optional
        5-digit area codes of the rows (default: the big-city group); required for
        ``base='group'``.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`industry_shares` plus ``base_share_pct`` (%),
        ``base_basis`` (official / municipal_sum / designated_aggregate /
        group_aggregate), ``base_source`` and ``lq`` (ratio, 1 = the same share as the
        base; missing where the base share is zero or missing, never infinite).

    Raises
    ------
    ValueError
        If ``base`` is not 'nation', 'designated' or 'group', or ``base='group'`` is
        given without ``areas``.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> lq = k.analysis.location_quotients(k.load("census"), 2021, base="nation")
    >>> row = lq[(lq["area_code"] == "14130") & (lq["industry_code"] == "G")].iloc[0]
    >>> round(float(row["lq"]), 2), row["base_basis"]
    (1.91, 'official')
    """
    if base == "group" and not areas:
        raise ValueError("base='group' needs the group's area codes (areas=)")
    shares = industry_shares(census, year, measure=measure, focus=focus,
                             include_wards=include_wards, areas=areas)
    if base == "nation":
        base_df = nation_base(census, year, measure)
    elif base == "designated":
        base_df = aggregate_base(shares[shares["area_code"].isin(DESIGNATED_CITIES)],
                                 "designated_aggregate",
                                 "sum of the 20 designated cities (SSDSE-A)")
    elif base == "group":
        members = [c for c in areas if c != TOKYO_WARDS_CODE]
        if TOKYO_WARDS_CODE in areas:  # the wards, unless they are members themselves
            members += [c for c in TOKYO_WARDS if c not in members]
        d = industry_shares(census, year, measure=measure, focus=focus, areas=members)
        base_df = aggregate_base(d, "group_aggregate", group_source(len(set(areas))))
    else:
        raise ValueError("base must be 'nation', 'designated' or 'group'")
    return with_base(shares, base_df, base=base, year=year)


def nation_base(census: pd.DataFrame, year: int, measure: str = "employees") -> pd.DataFrame:
    """The national share (%) of each JSIC division: the base of location quotients.

    Official where the nation's official division and total figures exist, else the sum
    of all municipalities (numerator and total always from the same basis).

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    year : int
        Census year.
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).

    Returns
    -------
    pandas.DataFrame
        One row per division: ``industry_code``, ``base_share_pct`` (%), ``base_basis``
        (official / municipal_sum), ``base_source``.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.compare import nation_base
    >>> base = nation_base(k.load("census"), 2021)
    >>> base.set_index("industry_code").loc["G", "base_basis"]
    'official'
    """
    bench = national_benchmark(census, year, measure)
    rows = []
    for basis in ("official", "municipal_sum"):
        b = bench[bench["basis"] == basis].set_index("industry_code")
        if "ALL" not in b.index:
            continue
        for code, r in b.drop(index="ALL").iterrows():
            rows.append({"industry_code": code, "base_share_pct": r["value"] /
                         b.loc["ALL", "value"] * 100.0, "base_basis": basis,
                         "base_source": f"{r['source']}; total: {b.loc['ALL', 'source']}"})
    base_df = pd.DataFrame(rows)
    base_df["_order"] = (base_df["base_basis"] != "official").astype(int)
    return base_df.sort_values("_order").drop_duplicates("industry_code").drop(
        columns="_order")


def group_source(n: int) -> str:
    """The ``base_source`` text of a comparison group's aggregate.

    Parameters
    ----------
    n : int
        Number of areas in the group.

    Returns
    -------
    str
        E.g. 'sum of the 21 areas of the comparison group (SSDSE-A)'.

    Examples
    --------
    >>> from kawasaki_econ.analysis.compare import group_source
    >>> group_source(21)
    'sum of the 21 areas of the comparison group (SSDSE-A)'
    """
    return f"sum of the {n} areas of the comparison group (SSDSE-A)"


def aggregate_base(member_shares: pd.DataFrame, basis: str, source: str) -> pd.DataFrame:
    """The base shares (%) of an aggregate of areas.

    The sum of the members' division counts over the sum of their totals.

    Parameters
    ----------
    member_shares : pandas.DataFrame
        :func:`industry_shares` rows of the members (one ``total`` per area).
    basis : str
        The ``base_basis`` label, e.g. ``designated_aggregate``.
    source : str
        The ``base_source`` text.

    Returns
    -------
    pandas.DataFrame
        One row per division: ``industry_code``, ``base_share_pct`` (%), ``base_basis``,
        ``base_source``.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis.compare import aggregate_base
    >>> members = pd.DataFrame({"area_code": ["a", "b"], "industry_code": ["G", "G"],
    ...                         "value": [10, 30], "total": [100, 300]})
    >>> aggregate_base(members, "group_aggregate", "two areas")["base_share_pct"].tolist()
    [10.0]
    """
    agg = member_shares.groupby("industry_code").agg(value=("value", "sum"))
    total = member_shares.drop_duplicates("area_code")["total"].sum()
    return pd.DataFrame({"industry_code": agg.index.to_numpy(),
                         "base_share_pct": agg["value"].to_numpy(float) / float(total) * 100.0,
                         "base_basis": basis, "base_source": source})


def with_base(shares: pd.DataFrame, base_df: pd.DataFrame, *, base: str,
              year: int) -> pd.DataFrame:
    """Add the base shares and the location quotient to industry shares.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`industry_shares` rows (``share_pct`` in %).
    base_df : pandas.DataFrame
        Base shares per division (:func:`nation_base`, :func:`aggregate_base`).
    base : str
        Which base ('nation', 'designated', 'group'), recorded in ``attrs``.
    year : int
        Census year, recorded in ``attrs``.

    Returns
    -------
    pandas.DataFrame
        ``shares`` with ``base_share_pct``, ``base_basis``, ``base_source`` and ``lq`` =
        share / base share (missing where the base share is zero or missing).

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis.compare import with_base
    >>> shares = pd.DataFrame({"industry_code": ["G"], "share_pct": [6.0]})
    >>> base = pd.DataFrame({"industry_code": ["G"], "base_share_pct": [3.0],
    ...                      "base_basis": ["official"], "base_source": ["SSDSE-E"]})
    >>> with_base(shares, base, base="nation", year=2021)["lq"].tolist()
    [2.0]
    """
    out = shares.merge(base_df, on="industry_code", how="left")
    base_share = out["base_share_pct"].where(out["base_share_pct"] > 0)
    out["lq"] = out["share_pct"] / base_share
    out.attrs.update(units={"lq": "ratio (1 = same share as the base)",
                            "share_pct": "%", "base_share_pct": "%"}, base=base, year=year)
    return out


#: The residual of a published total over its JSIC divisions A–R: JSIC T 分類不能の産業
#: (establishments whose industry could not be classified), which SSDSE-A does not list.
UNCLASSIFIED = ("T", "分類不能の産業")
