"""Checks of the transport statements of Chapter 2 (拠点整備の進展): JR boardings at
Kawasaki and Musashi-Kosugi, Haneda's international passengers."""

from __future__ import annotations

import pandas as pd

from .haneda import haneda_bounds
from .numfmt import man, num, pct
from .outcome import DATA_VINTAGE_JA, CheckOutcome, Data, source_list
from .registry import Claim


def check_station_growth(claim: Claim, data: Data) -> CheckOutcome:
    """Check the growth of a station's daily boardings between two fiscal years.

    JR East boardings (乗車人員, persons per day) of fiscal years ``start`` and ``end``
    (FY2009 = April 2009 – March 2010), one measure on both ends; every pair of the
    figures held (several sources) must be inside ``tolerance`` of the stated %.

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``station`` (Japanese name),
        ``operator`` ('JR東日本'), ``start`` and ``end`` (fiscal years).
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: ``pct_change`` (%; [low, high] when the sources give
        several), or None (``unverifiable``) when a year is missing.

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch2-jr-kawasaki-growth-2009-2015"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('confirmed', '+11.1 % (FY2009→FY2015)')
    """
    p = claim.params
    tol = claim.tolerance
    r = data.ridership
    rows = r[(r["station"] == p["station"]) & (r["operator"] == p["operator"])
             & (r["measure"] == "boardings_daily_avg")
             & r["fiscal_year"].isin([p["start"], p["end"]])]
    start, end = rows[rows["fiscal_year"] == p["start"]], rows[rows["fiscal_year"] == p["end"]]
    if start.empty or end.empty:
        missing = [y for y, d in ((p["start"], start), (p["end"], end)) if d.empty]
        return CheckOutcome(None, "unverifiable",
                       f"no {p['operator']} boardings for {p['station']} in FY{missing}",
                       f"{p['station']}駅の{p['operator']}乗車人員がデータにない年度：{missing}",
                       source_list(rows))
    pcts = sorted({round((e / s - 1) * 100, 1) for s in start["value"] for e in end["value"]})
    target = claim.claimed["pct_change"]
    status = "confirmed" if all(tol.accepts(x - target) for x in pcts) else "contradicted"
    spread = pct(pcts[0]) if len(pcts) == 1 else f"{pct(pcts[0])} – {pct(pcts[-1])}"

    def vals(d: pd.DataFrame, lang: str) -> str:
        return " / ".join(
            f"{num(v)} ({s if lang == 'en' else DATA_VINTAGE_JA.get(s, s)})"
            for v, s in zip(d["value"], d["status"], strict=True))

    en = (f"FY{p['start']} {vals(start, 'en')} → FY{p['end']} {vals(end, 'en')}: {spread} "
          f"(claim {pct(target, 0)} ± {tol.describe('en').lstrip('±')}); {p['operator']} "
          "boardings only, one measure on both ends.")
    ja = (f"{p['start']}年度 {vals(start, 'ja')} → {p['end']}年度 {vals(end, 'ja')}（人/日）："
          f"{spread}（記述 {pct(target, 0)}、許容差 {tol.describe('ja')}）。{p['operator']}の"
          "乗車人員のみ、両端とも同じ指標。")
    computed = {"pct_change": pcts[0] if len(pcts) == 1 else [pcts[0], pcts[-1]]}
    return CheckOutcome(computed, status, en, ja, source_list(rows),
                   f"{spread} (FY{p['start']}→FY{p['end']})",
                   f"{spread}（{p['start']}→{p['end']}年度）", bands=(tol,))


def check_haneda_international(claim: Claim, data: Data) -> CheckOutcome:
    """Check Haneda's international passengers in two years.

    The annual counts of a basis (calendar or fiscal year) holding both years, against
    ``tolerance``. Without them the claim is ``unverifiable``, and the explanation gives
    the bounds the shipped later figures imply (:func:`~.haneda.haneda_bounds`).

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``start`` and ``end`` (years) and
        ``bounds`` (the specs of :func:`~.haneda.haneda_bounds`).
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: the two counts (passengers), or None.

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.
    kawasaki_econ.errors.KawasakiEconError
        If a bound's row is not in the airport table or its note does not hold the
        quoted relation (:func:`~.haneda.haneda_bounds`).

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch2-haneda-international-2009-2016"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('unverifiable', 'no count for 2009 / 2016 (bounds in the note)')
    """
    p = claim.params
    tol = claim.tolerance
    a = data.airport
    intl = a[(a["segment"] == "international") & (a["airport"] == "HND")]
    annual = intl[intl["measure"] == "passengers_annual"]
    for basis, rows in annual.groupby("basis"):
        ends = {k: rows[rows["period"] == str(p[k])] for k in ("start", "end")}
        if all(len(d) for d in ends.values()):
            got = {k: float(d["value"].iloc[0]) for k, d in ends.items()}
            ok = all(tol.accepts(got[k] - claim.claimed[k]) for k in ("start", "end"))
            text = f"{basis}: {num(got['start'])} → {num(got['end'])}"
            return CheckOutcome(got, "confirmed" if ok else "contradicted", text, text,
                           source_list(pd.concat(list(ends.values()))),
                           f"{man(got['start'])} → {man(got['end'])}",
                           f"{man(got['start'])}人 → {man(got['end'])}人", bands=(tol,))
    held = ", ".join(f"{r.basis.split('_')[0]} {r.period}: {man(r.value)}"
                     for r in annual.sort_values("period").itertuples())
    held_ja = "、".join(f"{r.period}{'年度' if r.basis.startswith('fiscal') else '暦年'} "
                       f"{man(r.value)}人" for r in annual.sort_values("period").itertuples())
    bounds = haneda_bounds(intl, p["bounds"])
    b_en, b_ja = [], []
    for b in bounds:
        year = p[b.target]
        claimed = claim.claimed[b.target]
        kind = "fiscal" if b.basis.startswith("fiscal") else "calendar"
        kind_ja = "年度" if kind == "fiscal" else "暦年"
        rel = (claimed / b.central - 1) * 100
        gap = 0.0 if b.low <= claimed <= b.high else min(abs(claimed - b.low),
                                                          abs(claimed - b.high))
        inside = tol.accepts(gap)  # the plan's own rounding (万人) counts as inside
        how = (f"×{b.factor}" if b.relation == "multiple" else f"+{b.factor} %")
        b_en.append(
            f"{kind} {year} ≈ {man(b.central)} ({man(b.low)}–{man(b.high)}; {kind} {b.period} {man(b.from_value)} "
            f"and the quoted {how}): the plan's {man(claimed)} is "
            + ("inside (consistent on this reading)" if inside else
               f"{pct(rel, 1)} off (not this reading)"))
        b_ja.append(
            f"{year}{kind_ja}は約{man(b.central)}人（{man(b.low)}～{man(b.high)}人。{b.period}{kind_ja} "
            f"{man(b.from_value)}人と記事の{how}から）：計画の{man(claimed)}人は"
            + ("範囲内（この読み方なら整合）" if inside else f"{pct(rel, 1)}ずれる（この読み方ではない）"))
    en = (f"the data hold no annual international passenger count for {p['start']} or "
          f"{p['end']} (calendar or fiscal year). Held: {held}. Bounds implied by the shipped "
          f"figures: {'; '.join(b_en)}. The claimed growth "
          f"(×{claim.claimed['end'] / claim.claimed['start']:.1f}) fits the later levels but "
          "the two counts themselves cannot be checked.")
    ja = (f"データには{p['start']}年・{p['end']}年（暦年・年度とも）の国際線旅客数の年間値がない。"
          f"保有：{held_ja}。データから導かれる範囲：{'；'.join(b_ja)}。増加の倍率"
          f"（×{claim.claimed['end'] / claim.claimed['start']:.1f}）は後年の水準と整合するが、"
          "2つの値そのものは検証できない。")
    return CheckOutcome(None, "unverifiable", en, ja, sorted({b.source for b in bounds}
                                                        | set(source_list(annual))),
                   "no count for 2009 / 2016 (bounds in the note)",
                   "2009年・2016年の値なし（範囲は説明欄）", bands=(tol,))
