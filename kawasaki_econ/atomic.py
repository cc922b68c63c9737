"""Atomic file replacement, and the generations of ``data/processed``.

**Single files** (the catalogue, the stat cache, report pages): :func:`write_text_atomic`
writes a hidden temporary ``.<name>.<pid>.tmp`` next to the target and renames it over
the target, so a reader sees the old file or the new one, never a part.

**The processed tables** must change together (census, population, … and the manifest
that describes them). Every build writes a complete set into a new folder
``data/processed/generation-<id>/`` (tables it did not rebuild are hard-linked from the
current generation) and then switches one pointer: ``data/processed/current`` is a
relative symlink to the generation in use, replaced by :func:`switch` with a single
``rename`` of a new symlink over it. That rename is the only step that changes what
readers see, so at every instant ``current`` names one complete generation: a build
killed before it leaves the old set in use, one killed after it the new set.

A reader that needs several files resolves the pointer once (:func:`current_generation`)
and reads everything from that folder. The documented paths ``data/processed/<table>.csv``
(``.parquet``, ``_manifest.json``) stay: each is a fixed symlink to ``current/<file>``
(:func:`link_stable`), so one file opened there is always complete, but two files opened
one after the other may come from two builds if a build finished in between.

Generations other than the current one — the previous one, or the folder of a build that
was killed — are removed by the next writer, which holds the writer lock
(:func:`remove_stale`). A reader still inside a removed generation gets
``FileNotFoundError`` and resolves the pointer again (``load`` does).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

POINTER = "current"
GENERATION_PREFIX = "generation-"
#: Names of temporaries: ``.<target name>.<pid>.tmp``.
TEMP_RE = re.compile(r"^\..+\.\d+\.tmp$")


def temp_path(target: Path) -> Path:
    """The hidden per-process temporary path of ``target``."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def write_atomic(target: Path, write: Callable[[Path], object]) -> None:
    """Let ``write`` fill a temporary next to ``target``, then rename it over ``target``
    (a reader sees the old file or the whole new one, never a part)."""
    tmp = temp_path(target)
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary and rename it over ``target``."""
    write_atomic(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _replace_symlink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` with one rename (a new symlink over the old entry)."""
    tmp = temp_path(link)
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    finally:
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- generations


def generation_id(folder: Path) -> str:
    """The id of a generation folder (its name without the prefix)."""
    return folder.name.removeprefix(GENERATION_PREFIX)


def new_generation(directory: Path) -> Path:
    """Create an empty generation folder in ``directory``; ids sort by creation time."""
    directory.mkdir(parents=True, exist_ok=True)
    now = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9)) + f".{now % 10**9:09d}Z"
    folder = directory / f"{GENERATION_PREFIX}{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
    folder.mkdir()
    return folder


def current_generation(directory: Path) -> Path | None:
    """The generation ``current`` points to (resolved once), or None if there is none."""
    try:
        target = os.readlink(directory / POINTER)
    except OSError:  # no pointer yet (or not a symlink)
        return None
    folder = directory / target
    return folder if folder.is_dir() else None


def switch(directory: Path, generation: Path) -> None:
    """Make ``generation`` the current one: one atomic rename of the pointer."""
    _replace_symlink(directory / POINTER, generation.name)
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)  # the rename survives a crash of the machine, not only of the process
    finally:
        os.close(fd)


def link_stable(directory: Path, names: Iterable[str]) -> None:
    """Make ``directory/<name>`` a symlink to ``current/<name>`` for each name (replacing a
    plain file of the layout before generations; a link already in place is kept)."""
    for name in names:
        link = directory / name
        target = f"{POINTER}/{name}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        _replace_symlink(link, target)


def stale(directory: Path) -> list[Path]:
    """Generations other than the current one, and temporaries left by killed runs (a
    writer may be creating them: call under the writer lock before removing them)."""
    if not directory.is_dir():
        return []
    current = current_generation(directory)
    out = []
    for path in directory.iterdir():
        if path.name.startswith(GENERATION_PREFIX) and path.is_dir() and not path.is_symlink():
            if current is None or path.name != current.name:
                out.append(path)
        elif TEMP_RE.match(path.name) and (path.is_file() or path.is_symlink()):
            out.append(path)
    return sorted(out)


def remove_stale(directory: Path) -> list[str]:
    """Delete what :func:`stale` lists; return the names."""
    removed = []
    for path in stale(directory):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed
