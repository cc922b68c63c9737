"""Scenario shocks: ``{period: change}`` multipliers applied to simulated paths."""

from __future__ import annotations

import re

import numpy as np

from ..errors import ForecastError
from . import periods
from .wording import Note

_PCT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$")


def shock_multiplier(value) -> float:
    """A shock entry as a multiplier of the simulated level.

    * a negative number is a relative change: ``-0.85`` → ×0.15 (must be > -1);
    * a number ≥ 0 is the multiplier itself: ``0.15`` → ×0.15, ``1.1`` → ×1.1;
    * a string with ``%`` is a change: ``"-85%"`` → ×0.15, ``"+10%"`` → ×1.1.
    """
    if isinstance(value, str):
        m = _PCT.match(value)
        if not m:
            raise ForecastError(f"cannot read shock {value!r} (use -0.85, 0.15 or '-85%')",
                                ja=f"ショック {value!r} を読めない（-0.85、0.15 または '-85%' の形で"
                                   "指定する）")
        change = float(m.group(1)) / 100
        mult = 1 + change
    else:
        try:
            v = float(value)
        except (TypeError, ValueError) as exc:
            raise ForecastError(f"cannot read shock {value!r} (use -0.85, 0.15 or '-85%')",
                                ja=f"ショック {value!r} を読めない（-0.85、0.15 または '-85%' の形で"
                                   "指定する）") from exc
        mult = 1 + v if v < 0 else v
    if not np.isfinite(mult) or mult < 0:
        raise ForecastError(f"shock {value!r} would make the indicator negative",
                            ja=f"ショック {value!r} では指標が負になる")
    return float(mult)


def shock_vector(shock, tl: periods.Timeline, h: int, freq) -> tuple[np.ndarray, list[Note]]:
    """Per-forecast-period multipliers (length ``h``) from a ``{period: shock}`` dict, and
    the notes saying what was applied."""
    mult = np.ones(h)
    notes: list[Note] = []
    if not shock:
        return mult, notes
    first = tl.end + 1
    for key, value in shock.items():
        per = periods.parse_period(key, freq, default_kind=tl.kind if tl.kind != periods.MONTH else None)
        m = shock_multiplier(value)
        if tl.kind == periods.MONTH:
            lo, hi = per.months()
        elif per.kind == tl.kind:
            lo = hi = per.ordinal
        else:
            kinds = periods.KIND_JA
            raise ForecastError(f"shock period {key!r} is {per.kind} but the series is {tl.kind}",
                                ja=f"ショックの期間 {key!r} は{kinds.get(per.kind, per.kind)}ベース"
                                   f"だが、系列は{kinds.get(tl.kind, tl.kind)}ベース")
        idx = [o - first for o in range(lo, hi + 1) if 0 <= o - first < h]
        if not idx:
            notes.append(Note(f"shock for {key} ignored: the period is not in the forecast "
                              "horizon",
                              f"{key}のショックは予測期間外のため無視"))
            continue
        mult[idx] *= m
        notes.append(Note(
            f"shock scenario: {key} × {m:.2f} ({m - 1:+.0%}) applied to every "
            "simulated path (a scenario, not a forecast)",
            f"ショックのシナリオ: {key}を{m:.2f}倍（{m - 1:+.0%}）として全経路に適用"
            "（予測ではなくシナリオ）",
        ))
    return mult, notes
