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

KEYS = ("census_latest", "census_change", "census_previous", "rank_employees",
        "rank_establishments", "plan_shares", "distinctive", "shift_share", "stations",
        "tourism")


@dataclass(frozen=True)
class Provenance:
    """Where a finding's numbers come from: the processed ``table``, the ``columns`` read,
    the rows (``rows``, a filter in words), the analysis ``function`` and the raw
    ``sources`` (file:column or file:row, as the table's ``source`` column gives them)."""

    table: str
    columns: tuple[str, ...]
    rows: str
    function: str
    sources: tuple[str, ...] = ()

    def text(self) -> str:
        """One line: table[columns] where rows ← function; sources."""
        line = f"{self.table}[{', '.join(self.columns)}] where {self.rows} ← {self.function}"
        if self.sources:
            line += "; " + "; ".join(self.sources)
        return line


@dataclass(frozen=True)
class Finding:
    """One statement as data: ``key`` (one of :data:`KEYS`), ``values`` (name -> number,
    missing as None), ``units`` (name -> unit), ``params`` (what the wording needs:
    years, names, ranks …), ``notes`` (keys of caveats: ``scope_differs``,
    ``coverage_2021``, ``zero_start``, ``prefecture_level`` …) and ``provenance``."""

    key: str
    values: dict[str, object]
    units: dict[str, str]
    params: dict[str, object]
    provenance: tuple[Provenance, ...]
    notes: tuple[str, ...] = ()
    comparable: bool = True


@dataclass
class Tables:
    """The processed tables the findings read (loaded once, shared by many focuses)."""

    census: pd.DataFrame
    population: pd.DataFrame
    core_cities: pd.DataFrame
    ridership: pd.DataFrame
    guest_nights: pd.DataFrame

    @classmethod
    def load(cls, root=None) -> Tables:
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
    """``census_latest``, ``census_change`` and ``census_previous`` of the focus."""
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
    """``rank_employees`` and ``rank_establishments``: the focus's % change and its rank
    among ``group.ranked``."""
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
    """``plan_shares`` (G and L, both comparable years) and ``distinctive`` (newest year)."""
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
    """``shift_share``: the focus's regional effect and the divisions that moved most."""
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
    """``stations``: the busiest stations of the focus in the newest fiscal year with data
    and their change from :data:`STATION_BASE_FY` (None without stations)."""
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
    """``tourism``: foreign guest nights of the focus's prefecture in the newest complete
    year, against the year before and :data:`TOURISM_REFERENCE_YEAR` (prefecture level:
    the survey publishes no municipal figures)."""
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
    """The comparison group of ``focus`` (code or name) from the loaded ``tables``."""
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
    """The Chapter 2 findings of ``focus`` (5-digit code, name, or a :class:`PeerGroup`),
    in the order of :data:`KEYS`; ``stations`` / ``tourism`` only where the data have
    them. ``tables`` (loaded when not given) and ``panel`` (a
    :class:`~.panel.CensusPanel` of the comparable census years holding every area of
    the group; built for the group when not given) can be shared across many calls.

    Examples
    --------
    >>> [f.key for f in findings("14100")][:2]
    ['census_latest', 'census_change']
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
