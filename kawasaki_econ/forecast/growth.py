"""Growth needed to reach a target, against the growth the series has shown.

Growth rates are fractions per period (0.05 = +5 % per year); "per" names the period
(fiscal year = April–March, FY2016 = April 2016 – March 2017, or calendar year).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import periods


def historical_growth(values: pd.Series) -> tuple[float, float]:
    """Average growth per period over all observations and over the last three periods
    (gap-aware: uses the true spacing between observations)."""
    s = values.dropna()
    s = s[s > 0]
    if len(s) < 2:
        return (np.nan, np.nan)
    pos = np.asarray(s.index, dtype=float)
    v = s.to_numpy(dtype=float)
    hist = (v[-1] / v[0]) ** (1 / (pos[-1] - pos[0])) - 1
    recent_mask = pos >= pos[-1] - 3
    rp, rv = pos[recent_mask], v[recent_mask]
    recent = (rv[-1] / rv[0]) ** (1 / (rp[-1] - rp[0])) - 1 if len(rv) >= 2 else np.nan
    return float(hist), float(recent)


def annual_totals(tl: periods.Timeline, kind: str) -> pd.Series:
    """Complete-year totals of a monthly timeline (``kind``: fiscal or calendar years),
    indexed by year number; a year with a missing month has no total."""
    out = {}
    years = sorted(
        {(periods.fiscal_year_of_month(o) if kind == periods.FISCAL else o // 12) for o in tl.ordinals}
    )
    for y in years:
        lo, hi = periods.Period(kind, y).months()
        if lo < tl.start or hi > tl.end:
            continue
        vals = tl.values[lo - tl.start : hi - tl.start + 1]
        if not np.isnan(vals).any():
            out[y] = float(vals.sum())
    return pd.Series(out, dtype=float)


def _record(req, hist, recent, label, v0, k, per) -> pd.Series:
    return pd.Series(
        {
            "required": req,
            "historical": hist,
            "recent": recent,
            "from_period": label,
            "from_value": v0,
            "periods": k,
            "per": per,
        },
        dtype=object,
    )


def no_growth(per: str) -> pd.Series:
    """Required-growth record when there is no observation to grow from."""
    return _record(np.nan, np.nan, np.nan, None, np.nan, 0, per)


def _required(target: float, v0: float, k: int) -> float:
    return (target / v0) ** (1 / k) - 1 if k > 0 and v0 > 0 and target > 0 else np.nan


def required_growth(tl: periods.Timeline, tp: periods.Period, target: float, agg) -> pd.Series:
    """Growth per period from the last observation (complete year for a monthly series
    with an annual target; the same month in earlier years for a monthly target) to
    ``target`` at ``tp``, with the historical and recent growth of the same quantity."""
    if agg is not None:  # monthly series, annual target: complete years
        totals = annual_totals(tl, tp.kind)
        per = "fiscal year" if tp.kind == periods.FISCAL else "year"
        if totals.empty:
            return no_growth(per)
        y0, v0 = int(totals.index[-1]), float(totals.iloc[-1])
        hist, recent = historical_growth(totals)
        k = tp.ordinal - y0
        label = str(periods.Period(tp.kind, y0))
    elif tl.kind == periods.MONTH:  # monthly target: same month in earlier years
        per = "year"
        same = pd.Series(
            {
                o // 12: v
                for o, v in zip(tl.ordinals, tl.values, strict=False)
                if o % 12 == tp.ordinal % 12 and not np.isnan(v)
            },
            dtype=float,
        )
        if same.empty:
            return no_growth(per)
        y0, v0 = int(same.index[-1]), float(same.iloc[-1])
        hist, recent = historical_growth(same)
        k = tp.year - y0
        label = periods.month_label(y0 * 12 + tp.ordinal % 12)
    else:
        per = "fiscal year" if tl.kind == periods.FISCAL else "year"
        obs = pd.Series(tl.values, index=tl.ordinals).dropna()
        y0, v0 = int(obs.index[-1]), float(obs.iloc[-1])
        hist, recent = historical_growth(obs)
        k = tp.ordinal - y0
        label = tl.label(y0)
    return _record(_required(target, v0, k), hist, recent, label, v0, k, per)


def required_growth_cross(ind: periods.Timeline, tp: periods.Period, target: float) -> pd.Series:
    """Required growth when the indicator's basis (e.g. calendar year) differs from the
    target's (fiscal year): years counted between the year numbers."""
    obs = pd.Series(ind.values, index=ind.ordinals).dropna()
    y0, v0 = int(obs.index[-1]), float(obs.iloc[-1])
    k = tp.year - y0
    return _record(_required(target, v0, k), np.nan, np.nan, ind.label(y0), v0, k, "year")
