"""Shift-share decomposition of the change in each area's division counts, and the
分類不能 (unclassified) residual that makes an area's divisions add up to its published
total. Split from :mod:`.compare`, whose ``select`` it uses."""

from __future__ import annotations

import pandas as pd

from ..errors import ComparabilityError
from .areas import DESIGNATED_CITIES, TOKYO_WARDS_CODE, with_tokyo_wards
from .compare import UNCLASSIFIED, select
from .guard import CAVEAT_2021


def with_unclassified(rows: pd.DataFrame) -> pd.DataFrame:
    """Add JSIC T 分類不能の産業: the published total minus the sum of the divisions.

    The published total (``ALL``) is an area's total everywhere in this package; summing
    divisions falls short of it by the unclassified establishments (e.g. 浜松市 2016
    private employees: total 367,526, divisions A–R 367,519, 分類不能 7), so analyses that
    sum divisions add this row to add up to the total.

    Parameters
    ----------
    rows : pandas.DataFrame
        Census rows of one measure: divisions and ``ALL`` per area and census year.

    Returns
    -------
    pandas.DataFrame
        ``rows`` plus, per area and census year where the difference is not zero, a row
        ``industry_code='T'``, ``industry_name_ja='分類不能の産業'``, ``value`` = total −
        sum of divisions, ``status='derived'``.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis import select, with_unclassified
    >>> rows = select(k.load("census"), years=(2016,), industry=None, areas=["22130"])
    >>> t = with_unclassified(rows).query("industry_code == 'T'")
    >>> int(t["value"].iloc[0]), t["status"].iloc[0]
    (7, 'derived')
    """
    keys = ["area_code", "census_year"]
    total = rows[rows["industry_code"] == "ALL"]
    parts = rows[(rows["industry_code"] != "ALL") & (rows["industry_code"] != UNCLASSIFIED[0])]
    summed = parts.groupby(keys)["value"].sum().rename("divisions")
    merged = total.join(summed, on=keys)
    residual = merged[merged["divisions"].notna()
                      & (merged["value"] != merged["divisions"])].copy()
    if residual.empty:
        return rows
    residual["value"] = residual["value"] - residual["divisions"]
    residual["industry_code"], residual["industry_name_ja"] = UNCLASSIFIED
    residual["status"] = "derived"
    residual["source"] = "total minus the sum of divisions A–R: " + residual["source"].astype(str)
    return pd.concat([rows, residual.drop(columns="divisions")], ignore_index=True)


def shift_share(
    census: pd.DataFrame,
    start: int = 2016,
    end: int = 2021,
    *,
    measure: str = "employees",
    areas: list[str] | None = None,
) -> pd.DataFrame:
    """Shift-share decomposition of the change in each area's division counts.

    For area r and division i with national growth g (all divisions), g_i (division i)
    and local growth g_ri: national effect = E0·g, industry mix = E0·(g_i − g),
    regional (competitive) effect = E0·(g_ri − g_i); the three sum to the actual change.
    The divisions include 分類不能 (``T``, :func:`with_unclassified`), so an area's rows
    add up to its published total (the figure :func:`rank_change` uses) and g is the
    growth of the national total. National growth rates use the sum of all
    municipalities (one consistent basis for every division).

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    start, end : int, default 2016, 2021
        Census years of the same scope.
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).
    areas : list of str, optional
        5-digit area codes; default the 20 designated cities. 東京都区部 (13100) is the
        sum of the 23 wards, kept out of the national sums.

    Returns
    -------
    pandas.DataFrame
        One row per area and division: ``area_code``, ``area_name``, ``industry_code``,
        ``value_start``, ``value_end``, ``actual_change``, ``national_effect``,
        ``industry_mix_effect``, ``regional_effect`` (persons or establishments).
        ``attrs`` holds ``national_growth_pct`` and the 2016→2021 ``caveat``.

    Raises
    ------
    ComparabilityError
        If the two census years differ in scope.

    See Also
    --------
    shift_share_summary : The per-area totals.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> detail = k.analysis.shift_share(k.load("census"), 2016, 2021)
    >>> kawasaki = detail[detail["area_code"] == "14130"]
    >>> round(float(kawasaki["actual_change"].sum()))
    3659
    """
    areas = areas or list(DESIGNATED_CITIES)
    rows = select(census, measure=measure, years=(start, end), industry=None)
    if TOKYO_WARDS_CODE in areas:  # the sum of the wards, kept out of the national sums
        rows = rows[rows["area_code"] != TOKYO_WARDS_CODE]
        wards = select(with_tokyo_wards(census), measure=measure, years=(start, end),
                       industry=None, areas=[TOKYO_WARDS_CODE])
        wards = wards[wards["status"] == "derived"]
    else:
        wards = rows.iloc[:0]
    scopes = rows.groupby("census_year")["scope"].unique()
    if len({tuple(s) for s in scopes}) > 1:
        raise ComparabilityError(
            f"shift-share {start}→{end} would mix census scopes {dict(scopes)}")
    rows = with_unclassified(rows)
    divisions = rows[rows["industry_code"] != "ALL"]
    nat = divisions.groupby(["industry_code", "census_year"])["value"].sum().unstack()
    if len(wards):
        rows = pd.concat([rows, with_unclassified(wards)], ignore_index=True)
        divisions = rows[rows["industry_code"] != "ALL"]
    common = nat.dropna().index
    g_i = nat.loc[common, end] / nat.loc[common, start] - 1.0
    g = nat.loc[common, end].sum() / nat.loc[common, start].sum() - 1.0
    local = divisions[divisions["area_code"].isin(areas)
                      & divisions["industry_code"].isin(common)]
    wide = local.pivot_table(index=["area_code", "industry_code"], columns="census_year",
                             values="value", aggfunc="sum").reset_index()
    # no 分類不能 row in a year means total == sum of divisions: a real zero, not a gap
    unclassified = wide["industry_code"] == UNCLASSIFIED[0]
    wide.loc[unclassified, [start, end]] = wide.loc[unclassified, [start, end]].fillna(0)
    names = rows.drop_duplicates("area_code").set_index("area_code")["area_name"]
    e0 = wide[start].astype(float)
    e1 = wide[end].astype(float)
    gi = wide["industry_code"].map(g_i).astype(float)
    out = pd.DataFrame({
        "area_code": wide["area_code"],
        "area_name": wide["area_code"].map(DESIGNATED_CITIES).fillna(
            wide["area_code"].map(names)),
        "industry_code": wide["industry_code"],
        "value_start": e0,
        "value_end": e1,
        "actual_change": e1 - e0,
        "national_effect": e0 * g,
        "industry_mix_effect": e0 * (gi - g),
        "regional_effect": e0 * ((e1 / e0 - 1.0).where(e0 > 0, 0.0) - gi),
    })
    zero_start = e0 == 0  # growth undefined: attribute the whole change to the region
    out.loc[zero_start, "regional_effect"] = (e1 - e0)[zero_start]
    out.attrs.update(start=start, end=end, national_growth_pct=g * 100.0,
                     units={"actual_change": "人" if measure == "employees" else "事業所"},
                     caveat=CAVEAT_2021 if start <= 2016 <= 2021 <= end else "")
    return out


def shift_share_summary(detail: pd.DataFrame) -> pd.DataFrame:
    """Per-area totals of :func:`shift_share`, in counts and in % of the start.

    Parameters
    ----------
    detail : pandas.DataFrame
        The output of :func:`shift_share`.

    Returns
    -------
    pandas.DataFrame
        One row per area, sorted by ``regional_effect_pct`` (largest first):
        ``area_code``, ``area_name``, ``value_start``, ``value_end``, ``actual_change``,
        ``national_effect``, ``industry_mix_effect``, ``regional_effect`` (persons or
        establishments) and ``actual_change_pct``, ``national_effect_pct``,
        ``industry_mix_effect_pct``, ``regional_effect_pct`` (% of ``value_start``;
        missing for a zero start).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> census = k.load("census")
    >>> summary = k.analysis.shift_share_summary(k.analysis.shift_share(census, 2016, 2021))
    >>> round(float(summary.set_index("area_code").loc["14130", "actual_change_pct"]), 2)
    0.67
    """
    cols = ["value_start", "value_end", "actual_change", "national_effect",
            "industry_mix_effect", "regional_effect"]
    out = detail.groupby(["area_code", "area_name"], as_index=False)[cols].sum()
    base = out["value_start"].where(out["value_start"] > 0)  # no % of a zero start
    for col in cols[2:]:
        out[f"{col}_pct"] = out[col] / base * 100.0
    out = out.sort_values("regional_effect_pct", ascending=False, ignore_index=True,
                          na_position="last", kind="stable")
    out.attrs.update(detail.attrs)
    return out
