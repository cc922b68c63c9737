"""Guest nights (宿泊旅行統計), Kawasaki's tourism indicator against its targets, and
the claims-audit overview."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..sources.kankocho import CSV_FINAL_THROUGH
from .labels import area_name
from .series import full_range
from .style import (
    FOCUS,
    PALETTE,
    REFERENCE,
    SHADE,
    finish,
    footnote,
    new_figure,
    rc,
    source_line,
    thousands,
    title,
    tr,
    wrap,
)

FRAME_LABEL = {
    "all_facilities": ("全施設（従業者数10人未満の施設を含む）", "all facilities"),
    "employees_10plus": ("従業者数10人以上の施設", "facilities with 10+ employees"),
}
NATIONALITY_LABEL = {"foreign": ("外国人", "foreign"), "total": ("総数", "total"),
                     "japanese": ("日本人", "Japanese")}


def _pair(d: dict, key: str, lang: str) -> str:
    ja, en = d[key]
    return tr(ja, en, lang)


def _month_pos(periods) -> np.ndarray:
    return np.array([int(p[:4]) + (int(p[5:7]) - 1) / 12 for p in periods], dtype=float)


def _shade_covid(ax, lang: str, lo: float = 2020.0, hi: float = 2022.0) -> None:
    ax.axvspan(lo, hi, color=SHADE, alpha=0.6, zorder=0, linewidth=0)
    ax.text((lo + hi) / 2, 0.97, tr("2020–21年", "2020–21", lang), transform=ax.get_xaxis_transform(),
            ha="center", va="top", fontsize=7.5, color=REFERENCE)


def guest_nights_monthly(series: pd.DataFrame, *, lang: str = "ja") -> Figure:
    """Monthly guest nights (``series.guest_nights_series`` output), one panel per area,
    in 万人泊. Missing months are gaps; preliminary months are drawn dashed; the
    facility frame is named in the title. The 2020–21 collapse is shaded."""
    areas = list(dict.fromkeys(series["area_code"]))
    frame = str(series["frame"].iloc[0])
    nationality = str(series["nationality"].iloc[0])
    with rc():
        fig, axes = new_figure((9.0, 3.0 * len(areas) + 1.4), len(areas), 1, sharex=True)
        axes = np.atleast_1d(axes)
        for ax, area in zip(axes, areas, strict=True):
            sub = series[series["area_code"] == area]
            months = full_range(sub["period"], "month")
            s = sub.set_index("period")
            value = s["value"].astype("float64").reindex(months) / 1e4
            status = s["status"].astype(object).reindex(months)
            # the third-party national sums of preliminary months are preliminary too
            late = pd.Series(months, index=months) > CSV_FINAL_THROUGH
            prelim = (status.eq("preliminary") | (status.eq("derived") & late)).to_numpy(
                dtype=bool)
            pos = _month_pos(months)
            final_v = np.where(prelim, np.nan, value.to_numpy())
            # the preliminary segment starts at the last final month so the line is
            # continuous where data exist, but never bridges a missing month
            pre_v = np.where(prelim | np.roll(prelim, -1) & ~np.isnan(value.to_numpy()),
                             value.to_numpy(), np.nan)
            _shade_covid(ax, lang)
            ax.plot(pos, final_v, color=PALETTE[0], linewidth=1.3, gid=f"monthly:{area}")
            if prelim.any():
                ax.plot(pos, pre_v, color=PALETTE[0], linewidth=1.3, linestyle="--",
                        gid=f"monthly_prelim:{area}")
            derived = status.eq("derived").to_numpy(dtype=bool)
            if derived.any():
                first = pos[derived.argmax()]
                ax.axvline(first, color=REFERENCE, linewidth=0.6, linestyle=":")
            ax.set_title(area_name(area, lang), loc="left", fontsize=9.5)
            ax.set_ylabel(tr("延べ宿泊者数（万人泊）", "Guest nights (10,000 person-nights)",
                             lang))
            ax.set_ylim(bottom=0)
            thousands(ax)
        axes[-1].set_xlabel(tr("暦年（月次）", "Calendar year (monthly)", lang))
        handles = [Line2D([], [], color=PALETTE[0], label=tr("確報値", "final", lang)),
                   Line2D([], [], color=PALETTE[0], linestyle="--",
                          label=tr("速報値", "preliminary", lang))]
        axes[0].legend(handles=handles, loc="upper left")
        title(fig, tr(f"{_pair(NATIONALITY_LABEL, nationality, lang)}延べ宿泊者数（月次）"
                      f" — {_pair(FRAME_LABEL, frame, lang)}",
                      f"{_pair(NATIONALITY_LABEL, nationality, lang).capitalize()} guest nights, "
                      f"monthly — {_pair(FRAME_LABEL, frame, lang)}", lang))
        notes = []
        if (series["status"] == "derived").any():
            first = series.loc[series["status"] == "derived", "period"].min()
            notes.append(tr(f"全国の{first}以降（点線以降）は47都道府県の合計（第三者による集計）で、"
                            "公式の全国値ではない。",
                            f"National values from {first} (dotted line) are the sum of the 47 "
                            "prefectures made by a third party, not the official national "
                            "figure.", lang))
        notes.append(tr("欠けた月は線を途切れさせている（補間なし）。従業者数10人以上の施設の系列とは接続しない。",
                        "Missing months are gaps (no interpolation). Never spliced with the "
                        "10+-employee frame.", lang))
        footnote(fig, *notes)
        source_line(fig, series["source"], lang)
    return finish(fig)


def guest_nights_annual_chart(annual: pd.DataFrame, *, lang: str = "ja") -> Figure:
    """Calendar-year guest nights (``series.guest_nights_annual`` output): published
    annual figures as solid bars, sums of twelve monthly values (for years without a
    published annual figure) hatched; years with no complete data have no bar."""
    areas = list(dict.fromkeys(annual["area_code"]))
    frame = str(annual["frame"].iloc[0])
    nationality = str(annual["nationality"].iloc[0])
    with rc():
        fig, axes = new_figure((9.0, 2.9 * len(areas) + 1.4), len(areas), 1, sharex=True)
        axes = np.atleast_1d(axes)
        for ax, area in zip(axes, areas, strict=True):
            sub = annual[annual["area_code"] == area]
            years = full_range(sub["period"], "year")
            s = sub.assign(year=sub["period"].astype(int)).set_index("year")
            _shade_covid(ax, lang, 2019.5, 2021.5)
            for year in years:
                if year not in s.index:
                    continue
                r = s.loc[year]
                published = r["basis"] == "published"
                color = PALETTE[0] if published else PALETTE[2]
                ax.bar(year, r["value"] / 1e4, width=0.7, color=color if published else "white",
                       edgecolor=color, hatch=None if published else "///",
                       gid=f"annual:{area}:{year}")
            ax.set_title(area_name(area, lang), loc="left", fontsize=9.5)
            ax.set_ylabel(tr("延べ宿泊者数（万人泊）", "Guest nights (10,000 person-nights)",
                             lang))
            ax.grid(axis="x", visible=False)
            thousands(ax)
        axes[-1].set_xlabel(tr("暦年", "Calendar year", lang))
        axes[-1].xaxis.get_major_locator().set_params(integer=True)
        handles = [Patch(color=PALETTE[0], label=tr("公表年計", "published annual", lang)),
                   Patch(facecolor="white", edgecolor=PALETTE[2], hatch="///",
                         label=tr("月次値12か月の合計（参考）", "sum of 12 monthly values", lang))]
        axes[0].legend(handles=handles, loc="upper left")
        title(fig, tr(f"{_pair(NATIONALITY_LABEL, nationality, lang)}延べ宿泊者数（年）"
                      f" — {_pair(FRAME_LABEL, frame, lang)}",
                      f"{_pair(NATIONALITY_LABEL, nationality, lang).capitalize()} guest nights, "
                      f"calendar year — {_pair(FRAME_LABEL, frame, lang)}", lang))
        notes = [tr(
            "公表年計は推移表（2017年9月公表）の値。それ以降は公表年計がないため、月次値（12か月そろった年のみ）の合計を参考として示す"
            "（公表年計は月次の合計と一致しないことがある）。",
            "Published annual values from the 2017-09 release; later years have no published "
            "annual figure here, so the sum of the 12 monthly values (complete years only) is "
            "shown for reference (published annual figures can differ from the sum of months).",
            lang)]
        if ((annual["area_code"] == "00") & (annual["basis"] == "sum_of_months")).any():
            notes.append(tr("全国の月次値は2017年以降、47都道府県の合計（第三者による集計）。",
                            "National monthly values from 2017 are the sum of the 47 "
                            "prefectures (third-party aggregation).", lang))
        footnote(fig, *notes)
        source_line(fig, annual["source"], lang)
    return finish(fig)


def _num(value: float, unit: str) -> str:
    return f"{value:.1f}" if unit in ("%", "percent") else f"{value:,.0f}"


UNIT = {"persons": ("人", "persons"), "%": ("%", "%"), "percent": ("%", "%"),
        "件": ("件", "cases")}


def kpi_targets(
    kpi: pd.DataFrame,
    indicators: list[str] | tuple[str, ...] | None = None,
    *,
    lang: str = "ja",
) -> Figure:
    """Each indicator's observed values (only the real points; hollow if rounded) against
    its final target (solid line to the target year) and draft target (dashed), one
    panel per indicator. Default: indicators that have a target."""
    if indicators is None:
        indicators = list(dict.fromkeys(kpi.loc[kpi["kind"] == "draft_target", "indicator_id"]))
    n = len(indicators)
    with rc():
        fig, axes = new_figure((5.0 * min(n, 3), 4.3 * ((n + 2) // 3) + 0.9), (n + 2) // 3,
                               min(n, 3))
        axes = np.atleast_1d(axes).ravel()
        used = []
        for ax, ind in zip(axes, indicators, strict=False):
            rows = kpi[kpi["indicator_id"] == ind]
            actual = rows[rows["kind"] == "actual"]
            unit = str((actual if len(actual) else rows)["unit"].iloc[0])
            # a target stated in another unit (e.g. '% increase over 10 years' for a
            # count) cannot be drawn on the same axis
            rows = rows[rows["unit"] == unit]
            used.append(rows)
            unit_ja, unit_en = UNIT.get(unit, (unit, unit))
            for _, r in actual.iterrows():
                hollow = r["status"] in ("rounded", "preliminary", "estimate")
                marker = "o" if r["period_type"] == "fiscal_year" else "s"
                ax.plot([r["period"]], [r["value"]], marker=marker, markersize=7,
                        color=PALETTE[0], markerfacecolor="white" if hollow else PALETTE[0],
                        linestyle="none", gid=f"actual:{ind}:{r['period']}")
                basis = tr("年度" if r["period_type"] == "fiscal_year" else "暦年",
                           "FY" if r["period_type"] == "fiscal_year" else "CY", lang)
                ax.annotate(f"{_num(r['value'], unit)}{unit_ja if lang == 'ja' else ''}\n"
                            f"({r['period']} {basis}"
                            f"{tr('・概数', ', rounded', lang) if hollow else ''})",
                            (r["period"], r["value"]), xytext=(6, 0), textcoords="offset points",
                            fontsize=7, va="center", color=PALETTE[0])
            for kind, style, color in (("draft_target", "--", REFERENCE),
                                       ("target", "-", FOCUS)):
                t = rows[rows["kind"] == kind]
                for _, r in t.iterrows():
                    ax.hlines(r["value"], r["period"] - 3.5, r["period"] + 0.5, colors=color,
                              linestyles=style, linewidth=1.5, gid=f"{kind}:{ind}")
                    label = tr("目標（最終）" if kind == "target" else "目標（案）",
                               "target (final)" if kind == "target" else "target (draft)", lang)
                    ax.annotate(f"{label} {_num(r['value'], unit)}"
                                f"{unit_ja if lang == 'ja' else ''}{tr('以上', '+', lang)}"
                                f" ({r['period']}{tr('年度', ' FY', lang)})",
                                (r["period"] + 0.5, r["value"]),
                                xytext=(-2, 3 if kind == "target" else -10),
                                textcoords="offset points", ha="right", fontsize=7, color=color)
            years = rows["period"].astype(int)
            ax.set_xlim(min(years.min(), years.max() - 4) - 1, years.max() + 1)
            ax.xaxis.get_major_locator().set_params(integer=True)
            vals = rows["value"].astype(float)
            if unit_ja == "%":
                ax.set_ylim(max(0.0, vals.min() - 5), min(100.0, vals.max()) + 1.5)
            else:
                ax.set_ylim(0, vals.max() * 1.25)
            name = str(rows["name_ja"].iloc[0]) if lang == "ja" else ind
            ax.set_title("\n".join(wrap(name, 26)), fontsize=9)
            thousands(ax)
            ax.set_ylabel(f"{unit_ja}" if lang == "ja" else unit_en)
            ax.set_xlabel(tr("年度（実績は暦年の場合あり）", "Fiscal year (some actuals are "
                             "calendar years)", lang))
            if actual.empty:
                ax.text(0.5, 0.5, tr("実績値なし", "no observed values", lang),
                        transform=ax.transAxes, ha="center", color=REFERENCE, fontsize=9)
        for ax in axes[n:]:
            ax.set_visible(False)
        title(fig, tr("成果指標の実績と目標値", "Plan indicators: observed values and targets",
                      lang))
        footnote(fig, tr("実績は公表資料で確認できた値のみ（補間・推計なし）。白抜きは概数。",
                         "Only published observed values (nothing interpolated or "
                         "estimated); hollow markers are rounded figures.", lang))
        both = pd.concat(used)
        source_line(fig, both, lang)
    return finish(fig)


STATUS_STYLE = {
    "confirmed": ("#3a7d44", "確認", "confirmed"),
    "confirmed_other_vintage": ("#66a182", "別版で確認", "confirmed (other vintage)"),
    "contradicted": ("#d1495b", "不一致", "contradicted"),
    "unverifiable": ("#9a9a9a", "検証不能", "unverifiable"),
}


def claims_status(claims: pd.DataFrame, *, lang: str = "ja") -> Figure:
    """The audit at a glance: one row per claim, a coloured mark in its status column."""
    df = claims.reset_index(drop=True)
    statuses = list(STATUS_STYLE)
    with rc():
        fig, ax = new_figure((8.5, 0.32 * len(df) + 2.2))
        y = np.arange(len(df))[::-1]
        for yi, status in zip(y, df["status"], strict=True):
            if status in STATUS_STYLE:
                x = statuses.index(status)
                ax.plot([x], [yi], marker="s", markersize=9, color=STATUS_STYLE[status][0],
                        linestyle="none")
        ax.set_yticks(y, df["id"].astype(str))
        ax.set_xticks(range(len(statuses)),
                      [tr(STATUS_STYLE[s][1], STATUS_STYLE[s][2], lang) for s in statuses])
        ax.xaxis.tick_top()
        ax.set_xlim(-0.6, len(statuses) - 0.4)
        ax.set_ylim(-0.7, len(df) - 0.3)
        ax.tick_params(axis="y", labelsize=7)
        counts = df["status"].value_counts()
        summary = ", ".join(f"{tr(STATUS_STYLE[s][1], STATUS_STYLE[s][2], lang)} {counts.get(s, 0)}"
                            for s in statuses)
        title(fig, tr("計画の数値の検証結果", "Audit of the plan's numbers", lang))
        footnote(fig, summary)
        srcs: list[str] = []
        for item in df["sources"] if "sources" in df.columns else []:
            if isinstance(item, (list, tuple, np.ndarray)):
                srcs += [str(x) for x in item]
            elif isinstance(item, str):
                srcs.append(item)
        source_line(fig, srcs if srcs else "plan/kawasaki_industrial_plan_phase2_2018-03.txt",
                    lang)
    return finish(fig)
