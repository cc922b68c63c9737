"""Time of the sweep over municipalities (kawasaki_econ.report.sweep): the setup (tables
and the panel of all areas) and every 10th municipality, with the projected time of
the full sweep (`make sweep`, 2 worker processes)."""

from __future__ import annotations

import time

from kawasaki_econ.report.sweep import Sweep, run


def main() -> None:
    t0 = time.perf_counter()
    sweep = Sweep()
    setup = time.perf_counter() - t0
    codes = sweep.codes()
    sample = codes[::10]
    t1 = time.perf_counter()
    failures = run(sample, jobs=1, sweep=sweep)
    per_focus = (time.perf_counter() - t1) / len(sample)
    print(f"sweep: setup {setup:.1f} s; {len(sample)} of {len(codes)} focuses, "
          f"{per_focus:.2f} s each (1 process), {len(failures)} failure(s); "
          f"full sweep projected {setup + per_focus * len(codes) / 2:.0f} s on 2 processes")


if __name__ == "__main__":
    main()
