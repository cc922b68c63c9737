"""All-or-nothing file replacement for ``data/processed`` (and the catalogue).

A writer first *stages* every new file as a hidden temporary ``.<name>.<pid>.tmp`` next
to its target, then :func:`swap_in` renames them over the targets one by one, keeping a
hard-linked backup ``.<name>.<pid>.bak`` of each file it replaces. If any step fails, every
target already replaced is restored from its backup (or removed if it did not exist), so
the directory holds either all the new files or all the old ones. A run killed with
``kill -9`` can leave temporaries and backups behind; :func:`remove_leftovers` deletes them
and is called by the next writer (which holds the writer lock, so no other writer is
using them).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: Names of temporaries and backups: ``.<target name>.<pid>.tmp`` / ``.bak``.
LEFTOVER_RE = re.compile(r"^\..+\.\d+\.(tmp|bak)$")


def temp_path(target: Path, suffix: str = "tmp") -> Path:
    """The hidden per-process temporary (or backup) path of ``target``."""
    return target.with_name(f".{target.name}.{os.getpid()}.{suffix}")


def write_text_atomic(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary and rename it over ``target``."""
    tmp = temp_path(target)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class Staged:
    """A new file written to ``tmp``, waiting to replace ``target``."""

    tmp: Path
    target: Path


def swap_in(staged: Iterable[Staged]) -> None:
    """Rename every staged file over its target; on any failure restore all targets."""
    done: list[tuple[Path, Path | None]] = []  # (target, backup of its old content)
    try:
        for item in staged:
            backup = None
            if item.target.exists():
                backup = temp_path(item.target, "bak")
                try:
                    os.link(item.target, backup)
                except OSError:
                    shutil.copy2(item.target, backup)
            done.append((item.target, backup))
            os.replace(item.tmp, item.target)
    except BaseException:
        for target, backup in reversed(done):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        raise
    finally:
        for _, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)


def discard(staged: Iterable[Staged]) -> None:
    """Remove staged temporaries that were not swapped in."""
    for item in staged:
        item.tmp.unlink(missing_ok=True)


def remove_leftovers(directory: Path) -> list[str]:
    """Delete temporaries and backups left by killed runs; return their names."""
    if not directory.is_dir():
        return []
    removed = []
    for path in directory.iterdir():
        if LEFTOVER_RE.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return sorted(removed)
