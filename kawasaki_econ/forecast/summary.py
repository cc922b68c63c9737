"""Text and HTML views of an :class:`~kawasaki_econ.forecast.result.AttainmentResult` in
Japanese (default) or English: the headline, ``summary()`` and the notebook view. The
wording of the target, the probability and the model comes from
:mod:`~kawasaki_econ.forecast.wording`; the assumption notes are
:class:`~kawasaki_econ.forecast.wording.Note` objects shown in the language asked for."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..lang import tr
from .display import unit_frame
from .wording import (
    amount,
    goal_phrase,
    model_line,
    note_text,
    plain_sentence,
    probability_title,
)


def _pct(v, lang: str = "en") -> str:
    if v is None or not np.isfinite(v):
        return tr("算出不可", "n/a", lang)
    return f"{v:+.1%}"


def headline(res, lang: str = "ja") -> str:
    """The verdict for a passed target year, else the probability with its Monte-Carlo
    interval and the distribution of the value at the target year."""
    if res.verdict is not None:
        return res.verdict.words(lang)
    lo, hi = res.probability_interval
    tf = res.target_forecast
    return (probability_title(res, lang)
            + tr(f"（モンテカルロ誤差 {lo:.1%}〜{hi:.1%}）。中央値 "
                 f"{amount(tf['median'], res.unit, 'ja')}、95%区間 "
                 f"{amount(tf['lo95'], res.unit, 'ja')}〜{amount(tf['hi95'], res.unit, 'ja')}",
                 f" (Monte-Carlo {lo:.1%} – {hi:.1%}); median "
                 f"{amount(tf['median'], res.unit, 'en')}, 95 % "
                 f"{tf['lo95']:,.0f} – {tf['hi95']:,.0f}", lang))


def html_view(res, lang: str = "ja") -> str:
    """Notebook view: headline, plain sentence, table, model line, assumptions."""
    esc = html.escape
    title = esc(res.name or res.indicator_id or tr("指標", "indicator", lang))
    parts = [f"<h4>{title}</h4>", f"<p><b>{esc(headline(res, lang))}</b></p>"]
    if res.verdict is None:
        parts.append(f"<p>{esc(plain_sentence(res, lang))}</p>")
    if res.scenario:
        parts.append("<p><i>" + esc(tr("シナリオ（仮定したばらつき）: 確率の推定ではない",
                                       "scenario (assumed spread): not an estimated "
                                       "probability", lang)) + "</i></p>")
    elif res.assumption_driven:
        parts.append("<p><i>" + esc(tr("前提（仮定）に強く依存する結果",
                                       "assumption-driven: the result rests on assumed inputs",
                                       lang)) + "</i></p>")
    if res.target_reading:
        parts.append(f"<p>{esc(tr(*res.target_reading, lang))}</p>")
    table = res.annual if res.annual is not None and not res.annual.empty else None
    if res.driver is not None or table is None:
        table = res.forecast
    if table is not None and len(table):
        shown = unit_frame(table, res.unit).display_frame().tail(12)
        parts.append(shown.to_html(index=False))
    parts.append(f"<p>{esc(model_line(res.model, res.backtest, lang))}</p>")
    items = "".join(f"<li>{esc(note_text(a, lang))}</li>" for a in res.assumptions)
    label = tr("前提と注記", "assumptions", lang)
    parts.append(f"<details><summary>{label} ({len(res.assumptions)})</summary>"
                 f"<ul>{items}</ul></details>")
    return "\n".join(parts)


def _lab(ja: str, en: str, lang: str) -> str:
    """A summary line's label, aligned: ``Target      : `` / ``目標　　　: ``."""
    return f"{ja}：" if lang == "ja" else f"{en:<12s}: "


def _rows(res, lang: str) -> list[str]:
    """The labelled lines of the summary."""
    lo, hi = res.probability_interval
    tf = res.target_forecast
    label = f" ({res.target_label})" if res.target_label else ""
    lines = [_lab("目標", "Target", lang) + goal_phrase(res, lang) + label]
    if res.target_reading:
        lines.append(_lab("目標の読み", "Read as", lang) + tr(*res.target_reading, lang))
    if res.verdict is not None:
        lines.append(_lab("判定", "Verdict", lang) + res.verdict.words(lang))
    else:
        what = tr("シナリオ", "Scenario", lang) if res.scenario else tr("確率", "Probability", lang)
        lines.append(
            _lab(what, what, lang) + f"{res.probability:.1%}  "
            + tr(f"（モンテカルロ誤差の95%区間 {lo:.1%}〜{hi:.1%}、{res.n_sims:,}本、"
                 f"seed {res.seed}）",
                 f"(Monte-Carlo 95 % interval {lo:.1%} – {hi:.1%}, {res.n_sims:,} paths, "
                 f"seed {res.seed})", lang))
        lines.append(_lab("意味", "Meaning", lang) + plain_sentence(res, lang))
    if res.as_of:
        lines.append(_lab("時点", "As of", lang) + tr(f"{res.as_of}（その時点で公表済みのデータのみ）",
                                                     f"{res.as_of} (only data published by "
                                                     "then)", lang))
    if res.scenario:
        lines.append(tr("*** シナリオ: 観測が少なく、ばらつきは仮定値。確率の推定ではない ***",
                        "*** SCENARIO: too few observations; the spread is assumed, this is "
                        "not an estimated probability ***", lang))
    elif res.assumption_driven:
        lines.append(tr("*** 仮定に強く依存する結果（下の前提を参照） ***",
                        "*** ASSUMPTION-DRIVEN: the result rests on assumed inputs, see "
                        "below ***", lang))
    if res.verdict is None:
        lines.append(
            _lab(f"予測 {res.by}", f"Forecast {res.by}", lang)
            + tr(f"中央値 {amount(tf['median'], res.unit, 'ja')}、平均 "
               f"{amount(tf['mean'], res.unit, 'ja')}、80%区間 {tf['lo80']:,.0f}〜"
               f"{tf['hi80']:,.0f}、95%区間 {tf['lo95']:,.0f}〜{tf['hi95']:,.0f}",
               f"median {amount(tf['median'], res.unit, 'en')}; mean "
               f"{tf['mean']:,.0f}; 80 % {tf['lo80']:,.0f} – {tf['hi80']:,.0f}; 95 % "
               f"{tf['lo95']:,.0f} – {tf['hi95']:,.0f}", lang))
    lines.append(_lab("モデル", "Model", lang) + model_line(res.model, res.backtest,
                                                                      lang))
    lines.append(_lab("区間の較正", "Calibration", lang) + note_text(res.model["calibration"],
                                                                     lang))
    rg = res.required_growth
    if res.verdict is None and rg is not None and len(rg) and pd.notna(rg.get("required")):
        per = {"fiscal year": "年度", "year": "年"}.get(rg["per"], rg["per"])
        lines.append(_lab("必要な伸び", "Growth needed", lang) + tr(
            f"{rg['from_period']}（{rg['from_value']:,.0f}）から{rg['periods']}"
            f"{per}で毎{per} {rg['required']:+.1%}。これまでの伸び"
            f"{'（説明系列）' if rg.get('history_of') else ''}: 全期間 "
            f"{_pct(rg.get('historical'), 'ja')}、直近 {_pct(rg.get('recent'), 'ja')}",
            f"{rg['required']:+.1%} per {rg['per']} from {rg['from_period']} "
            f"({rg['from_value']:,.0f}) over {rg['periods']} {rg['per']}(s); "
            f"history{' of the driver' if rg.get('history_of') else ''} "
            f"{_pct(rg.get('historical'))} per {rg['per']} (all observations), "
            f"{_pct(rg.get('recent'))} (recent)", lang))
    return lines


def summary_text(res, lang: str = "ja") -> str:
    """The plain-text report (``AttainmentResult.summary``)."""
    title = res.name or tr("指標", "indicator", lang)
    lines = [tr(f"目標達成の見通し: {title}", f"Attainment: {title}", lang), "=" * 78]
    lines += _rows(res, lang)
    if res.driver is not None and res.verdict is not None and len(res.driver.implied):
        lines += ["", tr("年ごとの推計値（説明系列の実績 × 比率、比率の不確かさ）:",
                         "Implied indicator by year (driver total × share; share "
                         "uncertainty):", lang)]
        for r in res.driver.implied.tail(8).itertuples():
            lines.append(f"  {r.period:8s} median {r.median:>12,.0f}  95 % "
                         f"{r.lo95:>12,.0f} – {r.hi95:>12,.0f}")
    if len(res.model_probabilities) > 1:
        mp = ", ".join(f"{k} {v:.0%}" for k, v in res.model_probabilities.items())
        lines.append(_lab("モデル別", "By model", lang) + mp)
    if res.backtest is not None and not res.backtest.empty:
        lines += ["", tr("ローリング・オリジンのバックテスト（MASE、較正前の区間の的中率）:",
                         "Rolling-origin backtest (MASE; uncalibrated interval coverage):",
                         lang)]
        for name, row in res.backtest.iterrows():
            mark = tr(" <- 採用", " <- chosen", lang) if name == res.model["name"] else ""
            lines.append(
                f"  {name:12s} MASE {row['mase']:6.2f}  cov80 {row['coverage80']:5.0%}"
                f"  cov95 {row['coverage95']:5.0%}  origins {int(row['n_origins'])}{mark}"
            )
    if res.hindcast is not None and not res.hindcast.empty:
        lines += ["", tr("事後検証（カットオフ時点の予測と、その後公表された実績）:",
                         "Hindcast (forecast as of the cut-off vs actual published later):",
                         lang)]
        shown = res.hindcast
        annual_rows = shown[shown["period"].astype(str).str.match(r"^(FY|CY)\d{4}$")]
        if len(shown) > 24 and len(annual_rows):
            lines.append(
                f"  ({len(shown) - len(annual_rows)} monthly rows in .hindcast; annual totals:)"
            )
            shown = annual_rows
        for _, r in shown.iterrows():
            lines.append(
                f"  {str(r['period']):10s} actual {r['actual']:>14,.0f}  median "
                f"{r['median']:>14,.0f}  80 % {'in ' if r['in80'] else 'OUT'}  95 % "
                f"{'in ' if r['in95'] else 'OUT'}  error {r['error_pct']:+.0%}"
            )
    lines += ["", tr("前提と注記:", "Assumptions:", lang)]
    lines += [f"  - {note_text(a, lang)}" for a in res.assumptions]
    return "\n".join(lines)
