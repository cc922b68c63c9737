"""Interval calibration: how much a model's own spread is widened (or narrowed) so that
its intervals would have covered its rolling-origin backtest errors.

Each model's simulated paths carry its own idea of uncertainty, which is often too
narrow (trend models, short samples) or too wide (seasonal random walks and the airline
ARIMA at long horizons). The backtest records each model's *normal margin* at every
horizon (:mod:`~kawasaki_econ.forecast.margins`: point ± z × the robust spread of its
simulated paths); :func:`calibrate` rescales that spread by a horizon-dependent factor
``scale * h ** slope`` fitted to the model's own rolling-origin errors so that its
80 % and 95 % intervals would have covered 80 % and 95 % of them (held constant beyond
the longest backtested horizon: no extrapolation). The final paths are
``point + min(factor(h) × spread(h), bound(h)) × Z`` (``Z``: normal scores in the
model's rank order of the paths). With fewer than ``MIN_ERRORS``
errors or two origins there is no calibration (``summary()`` says so); with fewer than
``MIN_ERRORS_TO_NARROW`` errors the factor may widen but never narrow the intervals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .wording import Note, note_text

MIN_SCALE, MAX_SCALE = 0.2, 5.0
MIN_ERRORS = 4
MIN_ERRORS_TO_NARROW = 20


@dataclass
class Calibration:
    """Horizon-dependent factor applied to a model's simulated deviations:
    ``factor(h) = scale * h ** slope`` (h = 1, 2, … periods ahead), clipped to
    [``MIN_SCALE``, ``MAX_SCALE``]. ``scale = 1, slope = 0``: the model's own uncertainty."""

    scale: float
    slope: float
    n_errors: int
    n_origins: int
    note: str = ""
    h_max: int | None = None  # longest backtested horizon: the factor is held beyond it

    def factors(self, h: int) -> np.ndarray:
        steps = np.arange(1, h + 1, dtype=float)
        if self.h_max:
            steps = np.minimum(steps, self.h_max)
        f = self.scale * steps**self.slope
        return np.clip(f, MIN_SCALE, MAX_SCALE)

    @property
    def calibrated(self) -> bool:
        return self.n_errors > 0

    def describe(self) -> Note:
        """What the calibration did, in English and Japanese."""
        if not self.calibrated:
            return Note(f"uncalibrated: model's own uncertainty ({self.note})",
                        f"較正なし: モデル自身の不確かさのまま（{note_text(self.note, 'ja')}）")
        return Note(
            f"model's interval spread × {self.scale:.2f} one period ahead, × h^{self.slope:+.2f} "
            f"beyond, held constant after h = {self.h_max} (fitted to {self.n_errors} "
            f"rolling-origin errors at {self.n_origins} origins)",
            f"モデルの区間の幅を1期先で{self.scale:.2f}倍、その先はh^{self.slope:+.2f}倍"
            f"（h = {self.h_max}より先は一定）。{self.n_origins}時点からの{self.n_errors}個の"
            "バックテスト誤差に合わせた",
        )


def calibrate(bt: pd.DataFrame, model: str) -> Calibration:
    """Calibration of ``model``'s simulated paths from its rolling-origin errors.

    For every backtest error ``e`` at horizon ``h`` the ratio ``r = |e| / q`` is formed, ``q``
    being the half-width of the model's 80 % (resp. 95 %) normal margin (z × robust spread
    of its simulated paths, :func:`~kawasaki_econ.forecast.margins.robust_sd`):
    ``r <= 1`` means the uncalibrated interval covered it. ``log r`` is regressed on
    ``log h`` (slope clipped to ±1; no slope when fewer than three distinct horizons) and
    the factor at each horizon is the fitted value plus the empirical 80 % (resp. 95 %)
    quantile of the residuals, i.e. the smallest widening that would have covered 80 %
    (95 %) of the backtest errors. The two are averaged on the log scale. Fewer than
    ``MIN_ERRORS`` errors or fewer than two origins: no calibration. Fewer than
    ``MIN_ERRORS_TO_NARROW`` errors: the factor may widen but not narrow the intervals (a few
    errors from a calm stretch are no evidence of less uncertainty).
    """
    mine = (bt["model"].to_numpy(dtype=object) == model) if not bt.empty else np.zeros(0, bool)

    def column(name: str) -> np.ndarray:
        return bt[name].to_numpy()[mine]

    n_rows = int(mine.sum())
    k = int(np.unique(column("origin")).size) if n_rows else 0
    if n_rows == 0 or n_rows < MIN_ERRORS or k < 2:
        return Calibration(
            1.0, 0.0, 0, k,
            Note(f"{n_rows} backtest error(s) at {k} origin(s): too few to calibrate",
                 f"バックテスト誤差が{k}時点で{n_rows}個しかなく、較正には少なすぎる"),
        )
    err = column("error")
    h = column("h").astype(float)
    logs = []
    for lo, hi, p in (("q10", "q90", 0.8), ("q025", "q975", 0.95)):
        with np.errstate(divide="ignore", invalid="ignore"):
            half = np.abs(np.where(err > 0, column(hi), column(lo)))
            r = np.abs(err) / half
        ok = np.isfinite(r) & (r > 0)
        if ok.sum() < MIN_ERRORS:
            return Calibration(1.0, 0.0, 0, k, Note("backtest errors not usable",
                                                    "バックテスト誤差が使えない"))
        lr, lh = np.log(r[ok]), np.log(h[ok])
        if np.unique(lh).size >= 3:
            X = np.column_stack([np.ones(lh.size), lh])
            (a, b), *_ = np.linalg.lstsq(X, lr, rcond=None)
            b = float(np.clip(b, -1.0, 1.0))
            a = float(np.mean(lr - b * lh))
        else:
            a, b = float(np.mean(lr)), 0.0
        resid = lr - a - b * lh
        logs.append((a + float(np.quantile(resid, p)), b))
    scale = float(np.exp(0.5 * (logs[0][0] + logs[1][0])))
    slope = float(0.5 * (logs[0][1] + logs[1][1]))
    note = ""
    if err.size < MIN_ERRORS_TO_NARROW and (scale < 1.0 or slope < 0.0):
        scale, slope = max(scale, 1.0), max(slope, 0.0)
        note = Note(
            f"only {err.size} backtest errors: the calibration may widen the model's "
            "intervals but not narrow them",
            f"バックテスト誤差が{err.size}個だけのため、較正は区間を広げるだけで狭めない",
        )
    return Calibration(scale, slope, int(err.size), k, note, int(h.max()))
