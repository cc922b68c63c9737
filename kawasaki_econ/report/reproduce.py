"""``kawasaki-econ report`` / ``make reproduce``: the report of one municipality.

:func:`reproduce` resolves the focus (code or name) and its peer group, executes the
notebooks with ``FOCUS`` / ``LANG`` / ``PEERS`` injected (a notebook whose section the
focus has no data for is left out and its one-sentence note shown instead), then writes
``index.html``, the workbook, ``figures/`` and ``notebooks/`` — by default into
:func:`report_dir`: ``reports/<code>/`` for Japanese, ``reports/<code>-en/`` for English,
so that the two languages never replace each other. ``--out`` into a folder holding a
report in the other language is refused with a message (its ``timings.json`` records
the language).

All-or-nothing: everything is built in a temporary folder next to the destination
(``.<name>.tmp-<pid>``) and swapped in at the end by renaming: the previous report is
moved aside (``.<name>.old-<pid>``), the new one renamed into place, the old one
removed. A run killed at any point leaves the previous complete report (or, killed
between the two renames, none — the next run puts the previous one back) and never a
mix. Leftover temporary folders of killed runs are removed by the next run.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..analysis.coverage import claims_registry, notebook_section, section
from ..analysis.peers import PeerGroup, peer_group, resolve_focus
from ..atomic import write_text_atomic
from ..errors import KawasakiEconError
from ..lang import check_lang
from ..paths import reports_dir
from .chapter_tables import lq_table, shift_share_table
from .excel import write_excel
from .execute import TIMINGS_NAME, default_jobs, execute_notebooks, notebook_paths, progress
from .findings import findings_section
from .html import PageSection, figure_records, write_html
from .key_tables import (
    KeyTable,
    census_summary,
    focus_name,
    group_text,
    guest_nights_table,
    peer_comparison,
    peer_members,
    prefecture_name,
    ridership_table,
    sources_sheet,
)
from .plan_tables import claims_sheet, status_board_sheet
from .wording import SECTION_INTROS, t

HTML_NAME = "index.html"
EXCEL_NAME = "kawasaki_econ_tables.xlsx"
_STALE = re.compile(r"^\.(?P<name>.+)\.(?P<kind>tmp|old)-(?P<pid>\d+)$")


# --------------------------------------------------------------------------- atomic folder


def staging_dir(dest: Path) -> Path:
    """The temporary build folder of this process, next to ``dest``."""
    return dest.parent / f".{dest.name}.tmp-{os.getpid()}"


def clean_stale(dest: Path) -> list[Path]:
    """Remove the temporary folders that killed report runs left next to ``dest``.

    If ``dest`` is missing and a moved-aside previous report (``.<name>.old-<pid>``)
    exists, the newest one is put back first. Only one report runs at a time (the
    writer lock), so every such folder is a leftover.

    Parameters
    ----------
    dest : pathlib.Path
        A report's folder, e.g. ``reports/14130``.

    Returns
    -------
    list of pathlib.Path
        The folders removed (``.<name>.tmp-<pid>`` / ``.<name>.old-<pid>``).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from kawasaki_econ import report
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / ".14130.tmp-4242").mkdir()
    ...     removed = report.clean_stale(Path(tmp) / "14130")
    >>> [path.name for path in removed]
    ['.14130.tmp-4242']
    """
    removed: list[Path] = []
    if not dest.parent.exists():
        return removed
    stale = [p for p in dest.parent.iterdir()
             if (m := _STALE.match(p.name)) and m["name"] == dest.name and p.is_dir()]
    olds = sorted((p for p in stale if ".old-" in p.name), key=lambda p: p.stat().st_mtime)
    if not dest.exists() and olds:
        os.rename(olds[-1], dest)
        stale.remove(olds[-1])
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def report_dir(code: str, lang: str, root: Path | None = None) -> Path:
    """Return the default folder of a report: one per municipality and language.

    Parameters
    ----------
    code : str
        Five-digit area code of the municipality, e.g. '14130' (川崎市).
    lang : {'ja', 'en'}
        The report's language.
    root : pathlib.Path, optional
        The project root; default: this checkout's.

    Returns
    -------
    pathlib.Path
        ``reports/<code>/`` (Japanese) or ``reports/<code>-en/`` (English); not created.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    >>> from kawasaki_econ import report
    >>> from kawasaki_econ.paths import reports_dir
    >>> report.report_dir("14130", "en").relative_to(reports_dir()).as_posix()
    '14130-en'
    """
    check_lang(lang)
    return reports_dir(root) / (code if lang == "ja" else f"{code}-{lang}")


def report_lang(folder: Path) -> str | None:
    """The language of the report in ``folder`` (from its ``timings.json``), if any."""
    try:
        data = json.loads((folder / TIMINGS_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("lang") if isinstance(data, dict) else None


def check_replaceable(dest: Path, lang: str | None = None) -> None:
    """Refuse a destination that exists and is not a report folder (a non-empty folder
    without ``timings.json``, or a file): the swap would delete it. With ``lang``, also
    refuse a report folder holding a report in another language."""
    if dest.is_file() or (dest.is_dir() and any(dest.iterdir())
                          and not (dest / TIMINGS_NAME).is_file()):
        raise KawasakiEconError(
            f"refusing to write the report into {dest}: it exists and is not a report folder "
            f"(no {TIMINGS_NAME}); the report replaces its destination as a whole — choose "
            "an empty or new folder with --out")
    held = report_lang(dest) if dest.is_dir() else None
    if lang is not None and held is not None and held != lang:
        raise KawasakiEconError(
            f"refusing to replace the '{held}' report in {dest} by a '{lang}' one: reports "
            f"in different languages go to different folders (default: reports/<code>/ for "
            f"ja, reports/<code>-en/ for en) — choose another folder with --out")


def swap_in(work: Path, dest: Path) -> None:
    """Replace ``dest`` by the complete folder ``work`` (two renames, see module doc)."""
    old = dest.parent / f".{dest.name}.old-{os.getpid()}"
    if dest.exists():
        os.rename(dest, old)
    os.rename(work, dest)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- report


def _sections(runs, skipped, figures, group: PeerGroup, lang: str, root) -> list[PageSection]:
    """One page section per notebook (run or left out), in name order."""
    name = focus_name(group, lang)
    pref = prefecture_name(group, lang)
    fields = {"name": name, "group": group_text(group, lang), "pref": pref}
    tourism = section("tourism", group.focus.code, name, lang, prefecture=pref,
                      prefecture_en=prefecture_name(group, "en"), root=root)
    entries = [(r.source.stem, r, "") for r in runs] + [(p.stem, None, note)
                                                      for p, note in skipped]
    out = []
    for stem, run, note in sorted(entries, key=lambda e: e[0]):
        prefix = stem.split("_", 1)[0] + "_"
        if prefix in SECTION_INTROS:
            heading = t("intros", prefix, lang, **fields)
            text = t("section_text", prefix, lang, **fields) if run is not None else ""
        else:
            heading, text = (run.title if run else stem), ""
        if run is not None and prefix == "04_":
            note = tourism.note
        figs = tuple(f for f in figures if f.name.startswith(prefix)) if run else ()
        if run is not None:
            run.figures = [f.name for f in figs]
        out.append(PageSection(f"nb-{stem}", heading, text, note, run, figs))
    return out


@dataclass(frozen=True)
class AuditView:
    """The claims audit of a focus with a plan: its results, the readable table and the
    summary line in the report's language."""

    results: list
    table: pd.DataFrame
    summary: str


def _audit(group: PeerGroup, lang: str, root) -> AuditView | None:
    """The claims audit of the focus, or None when it has no claims registry."""
    registry = claims_registry(group.focus.code, root)
    if registry is None:
        return None
    from ..analysis.claims import audit, audit_table, load_registry, summary_line

    results = audit(load_registry(registry))
    return AuditView(results, audit_table(results, lang), summary_line(results, lang))


@dataclass(frozen=True)
class ReportRun:
    """Everything one report run works with: the temporary folder ``work`` that becomes
    ``dest``, the loaded tables, the peer group, the language and the options of
    :func:`reproduce` (``start``: ``time.perf_counter()`` at the start of the run)."""

    work: Path
    dest: Path
    census: pd.DataFrame
    population: pd.DataFrame
    group: PeerGroup
    lang: str
    peers: list[str] | None
    timeout: int
    jobs: int | None
    quiet: bool
    notebooks: list[Path] | None
    root: Path | None
    start: float


def reproduce(
    focus: str = "14130",
    *,
    lang: str = "ja",
    peers: list[str] | None = None,
    out_dir: Path | None = None,
    timeout: int = 300,
    jobs: int | None = None,
    quiet: bool = False,
    notebooks: list[Path] | None = None,
    root: Path | None = None,
) -> Path:
    """Write the report of one municipality: page, workbook, figures and notebooks.

    Builds the processed tables if stale, resolves the focus and its comparison group,
    executes the notebooks with ``FOCUS`` / ``LANG`` / ``PEERS`` injected (a notebook
    whose section the focus has no data for is left out, its note shown instead) while
    the workbook is written, then writes ``index.html`` and ``timings.json``.
    All-or-nothing: everything is built in a temporary folder next to the destination
    and swapped in at the end (see :mod:`kawasaki_econ.report.reproduce`).

    Parameters
    ----------
    focus : str, default '14130'
        The municipality: five-digit area code or name (e.g. '14100' or '横浜市').
    lang : {'ja', 'en'}, default 'ja'
        The report's language.
    peers : list of str, optional
        Five-digit area codes of the comparison group; default: the group by type of
        municipality (:func:`kawasaki_econ.analysis.peer_group`).
    out_dir : pathlib.Path, optional
        The report's folder; default :func:`report_dir` (``reports/<code>/`` or
        ``reports/<code>-en/``). Replaced as a whole.
    timeout : int, default 300
        Seconds a notebook cell may run.
    jobs : int, optional
        Notebooks run at once (see :func:`execute_notebooks`).
    quiet : bool, default False
        No progress lines on stderr.
    notebooks : list of pathlib.Path, optional
        The notebooks to run; default: all of ``notebooks/``; ``[]`` writes the page and
        the workbook without running any.
    root : pathlib.Path, optional
        The project root; default: this checkout's.

    Returns
    -------
    pathlib.Path
        The report's ``index.html``.

    Raises
    ------
    NotebookError
        If a notebook fails (nothing is swapped in then).
    kawasaki_econ.analysis.FocusError
        If ``focus`` or a code of ``peers`` names no municipality of the census table,
        or a name matches several.
    KawasakiEconError
        If ``out_dir`` exists and is not a report folder, or holds a report in the
        other language.
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    A whole report runs every notebook (minutes) and holds the writer lock, so the
    doctest skips it; ``notebooks=[]`` writes only the page and the workbook:

    >>> import tempfile
    >>> from pathlib import Path
    >>> from kawasaki_econ import report
    >>> report.reproduce("14100", lang="en")  # doctest: +SKIP
    PosixPath('.../reports/14100-en/index.html')
    >>> with tempfile.TemporaryDirectory() as tmp:  # doctest: +SKIP
    ...     index = report.reproduce("14130", notebooks=[], out_dir=Path(tmp) / "kawasaki",
    ...                              quiet=True)
    ...     sorted(path.name for path in index.parent.iterdir())
    ['index.html', 'kawasaki_econ_tables.xlsx', 'timings.json']

    An unknown language is refused before anything is built:

    >>> report.reproduce("14130", lang="fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of ('ja', 'en'), not 'fr'
    """
    from ..lock import writer_lock

    check_lang(lang)
    with writer_lock("report"):
        return _reproduce(focus, lang=lang, peers=peers, out_dir=out_dir, timeout=timeout,
                          jobs=jobs, quiet=quiet, notebooks=notebooks, root=root)


def _reproduce(focus, *, lang, peers, out_dir, timeout, jobs, quiet, notebooks, root) -> Path:
    from ..build import build, load

    start = time.perf_counter()
    build(root=root, quiet=quiet)  # fresh tables before notebooks run in parallel
    census, population = load("census", root=root), load("population", root=root)
    municipality = resolve_focus(census, focus)
    group = peer_group(municipality, census, population, peers=peers,
                       core_cities=load("core_cities", root=root))
    dest = Path(out_dir) if out_dir is not None else report_dir(municipality.code, lang, root)
    dest = dest.resolve()
    check_replaceable(dest, lang)
    dest.parent.mkdir(parents=True, exist_ok=True)
    for path in clean_stale(dest):
        progress(f"report: removed {path.name} (left by an interrupted run)", quiet)
    work = staging_dir(dest)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    run = ReportRun(work, dest, census, population, group, lang, peers, timeout, jobs, quiet,
                    notebooks, root, start)
    try:
        index = _write(run)
        swap_in(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    progress(f"report: {dest} complete in {time.perf_counter() - start:.1f} s", quiet)
    return dest / index.name


def _workbook(run: ReportRun) -> tuple[AuditView | None, KeyTable]:
    """Write the workbook; returns the claims audit (or None) and the sources sheet (the
    page shows them too). Plan-specific sheets only for a focus with a plan."""
    from ..build import load

    t0 = time.perf_counter()
    group, lang, root = run.group, run.lang, run.root
    name = focus_name(group, lang)
    tables: list[KeyTable] = [census_summary(run.census, group, lang),
                              peer_comparison(run.census, group, lang),
                              lq_table(run.census, group, lang),
                              shift_share_table(run.census, group, lang)]
    if section("stations", group.focus.code, name, lang, root=root).available:
        tables.append(ridership_table(load("ridership", root=root), group, lang))
    tables.append(guest_nights_table(load("guest_nights", root=root), group, lang))
    audit = _audit(group, lang, root)
    if audit is not None:
        tables.append(claims_sheet(audit.results, lang))
    if section("kpi", group.focus.code, name, lang, root=root).available:
        from ..forecast.overview import status_board

        board = status_board(kpi=load("kpi", root=root), lang=lang)
        tables.append(status_board_sheet(board, lang))
    sources = sources_sheet(lang, root)
    tables.append(sources)
    excel = write_excel(run.work / EXCEL_NAME, tables)
    progress(f"report: {excel.name} ({len(tables)} sheets) in {time.perf_counter() - t0:.1f} s",
             run.quiet)
    return audit, sources


def _write(run: ReportRun) -> Path:
    municipality, lang, root = run.group.focus, run.lang, run.root
    name = focus_name(run.group, lang)
    paths = notebook_paths(root) if run.notebooks is None else [Path(p) for p in run.notebooks]
    run_paths, skipped = [], []
    for path in paths:
        key = notebook_section(path.name)
        sec = section(key, municipality.code, name, lang, root=root) if key else None
        if sec is None or sec.available:
            run_paths.append(path)
        else:
            skipped.append((path, sec.note))
    progress(f"report: {municipality.code} {municipality.name} ({run.group.kind}, "
             f"{len(run.group.codes)} areas), {len(run_paths)} notebook(s), "
             f"{run.jobs or default_jobs()} at a time", run.quiet)
    # The workbook needs no notebook output: it is written while the kernels run.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        workbook = pool.submit(_workbook, run)
        runs = []
        if run_paths:
            runs = execute_notebooks(
                run_paths, out_dir=run.work / "notebooks", figures_dir=run.work / "figures",
                tables_dir=run.work / "tables", timeout=run.timeout, jobs=run.jobs, root=root,
                quiet=run.quiet, parameters={"FOCUS": municipality.code, "LANG": lang,
                                             "PEERS": run.peers}, timings_from=run.dest)
        audit, sources = workbook.result()
    figures = figure_records(run.work / "figures")
    index = write_html(
        run.work / HTML_NAME, lang=lang, title=t("page", "title", lang, name=name),
        peers_text=group_text(run.group, lang),
        members=peer_members(run.group, run.population, lang),
        sections=_sections(runs, skipped, figures, run.group, lang, root),
        audit=audit.results if audit else None, audit_summary=audit.summary if audit else "",
        sources=sources.frame, excel_name=EXCEL_NAME,
        findings=findings_section(run.group, lang, root=root))
    timings = {"focus": municipality.code, "lang": lang,
               "total_seconds": round(time.perf_counter() - run.start, 2),
               "notebooks": {r.source.name: round(r.seconds, 2) for r in runs}}
    write_text_atomic(run.work / TIMINGS_NAME, json.dumps(timings, indent=1) + "\n")
    return index


__all__ = ["EXCEL_NAME", "HTML_NAME", "AuditView", "ReportRun", "check_replaceable",
           "clean_stale", "report_dir", "report_lang", "reproduce", "staging_dir", "swap_in"]
