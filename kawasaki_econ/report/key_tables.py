"""The report's key tables, for one focus municipality and its peer group, in one
language. Each is a :class:`KeyTable`: localized headers, the values, and per column
the Excel number format. Percentages are stored as fractions (0.035 = 3.5 %) and
formatted ``0.0%``; counts ``#,##0``; years and ranks ``0``.

The analysis comes from :mod:`kawasaki_econ.analysis` (``peer_change``,
``peer_shares``, ``comparable_census_years``): the census years are those of the data,
not written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..analysis.areas import DESIGNATED_CITIES, TOKYO_WARDS_CODE, with_tokyo_wards
from ..analysis.compare import select
from ..analysis.names import display_names
from ..analysis.peers import (
    PeerGroup,
    comparable_census_years,
    latest_population,
    peer_change,
    peer_shares,
)
from ..figures.labels import area_name
from .wording import VALUES, t, value_label

RATIO = "0.00"

COUNT = "#,##0"
PERCENT = "0.0%"
SHARE = "0.00%"
INDEX = "0.0"
PLAIN = "0"

#: JSIC divisions whose shares the peer table shows: the two the plan's Chapter 2 compares.
SHARE_DIVISIONS: dict[str, tuple[str, str]] = {
    "G": ("情報通信業", "Information and communications"),
    "L": ("学術研究，専門・技術サービス業", "Scientific research, professional services"),
}

#: Base fiscal year of the station index: the start of the plan's FY2009→FY2015 statement.
STATION_INDEX_BASE = 2009


@dataclass
class KeyTable:
    """One sheet: ``key`` (see text.SHEETS), its ``title`` and ``note`` in the report's
    language, the ``frame`` with localized headers and ``formats`` (header -> Excel
    number format; other columns stay General). ``row_formats`` (header -> one format per
    row) serves a column whose rows hold different units (the claims audit's values)."""

    key: str
    title: str
    note: str
    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)
    row_formats: dict[str, list[str]] = field(default_factory=dict)


def _labels(series: pd.Series, kind: str, lang: str) -> pd.Series:
    return series.map(lambda v: value_label(kind, v, lang))


def display_name(code: str, name: str, lang: str) -> str:
    """The name of an area in the report's language: :func:`figures.labels.area_name`
    (the one source of English names), the data's Japanese name where it has none."""
    from ..figures.labels import area_name

    return area_name(code, lang, default=name)


def english_area_names(text: str) -> str:
    """``text`` with every Japanese name of an area that has an English one replaced by
    it: the designated cities and 東京都区部 (the ``municipal_names`` table), the
    prefectures (``figures.labels``; not 全国, which is also a plain word), and the
    operator JR東日本 — for sentences of the library that name them as the data do (e.g.
    the audit's "next: 大阪市"). Longer names first, so 東京都区部 is not read as 東京都."""
    from ..analysis.names import name_of
    from ..figures.labels import AREAS

    names = {ja: en for ja, en in AREAS.values() if ja and ja != en and ja != "全国"}
    for code in (*DESIGNATED_CITIES, TOKYO_WARDS_CODE):
        names[name_of(code, "ja")] = name_of(code, "en")
    names.update({ja: pair[1] for ja, pair in VALUES["operator"].items()})
    for ja, en in sorted(names.items(), key=lambda p: -len(p[0])):
        text = text.replace(ja, en)
    return text


def group_text(group: PeerGroup, lang: str) -> str:
    """The peer group's one-sentence description in the report's language (area names
    of the English sentence in English)."""
    text = group.describe(lang)
    return english_area_names(text) if lang == "en" else text


def focus_name(group: PeerGroup, lang: str) -> str:
    """The focus municipality's name in the report's language."""
    return display_name(group.focus.code, group.focus.name, lang)


def prefecture_name(group: PeerGroup, lang: str) -> str:
    """The focus's prefecture in the report's language."""
    return display_name(group.focus.code[:2] + "000", group.focus.prefecture, lang)


def area_names(codes: pd.Series, group: PeerGroup, lang: str) -> pd.Series:
    return codes.map(lambda c: display_name(c, group.names.get(c, c), lang))


def census_summary(census: pd.DataFrame, group: PeerGroup, lang: str) -> KeyTable:
    """Establishments and employees of the focus and its peer group, every census year
    of SSDSE-A (東京都区部: sum of the 23 wards)."""
    data = with_tokyo_wards(census)
    codes = list(group.codes)
    rows = data[data["area_code"].isin(codes) & (data["dataset"] == "SSDSE-A")
                & (data["industry_code"] == "ALL")]
    rows = pd.concat([select(rows, measure=m, industry="ALL") for m in
                      ("establishments", "employees")])
    rows = rows[(rows["area_code"] != TOKYO_WARDS_CODE) | (rows["status"] == "derived")]
    wide = rows.pivot_table(index=["area_code", "census_year", "survey", "scope", "status"],
                            columns="measure", values="value", aggfunc="first").reset_index()
    sources = rows.groupby(["area_code", "census_year"])["source"].first()
    order = {c: i for i, c in enumerate(codes)}
    wide = wide.assign(_o=wide["area_code"].map(order)).sort_values(["_o", "census_year"])
    h = {k: t("headers", k, lang) for k in ("area_code", "area_name", "census_year", "survey",
                                             "scope", "establishments", "employees", "status",
                                             "source")}
    frame = pd.DataFrame({
        h["area_code"]: wide["area_code"],
        h["area_name"]: display_names(wide["area_code"], group.names, lang),
        h["census_year"]: wide["census_year"].astype(int),
        h["survey"]: _labels(wide["survey"], "survey", lang),
        h["scope"]: _labels(wide["scope"], "scope", lang),
        h["establishments"]: wide.get("establishments"),
        h["employees"]: wide.get("employees"),
        h["status"]: _labels(wide["status"], "status", lang),
        h["source"]: [sources.get((a, y), "") for a, y in
                      zip(wide["area_code"], wide["census_year"], strict=True)],
    }).reset_index(drop=True)
    formats = {h["establishments"]: COUNT, h["employees"]: COUNT, h["census_year"]: PLAIN}
    return KeyTable("census", t("sheets", "census", lang),
                    t("sheet_notes", "census", lang, name=focus_name(group, lang),
                      group=group_text(group, lang)), frame, formats)


def peer_comparison(census: pd.DataFrame, group: PeerGroup, lang: str,
                    panel=None) -> KeyTable:
    """Change in employees between the two newest comparable census years, its rank in
    the group, the change in establishments and the G / L shares with their ranks
    (``panel``: taken from a precomputed ``analysis.panel.CensusPanel``)."""
    start, end = comparable_census_years(census)
    ranked = peer_change(census, group, start, end, measure="employees", panel=panel)
    est = peer_change(census, group, start, end, measure="establishments", panel=panel)
    est = est.set_index("area_code")["change_pct"]
    h = {k: t("headers", k, lang, start=start, end=end, n=len(group.ranked))
         for k in ("area_code", "area_name", "employees_start", "employees_end",
                   "employees_change", "employees_pct", "rank", "establishments_pct",
                   "note", "member")}
    kind = ranked["area_code"].map(
        lambda c: "focus" if c == group.focus.code
        else ("peer" if c in group.ranked else "reference"))
    frame = pd.DataFrame({
        h["area_code"]: ranked["area_code"],
        h["area_name"]: display_names(ranked["area_code"], group.names, lang),
        h["member"]: _labels(kind, "member", lang),
        h["employees_start"]: ranked["value_start"],
        h["employees_end"]: ranked["value_end"],
        h["employees_change"]: ranked["change"],
        h["employees_pct"]: ranked["change_pct"] / 100.0,
        h["rank"]: ranked["rank_in_group"],
        h["establishments_pct"]: ranked["area_code"].map(est) / 100.0,
    })
    formats = {h["employees_start"]: COUNT, h["employees_end"]: COUNT,
               h["employees_change"]: COUNT, h["employees_pct"]: PERCENT, h["rank"]: PLAIN,
               h["establishments_pct"]: PERCENT}
    for year in (start, end):
        shares = peer_shares(census, group, year, panel=panel).set_index(
            ["area_code", "industry_code"])
        for code, names in SHARE_DIVISIONS.items():
            division = names[0] if lang == "ja" else names[1]
            share_col = t("headers", "share", lang, division=division, year=year)
            rank_col = t("headers", "share_rank", lang, division=division, year=year)
            keys = [(a, code) for a in frame[h["area_code"]]]
            frame[share_col] = [shares.loc[k, "share_pct"] / 100.0 if k in shares.index
                                else None for k in keys]
            frame[rank_col] = pd.array([shares.loc[k, "rank_in_group"] if k in shares.index
                                        else None for k in keys], dtype="Int64")
            formats[share_col], formats[rank_col] = SHARE, PLAIN
    caveat = t("sheet_notes", "peers", lang, name=focus_name(group, lang),
               group=group_text(group, lang),
               start=start, end=end)
    coverage = t("page", "caveat_coverage", lang, end=end)
    frame[h["note"]] = ranked["caveat"].map(lambda c: coverage if c else "")
    return KeyTable("peers", t("sheets", "peers", lang), caveat, frame, formats)


def ridership_table(ridership: pd.DataFrame, group: PeerGroup, lang: str) -> KeyTable:
    """Daily boardings of the focus's JR East stations by fiscal year, with an index."""
    from ..analysis import index_to
    from ..analysis.series import station_series

    s = index_to(station_series(ridership, focus=group.focus.code), STATION_INDEX_BASE,
                 period="fiscal_year", by=["station"])
    h = {k: t("headers", k, lang, base=STATION_INDEX_BASE)
         for k in ("operator", "station", "fiscal_year", "boardings", "index", "status",
                   "source")}
    frame = pd.DataFrame({
        h["operator"]: value_label("operator", "JR東日本", lang),
        h["station"]: s["station"],
        h["fiscal_year"]: s["fiscal_year"].astype(int),
        h["boardings"]: s["value"].round().astype("Int64"),
        h["index"]: s["index_value"].round(1),
        h["status"]: _labels(s["status"], "status", lang),
        h["source"]: s["source"],
    })
    formats = {h["boardings"]: COUNT, h["index"]: INDEX, h["fiscal_year"]: PLAIN}
    return KeyTable("stations", t("sheets", "stations", lang),
                    t("sheet_notes", "stations", lang, name=focus_name(group, lang)), frame, formats)


def guest_nights_table(guest_nights: pd.DataFrame, group: PeerGroup, lang: str) -> KeyTable:
    """Annual guest nights (foreign and total, all facilities) of Japan and the focus's
    prefecture."""
    from ..analysis.series import guest_nights_annual, tourism_areas

    areas = tourism_areas(group.focus.code)
    a = pd.concat([guest_nights_annual(guest_nights, areas, nationality=n)
                   for n in ("foreign", "total")], ignore_index=True)
    h = {k: t("headers", k, lang) for k in ("area_code", "area_name", "calendar_year",
                                             "nationality", "frame", "guest_nights", "basis",
                                             "status", "source")}
    frame = pd.DataFrame({
        h["area_code"]: a["area_code"],
        h["area_name"]: a["area_name"] if lang == "ja" else a["area_code"].map(
            lambda c: area_name(c, "en")),
        h["calendar_year"]: a["period"].astype(int),
        h["nationality"]: _labels(a["nationality"], "nationality", lang),
        h["frame"]: _labels(a["frame"], "frame", lang),
        h["guest_nights"]: a["value"].round().astype("Int64"),
        h["basis"]: _labels(a["basis"], "basis", lang),
        h["status"]: _labels(a["status"], "status", lang),
        h["source"]: a["source"],
    }).sort_values([h["nationality"], h["area_code"], h["calendar_year"]], ignore_index=True)
    formats = {h["guest_nights"]: COUNT, h["calendar_year"]: PLAIN}
    return KeyTable("guest_nights", t("sheets", "guest_nights", lang),
                    t("sheet_notes", "guest_nights", lang, pref=prefecture_name(group, lang)),
                    frame, formats)


def sources_sheet(lang: str, root: Path | None = None) -> KeyTable:
    """Every catalogued raw file with its publisher, origin, release and checksum."""
    from ..catalog import read_catalog

    keys = ("file", "publisher", "origin", "release", "retrieved", "covers", "caveats",
            "license", "sha256")
    h = {k: t("headers", k, lang) for k in keys}
    frame = pd.DataFrame([{
        h["file"]: e.path, h["publisher"]: e.get("publisher"), h["origin"]: e.get("origin"),
        h["release"]: e.get("release"), h["retrieved"]: e.get("retrieved"),
        h["covers"]: e.get("covers"), h["caveats"]: e.get("caveats"),
        h["license"]: e.get("license"), h["sha256"]: e.sha256,
    } for e in read_catalog(root).values()], columns=list(h.values()))
    return KeyTable("sources", t("sheets", "sources", lang), t("sheet_notes", "sources", lang),
                    frame, {})


def peer_members(group: PeerGroup, population: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The members of the group (code, name, role, newest population) for the page."""
    year, pop = latest_population(population)
    h = {k: t("headers", k, lang, year=year) for k in ("area_code", "area_name", "member",
                                                       "population")}
    roles = ["focus" if c == group.focus.code else ("peer" if c in group.ranked
                                                    else "reference") for c in group.codes]
    return pd.DataFrame({
        h["area_code"]: list(group.codes),
        h["area_name"]: display_names(group.codes, group.names, lang),
        h["member"]: [value_label("member", r, lang) for r in roles],
        h["population"]: pd.array([pop.get(c) for c in group.codes], dtype="Int64"),
    })


__all__ = ["COUNT", "INDEX", "PERCENT", "PLAIN", "SHARE", "SHARE_DIVISIONS",
           "RATIO", "STATION_INDEX_BASE", "KeyTable", "area_names", "census_summary", "display_name",
           "english_area_names", "focus_name", "group_text", "prefecture_name",
           "guest_nights_table", "peer_comparison", "peer_members", "ridership_table",
           "sources_sheet"]
