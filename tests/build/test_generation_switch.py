"""A reader never sees two generations of the processed tables at once, even while builds
are killed (SIGKILL) at random points.

A reader process loops without pause: it resolves ``data/processed/current`` once, reads
the manifest, checks that the manifest belongs to that generation, that every table file
hashes to the manifest's checksum, and that each Parquet file names the generation that
wrote it. Forced builds run meanwhile; each stops at every checkpoint of its write phase
(kawasaki_econ.checkpoint: an explicit handshake over pipes, no sleeps). At every stop
the test asks the reader for a read that starts after the stop, so reads provably
overlap the build; then it lets the build go on, or kills it there (chosen at random).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from kawasaki_econ import atomic, checkpoint
from kawasaki_econ.build import build

TABLES = ["core_cities", "airport"]  # small tables: many builds in little time
POINTS = [f"build: wrote {t}" for t in TABLES] + ["build: before the switch",
                                                   "build: switched"]

READER = r'''
import hashlib, json, os, select, sys
from pathlib import Path
import pyarrow.parquet as pq

processed = Path(sys.argv[1])
tick, buffer = 0, b""

def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()

def read_once():
    folder = None
    try:
        folder = processed / os.readlink(processed / "current")   # resolved once
        manifest = json.loads((folder / "_manifest.json").read_text(encoding="utf-8"))
        generation = folder.name.removeprefix("generation-")
        if manifest["generation"] != generation:
            return f"MIXED manifest {manifest['generation']} in {generation}"
        for name, record in manifest["tables"].items():
            for file, sha in record["files"].items():
                if digest(folder / file) != sha:
                    return f"MIXED {file} differs from the manifest of {generation}"
            wrote = pq.read_schema(folder / f"{name}.parquet").metadata[
                b"kawasaki_econ.generation"].decode()
            if wrote != record["generation"]:
                return f"MIXED {name}.parquet of {wrote}, manifest says {record['generation']}"
        return f"ok {generation}"
    except FileNotFoundError as exc:
        if folder is not None and os.readlink(processed / "current") == folder.name:
            return f"INCOMPLETE {folder.name}: {exc.filename} missing"   # still current
        return "vanished"   # superseded, and being removed by a build: read again

while True:
    while True:   # control messages: a tick number per line, or 'stop'
        ready, _, _ = select.select([0], [], [], 0)
        if not ready:
            break
        chunk = os.read(0, 4096)
        if not chunk:
            sys.exit(0)
        buffer += chunk
    *lines, buffer = buffer.split(b"\n")
    for line in lines:
        if line == b"stop":
            sys.exit(0)
        tick = int(line)
    print(tick, read_once(), flush=True)
'''


class Reader:
    """The reader process and its results."""

    def __init__(self, processed: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", READER, str(processed)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.tick = 0
        self.results: list[str] = []

    def read_after_now(self) -> str:
        """The result of a read that started after this call (handshake by tick)."""
        self.tick += 1
        self.proc.stdin.write(f"{self.tick}\n")
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            assert line, "the reader died"
            tick, result = line.rstrip("\n").split(" ", 1)
            self.results.append(result)
            if int(tick) == self.tick and result != "vanished":
                return result

    def stop(self) -> None:
        self.proc.stdin.write("stop\n")
        self.proc.stdin.flush()
        self.results += [line.rstrip("\n").split(" ", 1)[1] for line in self.proc.stdout]
        assert self.proc.wait() == 0


def forced_build(project: Path, reader: Reader, kill_at: str | None) -> list[str]:
    """Run `build --force` on TABLES, stopping at each checkpoint; kill it at ``kill_at``.
    Returns the reader's results at the stops."""
    steps_r, steps_w = os.pipe()
    reply_r, reply_w = os.pipe()
    env = {**os.environ, "KAWASAKI_ECON_ROOT": str(project),
           checkpoint.FDS_ENV: f"{steps_w},{reply_r}"}
    child = subprocess.Popen([sys.executable, "-m", "kawasaki_econ", "build", "--force",
                              *TABLES], env=env, pass_fds=(steps_w, reply_r),
                             stderr=subprocess.DEVNULL)
    os.close(steps_w)
    os.close(reply_r)
    seen, results = [], []
    with os.fdopen(steps_r) as steps, os.fdopen(reply_w, "w") as reply:
        for line in steps:
            point = line.rstrip("\n")
            seen.append(point)
            assert child.poll() is None  # the build is alive, paused at the point
            results.append(reader.read_after_now())  # a read overlapping the build
            if point == kill_at:
                child.kill()
                break
            reply.write("go\n")
            reply.flush()
    code = child.wait()
    if kill_at is None:
        assert code == 0 and seen == POINTS, (code, seen)
    else:
        assert code == -9 and seen[-1] == kill_at, (code, seen)
    results.append(reader.read_after_now())  # after the build ended or was killed
    return results


def test_a_reader_never_sees_two_generations_while_builds_are_killed(project_copy):
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    processed = project_copy / "data" / "processed"
    build(TABLES, quiet=True)
    reader = Reader(processed)
    try:
        assert reader.read_after_now().startswith("ok ")
        plan = [rng.choice(POINTS + [None]) for _ in range(6)] + [None]
        at_stops = []
        for kill_at in plan:
            at_stops += forced_build(project_copy, reader, kill_at)
    finally:
        reader.stop()
    mixed = [r for r in reader.results if not r.startswith("ok ") and r != "vanished"]
    assert not mixed, (seed, plan, mixed)
    assert all(r.startswith("ok ") for r in at_stops), (seed, plan, at_stops)
    generations = {r.split()[1] for r in reader.results if r.startswith("ok ")}
    assert len(generations) >= 2, (seed, plan)  # builds did switch while the reader read
    assert not atomic.stale(processed)  # the last build cleaned up every older generation
    current = atomic.current_generation(processed)
    assert json.loads((processed / "_manifest.json").read_text("utf-8"))["generation"] == \
        atomic.generation_id(current)
