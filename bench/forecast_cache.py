"""Where the benchmark's fits are kept between runs.

* ``bench/.cache/forecast_fits.pkl`` (not committed): every fit of earlier runs on this
  machine, so that a run after an unchanged one only re-scores.
* ``bench/reference_fits.npz`` (committed): the comparators' fits of the default run —
  statsmodels ETS and Theta, statsforecast AutoETS and AutoTheta. They depend only on the
  data, the bench functions that call those libraries and the pinned library versions, never
  on this package's code, so a clean clone need not spend two thirds of the run's CPU
  recomputing them. This package's own fits (``auto``, naive, seasonal naive, drift) are
  never shipped. ``--write-reference`` rewrites the file after a library upgrade.

Both are keyed by the data, the method, the horizon and a version tag (:func:`versions`): a
fit whose code or library changed is computed afresh, and ``--no-cache`` ignores both.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
from importlib.metadata import PackageNotFoundError, version

import numpy as np
from forecast_runs import (
    SF_LABELS,
    TRUNCATABLE,
    Forecast,
    lognormal,
    m_auto,
    m_ets,
    m_theta,
    own_model,
    statsforecast_fits,
)
from forecast_sets import REPO

CACHE = REPO / "bench" / ".cache" / "forecast_fits.pkl"
REFERENCE_FITS = REPO / "bench" / "reference_fits.npz"

#: The comparators, whose fits :data:`REFERENCE_FITS` ships.
REFERENCE_METHODS = (*TRUNCATABLE, *SF_LABELS)

#: The modules a fit depends on (presentation, targets and wording are left out, so that
#: changing them keeps the cache).
FIT_MODULES = ("engine", "models", "model_base", "simple_models", "smoothing", "arima_model",
               "backtest", "calibration", "margins", "spans")


def _source_hash(*objects) -> str:
    code = hashlib.sha256()
    for obj in objects:
        code.update(inspect.getsource(obj).encode())
    return code.hexdigest()[:16]


def versions() -> dict[str, str]:
    """What a cached fit depends on besides its data: for this package's methods the hash
    of its fitting modules :data:`FIT_MODULES` and of the bench functions calling them; for
    the statsmodels and statsforecast comparators the hash of the bench functions calling
    them; for all, the library versions."""

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    libs = "|".join(f"{n}={v(n)}" for n in ("numpy", "scipy", "pandas", "statsmodels"))
    code = hashlib.sha256()
    for name in FIT_MODULES:
        code.update((REPO / "kawasaki_econ" / "forecast" / f"{name}.py").read_bytes())
    own = f"{code.hexdigest()[:16]}|{_source_hash(m_auto, own_model)}"
    return {
        "own": f"{own}|{libs}",
        "statsmodels": f"{_source_hash(Forecast, lognormal, m_ets, m_theta)}|{libs}",
        "statsforecast": f"{v('statsforecast')}|{_source_hash(statsforecast_fits)}|{libs}",
    }


def version_of(method: str, tags: dict[str, str]) -> str:
    if method in SF_LABELS:
        return tags["statsforecast"]
    return tags["statsmodels"] if method in TRUNCATABLE else tags["own"]


def load_cache(use: bool) -> dict:
    """The fits of earlier runs on this machine (``{}`` when ``use`` is false)."""
    if not use or not CACHE.exists():
        return {}
    try:
        with open(CACHE, "rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError):
        return {}


def save_cache(cache: dict) -> None:
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    tmp = CACHE.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(cache, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, CACHE)


def digest(key: tuple) -> bytes:
    """SHA-256 of a cache key (version tag, method, data bytes, lengths, horizon…)."""
    return hashlib.sha256(repr(key).encode()).digest()


#: The version tags (:func:`versions`) stored with the shipped fits, in this order.
REFERENCE_TAGS = ("statsmodels", "statsforecast")


def load_reference(use: bool) -> tuple[dict[bytes, tuple[Forecast, float]], dict[str, str]]:
    """The shipped comparator fits, ``digest(key) -> (Forecast, cpu seconds when computed)``,
    and the version tags they were computed with (both empty when ``use`` is false or the
    file is missing)."""
    if not use or not REFERENCE_FITS.exists():
        return {}, {}
    with np.load(REFERENCE_FITS, allow_pickle=False) as f:
        keys, start, cpu, data = f["keys"], f["start"], f["cpu"], f["data"]
        tags = dict(zip(REFERENCE_TAGS, f["tags"].tolist(), strict=True))
    out = {}
    for i, key in enumerate(keys):
        block = data[start[i] : start[i + 1]].reshape(6, -1)
        out[key.tobytes()] = (Forecast(block[0], block[1], block[2:]), float(cpu[i]))
    return out, tags


def write_reference(fits: dict[tuple, tuple], tags: dict[str, str]) -> int:
    """Write the comparator fits among ``fits`` (``versioned key -> (Forecast or error
    text, cpu)``) and the version ``tags`` to :data:`REFERENCE_FITS`, replacing it; failed
    fits are left out (a later run computes them again). Returns how many were written."""
    keep = [(digest(k), fc, cpu) for k, (fc, cpu) in fits.items()
            if k[1] in REFERENCE_METHODS and isinstance(fc, Forecast)]
    blocks = [np.concatenate([fc.median, fc.mean, fc.q.ravel()]) for _, fc, _ in keep]
    start = np.concatenate([[0], np.cumsum([b.size for b in blocks])]).astype(np.int64)
    tmp = REFERENCE_FITS.with_suffix(f".{os.getpid()}.tmp.npz")
    np.savez_compressed(
        tmp,
        keys=np.array([np.frombuffer(d, dtype=np.uint8) for d, _, _ in keep]),
        start=start,
        cpu=np.array([cpu for _, _, cpu in keep], dtype=float),
        data=np.concatenate(blocks),
        tags=np.array([tags[name] for name in REFERENCE_TAGS]),
    )
    os.replace(tmp, REFERENCE_FITS)
    return len(keep)
