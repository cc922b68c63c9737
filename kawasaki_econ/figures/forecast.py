"""Attainment forecast figure: history, forecast bands, the target — or, for a target year
that has passed, the verdict.

:func:`attainment_chart` draws an :class:`~kawasaki_econ.forecast.result.AttainmentResult`
from its public attributes only (``simulation``, ``forecast``, ``annual``, ``driver``,
``verdict``, ``hindcast``, ``history``, ``sources``); from :mod:`kawasaki_econ.forecast` it
imports only the wording, the unit labels and the name of the calendar-year kind of
period (the result imports this module to plot itself). A calendar-year series is
labelled 年 / year, not 年度 / fiscal year.

Layout: a left panel with the series the model was fitted on (the driver in driver mode),
its x axis running through the end of the data; for a monthly series with an annual target
or for driver mode a right panel with annual values (fiscal year FY2021 = April 2021 –
March 2022) — observed or implied years and the forecast years — and the target. Each
panel only appears when it has something to show.
"""

from __future__ import annotations

import unicodedata

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..forecast import wording
from ..forecast.periods import CALENDAR
from ..forecast.units import unit_label
from ..lang import tr
from .fonts import rc
from .footer import footnote, source_line
from .style import finish, new_figure, thousands, title

#: Colours: forecast band, implied / annual band, actuals published later and verdict,
#: target line (the palette of the other report figures).
BAND = "#00798c"
ANNUAL = "#66a182"
ACTUAL = "#d1495b"
FOCUS = "#d1495b"
PLAN = "#2e4057"


def _value_label(res, lang: str) -> str:
    if not res.unit:
        return tr("値", "value", lang)
    return tr(f"指標の値（{unit_label(res.unit, 'ja')}）",
              f"indicator ({unit_label(res.unit, 'en')})", lang)


def _driver_label(res, lang: str) -> str:
    unit = getattr(res.driver, "unit", None)
    what = tr("説明系列", "driver", lang)
    return tr(f"{what}（{unit_label(unit, 'ja')}）", f"{what} ({unit_label(unit, 'en')})",
              lang) if unit else what


def _year(period) -> int:
    """Year number of an annual label (``FY2021``, ``CY2021``, ``2021``)."""
    return int(str(period)[-4:])


def _year_ticks(ax, annual_prefix: str | None = None) -> None:
    """Regular integer year ticks (``FY2021`` style when ``annual_prefix`` is given)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    if annual_prefix:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{annual_prefix}{int(v)}"))
    else:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v)}"))


def _band(ax, x, frame, color, lang, label) -> None:
    ax.fill_between(x, frame["lo95"].astype(float), frame["hi95"].astype(float), color=color,
                    alpha=0.15, linewidth=0,
                    label=tr(f"{label} 80%・95%区間", f"{label} 80 % / 95 % interval", lang))
    ax.fill_between(x, frame["lo80"].astype(float), frame["hi80"].astype(float), color=color,
                    alpha=0.30, linewidth=0)
    ax.plot(x, frame["median"].astype(float), color=color, linewidth=1.6,
            label=tr(f"{label}（中央値）", f"{label} (median)", lang))


def _target_line(ax, res, lang) -> None:
    estimated = res.relative is not None and res.relative.basis == "estimated"
    ax.axhline(res.target, color=PLAN, linestyle="--", linewidth=1.0,
               label=tr("目標: ", "target: ", lang) + wording.goal_phrase(res, lang)
               + (tr("（線は水準の中央値）", " (line: median level)", lang) if estimated else ""))


def _native_panel(ax, res, lang: str) -> None:
    """Left panel: the fitted series through the end of the data, forecast band, later
    actuals (hindcast)."""
    sim = res.simulation
    driver = res.driver is not None
    monthly = sim.timeline.season > 1
    x, y = sim.observed_xy()
    label = (tr("説明系列の実績", "driver, observed", lang) if driver
             else tr("実績", "observed", lang))
    ax.plot(x, y, color="black", linewidth=1.1, marker=None if monthly else "o",
            markersize=3, label=label)
    if sim.h:
        frame = res.driver.driver_forecast if driver else sim.forecast
        _band(ax, sim.forecast_x(), frame, BAND, lang, tr("予測", "forecast", lang))
    fx, fy = sim.observed_xy(full=True)
    later = fx > (x[-1] if len(x) else -np.inf)
    if later.any():
        ax.plot(fx[later], fy[later], linestyle="none" if sim.h else "-",
                marker="x" if sim.h else None, markersize=3.5, color=ACTUAL, linewidth=1.0,
                label=tr("カットオフ後に公表された実績", "actual, published after the cut-off",
                         lang))
    if not driver and res.annual is None:
        _target_line(ax, res, lang)
    if driver:
        ax.set_title(tr("説明系列（月次）", "Driver series (monthly)", lang) if monthly
                     else tr("説明系列", "Driver series", lang), loc="left", fontsize=9.5)
    ax.set_ylabel(_driver_label(res, lang) if driver else _value_label(res, lang))
    ax.set_xlabel(tr("年（月次）", "year (monthly)", lang) if monthly
                  else tr("年", "calendar year", lang) if sim.timeline.kind == CALENDAR
                  else tr("年度", "fiscal year", lang))
    _year_ticks(ax)
    ax.set_ylim(bottom=0)
    thousands(ax)
    ax.legend(loc="upper left", fontsize=7)


def _annual_panel(ax, res, lang: str) -> None:
    """Right panel: annual values (target's basis) — observed or implied years, forecast
    years, the indicator's own observations, the target and the verdict."""
    sim = res.simulation
    driver = res.driver is not None
    prefix = str(res.by)[:2] if str(res.by)[:2] in ("FY", "CY") else None
    if driver:
        implied = res.driver.implied
        if len(implied):
            xi = np.array([_year(p) for p in implied["period"]], dtype=float)
            _band(ax, xi, implied, ANNUAL, lang,
                  tr("推計（比率×説明系列の実績）", "implied (share × observed driver)", lang))
    else:
        obs = sim.annual_observed()
        if len(obs):
            ax.plot(np.asarray(obs.index, dtype=float), obs.to_numpy(float), color="black",
                    marker="o", markersize=3, linewidth=1.1,
                    label=tr("実績（年計）", "observed (annual total)", lang))
    frame = res.forecast if driver else res.annual
    if frame is not None and len(frame):
        xf = np.array([_year(p) for p in frame["period"]], dtype=float)
        _band(ax, xf, frame, BAND, lang, tr("予測", "forecast", lang))
        if res.hindcast is not None and not res.hindcast.empty:
            act = dict(zip(res.hindcast["period"].astype(str), res.hindcast["actual"],
                           strict=False))
            ys = np.array([act.get(str(p), np.nan) for p in frame["period"]], dtype=float)
            if driver:
                ys = ys * res.driver.share
            ax.plot(xf, ys, "x", color=ACTUAL, markersize=6,
                    label=tr("実績（公表後）", "actual (published later)", lang)
                    + (tr("×比率", " × share", lang) if driver else ""))
    if driver and len(res.history):
        hx = np.array([_year(p) for p in res.history.index], dtype=float)
        ax.plot(hx, res.history.to_numpy(float), "D", color="black", markersize=5,
                label=tr("指標の実績", "indicator, observed", lang))
    _target_line(ax, res, lang)
    v = res.verdict
    if v is not None:
        ax.errorbar([_year(v.period)], [v.value],
                    yerr=[[v.value - v.interval95[0]], [v.interval95[1] - v.value]],
                    fmt="o", color=FOCUS, markersize=6, capsize=3,
                    label=tr(f"{v.period}: {'達成' if v.met else '未達'}",
                             f"{v.period}: {v.status}", lang))
    ax.set_title(tr("年度値" if prefix == "FY" else "年値", "annual values", lang)
                 + (tr("（指標 = 比率 × 説明系列）", " (indicator = share × driver)", lang)
                    if driver else ""), loc="left", fontsize=9.5)
    ax.set_ylabel(_value_label(res, lang))
    _year_ticks(ax, prefix)
    ax.set_ylim(bottom=0)
    thousands(ax)
    ax.legend(loc="upper left", fontsize=7)


def _title_text(res, lang: str, width_in: float = 12.0) -> str:
    """``"<indicator>: <probability or verdict>"``; on two lines (the indicator's name on
    the first) when one line would not fit a figure ``width_in`` inches wide."""
    name = res.name or res.indicator_id or tr("指標", "indicator", lang)
    v = res.verdict
    if v is not None:
        what = tr("実績" if v.basis == "observed" else "推計",
                  "observed" if v.basis == "observed" else "implied", lang)
        goal = wording.target_phrase(v.target, v.direction, v.period, v.unit, lang)
        rest = tr(f"{v.period}は経過済み — 目標（{goal}）は"
                  f"{'達成' if v.met else '未達'}（{what} {wording.amount(v.value, v.unit, 'ja')}）",
                  f"{v.period} has passed — target ({goal}) {v.status} "
                  f"({what} {wording.amount(v.value, v.unit, 'en')})", lang)
    else:
        asof = tr(f"（{res.as_of}時点）", f" (as of {res.as_of})", lang) if res.as_of else ""
        rest = f"{wording.probability_title(res, lang)}{asof}"
    one_line = f"{name}: {rest}"
    return one_line if _text_width(one_line) <= _TITLE_UNITS_PER_INCH * width_in else (
        f"{name}\n{rest}")


#: Title width a figure inch holds, in half-width characters of the 11.5 pt title font
#: (a full-width character counts two): about 0.9 × 72 pt / 6.3 pt per character.
_TITLE_UNITS_PER_INCH = 10.0


def _text_width(text: str) -> int:
    """Width of ``text`` in half-width characters (full-width and wide ones count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def attainment_chart(res, ax=None, *, lang: str = "ja") -> Figure:
    """Chart an indicator's forecast against its target, or the verdict on a passed target.

    Left panel: the series the model was fitted on (the driver in driver mode) through
    the end of the data, the forecast median with its 80 % and 95 % bands, and the
    actual values published after the cut-off (with ``as_of``). Right panel (a monthly
    series with an annual target, or driver mode): annual values on the target's basis
    (fiscal year FY2021 = April 2021 – March 2022, or calendar year), the forecast
    years, the target line and, for a target year that has passed, the verdict. The
    title states the probability of meeting the target, or the verdict.

    Parameters
    ----------
    res : kawasaki_econ.forecast.result.AttainmentResult
        The result of :func:`kawasaki_econ.forecast.forecast_indicator` (or
        ``attainment``); only its public attributes are read (``simulation``,
        ``forecast``, ``annual``, ``driver``, ``verdict``, ``hindcast``, ``history``,
        ``target``, ``by``, ``unit``, ``sources`` …).
    ax : matplotlib.axes.Axes, optional
        Draw only the main panel, on this axis (the annual panel when the target year
        has passed, else the fitted series); no title or footer is added. Default: a new
        figure with every panel.
    lang : {'ja', 'en'}, default 'ja'
        Language of titles, labels, notes and the source line.

    Returns
    -------
    matplotlib.figure.Figure
        The chart (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`, not shown),
        or the figure of ``ax`` when one is given.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    >>> from kawasaki_econ import figures
    >>> from kawasaki_econ.forecast import forecast_indicator
    >>> result = forecast_indicator("P7_hotel_guests_foreign")
    >>> fig = figures.attainment_chart(result)
    >>> fig.get_suptitle()
    '宿泊施設の年間宿泊客数(外国人): FY2021は経過済み — 目標（FY2021に23万人以上）は未達...'
    >>> len(fig.axes)
    2
    """
    sim = res.simulation
    two = res.driver is not None or res.annual is not None
    with rc():
        if ax is not None:
            (_annual_panel if two and sim.h == 0 else _native_panel)(ax, res, lang)
            return ax.figure
        if two:
            fig, axes = new_figure((12.0, 4.8), 1, 2, gridspec_kw={"width_ratios": [3, 2]})
            _native_panel(axes[0], res, lang)
            _annual_panel(axes[1], res, lang)
        else:
            fig, axis = new_figure((8.0, 4.8))
            _native_panel(axis, res, lang)
        title(fig, _title_text(res, lang, fig.get_figwidth()))
        notes = []
        if res.driver is not None:
            notes.append(tr(f"説明系列: {res.driver.label or ''}。比率 {res.driver.share:.4f}"
                            f"（対数標準偏差 {res.driver.share_log_sd:.2f}）。",
                            f"Driver: {res.driver.label or ''}; share {res.driver.share:.4f} "
                            f"(log-sd {res.driver.share_log_sd:.2f}).", lang))
        if res.assumption_driven:
            notes.append(tr("前提（仮定）に強く依存する推計。", "Assumption-driven result.", lang))
        calendar = sim.timeline.kind == CALENDAR and not two
        notes.append(tr("暦年（1〜12月）の値。欠けた期間は補間していない。",
                        "Calendar years (January–December). Missing periods are not "
                        "interpolated.", lang) if calendar else
                     tr("年度は4月〜翌年3月。欠けた期間は補間していない。",
                        "Fiscal year = April–March. Missing periods are not interpolated.", lang))
        footnote(fig, *notes)
        if res.sources:
            source_line(fig, res.sources, lang)
    return finish(fig)
