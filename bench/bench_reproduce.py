"""Reproduce benchmark: wall time of ``make reproduce`` with the environment installed,
i.e. ``kawasaki-econ build`` + ``kawasaki-econ report``, and the time of each notebook.

Goals (issues #4, #11): the whole run at most 60 s on a 2-core machine, and no notebook
over 15 s; a report for another municipality (Yokohama) in under 60 s. Runs on a scratch
copy of the project (data/raw, notebooks), so neither data/processed nor reports/ is
touched:

1. *fresh clone*: processed tables built from raw, no earlier report (Kawasaki);
2. *repeat*: nothing to build (no-op), notebooks scheduled longest-first from the
   timings of run 1;
3. and 4. Yokohama's report in Japanese and in English.

Usage: ``python bench/bench_reproduce.py [--jobs N] [--strict]`` (``--strict``: exit 1
when a goal is missed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOAL_TOTAL = 60.0
GOAL_NOTEBOOK = 15.0


def _run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kawasaki_econ", *args], env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"kawasaki-econ {' '.join(args)} failed ({proc.returncode})")
    return elapsed


def _one(label: str, root: Path, env: dict[str, str], focus: str = "14130",
         lang: str = "ja") -> tuple[float, dict[str, float]]:
    build = _run(["build"], env)
    report = _run(["report", "--focus", focus, "--lang", lang], env)
    timings = json.loads((root / "reports" / focus / "timings.json").read_text(encoding="utf-8"))
    total = build + report
    print(f"\n{label}")
    print(f"  kawasaki-econ build   {build:6.2f} s")
    print(f"  kawasaki-econ report  {report:6.2f} s")
    print(f"  total (make reproduce){total:6.2f} s   goal ≤ {GOAL_TOTAL:.0f} s  "
          f"{'OK' if total <= GOAL_TOTAL else 'OVER'}")
    for name, seconds in timings["notebooks"].items():
        flag = "OK" if seconds <= GOAL_NOTEBOOK else "OVER"
        print(f"    {name:34s} {seconds:6.2f} s   goal ≤ {GOAL_NOTEBOOK:.0f} s  {flag}")
    return total, timings["notebooks"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks executed at once (default: min(2, CPUs))")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a goal is missed")
    args = parser.parse_args(argv)
    print(f"bench_reproduce: {os.cpu_count()} CPU(s), python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
        (root / "data" / "processed").mkdir()
        shutil.copytree(REPO / "notebooks", root / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        env = {**os.environ, "KAWASAKI_ECON_ROOT": str(root)}
        if args.jobs:
            env["KAWASAKI_ECON_JOBS"] = str(args.jobs)
        results = [_one("1. fresh clone (build from raw, no earlier report)", root, env),
                   _one("2. repeat (no-op build, longest notebooks first)", root, env),
                   _one("3. Yokohama (--focus 14100)", root, env, "14100"),
                   _one("4. Yokohama in English (--focus 14100 --lang en)", root, env, "14100",
                        "en")]
    missed = [t for t, nbs in results
              if t > GOAL_TOTAL or any(s > GOAL_NOTEBOOK for s in nbs.values())]
    print(f"\ngoals {'met' if not missed else 'MISSED'}")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    raise SystemExit(main())
