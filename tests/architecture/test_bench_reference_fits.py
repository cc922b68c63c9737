"""``bench/reference_fits.npz`` (the comparators' fits shipped for the forecast benchmark)
matches the code that calls those libraries and the versions ``constraints.txt`` pins: a
stale file is not wrong (the benchmark computes the fits afresh and says so) but makes every
fresh clone's run twice as slow, so a change to either has to renew it."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
RENEW = "renew it: python bench/bench_forecast.py --no-cache --write-reference"


def _pins() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if m:
            pins[m[1].lower()] = m[2]
    return pins


def _shipped():
    with np.load(REPO / "bench" / "reference_fits.npz", allow_pickle=False) as f:
        return {name: f[name] for name in f.files}


def test_shipped_fits_are_for_the_pinned_libraries_and_the_current_bench_code(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    import forecast_cache

    shipped = _shipped()
    tags = dict(zip(forecast_cache.REFERENCE_TAGS, shipped["tags"].tolist(), strict=True))
    pins = _pins()
    code, *libs = tags["statsmodels"].split("|")
    assert dict(lib.split("=") for lib in libs) == {
        name: pins[name] for name in ("numpy", "scipy", "pandas", "statsmodels")
    }, RENEW
    current = forecast_cache.versions()
    assert tags["statsmodels"] == current["statsmodels"], RENEW
    # statsforecast is in the bench extra only: its version is compared with the pin, the
    # rest of the tag (the calling code's hash, the other libraries) with this checkout
    sf_version, *sf_rest = tags["statsforecast"].split("|")
    assert sf_version == pins["statsforecast"], RENEW
    assert sf_rest == current["statsforecast"].split("|")[1:], RENEW


def test_shipped_file_is_well_formed():
    shipped = _shipped()
    keys, start, data = shipped["keys"], shipped["start"], shipped["data"]
    assert keys.shape == (len(start) - 1, 32)  # one SHA-256 digest per fit
    assert len({k.tobytes() for k in keys}) == len(keys)
    assert start[0] == 0 and start[-1] == data.size
    sizes = np.diff(start)
    # each fit: median, mean and 4 quantile rows of one horizon (1–24 periods)
    assert np.all(sizes % 6 == 0) and sizes.min() >= 6 and sizes.max() <= 6 * 24
    assert len(shipped["cpu"]) == len(keys) and np.all(shipped["cpu"] >= 0)
