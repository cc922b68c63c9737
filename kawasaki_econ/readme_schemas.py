"""Generate the README's table-schema section from :data:`kawasaki_econ.schema.SPECS`.

``python -m kawasaki_econ.readme_schemas`` rewrites the part of README.md between
``<!-- schemas:start -->`` and ``<!-- schemas:end -->``; a test fails while it is stale.
"""

from __future__ import annotations

import re
from pathlib import Path

from .paths import project_root
from .schema import SPECS


def schema_markdown() -> str:
    """The processed-table schemas as Markdown (used for the README)."""
    lines = []
    for spec in SPECS.values():
        lines += [f"### `{spec.name}`", "", spec.description + ".", "",
                  f"Key: `{', '.join(spec.key)}`", "", "| column | type | meaning |",
                  "|---|---|---|"]
        for col in spec.columns:
            meaning = col.description
            if col.allowed:
                meaning = (meaning + "; " if meaning else "") + "one of " + ", ".join(
                    f"`{a}`" for a in col.allowed)
            if col.bound:
                meaning = (meaning + "; " if meaning else "") + (
                    f"at most {col.bound.maximum:,.0f}: {col.bound.reason}")
            lines.append(f"| `{col.name}` | {col.dtype}{'?' if col.nullable else ''} | "
                         f"{re.sub(r'[|]', '/', meaning)} |")
        lines.append("")
    return "\n".join(lines)


def update_readme(path: Path | None = None) -> bool:
    """Rewrite the schema section of README.md from :data:`SPECS`; True if it changed.
    (``python -m kawasaki_econ.readme_schemas`` runs it.)"""
    path = path or project_root() / "README.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- schemas:start -->", "<!-- schemas:end -->"
    a, b = text.index(start) + len(start), text.index(end)
    new = text[:a] + "\n" + schema_markdown() + text[b:]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    print("README.md updated" if update_readme() else "README.md schema section up to date")
