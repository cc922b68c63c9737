"""Guest nights (宿泊旅行統計), Kawasaki's tourism indicator against its targets, and
the claims-audit overview."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FormatStrFormatter

from ..analysis.claims.registry import STATUS_LABELS, STATUSES
from ..analysis.series import full_range, kpi_target_table
from ..lang import check_lang, tr, tr_pair
from .fonts import rc
from .footer import footnote, source_line
from .labels import area_name
from .style import FOCUS, PALETTE, REFERENCE, SHADE, finish, new_figure, thousands, title

FRAME_LABEL = {
    "all_facilities": ("全施設（従業者数10人未満の施設を含む）", "all facilities"),
    "employees_10plus": ("従業者数10人以上の施設", "facilities with 10+ employees"),
}
NATIONALITY_LABEL = {"foreign": ("外国人", "foreign"), "total": ("総数", "total"),
                     "japanese": ("日本人", "Japanese")}


def _month_pos(periods) -> np.ndarray:
    return np.array([int(p[:4]) + (int(p[5:7]) - 1) / 12 for p in periods], dtype=float)


def _shade_covid(ax, lang: str, lo: float = 2020.0, hi: float = 2022.0) -> None:
    ax.axvspan(lo, hi, color=SHADE, alpha=0.6, zorder=0, linewidth=0)
    ax.text((lo + hi) / 2, 0.97, tr("2020–21年", "2020–21", lang), transform=ax.get_xaxis_transform(),
            ha="center", va="top", fontsize=7.5, color=REFERENCE)


def guest_nights_monthly(series: pd.DataFrame, *, lang: str = "ja") -> Figure:
    """Chart monthly guest nights (延べ宿泊者数), one panel per area.

    Values in 万人泊 (10,000 person-nights) by calendar month. Missing months are gaps
    (never interpolated); preliminary months are drawn dashed; national values that are
    the sum of the prefectures (``status='derived'``) start at a dotted line. The
    facility frame is named in the title; 2020–21 is shaded.

    Parameters
    ----------
    series : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.series.guest_nights_series` with
        ``freq='month'``: one row per area and month, ``period`` as 'YYYY-MM'; columns
        ``area_code``, ``area_name``, ``frame`` (``all_facilities`` /
        ``employees_10plus``, one frame), ``nationality`` (``foreign`` / ``total`` /
        ``japanese``, one), ``period``, ``value`` (person-nights, 人泊), ``status``
        and ``source``. One panel per ``area_code``, in
        the frame's order.
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        each panel titled (left) with its area's name.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    guest_nights_annual_chart : The same survey by calendar year.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> guest_nights = kawasaki_econ.load("guest_nights")
    >>> monthly = figures.guest_nights_series(guest_nights, ("00", "14"), nationality="foreign")
    >>> fig = figures.guest_nights_monthly(monthly)
    >>> fig.get_suptitle()
    '外国人延べ宿泊者数（月次） — 全施設（従業者数10人未満の施設を含む）'
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['全国', '神奈川県']
    """
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
            prelim = status.eq("preliminary").to_numpy(dtype=bool)
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
            ax.set_title(area_name(area, lang, default=str(sub["area_name"].iloc[0])),
                         loc="left", fontsize=9.5)
            ax.set_ylabel(tr("延べ宿泊者数（万人泊）", "Guest nights (10,000 person-nights)",
                             lang))
            ax.set_ylim(bottom=0)
            thousands(ax)
        axes[-1].set_xlabel(tr("暦年（月次）", "Calendar year (monthly)", lang))
        handles = [Line2D([], [], color=PALETTE[0], label=tr("確報値", "final", lang)),
                   Line2D([], [], color=PALETTE[0], linestyle="--",
                          label=tr("速報値", "preliminary", lang))]
        axes[0].legend(handles=handles, loc="upper left")
        title(fig, tr(f"{tr_pair(NATIONALITY_LABEL[nationality], lang)}延べ宿泊者数（月次）"
                      f" — {tr_pair(FRAME_LABEL[frame], lang)}",
                      f"{tr_pair(NATIONALITY_LABEL[nationality], lang).capitalize()} guest nights, "
                      f"monthly — {tr_pair(FRAME_LABEL[frame], lang)}", lang))
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
    """Chart calendar-year guest nights (延べ宿泊者数), one panel per area.

    Values in 万人泊 (10,000 person-nights). Published annual figures are solid bars;
    for years without one, the sum of the twelve monthly values is drawn hatched, for
    reference; a year without complete data has no bar. 2020–21 is shaded.

    Parameters
    ----------
    annual : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.series.guest_nights_annual`: one
        row per area and calendar year (``period`` as 'YYYY'); columns
        ``area_code``, ``area_name``, ``frame`` (``all_facilities`` /
        ``employees_10plus``, one frame), ``nationality`` (``foreign`` / ``total`` /
        ``japanese``, one), ``period``, ``value`` (person-nights, 人泊), ``status``
        and ``source``, and ``basis`` (``published`` /
        ``sum_of_months``).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        each panel titled (left) with its area's name.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    guest_nights_monthly : The monthly values.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> guest_nights = kawasaki_econ.load("guest_nights")
    >>> annual = figures.guest_nights_annual(guest_nights, ("00", "14"), nationality="foreign")
    >>> figures.guest_nights_annual_chart(annual).get_suptitle()
    '外国人延べ宿泊者数（年） — 全施設（従業者数10人未満の施設を含む）'
    >>> fig = figures.guest_nights_annual_chart(annual, lang="en")
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Japan', 'Kanagawa']
    """
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
            ax.set_title(area_name(area, lang, default=str(sub["area_name"].iloc[0])),
                         loc="left", fontsize=9.5)
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
        title(fig, tr(f"{tr_pair(NATIONALITY_LABEL[nationality], lang)}延べ宿泊者数（年）"
                      f" — {tr_pair(FRAME_LABEL[frame], lang)}",
                      f"{tr_pair(NATIONALITY_LABEL[nationality], lang).capitalize()} guest nights, "
                      f"calendar year — {tr_pair(FRAME_LABEL[frame], lang)}", lang))
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


HOLLOW_STATUS = ("rounded", "preliminary", "estimate")
UNIT = {"persons": ("人", "persons"), "%": ("%", "%"), "percent": ("%", "%"),
        "件": ("件", "cases")}


def _with_unit(value: float, unit: str, lang: str) -> str:
    unit_ja, unit_en = UNIT.get(unit, (unit, unit))
    if unit_ja == "%":
        return f"{value:.1f}%"
    return f"{_num(value, unit)}{unit_ja}" if lang == "ja" else f"{_num(value, unit)} {unit_en}"


def kpi_target_changes(
    kpi: pd.DataFrame,
    indicators: list[str] | tuple[str, ...] | None = None,
    *,
    lang: str = "ja",
) -> Figure:
    """Chart the plan's revised indicator targets against the observed values.

    One row per indicator, on its own axis in its own unit: the draft target (hollow
    diamond), the final target (filled diamond) with an arrow between them, and every
    published observed value in that unit (circles, hollow if rounded; nothing is
    estimated). The targets are for a fiscal year (FY2021 = April 2021 – March 2022);
    observed values are labelled fiscal or calendar year as published. Data from
    :func:`kawasaki_econ.analysis.series.kpi_target_table`.

    Parameters
    ----------
    kpi : pandas.DataFrame
        The processed ``kpi`` table (``kawasaki_econ.load("kpi")``): ``indicator_id``,
        ``name_ja``, ``unit``, ``kind`` (``draft_target`` / ``target`` / ``actual``),
        ``period`` (year number), ``period_type`` (``fiscal_year`` /
        ``calendar_year``), ``value``, ``status`` and ``source``.
    indicators : sequence of str, optional
        Indicator ids, one row each; default: those the plan revised (with a draft
        target).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        each row titled (left) with the indicator, its target year and the change from
        draft to final.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> fig = figures.kpi_target_changes(kawasaki_econ.load("kpi"))
    >>> fig.get_suptitle()
    '成果指標の目標値の変更（案→最終）と実績'
    >>> fig.axes[-1].get_title(loc="left")
    '宿泊施設の年間宿泊客数(外国人) — 2021年度目標（案→最終 +21.1%）'
    """
    table = kpi_target_table(kpi, indicators)
    n = len(table)
    with rc():
        fig, axes = new_figure((8.5, 1.55 * n + 1.6), n, 1)
        axes = np.atleast_1d(axes)
        for ax, row in zip(axes, table.itertuples(index=False), strict=True):
            ind, unit = row.indicator_id, row.unit
            actual = kpi[(kpi["indicator_id"] == ind) & (kpi["kind"] == "actual")
                         & (kpi["unit"] == unit) & kpi["period"].notna()]
            values = [v for v in (row.draft_target, row.target) if pd.notna(v)]
            values += actual["value"].astype(float).tolist()
            if pd.notna(row.draft_target) and pd.notna(row.target):
                ax.annotate("", (row.target, 0), (row.draft_target, 0),
                            arrowprops={"arrowstyle": "->", "color": REFERENCE, "lw": 1.2,
                                        "shrinkA": 6, "shrinkB": 6})
            for kind, value, face in (("draft_target", row.draft_target, "white"),
                                      ("target", row.target, FOCUS)):
                if pd.isna(value):
                    continue
                ax.plot([value], [0], marker="D", markersize=8, color=FOCUS,
                        markerfacecolor=face, linestyle="none", gid=f"{kind}:{ind}")
                label = tr("目標（最終）" if kind == "target" else "目標（案）",
                           "final target" if kind == "target" else "draft target", lang)
                ax.annotate(f"{label}\n{_with_unit(value, unit, lang)}", (value, 0),
                            xytext=(0, 9), textcoords="offset points", ha="center",
                            va="bottom", fontsize=7.5, color=FOCUS)
            for _, r in actual.iterrows():
                hollow = r["status"] in HOLLOW_STATUS
                ax.plot([r["value"]], [0], marker="o", markersize=7, color=PALETTE[0],
                        markerfacecolor="white" if hollow else PALETTE[0], linestyle="none",
                        gid=f"actual:{ind}:{int(r['period'])}")
                basis = tr("年" if r["period_type"] == "calendar_year" else "年度",
                           "CY" if r["period_type"] == "calendar_year" else "FY", lang)
                when = (f"{int(r['period'])}{basis}" if lang == "ja"
                        else f"{basis}{int(r['period'])}")
                approx = tr("（概数）", " (rounded)", lang) if hollow else ""
                ax.annotate(tr(f"実績 {when}{approx}\n", f"observed {when}{approx}\n", lang)
                            + _with_unit(float(r["value"]), unit, lang),
                            (r["value"], 0), xytext=(0, -10), textcoords="offset points",
                            ha="center", va="top", fontsize=7.5, color=PALETTE[0])
            lo, hi = min(values), max(values)
            pad = (hi - lo) * 0.25 if hi > lo else max(abs(hi) * 0.05, 1.0)
            ax.set_xlim(lo - pad, hi + pad)
            ax.set_ylim(-1, 1)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.grid(axis="y", visible=False)
            if UNIT.get(unit, (unit,))[0] == "%":
                ax.xaxis.set_major_formatter(FormatStrFormatter("%.1f"))
            else:
                thousands(ax, "x")
            name = row.name_ja if lang == "ja" else ind
            change = (tr(f"（案→最終 {row.change_pct:+.1f}%）",
                         f" (draft → final {row.change_pct:+.1f}%)", lang)
                      if pd.notna(row.change_pct) else "")
            ax.set_title(tr(f"{name} — {row.target_year}年度目標{change}",
                            f"{name} — FY{row.target_year} target{change}", lang),
                         loc="left", fontsize=9)
            if actual.empty:
                ax.text(0.99, 0.1, tr("実績値の公表資料なし", "no published observed value",
                                      lang),
                        transform=ax.transAxes, ha="right", color=REFERENCE, fontsize=8)
        handles = [
            Line2D([], [], marker="D", color=FOCUS, markerfacecolor="white", linestyle="none",
                   label=tr("目標（案）", "draft target", lang)),
            Line2D([], [], marker="D", color=FOCUS, linestyle="none",
                   label=tr("目標（最終）", "final target", lang)),
            Line2D([], [], marker="o", color=PALETTE[0], linestyle="none",
                   label=tr("実績", "observed", lang)),
            Line2D([], [], marker="o", color=PALETTE[0], markerfacecolor="white",
                   linestyle="none", label=tr("実績（概数）", "observed (rounded)", lang)),
        ]
        axes[0].legend(handles=handles, loc="lower left", ncols=4, fontsize=7.5)
        title(fig, tr("成果指標の目標値の変更（案→最終）と実績",
                      "Plan indicators: revised targets (draft → final) and observed values",
                      lang))
        footnote(fig, tr(
            "目標（案）から目標（最終）への変更は第2期実行プログラム（2018年3月）による。"
            "実績は公表資料で確認できた値のみ（補間・推計なし）。",
            "Draft → final: changes made by the 2nd implementation programme (March 2018). "
            "Observed values only where published (nothing interpolated or estimated).", lang))
        source_line(fig, [s for text in table["source"] for s in text.split("; ")], lang)
    return finish(fig)


#: Colour of each audit status (labels: the claims registry's STATUS_LABELS).
STATUS_COLORS: dict[str, str] = {
    "confirmed": "#3a7d44",
    "confirmed_other_vintage": "#66a182",
    "contradicted": "#d1495b",
    "unverifiable": "#9a9a9a",
    "plan_statement": "#2e4057",
}


def claims_status(claims: pd.DataFrame, *, lang: str = "ja") -> Figure:
    """Chart the claims audit at a glance: one row per claim, a mark in its status column.

    Rows are labelled by the claim's short ``label_ja`` / ``label_en`` (else its id);
    the columns are the audit statuses (labels of the claims registry, in ``lang``),
    each mark coloured by ``STATUS_COLORS``. The footnote counts the claims per
    status; the 出典 line names the raw files the claims were checked against.

    Parameters
    ----------
    claims : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.claims.claims_frame`: one row per
        claim with ``id``, ``status`` (``confirmed``, ``confirmed_other_vintage``,
        ``contradicted``, ``unverifiable`` or ``plan_statement``), optionally
        ``label_ja`` / ``label_en`` and ``sources`` (raw-file strings or lists of them).
    lang : {'ja', 'en'}, default 'ja'
        Language of the labels, the title and the source line.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown).

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    >>> from kawasaki_econ import figures
    >>> from kawasaki_econ.analysis.claims import audit, claims_frame, load_registry
    >>> claims = claims_frame(audit(load_registry()))
    >>> fig = figures.claims_status(claims)
    >>> fig.get_suptitle()
    '計画の数値の検証結果'
    >>> [label.get_text() for label in fig.axes[0].get_xticklabels()]
    ['確認', '別の公表版で確認', '不一致', '検証不能', '計画内の記述']
    """
    check_lang(lang)
    df = claims.reset_index(drop=True)
    statuses = list(STATUSES)
    labels = STATUS_LABELS[lang]
    column = "label_ja" if lang == "ja" else "label_en"
    names = (df[column].where(df[column].notna() & (df[column].astype(str) != ""), df["id"])
             if column in df.columns else df["id"]).astype(str)
    with rc():
        fig, ax = new_figure((8.5, 0.32 * len(df) + 2.2))
        y = np.arange(len(df))[::-1]
        for yi, status in zip(y, df["status"], strict=True):
            if status in STATUS_COLORS:
                ax.plot([statuses.index(status)], [yi], marker="s", markersize=9,
                        color=STATUS_COLORS[status], linestyle="none")
        ax.set_yticks(y, names)
        ax.set_xticks(range(len(statuses)), [labels[s] for s in statuses])
        ax.xaxis.tick_top()
        ax.set_xlim(-0.6, len(statuses) - 0.4)
        ax.set_ylim(-0.7, len(df) - 0.3)
        ax.tick_params(axis="y", labelsize=7)
        ax.tick_params(axis="x", labelsize=7.5)
        counts = df["status"].value_counts()
        summary = ", ".join(f"{labels[s]} {counts.get(s, 0)}" for s in statuses)
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
