"""Where the project's data lives.

The data root defaults to the repository checkout (``data/raw`` and ``data/processed``
next to the package). Set ``KAWASAKI_ECON_ROOT`` to point at another copy, e.g. in tests.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    env = os.environ.get("KAWASAKI_ECON_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def raw_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "raw"


def processed_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "processed"


def reports_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "reports"
