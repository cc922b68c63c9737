"""The journal of a raw file being added to ``data/raw`` (``kpi import``'s workbook copy).

A command that copies a file into ``data/raw`` and then registers it writes the journal
``data/.kawasaki-econ.adding.json`` naming the file before the copy and removes it once
the catalogue lists the file (:func:`adding`). A process killed in between leaves the
journal, so the next writer can tell its half-added file from a user's unregistered one:
:func:`recover_addition` deletes the file the journal names if the catalogue does not
list it, and never touches any other file. ``build`` calls it under the writer lock.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .atomic import write_text_atomic
from .catalog import read_catalog
from .paths import raw_dir

ADDING_NAME = ".kawasaki-econ.adding.json"  # in data/, next to raw/ and processed/


def adding_path(root: Path | None = None) -> Path:
    """``data/.kawasaki-econ.adding.json``: the journal of a raw file being added."""
    return raw_dir(root).parent / ADDING_NAME


@contextmanager
def adding(rel: str, root: Path | None = None) -> Iterator[None]:
    """Declare that ``rel`` (relative to data/raw) is about to be written into data/raw
    and then registered (call under the writer lock).

    The journal is written before the block and removed after it. A process killed in
    between (``kill -9`` after the copy, before the catalogue write) leaves the journal,
    so the next writer can tell its half-added file from a user's unregistered file: it
    deletes the file named in the journal if the catalogue does not list it
    (:func:`recover_addition`), and never touches any other file. On an error in the
    block the same clean-up runs before the error propagates.
    """
    write_text_atomic(adding_path(root), json.dumps({"path": rel, "pid": os.getpid()}))
    try:
        yield
    finally:
        recover_addition(root)


def recover_addition(root: Path | None = None) -> list[str]:
    """Finish an addition a killed process left (call under the writer lock): the file the
    journal names is deleted unless the catalogue lists it; then the journal is removed.
    Returns what was done."""
    journal = adding_path(root)
    try:
        rel = str(json.loads(journal.read_text(encoding="utf-8"))["path"])
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        rel = ""  # written atomically, so never half; unreadable: nothing to act on
    done = []
    file = raw_dir(root) / rel
    if rel and rel not in read_catalog(root) and file.is_file():
        file.unlink()
        done.append(f"deleted data/raw/{rel} (added by an interrupted command, never "
                    "catalogued)")
    journal.unlink(missing_ok=True)
    return done
