"""The build engine: raw files → processed tables (Parquet + CSV), incremental, atomic.

Every table in :data:`kawasaki_econ.schema.SPECS` is built by its reader from the files
registered in ``data/raw/catalog.toml``, validated, and written as ``<name>.parquet``
plus a UTF-8 (BOM) CSV copy for Excel. Each build writes a complete new *generation*
folder ``data/processed/generation-<id>/`` (tables it did not rebuild are hard-linked
from the current one) with its ``_manifest.json``, then switches the pointer
``data/processed/current`` with one rename (:mod:`kawasaki_econ.atomic`): readers see
the whole old set or the whole new one, never a mix, even when a build is killed.

The manifest records the generation id, and per table the checksums of the raw files
read, a hash of the ingest code, and the sha256 of each file written; a build with
nothing changed does nothing.

This module does not import pandas at import time (keeps the CLI fast).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import additions, atomic, catalog, checkpoint, codehash
from .errors import KawasakiEconError
from .lock import writer_lock
from .paths import processed_dir, raw_dir
from .schema import SPECS, TableSpec, input_patterns, validate

if TYPE_CHECKING:
    import pandas as pd

MANIFEST = "_manifest.json"
#: Parquet schema metadata key holding the id of the generation that wrote the file.
GENERATION_KEY = b"kawasaki_econ.generation"


def code_hash() -> str:
    """Hash of the ingest code (every package module a builder or the build can import,
    see :mod:`kawasaki_econ.codehash`): a change to it makes every table stale."""
    roots = [__name__] + sorted({spec.builder.split(":")[0] for spec in SPECS.values()})
    return codehash.code_hash(roots)


def resolve_inputs(spec: TableSpec, root: Path | None = None) -> list[str]:
    """Catalogue paths matching the spec's input patterns (sorted)."""
    entries = catalog.read_catalog(root)
    return sorted(p for p in entries if any(catalog.matches(p, pat) for pat in spec.inputs))


def current_generation(root: Path | None = None) -> Path | None:
    """The folder of the processed tables in use (``data/processed/current`` resolved
    once): read every file of one consistent set from it."""
    return atomic.current_generation(processed_dir(root))


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}


def read_manifest(root: Path | None = None) -> dict:
    """The current generation's manifest: ``{"generation": id, "tables": {name: record}}``
    (empty when nothing is built)."""
    folder = current_generation(root)
    return {} if folder is None else _read_json(folder / MANIFEST)


def _fingerprint(spec: TableSpec, root: Path | None, code: str) -> dict:
    entries = catalog.read_catalog(root)
    return {
        "code": code,
        "inputs": {p: entries[p].sha256 for p in resolve_inputs(spec, root)},
    }


def stale_tables(names: list[str] | None = None, root: Path | None = None) -> list[str]:
    """Tables whose files are missing or whose inputs / ingest code changed (judged from
    the catalogue: :func:`build` first checks the raw files against it)."""
    folder = current_generation(root)
    records = read_manifest(root).get("tables", {})
    code = code_hash()
    out = []
    for name in names or list(SPECS):
        record = records.get(name)
        if (
            record is None
            or folder is None
            or not (folder / f"{name}.parquet").exists()
            or {k: record.get(k) for k in ("code", "inputs")}
            != _fingerprint(SPECS[name], root, code)
        ):
            out.append(name)
    return out


def _call_builder(spec: TableSpec, inputs: catalog.Inputs) -> pd.DataFrame:
    """Run the builder with the verified :class:`~kawasaki_econ.catalog.Inputs` (it must
    read only those files)."""
    module_name, func_name = spec.builder.split(":")
    func = getattr(importlib.import_module(module_name), func_name)
    return func(inputs.raw, inputs)


def _progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def build(
    names: list[str] | None = None,
    *,
    root: Path | None = None,
    force: bool = False,
    quiet: bool = False,
) -> dict[str, int]:
    """Build stale (or, with ``force``, all) tables; return ``{name: rows}`` of those built.

    Every build, a no-op one included, first checks every catalogued raw file against its
    checksum and refuses uncatalogued files under a reader's pattern
    (:func:`kawasaki_econ.catalog.gate`); ``force`` rehashes every file instead of
    trusting the stat cache. Work is done under the writer lock. All requested tables are
    built and validated in memory first; the readers get only the verified files, and
    the files are checked again after reading, so the manifest records the checksums of
    the bytes actually read. Only then is a new generation written and switched in
    (see the module docstring); a refused or failed build leaves ``data/processed/``
    as it was.
    """
    names = list(names or SPECS)
    unknown = [n for n in names if n not in SPECS]
    if unknown:
        raise KawasakiEconError(f"unknown table(s) {unknown}; known: {list(SPECS)}")
    if not force and not additions.adding_path(root).exists():
        # the common no-op case: verify, and return without taking the lock
        catalog.gate(input_patterns(), _stat_cache(root), root)
        if (not stale_tables(names, root) and not atomic.stale(processed_dir(root))
                and not _unlinked(root)):
            return {}
    with writer_lock("build", root=root):
        return _build_locked(names, root=root, force=force, quiet=quiet)


def _stat_cache(root: Path | None) -> catalog.StatCache:
    return catalog.StatCache.load(raw_dir(root).parent / catalog.STAT_CACHE_NAME)


def _build_locked(names: list[str], *, root: Path | None, force: bool,
                  quiet: bool) -> dict[str, int]:
    out_dir = processed_dir(root)
    for line in additions.recover_addition(root):
        _progress(line, quiet)
    removed = atomic.remove_stale(out_dir)
    if removed:
        _progress(f"removed {len(removed)} file(s) or folder(s) of an interrupted or earlier "
                  f"build: {', '.join(removed)}", quiet)
    cache = _stat_cache(root)
    checked = catalog.gate(input_patterns(), cache, root, fresh=force)
    todo = names if force else stale_tables(names, root)
    if not todo:
        atomic.link_stable(out_dir, _unlinked(root))  # a build killed before it linked
        return {}
    from .sources.common import forget_parsed_files

    code = code_hash()
    built: dict[str, pd.DataFrame] = {}
    read: dict[str, str] = {}
    try:
        for name in todo:
            spec = SPECS[name]
            paths = tuple(resolve_inputs(spec, root))
            read.update({p: checked[p] for p in paths})
            start = time.perf_counter()
            inputs = catalog.Inputs(raw_dir(root), paths, verified=True)
            df = validate(_call_builder(spec, inputs), spec)
            built[name] = df
            _progress(f"built {name}: {len(df):,} rows in {time.perf_counter() - start:.2f} s",
                      quiet)
    finally:
        forget_parsed_files()  # the readers' memoised parses (see read_csv_rows)
    catalog.recheck(read, cache, root, fresh=force)
    records = {name: {"code": code,
                      "inputs": {p: read[p] for p in resolve_inputs(SPECS[name], root)},
                      "rows": len(df), "built": time.strftime("%Y-%m-%dT%H:%M:%S")}
               for name, df in built.items()}
    _write_generation(out_dir, built, records)
    return {n: len(df) for n, df in built.items()}


def _write_generation(out_dir: Path, built: dict[str, pd.DataFrame],
                      records: dict[str, dict]) -> None:
    """Write a new generation (the ``built`` tables, the others linked from the current
    one), switch the pointer to it, and remove the old one."""
    previous = atomic.current_generation(out_dir)
    old = {} if previous is None else _read_json(previous / MANIFEST).get("tables", {})
    folder = atomic.new_generation(out_dir)
    generation = atomic.generation_id(folder)
    try:
        tables: dict[str, dict] = {}
        for name, df in built.items():
            files = _write_table(df, folder, name, generation)
            tables[name] = {**records[name], "generation": generation, "files": files}
            checkpoint.reached(f"build: wrote {name}")
        for name, record in old.items():
            if name in built or name not in SPECS or previous is None:
                continue
            for file in record.get("files", {}):
                _link(previous / file, folder / file)
            tables[name] = record
        manifest = {"generation": generation, "tables": dict(sorted(tables.items()))}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False),
                                       encoding="utf-8")
        checkpoint.reached("build: before the switch")
        atomic.switch(out_dir, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    checkpoint.reached("build: switched")
    atomic.link_stable(out_dir, _files(manifest))
    atomic.remove_stale(out_dir)


def _files(manifest: dict) -> list[str]:
    """The files of a generation: its manifest and every table file it lists."""
    return [MANIFEST] + [f for r in manifest.get("tables", {}).values() for f in r["files"]]


def _unlinked(root: Path | None) -> list[str]:
    """Files of the current generation whose fixed link ``data/processed/<file>`` is not
    in place yet (a build killed between the switch and the links)."""
    manifest = read_manifest(root)
    if not manifest:
        return []
    out_dir = processed_dir(root)
    return [f for f in _files(manifest)
            if not ((out_dir / f).is_symlink()
                    and os.readlink(out_dir / f) == f"{atomic.POINTER}/{f}")]


def _link(src: Path, dst: Path) -> None:
    """Hard-link an unchanged table file into the new generation (copy if links fail)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _write_table(df: pd.DataFrame, folder: Path, name: str, generation: str
                 ) -> dict[str, str]:
    """Write ``<name>.parquet`` (its metadata naming the generation) and the UTF-8 (BOM)
    CSV copy into ``folder``; return ``{file name: sha256}``."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[GENERATION_KEY] = generation.encode()
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    pq.write_table(table.replace_schema_metadata(meta), parquet)
    with csv.open("wb") as fh:
        fh.write("\ufeff".encode())  # BOM: Excel opens UTF-8 CSV with Japanese text
        pacsv.write_csv(table, fh)
    return {p.name: _sha256(p) for p in (parquet, csv)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load(name: str, *, root: Path | None = None) -> pd.DataFrame:
    """Return processed table ``name``, building it first if it is missing or stale."""
    import pandas as pd

    if name not in SPECS:
        raise KawasakiEconError(f"unknown table {name!r}; known: {', '.join(SPECS)}")
    if stale_tables([name], root):
        build([name], root=root, quiet=True)
    for attempt in range(3):
        folder = current_generation(root)
        if folder is None:
            raise KawasakiEconError(f"table {name!r} is not built: run `kawasaki-econ build`")
        try:
            return pd.read_parquet(folder / f"{name}.parquet")
        except FileNotFoundError:  # a newer build removed this generation meanwhile
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def describe(root: Path | None = None) -> list[dict]:
    """One record per table: name, rows (if built), stale?, sources."""
    records = read_manifest(root).get("tables", {})
    stale = set(stale_tables(None, root))
    return [
        {
            "table": name,
            "rows": records.get(name, {}).get("rows"),
            "fresh": name not in stale,
            "sources": resolve_inputs(spec, root),
            "description": spec.description,
        }
        for name, spec in SPECS.items()
    ]
