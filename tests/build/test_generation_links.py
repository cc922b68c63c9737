"""The documented paths data/processed/<table>.csv / .parquet / _manifest.json are fixed
links through the pointer `current`; a build killed between the switch and the links
(e.g. while replacing the plain files of the layout before generations) is completed by
the next build."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from kawasaki_econ import atomic, checkpoint
from kawasaki_econ.build import build
from kawasaki_econ.cli import main


def test_the_fixed_paths_read_the_current_generation(project_copy):
    processed = project_copy / "data" / "processed"
    build(["core_cities"], quiet=True)
    first = atomic.current_generation(processed)
    for name in ("core_cities.csv", "core_cities.parquet", "_manifest.json"):
        assert os.readlink(processed / name) == f"current/{name}"
        assert (processed / name).read_bytes() == (first / name).read_bytes()
    build(["core_cities"], force=True, quiet=True)
    second = atomic.current_generation(processed)
    assert second != first and not first.exists()  # the old generation is removed
    manifest = json.loads((processed / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["generation"] == atomic.generation_id(second)


def test_a_build_killed_after_the_switch_is_completed_by_the_next_one(project_copy, capsys):
    processed = project_copy / "data" / "processed"
    build(["core_cities"], quiet=True)
    legacy = processed / "core_cities.csv"
    legacy.unlink()
    legacy.write_text("a plain file of the layout before generations", encoding="utf-8")
    env = {**os.environ, "KAWASAKI_ECON_ROOT": str(project_copy),
           checkpoint.KILL_ENV: "build: switched"}
    child = subprocess.run([sys.executable, "-m", "kawasaki_econ", "build", "--force",
                            "core_cities"], env=env, stderr=subprocess.DEVNULL)
    assert child.returncode == -9
    current = atomic.current_generation(processed)
    assert not legacy.is_symlink()  # killed before the links were made
    assert main(["build", "core_cities"]) == 0  # nothing stale: only the links are made
    assert os.readlink(legacy) == "current/core_cities.csv"
    assert legacy.read_bytes() == (current / "core_cities.csv").read_bytes()
    assert atomic.current_generation(processed) == current
    assert not atomic.stale(processed)
