"""The plan's indicators at a glance: what data exist, the status of every indicator ×
target (met / missed / probability of meeting it / no forecast), and the hindcast of the
foreign-guest target in plain words (notebook 06, ``kawasaki-econ forecast --all``).

Everything here is computed from the ``kpi`` table and :func:`forecast_indicator`; the
notebook only displays it.
"""

from __future__ import annotations

import pandas as pd

from ..errors import ForecastError
from ..lang import tr
from .display import unit_frame
from .indicators import forecast_indicator, related_note, targets
from .options import MIN_OBSERVATIONS, TooFewObservations
from .targets import stored_base, stored_relative
from .wording import target_phrase


def plan_indicators(kpi: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator with a final target: target, target year, and the
    observations the data hold (count, periods with their status, sources)."""
    if kpi is None:
        from ..build import load

        kpi = load("kpi")
    rows = []
    for ident, group in kpi.groupby("indicator_id", sort=True):
        target = group[group["kind"] == "target"]
        if target.empty:
            continue
        t = target.sort_values("period").iloc[-1]
        draft = group[group["kind"] == "draft_target"]
        actual = group[(group["kind"] == "actual") & group["period"].notna()].sort_values(
            "period")
        held = ", ".join(
            f"{'FY' if r.period_type == 'fiscal_year' else 'CY'}{int(r.period)}: "
            f"{r.value:,.0f} ({r.status})" for r in actual.itertuples())
        rows.append({
            "indicator_id": ident,
            "name_ja": t["name_ja"],
            "unit": t["unit"],
            "draft_target": float(draft["value"].iloc[-1]) if len(draft) else None,
            "target": float(t["value"]),
            "target_year": f"FY{int(t['period'])}",
            "n_observations": len(actual),
            "observations": held or "none",
            "sources": "; ".join(sorted(set(actual["source"].astype(str))
                                        | set(target["source"].astype(str)))),
        })
    return pd.DataFrame(rows)


def hindcast_words(res, lang: str = "ja") -> str:
    """The hindcast of a driver-mode result (``as_of`` given) in plain words: what the
    forecast said at the cut-off, and what happened to the driver and the implied
    indicator afterwards."""
    if res.hindcast is None or res.hindcast.empty or not res.driver:
        return ("実績値がまだ無いため、事後検証はできません。" if lang == "ja"
                else "No actual value published after the cut-off: no hindcast possible.")
    hc = res.hindcast
    annual = hc[hc["period"].astype(str).str.startswith("FY")]
    tf, share = res.target_forecast, float(res.driver.share)
    label = next((a.split(": ", 1)[1] for a in res.assumptions if a.startswith("driver: ")),
                 "the driver series")
    target_row = annual[annual["period"].astype(str) == res.by]
    missed = annual[~annual["in95"]]
    if lang == "ja":
        goal = target_phrase(res.target, res.direction, res.by, res.unit, "ja")
        text = (f"{res.as_of} 時点で公表されていたデータだけを使うと、目標（{goal}）を"
                f"達成する確率は {res.probability:.0%} と見込まれた（中央値 {tf['median']:,.0f}、95%区間 {tf['lo95']:,.0f}〜"
                f"{tf['hi95']:,.0f}）。")
        if len(missed):
            parts = "、".join(f"{r.period} は {r.actual:,.0f}（予測中央値 {r.median:,.0f}）"
                             for r in missed.itertuples())
            text += f"実際には、{label} が {parts} と95%区間を大きく外れた。"
        if len(target_row):
            implied = float(target_row["actual"].iloc[0]) * share
            met = implied >= res.target if res.direction.startswith(">") else implied <= res.target
            text += (f"同じ比率（{share:.4f}）で換算した {res.by} の値は約 {implied:,.0f} で、"
                     f"目標は{'達成' if met else '未達'}。")
        return text
    goal = target_phrase(res.target, res.direction, res.by, res.unit, "en")
    text = (f"Using only data published by {res.as_of}, the probability of meeting the "
            f"target ({goal}) was {res.probability:.0%} "
            f"(median {tf['median']:,.0f}; 95 % interval {tf['lo95']:,.0f}–{tf['hi95']:,.0f}).")
    if len(missed):
        parts = "; ".join(f"{r.period} {r.actual:,.0f} (forecast median {r.median:,.0f})"
                          for r in missed.itertuples())
        text += (f" What happened: the driver ({label}) fell far outside the 95 % interval — "
                 f"{parts}.")
    if len(target_row):
        implied = float(target_row["actual"].iloc[0]) * share
        met = implied >= res.target if res.direction.startswith(">") else implied <= res.target
        text += (f" At the same share ({share:.4f}) the implied {res.by} value is about "
                 f"{implied:,.0f}: target {'met' if met else 'not met'}.")
    return text


#: Columns of :func:`status_board`.
BOARD_COLUMNS = ["indicator_id", "name_ja", "unit", "kind", "target_label", "by", "direction",
                 "target", "status", "basis", "probability", "probability_lo",
                 "probability_hi", "value", "lo95", "hi95", "note"]


def _why_not(ident: str, group: pd.DataFrame, t, exc: ForecastError, lang: str) -> str:
    """Why an indicator × target has no forecast, in ``lang``, with what to do."""
    actual = group[(group["kind"] == "actual") & group["period"].notna()]
    basis = actual["period_type"].mode().iloc[0] if len(actual) else None
    last = int(actual["period"].max()) if len(actual) else None
    years = ", ".join(f"{'FY' if r.period_type == 'fiscal_year' else 'CY'}{int(r.period)}"
                      for r in actual.sort_values("period").itertuples())
    parts = []
    if stored_relative(t.unit) and stored_base(t.unit) is None:
        parts.append(tr(f"目標は変化率（{t.value:+g}%、{t.unit}）で、基準年がデータにない",
                        f"the target is a change ({t.value:+g} %, {t.unit}) with no base year "
                        "in the data", lang))
    if basis == "calendar_year" and t.by.startswith("FY"):
        parts.append(tr(f"指標は暦年で集計（{years}）、目標は年度（{t.by}）",
                        f"the indicator is counted by calendar year ({years}) while the target "
                        f"is a fiscal year ({t.by})", lang))
    if isinstance(exc, TooFewObservations) and exc.n_obs:
        parts.append(tr(f"実績が{exc.n_obs}件（{years}）のみで、確率には{MIN_OBSERVATIONS}件以上"
                        "または説明系列が必要",
                        f"only {exc.n_obs} observation(s) ({years}); a probability needs "
                        f"{MIN_OBSERVATIONS} or a driver series", lang))
    if actual.empty:
        parts.append(tr("実績値がデータにない", "no observation in the data", lang))
        related = related_note(ident, lang)
        if related:
            parts.append(related)
    if not parts:
        return exc.text(lang)
    hint = ""
    if stored_relative(t.unit) and last is not None:
        hint = tr(f"。基準年を指定して `kawasaki-econ forecast --indicator {ident} --target "
                  f"+{t.value:g}% --base FY{last} --by {t.by}` で計算できる",
                  f". Run `kawasaki-econ forecast --indicator {ident} --target "
                  f"+{t.value:g}% --base FY{last} --by {t.by}` with an observed base year", lang)
    elif actual.empty or isinstance(exc, TooFewObservations):
        hint = tr("。年度ごとの実績を `kawasaki-econ kpi template FILE.xlsx` に記入し "
                  "`kawasaki-econ kpi import FILE.xlsx` で追加する",
                  ". Add the yearly values with `kawasaki-econ kpi template FILE.xlsx`, fill "
                  "it in, then `kawasaki-econ kpi import FILE.xlsx`", lang)
    return tr("予測なし: ", "no forecast: ", lang) + tr("、", "; ", lang).join(parts) + hint


def status_board(*, n_sims: int = 10_000, seed: int = 0, kpi: pd.DataFrame | None = None,
                 lang: str = "ja") -> pd.DataFrame:
    """One row per indicator × target (final and draft targets of the ``kpi`` table):

    * ``status``: ``met`` / ``missed`` (target year passed: ``value`` is the observed value,
      or in driver mode the implied one with its 95 % interval ``lo95 – hi95``, and
      ``probability`` the probability it was met given the share's uncertainty),
      ``forecast`` (``probability`` of meeting it with its Monte-Carlo interval
      ``probability_lo – probability_hi``; ``value`` the median forecast at ``by``),
      ``no forecast`` (``note`` says why — no observation, too few, a relative
      target without a base year, calendar vs fiscal year — and what to do) or
      ``no target`` (an indicator with observations but no target). ``note`` is in
      ``lang`` ('ja' or 'en').

    Printed (:class:`~kawasaki_econ.forecast.display.UnitFrame`), ``target``, ``value``,
    ``lo95`` and ``hi95`` are rounded to each row's ``unit`` and the probabilities shown as
    percentages; the values are unchanged.
    """
    if kpi is None:
        from ..build import load

        kpi = load("kpi")
    out = []
    for ident, group in kpi.groupby("indicator_id", sort=True):
        name = str(group["name_ja"].iloc[0])
        found = targets(group)
        if not found:
            out.append({"indicator_id": ident, "name_ja": name,
                        "unit": str(group["unit"].iloc[0]), "status": "no target",
                        "note": tr("目標なし: `kawasaki-econ forecast --indicator ID --target "
                                   "VALUE --by FY…` で任意の目標を計算できる",
                                   "no target in the kpi table; forecast one with "
                                   "`kawasaki-econ forecast --indicator ID --target VALUE "
                                   "--by FY…`", lang)})
            continue
        for t in found:
            row = {"indicator_id": ident, "name_ja": name, "unit": t.unit, "kind": t.kind,
                   "target_label": t.label, "by": t.by, "direction": t.direction,
                   "target": t.value}
            try:
                if stored_relative(t.unit):
                    res = forecast_indicator(ident, target_kind=t.kind, n_sims=n_sims,
                                             seed=seed)
                else:
                    res = forecast_indicator(ident, target=t.value, by=t.by,
                                             direction=t.direction, n_sims=n_sims, seed=seed)
            except ForecastError as exc:
                row.update(status="no forecast", note=_why_not(ident, group, t, exc, lang))
                out.append(row)
                continue
            lo, hi = res.probability_interval
            if res.verdict is not None:
                v = res.verdict
                row.update(status=v.status, basis=v.basis, probability=v.probability_met,
                           value=v.value, lo95=v.interval95[0], hi95=v.interval95[1],
                           note=v.words(lang))
            else:
                tf = res.target_forecast
                row.update(status="forecast", basis="forecast", probability=res.probability,
                           probability_lo=lo, probability_hi=hi, value=tf["median"],
                           lo95=tf["lo95"], hi95=tf["hi95"], note=res.meaning(lang))
            out.append(row)
    return unit_frame(pd.DataFrame(out, columns=BOARD_COLUMNS), None,
                      ["target", "value", "lo95", "hi95"],
                      shares=["probability", "probability_lo", "probability_hi"],
                      unit_column="unit")


#: Status words of the board.
STATUS_WORDS = {"met": ("達成", "met"), "missed": ("未達", "missed"),
                "forecast": ("予測", "forecast"), "no forecast": ("予測なし", "no forecast"),
                "no target": ("目標なし", "no target")}


def board_lines(board: pd.DataFrame, lang: str = "ja") -> list[str]:
    """The status board as text lines (``kawasaki-econ forecast --all``)."""
    lines = []
    for r in board.to_dict("records"):
        status = tr(*STATUS_WORDS.get(r["status"], (r["status"], r["status"])), lang)
        head = f"{r['indicator_id']} {r['name_ja']}"
        if r.get("target") is not None and r.get("by") and pd.notna(r.get("target")):
            label = f" ({r['target_label']})" if isinstance(r.get("target_label"), str) else ""
            if stored_relative(r["unit"]):
                what = tr(f"{r['by']}に{r['target']:+g}%（{r['unit']}）",
                          f"{r['target']:+g} % ({r['unit']}) in {r['by']}", lang)
            else:
                what = target_phrase(r["target"], r["direction"], r["by"], r["unit"], lang)
            head += f": {what}{label} [{r['kind']}]"
        lines.append(f"{status:9s} {head}")
        if r["status"] == "forecast":
            lines.append(f"          P = {r['probability']:.1%} ({r['probability_lo']:.1%} – "
                         f"{r['probability_hi']:.1%}); " + tr("中央値 ", "median ", lang)
                         + f"{r['value']:,.0f}, 95 % {r['lo95']:,.0f} – {r['hi95']:,.0f}")
        lines.append(f"          {r['note']}")
    return lines
