"""The Chapter 2 statements of a focus municipality, as data: each :class:`Finding` holds
its numbers (``values``, with ``units``), the parameters its wording needs and where
every number comes from (:class:`Provenance`: table, columns and filter, the analysis
function, the raw sources). The wording (ja / en) is in :mod:`kawasaki_econ.report.findings`.

The findings follow the plan's Chapter 2 (○最新の経済センサス…では、事業所数…、従業員数…;
○従業員数推移の他都市との比較…; ○「情報通信業」「学術研究…」の従業員割合…), from the data:

* ``census_latest``: establishments and employees in the newest census year;
* ``census_change``: the change from the previous comparable census (same survey and
  scope: 2016→2021, private);
* ``census_previous``: the previous census year's levels and the change from the census
  before it (2014→2016), which differ in scope (2014 all establishments incl. public,
  2016 private) — given, as the plan did, but flagged ``comparable=False``;
* ``rank_employees`` / ``rank_establishments``: the rank of the % change in the group;
* ``plan_shares``: the shares of 情報通信業 (G) and 学術研究，専門・技術サービス業 (L), with
  their rank in the group, in both comparable years;
* ``distinctive``: the divisions that set the focus apart: highest location quotient
  against the nation's official totals (divisions with at least :data:`MIN_SHARE_PCT`
  of employees), with the group as the second reading;
* ``shift_share``: the regional (competitive) effect and the divisions that moved most;
* ``stations``: the stations in the municipality, where the ridership data has them;
* ``tourism``: the prefecture's foreign guest nights (published by prefecture only).

Nothing is filled in: a % change from zero is missing (``notes`` says why), a missing
number stays missing, zero shares are not ranked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .guard import CAVEAT_2021
from .panel import CensusPanel
from .peers import PeerGroup, comparable_census_years, peer_group, resolve_focus
from .series import guest_nights_annual, station_series, stations_of, tourism_areas

#: The JSIC divisions of the plan's share statement: 情報通信業, 学術研究…
PLAN_DIVISIONS = ("G", "L")
#: Divisions below this share of the focus's employees (%) are not called distinctive.
MIN_SHARE_PCT = 1.0
#: How many distinctive divisions a finding names.
N_DISTINCTIVE = 3
#: Fiscal year the station changes are measured from (the plan's FY2009→FY2015 statement).
STATION_BASE_FY = 2009
#: The year before the pandemic, the tourism finding's reference.
TOURISM_REFERENCE_YEAR = 2019

#: The findings' keys, in the order :func:`findings` returns them.
KEYS = ("census_latest", "census_change", "census_previous", "rank_employees",
        "rank_establishments", "plan_shares", "distinctive", "shift_share", "stations",
        "tourism")


@dataclass(frozen=True)
class Provenance:
    """Where a finding's numbers come from, from the processed table to the raw files.

    Parameters
    ----------
    table : str
        The processed table read (``census``, ``ridership``, ``guest_nights`` …).
    columns : tuple of str
        The columns read.
    rows : str
        The rows read, a filter in words (e.g. 'area_code=14130, industry_code=ALL').
    function : str
        The analysis function that computed the numbers (e.g. 'analysis.change').
    sources : tuple of str, default ()
        The raw sources (file:column or file:row, as the table's ``source`` column gives
        them; a long list ends with '… n more').

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import findings
    >>> latest = findings("14130", peers=["14100"])[0]
    >>> latest.provenance[0].function, latest.provenance[0].sources[0]
    ('analysis.select', 'ssdse/SSDSE-A-2018.csv:C2107, ssdse/SSDSE-A-2019.csv:C2107, ...')
    """

    table: str
    columns: tuple[str, ...]
    rows: str
    function: str
    sources: tuple[str, ...] = ()

    def text(self) -> str:
        """Return the provenance in one line.

        Returns
        -------
        str
            'table[columns] where rows ← function; sources' (sources '; '-joined).

        Examples
        --------
        >>> from kawasaki_econ.analysis.findings import Provenance
        >>> Provenance("census", ("value",), "area_code=14130", "analysis.select",
        ...            ("ssdse/SSDSE-A-2024.csv:C2108",)).text()
        'census[value] where area_code=14130 ← analysis.select; ssdse/SSDSE-A-2024.csv:C2108'
        """
        line = f"{self.table}[{', '.join(self.columns)}] where {self.rows} ← {self.function}"
        if self.sources:
            line += "; " + "; ".join(self.sources)
        return line


@dataclass(frozen=True)
class Finding:
    """One Chapter 2 statement as data: its numbers, their units and their provenance.

    Parameters
    ----------
    key : str
        Which statement (one of :data:`KEYS`).
    values : dict of str to object
        Name -> number (plain int or float; None where missing: nothing is filled).
    units : dict of str to str
        Name -> unit of ``values`` ('人', '事業所', '%', '位', '人/日', '人泊' …).
    params : dict of str to object
        What the wording needs (census or fiscal years, names, ranks, the group kind).
    provenance : tuple of Provenance
        Where the numbers come from.
    notes : tuple of str, default ()
        Keys of caveats (``scope_differs``, ``coverage_2021``, ``zero_start``,
        ``tied``, ``prefecture_level``, …).
    comparable : bool, default True
        False when the statement compares values of different scope (the plan's
        2014→2016 change), given as the plan did but flagged.

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import findings
    >>> latest = findings("14130", peers=["14100"])[0]
    >>> latest.key, latest.values, latest.params
    ('census_latest', {'establishments': 41223, 'employees': 547471}, {'year': 2021, 'scope': 'private'})
    """

    key: str
    values: dict[str, object]
    units: dict[str, str]
    params: dict[str, object]
    provenance: tuple[Provenance, ...]
    notes: tuple[str, ...] = ()
    comparable: bool = True


@dataclass
class Tables:
    """The processed tables the findings read, loaded once and shared by many focuses.

    Parameters
    ----------
    census, population, core_cities, ridership, guest_nights : pandas.DataFrame
        The processed tables of these names (``kawasaki_econ.load(name)``).

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import Tables
    >>> tables = Tables.load()
    >>> tables.census["value"].dtype
    Int64Dtype()
    """

    census: pd.DataFrame
    population: pd.DataFrame
    core_cities: pd.DataFrame
    ridership: pd.DataFrame
    guest_nights: pd.DataFrame

    @classmethod
    def load(cls, root=None) -> Tables:
        """Load the five tables from the processed data.

        Parameters
        ----------
        root : pathlib.Path, optional
            Project root whose ``data/processed`` is read (default: this checkout's,
            as :func:`kawasaki_econ.load`).

        Returns
        -------
        Tables
            The loaded tables.

        Raises
        ------
        kawasaki_econ.errors.KawasakiEconError
            If a table has to be built and a raw file is missing, differs from its
            catalogue checksum or cannot be parsed.

        Examples
        --------
        >>> from kawasaki_econ.analysis.findings import Tables
        >>> len(Tables.load().core_cities)
        62
        """
        from ..build import load

        return cls(*(load(name, root=root) for name in
                     ("census", "population", "core_cities", "ridership", "guest_nights")))


def _num(value) -> object:
    """A plain Python int / float, or None for a missing or non-finite number."""
    if value is None or value is pd.NA or isinstance(value, bool):
        return value if isinstance(value, bool) else None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    if isinstance(value, (int,)) or (hasattr(value, "dtype") and value.dtype.kind in "iu"):
        return int(value)
    return number


def _sources(rows: pd.DataFrame, limit: int = 4) -> tuple[str, ...]:
    values = list(dict.fromkeys(rows["source"].dropna().astype(str)))
    return tuple(values[:limit]) + ((f"… {len(values) - limit} more",)
                                    if len(values) > limit else ())


def _levels(rows: pd.DataFrame, year: int) -> dict[str, object]:
    year_rows = rows[rows["census_year"] == year].set_index("measure")["value"]
    return {m: _num(year_rows.get(m)) for m in ("establishments", "employees")}


def _change_values(res: pd.Series | None, measure: str, notes: list[str]) -> dict:
    """``{measure}_start`` / ``_change`` / ``_change_pct`` of one change row (pct missing
    from a zero start, which ``notes`` records)."""
    if res is None:
        return {f"{measure}_start": None, f"{measure}_change": None,
                f"{measure}_change_pct": None}
    v0 = _num(res["value_start"])
    pct = res["change_pct"]
    if v0 == 0:
        notes.append(f"zero_start_{measure}")
    return {f"{measure}_start": v0, f"{measure}_change": _num(res["change"]),
            f"{measure}_change_pct": _num(pct) if v0 else None}


def _row(frame: pd.DataFrame, code: str) -> pd.Series | None:
    rows = frame[frame["area_code"] == code]
    return rows.iloc[0] if len(rows) else None


def _census_units(values: dict) -> dict[str, str]:
    return {k: ("%" if k.endswith("_pct") else ("事業所" if k.startswith("est") else "人"))
            for k in values}


def census_findings(panel: CensusPanel, group: PeerGroup) -> list[Finding]:
    """Return the focus's census levels and changes.

    ``census_latest``: establishments (事業所) and employees (人) in ``panel.end``;
    ``census_change``: their change ``panel.start`` → ``panel.end`` (note
    ``coverage_2021`` when the span crosses the 2021 census, which found
    establishments the 2016 census missed); ``census_previous``: the levels in
    ``panel.start`` and the change from the census year before it (2014→2016, where
    the scopes differ: ``comparable=False``, note ``scope_differs``), when the data
    have one.

    Parameters
    ----------
    panel : kawasaki_econ.analysis.panel.CensusPanel
        The census comparisons of the comparable census years (e.g. 2016 → 2021),
        holding every area of ``group``.
    group : kawasaki_econ.analysis.peers.PeerGroup
        The focus municipality and its comparison group.

    Returns
    -------
    list of Finding
        The two or three findings, in that order. A % change from zero is None (note
        ``zero_start_<measure>``).

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import CensusPanel, Tables, peer_group_of
    >>> tables = Tables.load()
    >>> group = peer_group_of("14130", tables, peers=["14100"])
    >>> panel = CensusPanel.build(tables.census, 2016, 2021, areas=group.codes)
    >>> [(f.key, f.comparable, f.notes) for f in census_findings(panel, group)]
    [('census_latest', True, ()), ('census_change', True, ('coverage_2021',)),
     ('census_previous', False, ('scope_differs',))]
    """
    code = group.focus.code
    start, end = panel.start, panel.end
    rows = panel.levels[panel.levels["area_code"] == code]
    scope = rows.drop_duplicates("census_year").set_index("census_year")["scope"]
    prov = Provenance("census", ("value", "scope", "survey"),
                      f"area_code={code}, industry_code=ALL, dataset=SSDSE-A, newest release",
                      "analysis.select", _sources(rows))
    out = [Finding("census_latest", _levels(rows, end),
                   {"establishments": "事業所", "employees": "人"},
                   {"year": end, "scope": str(scope.get(end, ""))}, (prov,))]
    notes = [] if start > 2016 or end < 2021 else ["coverage_2021"]
    values = {}
    for measure in ("establishments", "employees"):
        values.update(_change_values(_row(panel.changes[measure], code), measure, notes))
    out.append(Finding("census_change", values, _census_units(values),
                       {"start": start, "end": end, "scope": str(scope.get(end, ""))},
                       (Provenance(prov.table, prov.columns, prov.rows, "analysis.change",
                                   prov.sources),), tuple(notes)))
    before = panel.before
    if before is not None and before in scope.index:
        values, notes = dict(_levels(rows, start)), []
        for measure in ("establishments", "employees"):
            changed = _change_values(_row(panel.previous[measure], code), measure, notes)
            values.update({k: v for k, v in changed.items() if not k.endswith("_start")})
        same = scope.get(before) == scope.get(start)
        if not same:
            notes.insert(0, "scope_differs")
        out.append(Finding("census_previous", values, _census_units(values),
                           {"year": start, "before": before,
                            "scope": str(scope.get(start, "")),
                            "scope_before": str(scope.get(before, ""))},
                           (Provenance(prov.table, prov.columns, prov.rows,
                                       "analysis.change(override=True)", prov.sources),),
                           tuple(notes), comparable=same))
    return out


def rank_findings(panel: CensusPanel, group: PeerGroup) -> list[Finding]:
    """Return the focus's % change of employees and establishments and its rank.

    Parameters
    ----------
    panel : kawasaki_econ.analysis.panel.CensusPanel
        The census comparisons of the comparable census years (e.g. 2016 → 2021),
        holding every area of ``group``.
    group : kawasaki_econ.analysis.peers.PeerGroup
        The focus municipality and its comparison group.

    Returns
    -------
    list of Finding
        ``rank_employees`` and ``rank_establishments``: ``values`` ``change_pct`` (%),
        ``change``, ``rank`` (1 = largest % increase among ``group.ranked``) and ``of``
        (areas ranked); ``params`` include the top area (``top_code``, ``top_name``,
        ``top_change_pct``) and ``tied`` (areas sharing the focus's rank).

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import CensusPanel, Tables, peer_group_of
    >>> tables = Tables.load()
    >>> group = peer_group_of("14130", tables, peers=["14100"])
    >>> panel = CensusPanel.build(tables.census, 2016, 2021, areas=group.codes)
    >>> employees = rank_findings(panel, group)[0]
    >>> employees.values["rank"], employees.values["of"], employees.params["top_name"]
    (2, 2, '横浜市')
    """
    start, end = panel.start, panel.end
    out = []
    for measure in ("employees", "establishments"):
        ranked = panel.peer_change(group, measure)
        row = ranked[ranked["is_focus"]].iloc[0]
        n = int(ranked["rank_in_group"].notna().sum())
        top = ranked[ranked["rank_in_group"] == 1]
        notes = ["zero_start"] if bool(row["zero_start"]) else []
        if row["caveat"]:
            notes.append("coverage_2021")
        rank = _num(row["rank_in_group"])
        tied = int((ranked["rank_in_group"] == rank).sum()) if rank is not None else 0
        if tied > 1:
            notes.append("tied")
        out.append(Finding(
            f"rank_{measure}",
            {"change_pct": _num(row["change_pct"]), "change": _num(row["change"]),
             "rank": rank, "of": n},
            {"change_pct": "%", "change": "人" if measure == "employees" else "事業所",
             "rank": "位", "of": "地域"},
            {"start": start, "end": end, "measure": measure, "kind": group.kind,
             "n_ranked": n, "tied": tied,
             "top_code": str(top["area_code"].iloc[0]) if len(top) else None,
             "top_name": str(top["area_name"].iloc[0]) if len(top) else None,
             "top_change_pct": _num(top["change_pct"].iloc[0]) if len(top) else None},
            (Provenance("census", ("value",), f"measure={measure}, industry_code=ALL, "
                        f"census_year in ({start}, {end}), the {len(group.codes)} areas of "
                        "the comparison group", "analysis.peer_change",
                        (f"SSDSE-A {start}/{end} ({measure})",)),),
            tuple(notes)))
    return out


def share_findings(panel: CensusPanel, group: PeerGroup) -> list[Finding]:
    """Return the shares of the plan's divisions and the focus's distinctive divisions.

    Parameters
    ----------
    panel : kawasaki_econ.analysis.panel.CensusPanel
        The census comparisons of the comparable census years (e.g. 2016 → 2021),
        holding every area of ``group``.
    group : kawasaki_econ.analysis.peers.PeerGroup
        The focus municipality and its comparison group.

    Returns
    -------
    list of Finding
        ``plan_shares``: the shares of employees (%) in :data:`PLAN_DIVISIONS` (G
        情報通信業, L 学術研究，専門・技術サービス業) and their rank in the group, in
        ``panel.start`` and ``panel.end`` (``G_share_2021``, ``G_rank_2021``,
        ``G_of_2021`` …); ``distinctive``: up to :data:`N_DISTINCTIVE` divisions of
        ``panel.end`` with the highest location quotient against the nation (share at
        least :data:`MIN_SHARE_PCT` %, quotient above 1): ``share_i`` (%),
        ``lq_nation_i`` and ``lq_group_i`` (the group reading).

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import CensusPanel, Tables, peer_group_of
    >>> tables = Tables.load()
    >>> group = peer_group_of("14130", tables, peers=["14100"])
    >>> panel = CensusPanel.build(tables.census, 2016, 2021, areas=group.codes)
    >>> shares, distinctive = share_findings(panel, group)
    >>> round(shares.values["G_share_2021"], 2), distinctive.params["divisions"]
    (6.55, ('G', 'L', 'O'))
    """
    start, end = panel.start, panel.end
    code = group.focus.code
    values, params = {}, {"start": start, "end": end, "kind": group.kind,
                          "divisions": PLAN_DIVISIONS}
    for year in (start, end):
        shares = panel.peer_shares(group, year)
        n = shares[shares["rank_in_group"].notna()].groupby("industry_code")["area_code"].size()
        mine = shares[shares["area_code"] == code].set_index("industry_code")
        for div in PLAN_DIVISIONS:
            values[f"{div}_share_{year}"] = _num(mine["share_pct"].get(div))
            values[f"{div}_rank_{year}"] = _num(mine["rank_in_group"].get(div))
            values[f"{div}_of_{year}"] = int(n.get(div, 0))
            params[f"{div}_name"] = str(mine["industry_name"].get(div, div))
    units = {k: ("%" if "_share_" in k else ("位" if "_rank_" in k else "地域")) for k in values}
    out = [Finding("plan_shares", values, units, params,
                   (Provenance("census", ("value",), f"measure=employees, industry_code in "
                               f"(G, L, ALL), census_year in ({start}, {end})",
                               "analysis.peer_shares", (f"SSDSE-A {start}/{end}",)),))]
    nation = panel.peer_location_quotients(group, end, base="nation")
    second = panel.peer_location_quotients(group, end, base="group")
    a = nation[nation["area_code"] == code].set_index("industry_code")
    b = second[second["area_code"] == code].set_index("industry_code")["lq"]
    candidates = a[(a["share_pct"] >= MIN_SHARE_PCT) & (a["lq"] > 1)]
    top = candidates.sort_values(["lq", "share_pct"], ascending=False).head(N_DISTINCTIVE)
    values, units = {}, {}
    divisions = []
    for i, (div, r) in enumerate(top.iterrows(), start=1):
        divisions.append(div)
        values[f"share_{i}"] = _num(r["share_pct"])
        values[f"lq_nation_{i}"] = _num(r["lq"])
        values[f"lq_group_{i}"] = _num(b.get(div))
        units.update({f"share_{i}": "%", f"lq_nation_{i}": "倍", f"lq_group_{i}": "倍"})
    bases = sorted(set(a.loc[divisions, "base_basis"].dropna().astype(str))) if divisions else []
    out.append(Finding(
        "distinctive", values, units,
        {"year": end, "divisions": tuple(divisions),
         "names": tuple(str(a.loc[d, "industry_name"]) for d in divisions),
         "group_label": second.attrs.get("base_label"), "base_basis": tuple(bases),
         "min_share": MIN_SHARE_PCT, "kind": group.kind},
        (Provenance("census", ("value",), f"measure=employees, census_year={end}, "
                    f"area_code={code} and the nation (official SSDSE-E where it exists)",
                    "analysis.peer_location_quotients",
                    tuple(dict.fromkeys(a.loc[divisions, "base_source"].dropna().astype(str)))
                    [:2]),)))
    return out


def shift_share_finding(panel: CensusPanel, group: PeerGroup) -> Finding:
    """Return the focus's shift-share decomposition of its employment change.

    Parameters
    ----------
    panel : kawasaki_econ.analysis.panel.CensusPanel
        The census comparisons of the comparable census years (e.g. 2016 → 2021),
        holding every area of ``group``.
    group : kawasaki_econ.analysis.peers.PeerGroup
        The focus municipality and its comparison group.

    Returns
    -------
    Finding
        ``shift_share``: ``regional_effect`` (persons) and ``regional_effect_pct`` (%
        of the start), ``actual_change``, ``industry_mix_effect_pct``, the regional
        effects of the divisions that moved most up and down (``up_effect``,
        ``down_effect``, persons; their codes in ``params``) and the rank of the
        regional effect in the group (``rank`` of ``of``).

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import CensusPanel, Tables, peer_group_of
    >>> tables = Tables.load()
    >>> group = peer_group_of("14130", tables, peers=["14100"])
    >>> panel = CensusPanel.build(tables.census, 2016, 2021, areas=group.codes)
    >>> shift = shift_share_finding(panel, group)
    >>> shift.values["regional_effect"], shift.params["up_code"], shift.params["down_code"]
    (-13689, 'I', 'L')
    """
    start, end = panel.start, panel.end
    code = group.focus.code
    detail = panel.shift_share_detail(group)
    summary = panel.shift_share_summary(group)
    row = summary[summary["area_code"] == code].iloc[0]
    mine = detail[(detail["area_code"] == code) & (detail["industry_code"] != "T")]
    mine = mine.sort_values("regional_effect", kind="stable")
    up, down = mine.iloc[-1], mine.iloc[0]
    regional = summary["regional_effect_pct"]
    rank = regional.where(summary["area_code"].isin(group.ranked)).rank(
        ascending=False, method="min")
    focus_rank = rank[summary["area_code"] == code].iloc[0]
    values = {"regional_effect": _num(round(float(row["regional_effect"]))),
              "regional_effect_pct": _num(row["regional_effect_pct"]),
              "actual_change": _num(round(float(row["actual_change"]))),
              "industry_mix_effect_pct": _num(row["industry_mix_effect_pct"]),
              "up_effect": _num(round(float(up["regional_effect"]))),
              "down_effect": _num(round(float(down["regional_effect"]))),
              "rank": None if pd.isna(focus_rank) else int(focus_rank),
              "of": int(rank.notna().sum())}
    units = {"regional_effect": "人", "regional_effect_pct": "%", "actual_change": "人",
             "industry_mix_effect_pct": "%", "up_effect": "人", "down_effect": "人",
             "rank": "位", "of": "地域"}
    notes = ["coverage_2021"] if detail.attrs.get("caveat") else []
    if values["regional_effect_pct"] is None:
        notes.append("zero_start")
    return Finding(
        "shift_share", values, units,
        {"start": start, "end": end, "kind": group.kind, "up_code": str(up["industry_code"]),
         "down_code": str(down["industry_code"]),
         "up_positive": bool(up["regional_effect"] > 0),
         "down_negative": bool(down["regional_effect"] < 0),
         "national_growth_pct": _num(detail.attrs.get("national_growth_pct"))},
        (Provenance("census", ("value",), f"measure=employees, all divisions, census_year "
                    f"in ({start}, {end}); national growth from all municipalities",
                    "analysis.shift_share", (f"SSDSE-A {start}/{end}",)),),
        tuple(notes))


def station_finding(tables: Tables, group: PeerGroup) -> Finding | None:
    """Return the focus's busiest stations and their change since the base fiscal year.

    Parameters
    ----------
    tables : Tables
        The loaded processed tables.
    group : kawasaki_econ.analysis.peers.PeerGroup
        The focus municipality and its comparison group.

    Returns
    -------
    Finding or None
        ``stations``: the two busiest JR East stations of the focus in the newest fiscal
        year with data (FY2023 = April 2023 – March 2024): ``boardings_i`` (persons per
        day) and ``pct_since_base_i`` (% change from :data:`STATION_BASE_FY`; None
        without a base figure). None when the ridership table has no stations in the
        focus.

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import Tables, peer_group_of
    >>> tables = Tables.load()
    >>> group = peer_group_of("14130", tables)
    >>> stations = station_finding(tables, group)
    >>> stations.params["fiscal_year"], stations.params["stations"], stations.values["boardings_1"]
    (2023, ('川崎', '武蔵小杉'), 187310)
    """
    stations = stations_of(group.focus.code)
    if not stations:
        return None
    s = station_series(tables.ridership, focus=group.focus.code)
    s = s[s["value"].notna()]
    latest = int(s["fiscal_year"].max())
    now = s[s["fiscal_year"] == latest].sort_values("value", ascending=False).head(2)
    base = s[s["fiscal_year"] == STATION_BASE_FY].set_index("station")["value"]
    values, names = {}, []
    for i, r in enumerate(now.itertuples(), start=1):
        names.append(r.station)
        values[f"boardings_{i}"] = _num(round(float(r.value)))
        b = base.get(r.station)
        values[f"pct_since_base_{i}"] = (_num((float(r.value) / float(b) - 1) * 100)
                                         if b is not None and b > 0 else None)
    units = {k: ("人/日" if k.startswith("boardings") else "%") for k in values}
    used = pd.concat([now, s[(s["fiscal_year"] == STATION_BASE_FY)
                            & s["station"].isin(names)]])
    return Finding(
        "stations", values, units,
        {"fiscal_year": latest, "base_fy": STATION_BASE_FY, "stations": tuple(names),
         "n_stations": int(s["station"].nunique()), "operator": "JR東日本"},
        (Provenance("ridership", ("value",), f"operator=JR東日本, measure=boardings_daily_avg, "
                    f"fiscal_year in ({STATION_BASE_FY}, {latest})",
                    "analysis.series.station_series", _sources(used)),))


def tourism_finding(tables: Tables, group: PeerGroup) -> Finding | None:
    """Return the foreign guest nights of the focus's prefecture in the newest year.

    Prefecture level: the survey publishes no municipal figures (note
    ``prefecture_level``).

    Parameters
    ----------
    tables : Tables
        The loaded processed tables.
    group : kawasaki_econ.analysis.peers.PeerGroup
        The focus municipality and its comparison group.

    Returns
    -------
    Finding or None
        ``tourism``: ``guest_nights`` (person-nights, 人泊) of the newest complete
        calendar year (published, or the sum of its twelve months), and the % change
        against the year before (``pct_vs_previous``) and against
        :data:`TOURISM_REFERENCE_YEAR` (``pct_vs_reference``). None when the
        prefecture has no annual value.

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import Tables, peer_group_of
    >>> tables = Tables.load()
    >>> group = peer_group_of("14130", tables)
    >>> tourism = tourism_finding(tables, group)
    >>> tourism.params["year"], tourism.params["pref_name"], tourism.values["guest_nights"]
    (2024, '神奈川県', 4420390)
    """
    pref = tourism_areas(group.focus.code)[1]
    annual = guest_nights_annual(tables.guest_nights, (pref,), nationality="foreign")
    annual = annual[annual["value"].notna()]
    if annual.empty:
        return None
    annual = annual.assign(year=annual["period"].astype(int)).set_index("year")
    latest = int(annual.index.max())
    value = float(annual.loc[latest, "value"])

    def pct_vs(year: int):
        if year not in annual.index or not annual.loc[year, "value"] > 0:
            return None
        return _num((value / float(annual.loc[year, "value"]) - 1.0) * 100.0)

    values = {"guest_nights": _num(round(value)), "pct_vs_previous": pct_vs(latest - 1),
              "pct_vs_reference": pct_vs(TOURISM_REFERENCE_YEAR)}
    used = annual.loc[[y for y in (latest, latest - 1, TOURISM_REFERENCE_YEAR)
                       if y in annual.index]]
    return Finding(
        "tourism", values, {"guest_nights": "人泊", "pct_vs_previous": "%",
                            "pct_vs_reference": "%"},
        {"year": latest, "reference_year": TOURISM_REFERENCE_YEAR, "pref_code": pref,
         "pref_name": str(annual["area_name"].iloc[0]),
         "basis": str(annual.loc[latest, "basis"])},
        (Provenance("guest_nights", ("value",), f"area_code={pref}, nationality=foreign, "
                    "frame=all_facilities, annual (published or the sum of 12 months)",
                    "analysis.series.guest_nights_annual", _sources(used.reset_index())),),
        ("prefecture_level",))


def peer_group_of(focus: str, tables: Tables, peers: list[str] | None = None) -> PeerGroup:
    """Return the comparison group of ``focus`` from the loaded tables.

    Parameters
    ----------
    focus : str
        A 5-digit code, a name or prefecture + name (``'14130'``, ``'川崎市'``).
    tables : Tables
        The loaded processed tables.
    peers : list of str, optional
        Area codes of a custom group (the focus is added); default: the group by the
        focus's type (:func:`~kawasaki_econ.analysis.peers.peer_group`).

    Returns
    -------
    kawasaki_econ.analysis.peers.PeerGroup
        The focus and its comparison group.

    Raises
    ------
    kawasaki_econ.analysis.peers.FocusError
        For an unknown or ambiguous ``focus``, an unknown code in ``peers``, or data
        the group's rule needs but the tables lack.

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import Tables, peer_group_of
    >>> group = peer_group_of("川崎市", Tables.load())
    >>> group.kind, len(group.ranked)
    ('designated', 20)
    """
    municipality = resolve_focus(tables.census, focus)
    return peer_group(municipality, tables.census, tables.population, peers=peers,
                      core_cities=tables.core_cities)


def findings(
    focus: str | PeerGroup = "14130",
    tables: Tables | None = None,
    *,
    peers: list[str] | None = None,
    panel: CensusPanel | None = None,
) -> list[Finding]:
    """Return the Chapter 2 findings of a focus municipality.

    In the order of :data:`KEYS`; ``stations`` and ``tourism`` only where the data
    have them. The census findings compare the two newest comparable census years
    (:func:`~kawasaki_econ.analysis.peers.comparable_census_years`, e.g. 2016 → 2021).

    Parameters
    ----------
    focus : str or kawasaki_econ.analysis.peers.PeerGroup, default '14130'
        A 5-digit code, a name or prefecture + name, or a comparison group (its focus
        is the focus).
    tables : Tables, optional
        The loaded processed tables (loaded when not given); share them across calls.
    peers : list of str, optional
        Area codes of a custom comparison group (ignored when ``focus`` is a group).
    panel : kawasaki_econ.analysis.panel.CensusPanel, optional
        The census comparisons of the comparable census years holding every area of
        the group (built for the group when not given); share it across calls.

    Returns
    -------
    list of Finding
        The findings (see :func:`census_findings`, :func:`rank_findings`,
        :func:`share_findings`, :func:`shift_share_finding`, :func:`station_finding`,
        :func:`tourism_finding`).

    Raises
    ------
    kawasaki_econ.analysis.peers.FocusError
        For an unknown or ambiguous ``focus`` or an unknown code in ``peers``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.findings import findings
    >>> [f.key for f in findings("14100")]
    ['census_latest', 'census_change', 'census_previous', 'rank_employees',
     'rank_establishments', 'plan_shares', 'distinctive', 'shift_share', 'tourism']
    """
    tables = tables or Tables.load()
    group = focus if isinstance(focus, PeerGroup) else peer_group_of(focus, tables, peers)
    if panel is None:
        start, end = comparable_census_years(tables.census)
        panel = CensusPanel.build(tables.census, start, end, areas=group.codes)
    out = census_findings(panel, group)
    out += rank_findings(panel, group)
    out += share_findings(panel, group)
    out.append(shift_share_finding(panel, group))
    for extra in (station_finding(tables, group), tourism_finding(tables, group)):
        if extra is not None:
            out.append(extra)
    return out


__all__ = ["CAVEAT_2021", "KEYS", "MIN_SHARE_PCT", "N_DISTINCTIVE", "PLAN_DIVISIONS",
           "Finding", "Provenance", "Tables", "census_findings", "findings", "peer_group_of",
           "rank_findings", "share_findings", "shift_share_finding", "station_finding",
           "tourism_finding"]
