"""Cell-level parsing: numbers, publication markers, Japanese era years, full-width text.

All functions are pure. Cell parsers raise :class:`~kawasaki_econ.errors.ParseError`;
readers catch it and re-raise :class:`~kawasaki_econ.errors.IngestError` with the file,
sheet, row and column.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

import numpy as np

from .errors import ParseError

#: Markers Japanese statistical tables use instead of a number, and what they mean.
#: None of them means zero in the publications we read, so they become missing values.
MARKERS: dict[str, str] = {
    "-": "none or not applicable (-)",
    "x": "confidential (x)",
    "…": "not available (…)",
    "...": "not available (…)",
    "***": "suppressed (***)",
    "*": "suppressed (*)",
    "": "blank cell",
}

# Dash-like characters that NFKC leaves alone but publications use as the '-' marker.
_DASHES = str.maketrans({"－": "-", "―": "-", "—": "-", "‐": "-", "−": "-", "ー": "-"})

ERAS: dict[str, int] = {  # first Gregorian year of each era, minus one
    "明治": 1867,
    "大正": 1911,
    "昭和": 1925,
    "平成": 1988,
    "令和": 2018,
}
_ERA_LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
# 平成 is open-ended: documents written before 2019 name future years in Heisei
# (the plan itself says "2021（平成33）年度" and "2025（平成37）年度").
_ERA_LAST_YEAR = {"明治": 45, "大正": 15, "昭和": 64, "平成": 99, "令和": 99}
#: Largest magnitude a cell may hold: 2**53, the largest integer a float64 holds exactly.
#: A bigger number cannot be an exact count and would overflow an int64 column; the
#: plausibility bound of each table is tighter (see ``Bound`` in schema.py).
MAX_MAGNITUDE = float(2**53)
_NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Thousands separators only between groups of three digits: 1,234 / 12,345.6 (not 128,13).
_GROUPED_RE = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_ERA_RE = re.compile(r"^\s*(?P<era>[^\d\s元]+?)\s*(?P<year>元|\d+)\s*年?(度)?\s*$")
#: Alternation of the era names (``明治|大正|…``), for patterns that find an era year
#: inside longer text; :func:`parse_era_year` then reads the match.
ERA_NAMES = "|".join(ERAS)
#: The one-letter abbreviations of the eras (H30 = 平成30), upper case: ``'MTSHR'``.
ERA_INITIALS = "".join(_ERA_LETTERS)
# A *plain* cell: only ASCII digits, '.', 'e'/'E' and a sign. With these characters
# Python's float() accepts exactly the syntax of _NUMBER_RE (no '1_000', no full-width or
# other Unicode digits, no spaces, no 'inf'/'nan'), so the vectorised paths may convert
# plain cells directly; every other cell goes through parse_number.
_NOT_PLAIN = re.compile(r"[^0-9.eE+\-]")


def normalize_text(value: object) -> str:
    """NFKC-normalise text: full-width digits/letters/spaces to ASCII, trimmed, inner
    whitespace collapsed to one space. ``'全　国'`` → ``'全 国'``; ``'１２３'`` → ``'123'``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", " ", text).strip()


def compact(value: object) -> str:
    """:func:`normalize_text` with all whitespace removed (``'全　国'`` → ``'全国'``)."""
    return normalize_text(value).replace(" ", "")


def name_key(value: object) -> str:
    """A punctuation-insensitive key for Japanese item names: ``，``/``、``/``,`` and
    ``・`` differences between releases vanish; brackets are normalised."""
    text = compact(value)
    return re.sub(r"[，、,・･]", "", text)


def parse_number(value: object) -> tuple[float | None, str | None]:
    """Parse one cell into ``(number, missing_reason)``.

    Accepts ints/floats, strings with thousands separators (between groups of three
    digits only: ``'128,13'`` is refused), full-width digits and the Japanese minus sign
    ``△``/``▲``. Publication markers (see :data:`MARKERS`) give ``(None, reason)``.
    Anything else — including ``inf``/``nan`` literals, ``1e999`` and any magnitude above
    :data:`MAX_MAGNITUDE` — raises :class:`ParseError`.
    """
    if value is None:
        return None, MARKERS[""]
    if isinstance(value, bool):
        raise ParseError(f"expected a number, got boolean {value!r}")
    if isinstance(value, (int, np.integer)):
        return _checked(float(value) if abs(value) <= MAX_MAGNITUDE else math.inf, value), None
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return None, MARKERS[""]
        return _checked(float(value), value), None
    text = normalize_text(value).translate(_DASHES).replace(" ", "")
    if text.lower() in MARKERS:
        return None, MARKERS[text.lower()]
    negative = text[:1] in ("△", "▲")
    if negative:
        text = text[1:]
    if "," in text and not _GROUPED_RE.fullmatch(text):
        raise ParseError(f"misplaced thousands separator in {value!r} (expected groups of "
                         "three digits, e.g. 1,234,567)")
    cleaned = text.replace(",", "")
    if not _NUMBER_RE.fullmatch(cleaned):
        raise ParseError(f"expected a number or a marker (-, x, …), got {value!r}")
    number = _checked(float(cleaned), value)
    # float() rounds: '9007199254740993' (2**53 + 1) would become 2**53. The limit is
    # checked on the exact decimal value of the text.
    if abs(Decimal(cleaned)) > _EXACT_MAX:
        raise _beyond(value)
    return (-number if negative else number), None


_EXACT_MAX = Decimal(2**53)


def _beyond(value: object) -> ParseError:
    return ParseError(f"{value!r} is beyond the largest magnitude a cell may hold "
                      f"(2**53 = {MAX_MAGNITUDE:,.0f})")


def _checked(number: float, value: object) -> float:
    """``number`` if finite and within :data:`MAX_MAGNITUDE`, else ParseError."""
    if not math.isfinite(number):
        raise ParseError(f"expected a finite number, got {value!r}")
    if abs(number) > MAX_MAGNITUDE:
        raise _beyond(value)
    return number


def _plain_values(cells: np.ndarray) -> np.ndarray:
    """Float array of ``cells`` (any shape) with NaN wherever a cell must take
    :func:`parse_number`'s path: not a plain cell (see ``_NOT_PLAIN``; numbers that are
    already int/float count as plain), not convertible, or not *strictly* below
    :data:`MAX_MAGNITUDE` (a text that rounds to 2**53 may be above it; parse_number
    checks it exactly). The one rule of both vectorised paths."""
    flat = np.asarray(cells, dtype=object).ravel()
    try:  # the common case, all text: one scan of the whole block, one conversion
        joined = "".join(flat.tolist())
    except TypeError:  # a cell that is not text
        joined = None
    out = None
    if joined is not None and not _NOT_PLAIN.search(joined):
        try:
            out = flat.astype(np.float64)
        except (ValueError, TypeError, OverflowError):
            out = None
    if out is None:
        out = np.array([_plain_value(c) for c in flat], dtype=np.float64)
    out[~(np.abs(out) < MAX_MAGNITUDE)] = np.nan
    return out.reshape(np.shape(cells))


def _plain_value(cell: object) -> float:
    """One cell by the rule of :func:`_plain_values` (NaN: take parse_number's path)."""
    if isinstance(cell, bool):
        return math.nan
    if isinstance(cell, (int, float, np.integer, np.floating)):
        return float(cell) if abs(cell) < MAX_MAGNITUDE else math.nan
    if not isinstance(cell, str) or _NOT_PLAIN.search(cell):
        return math.nan
    try:
        return float(cell)
    except ValueError:  # '', '-', '1e', '1.2.3' …
        return math.nan


def parse_numbers(values: Iterable[object]) -> tuple[np.ndarray, list[str | None], int | None]:
    """Vectorised :func:`parse_number` for a column.

    Returns ``(float array with NaN for missing, reasons, None)``; on the first bad cell
    returns the index of that cell as the third item instead of raising, so the caller
    can name the row. Plain cells are converted at once (the rule of
    :func:`plain_floats`); every other cell takes :func:`parse_number`.
    """
    values = list(values)
    cells = np.empty(len(values), dtype=object)
    cells[:] = values
    out = _plain_values(cells)
    reasons: list[str | None] = [None] * len(values)
    for i in np.flatnonzero(np.isnan(out)):
        try:
            number, reason = parse_number(values[i])
        except ParseError:
            return out, reasons, int(i)
        out[i] = np.nan if number is None else number
        reasons[i] = reason
    return out, reasons, None


def plain_floats(cells: np.ndarray) -> np.ndarray | None:
    """Fast path for a block of cells: a float array if every cell is plain — ASCII
    digits, '.', 'e'/'E' and a sign only (no marker, separator, ``1_000``, full-width
    digit or ``inf``/``nan`` text) and strictly below :data:`MAX_MAGNITUDE` — else None:
    the caller then parses cell by cell with :func:`parse_number`, naming a bad cell's
    row. A cell this path takes gets the value parse_number gives it."""
    values = _plain_values(cells)
    return None if np.isnan(values).any() else values


def parse_era_year(label: object) -> int:
    """Convert a Japanese era year to the Gregorian year.

    ``'平成23年'`` → 2011, ``'令和元年'`` → 2019, ``'H28'`` → 2016, ``'平成２９年度'`` → 2017
    (a fiscal-year label gives the year in which the fiscal year starts). A plain
    Gregorian year (``'2016年'``, ``2016``) is returned as is. Unknown eras raise
    :class:`ParseError`.
    """
    if isinstance(label, (int, np.integer)) and not isinstance(label, bool):
        return int(label)
    text = normalize_text(label).replace(" ", "")
    plain = re.fullmatch(r"(\d{4})年?度?", text)
    if plain:
        return int(plain.group(1))
    match = _ERA_RE.match(text)
    if not match:
        raise ParseError(f"expected an era year such as '平成23年', got {label!r}")
    era = match.group("era")
    era = _ERA_LETTERS.get(era.upper(), era) if len(era) == 1 else era
    if era not in ERAS:
        raise ParseError(f"unknown era {era!r} in {label!r} (known: {', '.join(ERAS)})")
    year = 1 if match.group("year") == "元" else int(match.group("year"))
    if not 1 <= year <= _ERA_LAST_YEAR[era]:
        raise ParseError(f"year {year} is outside the {era} era in {label!r}")
    return ERAS[era] + year


def parse_month(label: object) -> int:
    """``'1月'`` / ``'１月'`` / ``1`` → 1; raises :class:`ParseError` outside 1–12."""
    text = normalize_text(label).replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})月?", text)
    if not match or not 1 <= int(match.group(1)) <= 12:
        raise ParseError(f"expected a month label such as '1月', got {label!r}")
    return int(match.group(1))
