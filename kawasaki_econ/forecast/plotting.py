"""Figure for :class:`~kawasaki_econ.forecast.attainment.AttainmentResult` (matplotlib is
imported here, on use; nothing is shown, the Figure is returned; pyplot is not used)."""

from __future__ import annotations

import numpy as np


def _figure(**kwargs):
    """A matplotlib Figure not registered with pyplot (no global state, no backend switch;
    Jupyter displays it when returned)."""
    from ..figures.style import KawasakiFigure  # holds the footer (source line)

    try:
        import matplotlib_fontja  # noqa: F401  (registers a Japanese font)
    except ImportError:  # pragma: no cover - optional
        pass
    return KawasakiFigure(**kwargs)


def _band(ax, x, frame, color, label):
    ax.fill_between(
        x, frame["lo95"], frame["hi95"], color=color, alpha=0.15, lw=0, label=f"{label} 95 %"
    )
    ax.fill_between(
        x, frame["lo80"], frame["hi80"], color=color, alpha=0.30, lw=0, label=f"{label} 80 %"
    )
    ax.plot(x, frame["median"], color=color, lw=1.8, label=f"{label} (median)")


def plot_attainment(res, ax=None):
    data = res._plot_data
    sim = data.get("sim", {})
    monthly_annual = res.annual is not None and not res.annual.empty
    driver = res.driver is not None
    if ax is not None:
        fig = ax.figure
        axes = [ax]
    elif monthly_annual or driver:
        fig = _figure(figsize=(12, 4.2))
        axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    else:
        fig = _figure(figsize=(8, 4.5))
        axes = [fig.subplots()]
    title = (
        f"{res.name or 'indicator'}: P({res.direction} {res.target:,.0f} in {res.by}) = "
        f"{res.probability:.0%}" + (f" (as of {res.as_of})" if res.as_of else "")
    )
    tl = data.get("tl")
    ax0 = axes[0]
    # native series (the driver in driver mode)
    if tl is not None:
        hist_x = np.arange(len(tl.values))
        ax0.plot(
            hist_x,
            tl.values,
            color="black",
            lw=1.2,
            marker="." if len(hist_x) < 40 else None,
            label="observed" + (" (driver)" if driver else ""),
        )
        fc = sim.get("forecast")
        if fc is not None and len(fc):
            fx = len(tl.values) + np.arange(len(fc))
            native = fc if not driver else res.driver["driver_forecast"]
            _band(ax0, fx, native, "tab:blue", "forecast")
        full = data.get("full")
        if res.as_of and full is not None and full.end > tl.end:
            later = full.values[tl.end + 1 - full.start :]
            ax0.plot(
                len(tl.values) + np.arange(len(later)),
                later,
                "x",
                color="tab:red",
                ms=4,
                label="actual (published later)",
            )
        n_all = len(tl.values) + (len(fc) if fc is not None else 0)
        step = max(1, n_all // 8)
        ticks = np.arange(0, n_all, step)
        ax0.set_xticks(ticks)
        ax0.set_xticklabels(
            [str(tl.label(tl.start + t)) for t in ticks], rotation=45, ha="right", fontsize=8
        )
        if not monthly_annual and not driver:
            target_x = n_all - 1
            ax0.axhline(
                res.target,
                color="tab:orange",
                ls="--",
                lw=1,
                label=f"target {res.direction} {res.target:,.0f}",
            )
            ax0.plot([target_x], [res.target], marker="*", color="tab:orange", ms=12)
    ax0.set_ylabel("driver: 人泊 / person-nights" if driver else (res.unit or "value"))
    ax0.legend(fontsize=7, loc="upper left")
    ax0.grid(alpha=0.3)
    if len(axes) > 1:
        _annual_panel(res, axes[1], data, driver)
    fig.suptitle(title, fontsize=10)
    sources = getattr(res, "sources", None)
    if sources and ax is None:
        from ..figures.style import relayout, source_line

        source_line(fig, sources)
        return relayout(fig)  # constrained layout leaves room for the source line
    fig.tight_layout()
    return fig


def _annual_panel(res, ax1, data, driver) -> None:
    """Right panel: annual totals (observed complete years, forecast intervals, target)."""
    from . import periods as P
    from .attainment import _annual_totals

    frame = res.forecast if driver else res.annual
    hist_labels, hist_values = [], []
    if not driver and data.get("tl") is not None:
        tp = data["tp"]
        totals = _annual_totals(data["tl"], tp.kind)
        first = str(frame["period"].iloc[0]) if len(frame) else None
        for y, v in totals.items():
            label = str(P.Period(tp.kind, int(y)))
            if label == first:
                break
            hist_labels.append(label)
            hist_values.append(v)
    labels = hist_labels + [str(p) for p in frame["period"]]
    x_hist = np.arange(len(hist_labels))
    x = len(hist_labels) + np.arange(len(frame))
    if hist_labels:
        ax1.plot(
            x_hist,
            hist_values,
            color="black",
            marker="o",
            ms=3,
            lw=1.2,
            label="observed (complete years)",
        )
    _band(ax1, x, frame, "tab:green", "indicator" if driver else "annual total")
    ax1.axhline(
        res.target,
        color="tab:orange",
        ls="--",
        lw=1,
        label=f"target {res.direction} {res.target:,.0f}",
    )
    if res.hindcast is not None and not res.hindcast.empty:
        act = dict(zip(res.hindcast["period"].astype(str), res.hindcast["actual"], strict=False))
        ys = np.array([act.get(str(p), np.nan) for p in frame["period"]], dtype=float)
        if driver:
            ys = ys * res.driver["share"]
        ax1.plot(
            x,
            ys,
            "x",
            color="tab:red",
            ms=7,
            label="actual" + (" × share (driver actual)" if driver else ""),
        )
    if driver and len(res.history):
        years = [int(str(p)[-4:]) for p in frame["period"]]
        for per, v in res.history.dropna().items():
            year = int(per) if isinstance(per, (int, np.integer)) else int(str(per)[-4:])
            if year in years:
                ax1.plot(
                    [x[years.index(year)]],
                    [v],
                    "D",
                    color="black",
                    ms=6,
                    label=f"observed {per} (indicator)",
                )
        ax1.set_title("indicator = share × driver", fontsize=9)
    ax1.set_xticks(np.arange(len(labels)))
    ax1.set_xticklabels(labels, rotation=45, ha="right", fontsize=8)
    ax1.legend(fontsize=7, loc="upper left")
    ax1.grid(alpha=0.3)
