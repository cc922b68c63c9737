"""Economic census charts of one municipality: totals across census years and industry
divisions. The comparisons with other areas are in :mod:`kawasaki_econ.figures.compare`."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..analysis.areas import KAWASAKI
from ..lang import tr, tr_pair
from .fonts import rc
from .footer import footnote, source_line
from .labels import MEASURES, area_name, division_name, measure_label
from .plan import census_points
from .style import PALETTE, PLAN, REFERENCE, finish, new_figure, thousands, title

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
    """Chart the establishments and employees of one municipality in every census year.

    Two panels (establishments, employees), one bar per census year of SSDSE-A. The 2014
    bars (経済センサス‐基礎調査: all establishments incl. public) are hatched and set
    apart by a dashed separator from 2016 / 2021 (経済センサス‐活動調査: private
    establishments only); a line joins only years of the same scope and survey, never
    across the break. The municipality's name comes from the census table.

    Parameters
    ----------
    census : pandas.DataFrame
        The processed ``census`` table (``kawasaki_econ.load("census")``) or rows of it:
        ``area_code``, ``area_name``, ``census_year`` (census reference year, e.g. 2016),
        ``industry_code`` (the totals are the ``'ALL'`` rows), ``measure``
        (``establishments`` / ``employees``), ``scope`` (``all`` / ``private``),
        ``survey``, ``value`` (establishments or persons) and ``source``; with a
        ``dataset`` column only the ``SSDSE-A`` rows are used.
    focus : str, default '14130'
        Five-digit area code of the municipality (14130 = 川崎市).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.
    plan_points : bool or list of dict, default True
        The figures stated in the plan (2016 preliminary), drawn as diamonds: True = the
        ``census_total`` claims of the package's claims registry, False = none, or a list
        of ``{"area", "year", "measure", "value"}`` records. Only points of ``focus`` are
        drawn.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown):
        axes titled 事業所数 / 従業者数 (or Establishments / Employees), the scope notes
        and the 出典 line in its footer.

    Raises
    ------
    ValueError
        If ``census`` holds no total (``industry_code == 'ALL'``) of ``focus``, or
        ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    census_by_industry : The same census years by JSIC major division.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> fig = figures.census_totals(kawasaki_econ.load("census"), "14130")
    >>> fig.get_suptitle()
    '川崎市の事業所数・従業者数（経済センサス）'
    >>> [ax.get_title() for ax in fig.axes]
    ['事業所数', '従業者数']
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
            labels = [f"{y}{tr('年', '', lang)}\n{tr_pair(SCOPE_LABEL[s], lang)}"
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
                         label=tr_pair(SCOPE_LABEL["all"], lang)),
                   Patch(facecolor=PALETTE[0], label=tr_pair(SCOPE_LABEL["private"], lang))]
        if points:
            from matplotlib.lines import Line2D

            handles.append(Line2D([], [], marker="D", color=PLAN, linestyle="none",
                                  label=tr("計画の記載値（2016年速報値）",
                                           "figure stated in the plan (2016 preliminary)",
                                           lang)))
        axes[0].legend(handles=handles, loc="upper right", fontsize=7.5)
        title(fig, tr(f"{name}の事業所数・従業者数（経済センサス）",
                      f"{name}: establishments and employees (Economic Census)", lang))
        notes = [tr_pair(SCOPE_NOTE, lang)]
        if {2016, 2021} <= set(rows["census_year"].astype(int)):
            notes.append(tr_pair(CAVEAT_2021, lang))
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
    """Chart one census measure of a municipality by JSIC major division.

    One horizontal bar per census year and division (産業大分類); the 2014 bars (all
    establishments incl. public) are hatched, 2016 / 2021 cover private establishments
    only. Divisions without a positive value in any year are left out; a missing value
    is named in the footnote (no bar), never drawn as zero.

    Parameters
    ----------
    census : pandas.DataFrame
        The processed ``census`` table (``kawasaki_econ.load("census")``) or rows of it:
        ``area_code``, ``area_name``, ``census_year``, ``industry_code`` (JSIC major
        division letters; the ``'ALL'`` totals are left out), ``measure``, ``scope``,
        ``value`` and ``source``; with a ``dataset`` column only the ``SSDSE-A`` rows are
        used.
    focus : str, default '14130'
        Five-digit area code of the municipality (14130 = 川崎市).
    measure : {'employees', 'establishments'}, default 'employees'
        The measure drawn: employees (persons) or establishments.
    years : tuple of int, default (2014, 2016, 2021)
        Census reference years, one bar each (years absent from the data are skipped).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        with the scope notes and the 出典 line in its footer.

    Raises
    ------
    ValueError
        If ``census`` holds no ``measure`` by division of ``focus`` in ``years``, or
        ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    census_totals : The totals of the same municipality.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> census = kawasaki_econ.load("census")
    >>> figures.census_by_industry(census, "14130").get_suptitle()
    '川崎市の産業大分類別従業者数'
    >>> fig = figures.census_by_industry(census, "14130", measure="establishments", lang="en")
    >>> fig.get_suptitle()
    'Kawasaki: establishments by JSIC major division'
    """
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
                    label=f"{year}年 {tr_pair(SCOPE_LABEL[scope.get(year)], lang)}"
                    if lang == "ja" else f"{year} ({tr_pair(SCOPE_LABEL[scope.get(year)], lang)})")
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
        notes = [tr_pair(SCOPE_NOTE, lang)]
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
