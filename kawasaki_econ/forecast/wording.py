"""What a forecast says, in Japanese or English: the target, the probability with one plain
sentence on what it means and where its uncertainty comes from, and the model line (method,
backtest score, why it was chosen). Used by ``summary(lang=)``, ``_repr_html_``, the status
board and the figure titles, so that they all say the same thing.

The assumption notes of a result are :class:`Note` objects: each is written once where it
arises, in English and Japanese side by side (``Note(en, ja)``), and shown in the language
asked for by :func:`note_text`.
"""

from __future__ import annotations

import numpy as np

from ..lang import check_lang, tr
from .units import unit_label


class Note(str):
    """An assumption note in English and Japanese: the string itself is the English text
    (so JSON, searches and callers that expect ``str`` keep working) and ``ja`` the
    Japanese. ``Note(en, ja)``; :func:`note_text` picks the language."""

    ja: str

    def __new__(cls, en: str, ja: str) -> Note:
        obj = super().__new__(cls, en)
        obj.ja = ja
        return obj

    def __getnewargs__(self) -> tuple[str, str]:  # pickling and copies keep both texts
        return (str(self), self.ja)

    def text(self, lang: str) -> str:
        """The note in ``lang`` ('ja' or 'en')."""
        return tr(self.ja, str(self), lang)


#: The reason recorded when ``method`` names the model (the model line says so).
CALLER_CHOICE = Note("chosen by the caller", "呼び出し側が指定")
#: What is simulated, as named in notes and errors: the series itself or, in driver mode,
#: the driver series.
SERIES = Note("the series", "系列")
DRIVER = Note("the driver", "説明系列")


def note_text(note: str, lang: str) -> str:
    """A note in ``lang``: the Japanese half of a :class:`Note`, else the text as it is."""
    return note.text(lang) if isinstance(note, Note) else str(note)


def join_notes(sep_en: str, sep_ja: str, *parts: str) -> Note:
    """Notes (or plain text) joined into one :class:`Note`."""
    return Note(sep_en.join(str(p) for p in parts),
                sep_ja.join(note_text(p, "ja") for p in parts))


#: How a direction reads after a value (ja) or before it (en).
DIRECTION_WORDS = {">=": ("以上", "at least"), ">": ("超", "more than"),
                   "<=": ("以下", "at most"), "<": ("未満", "less than")}
#: Model names as an analyst reads them.
MODEL_NAMES = {
    "naive": ("前年値の据え置き（ナイーブ）", "last value carried forward (naive)"),
    "snaive": ("前年同月値（季節ナイーブ）", "same month last year (seasonal naive)"),
    "drift": ("これまでの平均的な伸びの延長（ドリフト）", "average past growth extended (drift)"),
    "trend": ("対数線形トレンド", "log-linear trend"),
    "ses": ("トレンドなしの指数平滑法（ETS）", "exponential smoothing without trend (ETS)"),
    "ets": ("減衰トレンド付きの指数平滑法（ETS）", "exponential smoothing with a damped trend (ETS)"),
    "theta": ("Theta法", "Theta method"),
    "arima": ("ARIMA", "ARIMA"),
    "combination": ("複数モデルの組合せ", "combination of models"),
    "observed": ("実績値", "observed value"),
}


def amount(value: float, unit: str | None, lang: str) -> str:
    """A value with its unit: ``30万人`` / ``300,000 persons``."""
    u = unit_label(unit, lang)
    if check_lang(lang) == "ja":
        if abs(value) >= 100_000:
            man = value / 10_000
            text = f"{man:,.0f}" if abs(man - round(man)) < 0.05 else f"{man:,.1f}"
            return f"{text}万{u}"
        return f"{value:,.0f}{u}"
    return f"{value:,.0f}" + (f" {u}" if u else "")


def target_phrase(target: float, direction: str, by: str, unit: str | None, lang: str) -> str:
    """``FY2027に30万人以上`` / ``at least 300,000 persons in FY2027``."""
    ja, en = DIRECTION_WORDS[direction]
    return tr(f"{by}に{amount(target, unit, 'ja')}{ja}",
              f"{en} {amount(target, unit, 'en')} in {by}", lang)


def goal_phrase(res, lang: str) -> str:
    """The target of a result: :func:`target_phrase` of its level, or for a relative target
    with an estimated base, the change over that base
    (``FY2030にFY2026（推計）比+10%以上`` / ``at least +10 % over FY2026 (estimated base)
    in FY2030``): its level is uncertain, so no single level is named."""
    rel = getattr(res, "relative", None)
    if rel is None or rel.basis != "estimated":
        return target_phrase(res.target, res.direction, res.by, res.unit, lang)
    ja, en = DIRECTION_WORDS[res.direction]
    return tr(f"{res.by}に{rel.read_as}（推計）比{rel.change:+g}%{ja}",
              f"{en} {rel.change:+g} % over {rel.read_as} (estimated base) in {res.by}", lang)


def probability_title(res, lang: str) -> str:
    """``FY2027に30万人以上となる確率 87 %`` / ``Probability of at least 300,000 persons in
    FY2027: 87 %``."""
    phrase = goal_phrase(res, lang)
    kind = tr("シナリオ上の割合" if res.scenario else "確率",
              "share of scenario paths" if res.scenario else "Probability", lang)
    pct = f"{res.probability * 100:.0f} %"
    return tr(f"{phrase}となる{kind} {pct}", f"{kind} of {phrase}: {pct}", lang)


def _spread_source(res, lang: str) -> str:
    """Where most of the uncertainty at the target comes from (plain words)."""
    if res.scenario:
        return tr("仮定した年々のばらつき（データから推定したものではない）",
                  "the assumed year-to-year spread (not estimated from data)", lang)
    sim = res.simulation
    if res.driver is not None:
        share_var = res.driver.share_log_sd ** 2
        drv = np.log(np.maximum(sim.target_draws, 1e-300))
        drv_var = float(np.var(drv))
        if share_var >= drv_var:
            return tr("指標が説明系列に占める比率の不確かさ（実績が少ないため）",
                      "the uncertain share of the indicator in its driver series (few "
                      "observations of the indicator)", lang)
        return tr("説明系列（神奈川県の外国人延べ宿泊者数など）の将来の変動",
                  "how the driver series itself may move", lang)
    fit = sim.fit
    years = sim.h
    if fit is not None and fit.floor is not None and len(fit.floor):
        if fit.floor[-1] >= fit.spread()[-1] - 1e-12:
            return tr(f"この系列（と比較系列）が{years}年程度の間に見せた変動の大きさ",
                      f"how much this series (and comparable ones) moved over {years}-year "
                      "spans", lang)
    return tr("過去の時点から予測していたら生じた誤差の大きさ（バックテスト）と、先の長さ",
              "how far forecasts made at past points of this series missed (backtest), "
              "widening with the distance ahead", lang)


def plain_sentence(res, lang: str) -> str:
    """One sentence: what the probability means and where its uncertainty comes from."""
    phrase = goal_phrase(res, lang)
    n = f"{res.n_sims:,}"
    p = f"{res.probability:.1%}"
    source = _spread_source(res, lang)
    if res.scenario:
        return tr(f"これは推定された確率ではなくシナリオです。仮定したばらつきで{n}通りの将来を"
                  f"描くと、{p}が{phrase}となります。結果はほぼ{source}で決まります。",
                  f"This is a scenario, not an estimated probability: of {n} futures drawn "
                  f"with an assumed spread, {p} reach {phrase}; the result is set mainly by "
                  f"{source}.", lang)
    return tr(f"{n}通りの将来のシミュレーションのうち{p}が{phrase}となります。"
              f"不確かさは主に{source}によります。",
              f"Of {n} simulated futures, {p} reach {phrase}; the spread comes mainly from "
              f"{source}.", lang)


def model_line(model: dict, backtest, lang: str) -> str:
    """Method, its backtest score and why it was chosen — one line."""
    name = str(model.get("name"))
    shown = tr(MODEL_NAMES.get(name, (name, name))[0], MODEL_NAMES.get(name, (name, name))[1],
               lang)
    if name == "observed":
        return tr("予測なし（目標年度は実績あり）", "no forecast (the target year is observed)",
                  lang)
    weights = model.get("params", {}).get("weights")
    if name == "combination" and weights and weights != "equal":
        shown += tr(f"（重み: {weights}）", f" (weights: {weights})", lang)
    score = None
    if backtest is not None and not backtest.empty and name in backtest.index:
        score = float(backtest.loc[name, "mase"])
    if score is None or not np.isfinite(score):
        return tr(f"手法: {shown}。バックテストできる長さがないため、既定の順位で選択。",
                  f"Method: {shown}; the series is too short for a backtest, so it was "
                  "chosen by the fixed order of preference.", lang)
    singles = backtest[(backtest.index != "combination")
                       & (backtest["n_origins"] == backtest["n_origins"].max())]
    best = str(singles["mase"].idxmin()) if len(singles) else None
    head = tr(f"手法: {shown}（バックテストMASE {score:.2f}）",
              f"Method: {shown} (backtest MASE {score:.2f})", lang)
    if model.get("reason") == CALLER_CHOICE:
        return head + tr(f"。バックテストによる選択ではなく、指定された手法（method={name}）。",
                         f": the method asked for (method={name}), not the backtest's choice.",
                         lang)
    if name == "combination" and best is not None and singles.loc[best, "mase"] < score:
        b = float(singles.loc[best, "mase"])
        return head + tr(
            f"。単独で最も良かった{best}（{b:.2f}）は組合せを半分以下にするほど良くはなく、"
            "少数の時点での優劣は偶然に左右されやすいため組合せを採用。",
            f": kept although {best} scored {b:.2f} on its own, because a single model "
            "replaces the combination only when its MASE is less than half the "
            "combination's — the winner on a few backtest origins is mostly luck.", lang)
    if name == "combination":
        return head + tr("。バックテストで最も誤差が小さいため採用。",
                         ": the lowest backtest error of all candidates.", lang)
    if "combination" in backtest.index:
        c = float(backtest.loc["combination", "mase"])
        return head + tr(f"。組合せ（{c:.2f}）の半分未満の誤差のため採用。",
                         f": its error was less than half the combination's ({c:.2f}).", lang)
    return head + tr("。当てはめできたモデルの中で誤差が最小。",
                     ": the lowest error of the models that could be fitted.", lang)
