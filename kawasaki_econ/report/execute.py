"""Execute notebooks: papermill injects the parameters, nbclient runs the kernels.

The cell tagged ``parameters`` holds the defaults (``FOCUS = "14130"``, ``LANG = "ja"``);
:func:`inject_parameters` hands the notebook to papermill
(``papermill.parameterize.parameterize_notebook``, pinned in ``constraints.txt``), which
inserts right after it a cell tagged ``injected-parameters`` — so ``papermill -p FOCUS
14100`` and :func:`execute_notebooks` give the same notebook, because it is the same
code. Each notebook then runs in a fresh kernel of *this* interpreter
(``sys.executable``: the project's ``.venv``), at most ``jobs`` at a time; the executed
copies are written either way.

Why the execution itself is not ``papermill.execute_notebook``: that call runs one
notebook synchronously and saves the output notebook after every cell; the report runs
two notebooks at once in one event loop (nbclient's async client, with a kernel manager
pinned to ``sys.executable``) and writes each executed copy once. Measured with
``bench/bench_notebook_execution.py`` (notebooks 01 + 02, Kawasaki; see its output for
the numbers on your machine): papermill sequentially took longer than the two-lane
runner on a 2-core machine, so only papermill's parameterisation is used.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KawasakiEconError
from ..paths import project_root

FIGURES_ENV = "KAWASAKI_ECON_FIGURES"  # the same names as in kawasaki_econ.figures
TABLES_ENV = "KAWASAKI_ECON_TABLES"
JOBS_ENV = "KAWASAKI_ECON_JOBS"
TIMINGS_NAME = "timings.json"
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


class NotebookError(KawasakiEconError):
    """A notebook failed to execute (a cell raised, or it timed out)."""


@dataclass
class NotebookRun:
    """One notebook execution: source, executed copy, seconds, title and statement of its
    first markdown cell, error text (None = success) and the figures it saved."""

    name: str
    source: Path
    executed: Path
    seconds: float = 0.0
    title: str = ""
    intro: str = ""
    error: str | None = None
    figures: list[str] = field(default_factory=list)


def progress(message: str, quiet: bool = False) -> None:
    """Progress line on stderr (nothing when ``quiet``)."""
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def notebooks_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "notebooks"


def notebook_paths(root: Path | None = None) -> list[Path]:
    """Every notebook of ``notebooks/``, in name order."""
    return sorted(notebooks_dir(root).glob("*.ipynb"))


# --------------------------------------------------------------------------- parameters


def inject_parameters(nb, parameters: dict[str, object]) -> None:
    """Insert (or replace) the ``injected-parameters`` cell after the ``parameters`` cell
    with papermill's own parameterisation (without a ``parameters`` cell it goes first);
    ``nb`` is changed in place. No parameters: any injected cell is removed."""
    from papermill.parameterize import parameterize_notebook

    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    if not parameters:
        return
    for cell in nb.cells:  # papermill reads ``cell.metadata.tags`` of every cell
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    done = parameterize_notebook(nb, dict(parameters), kernel_name="python3", language="python")
    nb.cells, nb.metadata = done.cells, done.metadata


# --------------------------------------------------------------------------- execution


def _kernel_manager_class():
    """An AsyncKernelManager whose kernel is ``sys.executable -m ipykernel_launcher``
    (a user-level ``python3`` kernelspec could point at another interpreter)."""
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class VenvKernelManager(AsyncKernelManager):
        @property
        def kernel_spec(self):  # type: ignore[override]
            return KernelSpec(
                argv=[sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
                      "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"],
                display_name="Python 3 (ipykernel)", language="python", resource_dir="",
                metadata={},
            )

    return VenvKernelManager


def intro(nb) -> tuple[str, str]:
    """Title (first heading) and statement (rest) of the first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = cell.source.strip().splitlines()
            title = ""
            if lines and lines[0].startswith("#"):
                title = lines[0].lstrip("#").strip()
                lines = lines[1:]
            return title, "\n".join(lines).strip()
    return "", ""


async def _execute_one(run: NotebookRun, timeout: int, env: dict[str, str],
                       parameters: dict[str, object], semaphore: asyncio.Semaphore,
                       quiet: bool) -> NotebookRun:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(run.source, as_version=4)
    run.title, run.intro = intro(nb)
    inject_parameters(nb, parameters)
    async with semaphore:
        progress(f"executing {run.source.name} …", quiet)
        start = time.perf_counter()
        client = NotebookClient(
            nb, timeout=timeout, kernel_name="python3",
            kernel_manager_class=_kernel_manager_class(),
            resources={"metadata": {"path": str(run.source.parent)}},
        )
        try:
            await client.async_execute(env=env)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            run.error = f"{type(exc).__name__}: {exc}"
        finally:
            run.seconds = time.perf_counter() - start
            run.executed.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, run.executed)
    state = "FAILED" if run.error else "done"
    progress(f"{state:6s} {run.source.name} in {run.seconds:.1f} s", quiet)
    return run


async def _execute_all(runs: list[NotebookRun], timeout: int, env: dict[str, str],
                       parameters: dict[str, object], jobs: int, quiet: bool,
                       previous: dict[str, float]) -> list[NotebookRun]:
    # Longest first (by the previous run's times; new notebooks first) balances the
    # parallel lanes; the results keep name order.
    order = sorted(runs, key=lambda r: -previous.get(r.source.name, float("inf")))
    semaphore = asyncio.Semaphore(max(1, jobs))
    await asyncio.gather(*(_execute_one(r, timeout, env, parameters, semaphore, quiet)
                           for r in order))
    return runs


def previous_timings(reports: Path) -> dict[str, float]:
    """Per-notebook seconds of an earlier run (``timings.json`` in ``reports``), if any."""
    try:
        data = json.loads((reports / TIMINGS_NAME).read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data.get("notebooks", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _run_coroutine(coro):
    """``asyncio.run`` — in a worker thread when called from a running event loop
    (e.g. from a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def default_jobs() -> int:
    """Notebooks executed at once: ``$KAWASAKI_ECON_JOBS``, else the number of CPUs, at
    most 2 (each kernel is one busy process; more would only contend)."""
    env = os.environ.get(JOBS_ENV, "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(2, os.cpu_count() or 1))


def execute_notebooks(
    notebooks: list[Path] | None = None,
    *,
    out_dir: Path,
    figures_dir: Path,
    tables_dir: Path,
    parameters: dict[str, object] | None = None,
    timeout: int = 300,
    jobs: int | None = None,
    root: Path | None = None,
    quiet: bool = False,
    timings_from: Path | None = None,
) -> list[NotebookRun]:
    """Execute ``notebooks`` (default: all, in name order) into ``out_dir`` with
    ``$KAWASAKI_ECON_FIGURES`` = ``figures_dir`` and ``$KAWASAKI_ECON_TABLES`` =
    ``tables_dir``, injecting ``parameters`` (e.g. ``{"FOCUS": "14100", "LANG": "en"}``).
    Raises :class:`NotebookError` naming every failed notebook (after all have run)."""
    out_dir, figures_dir, tables_dir = Path(out_dir), Path(figures_dir), Path(tables_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    tables_dir.mkdir(parents=True, exist_ok=True)
    paths = notebook_paths(root) if notebooks is None else [Path(p) for p in notebooks]
    if not paths:
        raise NotebookError(f"no notebooks found in {notebooks_dir(root)}")
    env = dict(os.environ)
    env[FIGURES_ENV] = str(figures_dir.resolve())
    env[TABLES_ENV] = str(tables_dir.resolve())
    if root is not None:
        env["KAWASAKI_ECON_ROOT"] = str(Path(root).resolve())
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    runs = [NotebookRun(p.stem, p, out_dir / p.name) for p in paths]
    previous = previous_timings(timings_from or out_dir.parent)
    runs = _run_coroutine(_execute_all(runs, timeout, env, dict(parameters or {}),
                                       jobs or default_jobs(), quiet, previous))
    failed = [r for r in runs if r.error]
    if failed:
        details = "\n".join(f"  {r.source.name}: {short(r.error)} (executed copy: {r.executed})"
                            for r in failed)
        raise NotebookError(f"{len(failed)} notebook(s) failed:\n{details}")
    return runs


def short(text: str | None, limit: int = 1500) -> str:
    """``text`` without ANSI colour codes, cut at ``limit`` characters."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text or "")
    return text if len(text) <= limit else text[:limit] + " …"


__all__ = ["FIGURES_ENV", "INJECTED_TAG", "JOBS_ENV", "NotebookError", "NotebookRun",
           "PARAMETERS_TAG", "TABLES_ENV", "TIMINGS_NAME", "default_jobs", "execute_notebooks",
           "inject_parameters", "intro", "notebook_paths", "notebooks_dir", "previous_timings",
           "progress", "short"]
