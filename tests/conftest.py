"""Shared fixtures. Tests read the real files in data/raw; bad-input tests work on copies.

Hypothesis profiles (``HYPOTHESIS_PROFILE`` selects one; otherwise ``ci`` when ``CI=true``,
else ``dev``):

- ``ci``: derandomized (the same examples on every run), no deadline — CI never fails by
  chance; a failure it shows is reproduced by the same command.
- ``dev``: random examples (Hypothesis' default of 100), no deadline.
- ``explore``: random, 2,000 examples per property — a longer local search for bugs.

Under pytest-xdist (``make test`` runs ``-n 2``) every test file runs on one worker (its
module fixtures run once), and the files that share a session fixture run together
(``SHARED_GROUPS``, see ``pytest_xdist_make_scheduler``).
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


#: Test files that share a session fixture run on the same xdist worker (one run of it).
SHARED_GROUPS = {
    "test_notebooks_execute": "kawasaki_report",  # fixture kawasaki_report
    "test_municipality_report": "kawasaki_report",
    "test_claims_audit": "claims_audit",  # claims_cache.audit_once
    "test_audit_table": "claims_audit",
    "test_claims_against_raw": "claims_audit",
}
FIRST_GROUP = "kawasaki_report"  # the longest: started first, so the other worker fills in


def _group(nodeid: str) -> str:
    """The scheduling unit of a test: its file, or the shared group of its file."""
    path = nodeid.split("::", 1)[0]
    return SHARED_GROUPS.get(Path(path).stem, path)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest group first (a stable reordering, the same in every xdist worker)."""
    items.sort(key=lambda item: _group(item.nodeid) != FIRST_GROUP)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Like ``--dist loadfile`` (a test file stays on one worker, so its module fixtures run
    once), with the files of SHARED_GROUPS kept together. (xdist's own ``loadgroup`` does not
    work with pytest 9: it renames node ids through an attribute pytest no longer reads.)"""
    from xdist.scheduler import LoadFileScheduling

    class SharedFixtureScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid)

    return SharedFixtureScheduling(config, log)


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
    for the notebook tests and the report tests (one xdist worker runs both files,
    SHARED_GROUPS). A failing notebook fails every test that uses it."""
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
