"""Interval calibration from rolling-origin errors (kawasaki_econ.forecast.backtest's
``calibrate``), on hand-made backtest frames whose factor can be worked out by hand:
``log(|error| / half-width)`` regressed on ``log h``, plus the 80 % / 95 % residual quantile,
averaged on the log scale."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kawasaki_econ.forecast.calibration import calibrate


def _backtest(errors: list[float], horizons: list[int], origins: list[int],
              half80: float = 1.0, half95: float = 2.0) -> pd.DataFrame:
    """One model's backtest rows: the 80 % margin ±half80, the 95 % margin ±half95."""
    n = len(errors)
    return pd.DataFrame({"model": ["m"] * n, "origin": origins, "h": horizons,
                         "error": errors, "q10": [-half80] * n, "q90": [half80] * n,
                         "q025": [-half95] * n, "q975": [half95] * n})


def test_errors_twice_the_interval_double_it():
    # every error is twice the half-width of both margins, at horizons 1, 2, 3
    horizons = [1, 2, 3] * 8
    errors = [2.0 if i % 2 else -2.0 for i in range(24)]
    bt = _backtest(errors, horizons, [i // 3 for i in range(24)], half80=1.0, half95=1.0)
    cal = calibrate(bt, "m")
    assert cal.calibrated and (cal.n_errors, cal.n_origins) == (24, 8)
    assert cal.scale == pytest.approx(2.0, rel=1e-12) and cal.slope == pytest.approx(0.0,
                                                                                     abs=1e-12)
    np.testing.assert_allclose(cal.factors(3), [2.0, 2.0, 2.0], rtol=1e-12)


def test_errors_growing_with_the_horizon_give_slope_one():
    # |error| / half-width = h at h = 1…4: log r = log h exactly → scale 1, slope 1
    horizons = [1, 2, 3, 4] * 6
    bt = _backtest([float(h) for h in horizons], horizons, [i // 4 for i in range(24)],
                   half80=1.0, half95=1.0)
    cal = calibrate(bt, "m")
    assert cal.scale == pytest.approx(1.0, rel=1e-9) and cal.slope == pytest.approx(1.0,
                                                                                    rel=1e-9)
    assert cal.h_max == 4
    np.testing.assert_allclose(cal.factors(6), [1, 2, 3, 4, 4, 4], rtol=1e-9)  # held after 4


def test_few_errors_may_widen_but_not_narrow():
    # 6 errors at half the half-width (would narrow to × 0.5): fewer than 20 → held at 1
    bt = _backtest([0.5, -0.5, 0.5, -0.5, 0.5, -0.5], [1, 1, 1, 1, 1, 1], [0, 0, 0, 1, 1, 1],
                   half80=1.0, half95=1.0)
    cal = calibrate(bt, "m")
    assert (cal.scale, cal.slope, cal.n_errors) == (1.0, 0.0, 6)
    assert "may widen the model's intervals but not narrow them" in cal.note


@pytest.mark.parametrize(("errors", "origins"), [
    ([1.0, 1.0, 1.0], [0, 1, 2]),  # three errors: too few
    ([1.0, 1.0, 1.0, 1.0, 1.0], [0, 0, 0, 0, 0]),  # one origin
])
def test_too_little_track_record_leaves_the_model_uncalibrated(errors, origins):
    cal = calibrate(_backtest(errors, [1] * len(errors), origins), "m")
    assert not cal.calibrated and (cal.scale, cal.slope) == (1.0, 0.0)
    assert "too few to calibrate" in cal.note
