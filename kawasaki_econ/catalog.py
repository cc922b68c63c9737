"""The raw-file catalogue ``data/raw/catalog.toml`` and checksum verification.

One ``[[file]]`` entry per raw file: ``path`` (relative to ``data/raw``), ``sha256``,
``publisher``, ``origin``, ``retrieved``, ``release``, ``encoding``, ``format``,
``license``, ``covers``, ``caveats``. Raw files are immutable: a file whose checksum
differs from its entry is refused until it is registered as a new release.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CatalogError
from .lock import writer_lock
from .paths import raw_dir

CATALOG_NAME = "catalog.toml"
FIELDS = (
    "path",
    "sha256",
    "publisher",
    "origin",
    "retrieved",
    "release",
    "encoding",
    "format",
    "license",
    "covers",
    "caveats",
)
# Files in data/raw that are not data (never registered).
_IGNORED = {CATALOG_NAME, "README.md", ".gitkeep"}

_hash_cache: dict[tuple[str, int, int], str] = {}


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, cached per (path, mtime, size) within the process."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _hash_cache:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        _hash_cache[key] = digest.hexdigest()
    return _hash_cache[key]


@dataclass(frozen=True)
class Entry:
    path: str
    sha256: str
    meta: dict[str, str] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        return self.meta.get(name, default)


def catalog_path(root: Path | None = None) -> Path:
    return raw_dir(root) / CATALOG_NAME


def read_catalog(root: Path | None = None) -> dict[str, Entry]:
    """Entries keyed by their path relative to ``data/raw``."""
    path = catalog_path(root)
    if not path.exists():
        raise CatalogError(f"{path}: catalogue not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path}: not valid TOML: {exc}") from exc
    entries: dict[str, Entry] = {}
    for i, item in enumerate(data.get("file", []), start=1):
        if "path" not in item or "sha256" not in item:
            raise CatalogError(f"{path}: entry {i} lacks 'path' or 'sha256'")
        meta = {k: str(v) for k, v in item.items() if k not in ("path", "sha256")}
        entries[item["path"]] = Entry(item["path"], item["sha256"], meta)
    return entries


@dataclass(frozen=True)
class Problem:
    path: str
    kind: str  # "missing" | "changed" | "unregistered"
    detail: str

    def __str__(self) -> str:
        return f"{self.kind:12s} {self.path}: {self.detail}"


def verify(root: Path | None = None, paths: list[str] | None = None) -> list[Problem]:
    """Recompute checksums; report missing, changed and unregistered raw files.

    With ``paths``, only those catalogue paths are checked (unregistered files are then
    reported only if named).
    """
    base = raw_dir(root)
    entries = read_catalog(root)
    problems: list[Problem] = []
    wanted = paths if paths is not None else list(entries)
    for rel in wanted:
        entry = entries.get(rel)
        file = base / rel
        if entry is None:
            problems.append(Problem(rel, "unregistered", "not in catalog.toml"))
        elif not file.exists():
            problems.append(Problem(rel, "missing", "listed in catalog.toml but not on disk"))
        else:
            actual = sha256_file(file)
            if actual != entry.sha256:
                problems.append(
                    Problem(rel, "changed", f"sha256 {actual[:12]}… != catalogue {entry.sha256[:12]}…")
                )
    if paths is None:
        for file in sorted(base.rglob("*")):
            rel = file.relative_to(base).as_posix()
            if file.is_file() and file.name not in _IGNORED and rel not in entries:
                problems.append(Problem(rel, "unregistered", "on disk but not in catalog.toml"))
    return problems


REGISTER_HINT = (
    "Raw files are immutable. If this is a new release of the source, save it under a new "
    "name in data/raw/ and register it with `kawasaki-econ data register data/raw/<file> "
    "--publisher ... --origin ...`; to restore the catalogued file, copy it back from its "
    "origin (see catalog.toml)."
)


def require_valid(paths: list[str], root: Path | None = None) -> None:
    """Raise :class:`CatalogError` if any of ``paths`` is missing or changed."""
    problems = verify(root, paths)
    if problems:
        lines = "\n  ".join(str(p) for p in problems)
        raise CatalogError(f"raw data does not match the catalogue:\n  {lines}\n{REGISTER_HINT}")


def _toml_value(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def format_entry(path: str, sha256: str, meta: dict[str, str]) -> str:
    lines = ["[[file]]", f"path = {_toml_value(path)}", f"sha256 = {_toml_value(sha256)}"]
    for key in FIELDS[2:]:
        if meta.get(key):
            lines.append(f"{key} = {_toml_value(meta[key])}")
    for key, value in meta.items():
        if key not in FIELDS and value:
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def register(file: Path, meta: dict[str, str], root: Path | None = None) -> Entry:
    """Add (or replace) the catalogue entry of ``file`` (which must lie under data/raw).

    The catalogue is rewritten atomically (temporary file, then rename).
    """
    with writer_lock("data register", root=root):
        return _register_locked(file, meta, root)


def _register_locked(file: Path, meta: dict[str, str], root: Path | None) -> Entry:
    base = raw_dir(root)
    file = Path(file).resolve()
    try:
        rel = file.relative_to(base.resolve()).as_posix()
    except ValueError as exc:
        raise CatalogError(f"{file}: raw files must lie under {base}") from exc
    if not file.is_file():
        raise CatalogError(f"{file}: no such file")
    entries = read_catalog(root)
    entries[rel] = Entry(rel, sha256_file(file), {k: v for k, v in meta.items() if v})
    text = "# Raw-file catalogue: one entry per file under data/raw (see kawasaki_econ/catalog.py)\n"
    text += "\n".join(format_entry(e.path, e.sha256, e.meta) for e in entries.values())
    target = catalog_path(root)
    tmp = target.with_suffix(".toml.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return entries[rel]


def unregister(rel: str, root: Path | None = None) -> Entry:
    """Remove the catalogue entry ``rel`` (path relative to data/raw) and return it; the
    file itself is the caller's to remove (``kawasaki-econ kpi remove`` does both). The
    catalogue is rewritten atomically, in the format :func:`register` writes."""
    with writer_lock("data unregister", root=root):
        entries = read_catalog(root)
        if rel not in entries:
            raise CatalogError(f"{rel}: not in {catalog_path(root)}")
        entry = entries.pop(rel)
        text = ("# Raw-file catalogue: one entry per file under data/raw (see "
                "kawasaki_econ/catalog.py)\n")
        text += "\n".join(format_entry(e.path, e.sha256, e.meta) for e in entries.values())
        target = catalog_path(root)
        tmp = target.with_suffix(".toml.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
        return entry
