"""Child processes for the concurrency tests, with explicit handshakes instead of sleeps
(import as ``from processes import hold_then_run, run_reporting_wait``).

- :func:`hold_then_run` takes the writer lock, says ``held`` on stdout, waits until the
  test closes its stdin, then runs a ``kawasaki-econ`` command inside the lock (re-entrant).
- :func:`run_reporting_wait` runs a ``kawasaki-econ`` command that says ``lock busy`` on
  stderr the first time it finds the writer lock held (so a test can prove that two
  processes overlapped and the second one waited).
"""

from __future__ import annotations

import subprocess
import sys

_HOLD_THEN_RUN = """
import sys
from kawasaki_econ.cli import main
from kawasaki_econ.lock import writer_lock
with writer_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
    code = main(sys.argv[2:])
sys.exit(code)
"""

# fcntl.flock is wrapped before kawasaki_econ is imported: a non-blocking attempt that
# finds the lock held is announced once on stderr (the command's own stderr follows).
_REPORTING_WAIT = """
import fcntl, sys
_flock = fcntl.flock
_told = []
def flock(fd, op):
    try:
        return _flock(fd, op)
    except BlockingIOError:
        if not _told:
            _told.append(True)
            print("lock busy", file=sys.stderr, flush=True)
        raise
fcntl.flock = flock
from kawasaki_econ.cli import main
sys.exit(main(sys.argv[1:]))
"""


def hold_then_run(command: str, args: list[str], env: dict) -> subprocess.Popen:
    """Start the holder; returns once it holds the lock. Close its stdin to let it run
    ``kawasaki-econ ARGS`` and release the lock."""
    child = subprocess.Popen([sys.executable, "-c", _HOLD_THEN_RUN, command, *args],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == "held", (line, child.stderr.read() if child.poll() is not None else "")
    return child


def run_reporting_wait(args: list[str], env: dict) -> subprocess.Popen:
    """Start ``kawasaki-econ ARGS``; its stderr begins with ``lock busy`` if it had to wait."""
    return subprocess.Popen([sys.executable, "-c", _REPORTING_WAIT, *args],
                            stderr=subprocess.PIPE, text=True, env=env)


def wait_until_busy(child: subprocess.Popen) -> None:
    """Block until ``child`` (from :func:`run_reporting_wait`) reports that it waits for the
    lock; fails if it ends without ever finding the lock held."""
    assert child.stderr is not None
    first = child.stderr.readline().strip()
    assert first == "lock busy", (
        f"the second process never found the lock held: {first!r} {child.stderr.read()}")
