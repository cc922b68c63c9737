"""One writer at a time: the writer lock waits, then fails naming the holder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import hold_then_run, run_reporting_wait, wait_until_busy

from kawasaki_econ import build as tables
from kawasaki_econ import catalog
from kawasaki_econ.cli import main
from kawasaki_econ.lock import LockBusyError, lock_path, writer_lock

HOLD = """
import sys, time
from kawasaki_econ.lock import writer_lock
with writer_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


HOLD_UNTIL_TOLD = """
import sys
from kawasaki_econ.lock import writer_lock
with writer_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


def _hold_in_child(command: str, seconds: float, env: dict) -> subprocess.Popen:
    """Start a process that holds the writer lock for ``seconds``; wait until it has it."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, command, str(seconds)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_lock_is_reentrant_and_records_holder(tmp_path):
    with writer_lock("kpi import", root=tmp_path):
        with writer_lock("build", root=tmp_path, timeout=0):
            pass
        assert lock_path(tmp_path).read_text().split() == [str(os.getpid()), "kpi", "import"]


def test_second_writer_fails_after_timeout_naming_the_holder(tmp_path):
    env = {**os.environ, "KAWASAKI_ECON_ROOT": str(tmp_path)}
    child = _hold_in_child("build", 30, env)
    try:
        start = time.monotonic()
        with pytest.raises(LockBusyError, match=rf"waited 0.5 s .*pid {child.pid} \(build\)"):
            with writer_lock("data register", root=tmp_path, timeout=0.5):
                pass
        assert time.monotonic() - start >= 0.5  # it did wait (no upper bound: machine load)
    finally:
        child.kill()
        child.wait()
    # the kernel released the lock of the killed holder: no stale lock
    with writer_lock("build", root=tmp_path, timeout=0):
        pass


def test_second_writer_waits_for_the_first(tmp_path):
    """The second writer blocks while the first holds the lock and gets it once the first
    lets go (the holder releases when told to, so machine load cannot reorder the steps)."""
    import threading

    env = {**os.environ, "KAWASAKI_ECON_ROOT": str(tmp_path)}
    child = subprocess.Popen([sys.executable, "-c", HOLD_UNTIL_TOLD, "build"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    acquired = threading.Event()

    def second() -> None:
        with writer_lock("data register", root=tmp_path, timeout=60):
            acquired.set()

    waiter = threading.Thread(target=second)
    try:
        waiter.start()
        assert not acquired.wait(1.0)  # still held by the child: the second writer waits
        assert child.stdin is not None
        child.stdin.close()  # tell the holder to let go
        assert acquired.wait(30)
    finally:
        waiter.join(60)
        child.kill()
        child.wait()


def test_build_and_register_wait_for_the_lock_then_fail(project_copy, monkeypatch, capsys):
    env = {**os.environ, "KAWASAKI_ECON_ROOT": str(project_copy)}
    monkeypatch.setenv("KAWASAKI_ECON_LOCK_TIMEOUT", "0.3")
    before = sorted(p.name for p in (project_copy / "data" / "processed").iterdir())
    catalog_before = catalog.catalog_path().read_bytes()
    child = _hold_in_child("kpi import", 30, env)
    try:
        assert main(["build"]) == 1
        err = capsys.readouterr().err
        assert f"held by pid {child.pid} (kpi import)" in err
        assert "Traceback" not in err
        new = project_copy / "data" / "raw" / "jreast" / "extra.json"
        new.write_text("[]")
        assert main(["data", "register", str(new), "--publisher", "x"]) == 1
        assert "`data register` waited 0.3 s" in capsys.readouterr().err
    finally:
        child.kill()
        child.wait()
    assert sorted(p.name for p in (project_copy / "data" / "processed").iterdir()) == before
    assert catalog.catalog_path().read_bytes() == catalog_before


def test_build_waits_for_a_running_build(project_copy):
    """Two builds at once: the second finds the lock held by the first and waits (it says so
    when it first finds the lock held), then finds everything up to date. The first holds the
    lock until the test has seen the second wait, so the two really overlap."""
    env = {**os.environ, "KAWASAKI_ECON_ROOT": str(project_copy)}
    first = hold_then_run("build", ["build", "tourism"], env)
    second = run_reporting_wait(["build", "tourism"], env)
    try:
        wait_until_busy(second)
        assert second.poll() is None  # still waiting while the first holds the lock
        # closing its stdin (communicate) lets the first build run, then let go
        _, first_err = first.communicate(timeout=600)
        _, second_err = second.communicate(timeout=600)
    finally:
        first.kill()
        second.kill()
    assert first.returncode == 0 and second.returncode == 0, (first_err, second_err)
    assert "built tourism" in first_err and "built tourism" not in second_err
    assert tables.stale_tables(["tourism"], Path(project_copy)) == []
