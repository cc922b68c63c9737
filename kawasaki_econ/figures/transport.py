"""Station ridership and Haneda airport charts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..analysis.areas import KAWASAKI
from ..analysis.series import full_range
from ..lang import tr
from .fonts import rc
from .footer import footnote, source_line
from .labels import area_name, station_name
from .plan import haneda_claims, station_growth_claims
from .style import PALETTE, PLAN, REFERENCE, SHADE, finish, new_figure, thousands, title

HOLLOW = ("rounded", "preliminary", "estimate")


def _gapped(sub: pd.DataFrame, x_col: str, index: pd.Index, y_col: str) -> pd.Series:
    """``y_col`` reindexed to every period of ``index``: missing periods are NaN, so a
    line drawn through it breaks there instead of bridging the gap."""
    return sub.set_index(x_col)[y_col].astype("float64").reindex(index)


def _plot_station_lines(ax, df: pd.DataFrame, y_col: str, lang: str) -> list[str]:
    years = full_range(df["fiscal_year"], "year")
    stations = list(dict.fromkeys(df["station"]))
    for i, station in enumerate(stations):
        sub = df[df["station"] == station]
        color = PALETTE[i % len(PALETTE)]
        series = _gapped(sub, "fiscal_year", years, y_col)
        ax.plot(years, series.to_numpy(), color=color, marker="o", markersize=3.2,
                linewidth=1.5, label=station_name(station, lang), gid=f"station:{station}")
        hollow = sub[sub["status"].isin(HOLLOW)]
        if len(hollow):
            ax.plot(hollow["fiscal_year"], hollow[y_col], linestyle="none", marker="o",
                    markersize=6, markerfacecolor="white", markeredgecolor=color)
    return stations


def _fy_axis(ax, lang: str) -> None:
    ax.set_xlabel(tr("年度（4月〜翌年3月）", "Fiscal year (FY; April–March)", lang))
    ax.xaxis.get_major_locator().set_params(integer=True)


def station_ridership_index(
    series: pd.DataFrame,
    *,
    base: int = 2009,
    focus: str = KAWASAKI,
    lang: str = "ja",
    mark_claims: bool = True,
    registry: Path | None = None,
) -> Figure:
    """Chart daily boardings per station as an index, FY``base`` = 100.

    One line per station; stations without a value in the base year are left out.
    Missing fiscal years are gaps (never interpolated); values rounded to the thousand
    are hollow circles. The plan's station growth statements (FY2009→FY2015 in
    Kawasaki's plan) are marked with crosses, next to the growth the data show.

    Parameters
    ----------
    series : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.series.station_series`: one row per station and fiscal year with
        ``station``, ``fiscal_year`` (FY2016 = April 2016 – March 2017), ``value``
        (daily boardings, persons per day), ``status`` (``final``, or ``rounded`` to
        the thousand …) and ``source``, optionally ``source_url``. If it already has an
        ``index_value`` column (from :func:`~kawasaki_econ.analysis.index_to`), that
        index is drawn as it is.
    base : int, default 2009
        Base fiscal year (index = 100): 2009 = FY2009 = April 2009 – March 2010.
    focus : str, default '14130'
        Five-digit area code of the municipality named in the title (14130 = 川崎市).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.
    mark_claims : bool, default True
        Mark the ``station_growth`` statements of the claims ``registry``.
    registry : pathlib.Path, optional
        The claims registry (TOML) whose statements are marked; default the package's
        (``analysis/claims.toml``, Kawasaki's plan). A missing file marks nothing.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown).

    Raises
    ------
    ComparabilityError
        If ``series`` (without ``index_value``) has more than one row per station in
        the base year.
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    station_ridership : The levels, one panel per station.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> stations = figures.station_series(kawasaki_econ.load("ridership"), focus="14130")
    >>> fig = figures.station_ridership_index(stations, base=2009, focus="14130")
    >>> fig.get_suptitle()
    'JR東日本 市内各駅の1日平均乗車人員（2009年度 = 100）'
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("計画")]
    ['計画: 川崎 約10%増（実績 +11.1%）', '計画: 武蔵小杉 約60%増（実績 +61.8%）']
    """
    from ..analysis import index_to

    df = series if "index_value" in series.columns else index_to(series, base, period="fiscal_year",
                                                           by=["station"])
    df = df[df["index_value"].notna()]
    with rc():
        fig, ax = new_figure((9.0, 5.6))
        claims = station_growth_claims(registry) if mark_claims else []
        if claims:
            lo = min(c["start"] for c in claims)
            hi = max(c["end"] for c in claims)
            ax.axvspan(lo, hi, color=SHADE, alpha=0.5, zorder=0, linewidth=0)
        stations = _plot_station_lines(ax, df, "index_value", lang)
        ax.axhline(100, color=REFERENCE, linewidth=0.8, linestyle=":")
        for claim in claims:
            if claim["station"] not in stations:
                continue
            color = PALETTE[stations.index(claim["station"]) % len(PALETTE)]
            y = 100 + claim["pct_change"]
            ax.plot([claim["end"] + 0.3], [y], marker="X", markersize=9, color=PLAN,
                    markeredgecolor="white", linestyle="none", zorder=6,
                    gid=f"claim:{claim['station']}")
            actual = df[(df["station"] == claim["station"]) & (df["fiscal_year"] == claim["end"])]
            got = (f"{actual['index_value'].iloc[0] - 100:+.1f}%" if len(actual) else
                   tr("データなし", "no data", lang))
            text = tr(f"計画: {station_name(claim['station'], lang)} 約{claim['pct_change']:.0f}%増"
                      f"（実績 {got}）",
                      f"plan: {station_name(claim['station'], lang)} about "
                      f"+{claim['pct_change']:.0f}% (data {got})", lang)
            ax.annotate(text, (claim["end"] + 0.3, y), xytext=(8, 6), textcoords="offset points",
                        fontsize=7.5, color=color,
                        arrowprops={"arrowstyle": "-", "color": color, "lw": 0.6})
        _fy_axis(ax, lang)
        ax.set_ylabel(tr(f"指数（{base}年度 = 100）", f"Index (FY{base} = 100)", lang))
        handles, labels = ax.get_legend_handles_labels()
        handles += [Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="#555555",
                           linestyle="none", label=tr("千人単位の概数", "rounded to 1,000", lang))]
        if claims:
            handles += [Line2D([], [], marker="X", color=PLAN, linestyle="none",
                               label=tr("計画の記述（2009→2015年度）",
                                        "plan statement (FY2009→FY2015)", lang))]
        ax.legend(handles=handles, loc="upper left", ncols=2)
        title(fig, tr(f"JR東日本 市内各駅の1日平均乗車人員（{base}年度 = 100）",
                      f"JR East stations in {area_name(focus, lang)}: daily boardings "
                      f"(FY{base} = 100)", lang))
        footnote(fig, tr(
            "乗車人員（降車を含まない）の年度平均。1999〜2012年度はJR東日本の上位100駅表、"
            "2013年度以降は個別の公表資料から転記したため年度が飛び飛びで、欠けた年度は線を途切れさせている（補間なし）。",
            "Daily boardings (alightings not counted), fiscal-year average. FY1999–2012 from "
            "JR East's top-100 table; later years transcribed where published, so many years "
            "are missing: lines break at a missing year (no interpolation).", lang))
        source_line(fig, df, lang, transcribed_from="jreast")
    return finish(fig)


def station_ridership(series: pd.DataFrame, *, focus: str = KAWASAKI, lang: str = "ja",
                      ncols: int = 3) -> Figure:
    """Chart daily boardings (人/日) per station and fiscal year, one panel per station.

    Small multiples, each panel on its own y scale from 0 with a shared fiscal-year
    axis, so every station and every scattered later year can be told apart. Every
    published year is a marker (hollow if rounded to the thousand); the line joins
    consecutive years only — gaps stay gaps. Each panel's title gives the latest value.

    Parameters
    ----------
    series : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.series.station_series`: one row per station and fiscal year with
        ``station``, ``fiscal_year`` (FY2016 = April 2016 – March 2017), ``value``
        (daily boardings, persons per day), ``status`` (``final``, or ``rounded`` to
        the thousand …) and ``source``, optionally ``source_url``.
    focus : str, default '14130'
        Five-digit area code of the municipality named in the English title (14130 =
        川崎市).
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.
    ncols : int, default 3
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        each panel titled (left) with the station and its latest published value.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    station_ridership_index : The same stations indexed to a base year.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> stations = figures.station_series(kawasaki_econ.load("ridership"), focus="14130")
    >>> fig = figures.station_ridership(stations, focus="14130")
    >>> [ax.get_title(loc="left") for ax in fig.axes][:2]
    ['川崎  187,310人（2023年度）', '武蔵小杉  107,559人（2023年度）']
    >>> figures.station_ridership(stations, focus="14130", lang="en").get_suptitle()
    'JR East stations in Kawasaki: average daily boardings (each station on its own scale)'
    """
    stations = list(dict.fromkeys(series["station"]))
    years = full_range(series["fiscal_year"], "year")
    nrows = -(-len(stations) // ncols)
    with rc():
        fig, axes = new_figure((9.0, 1.75 * nrows + 1.6), nrows, ncols, sharex=True)
        axes = np.atleast_1d(axes).ravel()
        for ax, station in zip(axes, stations, strict=False):
            sub = series[series["station"] == station]
            values = _gapped(sub, "fiscal_year", years, "value")
            ax.plot(years, values.to_numpy(), color=PALETTE[0], linewidth=1.3, marker="o",
                    markersize=2.8, gid=f"station:{station}")
            hollow = sub[sub["status"].isin(HOLLOW)]
            if len(hollow):
                ax.plot(hollow["fiscal_year"], hollow["value"], linestyle="none", marker="o",
                        markersize=5.5, markerfacecolor="white", markeredgecolor=PALETTE[0],
                        gid=f"rounded:{station}")
            last = sub.sort_values("fiscal_year").iloc[-1]
            ax.set_title(f"{station_name(station, lang)}  "
                         f"{last['value']:,.0f}{tr('人', '', lang)}"
                         f"（{tr(f'{int(last.fiscal_year)}年度', f'FY{int(last.fiscal_year)}', lang)}）"
                         if lang == "ja" else
                         f"{station_name(station, lang)}  {last['value']:,.0f} "
                         f"(FY{int(last['fiscal_year'])})", loc="left", fontsize=8.5)
            ax.set_ylim(0, float(np.nanmax(values.to_numpy())) * 1.15)
            thousands(ax)
            ax.tick_params(labelsize=7)
            ax.xaxis.get_major_locator().set_params(integer=True)
        for ax in axes[len(stations):]:
            ax.set_visible(False)
        for col in range(min(ncols, len(stations))):
            bottom = axes[max(i for i in range(col, len(stations), ncols))]
            bottom.xaxis.set_tick_params(labelbottom=True)
            bottom.set_xlabel(tr("年度", "Fiscal year", lang), fontsize=8)
        fig.supylabel(tr("1日平均乗車人員（人/日）", "Daily boardings (persons/day)", lang),
                      fontsize=9)
        title(fig, tr("JR東日本 市内各駅の1日平均乗車人員（駅ごとに縦軸の目盛りが異なる）",
                      f"JR East stations in {area_name(focus, lang)}: average daily boardings "
                      "(each station on its own scale)", lang))
        footnote(fig, tr("年度は4月〜翌年3月。欠けた年度は線を途切れさせている（補間なし）。"
                         "白抜きは千人単位の概数。駅名の右は公表されている最新年度の値。",
                         "Fiscal year = April–March. Lines break at missing fiscal years (no "
                         "interpolation); hollow circles: rounded to the thousand. Next to "
                         "each name: the latest published year.", lang))
        source_line(fig, series, lang, transcribed_from="jreast")
    return finish(fig)


BASIS_STYLE = {"calendar_year": ("o", PALETTE[0]), "fiscal_year": ("s", PALETTE[1])}


def haneda_chart(
    annual: pd.DataFrame,
    monthly: pd.DataFrame | None = None,
    *,
    lang: str = "ja",
    mark_claims: bool = True,
    registry: Path | None = None,
) -> Figure:
    """Chart Haneda Airport's international passengers per year, and monthly arrivals.

    Calendar-year (暦年, circles) and fiscal-year (年度, squares; FY2016 = April 2016 –
    March 2017) figures in 万人 (10,000 persons) are two series, never joined; points
    are not connected because the years are sparse. Published lower bounds are
    triangles, rounded or preliminary figures hollow. The plan's figures are marked as
    stars. With ``monthly``, a second panel shows the monthly international arrivals
    (出入国管理統計).

    Parameters
    ----------
    annual : pandas.DataFrame
        The output of :func:`kawasaki_econ.analysis.series.haneda_international`:
        ``basis`` (``calendar_year`` / ``fiscal_year``), ``year``, ``value``
        (passengers, arrivals + departures), ``bound`` (``'lower'`` for a published
        lower bound, else ``''``), ``status`` and ``source``, optionally
        ``source_url``.
    monthly : pandas.DataFrame, optional
        The output of :func:`kawasaki_econ.analysis.series.airport_monthly`:
        ``period`` ('YYYY-MM'), ``value`` (arrivals, persons per month) and ``source``.
        None: the annual panel only.
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.
    mark_claims : bool, default True
        Mark the ``haneda_international`` figures of the claims ``registry``.
    registry : pathlib.Path, optional
        The claims registry (TOML) whose figures are marked; default the package's
        (``analysis/claims.toml``, Kawasaki's plan). A missing file marks nothing.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        one or two axes.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> airport = kawasaki_econ.load("airport")
    >>> fig = figures.haneda_chart(figures.haneda_international(airport),
    ...                            figures.airport_monthly(airport, "HND"))
    >>> [ax.get_title() for ax in fig.axes]
    ['羽田空港 国際線旅客数（乗降客数）', '羽田空港 国際線入国者数（出入国管理統計・速報値）']
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("計画")]
    ['計画 276万人', '計画 1,564万人']
    """
    nrows = 2 if monthly is not None else 1
    with rc():
        fig, axes = new_figure((9.0, 8.0 if nrows == 2 else 5.2), nrows, 1)
        ax = axes[0] if nrows == 2 else axes
        for basis, (marker, color) in BASIS_STYLE.items():
            sub = annual[annual["basis"] == basis]
            if sub.empty:
                continue
            for _, r in sub.iterrows():
                hollow = r["status"] in HOLLOW
                m = "^" if r["bound"] == "lower" else marker
                ax.plot([r["year"] + (0.12 if basis == "fiscal_year" else -0.12)],
                        [r["value"] / 1e4], marker=m, markersize=7, linestyle="none",
                        color=color, markerfacecolor="white" if hollow else color,
                        gid=f"{basis}:{r['year']}")
                label = f"{r['value'] / 1e4:,.0f}"
                if r["bound"] == "lower":
                    label += tr("以上", "+", lang)
                below = basis == "fiscal_year"
                ax.annotate(label, (r["year"], r["value"] / 1e4), xytext=(0, -13 if below else 7),
                            textcoords="offset points", ha="center", fontsize=6.5, color=color)
        claims = haneda_claims(registry) if mark_claims else []
        for c in claims:
            ax.plot([c["year"]], [c["value"] / 1e4], marker="*", markersize=11, color=PLAN,
                    linestyle="none", gid=f"claim:{c['year']}")
            ax.annotate(tr(f"計画 {c['value'] / 1e4:,.0f}万人", f"plan {c['value'] / 1e6:.2f} m",
                           lang), (c["year"], c["value"] / 1e4), xytext=(6, -10),
                        textcoords="offset points", fontsize=7, color=PLAN)
        ax.axvline(2010.8, color=REFERENCE, linestyle="--", linewidth=0.8)
        # at the foot of the line: the legend holds the upper left corner, which is where
        # the line stands when the data begin after 2010 (no plan points before it)
        ax.text(2010.9, 0.03, tr("国際線ターミナル供用開始（2010年10月）",
                                 "international terminal opens (Oct 2010)", lang),
                transform=ax.get_xaxis_transform(), fontsize=7, color=REFERENCE, va="bottom")
        ax.set_ylabel(tr("国際線旅客数（万人/年）", "International passengers (10,000 persons/yr)",
                         lang))
        ax.set_xlabel(tr("暦年（○）/ 年度（□、4月〜翌年3月）",
                         "Calendar year (circles) / fiscal year (squares, April–March)", lang))
        ax.set_ylim(bottom=0)
        thousands(ax)
        ax.xaxis.get_major_locator().set_params(integer=True)
        handles = [
            Line2D([], [], marker="o", color=BASIS_STYLE["calendar_year"][1], linestyle="none",
                   label=tr("暦年", "calendar year", lang)),
            Line2D([], [], marker="s", color=BASIS_STYLE["fiscal_year"][1], linestyle="none",
                   label=tr("年度", "fiscal year", lang)),
            Line2D([], [], marker="^", color="#555555", linestyle="none",
                   label=tr("下限値（「〜人を突破」）", "lower bound ('passed …')", lang)),
            Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="#555555",
                   linestyle="none", label=tr("概数・速報値", "rounded / preliminary", lang)),
        ]
        if claims:
            handles.append(Line2D([], [], marker="*", color=PLAN, linestyle="none",
                                  label=tr("計画の記載値（暦年/年度の別なし）",
                                           "plan's figure (basis not stated)", lang)))
        ax.legend(handles=handles, loc="upper left", fontsize=7)
        ax.set_title(tr("羽田空港 国際線旅客数（乗降客数）", "Haneda international passengers "
                        "(arrivals + departures)", lang))
        sources = [annual]
        if monthly is not None:
            ax2 = axes[1]
            months = full_range(monthly["period"], "month")
            s = monthly.set_index("period")["value"].astype("float64").reindex(months)
            pos = np.array([int(p[:4]) + (int(p[5:7]) - 1) / 12 for p in months])
            ax2.plot(pos, s.to_numpy(), color=PALETTE[3], marker="o", markersize=2.5,
                     linewidth=1.3, gid="monthly_arrivals")
            ax2.set_ylabel(tr("入国者数（人/月）", "Arrivals (persons/month)", lang))
            ax2.set_xlabel(tr("年（月次）", "Year (monthly)", lang))
            thousands(ax2)
            ax2.set_ylim(bottom=0)
            ax2.xaxis.get_major_locator().set_params(integer=True)
            ax2.set_title(tr("羽田空港 国際線入国者数（出入国管理統計・速報値）",
                             "Haneda: international arrivals (immigration statistics, "
                             "preliminary)", lang))
            sources.append(monthly)
        title(fig, tr("羽田空港の国際線利用", "Haneda Airport international traffic", lang))
        footnote(fig, tr(
            "暦年（1〜12月）と年度（4月〜翌年3月）は別の系列として示し、線で結ばない。"
            "集計主体（国土交通省・空港ビル会社）も資料により異なる。",
            "Calendar-year and fiscal-year figures are separate series and are not joined; "
            "the counting body (ministry or terminal operator) also differs by source.", lang))
        source_line(fig, pd.concat(sources)["source"], lang,
                    urls=annual["source_url"].dropna() if "source_url" in annual else ())
    return finish(fig)
