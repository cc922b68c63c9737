"""Looking back: the ``as_of`` cut, the hindcast against later actuals, and the verdict on
a target year that has already passed.

A *verdict* replaces the forecast when the target period lies within the data: the
observed value (or, in ``driver`` mode, the value implied by the observed driver and the
share, with the interval that the share's uncertainty gives it), whether the target was
met, and the probability that it was met given that uncertainty (0 or 1 for an observed
value).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ForecastError
from . import periods
from .distribution import meets, summarise
from .simulation import Simulation
from .units import unit_label


def cut(full: periods.Timeline, as_of, lag, assumptions: list, what: str):
    """The timeline as published by ``as_of`` (``lag`` months after each period ends) and
    the ``as_of`` text; the whole timeline without ``as_of``."""
    if as_of is None:
        return full, None
    last = periods.last_published(full.kind, as_of, lag)
    tl = full.until(last)
    used_lag = periods.DEFAULT_LAG[full.kind] if lag is None else lag
    if tl.n_obs() == 0:
        raise ForecastError(
            f"{what} has no observation published by {as_of} (a period counts as published "
            f"{used_lag} month(s) after it ends)"
        )
    assumptions.append(
        f"as of {as_of}: {what} uses periods up to {tl.label(tl.end)} only (rule: published "
        f"{used_lag} month(s) after the period ends; the values are those of the stored "
        "release, which may have been revised since)"
    )
    return tl, str(as_of)


HINDCAST_COLUMNS = ["period", "actual", "median", "lo80", "hi80", "lo95", "hi95", "in80",
                    "in95", "error_pct"]
#: Columns of a hindcast table in the series' unit (``error_pct`` is a fraction).
HINDCAST_VALUES = ("actual", "median", "lo80", "hi80", "lo95", "hi95")


def _row(period, actual, row) -> dict:
    return {
        "period": period,
        "actual": float(actual),
        "median": row["median"],
        "lo80": row["lo80"],
        "hi80": row["hi80"],
        "lo95": row["lo95"],
        "hi95": row["hi95"],
        "in80": bool(row["lo80"] <= actual <= row["hi80"]),
        "in95": bool(row["lo95"] <= actual <= row["hi95"]),
        "error_pct": float(actual / row["median"] - 1) if row["median"] else np.nan,
    }


def hindcast(sim: Simulation) -> pd.DataFrame:
    """Forecast (as of the cut-off) against the actuals published later (periods and, for
    a monthly series with an annual target, complete years)."""
    full, rows = sim.full, []
    for j, row in sim.forecast.iterrows():
        o = sim.first + j
        if o > full.end or o < full.start:
            continue
        actual = full.values[o - full.start]
        if not np.isnan(actual):
            rows.append(_row(row["period"], actual, row))
    if sim.annual is not None and not sim.annual.empty:
        for _, row in sim.annual.iterrows():
            lo, hi = periods.parse_period(row["period"]).months()
            if lo < full.start or hi > full.end:
                continue
            vals = full.values[lo - full.start : hi - full.start + 1]
            if not np.isnan(vals).any():
                rows.append(_row(row["period"], float(vals.sum()), row))
    return pd.DataFrame(rows, columns=HINDCAST_COLUMNS)


def hindcast_notes(table: pd.DataFrame, tp, target, direction, assumptions) -> None:
    """Assumption lines summarising a hindcast table."""
    if table is None or table.empty:
        assumptions.append(
            "hindcast: no actual value published after the cut-off is available in the data"
        )
        return
    n = len(table)
    assumptions.append(
        f"hindcast: {int(table['in80'].sum())} of {n} actual value(s) inside the 80 % "
        f"interval, {int(table['in95'].sum())} inside the 95 % interval"
    )
    at = table[table["period"].astype(str) == str(tp)]
    if not at.empty:
        actual = float(at["actual"].iloc[0])
        met = bool(meets(np.array([actual]), target, direction)[0])
        assumptions.append(
            f"hindcast: actual {tp} = {actual:,.0f}: target {'met' if met else 'not met'}"
        )


@dataclass(frozen=True)
class Verdict:
    """Outcome of a target period that lies within the data.

    ``value``: the observed value, or in driver mode the value implied at the central
    share; ``interval95`` / ``interval80``: its range given the share's uncertainty (equal
    to ``value`` when observed); ``probability_met``: fraction of the share draws meeting
    the target (0 or 1 when observed); ``basis``: ``'observed'`` or ``'implied'``."""

    period: str
    value: float
    interval80: tuple[float, float]
    interval95: tuple[float, float]
    met: bool
    probability_met: float
    basis: str
    target: float
    direction: str
    unit: str | None = None
    driver_value: float | None = None

    @property
    def status(self) -> str:
        return "met" if self.met else "missed"

    def words(self, lang: str = "en") -> str:
        """Plain wording, e.g. ``"FY2021 has passed: … target ≥ 230,000 missed."``."""
        unit = f" {unit_label(self.unit, lang)}" if self.unit else ""
        lo, hi = self.interval95
        if lang == "ja":
            from .wording import amount, target_phrase

            head = f"{self.period}は経過済み: "
            if self.basis == "observed":
                body = f"実績 {amount(self.value, self.unit, 'ja')}"
            else:
                body = (f"推計値 {amount(self.value, self.unit, 'ja')}（比率の不確かさによる"
                        f"95%区間 {lo:,.0f}〜{hi:,.0f}）")
            res = "達成" if self.met else "未達"
            p = (f"。達成していた確率 {self.probability_met:.1%}"
                 if self.basis != "observed" else "")
            goal = target_phrase(self.target, self.direction, self.period, self.unit, "ja")
            return f"{head}{body}。目標（{goal}）は{res}{p}。"
        if self.basis == "observed":
            body = f"observed {self.value:,.0f}{unit}"
        else:
            body = (f"implied value {self.value:,.0f}{unit} (95 % interval {lo:,.0f} – "
                    f"{hi:,.0f} from the share's uncertainty)")
        p = (f"; probability it was met given the share uncertainty: "
             f"{self.probability_met:.1%}" if self.basis != "observed" else "")
        return (f"{self.period} has passed: {body}; target {self.direction} "
                f"{self.target:,.0f}: {self.status}{p}.")

    def to_dict(self) -> dict:
        return {
            "period": self.period, "status": self.status, "basis": self.basis,
            "value": self.value, "lo80": self.interval80[0], "hi80": self.interval80[1],
            "lo95": self.interval95[0], "hi95": self.interval95[1],
            "probability_met": self.probability_met, "driver_value": self.driver_value,
            "words": self.words("en"),
        }  # fmt: skip


def verdict(draws: np.ndarray, central: float, period: str, target: float, direction: str,
            *, basis: str, unit: str | None = None,
            driver_value: float | None = None) -> Verdict:
    """Verdict on a passed target period from the draws of its value (constant when
    observed) and the central value."""
    s = summarise(draws)
    met_central = bool(meets(np.array([central]), target, direction)[0])
    return Verdict(
        period=period, value=float(central), interval80=(s["lo80"], s["hi80"]),
        interval95=(s["lo95"], s["hi95"]), met=met_central,
        probability_met=float(np.mean(meets(draws, target, direction))), basis=basis,
        target=target, direction=direction, unit=unit, driver_value=driver_value,
    )  # fmt: skip
