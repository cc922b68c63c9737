"""The raw-file catalogue ``data/raw/catalog.toml`` and checksum verification.

One ``[[file]]`` entry per raw file: ``path`` (relative to ``data/raw``), ``sha256``,
``publisher``, ``origin``, ``retrieved``, ``release``, ``encoding``, ``format``,
``license``, ``covers``, ``caveats``. Raw files are immutable: a file whose checksum
differs from its entry is refused until it is registered as a new release.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .atomic import write_text_atomic
from .errors import CatalogError
from .lock import writer_lock
from .paths import raw_dir

CATALOG_NAME = "catalog.toml"
STAT_CACHE_NAME = ".kawasaki-econ.rawstat.json"  # in data/, next to raw/ and processed/
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


# --------------------------------------------------------------------------- the gate


@dataclass(frozen=True)
class Inputs:
    """The raw files a table builder may read: ``paths`` relative to ``raw``.

    :func:`gate` gives the build a verified set (every file catalogued and matching its
    checksum); :meth:`scan` lists the files on disk without checking them (for readers
    called directly, e.g. from tests and notebooks on a scratch copy).
    """

    raw: Path
    paths: tuple[str, ...]
    verified: bool = False

    @classmethod
    def scan(cls, raw: Path, patterns: tuple[str, ...]) -> Inputs:
        """Files on disk under ``raw`` matching any of ``patterns`` (not verified)."""
        raw = Path(raw)
        found = {p.relative_to(raw).as_posix() for pat in patterns for p in raw.glob(pat)
                 if p.is_file()}
        return cls(raw, tuple(sorted(found)))

    def match(self, pattern: str) -> list[Path]:
        """Sorted files matching one pattern (``*`` does not cross ``/``)."""
        return [self.raw / p for p in self.paths if matches(p, pattern)]

    def one(self, rel: str) -> Path:
        """The file ``rel`` (relative to data/raw); a verified set must include it."""
        if self.verified and rel not in self.paths:
            raise CatalogError(f"{rel}: not among the verified inputs of this build (is it "
                               "catalogued, and listed in the table's inputs in tables.py?)")
        return self.raw / rel


def matches(rel: str, pattern: str) -> bool:
    """Does the data/raw path ``rel`` match the reader pattern (``*`` within one folder)?"""
    return PurePosixPath(rel).match(pattern) and rel.count("/") == pattern.count("/")


@dataclass
class StatCache:
    """Size and mtime of each raw file when it last hashed to its catalogue checksum,
    kept in ``data/.kawasaki-econ.rawstat.json``: a file whose stat is unchanged is not
    rehashed (a no-op build stays fast); any change in size or mtime means a rehash."""

    path: Path
    records: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: Path) -> StatCache:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = {k: (int(v[0]), int(v[1]), str(v[2])) for k, v in data.items()}
        except (OSError, ValueError, TypeError, IndexError, AttributeError):
            records = {}
        return cls(path, records)

    def sha256(self, rel: str, file: Path) -> str:
        """Checksum of ``file``: from the cache if size and mtime are unchanged."""
        stat = file.stat()
        cached = self.records.get(rel)
        if cached is not None and cached[:2] == (stat.st_size, stat.st_mtime_ns):
            return cached[2]
        digest = sha256_file(file)
        self.records[rel] = (stat.st_size, stat.st_mtime_ns, digest)
        self.changed = True
        return digest

    def save(self) -> None:
        """Write the cache atomically (best effort: a read-only directory skips it)."""
        if not self.changed or not self.path.parent.is_dir():
            return
        try:
            write_text_atomic(self.path, json.dumps(self.records, indent=0))
        except OSError:
            pass  # a cache: a read-only data/processed only costs a rehash next time
        self.changed = False


def _is_glob(pattern: str) -> bool:
    return any(ch in pattern for ch in "*?[")


def gate(patterns: dict[str, bool], cache: StatCache, root: Path | None = None
         ) -> dict[str, str]:
    """Check the raw data before a build; return ``{path: sha256}`` of every catalogued file.

    ``patterns`` maps each reader input pattern to whether it may match no file. Every
    catalogued file must exist and match its checksum (size + mtime from ``cache``,
    rehashed when either changed); every file on disk under a pattern must be
    catalogued; the catalogue must not be empty, and each pattern that is not optional
    must match a catalogued file. Raises :class:`CatalogError` listing every problem.
    """
    base = raw_dir(root)
    entries = read_catalog(root)
    if not entries:
        raise CatalogError(f"{catalog_path(root)}: the catalogue lists no file; nothing can be "
                           f"verified, so nothing is built.\n{REGISTER_HINT}")
    problems: list[Problem] = []
    checked: dict[str, str] = {}
    for rel, entry in entries.items():
        file = base / rel
        if not file.is_file():
            problems.append(Problem(rel, "missing", "listed in catalog.toml but not on disk"))
            continue
        actual = cache.sha256(rel, file)
        if actual != entry.sha256:
            problems.append(Problem(rel, "changed", f"sha256 {actual[:12]}… != catalogue "
                                    f"{entry.sha256[:12]}… (file edited after it was registered)"))
        checked[rel] = actual
    for pattern, optional in patterns.items():
        on_disk = sorted(p.relative_to(base).as_posix() for p in base.glob(pattern)
                         if p.is_file())
        for rel in on_disk:
            if rel not in entries:
                problems.append(Problem(rel, "unregistered", f"matches the reader pattern "
                                        f"{pattern!r} but is not in catalog.toml; register it "
                                        f"with `kawasaki-econ data register data/raw/{rel} "
                                        "--publisher ... --origin ...` or move it out of data/raw"))
        if not optional and not any(matches(p, pattern) for p in entries):
            kind = "missing" if not _is_glob(pattern) else "no entry"
            problems.append(Problem(pattern, kind, "no catalogued file for this reader input "
                                    "(incomplete catalogue?)"))
    cache.save()
    if problems:
        lines = "\n  ".join(str(p) for p in problems)
        raise CatalogError(f"raw data does not match the catalogue:\n  {lines}\n{REGISTER_HINT}")
    return checked


def recheck(expected: dict[str, str], cache: StatCache, root: Path | None = None) -> None:
    """After the readers ran: every file must still hold the bytes checked before
    (a file replaced while the build read it is refused, not recorded)."""
    base = raw_dir(root)
    changed = []
    for rel, sha in expected.items():
        file = base / rel
        if not file.is_file() or cache.sha256(rel, file) != sha:
            changed.append(rel)
    cache.save()
    if changed:
        raise CatalogError(f"raw file(s) changed while the build was reading them: "
                           f"{', '.join(changed)}; nothing was written. Run the build again.")


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
    write_text_atomic(catalog_path(root), text)
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
        write_text_atomic(catalog_path(root), text)
        return entry
