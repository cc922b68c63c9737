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
    """A notebook failed to execute (a cell raised, or it timed out), or none was found.

    A :class:`~kawasaki_econ.errors.KawasakiEconError`; the message names every failed
    notebook, its error and its executed copy.

    Parameters
    ----------
    message : str
        The failed notebooks, their errors and executed copies (English).
    ja : str, optional
        The same sentence in Japanese
        (:meth:`~kawasaki_econ.errors.KawasakiEconError.text`).

    See Also
    --------
    execute_notebooks : Raises it after all notebooks have run.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from kawasaki_econ import report
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     try:
    ...         report.execute_notebooks([], out_dir=Path(tmp) / "out",
    ...                                  figures_dir=Path(tmp) / "figures",
    ...                                  tables_dir=Path(tmp) / "tables")
    ...     except report.NotebookError as exc:
    ...         print(exc)
    no notebooks found in .../notebooks
    """


@dataclass
class NotebookRun:
    """One notebook execution: what ran, where its executed copy is, how it went.

    Parameters
    ----------
    name : str
        The notebook's file stem, e.g. ``'01_census_trends'``.
    source : pathlib.Path
        The notebook run.
    executed : pathlib.Path
        Its executed copy (written whether the run succeeded or not).
    seconds : float, default 0.0
        Wall-clock seconds of the execution.
    title : str, default ''
        The first heading of its first markdown cell.
    intro : str, default ''
        The rest of that cell (the notebook's statement).
    error : str, optional
        The error text of a failed run; None = success.
    figures : list of str, optional
        The names (file stems) of the figures it saved, filled in by the report.

    See Also
    --------
    execute_notebooks : Returns one per notebook.

    Examples
    --------
    >>> from pathlib import Path
    >>> from kawasaki_econ import report
    >>> source = report.notebook_paths()[0]
    >>> run = report.NotebookRun(source.stem, source, Path("out") / source.name)
    >>> run.name, run.error
    ('01_census_trends', None)
    """

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
    """Return the folder of the project's notebooks.

    Parameters
    ----------
    root : pathlib.Path, optional
        The project root; default: this checkout's.

    Returns
    -------
    pathlib.Path
        ``<root>/notebooks`` (not checked to exist).

    Examples
    --------
    >>> from kawasaki_econ import report
    >>> report.notebooks_dir().name
    'notebooks'
    """
    return (root or project_root()) / "notebooks"


def notebook_paths(root: Path | None = None) -> list[Path]:
    """Return every notebook of ``notebooks/``, in name order.

    Parameters
    ----------
    root : pathlib.Path, optional
        The project root; default: this checkout's.

    Returns
    -------
    list of pathlib.Path
        The ``*.ipynb`` files of :func:`notebooks_dir`, sorted by name (empty if none).

    Examples
    --------
    >>> from kawasaki_econ import report
    >>> [path.name for path in report.notebook_paths()]  # doctest: +NORMALIZE_WHITESPACE
    ['01_census_trends.ipynb', '02_city_comparison.ipynb', '03_station_ridership.ipynb',
     '04_tourism_haneda.ipynb', '05_claims_audit.ipynb', '06_kpi_attainment.ipynb']
    """
    return sorted(notebooks_dir(root).glob("*.ipynb"))


# --------------------------------------------------------------------------- parameters


def inject_parameters(nb, parameters: dict[str, object]) -> None:
    """Insert (or replace) the notebook's ``injected-parameters`` cell, in place.

    papermill's own parameterisation
    (``papermill.parameterize.parameterize_notebook``) inserts the cell right after the
    cell tagged ``parameters`` (first, without one), so the result is the notebook
    ``papermill -p`` would run. No parameters: any injected cell is removed.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook (nbformat version 4); changed in place.
    parameters : dict
        Variable name → value, e.g. ``{"FOCUS": "14100", "LANG": "en"}`` (FOCUS: a
        five-digit area code or a name; LANG: 'ja' or 'en').

    Examples
    --------
    >>> import nbformat
    >>> from kawasaki_econ import report
    >>> nb = nbformat.read(report.notebook_paths()[0], as_version=4)
    >>> report.inject_parameters(nb, {"FOCUS": "14100", "LANG": "en"})
    >>> nb.cells[2].metadata["tags"]
    ['injected-parameters']
    >>> print(nb.cells[2].source)
    # Parameters
    FOCUS = "14100"
    LANG = "en"
    <BLANKLINE>
    """
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
    """Execute notebooks with injected parameters, each in a fresh kernel.

    Each notebook runs in a kernel of this interpreter with ``$KAWASAKI_ECON_FIGURES`` =
    ``figures_dir`` and ``$KAWASAKI_ECON_TABLES`` = ``tables_dir`` (so its
    ``figures.save`` calls write there), at most ``jobs`` at a time, longest first; its
    executed copy is written to ``out_dir`` whether it succeeds or not.

    Parameters
    ----------
    notebooks : list of pathlib.Path, optional
        The notebooks to run; default: all of :func:`notebook_paths`, in name order.
    out_dir : pathlib.Path
        Folder of the executed copies (created if missing).
    figures_dir : pathlib.Path
        Folder where the notebooks save figures (created if missing).
    tables_dir : pathlib.Path
        Folder where the notebooks save tables (created if missing).
    parameters : dict, optional
        Injected into every notebook (:func:`inject_parameters`), e.g.
        ``{"FOCUS": "14100", "LANG": "en"}``.
    timeout : int, default 300
        Seconds a cell may run.
    jobs : int, optional
        Notebooks run at once; default ``$KAWASAKI_ECON_JOBS``, else the number of CPUs,
        at most 2.
    root : pathlib.Path, optional
        The project root (passed to the kernels as ``$KAWASAKI_ECON_ROOT``); default:
        this checkout's.
    quiet : bool, default False
        No progress lines on stderr.
    timings_from : pathlib.Path, optional
        Folder holding the ``timings.json`` of an earlier run (to start the longest
        notebooks first); default the parent of ``out_dir``.

    Returns
    -------
    list of NotebookRun
        One per notebook, in the order given.

    Raises
    ------
    NotebookError
        If no notebook is found, or after all have run, naming every notebook that
        failed (a cell raised or timed out) with its error and executed copy.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import nbformat
    >>> from kawasaki_econ import report
    >>> cells = [nbformat.v4.new_markdown_cell("# Focus"),
    ...          nbformat.v4.new_code_cell('FOCUS = "14130"', metadata={"tags": ["parameters"]}),
    ...          nbformat.v4.new_code_cell("print(FOCUS)")]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp)
    ...     nbformat.write(nbformat.v4.new_notebook(cells=cells), folder / "focus.ipynb")
    ...     runs = report.execute_notebooks(
    ...         [folder / "focus.ipynb"], out_dir=folder / "out", figures_dir=folder / "figures",
    ...         tables_dir=folder / "tables", parameters={"FOCUS": "14100"}, quiet=True)
    ...     executed = nbformat.read(runs[0].executed, as_version=4)
    >>> runs[0].title, runs[0].error
    ('Focus', None)
    >>> executed.cells[-1].outputs[0]["text"].strip()
    '14100'
    """
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
