"""Checks of comparative statements: ranks and shares among the big cities or all
municipalities. Each names the comparison set its verdict uses and, where the usual
big-city set (大都市比較統計年表) also includes 東京都区部, gives the other reading."""

from __future__ import annotations

import pandas as pd

from ..areas import DESIGNATED_CITIES, TOKYO_WARDS_CODE
from ..compare import industry_shares, national_benchmark, rank_change, select
from .numfmt import num, ordinal, pct, unsigned_pct
from .outcome import CheckOutcome, Data, source_list
from .registry import COMPARISON_SETS, Claim

#: The comparison set of the 20 designated cities and 東京都区部 (21 areas).
WITH_WARDS = "designated_cities_and_wards"


def rank_in(values: pd.Series, focus: str) -> int:
    """Return the rank of one area among values, largest first.

    Parameters
    ----------
    values : pandas.Series
        Values (e.g. shares in %) indexed by area code.
    focus : str
        The index label of the area ranked.

    Returns
    -------
    int
        1-based rank, largest first; tied values share the smallest rank.

    Raises
    ------
    KeyError
        If ``focus`` is not in the index.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis.claims.rank_checks import rank_in
    >>> rank_in(pd.Series({"14130": 7.05, "13100": 9.9, "14100": 3.1}), "14130")
    2
    """
    return int(values.rank(ascending=False, method="min")[focus])


def set_label(key: str, lang: str) -> str:
    """Return the label of a comparison set in one language.

    Parameters
    ----------
    key : str
        A key of :data:`~kawasaki_econ.analysis.claims.COMPARISON_SETS`.
    lang : {'ja', 'en'}
        Language of the label.

    Returns
    -------
    str
        E.g. 'the 20 designated cities' / '政令指定都市20市'.

    Raises
    ------
    KeyError
        For an unknown ``key`` or ``lang``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.rank_checks import set_label
    >>> set_label("designated_cities", "en"), set_label("designated_cities", "ja")
    ('the 20 designated cities', '政令指定都市20市')
    """
    return COMPARISON_SETS[key][lang]


def check_employee_trend_rank(claim: Claim, data: Data) -> CheckOutcome:
    """Check a rank of the change of employees among the designated cities.

    The data hold no comparable pair of census years before 2016 (2014 all
    establishments, 2016 private): the claim is ``unverifiable``. For context only the
    rank over the later comparable span (``context``, e.g. 2016 → 2021, private) is
    given, among the 20 designated cities and, as the other reading, with 東京都区部.

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``area``, ``comparison_set`` and
        ``context`` ([start, end] census years of the context reading).
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: ``period``, ``pct_change`` (%), ``rank``, ``of``,
        ``rank_with_wards`` and ``of_with_wards`` of the context reading.

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch2-employee-trend-vs-cities"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('unverifiable', 'no comparable period; 2016→2021: +0.67 %, rank 16 of 20')
    """
    p = claim.params
    c0, c1 = p["context"]
    ranks = rank_change(data.census, c0, c1)
    focus = ranks[ranks["area_code"] == p["area"]].iloc[0]
    designated = ranks[ranks["rank_in_group"].notna()]
    n = len(designated)
    first, last = designated.iloc[0], designated.iloc[-1]
    both = ranks[ranks["group"].isin(["designated_city", "tokyo_wards"])].set_index("area_code")
    rank21 = rank_in(both["change_pct"], p["area"])
    computed = {"period": f"{c0}→{c1} (private)", "pct_change": round(focus['change_pct'], 2),
                "rank": int(focus["rank_in_group"]), "of": n, "rank_with_wards": rank21,
                "of_with_wards": len(both)}
    en = ("The plan's comparison (a figure, period not stated in the text) was drawn before "
          "the 2016 final census, so it covers years up to 2016. The data hold no comparable "
          "pair of census years before 2016: 2014 is the all-establishment basic survey, 2016 "
          "the private-sector activity survey (the comparability guard refuses 2014→2016). "
          f"For context only: over the later period {c0}→{c1} (private) Kawasaki changed by "
          f"{pct(focus['change_pct'], 2)} and ranks {int(focus['rank_in_group'])} of {n} designated "
          f"cities ({first['area_name']} {pct(first['change_pct'], 2)} first, "
          f"{last['area_name']} {pct(last['change_pct'], 2)} last) — a different period, so "
          "it neither confirms nor contradicts the claim.")
    ja = ("計画の比較（図。期間は本文に記載なし）は2016年確報より前に作成され、2016年までの期間を"
          "対象とする。データには2016年以前に比較可能な2時点がない（2014年は全事業所の基礎調査、"
          "2016年は民営の活動調査で、2014→2016の比較は範囲が異なるため行わない）。参考として、"
          f"後の期間{c0}→{c1}年（民営）では川崎市は {pct(focus['change_pct'], 2)}、政令指定都市"
          f"{n}市中{int(focus['rank_in_group'])}位（1位 {first['area_name']} {pct(first['change_pct'], 2)}、"
          f"最下位 {last['area_name']} {pct(last['change_pct'], 2)}）。期間が異なるため、記述の"
          "確認にも否定にもならない。")
    alt_en = f"including 東京都区部: rank {rank21} of {len(both)} ({c0}→{c1}, context only)"
    alt_ja = f"東京都区部を含めると{len(both)}地域中{rank21}位（{c0}→{c1}年、参考）"
    rows = select(data.census, measure="employees", years=(c0, c1),
                  areas=list(DESIGNATED_CITIES))
    return CheckOutcome(computed, "unverifiable", en, ja, source_list(rows),
                   shown_en=(f"no comparable period; {c0}→{c1}: {pct(focus['change_pct'], 2)}, "
                             f"rank {int(focus['rank_in_group'])} of {n}"),
                   shown_ja=(f"比較可能な期間なし（参考 {c0}→{c1}年：{pct(focus['change_pct'], 2)}、"
                             f"{n}市中{int(focus['rank_in_group'])}位）"),
                   comparison_set=p["comparison_set"], alternative_en=alt_en,
                   alternative_ja=alt_ja)


def _year_reading(shares: pd.DataFrame, p: dict, year: int) -> dict:
    rows = shares[shares["industry_code"] == p["industry"]].set_index("area_code")
    designated = rows[rows.index.isin(list(DESIGNATED_CITIES))]
    both = rows[rows.index.isin([*DESIGNATED_CITIES, TOKYO_WARDS_CODE])]
    focus = rows.loc[p["area"]]
    ahead = both[both["share_pct"] > focus["share_pct"]]
    runner = designated.drop(index=p["area"]).sort_values("share_pct").iloc[-1]
    return {"year": year, "scope": str(focus["scope"]), "share_pct": float(focus["share_pct"]),
            "ranks": {"designated_cities": rank_in(designated["share_pct"], p["area"]),
                      WITH_WARDS: rank_in(both["share_pct"], p["area"])},
            "sizes": {"designated_cities": len(designated), WITH_WARDS: len(both)},
            "next": (str(runner["area_name"]), float(runner["share_pct"])),
            "wards": float(rows.loc[TOKYO_WARDS_CODE, "share_pct"])
            if TOKYO_WARDS_CODE in rows.index else None,
            "ahead": [str(a) for a in ahead["area_name"]],
            "sources": source_list(rows.loc[[p["area"]]])
            + source_list(designated.drop(index=p["area"]).head(1))}


def check_industry_share_rank(claim: Claim, data: Data) -> CheckOutcome:
    """Check that an industry's share of employees ranks high among the big cities.

    The share (%) of the division in the area's employees and its rank among the
    designated cities (``comparison_set``) in every census year given, against the rank
    band of ``tolerance``; the reading with 東京都区部 (``alternative_set``) is given
    beside it, and noted in ``status_note_*`` where it does not agree.

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``area``, ``industry`` (JSIC
        division letter, e.g. 'G'), ``years`` (census years), ``comparison_set`` and
        ``alternative_set``.
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: per census year, ``share_pct`` (%), ``scope``, ``rank``,
        ``of``, ``rank_with_wards`` and ``of_with_wards``.

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch2-share-information-communications"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('confirmed', '2014: 7.03 %, 1/20 (2/21 with 東京都区部); 2016: 7.05 %, 1/20 (2/21 with 東京都区部)')
    """
    p = claim.params
    main, other = p["comparison_set"], p["alternative_set"]
    tol = claim.tolerance
    readings = [_year_reading(industry_shares(data.census, y), p, y) for y in p["years"]]
    ok = {key: all(tol.accepts(r["ranks"][key]) for r in readings) for key in (main, other)}
    computed = {str(r["year"]): {"share_pct": round(r["share_pct"], 2), "scope": r["scope"],
                                 "rank": r["ranks"][main], "of": r["sizes"][main],
                                 "rank_with_wards": r["ranks"][WITH_WARDS],
                                 "of_with_wards": r["sizes"][WITH_WARDS]} for r in readings}
    en_parts, ja_parts = [], []
    for r in readings:
        nm, ns = r["next"]
        en = (f"{r['year']} ({r['scope']}): {unsigned_pct(r['share_pct'])}, rank "
              f"{r['ranks'][main]} of {r['sizes'][main]} designated cities (next: {nm} "
              f"{unsigned_pct(ns)})")
        ja = (f"{r['year']}年（{'民営' if r['scope'] == 'private' else '全事業所'}）："
              f"{unsigned_pct(r['share_pct'])}、政令指定都市{r['sizes'][main]}市中"
              f"{r['ranks'][main]}位（次点 {nm} {unsigned_pct(ns)}）")
        if r["wards"] is not None:
            en += (f"; with 東京都区部 ({unsigned_pct(r['wards'])}) rank "
                   f"{r['ranks'][WITH_WARDS]} of {r['sizes'][WITH_WARDS]}")
            ja += (f"。東京都区部（{unsigned_pct(r['wards'])}）を含めると"
                   f"{r['sizes'][WITH_WARDS]}地域中{r['ranks'][WITH_WARDS]}位")
        en_parts.append(en)
        ja_parts.append(ja)
    status = "confirmed" if ok[main] else "contradicted"
    not_first = [r for r in readings if not tol.accepts(r["ranks"][other])]
    if ok[main] == ok[other]:
        alt_en = (f"the reading with {set_label(other, 'en')} agrees "
                  f"({'confirmed' if ok[other] else 'not confirmed'})")
        alt_ja = f"{set_label(other, 'ja')}で読んでも同じ判定"
    else:
        listed_en = ", ".join(f"{r['year']}: {r['ranks'][other]} of {r['sizes'][other]}"
                              for r in (not_first or readings))
        listed_ja = "、".join(f"{r['year']}年 {r['sizes'][other]}地域中{r['ranks'][other]}位"
                             for r in (not_first or readings))
        verdict = "not confirmed" if ok[main] else "confirmed"
        alt_en = (f"{verdict} on {set_label(other, 'en')}: {listed_en}"
                  + (f" (behind {', '.join(sorted({a for r in not_first for a in r['ahead']}))})"
                     if not_first else ""))
        alt_ja = (f"{set_label(other, 'ja')}では{'確認されない' if ok[main] else '確認'}："
                  f"{listed_ja}")
    note_en = note_ja = ""
    if ok[main] != ok[other]:
        by_rank: dict[tuple[int, int], list[int]] = {}
        for r in (not_first or readings):
            by_rank.setdefault((r["ranks"][other], r["sizes"][other]), []).append(r["year"])
        note_en = "; ".join(f"{ordinal(k)} of {n} including 東京都区部 "
                            f"({', '.join(map(str, ys))})" for (k, n), ys in by_rank.items())
        note_ja = "；".join(f"東京都区部を含めると{n}地域中{k}位（{'・'.join(f'{y}年' for y in ys)}）"
                           for (k, n), ys in by_rank.items())
    head_en = (f"Verdict on {set_label(main, 'en')} (rule: {tol.describe('en')} in every year). ")
    head_ja = f"判定は{set_label(main, 'ja')}で行う（基準：各年{tol.describe('ja')}）。"
    shown_en = "; ".join(f"{r['year']}: {unsigned_pct(r['share_pct'])}, {r['ranks'][main]}/"
                         f"{r['sizes'][main]} ({r['ranks'][other]}/{r['sizes'][other]} with "
                         "東京都区部)" for r in readings)
    shown_ja = "、".join(f"{r['year']}年 {unsigned_pct(r['share_pct'])}・{r['sizes'][main]}市中"
                        f"{r['ranks'][main]}位（区部含め{r['ranks'][other]}位）" for r in readings)
    sources = sorted({s for r in readings for s in r["sources"]})
    return CheckOutcome(computed, status,
                   head_en + "; ".join(en_parts) + f". Other reading: {alt_en}.",
                   head_ja + "。".join(ja_parts) + f"。別の読み方：{alt_ja}。",
                   sources, shown_en, shown_ja, bands=(tol,), comparison_set=main,
                   alternative_en=alt_en, alternative_ja=alt_ja, status_note_en=note_en,
                   status_note_ja=note_ja)


def check_national_share_rank(claim: Claim, data: Data) -> CheckOutcome:
    """Check that an industry's share of employees ranks high among all municipalities.

    The area's share (%) of the division in its employees, ranked among all
    municipalities of SSDSE-A in the census year; confirmed when the rank share (rank / n,
    %) is inside ``tolerance`` and the share is above the nation's official share.

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``area``, ``industry`` (JSIC
        division letter), ``year`` (census year) and ``comparison_set``.
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: ``share_pct`` (%), ``rank``, ``of`` and
        ``national_share_pct`` (%).

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch3-ict-share-national-top"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('confirmed', '7.05 %, rank 17 of 1,740 (national 2.89 %)')
    """
    p = claim.params
    tol = claim.tolerance
    rows = select(data.census, measure="employees", years=(p["year"],), industry=None)
    wide = rows.pivot_table(index=["area_code", "area_name"], columns="industry_code",
                            values="value", aggfunc="sum")
    share = (wide[p["industry"]] / wide["ALL"] * 100).dropna().sort_values(ascending=False)
    codes = list(share.index.get_level_values(0))
    rank, n = codes.index(p["area"]) + 1, len(share)
    bench = national_benchmark(data.census, p["year"])
    official = bench[bench["basis"] == "official"].set_index("industry_code")["value"]
    national = float(official[p["industry"]] / official["ALL"] * 100)
    mine = float(share.iloc[rank - 1])
    ahead = ", ".join(name for _, name in share.index[: rank - 1])
    top = rank / n * 100
    ok = tol.accepts(top) and mine > national
    en = (f"{p['year']} private: {unsigned_pct(mine)} of employees, rank {rank} of {num(n)} "
          f"municipalities (top {num(top, 1)} %; rule: {tol.describe('en')} and above the "
          f"national share), {mine / national:.2f}× the national share "
          f"{unsigned_pct(national)} (official). Ahead: {ahead}.")
    ja = (f"{p['year']}年（民営）：従業者の {unsigned_pct(mine)}、全国{num(n)}市区町村中{rank}位"
          f"（上位 {num(top, 1)} %。基準：{tol.describe('ja')}かつ全国の割合を上回る）、全国の割合 "
          f"{unsigned_pct(national)}（公表値）の{mine / national:.2f}倍。上位：{ahead}。")
    sources = sorted(set(source_list(rows[rows["area_code"] == p["area"]]))
                     | set(bench.loc[bench["basis"] == "official", "source"]))
    return CheckOutcome({"share_pct": round(mine, 2), "rank": rank, "of": n,
                    "national_share_pct": round(national, 2)},
                   "confirmed" if ok else "contradicted", en, ja, sources,
                   f"{unsigned_pct(mine)}, rank {rank} of {num(n)} (national "
                   f"{unsigned_pct(national)})",
                   f"{unsigned_pct(mine)}・{num(n)}市区町村中{rank}位（全国 {unsigned_pct(national)}）",
                   bands=(tol,), comparison_set=p["comparison_set"])
