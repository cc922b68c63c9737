"""Named points inside the writers where a test can stop or kill the process.

Writers call :func:`reached` at the points where an interruption matters (a build after
writing each table of a new generation and around the pointer switch; ``kpi import``
after the workbook appears in ``data/raw/kpi`` and before the catalogue lists it). With
neither variable below set — always, outside tests — it does nothing.

* ``KAWASAKI_ECON_KILL_AT=<name>``: the process sends itself ``SIGKILL`` at that point
  (``kill -9`` at exactly that step, without timing).
* ``KAWASAKI_ECON_CHECKPOINT_FDS=<w>,<r>``: at every point the process writes ``<name>``
  and a newline to file descriptor ``w`` and waits for one line on ``r``: an explicit
  handshake, so that a test can inspect the files (or kill the process) while it waits.
"""

from __future__ import annotations

import os
import signal

KILL_ENV = "KAWASAKI_ECON_KILL_AT"
FDS_ENV = "KAWASAKI_ECON_CHECKPOINT_FDS"


def reached(name: str) -> None:
    """The writer has reached point ``name`` (see the module docstring)."""
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
    fds = os.environ.get(FDS_ENV)
    if fds:
        write_fd, read_fd = (int(fd) for fd in fds.split(","))
        os.write(write_fd, f"{name}\n".encode())
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = os.read(read_fd, 1)
            if not chunk:  # the test closed the pipe: carry on without handshakes
                break
            reply += chunk
