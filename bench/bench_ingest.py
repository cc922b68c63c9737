"""Ingest benchmark: full build from raw, and a no-op ``kawasaki-econ build``.

Prints wall times and ratios against baselines measured in the same process:
- reading every raw byte (hashing included) — the floor for any build;
- starting the Python interpreter (``python -c pass``) — the floor for any CLI call.
Goals (issue #2): full build ≤ 5 s and no-op build ≤ 0.5 s on a 2-core machine.
Runs on a scratch copy of data/raw, so data/processed is not touched.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _time(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
        env = {**os.environ, "KAWASAKI_ECON_ROOT": str(root)}
        cli = [sys.executable, "-m", "kawasaki_econ", "build"]

        def read_all() -> None:
            import hashlib

            for p in (root / "data" / "raw").rglob("*"):
                if p.is_file():
                    hashlib.sha256(p.read_bytes()).digest()

        def python_start() -> None:
            subprocess.run([sys.executable, "-c", "pass"], check=True)

        def full() -> None:
            shutil.rmtree(root / "data" / "processed", ignore_errors=True)
            subprocess.run(cli + ["--force"], check=True, env=env, capture_output=True)

        def noop() -> None:
            subprocess.run(cli, check=True, env=env, capture_output=True)

        base_io = _time(read_all)
        base_py = _time(python_start)
        t_full = _time(full)
        t_noop = _time(noop, repeat=5)
        rows = [
            ("baseline: read + hash all raw files", base_io, None, None),
            ("baseline: python -c pass", base_py, None, None),
            ("full build (all tables, from raw)", t_full, t_full / base_io, 5.0),
            ("no-op `kawasaki-econ build`", t_noop, t_noop / base_py, 0.5),
        ]
        print(f"{'measure':42s} {'seconds':>8s} {'ratio':>8s} {'goal':>6s}")
        for name, sec, ratio, goal in rows:
            r = "" if ratio is None else f"{ratio:7.1f}x"
            g = "" if goal is None else f"≤{goal:g}s"
            ok = "" if goal is None else ("  ok" if sec <= goal else "  MISSED")
            print(f"{name:42s} {sec:8.3f} {r:>8s} {g:>6s}{ok}")
        print(f"(median of 3–5 runs; {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
