"""Which modules make up the ingest code, and their hash.

A change to any module a table builder can run makes every table stale. The set is
derived, not listed: start from the builder modules (and the build itself) and follow
every import inside the package — ``from .x import``, ``from ..x import``, ``import
kawasaki_econ.x`` and module names given as strings (``importlib.import_module(
"kawasaki_econ.kpi_template")``, ``"kawasaki_econ.sources.ssdse:build_census"``) — in
module bodies and inside functions alike.
"""

from __future__ import annotations

import ast
import hashlib
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


def _imports(name: str, file: Path) -> set[str]:
    """Dotted names of package modules ``file`` (module ``name``) may import."""
    tree = ast.parse(file.read_bytes(), filename=str(file))
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.split(":", 1)[0]
            if text.startswith(f"{PACKAGE}.") and text.replace(".", "").replace("_", "").isalnum():
                found.add(text)
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
    return digest.hexdigest()
