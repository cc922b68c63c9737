"""One writer at a time: an advisory lock on ``data/.kawasaki-econ.lock``.

Every command that writes to ``data/`` or ``reports/`` (``build``, ``data register``,
``kpi import``, ``report``) runs inside :func:`writer_lock`. A second writer *waits* for
the lock (polling every 0.1 s) up to ``timeout`` seconds (default
:data:`DEFAULT_TIMEOUT`, overridable with the environment variable
``KAWASAKI_ECON_LOCK_TIMEOUT``), then fails with :class:`LockBusyError` naming the
process id and command holding it. The lock is ``fcntl.flock`` on an open file, so the
kernel releases it when the holder exits, even after ``kill -9``: a stale lock file never
blocks anyone. The lock is re-entrant within a process (``kpi import`` registers a file
and then builds, each of which takes the lock too).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KawasakiEconError
from .paths import project_root

LOCK_NAME = ".kawasaki-econ.lock"
DEFAULT_TIMEOUT = 120.0  # seconds a writer waits for another writer before failing
TIMEOUT_ENV = "KAWASAKI_ECON_LOCK_TIMEOUT"
_POLL = 0.1  # seconds between attempts


class LockBusyError(KawasakiEconError):
    """Another kawasaki-econ command held the writer lock for longer than the timeout."""


@dataclass
class _Held:
    """Locks this process holds: resolved lock path -> nesting depth."""

    depth: dict[str, int] = field(default_factory=dict)


_HELD = _Held()


def lock_path(root: Path | None = None) -> Path:
    """``data/.kawasaki-econ.lock`` under the project root."""
    return (root or project_root()) / "data" / LOCK_NAME


def default_timeout() -> float:
    """Seconds to wait: ``KAWASAKI_ECON_LOCK_TIMEOUT`` if set, else :data:`DEFAULT_TIMEOUT`."""
    text = os.environ.get(TIMEOUT_ENV)
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        raise KawasakiEconError(f"{TIMEOUT_ENV}={text!r} is not a number of seconds") from None
    if not value >= 0:
        raise KawasakiEconError(f"{TIMEOUT_ENV}={text!r} must be >= 0 seconds")
    return value


def holder(root: Path | None = None) -> str:
    """'pid N (command)' as recorded by the current or last holder, or 'unknown'."""
    try:
        text = lock_path(root).read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown"
    pid, _, command = text.partition(" ")
    return f"pid {pid} ({command})" if pid.isdigit() else "unknown"


@contextmanager
def writer_lock(command: str, *, timeout: float | None = None,
                root: Path | None = None) -> Iterator[None]:
    """Hold the project's writer lock while the block runs.

    Waits up to ``timeout`` seconds (None: :func:`default_timeout`) for another writer,
    then raises :class:`LockBusyError` naming the command that holds it.
    """
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.parent.resolve() / path.name)
    if key in _HELD.depth:  # re-entrant: this process already holds it
        _HELD.depth[key] += 1
        try:
            yield
        finally:
            _HELD.depth[key] -= 1
        return
    wait = default_timeout() if timeout is None else timeout
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockBusyError(
                        f"`{command}` waited {wait:g} s for the writer lock {path}, held by "
                        f"{holder(root)}; try again when it has finished (set "
                        f"{TIMEOUT_ENV} to wait longer)") from None
                time.sleep(_POLL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {command}\n".encode(), 0)
        _HELD.depth[key] = 1
        try:
            yield
        finally:
            del _HELD.depth[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
