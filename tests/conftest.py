"""Shared fixtures. Tests read the real files in data/raw; bad-input tests work on copies.

Hypothesis profiles (``HYPOTHESIS_PROFILE`` selects one; otherwise ``ci`` when ``CI=true``,
else ``dev``):

- ``ci``: derandomized (the same examples on every run), no deadline — CI never fails by
  chance; a failure it shows is reproduced by the same command.
- ``dev``: random examples (Hypothesis' default of 100), no deadline.
- ``explore``: random, 2,000 examples per property — a longer local search for bugs.

Under pytest-xdist (``make test`` runs ``-n 2 --dist loadgroup``) every test file runs on one
worker (its module fixtures run once); files that share a session fixture declare the same
``xdist_group`` (see ``kawasaki_report``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from kawasaki_econ.paths import project_root

REPO = project_root()
RAW = REPO / "data" / "raw"

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=100,
                          print_blob=True)
settings.register_profile("dev", deadline=None)
settings.register_profile("explore", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """One xdist group per test file unless the file names its own group."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.path.stem))


@pytest.fixture(scope="session", autouse=True)
def processed_tables() -> None:
    """Build data/processed once per test run, before any test (a no-op when fresh).
    Concurrent xdist workers serialise on the build's writer lock; the later ones find
    everything fresh."""
    from kawasaki_econ.build import build
    from kawasaki_econ.lock import writer_lock

    with writer_lock("build", timeout=1800):
        build(quiet=True)


@pytest.fixture(scope="session")
def kawasaki_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kawasaki's complete report (every notebook executed) in a temporary folder, run once
    for the notebook tests and the report tests (both files are in xdist group
    'kawasaki_report'). A failing notebook fails every test that uses it."""
    from kawasaki_econ import report

    out = tmp_path_factory.mktemp("kawasaki") / "14130"
    report.reproduce("14130", out_dir=out, quiet=True)
    return out


@pytest.fixture
def raw() -> Path:
    """The real data/raw directory (read-only use)."""
    return RAW


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project root with a copy of data/raw; KAWASAKI_ECON_ROOT points at it."""
    shutil.copytree(RAW, tmp_path / "data" / "raw")
    (tmp_path / "data" / "processed").mkdir()
    monkeypatch.setenv("KAWASAKI_ECON_ROOT", str(tmp_path))
    return tmp_path
