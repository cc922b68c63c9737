"""Shared fixtures. Tests read the real files in data/raw; bad-input tests work on copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kawasaki_econ.paths import project_root

REPO = project_root()
RAW = REPO / "data" / "raw"


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
