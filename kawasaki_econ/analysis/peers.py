"""The municipality in focus and its comparison (peer) group, by type of municipality.

* a designated city (政令指定都市): the 20 designated cities and 東京都区部 (the sum of the
  23 wards, for reference; ranks are among the 20 cities);
* a core city (中核市): the core cities of the ``core_cities`` table, built from the
  transcribed, catalogued 総務省 list ``data/raw/transcribed/core_cities.csv`` (its
  ``as_of`` date is shown with the group);
* any other municipality: the municipalities of its prefecture plus the
  :data:`NEAREST` municipalities nationwide closest in total population (SSDSE-A item
  A1101, the newest year of the processed ``population`` table);
* an explicit list of codes (``--peers``) overrides the rule (``kind='custom'``).

A municipality is named by its 5-digit SSDSE code (``14100``), its name (``横浜市``) or
prefecture + name (``東京都府中市``); a name shared by several municipalities is an error
that lists the candidates with their codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..errors import KawasakiEconError
from .areas import DESIGNATED_CITIES, TOKYO_WARDS_CODE, TOKYO_WARDS_NAME, newest_release
from .compare import industry_shares, rank_change, select
from .trends import change

#: How many municipalities nationwide, closest in population, join a prefecture's group.
NEAREST = 20

KINDS = ("designated", "core", "other", "custom")

_KIND_TEXT: dict[str, tuple[str, str]] = {
    "designated": ("政令指定都市20市と東京都区部（23区の合計、参考・順位対象外）",
                   "the 20 designated cities and Tokyo's 23 wards (their sum; reference, "
                   "not ranked)"),
    "core": ("中核市{n}市（総務省の中核市一覧、{as_of}現在）",
             "the {n} core cities (総務省's list of 中核市 as of {as_of})"),
    "other": ("{pref}の市区町村{n_pref}と、人口（{year}年）が最も近い全国の市区町村{nearest}",
              "the municipalities of {pref} ({n_pref}) and the {nearest} municipalities "
              "nationwide closest in population ({year})"),
    "custom": ("指定された{n}地域（--peers）", "the {n} areas given with --peers"),
}


class FocusError(KawasakiEconError):
    """The focus municipality or a peer code could not be resolved."""


@dataclass(frozen=True)
class Municipality:
    """One municipality of SSDSE-A: 5-digit code, name, prefecture (Japanese)."""

    code: str
    name: str
    prefecture: str


@dataclass(frozen=True)
class PeerGroup:
    """The comparison group of a focus municipality.

    ``codes``: every area of the group (the focus included), ``ranked``: the areas a rank
    is taken among, ``names``: code -> Japanese name. ``population_year`` (kind
    ``other``) and ``as_of`` (kind ``core``) say what the group rests on.
    """

    focus: Municipality
    kind: str
    codes: tuple[str, ...]
    ranked: tuple[str, ...]
    names: dict[str, str]
    population_year: int | None = None
    as_of: str | None = None
    nearest: int = NEAREST

    def describe(self, lang: str = "ja") -> str:
        """One sentence naming the group and what it rests on."""
        ja, en = _KIND_TEXT[self.kind]
        n_pref = sum(1 for c in self.codes if c[:2] == self.focus.code[:2])
        text = (ja if lang == "ja" else en).format(
            n=len(self.codes), as_of=self.as_of, pref=self.focus.prefecture,
            n_pref=n_pref, year=self.population_year, nearest=self.nearest)
        return text


# --------------------------------------------------------------------------- resolving


def municipalities(census: pd.DataFrame) -> pd.DataFrame:
    """One row per municipality of the newest SSDSE-A release in ``census``:
    ``area_code``, ``area_name``, ``prefecture`` (no prefecture / nation / derived rows)."""
    rows = census[(census["dataset"] == "SSDSE-A") & (census["industry_code"] == "ALL")
                  & (census["status"] != "derived")]
    rows = rows[(rows["census_year"] == rows["census_year"].max())
                & ~rows["area_code"].str.endswith("000")]
    newest = newest_release(rows)
    return (newest[["area_code", "area_name", "prefecture"]].drop_duplicates("area_code")
            .sort_values("area_code", ignore_index=True))


def resolve_focus(census: pd.DataFrame, text: str) -> Municipality:
    """The municipality named by ``text``: a 5-digit code, a name or prefecture + name.

    Raises :class:`FocusError` for an unknown code or name, and for a name matching
    several municipalities (listing each with its code)."""
    table = municipalities(census)
    query = str(text).strip()
    if re.fullmatch(r"\d{5}", query):
        hit = table[table["area_code"] == query]
        if hit.empty:
            raise FocusError(f"no municipality with code {query} in the census table "
                             "(SSDSE-A); codes are 5 digits, e.g. 14130 = 川崎市")
    else:
        full = table["prefecture"] + table["area_name"]
        hit = table[(table["area_name"] == query) | (full == query)]
        if hit.empty:
            raise FocusError(f"no municipality named {query!r} in the census table "
                             "(SSDSE-A); give its 5-digit code or its name, e.g. 横浜市")
        if len(hit) > 1:
            listed = ", ".join(f"{r.area_code} {r.prefecture}{r.area_name}"
                               for r in hit.itertuples())
            raise FocusError(f"{query!r} matches {len(hit)} municipalities: {listed}; "
                             "give the code or prefecture + name (e.g. "
                             f"{hit.iloc[0]['prefecture']}{hit.iloc[0]['area_name']})")
    row = hit.iloc[0]
    return Municipality(str(row["area_code"]), str(row["area_name"]), str(row["prefecture"]))


# --------------------------------------------------------------------------- groups


def latest_population(population: pd.DataFrame) -> tuple[int, pd.Series]:
    """Total population (SSDSE-A A1101) of every municipality in the newest year of the
    ``population`` table: (year, area_code -> persons)."""
    rows = population[population["measure"] == "population_total"]
    rows = rows[~rows["area_code"].str.endswith("000")]
    if rows.empty:
        raise FocusError("the population table has no population_total rows")
    year = int(rows["year"].max())
    latest = rows[rows["year"] == year].drop_duplicates("area_code", keep="last")
    return year, latest.set_index("area_code")["value"].astype("int64")


def peer_group(
    focus: Municipality,
    census: pd.DataFrame,
    population: pd.DataFrame | None = None,
    *,
    peers: list[str] | None = None,
    core_cities: pd.DataFrame | None = None,
) -> PeerGroup:
    """The comparison group of ``focus`` by its type (see the module docstring); ``peers``
    (5-digit codes) overrides it. ``core_cities`` (the processed table; loaded when not
    given) and ``population`` (needed for the ``other`` kind) are the tables the rule
    rests on."""
    table = municipalities(census)
    names = dict(zip(table["area_code"], table["area_name"], strict=True))
    if peers:
        unknown = [c for c in peers if c not in names and c != TOKYO_WARDS_CODE]
        if unknown:
            raise FocusError(f"--peers: unknown area code(s) {', '.join(unknown)} "
                             "(5-digit SSDSE-A codes, e.g. 14100)")
        codes = tuple(dict.fromkeys([focus.code, *peers]))
        names[TOKYO_WARDS_CODE] = TOKYO_WARDS_NAME
        ranked = tuple(c for c in codes if c != TOKYO_WARDS_CODE)
        return PeerGroup(focus, "custom", codes, ranked, {c: names[c] for c in codes})
    if focus.code in DESIGNATED_CITIES:
        codes = (*DESIGNATED_CITIES, TOKYO_WARDS_CODE)
        group = {**DESIGNATED_CITIES, TOKYO_WARDS_CODE: TOKYO_WARDS_NAME}
        return PeerGroup(focus, "designated", codes, tuple(DESIGNATED_CITIES), group)
    if core_cities is None:
        from ..tables import load

        core_cities = load("core_cities")
    if focus.code in set(core_cities["area_code"]):
        codes = tuple(core_cities["area_code"])
        missing = [c for c in codes if c not in names]
        if missing:
            raise FocusError(f"core cities {missing} of the core_cities table are not in the "
                             "census table")
        return PeerGroup(focus, "core", codes, codes, {c: names[c] for c in codes},
                         as_of=str(core_cities["as_of"].iloc[0]))
    if population is None:
        raise FocusError("the population table is needed for the peer group of "
                         f"{focus.name} ({focus.code})")
    year, pop = latest_population(population)
    if focus.code not in pop.index:
        raise FocusError(f"no {year} population for {focus.name} ({focus.code})")
    same_pref = [c for c in table["area_code"] if c[:2] == focus.code[:2]]
    candidates = pop.drop(index=focus.code)
    candidates = candidates[candidates.index.isin(list(names))]
    distance = (candidates - pop[focus.code]).abs()
    nearest = distance.sort_values(kind="stable").index[:NEAREST].tolist()
    codes = tuple(dict.fromkeys([focus.code, *same_pref, *nearest]))
    return PeerGroup(focus, "other", codes, codes, {c: names[c] for c in codes},
                     population_year=year)


def peer_change(
    census: pd.DataFrame,
    group: PeerGroup,
    start: int,
    end: int,
    *,
    measure: str = "employees",
) -> pd.DataFrame:
    """Change ``start``→``end`` of every area of ``group``, ranked by % change among
    ``group.ranked`` (1 = largest increase); columns as
    :func:`~kawasaki_econ.analysis.compare.rank_change` (``rank``, ``is_focus``, …).
    A designated city's group is exactly ``rank_change``'s."""
    if group.kind == "designated":
        return rank_change(census, start, end, measure=measure, focus=group.focus.code)
    areas = [c for c in group.codes if c != TOKYO_WARDS_CODE]
    rows = select(census, measure=measure, years=(start, end), areas=areas)
    missing = sorted(set(areas) - set(rows["area_code"]))
    if missing:
        raise FocusError(f"no {measure} data for {missing} in census {start}/{end}")
    out = change(rows, start, end, period="census_year", by=["area_code"])
    out.insert(1, "area_name", out["area_code"].map(group.names))
    out["group"] = ["focus" if c == group.focus.code else "peer" for c in out["area_code"]]
    ranked = out["area_code"].isin(group.ranked)
    out["rank"] = out.loc[ranked, "change_pct"].rank(ascending=False, method="min")
    out["rank"] = out["rank"].astype("Int64")
    out["is_focus"] = out["area_code"] == group.focus.code
    out["status"] = "final"
    out = out.sort_values("change_pct", ascending=False, ignore_index=True)
    out.attrs.update(measure=measure, start=start, end=end, peer_kind=group.kind,
                     units={"value_start": "人" if measure == "employees" else "事業所",
                            "change_pct": "%", "cagr_pct": "% per year"})
    return out


def peer_shares(
    census: pd.DataFrame,
    group: PeerGroup,
    year: int,
    *,
    measure: str = "employees",
) -> pd.DataFrame:
    """Share (%) of each JSIC major division in each area of ``group`` in census
    ``year`` (:func:`~kawasaki_econ.analysis.compare.industry_shares`), with
    ``rank_in_group``: the rank of the share among ``group.ranked`` (1 = largest)."""
    shares = industry_shares(census, year, measure=measure, focus=group.focus.code,
                             areas=list(group.codes))
    ranked = shares["area_code"].isin(group.ranked)
    shares["rank_in_group"] = (shares[ranked].groupby("industry_code")["share_pct"]
                               .rank(ascending=False, method="min")).astype("Int64")
    return shares


def comparable_census_years(census: pd.DataFrame, measure: str = "employees") -> tuple[int, int]:
    """The two newest census years of the same survey and scope in SSDSE-A (2016 and
    2021 in the shipped data: both private-sector activity surveys) — the span the
    report's comparisons use."""
    rows = census[(census["dataset"] == "SSDSE-A") & (census["measure"] == measure)
                  & (census["industry_code"] == "ALL")]
    kinds = rows.groupby("census_year")[["survey", "scope"]].first().sort_index()
    years = kinds.index.tolist()
    for i in range(len(years) - 1, 0, -1):
        newer, older = kinds.iloc[i], kinds.iloc[i - 1]
        if (newer["survey"], newer["scope"]) == (older["survey"], older["scope"]):
            return int(years[i - 1]), int(years[i])
    raise FocusError("the census table has no two census years of the same survey and scope")


__all__ = ["KINDS", "NEAREST", "FocusError", "Municipality", "PeerGroup",
           "comparable_census_years", "latest_population", "municipalities", "peer_change",
           "peer_group", "peer_shares", "resolve_focus"]
