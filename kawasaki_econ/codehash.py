"""Which modules make up the ingest code, and their hash.

A change to any module a table builder can run makes every table stale. The set is
derived, not listed (by a text scan, so a no-op build stays fast): start from the builder
modules (and the build engine itself) and follow every import inside the package —
``from .x import``, ``from ..x import``, ``import kawasaki_econ.x`` and module names given
as strings (the builders named in ``schema.SPECS``, e.g.
``"kawasaki_econ.sources.ssdse:build_census"``) — in module bodies and inside functions
alike. Only what the build can run counts: a docstring that merely mentions a module by
its dotted name in quotes would add it, so docstrings here name modules without quotes;
and the body of a top-level ``if TYPE_CHECKING:`` block (imports for type checkers only,
e.g. the package's lazily loaded sub-packages) is skipped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from .paths import PACKAGE_DIR

PACKAGE = PACKAGE_DIR.name


def module_file(name: str) -> Path | None:
    """Source file of a dotted module name inside the package (None if it is not one)."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


_FROM_RE = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)",
                      re.MULTILINE)
_IMPORT_RE = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.MULTILINE)
_STRING_RE = re.compile(rf"[\"']({PACKAGE}(?:\.\w+)+)(?::\w+)?[\"']")
_TYPE_CHECKING_RE = re.compile(r"^if TYPE_CHECKING:[^\n]*\n(?:(?:[ \t]+[^\n]*)?\n)*",
                               re.MULTILINE)


def _imports(name: str, file: Path) -> set[str]:
    """Dotted names of package modules ``file`` (module ``name``) may import.

    A plain-text scan (fast enough for every no-op build): import statements at any
    indentation (inside functions too) and quoted module names. A line in a docstring
    that looks like an import can only add a module, never lose one.
    """
    text = _TYPE_CHECKING_RE.sub("", file.read_text(encoding="utf-8"))
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for dots, module, names in _FROM_RE.findall(text):
        if dots:
            base = package.split(".")
            base = base[: len(base) - (len(dots) - 1)]
            prefix = ".".join(base + ([module] if module else []))
        else:
            prefix = module
        found.add(prefix)
        for alias in re.split(r"[\s,()]+", names.split("#")[0]):
            if alias and alias != "as":
                found.add(f"{prefix}.{alias}")
    for names in _IMPORT_RE.findall(text):
        found.update(n.split()[0] for n in names.split(",") if n.strip())
    found.update(_STRING_RE.findall(text))
    return {n for n in found if module_file(n) is not None}


def ingest_modules(roots: Iterable[str]) -> list[str]:
    """Every package module reachable by imports from the ``roots`` (sorted)."""
    todo = [r for r in roots if module_file(r) is not None]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        file = module_file(name)
        assert file is not None
        todo.extend(_imports(name, file) - seen)
    return sorted(seen)


def code_hash(roots: Iterable[str]) -> str:
    """SHA-256 over the names and bytes of :func:`ingest_modules` of ``roots``."""
    digest = hashlib.sha256()
    for name in ingest_modules(roots):
        file = module_file(name)
        assert file is not None
        digest.update(name.encode())
        digest.update(file.read_bytes())
        for data in package_data(file):
            digest.update(data.name.encode() + data.read_bytes())
    return digest.hexdigest()


# A package data file named in a module's text ("ssdse_items.toml"), next to the module.
_DATA_RE = re.compile(r"[\"'`]([\w-]+\.(?:toml|csv|json))[\"'`]")


def package_data(file: Path) -> list[Path]:
    """Data files beside module ``file`` that it names (e.g. the SSDSE item registry
    ``ssdse_items.toml``): part of the ingest code, hashed with the module."""
    names = sorted(set(_DATA_RE.findall(file.read_text(encoding="utf-8"))))
    return [file.parent / n for n in names if (file.parent / n).is_file()]
