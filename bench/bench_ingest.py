"""Ingest benchmark: full build from raw, and a no-op ``kawasaki-econ build``.

Prints wall times and ratios against baselines measured in the same process:
- plain pandas / openpyxl reading every raw file the build reads (``pd.read_csv`` of
  each CSV with its encoding, ``json.load`` of each JSON, every cell of every sheet of the
  workbook with ``openpyxl`` read-only), run as a fresh ``python`` process like the CLI,
  so interpreter start-up and imports count on both sides — the floor for any build;
- starting the Python interpreter (``python -c pass``) — the floor for any CLI call.
Goals (issue 10): full build ≤ 2 × the plain read, and a no-op build (which checks every
catalogued raw file) ≤ 0.5 s on a 2-core machine.
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

PLAIN_READ = r"""
import json, sys
from pathlib import Path
import openpyxl
import pandas as pd

raw = Path(sys.argv[1])
for p in sorted(raw.rglob("*.csv")):
    if p.parent.name == "ssdse":
        skip = 1 if p.name.startswith("SSDSE-B") else 2  # keep one header row
        pd.read_csv(p, encoding="cp932", skiprows=skip, dtype=str)
    else:
        pd.read_csv(p, encoding="utf-8", dtype=str)
for p in sorted(raw.rglob("*.json")):
    json.loads(p.read_text(encoding="utf-8"))
for p in sorted(raw.rglob("*.xlsx")):
    wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
    wb.close()
"""


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

        def plain_read() -> None:
            subprocess.run([sys.executable, "-c", PLAIN_READ, str(root / "data" / "raw")],
                           check=True)

        def python_start() -> None:
            subprocess.run([sys.executable, "-c", "pass"], check=True)

        def full() -> None:
            shutil.rmtree(root / "data" / "processed", ignore_errors=True)
            subprocess.run(cli + ["--force"], check=True, env=env, capture_output=True)

        def noop() -> None:
            subprocess.run(cli, check=True, env=env, capture_output=True)

        base_read = _time(plain_read)
        base_py = _time(python_start)
        t_full = _time(full)
        t_noop = _time(noop, repeat=5)
        rows = [
            ("baseline: pandas/openpyxl read of all raw files", base_read, None, None),
            ("baseline: python -c pass", base_py, None, None),
            ("full build (all tables, from raw)", t_full, t_full / base_read, "ratio ≤ 2.0"),
            ("no-op `kawasaki-econ build`", t_noop, t_noop / base_py, "≤ 0.5 s"),
        ]
        print(f"{'measure':50s} {'seconds':>8s} {'ratio':>8s}  goal")
        for name, sec, ratio, goal in rows:
            r = "" if ratio is None else f"{ratio:7.2f}x"
            ok = ""
            if goal == "ratio ≤ 2.0":
                ok = "  ok" if ratio <= 2.0 else "  MISSED"
            elif goal == "≤ 0.5 s":
                ok = "  ok" if sec <= 0.5 else "  MISSED"
            print(f"{name:50s} {sec:8.3f} {r:>8s}  {goal or ''}{ok}")
        print(f"full-build ratio: {t_full / base_read:.2f} (goal ≤ 2.0); "
              f"no-op build: {t_noop:.3f} s (goal ≤ 0.5 s)")
        print(f"(median of 3–5 runs; {os.cpu_count()} CPUs; ratios vs baselines measured "
              "in this run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
