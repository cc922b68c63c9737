"""Comparison groups: the 20 designated cities, 東京都区部, prefecture and nation."""

from __future__ import annotations

import re

import pandas as pd

from ..sources.municipal_names import TOKYO_WARDS_TOTAL

#: 政令指定都市 (designated cities) — SSDSE area code -> name, north to south.
DESIGNATED_CITIES: dict[str, str] = {
    "01100": "札幌市", "04100": "仙台市", "11100": "さいたま市", "12100": "千葉市",
    "14100": "横浜市", "14130": "川崎市", "14150": "相模原市", "15100": "新潟市",
    "22100": "静岡市", "22130": "浜松市", "23100": "名古屋市", "26100": "京都市",
    "27100": "大阪市", "27140": "堺市", "28100": "神戸市", "33100": "岡山市",
    "34100": "広島市", "40100": "北九州市", "40130": "福岡市", "43100": "熊本市",
}  # fmt: skip

#: The 23 special wards of Tokyo (13101 千代田区 … 13123 江戸川区).
TOKYO_WARDS: tuple[str, ...] = tuple(f"131{i:02d}" for i in range(1, 24))
#: 東京都区部 (declared with its English name in :mod:`kawasaki_econ.sources.municipal_names`).
TOKYO_WARDS_CODE, TOKYO_WARDS_NAME = TOKYO_WARDS_TOTAL[:2]
NATION_CODE = "00000"
_KEYS = ["census_year", "survey", "scope", "industry_code", "measure"]
KAWASAKI = "14130"


def prefecture_code(area_code: str) -> str:
    """5-digit code of the prefecture of a municipality.

    Parameters
    ----------
    area_code : str
        5-digit municipality code (14130 = 川崎市).

    Returns
    -------
    str
        The prefecture's code in the same 5-digit form (``PP000``; 14000 = 神奈川県).

    Examples
    --------
    >>> from kawasaki_econ.analysis.areas import prefecture_code
    >>> prefecture_code("14130")
    '14000'
    """
    return f"{area_code[:2]}000"


def with_tokyo_wards(census: pd.DataFrame) -> pd.DataFrame:
    """Add 東京都区部 (area_code 13100) as the sum of the 23 special wards.

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table (``kawasaki_econ.load('census')``).

    Returns
    -------
    pandas.DataFrame
        ``census`` plus, for each SSDSE-A census year, survey, scope, industry and
        measure, one row for 13100 東京都区部 whose ``value`` (establishments or persons,
        ``Int64``) is the sum of the 23 ward rows, ``status='derived'`` and a ``source``
        naming the wards and the file. Only complete sums are added: a combination where
        any ward is missing is skipped.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis import with_tokyo_wards
    >>> census = with_tokyo_wards(k.load("census"))
    >>> sorted(set(census.loc[census["area_code"] == "13100", "status"]))
    ['derived']
    """
    wards = census[census["area_code"].isin(TOKYO_WARDS) & (census["dataset"] == "SSDSE-A")]
    grouped = wards.groupby(_KEYS, as_index=False, dropna=False).agg(
        value=("value", "sum"), n=("area_code", "nunique"),
        files=("source", "first"), industry_name_ja=("industry_name_ja", "first"),
    )  # fmt: skip
    grouped = grouped[grouped["n"] == len(TOKYO_WARDS)]
    derived = grouped.assign(
        area_code=TOKYO_WARDS_CODE,
        area_name=TOKYO_WARDS_NAME,
        prefecture="東京都",
        dataset="SSDSE-A",
        status="derived",
        source=lambda d: "sum of the 23 wards 13101–13123 of " + d["files"],
    ).drop(columns=["n", "files"])
    return pd.concat([census, derived], ignore_index=True)


def newest_release(df: pd.DataFrame) -> pd.DataFrame:
    """Keep, for each census year, the rows carried by the newest SSDSE-A release.

    Releases of one census agree on every value, but a municipality whose code changed
    between releases appears under both codes (那珂川町 40305 → 那珂川市 40231 for the 2014
    census): summing over all rows would count it twice.

    Parameters
    ----------
    df : pandas.DataFrame
        Rows of the ``census`` table; ``source`` names the SSDSE-A file(s) of each row.

    Returns
    -------
    pandas.DataFrame
        The rows whose ``source`` contains the newest SSDSE-A file of their census year
        (rows of a census year without an SSDSE-A source are kept as they are).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.areas import newest_release
    >>> census = k.load("census")
    >>> ssdse = census[census["dataset"] == "SSDSE-A"]
    >>> len(newest_release(ssdse)) <= len(ssdse)
    True
    """
    out = []
    for _, rows in df.groupby("census_year", sort=False):
        sources = rows["source"].astype(str)
        files = sources.drop_duplicates().str.findall(r"SSDSE-A-\d{4}").explode().dropna()
        if files.empty:
            out.append(rows)
            continue
        out.append(rows[sources.str.contains(files.max(), regex=False)])
    return pd.concat(out) if out else df


def with_aggregates(census: pd.DataFrame, *, prefectures: bool = True,
                    nation: bool = True) -> pd.DataFrame:
    """Add 東京都区部, the prefectures and the nation as sums of their municipalities.

    Official prefecture / national figures (SSDSE-E, transcribed) stay as they are under
    their own dataset; these sums are the like-for-like comparison with the municipal
    rows (same survey, same scope, same release).

    Parameters
    ----------
    census : pandas.DataFrame
        The ``census`` table.
    prefectures : bool, default True
        Add each prefecture (``PP000``) as the sum of its SSDSE-A municipalities.
    nation : bool, default True
        Add the nation (``00000``, 全国) as the sum of all SSDSE-A municipalities.

    Returns
    -------
    pandas.DataFrame
        ``census`` plus the derived rows (dataset ``SSDSE-A``, ``status='derived'``,
        ``value`` in establishments or persons, a ``source`` naming the release summed).

    See Also
    --------
    with_tokyo_wards : Only 東京都区部.
    newest_release : The rows of the newest SSDSE-A release (no code counted twice).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis import with_aggregates
    >>> data = with_aggregates(k.load("census"))
    >>> {"00000", "13100", "14000"} <= set(data.loc[data["status"] == "derived", "area_code"])
    True
    """
    out = with_tokyo_wards(census)
    muni = newest_release(census[(census["dataset"] == "SSDSE-A")
                                 & (census["status"] != "derived")])
    parts = [out]
    names = {"value": ("value", "sum"), "industry_name_ja": ("industry_name_ja", "first")}
    release = {year: max(re.findall(r"ssdse/SSDSE-A-\d{4}\.csv", " ".join(rows["source"].unique())))
               for year, rows in muni.groupby("census_year")}
    if prefectures:
        pref = muni.assign(area_code=muni["area_code"].str[:2] + "000")
        agg = pref.groupby(["area_code", "prefecture"] + _KEYS, as_index=False).agg(**names)
        parts.append(agg.assign(area_name=agg["prefecture"], dataset="SSDSE-A",
                                status="derived",
                                source="sum of the prefecture's municipalities in "
                                + agg["census_year"].map(release)))
    if nation:
        agg = muni.groupby(_KEYS, as_index=False).agg(**names)
        parts.append(agg.assign(area_code=NATION_CODE, area_name="全国", prefecture="全国",
                                dataset="SSDSE-A", status="derived",
                                source="sum of all municipalities in "
                                + agg["census_year"].map(release)))
    return pd.concat(parts, ignore_index=True)


def big_city_group(include_wards: bool = True) -> dict[str, str]:
    """The big-city comparison group: the 20 designated cities (+ 東京都区部).

    Parameters
    ----------
    include_wards : bool, default True
        Add 13100 東京都区部 (the sum of the 23 wards) to the 20 designated cities.

    Returns
    -------
    dict of str to str
        5-digit area code -> name (Japanese), designated cities north to south.

    Examples
    --------
    >>> from kawasaki_econ.analysis.areas import big_city_group
    >>> len(big_city_group()), len(big_city_group(include_wards=False))
    (21, 20)
    """
    group = dict(DESIGNATED_CITIES)
    if include_wards:
        group[TOKYO_WARDS_CODE] = TOKYO_WARDS_NAME
    return group
