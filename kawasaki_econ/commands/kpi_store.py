"""The imports in ``data/raw/kpi/``: ``kpi import``, ``kpi list``, ``kpi remove``.

``import_workbook`` validates the workbook against the shipped indicators and the earlier
imports (every problem listed at once), then stores it as ``kpi/NNNN_name.xlsx`` (NNNN =
the next import sequence: the newest import wins, see :mod:`.merge`), registers it in
``data/raw/catalog.toml`` and rebuilds the ``kpi`` table. ``remove_import`` deletes one
import's file and catalogue entry and rebuilds.

Both run under the writer lock (:func:`kawasaki_econ.lock.writer_lock`; the rebuild and
the registration take the same re-entrant lock). Any failure — validation, a rebuild
refused because another raw file changed, an unwritable ``data/processed`` or
``data/raw/kpi``, an interrupt — restores ``data/raw`` and ``catalog.toml`` byte for byte
before the error is raised: the workbook file is staged under a hidden name, the
catalogue's bytes are kept in memory, and both are put back.

A ``kill -9`` leaves no blocking file either. Before the copy, ``kpi import`` writes the
journal ``data/.kawasaki-econ.adding.json`` naming the file it is adding
(:func:`kawasaki_econ.additions.adding`) and removes it after the catalogue write; the next
writer (``build``, ``kpi import``, ``kpi remove``) deletes the file the journal names if
the catalogue does not list it, and never touches any other file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import additions, catalog, checkpoint
from ..atomic import write_text_atomic
from ..build import build
from ..errors import IngestError, KawasakiEconError
from ..kpi import rules
from ..kpi.merge import (
    KEY,
    WORKBOOK_DIR,
    StoredImport,
    combine,
    definitions,
    read_stored,
    stored_imports,
)
from ..kpi.workbook import read_workbook
from ..lock import writer_lock
from ..paths import raw_dir
from ..sources.kpi import check_target_clash, known_indicators, shipped_kpi


@dataclass(frozen=True)
class Change:
    """One value an import or removal changes: ``old`` None = added, ``new`` None =
    removed."""

    indicator_id: str
    kind: str
    period: int
    target_label: str | None
    unit: str
    old: float | None
    new: float | None

    def __str__(self) -> str:
        what = self.kind if self.target_label is None else f"{self.kind} ({self.target_label})"
        old = "—" if self.old is None else f"{self.old:,.10g}"
        new = "—" if self.new is None else f"{self.new:,.10g}"
        return f"{self.indicator_id} FY{self.period} {what}: {old} → {new} {self.unit}"


@dataclass(frozen=True)
class ImportResult:
    """What ``kpi import`` did: the stored ``name`` and ``file``, the number of ``rows``
    (values and targets), unit conversions, and the changed values (``changes``: old →
    new; ``added``: values new to the table). ``duplicate_of`` names an earlier import
    with the same bytes (then nothing was written). ``shipped_differs``: actual values
    that differ from a shipped observation of the same indicator and fiscal year (both
    rows are kept, each with its source)."""

    name: str
    file: Path
    rows: int
    conversions: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    duplicate_of: str | None = None
    shipped_differs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportRecord:
    """One line of ``kpi list``."""

    name: str
    file: str
    imported: str  # date and time of the import (catalogue entry)
    indicators: tuple[str, ...]
    years: str  # fiscal years of the actual values
    values: int
    targets: int
    superseded: int  # rows a newer import replaced


@dataclass(frozen=True)
class RemoveResult:
    name: str
    rows: int
    changes: list[Change]


class _Rollback:
    """Undo steps for data/raw: the catalogue's bytes and one step per file change."""

    def __init__(self, root: Path | None) -> None:
        self.catalog = catalog.catalog_path(root)
        self.saved = self.catalog.read_bytes()
        self.steps: list[Callable[[], None]] = []

    def restore(self) -> None:
        for step in reversed(self.steps):
            step()
        if self.catalog.read_bytes() != self.saved:
            write_text_atomic(self.catalog, self.saved.decode("utf-8"))


def _guarded(action: str, root: Path | None, work: Callable[[_Rollback], None]) -> None:
    """Run ``work``; on any failure restore data/raw and the catalogue, then raise a
    :class:`KawasakiEconError` saying so."""
    undo = _Rollback(root)
    try:
        work(undo)
    except BaseException as exc:
        try:
            undo.restore()
        except OSError as again:
            raise KawasakiEconError(f"{action} failed ({exc}) and restoring data/raw failed "
                                    f"too ({again}): check data/raw/kpi and catalog.toml "
                                    "with `kawasaki-econ data verify`") from exc
        if isinstance(exc, KawasakiEconError):
            raise KawasakiEconError(f"{action} refused: {exc}\n(data/raw and catalog.toml "
                                    "are unchanged)") from exc
        if isinstance(exc, OSError):
            raise KawasakiEconError(f"{action} refused: {exc.strerror or exc} "
                                    f"({exc.filename or ''}); data/raw and catalog.toml are "
                                    "unchanged") from exc
        raise


_STAGED = re.compile(r"^\.(?P<name>.+\.xlsx)\.\d+\.(?P<kind>tmp|removing)$")


def recover(root: Path | None = None) -> list[str]:
    """Finish what a killed ``kpi import`` / ``kpi remove`` left in data/raw/kpi (call under
    the writer lock): a workbook copied but never catalogued is deleted
    (:func:`kawasaki_econ.additions.recover_addition`); a staged copy
    (``.NAME.xlsx.PID.tmp``) is deleted; a file hidden for removal (``.NAME.xlsx.PID.removing``) is put back if the catalogue still lists it (the
    removal did not happen) and deleted if not. Returns what was done."""
    done = additions.recover_addition(root)
    folder = raw_dir(root) / WORKBOOK_DIR
    if not folder.is_dir():
        return done
    entries = catalog.read_catalog(root)
    for path in sorted(folder.iterdir()):
        match = _STAGED.match(path.name)
        if not match:
            continue
        target = folder / match.group("name")
        if (match.group("kind") == "removing" and f"{WORKBOOK_DIR}/{target.name}" in entries
                and not target.exists()):
            os.replace(path, target)
            done.append(f"restored {target.name} (an interrupted removal)")
        else:
            path.unlink()
            done.append(f"deleted {path.name} (left by an interrupted command)")
    return done


def _changes(before: pd.DataFrame, after: pd.DataFrame) -> list[Change]:
    """Values that differ between two effective row sets (by :data:`~.merge.KEY`)."""
    def index(df: pd.DataFrame) -> dict[tuple, pd.Series]:
        return {tuple("" if pd.isna(v) else v for v in r[KEY]): r for _, r in df.iterrows()}

    old, new = index(before), index(after)
    out = []
    for key in sorted(set(old) | set(new), key=str):
        a, b = old.get(key), new.get(key)
        if a is not None and b is not None and float(a["value"]) == float(b["value"]):
            continue
        r = b if b is not None else a
        label = r["target_label"]
        out.append(Change(str(r["indicator_id"]), str(r["kind"]), int(r["period"]),
                          None if pd.isna(label) else str(label), str(r["unit"]),
                          None if a is None else float(a["value"]),
                          None if b is None else float(b["value"])))
    return out


def import_workbook(path: Path, root: Path | None = None) -> ImportResult:
    """Validate ``path``, store it as the newest import, register it, rebuild ``kpi``."""
    path = Path(path)
    if not path.is_file():
        raise IngestError("file not found", file=str(path))
    with writer_lock("kpi import", root=root):
        return _import_locked(path, root)


def _import_locked(path: Path, root: Path | None) -> ImportResult:
    raw = raw_dir(root)
    recover(root)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    entries = catalog.read_catalog(root)
    existing = stored_imports(raw)
    for item in existing:
        entry = entries.get(item.file)
        if entry is not None and entry.sha256 == digest:
            return ImportResult(item.name, item.path, 0, duplicate_of=item.name)
    seq = max((i.seq for i in existing), default=0) + 1
    name = f"{seq:04d}_{rules.safe_stem(path.stem)}"
    file = f"{WORKBOOK_DIR}/{name}.xlsx"
    known = known_indicators(raw)
    contents = read_stored(raw, known, existing)
    content = read_workbook(path, definitions(known, contents), name=file, shown=str(path))
    shipped = shipped_kpi(raw)
    check_target_clash(shipped, content.rows.assign(
        source=content.rows["source"].str.replace(file, str(path), regex=False)))
    differs = _shipped_differs(shipped, content.rows)
    before = combine(contents).rows
    after = combine(contents + [content]).rows
    changes = _changes(before, after)
    dest = raw / file

    def work(undo: _Rollback) -> None:
        folder = dest.parent
        if not folder.exists():
            folder.mkdir(parents=True)
            undo.steps.append(lambda: folder.rmdir() if not any(folder.iterdir()) else None)
        staged = folder / f".{dest.name}.{os.getpid()}.tmp"
        undo.steps.append(lambda: staged.unlink(missing_ok=True))
        shutil.copyfile(path, staged)
        os.replace(staged, dest)
        undo.steps.append(lambda: dest.unlink(missing_ok=True))
        checkpoint.reached("kpi import: copied")
        catalog.register(dest, _catalogue_meta(path, seq, content.rows), root)
        build(["kpi"], root=root, quiet=True)

    with additions.adding(file, root):
        _guarded(f"kpi import {path.name}", root, work)
    return ImportResult(name, dest, len(content.rows), content.conversions,
                        [c for c in changes if c.old is not None],
                        [c for c in changes if c.old is None], shipped_differs=differs)


def _shipped_differs(shipped: pd.DataFrame, rows: pd.DataFrame) -> list[str]:
    """Imported actuals that differ from a shipped observation of the same indicator and
    fiscal year."""
    key = ["indicator_id", "period_type", "period"]
    ship = shipped[shipped["kind"] == "actual"][key + ["value", "source"]]
    both = rows[rows["kind"] == "actual"].merge(ship, on=key, suffixes=("", "_shipped"))
    return [f"{r.indicator_id} FY{r.period}: {r.value:,.10g} here, {r.value_shipped:,.10g} in "
            f"{r.source_shipped} (both kept)"
            for r in both.itertuples(index=False) if r.value != r.value_shipped]


def _years(rows: pd.DataFrame) -> str:
    if not len(rows):
        return "—"
    lo, hi = int(rows["period"].min()), int(rows["period"].max())
    return f"FY{lo}" if lo == hi else f"FY{lo}–FY{hi}"


def _catalogue_meta(source: Path, seq: int, rows: pd.DataFrame) -> dict[str, str]:
    now = dt.datetime.now().astimezone()
    actual = rows[rows["kind"] == "actual"]
    return {
        "publisher": "analyst-supplied (kawasaki-econ kpi import)",
        "origin": f"imported from {source.name}",
        "retrieved": now.strftime("%Y-%m-%d"),
        "release": f"import {seq:04d}",
        "imported": now.isoformat(timespec="seconds"),
        "encoding": "xlsx",
        "format": "kawasaki_econ KPI workbook (sheets 'indicators', 'targets')",
        "license": "as supplied by the analyst",
        "covers": (f"{', '.join(sorted(set(rows['indicator_id'])))}; {len(actual)} values "
                   f"{_years(actual)}, {len(rows) - len(actual)} targets"),
        "caveats": "analyst-supplied values; check their source before publishing",
    }


def list_imports(root: Path | None = None) -> list[ImportRecord]:
    """The imports, oldest first, with what each holds and how many of its values a newer
    import replaced."""
    raw = raw_dir(root)
    existing = stored_imports(raw)
    contents = read_stored(raw, known_indicators(raw), existing)
    superseded = combine(contents).superseded
    entries = catalog.read_catalog(root)
    out = []
    for item, content in zip(existing, contents, strict=True):
        entry = entries.get(item.file)
        rows = content.rows
        actual = rows[rows["kind"] == "actual"]
        out.append(ImportRecord(
            item.name, item.file,
            entry.get("imported", "?") if entry else "not catalogued",
            tuple(sorted(set(rows["indicator_id"]))), _years(actual), len(actual),
            len(rows) - len(actual),
            int(superseded["source"].str.startswith(f"{item.file}#").sum())
            if len(superseded) else 0))
    return out


def _find(name: str, existing: list[StoredImport]) -> StoredImport:
    wanted = Path(name).name.removesuffix(".xlsx")
    for item in existing:
        if wanted == item.name:
            return item
    names = ", ".join(i.name for i in existing) or "none"
    raise KawasakiEconError(f"no import named {name!r} (imports: {names}; see "
                            "`kawasaki-econ kpi list`)")


def remove_import(name: str, root: Path | None = None) -> RemoveResult:
    """Delete one import (file and catalogue entry) and rebuild ``kpi``; refused (nothing
    changed) if a later import depends on an indicator it defines, or the rebuild fails."""
    with writer_lock("kpi remove", root=root):
        raw = raw_dir(root)
        recover(root)
        existing = stored_imports(raw)
        item = _find(name, existing)
        rest = [i for i in existing if i is not item]
        shipped = known_indicators(raw)
        contents = read_stored(raw, shipped, existing)
        try:
            remaining = read_stored(raw, shipped, rest)
        except IngestError as exc:
            raise KawasakiEconError(f"kpi remove {item.name} refused: the other imports do "
                                    f"not stand without it:\n{exc}") from exc
        changes = _changes(combine(contents).rows, combine(remaining).rows)
        rows = len(contents[existing.index(item)].rows)

        def work(undo: _Rollback) -> None:
            hidden = item.path.with_name(f".{item.path.name}.{os.getpid()}.removing")
            os.replace(item.path, hidden)
            undo.steps.append(lambda: os.replace(hidden, item.path))
            catalog.unregister(item.file, root)
            build(["kpi"], root=root, quiet=True)
            hidden.unlink()

        _guarded(f"kpi remove {item.name}", root, work)
        return RemoveResult(item.name, rows, changes)
