"""The municipality in focus and its comparison (peer) group, by type of municipality.

* a designated city (政令指定都市): the 20 designated cities and 東京都区部 (the sum of the
  23 wards, for reference; ranks are among the 20 cities);
* 東京都区部 (13100, the sum of the 23 wards) as the focus: the same group, ranked among
  the 20 cities and 区部 (21);
* a Tokyo special ward (特別区, 13101–13123): the 23 wards;
* a core city (中核市): the core cities of the ``core_cities`` table, built from the
  transcribed, catalogued 総務省 list ``data/raw/transcribed/core_cities.csv`` (its
  ``as_of`` date is shown with the group);
* any other municipality: the municipalities of its prefecture plus the
  :data:`NEAREST` municipalities nationwide closest in total population (SSDSE-A item
  A1101, the newest year of the processed ``population`` table);
* an explicit list of codes (``--peers``) overrides the rule (``kind='custom'``).

A municipality is named by its 5-digit SSDSE code (``14100``), its name (``横浜市``),
prefecture + name (``東京都府中市``) or its romanised name (``Sendai``, ``Yokohama-shi``,
:mod:`kawasaki_econ.analysis.names`); a name shared by several municipalities is an error
that lists the candidates with their codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..errors import KawasakiEconError
from .areas import (
    DESIGNATED_CITIES,
    TOKYO_WARDS,
    TOKYO_WARDS_CODE,
    TOKYO_WARDS_NAME,
    newest_release,
)
from .compare import (
    change_units,
    industry_shares,
    location_quotients,
    rank_by_change,
    rank_change,
    select,
    share_ranks,
)
from .names import english_names, find_romanised, romanised_key
from .trends import change

#: How many municipalities nationwide, closest in population, join a prefecture's group.
NEAREST = 20

KINDS = ("designated", "wards", "core", "other", "custom")

_KIND_TEXT: dict[str, tuple[str, str]] = {
    "designated": ("政令指定都市20市と東京都区部（23区の合計、参考・順位対象外）",
                   "the 20 designated cities and Tokyo's 23 wards (their sum; reference, "
                   "not ranked)"),
    "wards": ("東京都特別区23区", "Tokyo's 23 special wards"),
    "core": ("中核市{n}市（総務省の中核市一覧、{as_of}現在）",
             "the {n} core cities (the Ministry of Internal Affairs' list, as of {as_of})"),
    "other": ("{pref}の市区町村{n_pref}と、人口（{year}年）が最も近い全国の市区町村{nearest}",
              "the municipalities of {pref} ({n_pref}) and the {nearest} municipalities "
              "nationwide closest in population ({year})"),
    "custom": ("指定された{n}地域", "the {n} areas chosen by the user"),
}


class FocusError(KawasakiEconError):
    """The focus municipality or a peer code could not be resolved.

    A :class:`~kawasaki_econ.errors.KawasakiEconError`: the command exits with status 1.

    Parameters
    ----------
    message : str
        What could not be resolved and what to give instead (English).
    ja : str, optional
        The same sentence in Japanese
        (:meth:`~kawasaki_econ.errors.KawasakiEconError.text`).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis import FocusError, resolve_focus
    >>> try:
    ...     resolve_focus(k.load("census"), "99999")
    ... except FocusError as exc:
    ...     print(str(exc)[:40])
    no municipality with code 99999 in the c
    """


@dataclass(frozen=True)
class Municipality:
    """One municipality of SSDSE-A.

    Parameters
    ----------
    code : str
        5-digit municipality code (14130 = 川崎市).
    name : str
        Name in Japanese.
    prefecture : str
        Prefecture name in Japanese.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> k.analysis.resolve_focus(k.load("census"), "14130")
    Municipality(code='14130', name='川崎市', prefecture='神奈川県')
    """

    code: str
    name: str
    prefecture: str


@dataclass(frozen=True)
class PeerGroup:
    """The comparison group of a focus municipality.

    Parameters
    ----------
    focus : Municipality
        The municipality in focus.
    kind : {'designated', 'wards', 'core', 'other', 'custom'}
        Which rule chose the group (see :func:`peer_group`).
    codes : tuple of str
        Every area of the group, the focus included (5-digit codes).
    ranked : tuple of str
        The areas a rank is taken among (e.g. the 20 designated cities, without
        東京都区部).
    names : dict of str to str
        Area code -> Japanese name.
    population_year : int, optional
        Kind ``other``: the year of the populations the nearest municipalities were
        chosen by.
    as_of : str, optional
        Kind ``core``: the date the list of core cities holds for (YYYY-MM-DD).
    nearest : int, default 20
        Kind ``other``: how many municipalities nationwide, closest in population, join.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> census = k.load("census")
    >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "横浜市"), census)
    >>> group.kind, len(group.codes), len(group.ranked)
    ('designated', 21, 20)
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
        """One sentence naming the group and what it rests on.

        Parameters
        ----------
        lang : {'ja', 'en'}, default 'ja'
            Language of the sentence.

        Returns
        -------
        str
            E.g. "the 20 designated cities and Tokyo's 23 wards (their sum; reference, not
            ranked)".

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> census = k.load("census")
        >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
        >>> group.describe("en")[:28]
        'the 20 designated cities and'
        """
        ja, en = _KIND_TEXT[self.kind]
        if self.kind == "designated" and self.focus.code == TOKYO_WARDS_CODE:
            ja, en = ("政令指定都市20市と東京都区部（23区の合計）",
                      "the 20 designated cities and Tokyo's 23 wards (their sum)")
        n_pref = sum(1 for c in self.codes if c[:2] == self.focus.code[:2])
        text = (ja if lang == "ja" else en).format(
            n=len(self.codes), as_of=self.as_of, pref=self.focus.prefecture,
            n_pref=n_pref, year=self.population_year, nearest=self.nearest)
        return text


# --------------------------------------------------------------------------- resolving


def municipalities(census: pd.DataFrame) -> pd.DataFrame:
    """The municipalities of the newest SSDSE-A release.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.

    Returns
    -------
    pandas.DataFrame
        One row per municipality, sorted by code: ``area_code``, ``area_name``,
        ``prefecture`` (no prefecture, nation or derived rows).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.peers import municipalities
    >>> len(municipalities(k.load("census")))
    1741
    """
    rows = census[(census["dataset"] == "SSDSE-A") & (census["industry_code"] == "ALL")
                  & (census["status"] != "derived")]
    rows = rows[(rows["census_year"] == rows["census_year"].max())
                & ~rows["area_code"].str.endswith("000")]
    newest = newest_release(rows)
    return (newest[["area_code", "area_name", "prefecture"]].drop_duplicates("area_code")
            .sort_values("area_code", ignore_index=True))


def resolve_focus(census: pd.DataFrame, text: str) -> Municipality:
    """The municipality named by a 5-digit code, a name or prefecture + name.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    text : str
        ``'14100'``, ``'横浜市'`` or ``'東京都府中市'`` (prefecture + name, for a name
        shared by several municipalities).

    Returns
    -------
    Municipality
        Its code, name and prefecture.

    Raises
    ------
    FocusError
        For an unknown code or name, and for a name matching several municipalities (the
        message lists each with its code).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> k.analysis.resolve_focus(k.load("census"), "横浜市")
    Municipality(code='14100', name='横浜市', prefecture='神奈川県')
    """
    table = _with_wards_row(municipalities(census))
    query = str(text).strip()
    if re.fullmatch(r"\d{5}", query):
        hit = table[table["area_code"] == query]
        if hit.empty:
            raise FocusError(f"no municipality with code {query} in the census table "
                             "(SSDSE-A); codes are 5 digits, e.g. 14130 = 川崎市")
    else:
        full = table["prefecture"] + table["area_name"]
        hit = table[(table["area_name"] == query) | (full == query)]
        if hit.empty:  # a romanised name: Sapporo, Kawasaki-shi, Fuchū
            hit = table[table["area_code"].isin(find_romanised(query)["area_code"])]
        if hit.empty:
            raise FocusError(f"no municipality named {query!r} in the census table "
                             "(SSDSE-A); give its 5-digit code or its name, e.g. 横浜市 or Yokohama")
        if len(hit) > 1:
            en = english_names(hit["area_code"]) if romanised_key(query) else {}
            listed = ", ".join(f"{r.area_code} {r.prefecture}{r.area_name}"
                               + (f" ({en[r.area_code]})" if r.area_code in en else "")
                               for r in hit.itertuples())
            raise FocusError(f"{query!r} matches {len(hit)} municipalities: {listed}; "
                             "give the code or prefecture + name (e.g. "
                             f"{hit.iloc[0]['prefecture']}{hit.iloc[0]['area_name']})"
                             + (" or the romanised name with its suffix" if en else ""))
    row = hit.iloc[0]
    return Municipality(str(row["area_code"]), str(row["area_name"]), str(row["prefecture"]))


def _with_wards_row(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` plus 東京都区部 (13100, the sum of the 23 wards) when all wards are in it."""
    if not set(TOKYO_WARDS) <= set(table["area_code"]):
        return table
    row = pd.DataFrame({"area_code": [TOKYO_WARDS_CODE], "area_name": [TOKYO_WARDS_NAME],
                        "prefecture": ["東京都"]})
    return pd.concat([table, row], ignore_index=True)


# --------------------------------------------------------------------------- groups


def latest_population(population: pd.DataFrame) -> tuple[int, pd.Series]:
    """Total population of every municipality in the newest year of the ``population`` table.

    Parameters
    ----------
    population : pandas.DataFrame
        The ``population`` table (SSDSE-A; ``population_total`` = item A1101).

    Returns
    -------
    year : int
        The newest year of ``population_total`` rows.
    persons : pandas.Series
        Area code -> persons (int64), municipalities only.

    Raises
    ------
    FocusError
        If the table has no ``population_total`` rows.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.peers import latest_population
    >>> year, persons = latest_population(k.load("population"))
    >>> year, int(persons["14130"])
    (2020, 1538262)
    """
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
    """The comparison group of a municipality, by its type.

    A designated city (政令指定都市): the 20 designated cities and 東京都区部 (reference,
    unranked; ranked with them when 東京都区部 itself is the focus). A Tokyo special ward:
    the 23 wards. A core city (中核市): the core cities of the ``core_cities`` table. Any
    other municipality: the municipalities of its prefecture plus the 20 nationwide
    closest in total population. ``peers`` overrides the rule.

    Parameters
    ----------
    focus : Municipality
        The municipality in focus (:func:`resolve_focus`).
    census : pandas.DataFrame
        The ``census`` table.
    population : pandas.DataFrame, optional
        The ``population`` table; needed for the ``other`` kind.
    peers : list of str, optional
        5-digit codes of the group (kind ``custom``); the focus is added.
    core_cities : pandas.DataFrame, optional
        The ``core_cities`` table; loaded when not given.

    Returns
    -------
    PeerGroup
        The group, its kind and what it rests on.

    Raises
    ------
    FocusError
        For an unknown code in ``peers``, core cities missing from the census table, a
        missing ``population`` table (kind ``other``) or no population for the focus.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> census, population = k.load("census"), k.load("population")
    >>> fujisawa = k.analysis.resolve_focus(census, "14205")
    >>> group = k.analysis.peer_group(fujisawa, census, population)
    >>> group.kind, group.population_year
    ('other', 2020)
    """
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
    if focus.code in DESIGNATED_CITIES or focus.code == TOKYO_WARDS_CODE:
        codes = (*DESIGNATED_CITIES, TOKYO_WARDS_CODE)
        group = {**DESIGNATED_CITIES, TOKYO_WARDS_CODE: TOKYO_WARDS_NAME}
        ranked = tuple(DESIGNATED_CITIES)
        if focus.code == TOKYO_WARDS_CODE:
            ranked = codes
        return PeerGroup(focus, "designated", codes, ranked, group)
    if focus.code in TOKYO_WARDS:
        return PeerGroup(focus, "wards", TOKYO_WARDS, TOKYO_WARDS,
                         {c: names[c] for c in TOKYO_WARDS})
    if core_cities is None:
        from ..build import load

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
    panel=None,
) -> pd.DataFrame:
    """Change between two census years for every area of a comparison group, ranked.

    The rank is by % change among ``group.ranked`` (1 = largest increase). A designated
    city's group is exactly :func:`~kawasaki_econ.analysis.compare.rank_change`'s.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    group : PeerGroup
        The comparison group (:func:`peer_group`).
    start, end : int
        Census years of the same survey and scope (:func:`comparable_census_years`).
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).
    panel : kawasaki_econ.analysis.panel.CensusPanel, optional
        Precomputed changes of these census years (the report's sweep); the result is
        the same.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`~kawasaki_econ.analysis.compare.rank_change`: counts
        ``value_start``, ``value_end``, ``change`` (``Int64``), ``change_pct`` (%),
        ``cagr_pct`` (% per year), ``caveat``, ``group`` (focus / peer), ``is_focus``,
        ``zero_start``, ``rank_in_group`` (``Int64``; a % change from a zero start is
        missing and not ranked, ties share a rank), ``status``; sorted by
        ``change_pct``.

    Raises
    ------
    FocusError
        If an area of the group has no data in ``start`` or ``end``.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> census = k.load("census")
    >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14100"), census)
    >>> ranked = k.analysis.peer_change(census, group, 2016, 2021)
    >>> round(float(ranked.loc[ranked["is_focus"], "change_pct"].iloc[0]), 2)
    3.51
    """
    if panel is not None and (panel.start, panel.end) == (start, end):
        return panel.peer_change(group, measure)
    if group.kind == "designated":
        out = rank_change(census, start, end, measure=measure, focus=group.focus.code)
        if group.focus.code == TOKYO_WARDS_CODE:  # 区部 in focus: ranked with the 20 cities
            out = rank_by_change(out, out["area_code"].isin(group.ranked))
        out.attrs["peer_kind"] = group.kind
        return out
    areas = [c for c in group.codes if c != TOKYO_WARDS_CODE]
    rows = select(census, measure=measure, years=(start, end), areas=areas)
    missing = sorted(set(areas) - set(rows["area_code"]))
    if missing:
        raise FocusError(f"no {measure} data for {missing} in census {start}/{end}")
    out = change(rows, start, end, period="census_year", by=["area_code"])
    out.insert(1, "area_name", out["area_code"].map(group.names))
    out["group"] = ["focus" if c == group.focus.code else "peer" for c in out["area_code"]]
    out["is_focus"] = out["area_code"] == group.focus.code
    out = rank_by_change(out, out["area_code"].isin(group.ranked))
    out["status"] = "final"
    out.attrs.update(measure=measure, start=start, end=end, peer_kind=group.kind,
                     units=change_units(measure))
    return out


def peer_shares(
    census: pd.DataFrame,
    group: PeerGroup,
    year: int,
    *,
    measure: str = "employees",
    panel=None,
) -> pd.DataFrame:
    """Share (%) of each JSIC major division in each area of a comparison group.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    group : PeerGroup
        The comparison group (:func:`peer_group`).
    year : int
        Census year.
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).
    panel : kawasaki_econ.analysis.panel.CensusPanel, optional
        Precomputed shares (employees; the report's sweep); the result is the same.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`~kawasaki_econ.analysis.compare.industry_shares` plus
        ``rank_in_group``: the rank of the share among ``group.ranked`` (``Int64``,
        1 = largest; zero shares are not ranked, ties share a rank).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> census = k.load("census")
    >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
    >>> shares = k.analysis.peer_shares(census, group, 2021)
    >>> ict = shares[(shares["area_code"] == "14130") & (shares["industry_code"] == "G")]
    >>> int(ict["rank_in_group"].iloc[0])
    2
    """
    if panel is not None and measure == "employees" and year in panel.shares:
        return panel.peer_shares(group, year)
    shares = industry_shares(census, year, measure=measure, focus=group.focus.code,
                             areas=list(group.codes))
    shares["rank_in_group"] = share_ranks(shares, shares["area_code"].isin(group.ranked))
    shares.attrs["peer_kind"] = group.kind
    return shares


#: The second reading of the location quotients: (base, Japanese label, English label).
LQ_GROUP_BASES: dict[str, tuple[str, str, str]] = {
    "designated": ("designated", "対政令指定都市計", "vs designated-city aggregate"),
    "wards": ("group", "対特別区計", "vs 23-ward aggregate"),
    "core": ("group", "対中核市計", "vs core-city aggregate"),
    "other": ("group", "対比較グループ計", "vs comparison-group aggregate"),
    "custom": ("group", "対比較グループ計", "vs comparison-group aggregate"),
}


def peer_location_quotients(
    census: pd.DataFrame,
    group: PeerGroup,
    year: int,
    *,
    base: str = "nation",
    measure: str = "employees",
    panel=None,
) -> pd.DataFrame:
    """Location quotients (特化係数) of the areas of a comparison group.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    group : PeerGroup
        The comparison group (:func:`peer_group`).
    year : int
        Census year.
    base : {'nation', 'group'}, default 'nation'
        ``'nation'``: official national totals where they exist. ``'group'``: the
        second reading — the designated-city aggregate for a designated city (and
        東京都区部), otherwise the aggregate of the group itself (never the designated
        cities for a municipality that is not one).
    measure : {'employees', 'establishments'}, default 'employees'
        従業者数 (persons) or 事業所数 (establishments).
    panel : kawasaki_econ.analysis.panel.CensusPanel, optional
        Precomputed shares (employees; the report's sweep); the result is the same.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`~kawasaki_econ.analysis.compare.location_quotients`;
        ``attrs['base_label']`` is the (Japanese, English) label of the base and
        ``attrs['peer_kind']`` the group's kind.

    Raises
    ------
    ValueError
        If ``base`` is neither 'nation' nor 'group'.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> census = k.load("census")
    >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
    >>> lq = k.analysis.peer_location_quotients(census, group, 2021, base="group")
    >>> lq.attrs["base_label"]
    ('対政令指定都市計', 'vs designated-city aggregate')
    """
    if panel is not None and measure == "employees" and year in panel.shares:
        return panel.peer_location_quotients(group, year, base)
    codes = list(group.codes)
    if base == "nation":
        out = location_quotients(census, year, base="nation", measure=measure,
                                 focus=group.focus.code, areas=codes)
        out.attrs["base_label"] = ("対全国", "vs nation")
    elif base == "group":
        kind, ja, en = LQ_GROUP_BASES[group.kind]
        out = location_quotients(census, year, base=kind, measure=measure,
                                 focus=group.focus.code, areas=codes)
        out.attrs["base_label"] = (ja, en)
    else:
        raise ValueError("base must be 'nation' or 'group'")
    out.attrs["peer_kind"] = group.kind
    return out


def comparable_census_years(census: pd.DataFrame, measure: str = "employees") -> tuple[int, int]:
    """The two newest census years of the same survey and scope in SSDSE-A.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    measure : {'employees', 'establishments'}, default 'employees'
        The measure whose rows are looked at.

    Returns
    -------
    tuple of int
        (older, newer) census years — (2016, 2021) in the shipped data, both
        private-sector activity surveys: the span the report's comparisons use.

    Raises
    ------
    FocusError
        If no two census years share survey and scope.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> k.analysis.comparable_census_years(k.load("census"))
    (2016, 2021)
    """
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
           "LQ_GROUP_BASES", "comparable_census_years", "latest_population", "municipalities",
           "peer_change", "peer_group", "peer_location_quotients", "peer_shares",
           "resolve_focus"]
