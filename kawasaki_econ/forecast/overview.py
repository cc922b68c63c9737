"""The plan's indicators at a glance: what data exist, the status of every indicator ×
target (met / missed / probability of meeting it / no data), and the hindcast of the
foreign-guest target in plain words (notebook 06, ``kawasaki-econ forecast --all``).

Everything here is computed from the ``kpi`` table and :func:`forecast_indicator`; the
notebook only displays it.
"""

from __future__ import annotations

import pandas as pd

from ..errors import ForecastError
from .indicators import forecast_indicator, targets


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
        text = (f"{res.as_of} 時点で公表されていたデータだけを使うと、{res.by}に目標"
                f"（{res.direction} {res.target:,.0f}）を達成する確率は {res.probability:.0%} "
                f"と見込まれた（中央値 {tf['median']:,.0f}、95%区間 {tf['lo95']:,.0f}〜"
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
    text = (f"Using only data published by {res.as_of}, the probability of meeting the "
            f"target ({res.direction} {res.target:,.0f}) in {res.by} was {res.probability:.0%} "
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


def status_board(*, n_sims: int = 10_000, seed: int = 0,
                 kpi: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator × target (final and draft targets of the ``kpi`` table):

    * ``status``: ``met`` / ``missed`` (target year passed: ``value`` is the observed value,
      or in driver mode the implied one with its 95 % interval ``lo95 – hi95``, and
      ``probability`` the probability it was met given the share's uncertainty),
      ``forecast`` (``probability`` of meeting it with its Monte-Carlo interval
      ``probability_lo – probability_hi``; ``value`` the median forecast at ``by``),
      ``no data`` (nothing to forecast from: ``note`` says why and how to add history) or
      ``no target`` (an indicator with observations but no target).
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
                        "note": "no target in the kpi table; forecast one with "
                                "`kawasaki-econ forecast --indicator ID --target VALUE --by FY…`"})
            continue
        for t in found:
            row = {"indicator_id": ident, "name_ja": name, "unit": t.unit, "kind": t.kind,
                   "target_label": t.label, "by": t.by, "direction": t.direction,
                   "target": t.value}
            try:
                res = forecast_indicator(ident, target=t.value, by=t.by, direction=t.direction,
                                         n_sims=n_sims, seed=seed)
            except ForecastError as exc:
                note = str(exc)
                if "kpi template" not in note and (group["kind"] == "actual").sum() == 0:
                    note += (". Add the yearly values with `kawasaki-econ kpi template FILE.xlsx`"
                             ", fill it in, then `kawasaki-econ kpi import FILE.xlsx`")
                row.update(status="no data", note=note)
                out.append(row)
                continue
            lo, hi = res.probability_interval
            if res.verdict is not None:
                v = res.verdict
                row.update(status=v.status, basis=v.basis, probability=v.probability_met,
                           value=v.value, lo95=v.interval95[0], hi95=v.interval95[1],
                           note=v.words("en"))
            else:
                tf = res.target_forecast
                row.update(status="forecast", basis="forecast", probability=res.probability,
                           probability_lo=lo, probability_hi=hi, value=tf["median"],
                           lo95=tf["lo95"], hi95=tf["hi95"],
                           note=("assumption-driven; " if res.assumption_driven else "")
                           + f"model {res.model.get('name')}")
            out.append(row)
    return pd.DataFrame(out, columns=BOARD_COLUMNS)
