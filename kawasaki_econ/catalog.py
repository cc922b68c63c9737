"""The raw-file catalogue ``data/raw/catalog.toml`` and checksum verification.

One ``[[file]]`` entry per raw file: ``path`` (relative to ``data/raw``), ``sha256``,
``publisher``, ``origin``, ``retrieved``, ``release``, ``encoding``, ``format``,
``license``, ``covers``, ``caveats``. Raw files are immutable: a file whose checksum
differs from its entry is refused until it is registered as a new release.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

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

_hash_cache: dict[tuple[str, int, int, int, int], str] = {}


def sha256_file(path: Path, *, fresh: bool = False) -> str:
    """SHA-256 of a file, cached within the process per (path, size, mtime, inode, ctime);
    ``fresh`` always reads the file."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
    if fresh or key not in _hash_cache:
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
    """Entries keyed by their path relative to ``data/raw`` (parsed once per version of
    the file: cached by path, size, mtime, inode and ctime)."""
    path = catalog_path(root)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise CatalogError(f"{path}: catalogue not found") from None
    return dict(_parse_catalog(str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino,
                               stat.st_ctime_ns))


_ENTRY_RE = re.compile(r"^[ \t]*\[\[[ \t]*file[ \t]*\]\]", re.MULTILINE)


@functools.lru_cache(maxsize=8)
def _parse_catalog(name: str, size: int, mtime_ns: int, inode: int, ctime_ns: int
                   ) -> dict[str, Entry]:
    path = Path(name)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: not valid UTF-8 TOML: {exc}") from exc
    items = data.get("file", [])
    starts = [text.count("\n", 0, m.start()) + 1 for m in _ENTRY_RE.finditer(text)]
    lines = starts if len(starts) == len(items) else [None] * len(items)
    entries: dict[str, Entry] = {}
    first: dict[str, str] = {}
    for i, (item, line) in enumerate(zip(items, lines, strict=True), start=1):
        where = f"line {line}" if line else f"entry {i}"
        if "path" not in item or "sha256" not in item:
            raise CatalogError(f"{path}: the entry at {where} lacks 'path' or 'sha256'")
        rel = item["path"]
        if rel in entries:
            raise CatalogError(
                f"{path}: {rel} is listed twice ({first[rel]} and {where}): the catalogue is "
                "ambiguous; keep the entry whose sha256 matches the file and delete the other")
        meta = {k: str(v) for k, v in item.items() if k not in ("path", "sha256")}
        entries[rel] = Entry(rel, item["sha256"], meta)
        first[rel] = where
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
                               "catalogued, and listed in the table's inputs in schema.py?)")
        return self.raw / rel


def matches(rel: str, pattern: str) -> bool:
    """Does the data/raw path ``rel`` match the reader pattern (``*`` within one folder)?"""
    return _pattern_re(pattern).fullmatch(rel) is not None


@functools.lru_cache(maxsize=256)
def _pattern_re(pattern: str) -> re.Pattern[str]:
    """A glob pattern as a regex: ``*`` and ``?`` never cross ``/``; ``[...]`` as is."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            out.append("[" + pattern[i + 1:end].replace("!", "^", 1) + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out))


@dataclass
class StatCache:
    """Size, mtime, inode and ctime of each raw file when it last hashed to its catalogue
    checksum, kept in ``data/.kawasaki-econ.rawstat.json``: a file whose four values are
    all unchanged is not rehashed (a no-op build stays fast); any change means a rehash.
    The ctime cannot be set back by a program (``os.utime`` sets it to now), so an edit
    of the same size with its mtime put back is still noticed."""

    path: Path
    records: dict[str, tuple[int, int, int, int, str]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: Path) -> StatCache:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = {k: (int(v[0]), int(v[1]), int(v[2]), int(v[3]), str(v[4]))
                       for k, v in data.items()}
        except (OSError, ValueError, TypeError, IndexError, KeyError, AttributeError):
            records = {}  # missing, damaged or of an older format: everything is rehashed
        return cls(path, records)

    def sha256(self, rel: str, file: Path, *, fresh: bool = False) -> str:
        """Checksum of ``file``: from the cache if size, mtime, inode and ctime are all
        unchanged, unless ``fresh`` (a forced build hashes every file it reads)."""
        stat = file.stat()
        key = (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
        cached = self.records.get(rel)
        if not fresh and cached is not None and cached[:4] == key:
            return cached[4]
        digest = sha256_file(file, fresh=True)
        after = file.stat()
        if (after.st_size, after.st_mtime_ns, after.st_ino, after.st_ctime_ns) == key:
            self.records[rel] = (*key, digest)  # unchanged while it was hashed
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


def gate(patterns: dict[str, bool], cache: StatCache, root: Path | None = None, *,
         fresh: bool = False) -> dict[str, str]:
    """Check the raw data before a build; return ``{path: sha256}`` of every catalogued file.

    ``patterns`` maps each reader input pattern to whether it may match no file. Every
    catalogued file must exist and match its checksum (from ``cache`` when size, mtime,
    inode and ctime are unchanged, else rehashed); every file on disk under a pattern must be
    catalogued; the catalogue must not be empty, and each pattern that is not optional
    must match a catalogued file. With ``fresh`` (``build --force``) every file is
    hashed, whatever the cache says. Raises :class:`CatalogError` listing every problem.
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
        actual = cache.sha256(rel, file, fresh=fresh)
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


def recheck(expected: dict[str, str], cache: StatCache, root: Path | None = None, *,
            fresh: bool = False) -> None:
    """After the readers ran: every file must still hold the bytes checked before
    (a file replaced while the build read it is refused, not recorded)."""
    base = raw_dir(root)
    changed = []
    for rel, sha in expected.items():
        file = base / rel
        if not file.is_file() or cache.sha256(rel, file, fresh=fresh) != sha:
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
