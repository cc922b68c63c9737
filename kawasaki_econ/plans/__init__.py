"""Plan registries: which plan-specific content a focus municipality's report carries.

A municipality has a plan when ``kawasaki_econ/plans/<code>.toml`` exists (Kawasaki,
14130, ships one). The file names the plan, its claims registry and the report
``sections`` with plan content (:data:`SECTIONS`), and may list the plan's Chapter 2
statements next to the findings that say the same from the data. Every other focus
gets no plan content: no claims audit, no outcome indicators, no plan figures on charts
and no plan statements — nothing of another city's plan.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

PLANS_DIR = Path(__file__).resolve().parent

#: Report sections that carry plan content.
SECTIONS = ("claims", "kpi", "markers", "chapter2")


class PlanError(ValueError):
    """A plan registry that cannot be read (names the file and the field)."""


@dataclass(frozen=True)
class Chapter2Statement:
    """One statement of the plan's Chapter 2 with the findings that say the same:
    ``data_then`` (the plan's census year) and ``data_now`` (the newest)."""

    statement_ja: str
    statement_en: str
    claims: tuple[str, ...]
    data_then: tuple[str, ...]
    data_now: tuple[str, ...]

    def statement(self, lang: str) -> str:
        return self.statement_ja if lang == "ja" else self.statement_en


@dataclass(frozen=True)
class Plan:
    """A municipality's plan registry (``plans/<code>.toml``)."""

    code: str
    title_ja: str
    title_en: str
    sections: tuple[str, ...]
    claims: str
    text: str
    chapter2: tuple[Chapter2Statement, ...]
    path: Path

    def title(self, lang: str) -> str:
        return self.title_ja if lang == "ja" else self.title_en


def _field(data: dict, key: str, path: Path, kind=str):
    value = data.get(key)
    if not isinstance(value, kind):
        raise PlanError(f"{path}: field {key!r} must be a {kind.__name__}, found {value!r}")
    return value


def read_plan(path: Path) -> Plan:
    """Read and check one registry file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{path}: not valid TOML ({exc})") from exc
    sections = tuple(_field(data, "sections", path, list))
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise PlanError(f"{path}: unknown section(s) {unknown}; one of {SECTIONS}")
    statements = []
    for i, entry in enumerate(data.get("chapter2", []), start=1):
        where = path.with_name(f"{path.name} [[chapter2]] #{i}")
        statements.append(Chapter2Statement(
            _field(entry, "statement_ja", where), _field(entry, "statement_en", where),
            tuple(entry.get("claims", [])), tuple(entry.get("data_then", [])),
            tuple(entry.get("data_now", []))))
    code = _field(data, "code", path)
    if code != path.stem:
        raise PlanError(f"{path}: code {code!r} differs from the file name")
    return Plan(code, _field(data, "title_ja", path), _field(data, "title_en", path),
                sections, str(data.get("claims", "")), str(data.get("text", "")),
                tuple(statements), path)


@functools.cache
def plan_for(code: str) -> Plan | None:
    """The plan registry of municipality ``code`` (5 digits), or None."""
    path = PLANS_DIR / f"{code}.toml"
    return read_plan(path) if path.is_file() else None


def has_plan(code: str, section: str | None = None) -> bool:
    """Whether ``code`` has a plan registry (and, with ``section``, whether the plan
    carries that section, one of :data:`SECTIONS`)."""
    if section is not None and section not in SECTIONS:
        raise ValueError(f"unknown plan section {section!r}; one of {SECTIONS}")
    plan = plan_for(str(code))
    return plan is not None and (section is None or section in plan.sections)


def plan_codes() -> tuple[str, ...]:
    """The municipalities with a plan registry."""
    return tuple(sorted(p.stem for p in PLANS_DIR.glob("[0-9]" * 5 + ".toml")))


__all__ = ["PLANS_DIR", "SECTIONS", "Chapter2Statement", "Plan", "PlanError", "has_plan",
           "plan_codes", "plan_for", "read_plan"]
