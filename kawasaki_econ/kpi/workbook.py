"""Read and validate a filled KPI workbook (the format :mod:`.template` writes).

Sheet ``indicators`` — one row per indicator: ``indicator_id``, ``name_ja``, ``unit``,
``direction`` (higher / lower / n/a), ``status`` (final / preliminary / estimate; blank =
final), ``note``, and one column per fiscal year holding actual values (headers as read
by :func:`~kawasaki_econ.kpi.rules.parse_fiscal_year`: FY2018, FY18, 2018年度, H30年度,
R3年度; FY2016 = April 2016 – March 2017).

* A known indicator (shipped in ``kpi_indicators.csv`` or defined by an earlier import)
  takes its unit from its definition: a blank unit cell means that unit; 万人/千人 (万件,
  千件, …) are converted (×10,000 / ×1,000) and the conversion reported; any other unit is
  refused. A name or direction that differs from the definition is refused.
* An unknown id with ``name_ja``, ``unit`` and ``direction`` is a new indicator; its id
  must follow :data:`~kawasaki_econ.kpi.rules.ID_FORMAT`.

Sheet ``targets`` (optional) — any number of targets per indicator: ``indicator_id``,
``target_label`` (plan or phase, e.g. 第3期実行プログラム), ``fiscal_year``, ``value``,
``unit`` (blank = the indicator's), ``direction`` (>=, >, <=, <; blank = from the
indicator's direction), ``note``.

Refused, each naming sheet, row and column, all listed in one run (up to 50): unreadable
or duplicate year headers, columns without a header that hold values, formulas without a
saved value, text in number cells, non-finite or absurd values (beyond
:data:`~kawasaki_econ.kpi.rules.MAX_MAGNITUDE`), negative values, rates over 100 %,
fractional counts, actual values for a fiscal year that has not begun, duplicate rows,
the old single ``target`` / ``target_fiscal_year`` columns holding a value (targets go in
the ``targets`` sheet), and a workbook with nothing to import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import IngestError, ParseError
from ..parse import name_key, normalize_text
from . import rules
from .rows import KpiRow, rows_frame
from .sheets import (
    BAD,
    Problems,
    Sheet,
    WorkbookError,
    letter,
    load_sheets,
    number_cell,
    read_header,
    text_cell,
)

SHEET = "indicators"
TARGET_SHEET = "targets"
INDICATOR_HEADERS = ("indicator_id", "name_ja", "unit", "direction", "status", "note")
TARGET_HEADERS = ("indicator_id", "target_label", "fiscal_year", "value", "unit", "direction",
                  "note")
TARGET_REQUIRED = ("indicator_id", "target_label", "fiscal_year", "value")
#: Columns of the first template version: a value there is refused, never ignored.
LEGACY_HEADERS = ("target_fiscal_year", "target")
STATUSES = ("final", "preliminary", "estimate")
DATASET = "analyst_workbook"


@dataclass(frozen=True)
class Indicator:
    """An indicator's definition: ``unit`` is normalised (persons, %, 件, …)."""

    indicator_id: str
    name_ja: str
    unit: str
    direction: str  # higher / lower / n/a
    defined_in: str  # file (and row) of the definition


@dataclass
class WorkbookContent:
    """A validated workbook: kpi-table ``rows`` (actuals and targets), the indicators it
    defines, and one line per unit conversion applied."""

    file: str
    rows: pd.DataFrame
    indicators: dict[str, Indicator] = field(default_factory=dict)
    conversions: list[str] = field(default_factory=list)


@dataclass
class _Reader:
    """State of one workbook read: the problems and the rows gathered."""

    name: str
    known: dict[str, Indicator]
    problems: Problems = field(default_factory=Problems)
    rows: list[KpiRow] = field(default_factory=list)
    new: dict[str, Indicator] = field(default_factory=dict)
    conversions: list[str] = field(default_factory=list)

    def indicator(self, ident: str) -> Indicator | None:
        return self.new.get(ident) or self.known.get(ident)

    def add_row(self, ind: Indicator, *, kind: str, year: int, value: float, factor: float,
                unit_text: str, status: str, source: str, label: str | None,
                direction: str | None, note: str, where: tuple[str, int, str]) -> None:
        converted = value * factor
        try:
            rules.check_value(converted, ind.unit)
        except ParseError as exc:
            self.problems.add(str(exc) + (f" (= {value:g} {unit_text} × {factor:g})"
                                          if factor != 1 else ""), *where)
            return
        if rules.unit_base(ind.unit) in rules.COUNT_UNITS:
            converted = float(round(converted))
        self.rows.append(KpiRow(
            indicator_id=ind.indicator_id, name_ja=ind.name_ja, unit=ind.unit, period=year,
            kind=kind, value=converted, status=status, source=source, target_label=label,
            direction=direction, value_original=value, unit_original=unit_text or ind.unit,
            indicator_direction=ind.direction, dataset=DATASET, source_document=self.name,
            note=note or None,
        ))

    def unit_factor(self, ind: Indicator, unit_text: str, where: tuple[str, int, str]
                    ) -> float | None:
        try:
            factor = rules.convert_unit(unit_text, ind.unit)
        except ParseError as exc:
            self.problems.add(str(exc), *where)
            return None
        if factor != 1:
            line = (f"{ind.indicator_id}: unit {unit_text} converted to {ind.unit} "
                    f"(×{factor:,.0f})")
            if line not in self.conversions:
                self.conversions.append(line)
        return factor


def _define(reader: _Reader, sheet: Sheet, r: int, ident: str, idx: dict[str, int]
            ) -> tuple[Indicator | None, float | None]:
    """The row's indicator (known, or newly defined) and its unit factor."""
    problems = reader.problems
    name = text_cell(sheet, r, idx, "name_ja", problems)
    unit = text_cell(sheet, r, idx, "unit", problems)
    direction = text_cell(sheet, r, idx, "direction", problems).lower()
    col = {c: f"{letter(idx[c])} ({c})" if c in idx else c for c in INDICATOR_HEADERS}
    known = reader.known.get(ident)
    if known is not None:
        if name and name_key(name) != name_key(known.name_ja):
            problems.add(f"name {name!r} differs from the definition of {ident} "
                         f"({known.name_ja!r}, {known.defined_in}); leave the name as it is",
                         SHEET, r + 1, col["name_ja"])
        if direction and direction != known.direction:
            problems.add(f"direction {direction!r} differs from the definition of {ident} "
                         f"({known.direction!r}, {known.defined_in})", SHEET, r + 1,
                         col["direction"])
        return known, reader.unit_factor(known, unit, (SHEET, r + 1, col["unit"]))
    missing = [c for c, v in (("name_ja", name), ("unit", unit), ("direction", direction))
               if not v]
    if missing:
        problems.add(f"unknown indicator {ident!r}: a new indicator needs name_ja, unit and "
                     f"direction (missing: {', '.join(missing)}); known ids: "
                     f"{', '.join(sorted(reader.known)[:8])}, …", SHEET, r + 1,
                     col["indicator_id"])
        return None, None
    if direction not in rules.DIRECTIONS:
        problems.add(f"direction {direction!r} not one of {', '.join(rules.DIRECTIONS)}",
                     SHEET, r + 1, col["direction"])
        return None, None
    base, factor = rules.normalise_unit(unit)
    ind = Indicator(ident, name, base, direction, f"{reader.name}#{SHEET}!row {r + 1}")
    reader.new[ident] = ind
    if factor != 1:
        reader.conversions.append(f"{ident}: unit {unit} converted to {base} (×{factor:,.0f})")
    return ind, factor


def _read_indicators(reader: _Reader, sheet: Sheet) -> None:
    problems = reader.problems
    idx, years, legacy = read_header(sheet, INDICATOR_HEADERS, problems, years=True,
                                       legacy_names=LEGACY_HEADERS)
    if "indicator_id" not in idx:
        problems.add("header lacks column 'indicator_id'", SHEET, 1)
        return
    id_col = f"{letter(idx['indicator_id'])} (indicator_id)"
    last_fy = rules.current_fiscal_year()
    seen: dict[str, int] = {}
    for r in range(1, len(sheet.values)):
        if sheet.row_empty(r):
            continue
        ident = text_cell(sheet, r, idx, "indicator_id", problems)
        if not ident:
            problems.add("row has values but no indicator_id", SHEET, r + 1, id_col)
            continue
        if not rules.ID_PATTERN.match(ident):
            problems.add(f"indicator_id {ident!r} is not {rules.ID_FORMAT}", SHEET, r + 1,
                         id_col)
            continue
        if ident in seen:
            problems.add(f"indicator {ident} appears twice (also row {seen[ident]})", SHEET,
                         r + 1, id_col)
            continue
        seen[ident] = r + 1
        ind, factor = _define(reader, sheet, r, ident, idx)
        status = text_cell(sheet, r, idx, "status", problems).lower() or "final"
        if status not in STATUSES:
            problems.add(f"status {status!r} not one of {', '.join(STATUSES)}", SHEET, r + 1,
                         f"{letter(idx['status'])} (status)")
        for label, j in legacy.items():
            value = sheet.cell(r, j, problems, f"{letter(j)} ({label})")
            if value not in (None, "", BAD):
                problems.add(f"the {label!r} column is no longer read: enter targets in the "
                             f"'{TARGET_SHEET}' sheet ({', '.join(TARGET_REQUIRED)}, "
                             "direction)", SHEET, r + 1, f"{letter(j)} ({label})")
        unit_text = text_cell(sheet, r, idx, "unit", problems)
        note = text_cell(sheet, r, idx, "note", problems)
        for year, j in sorted(years.items()):
            where = (SHEET, r + 1, f"{letter(j)} (FY{year})")
            value = number_cell(sheet.cell(r, j, problems, where[2]), where, problems)
            if value is None or value is BAD:
                continue
            if year > last_fy:
                problems.add(f"an actual value for FY{year}, which has not begun (the "
                             f"current fiscal year is FY{last_fy}); targets go in the "
                             f"'{TARGET_SHEET}' sheet", *where)
                continue
            if ind is None or factor is None or status not in STATUSES:
                continue
            reader.add_row(ind, kind="actual", year=year, value=value, factor=factor,
                           unit_text=unit_text, status=status, label=None, direction=None,
                           source=f"{reader.name}#{SHEET}!{letter(j)}{r + 1}", note=note,
                           where=where)


def _target_year(value: object) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == int(value):
        year = int(value)
        if not rules.FIRST_FY <= year <= rules.LAST_FY:
            raise ParseError(f"fiscal year {year} outside FY{rules.FIRST_FY}–FY{rules.LAST_FY}")
        return year
    text = normalize_text(value)
    if text.isdigit():
        return _target_year(int(text))
    return rules.parse_fiscal_year(value)


def _read_targets(reader: _Reader, sheet: Sheet) -> None:
    problems = reader.problems
    name = TARGET_SHEET
    idx, _, _ = read_header(sheet, TARGET_HEADERS, problems, years=False)
    absent = [c for c in TARGET_REQUIRED if c not in idx]
    if absent:
        problems.add(f"header lacks column(s) {', '.join(absent)}", name, 1)
        return
    col = {c: f"{letter(idx[c])} ({c})" if c in idx else c for c in TARGET_HEADERS}
    seen: dict[tuple, int] = {}
    for r in range(1, len(sheet.values)):
        if sheet.row_empty(r):
            continue
        ident = text_cell(sheet, r, idx, "indicator_id", problems)
        label = text_cell(sheet, r, idx, "target_label", problems)
        ind = reader.indicator(ident)
        if ind is None:
            problems.add(f"indicator {ident!r} is neither a known indicator nor defined in "
                         f"the '{SHEET}' sheet" if ident else "row has values but no "
                         "indicator_id", name, r + 1, col["indicator_id"])
        if not label:
            problems.add("target_label is empty: name the plan or phase of the target "
                         "(e.g. 第3期実行プログラム)", name, r + 1, col["target_label"])
        year_cell = sheet.cell(r, idx["fiscal_year"], problems, col["fiscal_year"])
        year = None
        if year_cell is not BAD:
            try:
                year = _target_year(year_cell)
            except ParseError as exc:
                problems.add(str(exc), name, r + 1, col["fiscal_year"])
        where = (name, r + 1, col["value"])
        value = number_cell(sheet.cell(r, idx["value"], problems, col["value"]), where, problems)
        if value is None:
            problems.add("the target value is empty", *where)
        unit_text = text_cell(sheet, r, idx, "unit", problems)
        relative = bool(ind) and rules.RELATIVE_UNIT.match(unit_text or "") is not None
        factor = 1.0 if relative else (
            reader.unit_factor(ind, unit_text, (name, r + 1, col["unit"])) if ind else None)
        given = text_cell(sheet, r, idx, "direction", problems)
        direction = None
        try:
            direction = (rules.parse_operator(given) if given
                         else ind and rules.target_direction(ind.direction))
            if ind and not direction:
                raise ParseError(f"no direction: {ident} has direction {ind.direction!r}; "
                                 "give >= or <= for this target")
        except ParseError as exc:
            problems.add(str(exc), name, r + 1, col["direction"])
        key = (ident, label, year)
        if key in seen:
            problems.add(f"target {ident} / {label} / FY{year} appears twice (also row "
                         f"{seen[key]})", name, r + 1, col["indicator_id"])
            continue
        seen[key] = r + 1
        if None in (ind, year, factor, direction) or not label or value in (None, BAD):
            continue
        reader.add_row(ind, kind="target", year=year, value=value, factor=factor,
                       unit_text=unit_text, status="target", label=label, direction=direction,
                       source=f"{reader.name}#{name}!{letter(idx['value'])}{r + 1}",
                       note=text_cell(sheet, r, idx, "note", problems), where=where)


def read_workbook(path: Path, known: dict[str, Indicator], *, name: str | None = None,
                  shown: str | None = None) -> WorkbookContent:
    """Validate a filled workbook against the ``known`` indicator definitions and return
    its rows. ``name`` is the file's name in ``source`` values (default: the file name),
    ``shown`` its name in messages (default: ``name``). Raises :class:`WorkbookError`
    listing every problem."""
    path = Path(path)
    name = name or path.name
    shown = shown or name
    sheets = load_sheets(path, shown, (SHEET, TARGET_SHEET))
    if SHEET not in sheets:
        raise IngestError(f"sheet '{SHEET}' not found (a KPI workbook is written by "
                          "`kawasaki-econ kpi template`)", file=shown, sheet=SHEET)
    reader = _Reader(name, dict(known))
    _read_indicators(reader, sheets[SHEET])
    if TARGET_SHEET in sheets:
        _read_targets(reader, sheets[TARGET_SHEET])
    if not reader.rows and not reader.problems.total:
        reader.problems.add("the workbook holds no values and no targets: nothing to import",
                            SHEET, 2)
    if reader.problems.total:
        raise WorkbookError(shown, reader.problems.items, reader.problems.total)
    rows = rows_frame(reader.rows)
    rows["period"] = rows["period"].astype("Int64")
    return WorkbookContent(name, rows, reader.new, reader.conversions)
