"""The processed tables' schemas: one :class:`TableSpec` per table in :data:`SPECS`.

A spec names the table's builder (``"module:function"`` in :mod:`kawasaki_econ.sources`,
called with the verified :class:`~kawasaki_econ.catalog.Inputs`), its input patterns
under ``data/raw`` (the only place they are declared), its columns with their checks,
and its key. :func:`validate` applies the checks. The build engine is
:mod:`kawasaki_econ.build`; the README's schema section is generated from here
(``python -m kawasaki_econ.readme_schemas``).

This module does not import pandas at import time (keeps the CLI fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import ValidationError

if TYPE_CHECKING:
    import pandas as pd

STATUSES = ("final", "preliminary", "estimate", "rounded", "target", "derived", "unknown")
JSIC_DIVISIONS = tuple("ABCDEFGHIJKLMNOPQRS")


@dataclass(frozen=True)
class Column:
    """One column: ``dtype`` is 'str', 'int' (nullable Int64), 'float' or 'bool'."""

    name: str
    dtype: str
    description: str = ""
    nullable: bool = False
    allowed: tuple | None = None
    pattern: str | None = None
    nonneg: bool = False
    bound: Bound | None = None


@dataclass(frozen=True)
class Bound:
    """Largest plausible absolute value of a numeric column, and why (shown in the README)."""

    maximum: float
    reason: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    builder: str  # "module:function", called as function(raw_dir, inputs) -> DataFrame
    inputs: tuple[str, ...]  # glob patterns relative to data/raw
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    extra_ok: bool = field(default=True)
    optional_inputs: tuple[str, ...] = ()  # input patterns that may match no file

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _status() -> Column:
    return Column("status", "str", "final / preliminary / estimate / rounded / target / "
                  "derived / unknown", allowed=STATUSES)


def _source() -> Column:
    return Column("source", "str", "raw file (and column code / sheet / row) of the value")


SPECS: dict[str, TableSpec] = {}

POPULATION_BOUND = Bound(130_000_000, "no count of people, households or establishments in "
                         "Japan can exceed its population (peak 128.1 million, 2008)")


def _spec(spec: TableSpec) -> None:
    SPECS[spec.name] = spec



#: The readers' input files and patterns (relative to data/raw), declared once: the
#: specs below name them and the readers in kawasaki_econ.sources import them.
SSDSE_A_GLOB = "ssdse/SSDSE-A-*.csv"
SSDSE_E_GLOB = "ssdse/SSDSE-E-*.csv"
CENSUS_OTHER = "transcribed/census_other_sources.csv"
JSON_GLOB = "jreast/*.json"
STATION_CSV = "transcribed/station_ridership.csv"
HANEDA = "transcribed/haneda_passengers.csv"
KAWASAKI_TOURISM = "transcribed/kawasaki_tourism.csv"
KANAGAWA_JAPAN_TOURISM = "transcribed/tourism_kanagawa_japan.csv"
MOJ_GLOB = "moj/*.csv"
LOCALGOVJP = "reference/localgovjp-utf8.csv"
CORE_CITIES = "transcribed/core_cities.csv"
INDICATORS = "transcribed/kpi_indicators.csv"
OBSERVATIONS = "transcribed/kpi_observations.csv"
TARGETS = "transcribed/plan_kpi_targets.csv"
EMPLOYMENT = "transcribed/employment_support.csv"
KANKOCHO_WORKBOOKS = "kankocho/*.xlsx"
KANKOCHO_MONTHLY = "kankocho/guest_nights_monthly_*.csv"
SSDSE_B_GLOB = "ssdse/SSDSE-B-*.csv"
KPI_WORKBOOKS = "kpi/*.xlsx"  # the analyst workbooks stored by `kpi import`

_spec(TableSpec(
    name="census",
    description="Economic census / establishment census: establishments and employees by "
    "municipality, census year, scope and JSIC major division",
    builder="kawasaki_econ.sources.ssdse:build_census",
    inputs=(SSDSE_A_GLOB, SSDSE_E_GLOB, CENSUS_OTHER),
    columns=(
        Column("area_code", "str", "5-digit municipality code (14130 = 川崎市; 00000 = 全国; "
               "14000 = 神奈川県)", pattern=r"^\d{5}$"),
        Column("area_name", "str", "municipality name (Japanese)"),
        Column("prefecture", "str", "prefecture name (Japanese)"),
        Column("census_year", "int", "reference year of the census"),
        Column("survey", "str", "which survey", allowed=(
            "economic_census_basic", "economic_census_activity",
            "establishment_enterprise_census")),
        Column("scope", "str", "private = 民営 only; all = including public establishments",
               allowed=("private", "all")),
        Column("industry_code", "str", "ALL or JSIC major division letter",
               allowed=("ALL",) + JSIC_DIVISIONS),
        Column("industry_name_ja", "str", "division name as published"),
        Column("measure", "str", "establishments (事業所) or employees (従業者, persons)",
               allowed=("establishments", "employees")),
        Column("value", "int", "count", nonneg=True, bound=POPULATION_BOUND),
        Column("dataset", "str", "SSDSE-A / SSDSE-E / transcribed"),
        _status(),
        _source(),
    ),
    key=("area_code", "census_year", "survey", "scope", "industry_code", "measure", "status",
         "source"),
))

_spec(TableSpec(
    name="population",
    description="Population and vital statistics by municipality from SSDSE-A",
    builder="kawasaki_econ.sources.population:build_population",
    inputs=(SSDSE_A_GLOB,),
    columns=(
        Column("area_code", "str", "5-digit municipality code", pattern=r"^\d{5}$"),
        Column("area_name", "str"),
        Column("prefecture", "str"),
        Column("year", "int", "reference year given in the release's year row"),
        Column("item_code", "str", "SSDSE item code, e.g. A1101"),
        Column("measure", "str", "population_total, households, births, …"),
        Column("measure_name_ja", "str", "item name as published"),
        Column("value", "int", "persons (households for 'households')", nonneg=True,
               bound=POPULATION_BOUND),
        _status(),
        _source(),
    ),
    key=("area_code", "year", "measure", "source"),
))

_spec(TableSpec(
    name="guest_nights",
    description="Japan Tourism Agency guest nights (延べ宿泊者数, 人泊) by prefecture",
    builder="kawasaki_econ.sources.kankocho:build_guest_nights",
    inputs=(KANKOCHO_WORKBOOKS, KANKOCHO_MONTHLY, SSDSE_B_GLOB),
    columns=(
        Column("area_code", "str", "00 = 全国, 01–47 prefectures", pattern=r"^\d{2}$"),
        Column("area_name", "str"),
        Column("frame", "str", "facility frame: never splice the two",
               allowed=("all_facilities", "employees_10plus")),
        Column("nationality", "str", allowed=("total", "foreign", "japanese")),
        Column("freq", "str", allowed=("month", "year")),
        Column("period", "str", "YYYY-MM (month) or YYYY (calendar year)",
               pattern=r"^\d{4}(-\d{2})?$"),
        Column("value", "int", "person-nights (人泊)", nonneg=True, nullable=True,
               bound=Bound(2_000_000_000, "Japan's guest nights in a whole year are about 0.66 "
                           "billion (2024); 2 billion refuses a misplaced unit (e.g. ×1,000)")),
        _status(),
        Column("release", "str", "publication the value comes from (e.g. 2017-09)"),
        _source(),
    ),
    key=("area_code", "frame", "nationality", "freq", "period", "source"),
))

_spec(TableSpec(
    name="ridership",
    description="Station ridership: daily averages by fiscal year (FY2016 = Apr 2016–Mar 2017)",
    builder="kawasaki_econ.sources.ridership:build_ridership",
    inputs=(JSON_GLOB, STATION_CSV),
    columns=(
        Column("operator", "str"),
        Column("station", "str"),
        Column("fiscal_year", "int", "FY2016 = April 2016–March 2017"),
        Column("measure", "str", "boardings_daily_avg (JR: boardings only) vs "
               "boardings_alightings_daily_avg (private railways) are not comparable"),
        Column("value", "int", "persons per day", nonneg=True,
               bound=Bound(5_000_000, "the busiest station in the world (新宿, all operators "
                           "together) serves about 3.5 million passengers a day")),
        _status(),
        _source(),
        Column("rank_jr_east", "int", "the station's rank in JR East's published top-100 "
               "table of daily boardings for that fiscal year, as given (JR East JSON rows "
               "only; empty for transcribed rows). Named so, not `rank`, because a column "
               "`rank` would shadow DataFrame.rank", nullable=True, nonneg=True,
               bound=Bound(100, "the table lists JR East's 100 busiest stations")),
    ),
    key=("operator", "station", "fiscal_year", "measure", "source"),
))

_spec(TableSpec(
    name="airport",
    description="Haneda (HND) passengers and arrivals",
    builder="kawasaki_econ.sources.transcribed:build_airport",
    inputs=(HANEDA, MOJ_GLOB),
    columns=(
        Column("airport", "str"),
        Column("basis", "str", allowed=("calendar_year", "fiscal_year", "month")),
        Column("period", "str", "YYYY or YYYY-MM", pattern=r"^\d{4}(-\d{2})?$"),
        Column("segment", "str", "international / domestic / total"),
        Column("measure", "str"),
        Column("value", "float", nonneg=True,
               bound=Bound(500_000_000, "the busiest airport in the world handles about 100 "
                           "million passengers a year")),
        Column("unit", "str"),
        _status(),
        _source(),
    ),
    key=("airport", "basis", "period", "segment", "measure", "source"),
))

_spec(TableSpec(
    name="tourism",
    description="Kawasaki tourism points and Kanagawa / national covariates (transcribed)",
    builder="kawasaki_econ.sources.transcribed:build_tourism",
    inputs=(KAWASAKI_TOURISM, KANAGAWA_JAPAN_TOURISM),
    columns=(
        Column("area", "str"),
        Column("series", "str"),
        Column("period_type", "str", allowed=("calendar_year", "fiscal_year", "month")),
        Column("period", "str", pattern=r"^\d{4}(-\d{2})?$"),
        Column("value", "float", nonneg=True,
               bound=Bound(2_000_000_000, "persons or person-nights in a year: Japan's guest "
                           "nights are about 0.66 billion (2024), its domestic trips about 0.6 "
                           "billion")),
        Column("unit", "str"),
        _status(),
        _source(),
    ),
    key=("area", "series", "period_type", "period", "source"),
))

_spec(TableSpec(
    name="kpi",
    description="Plan outcome indicators: observations, draft and final targets",
    builder="kawasaki_econ.sources.kpi:build_kpi",
    inputs=(INDICATORS, OBSERVATIONS, TARGETS, EMPLOYMENT, KPI_WORKBOOKS),
    optional_inputs=(KPI_WORKBOOKS,),
    columns=(
        Column("indicator_id", "str"),
        Column("name_ja", "str"),
        Column("unit", "str"),
        Column("period_type", "str", allowed=("fiscal_year", "calendar_year")),
        Column("period", "int", "fiscal or calendar year (see period_type)"),
        Column("kind", "str", allowed=("actual", "target", "draft_target")),
        Column("value", "float", nonneg=True),
        _status(),
        _source(),
        Column("target_label", "str", "plan or phase a target belongs to (e.g. "
               "第2期実行プログラム); NA for actuals and where the source names none",
               nullable=True),
        Column("direction", "str", "how a value must compare with the target to meet it "
               "(target / draft_target rows; NA for actuals)", nullable=True,
               allowed=(">=", ">", "<=", "<")),
    ),
    key=("indicator_id", "period_type", "period", "kind", "target_label", "source"),
))


_spec(TableSpec(
    name="core_cities",
    description="The core cities (中核市) as listed by 総務省 (transcribed): the peer group of a "
    "core city (kawasaki_econ.analysis.peers)",
    builder="kawasaki_econ.sources.municipal_types:build_core_cities",
    inputs=(CORE_CITIES,),
    columns=(
        Column("area_code", "str", "5-digit municipality code", pattern=r"^\d{5}$"),
        Column("prefecture", "str"),
        Column("name", "str", "city name (Japanese)"),
        Column("category", "str", allowed=("中核市",)),
        Column("as_of", "str", "date the list holds for (YYYY-MM-DD)",
               pattern=r"^\d{4}-\d{2}-\d{2}$"),
        Column("source_url", "str", "the official list"),
        _status(),
        _source(),
    ),
    key=("area_code",),
))

_spec(TableSpec(
    name="municipal_names",
    description="Every municipality and designated-city ward with its reading (kana) and "
    "its romanised name (Hepburn from the reading, see kawasaki_econ.sources."
    "municipal_names), plus 東京都区部",
    builder="kawasaki_econ.sources.municipal_names:build_municipal_names",
    inputs=(LOCALGOVJP,),
    columns=(
        Column("area_code", "str", "5-digit municipality code (leading zero restored: "
               "01100 = 札幌市)", pattern=r"^\d{5}$"),
        Column("prefecture", "str", "prefecture name (Japanese)"),
        Column("name_ja", "str", "name as in the file (a ward: 札幌市 中央区)"),
        Column("reading", "str", "reading in hiragana as in the file (渡名喜村 となきそん)",
               pattern=r"^[\u3041-\u3096\u30fc ]+$"),
        Column("kind", "str", "special_ward = Tokyo's 23 wards; ward = ward of a "
               "designated city; aggregate = 東京都区部",
               allowed=("city", "town", "village", "special_ward", "ward", "aggregate")),
        Column("name_en", "str", "Hepburn without macrons or suffix (Kawasaki, Tonaki, "
               "Sapporo Chuo-ku, Tokyo 23 wards)"),
        Column("name_en_suffixed", "str", "with the suffix as read (Kawasaki-shi, "
               "Tonaki-son)"),
        _status(),
        _source(),
    ),
    key=("area_code",),
))

_spec(TableSpec(
    name="prefecture_panel",
    description="SSDSE-B (47 prefectures x 2012–2023) and SSDSE-E (全国 + 47 prefectures, "
    "per-item reference years) in long form: one row per area, year and item",
    builder="kawasaki_econ.sources.ssdse_pref:build_prefecture_panel",
    inputs=(SSDSE_B_GLOB, SSDSE_E_GLOB),
    columns=(
        Column("area_code", "str", "00 = 全国, 01–47 prefectures", pattern=r"^\d{2}$"),
        Column("area_name", "str"),
        Column("year", "int", "the item's reference year (see year_basis)"),
        Column("year_basis", "str", "what the year means for the item (NSTAC / survey; "
               "unknown where not established)",
               allowed=("calendar", "fiscal", "survey_date", "unknown")),
        Column("item_code", "str", "SSDSE item code, e.g. G7102"),
        Column("item_name_ja", "str", "item name as published"),
        Column("value", "float", "value as published (missing only for a publication marker)",
               nullable=True,
               bound=Bound(10_000_000_000, "the largest item is Japan's GDP in million yen "
                           "(C1121, about 577 million for 全国); 10 billion refuses a "
                           "×1,000 unit slip")),
        Column("unit", "str", "unit where known (人, 人泊, 円, t, ha, …)", nullable=True),
        Column("kind", "str", "count / amount add up across areas; the others do not",
               allowed=("count", "amount", "rate", "price", "spending", "weather")),
        Column("dataset", "str", allowed=("SSDSE-B", "SSDSE-E")),
        _status(),
        _source(),
        Column("reference_period", "str", "e.g. Jan–Dec, Apr–Mar, 1 Oct", nullable=True),
        Column("value_note", "str", "why a value is missing", nullable=True),
    ),
    key=("area_code", "year", "item_code", "dataset"),
))


def input_patterns() -> dict[str, bool]:
    """Every reader input pattern of every table -> may it match no file?"""
    out: dict[str, bool] = {}
    for spec in SPECS.values():
        for pattern in spec.inputs:
            out[pattern] = out.get(pattern, True) and pattern in spec.optional_inputs
    return out


def _where(df: pd.DataFrame, spec: TableSpec, column: str, row: object) -> str:
    """'<source>, column <c> (table <t>, row <n>)': the raw file and row come first."""
    source = df.at[row, "source"] if "source" in df.columns else None
    lead = f"{source}, " if isinstance(source, str) and source else ""
    return f"{lead}column {column} (table {spec.name}, row {row})"


def validate(df: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Coerce dtypes and check the schema (missing values, allowed values, patterns,
    whole and finite numbers, non-negative counts, :class:`Bound`, unique keys); raise
    :class:`ValidationError` naming the first offending row by its ``source`` (raw file
    and row), the column and the table."""
    import numpy as np
    import pandas as pd

    missing = [c for c in spec.column_names() if c not in df.columns]
    if missing:
        raise ValidationError(f"table {spec.name}: missing columns {missing}")
    df = df.copy()

    def fail(col: Column, bad: pd.Series, message: str) -> None:
        if bad.any():
            row = bad[bad].index[0]
            value = df.at[row, col.name]
            raise ValidationError(f"{_where(df, spec, col.name, row)}: "
                                  f"{message.format(value=value)}")

    for col in spec.columns:
        series = df[col.name]
        if not col.nullable:
            fail(col, series.isna(), "missing value")
        if col.dtype in ("int", "float"):
            try:
                numbers = pd.to_numeric(series).astype("float64")
            except (TypeError, ValueError, OverflowError) as exc:
                raise ValidationError(f"table {spec.name}, column {col.name}: not numeric: "
                                      f"{exc}") from exc
            fail(col, numbers.notna() & ~np.isfinite(numbers.fillna(0)),
                 "{value!r} is not a finite number")
            if col.dtype == "int":
                fail(col, numbers.notna() & (numbers != numbers.round()),
                     "{value!r} is not a whole number (counts must be integers)")
            if col.nonneg:
                fail(col, numbers < 0, "negative count {value!r}")
            if col.bound is not None:
                fail(col, numbers.abs() > col.bound.maximum,
                     f"{{value!r}} exceeds the bound {col.bound.maximum:,.0f} "
                     f"({col.bound.reason})")
            series = numbers.astype("Int64") if col.dtype == "int" else numbers
        elif col.dtype == "str":
            series = series.astype("string")
        elif col.dtype == "bool":
            series = series.astype("boolean")
        df[col.name] = series
        if col.allowed is not None:
            fail(col, series.notna() & ~series.isin(col.allowed),
                 f"value {{value!r}} not in {col.allowed}")
        if col.pattern is not None:
            fail(col, series.notna() & ~series.str.fullmatch(col.pattern).fillna(False)
                 .astype(bool), f"value {{value!r}} does not match {col.pattern}")
    dup = df.duplicated(list(spec.key), keep=False)
    if dup.any():
        example = df.loc[dup, list(spec.key)].head(2).to_dict("records")
        raise ValidationError(f"table {spec.name}: duplicated key {spec.key}: {example}")
    order = spec.column_names() + [c for c in df.columns if c not in spec.column_names()]
    return df[order].reset_index(drop=True)
