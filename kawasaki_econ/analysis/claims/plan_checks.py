"""Statements that are the plan's own (targets, periods, its own procedure) and
statements whose only source is one the project does not ship."""

from __future__ import annotations

from .numfmt import num
from .outcome import DATA_VINTAGE_JA, CheckOutcome, Data, source_list
from .registry import Claim


def _fmt_target(v: float) -> str:
    return num(v, 1) if v != int(v) else num(v)


def check_target_change(claim: Claim, data: Data) -> CheckOutcome:
    """Check a change of target: a decision of the plan, ``plan_statement``.

    The kpi table's targets are transcribed from this same document, so they are
    compared (with ``tolerance``) only as a check of the transcription, never as
    evidence.

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``indicator`` (the kpi table's
        ``indicator_id``).
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: the transcribed targets (``draft_target``, ``target``).

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["sec3-target-consumer-consultation"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('plan_statement', 'transcribed: 98 → 99 %')
    """
    p = claim.params
    k = data.kpi[data.kpi["indicator_id"] == p["indicator"]]
    targets = k[k["kind"].isin(["draft_target", "target"])]
    got = {kind: float(v) for kind, v in zip(targets["kind"], targets["value"], strict=True)}
    same = all(claim.tolerance.accepts(got.get(kind, float("nan")) - claim.claimed[kind])
               for kind in ("draft_target", "target"))
    en = ("a policy decision of the plan itself: the kpi table holds these targets only as "
          "transcribed from this same document (plan_kpi_targets.csv), which is not "
          f"independent evidence; the transcription {'matches' if same else 'DIFFERS'}.")
    ja = ("計画自身の政策判断（目標値の変更）。kpi表の目標値は同じ資料から転記したもの"
          "（plan_kpi_targets.csv）で独立した根拠ではない。転記は"
          f"{'記述と一致' if same else '記述と異なる'}。")
    shown = " → ".join(_fmt_target(got[k]) for k in ("draft_target", "target") if k in got)
    return CheckOutcome(got, "plan_statement", en, ja, source_list(targets),
                   f"transcribed: {shown} {claim.unit_en}", f"転記：{shown} {claim.unit_ja}",
                   bands=(claim.tolerance,))


def check_kpi_reached(claim: Claim, data: Data) -> CheckOutcome:
    """Check a stated observation of an indicator (e.g. 'already exceeded 190,000').

    Confirmed or contradicted only by observations of that indicator inside the stated
    period (fiscal years: FY2016 = April 2016 – March 2017); otherwise ``unverifiable``,
    listing the observations held.

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``indicator``, ``above`` (the level
        stated), ``period`` ([first, last] year) and ``period_type`` ('fiscal_year' /
        'calendar_year').
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed``: the largest value inside the period, or None.

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["sec3-foreign-hotel-guests-exceeded"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('unverifiable', 'no value for FY2016–FY2017')
    """
    p = claim.params
    k = data.kpi[(data.kpi["indicator_id"] == p["indicator"]) & (data.kpi["kind"] == "actual")]
    lo, hi = p["period"]
    inside = k[(k["period_type"] == p["period_type"]) & k["period"].astype(int).between(lo, hi)]
    obs_en = "; ".join(f"{r.period_type} {r.period}: {num(r.value)} ({r.status})"
                       for r in k.itertuples()) or "none"
    obs_ja = "；".join(f"{r.period}（{'年度' if r.period_type == 'fiscal_year' else '暦年'}）"
                      f"{num(r.value)}（{DATA_VINTAGE_JA.get(r.status, r.status)}）"
                      for r in k.itertuples()) or "なし"
    if inside.empty:
        en = (f"the data hold no value of {p['indicator']} for FY{lo}–FY{hi}, so whether it "
              f"exceeded {num(p['above'])} cannot be checked; observations held: {obs_en}. "
              "Kawasaki's own yearly series was not obtained (see the data README).")
        name = str(k["name_ja"].iloc[0]) if len(k) else p["indicator"]
        ja = (f"{lo}～{hi}年度の「{name}」の値がデータになく、"
              f"{num(p['above'])}人を上回ったかは検証できない。保有する観測値：{obs_ja}。"
              "市の年次系列は入手できていない。")
        return CheckOutcome(None, "unverifiable", en, ja, source_list(k),
                       f"no value for FY{lo}–FY{hi}", f"{lo}～{hi}年度の値なし")
    peak = float(inside["value"].max())
    ok = peak - p["above"] > 0
    en = f"FY{lo}–FY{hi} maximum {num(peak)} vs {num(p['above'])}"
    return CheckOutcome(peak, "confirmed" if ok else "contradicted", en,
                   f"{lo}～{hi}年度の最大値 {num(peak)}（基準 {num(p['above'])}）",
                   source_list(inside), num(peak), num(peak))


def check_plan_arithmetic_only(claim: Claim, data: Data) -> CheckOutcome:
    """Mark the plan's own periods, counts and dates: ``plan_statement``.

    No external data speak to them; their arithmetic is checked separately (the
    registry's ``arithmetic``, :func:`~kawasaki_econ.analysis.claims.check_arithmetic`).

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: not read.
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed`` None, ``status`` ``plan_statement``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["sec1-comment-period-days"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('plan_statement', '—')
    """
    return CheckOutcome(None, "plan_statement",
                   "the plan's own statement: internal consistency only (see the plan "
                   "arithmetic); no external data speak to it.",
                   "計画自身の記述。内部の整合（計画内の計算）のみ確認でき、外部データとは照合できない。",
                   shown_en="—", shown_ja="—")


def check_no_shipped_source(claim: Claim, data: Data) -> CheckOutcome:
    """Mark a statement whose only source is not shipped: ``unverifiable``.

    E.g. a survey report or an organiser's count; the explanation is the registry's
    reason.

    Parameters
    ----------
    claim : Claim
        The claim; ``claim.params``: ``reason_en`` and ``reason_ja``.
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        ``computed`` None, ``status`` ``unverifiable``.

    Raises
    ------
    KeyError
        If ``claim.params`` lacks a parameter the check reads.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch2-survey-olympics-share"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.shown_en
    ('unverifiable', 'no shipped source')
    """
    p = claim.params
    return CheckOutcome(None, "unverifiable", p["reason_en"], p["reason_ja"],
                   shown_en="no shipped source", shown_ja="照合できる資料なし")
