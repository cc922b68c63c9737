"""The package's import graph, lazy imports included (tests/architecture uses it).

Every module of ``kawasaki_econ`` is parsed with :mod:`ast`; an edge A → B is any
``import`` / ``from … import`` of B in A — at module level or inside a function — and any
``importlib.import_module("kawasaki_econ…")`` / ``find_spec("kawasaki_econ…")`` with a
literal name. Imports under ``if TYPE_CHECKING:`` are not executed and are left out, and
so is the implicit import of a module's parent package."""

from __future__ import annotations

import ast
from pathlib import Path

import kawasaki_econ

PACKAGE = Path(kawasaki_econ.__file__).resolve().parent
NAME = "kawasaki_econ"


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skip.update(id(n) for n in ast.walk(child))
    return skip


def _targets(node: ast.AST, module: str, is_package: bool, known: set[str]) -> list[str]:
    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    if isinstance(node, ast.Import):
        return [t for a in node.names if a.name.startswith(NAME)
                and (t := resolve(a.name)) is not None]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = module if is_package else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            full = f"{base}.{node.module}" if node.module else base
        else:
            full = node.module or ""
        if not full.startswith(NAME):
            return []
        out = []
        for alias in node.names:
            sub = f"{full}.{alias.name}"
            target = sub if sub in known else resolve(full)
            if target is not None:
                out.append(target)
        return out
    if isinstance(node, ast.Call) and node.args:
        func = ast.unparse(node.func)
        arg = node.args[0]
        if (func.endswith(("import_module", "find_spec")) and isinstance(arg, ast.Constant)
                and isinstance(arg.value, str) and arg.value.startswith(NAME)):
            target = resolve(arg.value)
            return [target] if target else []
    return []


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for module, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skip = _type_checking_nodes(tree)
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if id(node) not in skip:
                graph[module].update(_targets(node, module, is_package, known))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with a cycle (Tarjan), each as one cycle path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                found.append(_path(sorted(component), graph))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _path(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A cycle through the component's first module: a → … → a."""
    start = component[0]
    members = set(component)
    path, seen = [start], {start}
    while True:
        nxt = sorted(w for w in graph[path[-1]] if w in members)
        back = [w for w in nxt if w == start]
        if back and len(path) > 1 or (back and start in graph[start]):
            return path + [start]
        fresh = [w for w in nxt if w not in seen]
        if not fresh:  # dead end inside the component: report its members instead
            return component + [component[0]]
        path.append(fresh[0])
        seen.add(fresh[0])
