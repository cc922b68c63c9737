"""``kawasaki-econ report`` / ``make reproduce``: the report of one municipality.

:func:`reproduce` resolves the focus (code or name) and its peer group, executes the
notebooks with ``FOCUS`` / ``LANG`` / ``PEERS`` injected (a notebook whose section the
focus has no data for is left out and its one-sentence note shown instead), then writes
``index.html``, the workbook, ``figures/`` and ``notebooks/`` — by default into
``reports/<code>/``.

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
from pathlib import Path

from ..analysis.coverage import claims_registry, notebook_section, section
from ..analysis.peers import PeerGroup, peer_group, resolve_focus
from ..errors import KawasakiEconError
from ..paths import reports_dir
from .excel import write_excel
from .execute import TIMINGS_NAME, default_jobs, execute_notebooks, notebook_paths, progress
from .findings import findings_section
from .html import PageSection, figure_records, write_html
from .tables import (
    KeyTable,
    census_summary,
    claims_sheet,
    guest_nights_table,
    peer_comparison,
    peer_members,
    ridership_table,
    sources_sheet,
)
from .text import SECTION_INTROS, check_lang, t

HTML_NAME = "index.html"
EXCEL_NAME = "kawasaki_econ_tables.xlsx"
_STALE = re.compile(r"^\.(?P<name>.+)\.(?P<kind>tmp|old)-(?P<pid>\d+)$")


# --------------------------------------------------------------------------- atomic folder


def staging_dir(dest: Path) -> Path:
    """The temporary build folder of this process, next to ``dest``."""
    return dest.parent / f".{dest.name}.tmp-{os.getpid()}"


def clean_stale(dest: Path) -> list[Path]:
    """Remove the temporary folders that killed runs left next to ``dest``; if ``dest``
    is missing and a moved-aside previous report exists, put it back. Returns the
    folders removed. (Only one report runs at a time: the writer lock.)"""
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


def check_replaceable(dest: Path) -> None:
    """Refuse a destination that exists and is not a report folder (a non-empty folder
    without ``timings.json``, or a file): the swap would delete it."""
    if dest.is_file() or (dest.is_dir() and any(dest.iterdir())
                          and not (dest / TIMINGS_NAME).is_file()):
        raise KawasakiEconError(
            f"refusing to write the report into {dest}: it exists and is not a report folder "
            f"(no {TIMINGS_NAME}); the report replaces its destination as a whole — choose "
            "an empty or new folder with --out")


def swap_in(work: Path, dest: Path) -> None:
    """Replace ``dest`` by the complete folder ``work`` (two renames, see module doc)."""
    old = dest.parent / f".{dest.name}.old-{os.getpid()}"
    if dest.exists():
        os.rename(dest, old)
    os.rename(work, dest)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- report


def _display_name(code: str, name: str, lang: str) -> str:
    from ..figures.labels import area_name

    return area_name(code, lang, default=name)


def _sections(runs, skipped, figures, group: PeerGroup, lang: str, root) -> list[PageSection]:
    """One page section per notebook (run or left out), in name order."""
    name = _display_name(group.focus.code, group.focus.name, lang)
    fields = {"name": name, "group": group.describe(lang), "pref": group.focus.prefecture}
    prefecture_en = _display_name(group.focus.code[:2] + "000", group.focus.prefecture, "en")
    tourism = section("tourism", group.focus.code, name, lang, prefecture=group.focus.prefecture,
                      prefecture_en=prefecture_en, root=root)
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


def _audit(group: PeerGroup, lang: str, root) -> tuple[object, str]:
    """The readable claims audit of the focus (or None) and its summary line."""
    registry = claims_registry(group.focus.code, root)
    if registry is None:
        return None, ""
    from ..analysis.claims import audit, audit_table, load_registry, summary_line

    results = audit(load_registry(registry))
    return audit_table(results, lang), summary_line(results, lang)


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
    """Write the report of ``focus`` (5-digit code or name) in ``lang`` ('ja' / 'en')
    into ``out_dir`` (default ``reports/<code>/``); returns the path of its index.html.

    ``peers`` (5-digit codes) overrides the peer group; ``notebooks`` limits the
    notebooks run (default: all of ``notebooks/``); ``timeout`` is per cell, seconds.
    Raises NotebookError if a notebook fails (nothing is swapped in then)."""
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
    dest = Path(out_dir) if out_dir is not None else reports_dir(root) / municipality.code
    dest = dest.resolve()
    check_replaceable(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    for path in clean_stale(dest):
        progress(f"report: removed {path.name} (left by an interrupted run)", quiet)
    work = staging_dir(dest)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        index = _write(work, dest, census, population, group, lang, peers, timeout, jobs,
                       quiet, notebooks, root, start)
        swap_in(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    progress(f"report: {dest} complete in {time.perf_counter() - start:.1f} s", quiet)
    return dest / index.name


def _workbook(work: Path, census, group: PeerGroup, lang: str, root, quiet: bool):
    """Write the workbook; returns the readable audit (or None), its summary line and the
    sources sheet (the page shows them too)."""
    from ..build import load

    t0 = time.perf_counter()
    name = _display_name(group.focus.code, group.focus.name, lang)
    tables: list[KeyTable] = [census_summary(census, group, lang),
                              peer_comparison(census, group, lang)]
    if section("stations", group.focus.code, name, lang, root=root).available:
        tables.append(ridership_table(load("ridership", root=root), group, lang))
    tables.append(guest_nights_table(load("guest_nights", root=root), group, lang))
    audit, summary = _audit(group, lang, root)
    if audit is not None:
        tables.append(claims_sheet(audit, lang))
    sources = sources_sheet(lang, root)
    tables.append(sources)
    excel = write_excel(work / EXCEL_NAME, tables)
    progress(f"report: {excel.name} ({len(tables)} sheets) in {time.perf_counter() - t0:.1f} s",
             quiet)
    return audit, summary, sources


def _write(work, dest, census, population, group, lang, peers, timeout, jobs, quiet, notebooks,
           root, start) -> Path:
    municipality = group.focus
    name = _display_name(municipality.code, municipality.name, lang)
    paths = notebook_paths(root) if notebooks is None else [Path(p) for p in notebooks]
    run_paths, skipped = [], []
    for path in paths:
        key = notebook_section(path.name)
        sec = section(key, municipality.code, name, lang, root=root) if key else None
        if sec is None or sec.available:
            run_paths.append(path)
        else:
            skipped.append((path, sec.note))
    progress(f"report: {municipality.code} {municipality.name} ({group.kind}, "
             f"{len(group.codes)} areas), {len(run_paths)} notebook(s), "
             f"{jobs or default_jobs()} at a time", quiet)
    # The workbook needs no notebook output: it is written while the kernels run.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        workbook = pool.submit(_workbook, work, census, group, lang, root, quiet)
        runs = []
        if run_paths:
            runs = execute_notebooks(
                run_paths, out_dir=work / "notebooks", figures_dir=work / "figures",
                tables_dir=work / "tables", timeout=timeout, jobs=jobs, root=root,
                quiet=quiet, parameters={"FOCUS": municipality.code, "LANG": lang,
                                         "PEERS": peers}, timings_from=dest)
        audit, summary, sources = workbook.result()
    figures = figure_records(work / "figures")
    index = write_html(
        work / HTML_NAME, lang=lang, title=t("page", "title", lang, name=name),
        peers_text=group.describe(lang),
        members=peer_members(group, population, lang),
        sections=_sections(runs, skipped, figures, group, lang, root),
        audit=audit, audit_summary=summary, sources=sources.frame, excel_name=EXCEL_NAME,
        findings=findings_section(group, lang, root=root))
    timings = {"focus": municipality.code, "lang": lang,
               "total_seconds": round(time.perf_counter() - start, 2),
               "notebooks": {r.source.name: round(r.seconds, 2) for r in runs}}
    (work / TIMINGS_NAME).write_text(json.dumps(timings, indent=1) + "\n", encoding="utf-8")
    return index


__all__ = ["EXCEL_NAME", "HTML_NAME", "check_replaceable", "clean_stale", "reproduce",
           "staging_dir", "swap_in"]
