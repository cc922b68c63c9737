"""Checks of the census figures of Chapter 2: totals and changes, with the release
(速報 / 確報) the plan names against the one the data hold."""

from __future__ import annotations

from ...errors import ComparabilityError
from ..compare import select
from ..trends import change
from .census_basis import basis_evidence
from .numfmt import num, pct, signed
from .outcome import DATA_VINTAGE_JA, CheckOutcome, Data, source_list
from .registry import Claim, Tolerance


def vintage_verdict(claim: Claim, matches: bool, diff: float, base: float,
                    data_vintage: str) -> tuple[str, tuple[Tolerance, ...]]:
    """Return the status of a census figure, allowing another release where declared.

    ``confirmed`` when it matches; ``confirmed_other_vintage`` only when the plan names a
    release (``claimed_vintage``), the data hold a *different* one and |diff| / base is
    inside the declared ``vintage_tolerance``; otherwise ``contradicted``.

    Parameters
    ----------
    claim : Claim
        The claim (its ``claimed_vintage`` and ``vintage_tolerance``).
    matches : bool
        Whether the data reproduce the claim within its own tolerance(s).
    diff : float
        Data − plan (a count: establishments or persons).
    base : float
        The level the revision is measured against (the plan's figure).
    data_vintage : str
        The release the data hold (their ``status``: ``final``, ``preliminary`` …).

    Returns
    -------
    status : str
        ``confirmed``, ``confirmed_other_vintage`` or ``contradicted``.
    bands : tuple of Tolerance
        The vintage band if it was applied, else empty.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import load_registry
    >>> from kawasaki_econ.analysis.claims.census_checks import vintage_verdict
    >>> claim = load_registry()[0]  # 41,028 establishments (速報); the data: 40,934 (確報)
    >>> status, bands = vintage_verdict(claim, False, 40934 - 41028, 41028, "final")
    >>> status, [band.describe() for band in bands]
    ('confirmed_other_vintage', ['±1 % (relative)'])
    """
    if matches:
        return "confirmed", ()
    vt = claim.vintage_tolerance
    other = bool(claim.claimed_vintage) and claim.claimed_vintage != data_vintage
    if vt is not None and other:
        ok = vt.accepts(diff / base * 100)
        return ("confirmed_other_vintage" if ok else "contradicted"), (vt,)
    return "contradicted", ()


def check_census_total(claim: Claim, data: Data) -> CheckOutcome:
    """Check a census total (establishments or employees) of one area and census year.

    The data's figure of the claim's scope (SSDSE-A; ``private`` = 民営) against the
    claim's ``tolerance``; another release (確報 for the plan's 速報) is accepted within
    ``vintage_tolerance`` (:func:`vintage_verdict`). With ``basis``, the explanation adds
    the national evidence on the basis of the plan's figure
    (:func:`~.census_basis.basis_evidence`).

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``area`` (5-digit code), ``year``
        (census year), ``measure`` ('establishments' / 'employees'), ``scope``
        ('private' / 'all'); optional ``basis`` (bool) or ``basis_note_en`` and
        ``basis_note_ja``.
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: the data's count (None, and ``unverifiable``, when the data
        hold none).

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-2016"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('confirmed_other_vintage', '40,934 establishments (final)')
    """
    p = claim.params
    rows = select(data.census, measure=p["measure"], years=(p["year"],), areas=[p["area"]])
    rows = rows[rows["scope"] == p["scope"]]
    if rows.empty:
        return CheckOutcome(None, "unverifiable",
                       f"no {p['scope']} {p['measure']} for {p['year']} in the data",
                       f"{p['year']}年の該当データ（{p['scope']}）がありません")
    value = int(rows["value"].iloc[0])
    vintage = str(rows["status"].iloc[0])
    diff = value - claim.claimed
    status, bands = vintage_verdict(claim, claim.tolerance.accepts(diff), diff, claim.claimed,
                                    vintage)
    bands = (claim.tolerance, *bands)
    rel = diff / claim.claimed * 100
    unit_ja = claim.unit_ja
    en = (f"the plan quotes the {claim.claimed_vintage} figure {num(claim.claimed)}; the data "
          f"hold the {vintage} figure {num(value)} (difference {signed(diff)}, {pct(rel, 2)})")
    ja = (f"計画は{DATA_VINTAGE_JA.get(claim.claimed_vintage or '', '')}値 {num(claim.claimed)} "
          f"{unit_ja}、データは{DATA_VINTAGE_JA.get(vintage, vintage)}値 {num(value)} {unit_ja}"
          f"（差 {signed(diff)}、{pct(rel, 2)}）")
    vt = claim.vintage_tolerance
    if vt is not None and any(b is vt for b in bands):
        inside = status == "confirmed_other_vintage"
        en += (f", {'within' if inside else 'outside'} the declared revision band "
               f"{vt.describe('en')}")
        ja += (f"。公表版の違いとして許容する改定幅（{vt.describe('ja')}）の"
               f"{'範囲内' if inside else '範囲外'}")
    if p.get("basis"):
        ev = basis_evidence(data.census, claim, value)
        en += ". " + ev.en
        ja += "。" + ev.ja
    elif "basis_note_en" in p:
        en += ". " + p["basis_note_en"]
        ja += "。" + p["basis_note_ja"]
    return CheckOutcome(value, status, en + ".", ja + "。", source_list(rows),
                   shown_en=f"{num(value)} {claim.unit_en} ({vintage})",
                   shown_ja=f"{num(value)} {unit_ja}（{DATA_VINTAGE_JA.get(vintage, vintage)}）",
                   bands=bands)


def check_census_change(claim: Claim, data: Data) -> CheckOutcome:
    """Check the change of a census total between two census years.

    The change and the % change (:func:`~kawasaki_econ.analysis.trends.change`) against
    ``tolerance`` and ``pct_tolerance``. Census years of different scope (2014 all
    establishments, basic survey; 2016 private, activity survey) are not compared: the
    claim is ``unverifiable``, and the explanation gives the forced, non-comparable
    figure.

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``area``, ``start`` and ``end``
        (census years), ``measure_name`` ('establishments' / 'employees') and
        ``claimed_end`` (the plan's figure of ``end``).
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: ``change`` and ``pct_change`` (%), or, when the years are
        not comparable, ``start_other_scope`` and ``end``.

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-change-2014-2016"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('unverifiable', '2014 (all establishments) 43,149 → 2016 (private) 40,934 ...')
    """
    p = claim.params
    measure = p["measure_name"]
    rows = select(data.census, measure=measure, years=(p["start"], p["end"]), areas=[p["area"]])
    implied_start = p["claimed_end"] - claim.claimed["change"]
    u_ja, u_en = claim.unit_ja, claim.unit_en
    try:
        res = change(rows, p["start"], p["end"])
    except ComparabilityError:  # its message is for programmers; the note says it in words
        forced = change(rows, p["start"], p["end"], override=True).iloc[0]
        en = (f"the plan's base is the {p['start']} private-sector figure implied as "
              f"{num(implied_start)} ({num(p['claimed_end'])} + "
              f"{num(abs(claim.claimed['change']))}); the data hold no {p['start']} "
              f"private-sector {measure} for this area, and the two figures differ in scope: "
              f"{p['start']} covers all establishments (public ones included, basic survey), "
              f"{p['end']} private ones only (activity survey), so the change is not computed. "
              f"(Forced, "
              f"it would give {signed(forced['change'])}, {pct(forced['change_pct'])} — not "
              "comparable.)")
        ja = (f"計画の比較基準は{p['start']}年の民営の値（{num(p['claimed_end'])} + "
              f"{num(abs(claim.claimed['change']))} = {num(implied_start)} {u_ja}と逆算）。"
              f"データの{p['start']}年は全事業所（公務を含む、経済センサス‐基礎調査）の値しかなく、"
              f"{p['end']}年（民営、活動調査）とは範囲が異なるため比較できません（強行すると "
              f"{signed(forced['change'])} {u_ja}、{pct(forced['change_pct'])}。比較不能）。")
        computed = {"start_other_scope": int(forced["value_start"]),
                    "end": int(forced["value_end"])}
        shown_en = (f"{p['start']} (all establishments) {num(forced['value_start'])} → "
                    f"{p['end']} (private) {num(forced['value_end'])} {u_en}: not comparable")
        shown_ja = (f"{p['start']}年（全事業所）{num(forced['value_start'])} → {p['end']}年（民営）"
                    f"{num(forced['value_end'])} {u_ja}：比較不能")
        return CheckOutcome(computed, "unverifiable", en, ja, source_list(rows), shown_en, shown_ja)
    r = res.iloc[0]
    ends = rows.set_index("census_year")["status"].astype(str)
    data_vintage = str(ends.get(p["end"], "unknown"))
    pct_band = claim.pct_tolerance or claim.tolerance
    diff = r["change"] - claim.claimed["change"]
    matches = claim.tolerance.accepts(diff) and pct_band.accepts(
        r["change_pct"] - claim.claimed["pct_change"])
    status, bands = vintage_verdict(claim, matches, diff, p["claimed_end"], data_vintage)
    computed = {"change": int(r["change"]), "pct_change": round(r["change_pct"], 2)}
    en = f"data: {signed(r['change'])} ({pct(r['change_pct'], 2)}), {p['end']} {data_vintage}"
    ja = f"データ：{signed(r['change'])} {u_ja}（{pct(r['change_pct'], 2)}）"
    return CheckOutcome(computed, status, en, ja, source_list(rows),
                   f"{signed(r['change'])} {u_en} ({pct(r['change_pct'], 1)})",
                   f"{signed(r['change'])} {u_ja}（{pct(r['change_pct'], 1)}）",
                   bands=(claim.tolerance, pct_band, *bands))
