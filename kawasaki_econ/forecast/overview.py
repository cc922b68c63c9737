"""The plan's indicators at a glance: what data exist, the attainment probability of each,
and the hindcast of the foreign-guest target in plain words (notebook 06).

Everything here is computed from the ``kpi`` table and :func:`forecast_indicator`; the
notebook only displays it.
"""

from __future__ import annotations

import pandas as pd

from ..errors import ForecastError


def plan_indicators(kpi: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator with a final target: target, target year, and the
    observations the data hold (count, periods with their status, sources)."""
    if kpi is None:
        from .. import load

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


def attainment_table(as_of=None, *, n_sims: int = 10_000, seed: int = 0,
                     kpi: pd.DataFrame | None = None) -> pd.DataFrame:
    """For every indicator with a target: the probability of meeting it (with its
    Monte-Carlo interval and the forecast at the target year), or — where the data cannot
    support a forecast — the reason, and how to add the missing history."""
    from .indicators import forecast_indicator

    out = []
    for rec in plan_indicators(kpi).itertuples(index=False):
        row = {"indicator_id": rec.indicator_id, "name_ja": rec.name_ja,
               "target": rec.target, "target_year": rec.target_year,
               "n_observations": rec.n_observations}
        try:
            res = forecast_indicator(rec.indicator_id, as_of=as_of, n_sims=n_sims, seed=seed)
        except ForecastError as exc:
            note = str(exc)
            if rec.n_observations == 0 and "kpi template" not in note:
                note += (". Add the yearly values with `kawasaki-econ kpi template FILE.xlsx`, "
                         "fill it in, then `kawasaki-econ kpi import FILE.xlsx`")
            row.update(status="no forecast", probability=None, note=note)
        else:
            tf = res.target_forecast
            row.update(status="assumption-driven" if res.assumption_driven else "forecast",
                       probability=res.probability,
                       probability_lo=res.probability_interval[0],
                       probability_hi=res.probability_interval[1],
                       median=tf["median"], lo95=tf["lo95"], hi95=tf["hi95"],
                       model=res.model.get("name"), note=res.model.get("reason", ""))
        out.append(row)
    return pd.DataFrame(out)


def hindcast_words(res, lang: str = "ja") -> str:
    """The hindcast of a driver-mode result (``as_of`` given) in plain words: what the
    forecast said at the cut-off, and what happened to the driver and the implied
    indicator afterwards."""
    if res.hindcast is None or res.hindcast.empty or not res.driver:
        return ("実績値がまだ無いため、事後検証はできません。" if lang == "ja"
                else "No actual value published after the cut-off: no hindcast possible.")
    hc = res.hindcast
    annual = hc[hc["period"].astype(str).str.startswith("FY")]
    tf, share = res.target_forecast, float(res.driver["share"])
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
