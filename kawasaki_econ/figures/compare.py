"""Census comparisons of a municipality with its comparison group: employee change,
industry shares, location quotients and shift-share (the focus highlighted)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..analysis.areas import DESIGNATED_CITIES, KAWASAKI, TOKYO_WARDS_CODE
from ..analysis.names import english_names, japanese_names
from ..lang import tr, tr_pair
from .census import CAVEAT_2021, SCOPE_LABEL, census_sources
from .fonts import rc
from .footer import footnote, source_line
from .labels import MEASURES, area_name, division_name
from .style import FOCUS, OTHER, PALETTE, PLAN, finish, new_figure, title


def _focus_of(frame: pd.DataFrame, focus: str | None) -> tuple[str, str | None]:
    """The focus area code — ``focus`` if given, else the frame's ``is_focus`` row, else
    Kawasaki — and its name in the frame (``None`` if the frame lacks it)."""
    if focus is None:
        rows = frame[frame["is_focus"]] if "is_focus" in frame else frame.iloc[:0]
        focus = str(rows["area_code"].iloc[0]) if len(rows) else KAWASAKI
    names = frame.loc[frame["area_code"].astype(str) == focus, "area_name"]
    return focus, (str(names.iloc[0]) if len(names) else None)


def _is_designated_group(frame: pd.DataFrame) -> bool:
    """True if the frame compares the designated cities (and 東京都区部) — the frame's
    ``attrs['peer_kind']`` where given (``analysis.peer_change``), else its areas."""
    kind = frame.attrs.get("peer_kind")
    if kind is not None:
        return kind == "designated"
    codes = set(frame["area_code"].astype(str)) - {TOKYO_WARDS_CODE}
    return codes <= set(DESIGNATED_CITIES)


#: Location quotients above this are cut at the right edge of the axis, their value written
#: (与那国町's fisheries: 17.7 against the nation, 249 against the designated cities).
LQ_AXIS_MAX = 5.0

#: Height (inches) per area of the shift-share chart; the chart is at least 7 in high.
SHIFT_SHARE_ROW_IN = 0.2


def _area_labels(codes, names, lang: str) -> list[str]:
    """Row labels: the area names in ``lang`` (``names``: the frame's Japanese names, used
    where no other name is known), unique within the chart
    (:func:`~kawasaki_econ.analysis.names.english_names`, ``japanese_names``)."""
    unique = english_names(codes) if lang == "en" else japanese_names(codes)
    return [unique.get(c) or area_name(c, lang, default=str(n))
            for c, n in zip(codes, names, strict=True)]


def _row_margins(ax, n_rows: int) -> None:
    """Vertical margins of a chart with one row per area: matplotlib's 5 %, but at most
    about one row, so that a tall chart of 60–200 areas has no empty band."""
    ax.margins(y=min(0.05, 1.0 / max(n_rows - 1, 1)))


def _finite(values: pd.Series) -> pd.Series:
    """``values`` as floats, NaN where not finite (a % change from a zero base is inf)."""
    out = pd.to_numeric(values, errors="coerce").astype(float)
    return out.where(np.isfinite(out))


def _no_rate_note(rows: pd.DataFrame, start, measure: str, lang: str) -> str:
    """'—: 増減率なし: 双葉町（2016年0人）' — the areas listed without a bar, and why."""
    unit = MEASURES[measure][2] if lang == "ja" else MEASURES[measure][3]
    starts = rows["value_start"] if "value_start" in rows else pd.Series(np.nan, rows.index)
    parts = []
    for code, name, base in zip(rows["area_code"].astype(str), rows["area_name"], starts,
                                strict=True):
        label = area_name(code, lang, default=str(name))
        zero = pd.notna(base) and float(base) == 0
        parts.append(tr(f"{label}（{start}年0{unit}）" if zero else f"{label}（データなし）",
                        f"{label} (0 {unit} in {start})" if zero else f"{label} (no data)",
                        lang))
    return tr("—: 増減率なし: " + "、".join(parts),
              "—: no rate of change: " + ", ".join(parts), lang)


def _bar_colors(codes, focus: str) -> tuple[list[str], list[str | None]]:
    colors = [FOCUS if c == focus else ("#bfbfbf" if c == TOKYO_WARDS_CODE else OTHER)
              for c in codes]
    hatches = ["..." if c == TOKYO_WARDS_CODE else None for c in codes]
    return colors, hatches


def city_employee_change(
    ranked: pd.DataFrame,
    *,
    focus: str | None = None,
    lang: str = "ja",
    sources=None,
) -> Figure:
    """Chart the % change of employees or establishments of a comparison group.

    One horizontal bar per area between two census years, sorted, the ``focus``
    highlighted with its rank; for the designated-city group 東京都区部 is shown for
    reference (hatched, not ranked). An area without a rate (no data, or zero at the
    start) gets a dash and a footnote, never a bar. The 2016→2021 coverage caveat of the
    economic census is added to the notes when the years span it.

    Parameters
    ----------
    ranked : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.peer_change` (or
        :func:`~kawasaki_econ.analysis.rank_change`): one row per area with
        ``area_code``, ``area_name``, ``change_pct`` (%), ``rank_in_group``, ``start`` and
        ``end`` (census years, also read from ``attrs``), optionally ``value_start``,
        ``caveat`` and ``is_focus``; ``attrs['measure']`` (``employees`` /
        ``establishments``) and ``attrs['peer_kind']`` name the measure and the group.
    focus : str, optional
        Five-digit area code highlighted; default: the frame's ``is_focus`` row, else
        14130 (川崎市).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.
    sources : sequence of str or pandas.DataFrame, optional
        What the 出典 line names (see :func:`describe_sources`); default: the SSDSE-A
        files of the two census years, from the raw-file catalogue.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        the focus's rank written in its lower right corner.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    shift_share_chart : The same change decomposed by industry.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import analysis, figures
    >>> census = kawasaki_econ.load("census")
    >>> focus = analysis.resolve_focus(census, "14130")
    >>> group = analysis.peer_group(focus, census, kawasaki_econ.load("population"))
    >>> ranked = analysis.peer_change(census, group, 2016, 2021, measure="employees")
    >>> fig = figures.city_employee_change(ranked, focus="14130")
    >>> fig.get_suptitle()
    '政令指定都市と東京都区部の従業者数増減率（2016→2021年、民営）'
    >>> [t.get_text() for t in fig.axes[0].texts if "位" in t.get_text()]
    ['川崎市: 指定都市20市中16位']
    """
    df = ranked.assign(change_pct=_finite(ranked["change_pct"])).sort_values(
        "change_pct", ascending=True, ignore_index=True, na_position="first")
    no_rate = df[df["change_pct"].isna()]
    df.loc[no_rate.index, "rank_in_group"] = np.nan
    start, end = ranked.attrs.get("start", df["start"].iloc[0]), ranked.attrs.get(
        "end", df["end"].iloc[0])
    measure = ranked.attrs.get("measure", "employees")
    focus, focus_default = _focus_of(df, focus)
    focus_rows = df[df["area_code"].astype(str) == focus]
    n_ranked = int(df["rank_in_group"].notna().sum())
    designated = _is_designated_group(ranked)
    with rc():
        fig, ax = new_figure((8.0, max(7.2, 0.26 * len(df) + 1.5)))
        codes = df["area_code"].astype(str).tolist()
        colors, hatches = _bar_colors(codes, focus)
        y = np.arange(len(df))
        bars = ax.barh(y, df["change_pct"].fillna(0), color=colors, edgecolor="white",
                       height=0.72)
        for bar, hatch in zip(bars, hatches, strict=True):
            if hatch:
                bar.set_hatch(hatch)
                bar.set_edgecolor("#7f7f7f")
        labels = []
        for label, rank in zip(_area_labels(codes, df["area_name"], lang), df["rank_in_group"],
                               strict=True):
            labels.append(label + (f" ({int(rank)})" if pd.notna(rank) else ""))
        ax.set_yticks(y, labels)
        for tick, code in zip(ax.get_yticklabels(), codes, strict=True):
            if code == focus:
                tick.set_color(FOCUS)
        for yi, v in zip(y, df["change_pct"], strict=True):
            if pd.isna(v):
                ax.annotate("—", (0, yi), xytext=(3, 0), textcoords="offset points",
                            va="center", ha="left", fontsize=7)
                continue
            ax.annotate(f"{v:+.2f}%", (v, yi), xytext=(3 if v >= 0 else -3, 0),
                        textcoords="offset points", va="center",
                        ha="left" if v >= 0 else "right", fontsize=7)
        _row_margins(ax, len(df))
        ax.axvline(0, color="#333333", linewidth=0.8)
        lo, hi = df["change_pct"].min(), df["change_pct"].max()
        if pd.isna(lo):
            lo, hi = -1.0, 1.0
        pad = (hi - lo) * 0.15
        ax.set_xlim(min(lo - pad, -pad), hi + pad)
        ax.set_xlabel(tr(f"{MEASURES[measure][0]}の増減率（%）",
                         f"Change in {MEASURES[measure][1].lower()} (%)", lang))
        ax.grid(axis="y", visible=False)
        focus_name = area_name(focus, lang, default=focus_default)
        if len(focus_rows) and pd.notna(focus_rows["rank_in_group"].iloc[0]):
            rank = int(focus_rows["rank_in_group"].iloc[0])
            ax.text(0.98, 0.02, tr(f"{focus_name}: 指定都市{n_ranked}市中{rank}位",
                                   f"{focus_name}: rank {rank} of {n_ranked} designated cities",
                                   lang) if designated else
                    tr(f"{focus_name}: 比較グループ{n_ranked}地域中{rank}位",
                       f"{focus_name}: rank {rank} of {n_ranked} in the comparison group", lang),
                    transform=ax.transAxes, ha="right", va="bottom", color=FOCUS,
                    fontsize=8.5)
        scope = tr("民営", "private", lang)
        if designated:
            title(fig, tr(f"政令指定都市と東京都区部の{MEASURES[measure][0]}増減率（{start}→{end}年、{scope}）",
                          f"{MEASURES[measure][1]}: % change {start}→{end} ({scope}), designated "
                          "cities and Tokyo's 23 wards", lang))
            notes = [tr("括弧内は政令指定都市20市中の順位。東京都区部は23区の合計（参考値、順位対象外）。",
                        "Rank among the 20 designated cities in brackets. Tokyo 23 wards = sum "
                        "of the wards (reference, not ranked).", lang)]
        else:
            title(fig, tr(f"{focus_name}と比較グループの{MEASURES[measure][0]}増減率"
                          f"（{start}→{end}年、{scope}）",
                          f"{MEASURES[measure][1]}: % change {start}→{end} ({scope}), "
                          f"{focus_name} and its comparison group", lang))
            notes = [tr(f"括弧内は比較グループ{n_ranked}地域中の順位。",
                        f"Rank within the comparison group ({n_ranked} areas) in brackets.",
                        lang)]
        caveat = " ".join(df["caveat"].dropna().astype(str).unique()) if "caveat" in df else ""
        if "corporate-number" in caveat or (int(start) <= 2016 and int(end) >= 2021):
            notes.append(tr_pair(CAVEAT_2021, lang))
        if "override" in caveat:
            notes.append(tr("注意: 調査範囲の異なる年を比較（override）。", "Warning: "
                            "compares census years of different scope (override).", lang))
        if len(no_rate):
            notes.append(_no_rate_note(no_rate, start, measure, lang))
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
    """Chart the share of employees in chosen industries across a comparison group.

    One panel per JSIC major division, one bar per area, sorted by share; the ``focus``
    is highlighted with its rank, 東京都区部 (if in the frame) shown for reference.

    Parameters
    ----------
    shares : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.peer_shares` (or
        :func:`~kawasaki_econ.analysis.industry_shares`) for one census year:
        ``area_code``, ``area_name``, ``census_year``, ``scope``, ``industry_code``,
        ``share_pct`` (% of the area's employees), ``rank_designated`` and/or
        ``rank_in_group``, ``source``, optionally ``is_focus``; ``attrs['year']`` and
        ``attrs['peer_kind']``.
    industries : tuple of str, default ('G', 'L')
        JSIC major division codes, one panel each (G 情報通信業, L 学術研究，専門・技術
        サービス業).
    focus : str, optional
        Five-digit area code highlighted; default: the frame's ``is_focus`` row, else
        14130 (川崎市).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        one axis per division, titled with the division's name.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import analysis, figures
    >>> census = kawasaki_econ.load("census")
    >>> focus = analysis.resolve_focus(census, "14130")
    >>> group = analysis.peer_group(focus, census, kawasaki_econ.load("population"))
    >>> shares = analysis.peer_shares(census, group, 2021)
    >>> fig = figures.industry_share_comparison(shares, ("G", "L"), focus="14130")
    >>> fig.get_suptitle()
    '従業者に占める業種別割合の大都市比較（2021年、民営事業所）'
    >>> [ax.get_title() for ax in fig.axes]
    ['G 情報通信業', 'L 学術研究，専門・技術サービス業']
    """
    year = shares.attrs.get("year", int(shares["census_year"].iloc[0]))
    focus, focus_default = _focus_of(shares, focus)
    focus_name = area_name(focus, lang, default=focus_default)
    designated = _is_designated_group(shares)
    rank_col = "rank_designated" if designated or "rank_in_group" not in shares else \
        "rank_in_group"
    n_areas = shares["area_code"].nunique()
    with rc():
        fig, axes = new_figure((4.4 * len(industries), max(6.8, 0.26 * n_areas + 1.0)), 1,
                               len(industries))
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
            ax.set_yticks(y, _area_labels(codes, sub["area_name"], lang))
            for tick, c in zip(ax.get_yticklabels(), codes, strict=True):
                if c == focus:
                    tick.set_color(FOCUS)
            for yi, v in zip(y, sub["share_pct"], strict=True):
                ax.annotate(f"{v:.2f}", (v, yi), xytext=(2, 0), textcoords="offset points",
                            va="center", fontsize=7)
            _row_margins(ax, len(sub))
            ax.set_xlim(0, sub["share_pct"].max() * 1.18)
            ax.set_xlabel(tr("従業者に占める割合（%）", "Share of employees (%)", lang))
            ax.set_title(division_name(code, lang))
            ax.grid(axis="y", visible=False)
            fr = sub[sub["area_code"] == focus]
            if len(fr) and pd.notna(fr[rank_col].iloc[0]):
                r = int(fr[rank_col].iloc[0])
                n = int(sub[rank_col].notna().sum())
                ax.text(0.98, 0.02, tr(f"{focus_name}: 指定都市中{r}位",
                                       f"{focus_name}: rank {r} of 20", lang) if designated
                        else tr(f"{focus_name}: 比較グループ{n}地域中{r}位",
                                f"{focus_name}: rank {r} of {n}", lang),
                        transform=ax.transAxes, ha="right", color=FOCUS, fontsize=8)
        scope = str(shares["scope"].iloc[0])
        if designated:
            title(fig, tr(f"従業者に占める業種別割合の大都市比較（{year}年、{tr_pair(SCOPE_LABEL[scope], lang)}）",
                          f"Industry shares of employees, big cities ({year}, "
                          f"{tr_pair(SCOPE_LABEL[scope], lang)})", lang))
        else:
            title(fig, tr(f"従業者に占める業種別割合: {focus_name}と比較グループ"
                          f"（{year}年、{tr_pair(SCOPE_LABEL[scope], lang)}）",
                          f"Industry shares of employees: {focus_name} and its comparison "
                          f"group ({year}, {tr_pair(SCOPE_LABEL[scope], lang)})", lang))
        if TOKYO_WARDS_CODE in set(shares["area_code"].astype(str)):
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
    """Chart the location quotients (特化係数) of one municipality by division.

    Bars: the quotient against the nation (1 = the same share of employees as the
    nation; above 1 highlighted); diamonds: the quotient against a second base, e.g. the
    comparison group's aggregate. Quotients above ``LQ_AXIS_MAX`` (5) are cut at the
    axis edge with their value written.

    Parameters
    ----------
    lq_nation : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.peer_location_quotients` (or
        :func:`~kawasaki_econ.analysis.location_quotients`) against the nation, one
        census year: ``area_code``, ``area_name``, ``census_year``, ``industry_code``,
        ``value`` (employees), ``lq``, ``base_basis``, ``source`` and ``base_source``.
    lq_designated : pandas.DataFrame, optional
        The same for the second base (``base="group"``); its label is
        ``attrs["base_label"]`` (a ``(ja, en)`` pair). None: bars only.
    focus : str, default '14130'
        Five-digit area code of the municipality (14130 = 川崎市).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        divisions without employees left out.

    Raises
    ------
    ValueError
        If ``lq_nation`` holds no row of ``focus``, or ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import analysis, figures
    >>> census = kawasaki_econ.load("census")
    >>> focus = analysis.resolve_focus(census, "14130")
    >>> group = analysis.peer_group(focus, census, kawasaki_econ.load("population"))
    >>> fig = figures.location_quotient_chart(
    ...     analysis.peer_location_quotients(census, group, 2021),
    ...     analysis.peer_location_quotients(census, group, 2021, base="group"),
    ...     focus="14130")
    >>> fig.get_suptitle()
    '川崎市の特化係数（2021年、従業者数）'
    >>> fig.axes[0].get_legend_handles_labels()[1]
    ['対政令指定都市計', '対全国']
    """
    a = lq_nation[lq_nation["area_code"] == focus].set_index("industry_code")
    if a.empty:
        raise ValueError(f"no location quotients for area {focus}")
    a = a[a["value"].fillna(0) > 0].sort_index(ascending=False)
    year = lq_nation.attrs.get("year", int(a["census_year"].iloc[0]))
    name = area_name(focus, lang, default=str(a["area_name"].iloc[0]))
    d = None
    if lq_designated is not None:
        d = lq_designated[lq_designated["area_code"] == focus].set_index("industry_code")
        d = d.reindex(a.index)
    largest = pd.concat([a["lq"], d["lq"] if d is not None else a["lq"]]).max()
    cut = LQ_AXIS_MAX if largest > LQ_AXIS_MAX else None
    edge = cut * 1.04 if cut is not None else None  # right end of the axis when cut
    with rc():
        fig, ax = new_figure((8.0, 6.8))
        y = np.arange(len(a))
        colors = [FOCUS if v >= 1 else OTHER for v in a["lq"]]
        ax.barh(y, a["lq"], color=colors, height=0.65,
                label=tr("対全国", "vs nation", lang))
        for yi, v in zip(y, a["lq"], strict=True):
            if cut is not None and v > cut:
                ax.annotate(f"{v:.2f} ▶", (edge, yi), xytext=(-2, 0),
                            textcoords="offset points", va="center", ha="right", fontsize=7,
                            color="white")
                continue
            ax.annotate(f"{v:.2f}", (v, yi), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=7)
        if d is not None:
            shown = d["lq"] if cut is None else d["lq"].where(d["lq"] <= cut)
            ax.plot(shown, y, marker="D", linestyle="none", color=PLAN, markersize=4.5,
                    label=tr(*lq_designated.attrs.get(
                        "base_label", ("対政令指定都市計", "vs designated-city aggregate")), lang))
            for yi, v in zip(y, d["lq"], strict=True):
                if cut is not None and v > cut:
                    ax.annotate(f"◆ {v:.2f} ▶", (edge, yi), xytext=(-2, 6),
                                textcoords="offset points", va="bottom", ha="right",
                                fontsize=7, color=PLAN)
        if cut is not None:
            ax.set_xlim(0, edge)
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
                      lang),
                 tr(f"特化係数が{cut:g}を超える値は軸の右端で切り、値を記載（▶）。",
                    f"Quotients above {cut:g} are cut at the axis edge, their value written "
                    "(▶).", lang) if cut is not None else "")
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
    """Chart the shift-share decomposition of employee change per area.

    One row per area: the national-growth, industry-mix and regional effects stacked in
    % of the start year's employees, the actual change as a diamond; the ``focus`` row
    is shaded. An area without a rate gets a dash and a footnote.

    Parameters
    ----------
    summary : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.shift_share_summary`: one row per
        area with ``area_code``, ``area_name``, ``actual_change_pct``,
        ``national_effect_pct``, ``industry_mix_effect_pct`` and
        ``regional_effect_pct`` (% of the start-year employees), optionally
        ``value_start``; ``attrs['start']`` / ``attrs['end']`` (census years, default
        2016 / 2021) and ``attrs['national_growth_pct']``.
    focus : str, default '14130'
        Five-digit area code highlighted (14130 = 川崎市).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.
    sources : sequence of str or pandas.DataFrame, optional
        What the 出典 line names (see :func:`describe_sources`); default: the SSDSE-A
        files of the two census years, from the raw-file catalogue.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        the effects' definitions in its footnote.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    city_employee_change : The actual change alone, ranked.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import analysis, figures
    >>> census = kawasaki_econ.load("census")
    >>> focus = analysis.resolve_focus(census, "14130")
    >>> group = analysis.peer_group(focus, census, kawasaki_econ.load("population"))
    >>> shift = analysis.shift_share_summary(
    ...     analysis.shift_share(census, 2016, 2021, areas=list(group.ranked)))
    >>> fig = figures.shift_share_chart(shift, focus="14130")
    >>> fig.get_suptitle()
    '従業者数増減のシフト・シェア分析（2016→2021年、民営）'
    >>> fig.axes[0].get_legend_handles_labels()[1]
    ['実際の増減率', '全国成長要因', '産業構成要因', '地域特殊要因']
    """
    start, end = summary.attrs.get("start", 2016), summary.attrs.get("end", 2021)
    pct_cols = ["actual_change_pct", "national_effect_pct", "industry_mix_effect_pct",
                "regional_effect_pct"]
    df = summary.assign(**{c: _finite(summary[c]) for c in pct_cols})
    df = df.assign(actual_change_pct=df["actual_change_pct"].where(
        df[pct_cols].notna().all(axis=1))).sort_values(
        "actual_change_pct", ascending=True, ignore_index=True, na_position="first")
    no_rate = df[df["actual_change_pct"].isna()]
    parts = [("national_effect_pct", tr("全国成長要因", "national growth", lang), PALETTE[5]),
             ("industry_mix_effect_pct", tr("産業構成要因", "industry mix", lang), PALETTE[2]),
             ("regional_effect_pct", tr("地域特殊要因", "regional (competitive)", lang),
              PALETTE[0])]
    with rc():
        fig, ax = new_figure((8.2, max(7.0, SHIFT_SHARE_ROW_IN * len(df) + 2.6)))
        y = np.arange(len(df))
        pos = np.zeros(len(df))
        neg = np.zeros(len(df))
        drawn = df["actual_change_pct"].notna().to_numpy()
        for col, label, color in parts:
            v = np.where(drawn, df[col].to_numpy(dtype=float), 0.0)
            left = np.where(v >= 0, pos, neg)
            ax.barh(y, v, left=left, color=color, height=0.7, label=label)
            pos = np.where(v >= 0, pos + v, pos)
            neg = np.where(v < 0, neg + v, neg)
        ax.plot(df["actual_change_pct"], y, marker="D", color="black", linestyle="none",
                markersize=4, label=tr("実際の増減率", "actual change", lang))
        for yi in y[~drawn]:
            ax.annotate("—", (0, yi), xytext=(3, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=7)
        codes = df["area_code"].astype(str).tolist()
        ax.set_yticks(y, _area_labels(codes, df["area_name"], lang))
        for tick, c in zip(ax.get_yticklabels(), codes, strict=True):
            if c == focus:
                tick.set_color(FOCUS)
        if focus in codes:
            ax.axhspan(codes.index(focus) - 0.45, codes.index(focus) + 0.45, color=FOCUS,
                       alpha=0.08, zorder=0)
        _row_margins(ax, len(df))
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
            notes.append(tr_pair(CAVEAT_2021, lang))
        if len(no_rate):
            notes.append(_no_rate_note(no_rate, start, "employees", lang))
        footnote(fig, *notes)
        source_line(fig, sources if sources is not None else census_sources((start, end)),
                    lang)
    return finish(fig)
