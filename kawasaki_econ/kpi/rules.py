"""The rules of the KPI data, each written once: units and scales, target comparisons,
the indicator-id format, fiscal-year labels, plausible values, import file names.

Used by the shipped-data reader (:mod:`kawasaki_econ.sources.kpi`) and by the analyst's
workbook (:mod:`kawasaki_econ.kpi.workbook`). Fiscal year FY2016 = April 2016 – March 2017.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from ..errors import ParseError
from ..parse import ERA_INITIALS, ERA_NAMES, normalize_text, parse_era_year

# --------------------------------------------------------------------------- units

#: Scale prefixes a unit may carry: 28 万人 = 280,000 persons. The only scales converted.
UNIT_SCALES: dict[str, int] = {"万": 10_000, "千": 1_000}
PERCENT = "%"
#: Count units (after normalisation): their values must be whole numbers.
COUNT_UNITS = ("persons", "件", "事業所", "施設", "室", "sessions")

# A person count is 人/persons alone, or followed by a bracketed qualifier only: 人泊
# (person-nights), 千人当たり (a rate per 1,000 people, not a count in thousands) and
# 人/日 are units of their own and never scaled.
_PERSONS = re.compile(r"^(?P<scale>[万千])?(?:人|persons?)(?=\s*$|\s*[(（])")
_SCALED_COUNT = re.compile(r"^(?P<scale>[万千])(?P<base>件|事業所|施設|室)$")
_PERCENT_WORDS = ("%", "percent", "パーセント")
_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def normalise_unit(unit_text: object) -> tuple[str, float]:
    """``(unit, factor)`` with value × factor in ``unit``: person counts → ``persons``
    (万人 × 10,000, 千人 × 1,000, 人 × 1), percentages → ``%``, 万件/千件 (and 事業所, 施設,
    室) → the base unit with its scale; anything else unchanged with factor 1 (a trailing
    qualifier such as "件 (cumulative)" is kept). A rate per 1,000 people (千人当たり) is
    such a unit of its own: 4.5 stays 4.5 千人当たり, never 4,500 persons."""
    text = normalize_text(unit_text)
    persons = _PERSONS.match(text)
    if persons:
        return "persons", float(UNIT_SCALES.get(persons.group("scale") or "", 1))
    if text in _PERCENT_WORDS:
        return PERCENT, 1.0
    scaled = _SCALED_COUNT.match(text)
    if scaled:
        return scaled.group("base"), float(UNIT_SCALES[scaled.group("scale")])
    return text, 1.0


def unit_base(unit: str) -> str:
    """The unit without a trailing bracketed qualifier: ``'件 (cumulative)'`` → ``'件'``."""
    return _QUALIFIER.sub("", unit)


def convert_unit(given: object, defined: str) -> float:
    """Factor turning a value in unit ``given`` into the indicator's unit ``defined``
    (already normalised). Blank ``given`` means the defined unit. A unit without a
    qualifier matches the defined unit's base (件 for "件 (per fiscal year)").
    Raises :class:`ParseError` for any other unit."""
    if not normalize_text(given):
        return 1.0
    unit, factor = normalise_unit(given)
    if unit == defined or (unit == unit_base(unit) and unit == unit_base(defined)):
        return factor
    scales = ", ".join(f"{p}{unit_base(defined)} (×{s:,})" for p, s in UNIT_SCALES.items())
    hint = f"; known scales: {scales}" if unit_base(defined) == "persons" or unit_base(
        defined) in COUNT_UNITS else ""
    raise ParseError(f"unit {normalize_text(given)!r} does not match the indicator's unit "
                     f"{defined!r}{hint}")


#: A target written as a change over a base year (targets sheet ``unit`` cell):
#: ``% vs FY2014``, ``%（FY2014比）``; stored with that unit in ``unit_original``.
RELATIVE_UNIT = re.compile(
    r"^\s*[%％]\s*(?:vs\.?\s*FY\s*\d{4}|[（(]\s*FY\s*\d{4}\s*比\s*[)）])\s*$", re.IGNORECASE)


# --------------------------------------------------------------------------- directions

#: How a value must compare with a target to meet it (the kpi ``direction`` column).
OPERATORS = (">=", ">", "<=", "<")
#: An indicator's direction → the default comparison of its targets.
DIRECTION_OPERATOR: dict[str, str] = {"higher": ">=", "lower": "<="}
#: Indicator directions a workbook may give (n/a: context series without a target).
DIRECTIONS = ("higher", "lower", "n/a")
#: Other ways of writing a comparison in a workbook cell.
OPERATOR_WORDS: dict[str, str] = {"≥": ">=", "≧": ">=", "以上": ">=", "≤": "<=", "≦": "<=",
                                  "以下": "<=", "超": ">", "未満": "<"}


def target_direction(indicator_direction: object) -> str | None:
    """Default comparison of a target from the indicator's direction (None if n/a)."""
    return DIRECTION_OPERATOR.get(normalize_text(indicator_direction).lower())


def parse_operator(value: object) -> str:
    """A comparison cell (``>=``, ``≥``, ``以上``, …) → one of :data:`OPERATORS`."""
    text = normalize_text(value).replace(" ", "")
    text = OPERATOR_WORDS.get(text, text)
    if text not in OPERATORS:
        raise ParseError(f"expected a comparison {' '.join(OPERATORS)} (or ≥ ≤ 以上 以下 超 "
                         f"未満), got {value!r}")
    return text


# --------------------------------------------------------------------------- ids

#: Indicator ids: a letter, then 2–63 letters, digits or underscores.
ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{2,63}$")
ID_FORMAT = "a letter, then 2–63 letters, digits or _ (e.g. P7_hotel_guests_foreign)"

# --------------------------------------------------------------------------- fiscal years

#: Fiscal years a workbook may name: Kawasaki's post-war statistics start after 1950; a
#: target beyond 2100 is no plan's. (令和99年度 = FY2117 is refused, not stored.)
FIRST_FY, LAST_FY = 1950, 2100

_FY4 = re.compile(r"^FY\s*'?(\d{4})$", re.IGNORECASE)
_FY2 = re.compile(r"^FY\s*'?(\d{2})$", re.IGNORECASE)
_NENDO = re.compile(r"^(\d{4})\s*年度$")
_ERA_NENDO = re.compile(rf"^(?:{ERA_NAMES}|[{ERA_INITIALS}{ERA_INITIALS.lower()}])\s*"
                        r"(?:\d{1,2}|元)\s*年度$")


def current_fiscal_year(today: dt.date | None = None) -> int:
    """The fiscal year in progress (April–March): 2026-11-30 → 2026, 2027-02-01 → 2026."""
    today = today or dt.date.today()
    return today.year if today.month >= 4 else today.year - 1


def parse_fiscal_year(label: object) -> int:
    """A fiscal-year label → the year it starts in.

    Read: ``FY2018``, ``FY 2018``, ``FY18`` (two digits = 20xx), ``2018年度``, era labels
    with 年度 (``H30年度``, ``平成30年度``, ``R3年度``, ``令和元年度``). Refused (with the
    reason): a bare year (``2018`` — fiscal or calendar?), an era year without 年度 (a
    calendar-year label), a month (``2018-04``), and years outside FY1950–FY2100.
    """
    text = normalize_text(label)
    year: int | None = None
    for pattern, offset in ((_FY4, 0), (_FY2, 2000), (_NENDO, 0)):
        match = pattern.match(text)
        if match:
            year = int(match.group(1)) + offset
            break
    if year is None and _ERA_NENDO.match(text.replace(" ", "")):
        year = parse_era_year(text)
    if year is None:
        if re.fullmatch(r"\d{4}(\.0)?", text):
            hint = f"a bare year is ambiguous: write FY{text[:4]} or {text[:4]}年度"
        elif re.fullmatch(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*月?(\s*[-/]\s*\d{1,2})?(\s00:00:00)?",
                          text):
            hint = "a month or date, not a fiscal year"
        elif text.endswith("年"):
            hint = "a calendar-year label: this sheet holds fiscal years (年度)"
        else:
            hint = "expected FY2018, 2018年度, H30年度 or R3年度"
        raise ParseError(f"unreadable fiscal year {label!r}: {hint}")
    if not FIRST_FY <= year <= LAST_FY:
        raise ParseError(f"fiscal year {year} (from {label!r}) outside FY{FIRST_FY}–FY{LAST_FY}")
    return year


# --------------------------------------------------------------------------- values

#: No KPI of a city reaches 10^15 in any unit (Japan's GDP is about 6 × 10^14 yen):
#: a larger magnitude is a typing or export error.
MAX_MAGNITUDE = 1e15


def check_value(value: float, unit: str) -> None:
    """Refuse a value no indicator can take: not finite, beyond :data:`MAX_MAGNITUDE`,
    negative, a rate over 100 %, or a fractional count."""
    if not math.isfinite(value):
        raise ParseError(f"not a finite number: {value!r}")
    if abs(value) > MAX_MAGNITUDE:
        raise ParseError(f"absurd magnitude {value:g} (the bound is {MAX_MAGNITUDE:g})")
    if value < 0:
        raise ParseError(f"impossible value {value:g}: counts and rates are ≥ 0")
    if unit == PERCENT and value > 100:
        raise ParseError(f"impossible value {value:g}: a rate over 100 %")
    if unit_base(unit) in COUNT_UNITS and abs(value - round(value)) > 1e-6 * max(1.0, value):
        raise ParseError(f"a count in {unit} must be a whole number, got {value:g}")


# --------------------------------------------------------------------------- import names

#: An import stored in data/raw/kpi/: ``NNNN_name.xlsx``, NNNN the import sequence
#: (the newest import is the one with the highest number).
IMPORT_NAME = re.compile(r"^(?P<seq>\d{4,})_(?P<stem>[^/\\]+)\.xlsx$")


def import_sequence(filename: str) -> int:
    """The sequence number of a stored import's file name; ParseError if it has none."""
    match = IMPORT_NAME.match(filename)
    if not match:
        raise ParseError(f"{filename!r} is not an import name NNNN_name.xlsx (import "
                         "workbooks with `kawasaki-econ kpi import`)")
    return int(match.group("seq"))


def safe_stem(stem: str) -> str:
    """A file-name stem reduced to letters, digits, ``-`` and ``_`` (Japanese kept)."""
    text = re.sub(r"[^\w\-]+", "_", normalize_text(stem)).strip("_")
    return text[:60] or "workbook"
