"""Notebook execution: papermill's ``execute_notebook`` (one notebook at a time) against
the report's runner (:func:`kawasaki_econ.report.execute_notebooks`, papermill's
parameterisation + nbclient, two kernels at once), on the same notebooks and parameters.

Usage: ``python bench/bench_notebook_execution.py [--focus 14130] [--notebooks 01,02]``.
Prints the wall-clock seconds of each; the machine's load distorts them, so compare
the two lines of one run, not runs of different days.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kawasaki_econ.report.execute import execute_notebooks, notebook_paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--focus", default="14130")
    ap.add_argument("--notebooks", default="01,02")
    args = ap.parse_args()
    prefixes = tuple(p.strip() + "_" for p in args.notebooks.split(","))
    paths = [p for p in notebook_paths() if p.name.startswith(prefixes)]
    params = {"FOCUS": args.focus, "LANG": "ja", "PEERS": None}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        import os

        import papermill

        (out / "pm").mkdir()
        os.environ["KAWASAKI_ECON_FIGURES"] = str(out / "pm_figures")
        os.environ["KAWASAKI_ECON_TABLES"] = str(out / "pm_tables")
        t0 = time.perf_counter()
        for path in paths:
            papermill.execute_notebook(str(path), str(out / "pm" / path.name), parameters=params,
                                       kernel_name="python3", progress_bar=False,
                                       cwd=str(path.parent))
        pm = time.perf_counter() - t0
        t0 = time.perf_counter()
        execute_notebooks(paths, out_dir=out / "runner", figures_dir=out / "r_figures",
                          tables_dir=out / "r_tables", parameters=params, jobs=2, quiet=True)
        runner = time.perf_counter() - t0
    names = ", ".join(p.name for p in paths)
    print(f"notebooks: {names}")
    print(f"papermill.execute_notebook, one at a time: {pm:6.1f} s")
    print(f"report runner (papermill parameters, nbclient, 2 at a time): {runner:6.1f} s")


if __name__ == "__main__":
    main()
