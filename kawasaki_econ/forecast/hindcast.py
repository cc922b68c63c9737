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
from .wording import Note, amount, note_text, target_phrase


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
            f"{used_lag} month(s) after it ends)",
            ja=f"{note_text(what, 'ja')}には{as_of}までに公表された観測がない（期間の終了から"
               f"{used_lag}か月後に公表とみなす）",
        )
    assumptions.append(Note(
        f"as of {as_of}: {what} uses periods up to {tl.label(tl.end)} only (rule: published "
        f"{used_lag} month(s) after the period ends; the values are those of the stored "
        "release, which may have been revised since)",
        f"{as_of}時点: {tl.label(tl.end)}までのデータのみ使用（期間の終了から{used_lag}か月後に"
        "公表とみなす。値は保存している公表値で、その後改定されている場合がある）",
    ))
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
        if not np.isnan(actual):  # the label from its column: iterrows makes it a float
            rows.append(_row(sim.forecast.at[j, "period"], actual, row))
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
        assumptions.append(Note(
            "hindcast: no actual value published after the cut-off is available in the data",
            "事後検証: カットオフ後に公表された実績がデータにない",
        ))
        return
    n = len(table)
    in80, in95 = int(table["in80"].sum()), int(table["in95"].sum())
    assumptions.append(Note(
        f"hindcast: {in80} of {n} actual value(s) inside the 80 % interval, {in95} inside "
        "the 95 % interval",
        f"事後検証: 実績{n}件のうち80%区間内に{in80}件、95%区間内に{in95}件",
    ))
    at = table[table["period"].astype(str) == str(tp)]
    if not at.empty:
        actual = float(at["actual"].iloc[0])
        met = bool(meets(np.array([actual]), target, direction)[0])
        assumptions.append(Note(
            f"hindcast: actual {tp} = {actual:,.0f}: target {'met' if met else 'not met'}",
            f"事後検証: {tp}の実績 {actual:,.0f}、目標は{'達成' if met else '未達'}",
        ))


@dataclass(frozen=True)
class Verdict:
    """Outcome of a target period that lies within the data.

    :func:`~kawasaki_econ.forecast.attainment.attainment` returns one as
    ``AttainmentResult.verdict`` instead of a forecast when the target period has passed.

    Parameters
    ----------
    period : str
        The target period, ``"FY2021"`` (April 2021 – March 2022), ``"CY2021"`` or
        ``"2021-03"``.
    value : float
        The observed value, or in ``driver`` mode the value implied at the central share
        (share × the driver's observed total), in the indicator's unit.
    interval80 : tuple of float
        ``(lo, hi)``: central 80 % range of ``value`` given the share's uncertainty (both
        equal to ``value`` when observed).
    interval95 : tuple of float
        ``(lo, hi)``: central 95 % range, likewise.
    met : bool
        Whether ``value`` meets the target.
    probability_met : float
        Fraction of the share draws meeting the target, in [0, 1] (0 or 1 when observed).
    basis : {'observed', 'implied'}
        Whether ``value`` is an observation or implied by the driver.
    target : float
        The target, in the indicator's unit.
    direction : {'>=', '>', '<=', '<'}
        How the indicator had to compare with the target.
    unit : str, optional
        The indicator's unit (e.g. ``人``), for the wording.
    driver_value : float, optional
        ``driver`` mode: the driver's observed total over ``period``.

    Examples
    --------
    Kanagawa's foreign guest nights (人泊) in FY2019, against a target of 3,000,000:

    >>> import kawasaki_econ as k
    >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
    >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
    >>> v = k.forecast.attainment(nights, 3_000_000, "FY2019", n_sims=1_000).verdict
    >>> v.period, v.value, v.basis, v.met
    ('FY2019', 2969490.0, 'observed', False)
    """

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
        """``'met'`` or ``'missed'``.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> v = k.forecast.attainment(nights, 3_000_000, "FY2019", n_sims=1_000).verdict
        >>> v.status
        'missed'
        """
        return "met" if self.met else "missed"

    def words(self, lang: str = "en") -> str:
        """Say in one sentence what was observed (or implied) and whether the target was met.

        Parameters
        ----------
        lang : {'en', 'ja'}, default 'en'
            Language of the sentence.

        Returns
        -------
        str
            E.g. ``"FY2019 has passed: observed 2,969,490; …"``: the period, the observed
            or implied value (an implied value with its 95 % interval), the target and
            met / missed (an implied value: with the probability that it was met).

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> v = k.forecast.attainment(nights, 3_000_000, "FY2019", n_sims=1_000).verdict
        >>> v.words("en")
        'FY2019 has passed: observed 2,969,490...'
        """
        unit = f" {unit_label(self.unit, lang)}" if self.unit else ""
        lo, hi = self.interval95
        if lang == "ja":
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
        """Return the verdict as a JSON-serialisable dict (``kawasaki-econ forecast --json``).

        Returns
        -------
        dict
            ``period, status, basis, value, lo80, hi80, lo95, hi95, probability_met,
            driver_value`` and ``words`` (the English sentence of :meth:`words`).

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
        >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
        >>> v = k.forecast.attainment(nights, 3_000_000, "FY2019", n_sims=1_000).verdict
        >>> d = v.to_dict()
        >>> d["status"], d["value"], d["lo95"], d["hi95"]
        ('missed', 2969490.0, 2969490.0, 2969490.0)
        """
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
