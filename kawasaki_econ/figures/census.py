"""Economic census charts: totals across census years, industry divisions, comparison
with the other designated cities (employee change, industry shares, location quotients,
shift-share)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .labels import MEASURES, area_name, division_name, measure_label
from .plan import census_points
from .style import (
    FOCUS,
    OTHER,
    PALETTE,
    PLAN,
    REFERENCE,
    finish,
    footnote,
    new_figure,
    rc,
    source_line,
    thousands,
    title,
    tr,
)

KAWASAKI = "14130"
TOKYO_WARDS = "13100"

CAVEAT_2021 = (
    "2021年調査は法人番号の登記情報等を用いて2016年調査で把握できなかった事業所も捕捉しており、"
    "2016→2021年の増減の一部は把握範囲の拡大による。",
    "The 2021 census used the corporate-number register to find establishments the 2016 "
    "census missed: part of the 2016→2021 change is better coverage, not growth.",
)
SCOPE_NOTE = (
    "2014年は公務を含む全事業所（経済センサス‐基礎調査）、2016年・2021年は民営事業所のみ"
    "（経済センサス‐活動調査）。調査範囲が異なるため2014年と2016年以降は直接比較できない。",
    "2014: all establishments incl. public (Economic Census basic survey); 2016 and 2021: "
    "private establishments only (activity survey). The scopes differ: 2014 is not "
    "comparable with 2016/2021.",
)
SCOPE_LABEL = {"all": ("全事業所（公務含む）", "all establishments"),
               "private": ("民営事業所", "private establishments")}


def _t(pair: tuple[str, str], lang: str) -> str:
    return tr(pair[0], pair[1], lang)


@functools.cache
def _census_files(year: int) -> tuple[str, ...]:
    """SSDSE-A files whose catalogue entry says they carry census ``year``."""
    try:
        from ..catalog import read_catalog

        return tuple(sorted(p for p, e in read_catalog().items()
                            if p.startswith("ssdse/SSDSE-A")
                            and f"{year} economic census" in e.get("covers")))
    except Exception:
        return ()


def census_sources(years) -> list[str]:
    """Raw files behind SSDSE-A census values of ``years`` (for the source line)."""
    return [f for y in years for f in _census_files(int(y))]


def _ssdse(census: pd.DataFrame) -> pd.DataFrame:
    if "dataset" in census.columns:
        return census[census["dataset"] == "SSDSE-A"]
    return census


# --------------------------------------------------------------------------- totals


def census_totals(
    census: pd.DataFrame,
    focus: str = KAWASAKI,
    *,
    lang: str = "ja",
    plan_points: bool | list[dict] = True,
) -> Figure:
    """Establishments and employees of the ``focus`` municipality (area code) in every
    census year of SSDSE-A; its name comes from the census table.

    The 2014 bars (all establishments incl. public) are hatched and set apart by a
    dashed separator from 2016/2021 (private only); a line joins only years of the same
    scope and survey, never across the break. With ``plan_points``, the plan's stated
    (preliminary) figures are marked as diamonds.
    """
    rows = _ssdse(census)
    rows = rows[(rows["area_code"] == focus) & (rows["industry_code"] == "ALL")]
    if rows.empty:
        raise ValueError(f"no census totals for area {focus}")
    points = census_points(focus) if plan_points is True else list(plan_points or [])
    points = [p for p in points if p.get("area") == focus]
    name = area_name(focus, lang, default=str(rows["area_name"].iloc[0]))
    with rc():
        fig, axes = new_figure((9.0, 4.8), 1, 2)
        for ax, measure in zip(axes, ("establishments", "employees"), strict=True):
            sub = rows[rows["measure"] == measure].sort_values("census_year")
            x = np.arange(len(sub))
            years = sub["census_year"].astype(int).tolist()
            scopes = sub["scope"].astype(str).tolist()
            for xi, (_, r) in zip(x, sub.iterrows(), strict=True):
                hatched = r["scope"] == "all"
                ax.bar(xi, r["value"], width=0.6, color="white" if hatched else PALETTE[0],
                       edgecolor=PALETTE[0], hatch="///" if hatched else None, linewidth=1.0)
                ax.annotate(f"{r['value']:,}", (xi, r["value"]), xytext=(0, 3),
                            textcoords="offset points", ha="center", fontsize=8)
            # connect consecutive years only within one scope and survey
            keys = list(zip(sub["scope"], sub["survey"], strict=True))
            for i in range(len(sub) - 1):
                if keys[i] == keys[i + 1]:
                    ax.plot(x[i:i + 2], sub["value"].to_numpy()[i:i + 2], color=PALETTE[4],
                            marker="o", markersize=3.5, linewidth=1.2)
            for i in range(len(sub) - 1):
                if scopes[i] != scopes[i + 1]:
                    ax.axvline(x[i] + 0.5, color=REFERENCE, linestyle="--", linewidth=1.0)
                    ax.text(x[i] + 0.46, 0.98, tr("調査範囲の変更", "scope change", lang),
                            transform=ax.get_xaxis_transform(), rotation=90, va="top",
                            ha="right", fontsize=7.5, color=REFERENCE)
            for p in points:
                if p["measure"] == measure and p["year"] in years:
                    xi = years.index(p["year"])
                    ax.plot([xi + 0.18], [p["value"]], marker="D", color=PLAN, markersize=5,
                            linestyle="none", zorder=5)
                    ax.annotate(f"{p['value']:,}", (xi + 0.18, p["value"]), xytext=(6, -10),
                                textcoords="offset points", fontsize=7, color=PLAN)
            labels = [f"{y}{tr('年', '', lang)}\n{_t(SCOPE_LABEL[s], lang)}"
                      for y, s in zip(years, scopes, strict=True)]
            ax.set_xticks(x, labels)
            ax.set_xlabel(tr("調査年", "Census year", lang))
            ax.set_ylabel(measure_label(measure, lang))
            ax.set_title(tr(MEASURES[measure][0], MEASURES[measure][1], lang))
            top = sub["value"].max()
            ax.set_ylim(0, top * 1.35)
            thousands(ax)
            ax.grid(axis="x", visible=False)
        handles = [Patch(facecolor="white", edgecolor=PALETTE[0], hatch="///",
                         label=_t(SCOPE_LABEL["all"], lang)),
                   Patch(facecolor=PALETTE[0], label=_t(SCOPE_LABEL["private"], lang))]
        if points:
            from matplotlib.lines import Line2D

            handles.append(Line2D([], [], marker="D", color=PLAN, linestyle="none",
                                  label=tr("計画の記載値（2016年速報値）",
                                           "figure stated in the plan (2016 preliminary)",
                                           lang)))
        axes[0].legend(handles=handles, loc="upper right", fontsize=7.5)
        title(fig, tr(f"{name}の事業所数・従業者数（経済センサス）",
                      f"{name}: establishments and employees (Economic Census)", lang))
        notes = [_t(SCOPE_NOTE, lang)]
        if {2016, 2021} <= set(rows["census_year"].astype(int)):
            notes.append(_t(CAVEAT_2021, lang))
        footnote(fig, *notes)
        source_line(fig, rows["source"], lang)
    return finish(fig)


def census_by_industry(
    census: pd.DataFrame,
    focus: str = KAWASAKI,
    *,
    measure: str = "employees",
    years: tuple[int, ...] = (2014, 2016, 2021),
    lang: str = "ja",
) -> Figure:
    """``measure`` of the ``focus`` municipality (area code) by JSIC major division, one
    bar per census year (2014, all establishments, hatched)."""
    rows = _ssdse(census)
    rows = rows[(rows["area_code"] == focus) & (rows["measure"] == measure)
                & (rows["industry_code"] != "ALL") & rows["census_year"].isin(years)]
    if rows.empty:
        raise ValueError(f"no {measure} by division for area {focus}")
    wide = rows.pivot_table(index="industry_code", columns="census_year", values="value",
                            aggfunc="first")
    wide = wide[(wide.fillna(0) > 0).any(axis=1)].sort_index(ascending=False)
    scope = rows.drop_duplicates("census_year").set_index("census_year")["scope"]
    years = [y for y in years if y in wide.columns]
    name = area_name(focus, lang, default=str(rows["area_name"].iloc[0]))
    with rc():
        fig, ax = new_figure((8.5, 7.0))
        y = np.arange(len(wide))
        height = 0.8 / len(years)
        for i, year in enumerate(years):
            hatched = scope.get(year) == "all"
            color = PALETTE[i % len(PALETTE)]
            ax.barh(y + (len(years) - 1 - i) * height - 0.4 + height / 2,
                    wide[year].fillna(0).to_numpy(), height=height,
                    color="white" if hatched else color, edgecolor=color,
                    hatch="///" if hatched else None,
                    label=f"{year}年 {_t(SCOPE_LABEL[scope.get(year)], lang)}"
                    if lang == "ja" else f"{year} ({_t(SCOPE_LABEL[scope.get(year)], lang)})")
        # S (public administration) is outside the private-sector censuses by definition
        missing = [f"{c}/{yr}" for c in wide.index for yr in years
                   if pd.isna(wide.loc[c, yr]) and not (c == "S" and scope.get(yr) == "private")]
        s_note = "S" in wide.index and any(scope.get(yr) == "private" for yr in years)
        ax.set_yticks(y, [division_name(c, lang) for c in wide.index])
        ax.set_xlabel(measure_label(measure, lang))
        thousands(ax, "x")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
        title(fig, tr(f"{name}の産業大分類別{MEASURES[measure][0]}",
                      f"{name}: {MEASURES[measure][1].lower()} by JSIC major division", lang))
        notes = [_t(SCOPE_NOTE, lang)]
        if s_note:
            notes.append(tr("S 公務は民営事業所の調査（2016・2021年）の対象外。",
                            "S (government) is outside the private-sector censuses "
                            "(2016, 2021).", lang))
        if missing:
            notes.append(tr("データなし（棒なし）: ", "no data (no bar): ", lang)
                         + ", ".join(missing))
        footnote(fig, *notes)
        source_line(fig, rows["source"], lang)
    return finish(fig)


# --------------------------------------------------------------------------- cities


def _focus_of(frame: pd.DataFrame, focus: str | None) -> tuple[str, str | None]:
    """The focus area code — ``focus`` if given, else the frame's ``is_focus`` row, else
    Kawasaki — and its name in the frame (``None`` if the frame lacks it)."""
    if focus is None:
        rows = frame[frame["is_focus"]] if "is_focus" in frame else frame.iloc[:0]
        focus = str(rows["area_code"].iloc[0]) if len(rows) else KAWASAKI
    names = frame.loc[frame["area_code"].astype(str) == focus, "area_name"]
    return focus, (str(names.iloc[0]) if len(names) else None)


def _bar_colors(codes, focus: str) -> tuple[list[str], list[str | None]]:
    colors = [FOCUS if c == focus else ("#bfbfbf" if c == TOKYO_WARDS else OTHER)
              for c in codes]
    hatches = ["..." if c == TOKYO_WARDS else None for c in codes]
    return colors, hatches


def city_employee_change(
    ranked: pd.DataFrame,
    *,
    focus: str | None = None,
    lang: str = "ja",
    sources=None,
) -> Figure:
    """% change of employees (or establishments) of the 20 designated cities and 東京都区部
    between two census years — the output of ``analysis.rank_change`` — one horizontal
    bar per area, the ``focus`` (area code; default: the frame's ``is_focus`` row, else
    14130 Kawasaki) highlighted, 区部 shown for reference (not ranked)."""
    df = ranked.sort_values("pct_change", ascending=True, ignore_index=True)
    start, end = ranked.attrs.get("start", df["start"].iloc[0]), ranked.attrs.get(
        "end", df["end"].iloc[0])
    measure = ranked.attrs.get("measure", "employees")
    focus, focus_default = _focus_of(df, focus)
    focus_rows = df[df["area_code"].astype(str) == focus]
    n_ranked = int(df["rank"].notna().sum())
    with rc():
        fig, ax = new_figure((8.0, 7.2))
        codes = df["area_code"].astype(str).tolist()
        colors, hatches = _bar_colors(codes, focus)
        y = np.arange(len(df))
        bars = ax.barh(y, df["pct_change"], color=colors, edgecolor="white", height=0.72)
        for bar, hatch in zip(bars, hatches, strict=True):
            if hatch:
                bar.set_hatch(hatch)
                bar.set_edgecolor("#7f7f7f")
        labels = []
        for code, rank, name in zip(codes, df["rank"], df["area_name"], strict=True):
            label = area_name(code, lang, default=str(name))
            if pd.notna(rank):
                label += f" ({int(rank)})"
            labels.append(label)
        ax.set_yticks(y, labels)
        for tick, code in zip(ax.get_yticklabels(), codes, strict=True):
            if code == focus:
                tick.set_color(FOCUS)
        for yi, v in zip(y, df["pct_change"], strict=True):
            ax.annotate(f"{v:+.2f}%", (v, yi), xytext=(3 if v >= 0 else -3, 0),
                        textcoords="offset points", va="center",
                        ha="left" if v >= 0 else "right", fontsize=7)
        ax.axvline(0, color="#333333", linewidth=0.8)
        lo, hi = df["pct_change"].min(), df["pct_change"].max()
        pad = (hi - lo) * 0.15
        ax.set_xlim(min(lo - pad, -pad), hi + pad)
        ax.set_xlabel(tr(f"{MEASURES[measure][0]}の増減率（%）",
                         f"Change in {MEASURES[measure][1].lower()} (%)", lang))
        ax.grid(axis="y", visible=False)
        focus_name = area_name(focus, lang, default=focus_default)
        if len(focus_rows) and pd.notna(focus_rows["rank"].iloc[0]):
            rank = int(focus_rows["rank"].iloc[0])
            ax.text(0.98, 0.02, tr(f"{focus_name}: 指定都市{n_ranked}市中{rank}位",
                                   f"{focus_name}: rank {rank} of {n_ranked} designated cities",
                                   lang),
                    transform=ax.transAxes, ha="right", va="bottom", color=FOCUS,
                    fontsize=8.5)
        scope = tr("民営", "private", lang)
        title(fig, tr(f"政令指定都市と東京都区部の{MEASURES[measure][0]}増減率（{start}→{end}年、{scope}）",
                      f"{MEASURES[measure][1]}: % change {start}→{end} ({scope}), designated "
                      "cities and Tokyo's 23 wards", lang))
        notes = [tr("括弧内は政令指定都市20市中の順位。東京都区部は23区の合計（参考値、順位対象外）。",
                    "Rank among the 20 designated cities in brackets. Tokyo 23 wards = sum "
                    "of the wards (reference, not ranked).", lang)]
        caveat = " ".join(df["caveat"].dropna().astype(str).unique()) if "caveat" in df else ""
        if "corporate-number" in caveat or (int(start) <= 2016 and int(end) >= 2021):
            notes.append(_t(CAVEAT_2021, lang))
        if "override" in caveat:
            notes.append(tr("注意: 調査範囲の異なる年を比較（override）。", "Warning: "
                            "compares census years of different scope (override).", lang))
        footnote(fig, *notes)
        source_line(fig, sources if sources is not None else census_sources((start, end)),
                    lang)
    return finish(fig)


def industry_share_comparison(
    shares: pd.DataFrame,
    industries: tuple[str, ...] = ("G", "L"),
    *,
    focus: str | None = None,
    lang: str = "ja",
) -> Figure:
    """Share of employees in each of ``industries`` for the designated cities and
    東京都区部 (``analysis.industry_shares`` output), sorted, the ``focus`` highlighted
    (area code; default: the frame's ``is_focus`` row, else 14130 Kawasaki)."""
    year = shares.attrs.get("year", int(shares["census_year"].iloc[0]))
    focus, focus_default = _focus_of(shares, focus)
    focus_name = area_name(focus, lang, default=focus_default)
    with rc():
        fig, axes = new_figure((4.4 * len(industries), 6.8), 1, len(industries))
        axes = np.atleast_1d(axes)
        used = []
        for ax, code in zip(axes, industries, strict=True):
            sub = shares[shares["industry_code"] == code].sort_values("share_pct",
                                                                         ignore_index=True)
            used.append(sub)
            codes = sub["area_code"].astype(str).tolist()
            colors, hatches = _bar_colors(codes, focus)
            y = np.arange(len(sub))
            bars = ax.barh(y, sub["share_pct"], color=colors, height=0.72)
            for bar, hatch in zip(bars, hatches, strict=True):
                if hatch:
                    bar.set_hatch(hatch)
                    bar.set_edgecolor("#7f7f7f")
            ax.set_yticks(y, [area_name(c, lang, default=str(n))
                              for c, n in zip(codes, sub["area_name"], strict=True)])
            for tick, c in zip(ax.get_yticklabels(), codes, strict=True):
                if c == focus:
                    tick.set_color(FOCUS)
            for yi, v in zip(y, sub["share_pct"], strict=True):
                ax.annotate(f"{v:.2f}", (v, yi), xytext=(2, 0), textcoords="offset points",
                            va="center", fontsize=7)
            ax.set_xlim(0, sub["share_pct"].max() * 1.18)
            ax.set_xlabel(tr("従業者に占める割合（%）", "Share of employees (%)", lang))
            ax.set_title(division_name(code, lang))
            ax.grid(axis="y", visible=False)
            fr = sub[sub["area_code"] == focus]
            if len(fr) and pd.notna(fr["rank_designated"].iloc[0]):
                r = int(fr["rank_designated"].iloc[0])
                ax.text(0.98, 0.02, tr(f"{focus_name}: 指定都市中{r}位",
                                       f"{focus_name}: rank {r} of 20", lang),
                        transform=ax.transAxes, ha="right", color=FOCUS, fontsize=8)
        scope = str(shares["scope"].iloc[0])
        title(fig, tr(f"従業者に占める業種別割合の大都市比較（{year}年、{_t(SCOPE_LABEL[scope], lang)}）",
                      f"Industry shares of employees, big cities ({year}, "
                      f"{_t(SCOPE_LABEL[scope], lang)})", lang))
        footnote(fig, tr("東京都区部は23区の合計（参考）。",
                         "Tokyo 23 wards: sum of the wards (reference).", lang))
        source_line(fig, pd.concat(used)["source"], lang)
    return finish(fig)


def location_quotient_chart(
    lq_nation: pd.DataFrame,
    lq_designated: pd.DataFrame | None = None,
    *,
    focus: str = KAWASAKI,
    lang: str = "ja",
) -> Figure:
    """Location quotients (特化係数) of the ``focus`` municipality (area code) by
    division: bars against the nation, diamonds against the designated-city aggregate;
    1 = same share as the base."""
    a = lq_nation[lq_nation["area_code"] == focus].set_index("industry_code")
    if a.empty:
        raise ValueError(f"no location quotients for area {focus}")
    a = a[a["value"].fillna(0) > 0].sort_index(ascending=False)
    year = lq_nation.attrs.get("year", int(a["census_year"].iloc[0]))
    name = area_name(focus, lang, default=str(a["area_name"].iloc[0]))
    with rc():
        fig, ax = new_figure((8.0, 6.8))
        y = np.arange(len(a))
        colors = [FOCUS if v >= 1 else OTHER for v in a["lq"]]
        ax.barh(y, a["lq"], color=colors, height=0.65,
                label=tr("対全国", "vs nation", lang))
        for yi, v in zip(y, a["lq"], strict=True):
            ax.annotate(f"{v:.2f}", (v, yi), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=7)
        if lq_designated is not None:
            d = lq_designated[lq_designated["area_code"] == focus].set_index("industry_code")
            d = d.reindex(a.index)
            ax.plot(d["lq"], y, marker="D", linestyle="none", color=PLAN, markersize=4.5,
                    label=tr("対政令指定都市計", "vs designated-city aggregate", lang))
        ax.axvline(1.0, color="#333333", linewidth=0.9, linestyle="--")
        ax.set_yticks(y, [division_name(c, lang) for c in a.index])
        ax.set_xlabel(tr("特化係数（従業者ベース、1 = 比較対象と同じ割合）",
                         "Location quotient (employees; 1 = same share as the base)", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
        title(fig, tr(f"{name}の特化係数（{year}年、従業者数）",
                      f"{name}: location quotients ({year}, employees)", lang))
        bases = sorted(a["base_basis"].dropna().astype(str).unique())
        basis_text = {"official": tr("全国の公表値", "official national figures", lang),
                      "municipal_sum": tr("全市区町村の合計", "sum of all municipalities", lang)}
        footnote(fig, tr("全国値: ", "National base: ", lang)
                 + ", ".join(basis_text.get(b, b) for b in bases)
                 + tr("（分子・分母は同じ基準）。", " (numerator and total on the same basis).",
                      lang))
        srcs = list(a["source"].astype(str)) + list(a["base_source"].dropna().astype(str))
        source_line(fig, srcs, lang)
    return finish(fig)


def shift_share_chart(
    summary: pd.DataFrame,
    *,
    focus: str = KAWASAKI,
    lang: str = "ja",
    sources=None,
) -> Figure:
    """Shift-share decomposition per designated city (``analysis.shift_share_summary``):
    stacked national / industry-mix / regional effects in % of the start-year
    employees, the actual change as a diamond."""
    df = summary.sort_values("actual_change_pct", ascending=True, ignore_index=True)
    start, end = summary.attrs.get("start", 2016), summary.attrs.get("end", 2021)
    parts = [("national_effect_pct", tr("全国成長要因", "national growth", lang), PALETTE[5]),
             ("industry_mix_effect_pct", tr("産業構成要因", "industry mix", lang), PALETTE[2]),
             ("regional_effect_pct", tr("地域特殊要因", "regional (competitive)", lang),
              PALETTE[0])]
    with rc():
        fig, ax = new_figure((8.2, 7.0))
        y = np.arange(len(df))
        pos = np.zeros(len(df))
        neg = np.zeros(len(df))
        for col, label, color in parts:
            v = df[col].to_numpy(dtype=float)
            left = np.where(v >= 0, pos, neg)
            ax.barh(y, v, left=left, color=color, height=0.7, label=label)
            pos = np.where(v >= 0, pos + v, pos)
            neg = np.where(v < 0, neg + v, neg)
        ax.plot(df["actual_change_pct"], y, marker="D", color="black", linestyle="none",
                markersize=4, label=tr("実際の増減率", "actual change", lang))
        codes = df["area_code"].astype(str).tolist()
        ax.set_yticks(y, [area_name(c, lang, default=str(n))
                          for c, n in zip(codes, df["area_name"], strict=True)])
        for tick, c in zip(ax.get_yticklabels(), codes, strict=True):
            if c == focus:
                tick.set_color(FOCUS)
        if focus in codes:
            ax.axhspan(codes.index(focus) - 0.45, codes.index(focus) + 0.45, color=FOCUS,
                       alpha=0.08, zorder=0)
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.set_xlabel(tr(f"{start}年の従業者数に対する割合（%）",
                         f"% of {start} employees", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
        g = summary.attrs.get("national_growth_pct")
        title(fig, tr(f"従業者数増減のシフト・シェア分析（{start}→{end}年、民営）",
                      f"Shift-share decomposition of employee change ({start}→{end}, "
                      "private)", lang))
        notes = [tr("全国成長要因 = 期首従業者 × 全国の伸び率、産業構成要因 = 期首 × (業種の全国伸び率 − 全国伸び率)、"
                    "地域特殊要因 = 期首 × (地域の業種伸び率 − 業種の全国伸び率)。全国の伸び率は全市区町村の合計による。",
                    "National = E0 × national growth; industry mix = E0 × (division's national "
                    "growth − national growth); regional = E0 × (local − national growth of "
                    "the division). National growth from the sum of all municipalities.",
                    lang)]
        if g is not None:
            notes[0] += tr(f" 全国の伸び率 {g:+.2f}%。", f" National growth {g:+.2f}%.", lang)
        if int(start) <= 2016 and int(end) >= 2021:
            notes.append(_t(CAVEAT_2021, lang))
        footnote(fig, *notes)
        source_line(fig, sources if sources is not None else census_sources((start, end)),
                    lang)
    return finish(fig)
