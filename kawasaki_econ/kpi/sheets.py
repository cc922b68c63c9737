"""Cell-level access to a KPI workbook: sheets with their saved values and formulas, the
header row, text and number cells, and the collection of problems (every problem of a
workbook is reported in one run, up to :data:`MAX_PROBLEMS`, each naming sheet, row and
column).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError, ParseError
from ..parse import normalize_text, parse_number
from . import rules

MAX_PROBLEMS = 50


class WorkbookError(IngestError):
    """A workbook with problems: ``problems`` lists each (sheet, row, column, message)."""

    def __init__(self, file: str, problems: list[IngestError], total: int) -> None:
        self.problems = problems
        head = (f"{total} problem(s) in the workbook" if total <= len(problems) else
                f"{total} problems in the workbook (the first {len(problems)} listed)")
        super().__init__(head + ":\n  " + "\n  ".join(str(p) for p in problems), file=file)


class Problems:
    """Collects problems up to :data:`MAX_PROBLEMS` (and counts the rest)."""

    def __init__(self) -> None:
        self.items: list[IngestError] = []
        self.total = 0

    def add(self, message: str, sheet: str, row: int, column: str | None = None) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(IngestError(message, sheet=sheet, row=row, column=column))


class _Bad:
    """Marker for a cell already reported as a problem."""


BAD = _Bad()


@dataclass(frozen=True)
class Sheet:
    """A sheet's cached values and formulas (0-based rows and columns)."""

    name: str
    values: list[tuple]
    formulas: list[tuple]

    def cell(self, r: int, c: int, problems: Problems, label: str) -> object:
        """The cell's value; a formula without a saved value is a problem (BAD)."""
        row = self.values[r] if r < len(self.values) else ()
        value = row[c] if c < len(row) else None
        if value is None:
            frow = self.formulas[r] if r < len(self.formulas) else ()
            formula = frow[c] if c < len(frow) else None
            if formula is not None and (not isinstance(formula, str) or formula.startswith("=")):
                text = formula if isinstance(formula, str) else type(formula).__name__
                problems.add(f"formula {text} has no saved value: open and save the workbook "
                             "in Excel, or type the value", self.name, r + 1, label)
                return BAD
        return value

    def row_empty(self, r: int) -> bool:
        cells = list(self.values[r]) + list(self.formulas[r] if r < len(self.formulas) else ())
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in cells)


def letter(j: int) -> str:
    """Excel column letter of 0-based column ``j``."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(j + 1)


def load_sheets(path: Path, name: str, wanted: tuple[str, ...]) -> dict[str, Sheet]:
    """The ``wanted`` sheets of a workbook, values and formulas (IngestError if it cannot
    be read)."""
    from openpyxl import load_workbook

    try:
        books = [load_workbook(path, data_only=flag, read_only=True) for flag in (True, False)]
    except Exception as exc:  # openpyxl raises several types for a non-workbook
        raise IngestError(f"not a readable .xlsx workbook ({exc})", file=name) from exc
    try:
        values, formulas = books
        return {s: Sheet(s, list(values[s].iter_rows(values_only=True)),
                          list(formulas[s].iter_rows(values_only=True)))
                for s in values.sheetnames if s in wanted}
    except Exception as exc:  # a corrupt member surfaces only while reading
        raise IngestError(f"cannot read the workbook ({type(exc).__name__}: {exc})",
                          file=name) from exc
    finally:
        for book in books:
            book.close()


def read_header(sheet: Sheet, fixed: tuple[str, ...], problems: Problems, *, years: bool,
                legacy_names: tuple[str, ...] = ()
                ) -> tuple[dict[str, int], dict[int, int], dict[str, int]]:
    """Map the header row: ``fixed`` columns, fiscal-year columns (with ``years``; any
    other header is then refused) and ``legacy_names`` columns."""
    idx: dict[str, int] = {}
    year_cols: dict[int, int] = {}
    legacy: dict[str, int] = {}
    width = max((len(r) for r in sheet.values), default=0)
    for j in range(width):
        raw = sheet.cell(0, j, problems, letter(j))
        if raw is BAD:
            continue
        text = normalize_text(raw)
        key = text.lower()
        if not text:
            if any(sheet.cell(r, j, Problems(), "") not in (None, "")
                   for r in range(1, len(sheet.values))):
                problems.add("values under a column without a header", sheet.name, 1,
                             letter(j))
            continue
        if key in fixed or key in legacy_names:
            target = idx if key in fixed else legacy
            if key in target:
                problems.add(f"column {key!r} appears twice (also column "
                             f"{letter(target[key])})", sheet.name, 1, letter(j))
            target[key] = j
            continue
        if not years:
            problems.add(f"unknown column {text!r} (expected {', '.join(fixed)})", sheet.name,
                         1, letter(j))
            continue
        try:
            year = rules.parse_fiscal_year(raw)
        except ParseError as exc:
            problems.add(f"{exc} (columns: {', '.join(fixed)} and fiscal years)", sheet.name,
                         1, letter(j))
            continue
        if year in year_cols:
            problems.add(f"fiscal year {year} appears twice (also column "
                         f"{letter(year_cols[year])})", sheet.name, 1, letter(j))
            continue
        year_cols[year] = j
    return idx, year_cols, legacy


def text_cell(sheet: Sheet, r: int, idx: dict[str, int], name: str, problems: Problems) -> str:
    if name not in idx:
        return ""
    value = sheet.cell(r, idx[name], problems, f"{letter(idx[name])} ({name})")
    return "" if value is BAD else normalize_text(value)


def number_cell(value: object, where: tuple[str, int, str], problems: Problems) -> float | None:
    """A number cell: None for blank or a publication marker, BAD for a problem."""
    if value is BAD:
        return BAD  # type: ignore[return-value]
    try:
        number, _ = parse_number(value)
    except ParseError as exc:
        problems.add(str(exc), *where)
        return BAD  # type: ignore[return-value]
    if number is not None:
        try:
            rules.check_value(number, "")  # finite and of a plausible magnitude
        except ParseError as exc:
            problems.add(str(exc), *where)
            return BAD  # type: ignore[return-value]
    return number
