"""The predictive margins (kawasaki_econ.forecast.margins): the robust spread, the normal
scores and the growth bound, each against a value worked out here (scipy's normal
quantiles, plain numpy on the raw 観光庁 CSV)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from kawasaki_econ.forecast.margins import MAX_LOG_SD, growth_bound, normal_scores, robust_sd
from kawasaki_econ.paths import project_root

MONTHLY = project_root() / "data/raw/kankocho/guest_nights_monthly_2011-01_2025-11.csv"


def test_robust_sd_is_the_sd_of_a_normal_with_the_same_central_80_percent():
    # 10,001 evenly spaced normal quantiles with sd 3 (column 0) and 0.5 (column 1)
    grid = norm.ppf((np.arange(10_001) + 0.5) / 10_001)
    dev = np.column_stack([3.0 * grid, 0.5 * grid])
    np.testing.assert_allclose(robust_sd(dev), [3.0, 0.5], rtol=1e-3)
    # a uniform 0…100 column: q10 = 10, q90 = 90 → 80 / (2 × Φ⁻¹(0.9))
    uniform = np.arange(101, dtype=float)[:, None]
    assert robust_sd(uniform)[0] == pytest.approx(80 / (2 * norm.ppf(0.9)), rel=1e-12)


def test_normal_scores_keep_the_rank_of_each_path():
    dev = np.array([[5.0, -1.0], [1.0, 7.0], [3.0, 7.0], [-2.0, 0.0]])
    scores = normal_scores(dev)
    expected = norm.ppf((np.arange(4) + 0.5) / 4)  # ranks 0…3 of four paths
    # column 0: ranks 3, 1, 2, 0; column 1: ranks 0, 2, 3 (tie broken by path order), 1
    np.testing.assert_allclose(scores[:, 0], expected[[3, 1, 2, 0]], rtol=1e-12)
    np.testing.assert_allclose(scores[:, 1], expected[[0, 2, 3, 1]], rtol=1e-12)


def test_growth_bound_of_kanagawa_foreign_guest_nights_by_hand():
    """神奈川県 foreign guest nights (raw CSV), log scale, monthly: 1.4826 × the median
    absolute deviation of the 12-month log changes, × sqrt(seasons ahead), capped at
    sqrt(2 ln 1.5)."""
    csv = pd.read_csv(MONTHLY, dtype={"pref_code": str})
    z = np.log(csv[csv.pref_code == "14"]["foreign"].to_numpy(dtype=float))
    d = z[12:] - z[:-12]
    d = d[np.isfinite(d)]
    sd = 1.4826 * np.median(np.abs(d - np.median(d)))
    seasons = np.ceil(np.arange(1, 25) / 12)
    expected = np.minimum(sd * np.sqrt(seasons), np.sqrt(2 * np.log(1.5)))
    np.testing.assert_allclose(growth_bound(z, 12, 24, log=True), expected, rtol=1e-12)
    assert MAX_LOG_SD == pytest.approx(np.sqrt(2 * np.log(1.5)), rel=1e-15)


def test_growth_bound_needs_twenty_changes():
    """An annual series of 15 points has 14 year-on-year changes: no data bound, only the
    ceiling on the log scale (and none on the original scale)."""
    z = np.log(np.arange(100.0, 115.0) ** 1.5)
    assert np.all(growth_bound(z, 1, 3, log=True) == MAX_LOG_SD)
    assert np.all(np.isinf(growth_bound(z, 1, 3, log=False)))
