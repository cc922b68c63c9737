"""Plan outcome indicators (かわさき産業振興プラン): one long table of observations, draft
targets and final targets.

Inputs (all in ``data/raw/transcribed``):

* ``kpi_indicators.csv`` — indicator metadata (id, Japanese name, policy, unit,
  direction). Every other row must name an indicator listed here, except the
  employment-support fragments, which keep their own series ids.
* ``kpi_observations.csv`` — published values (``kind`` actual, once ``target``). The
  column is called ``fiscal_year`` but several notes say the figure is for a calendar year
  ("Stated as a calendar year (2019年)", "calendar-year label (平成19年)"): a row whose note
  says *calendar year* / *calendar-year*, or puts an era year without 度 right before the
  figure ("平成21年 1,327万人"), gets ``period_type`` ``calendar_year``; every other row
  ``fiscal_year``. Rows with a blank ``fiscal_year`` (undated snippets of a
  cumulative count) cannot be placed in time and are left out of the table;
  :func:`read_kpi_observations` still returns them (``period`` missing).
* ``plan_kpi_targets.csv`` — the three targets the 2nd implementation programme changed:
  each row gives a ``draft_target`` row and a ``target`` row (status ``target``, period =
  ``target_fiscal_year``, ``direction`` = the ``comparison`` column, ``target_label`` = the
  programme named in ``source_document``, e.g. 第2期実行プログラム). The indicator is matched by its Japanese name to
  ``kpi_indicators.csv`` (exact, or the indicator name without a trailing bracketed
  qualifier, e.g. 就業支援事業による就職決定者数 → ``PX_job_placements_careersupport``);
  unmatched names fall back to :data:`TARGET_IDS`. ``definition_change`` becomes the note.
* ``employment_support.csv`` — fragments for employment-support indicators, kept with
  their own series ids (the ``series`` column), status mapped as for tourism
  (actual → final, preliminary → preliminary, …); a partial-year value (unit "… only")
  has ``partial_period`` True and a note starting ``PARTIAL PERIOD``.
* ``kpi/NNNN_name.xlsx`` — analyst-supplied indicator histories and targets (dataset
  ``analyst_workbook``), see :func:`read_kpi_workbooks`.

Units (:func:`kawasaki_econ.kpi.rules.normalise_unit`): person counts are normalised to
persons — ``万人`` × 10,000 — so observations
(28 万人) and targets (230,000 persons) compare directly; ``unit`` is then ``persons``.
Percentages get ``unit`` ``%``. Every other unit (件, 施設, 室, sessions, "% increase over
10 years", …) is kept as given. ``unit_original`` and ``value_original`` keep what the
source says.

Status: observations are ``final`` unless the note or unit says the figure is
approximate (約 + number, approximate, rounded) → ``rounded`` (values a source gives in
万人 are not marked rounded for that alone); observation targets and plan targets
are ``target``.

Targets: every ``target`` / ``draft_target`` row has ``direction`` — how the value must
compare with the target to meet it (one of :data:`kawasaki_econ.kpi.rules.OPERATORS`) —
from the source where it says so, else from the indicator's own direction
(:data:`~kawasaki_econ.kpi.rules.DIRECTION_OPERATOR`: higher → ``>=``, lower → ``<=``);
``target_label`` names the plan or phase the target belongs to where the
source says so. Both are missing (NA) on ``actual`` rows.

Columns: indicator_id, name_ja, unit, period_type, period, kind (actual / draft_target /
target), value, status, source, target_label, direction, plus value_original,
unit_original, rounded, partial_period, policy, indicator_direction (the indicator's
``higher`` / ``lower`` / ``n/a`` from kpi_indicators.csv), dataset, source_url,
source_document, note.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..catalog import Inputs
from ..errors import IngestError
from ..kpi.merge import KEY, combine, read_stored, stored_imports
from ..kpi.rows import KPI_COLUMNS, KpiRow, rows_frame
from ..kpi.rules import ID_PATTERN, OPERATORS, normalise_unit, target_direction
from ..kpi.workbook import Indicator
from ..parse import ERA_NAMES, name_key, normalize_text
from ..schema import EMPLOYMENT, INDICATORS, KPI_WORKBOOKS, OBSERVATIONS, SPECS, TARGETS
from .common import number_cell, read_csv_table, reader_inputs, text_cell, year_cell
from .transcribed import (
    APPROX_JA,
    SERIES_COLUMNS,
    is_partial,
    map_status,
    partial_note,
    refine_status,
)

INDICATOR_COLUMNS = ("indicator_id", "name_ja", "policy", "unit", "direction", "source_url")
OBSERVATION_COLUMNS = ("indicator_id", "fiscal_year", "kind", "value", "unit", "source_url",
                       "source_note")
TARGET_COLUMNS = ("indicator_name_ja", "policy", "period", "target_fiscal_year", "draft_target",
                  "final_target", "comparison", "unit", "definition_change", "source_document",
                  "source_page")

#: Fallback ids for plan-target names not found in kpi_indicators.csv.
TARGET_IDS: dict[str, str] = {
    "宿泊施設の年間宿泊客数（外国人）": "P7_hotel_guests_foreign",
    "消費生活相談の年度内完了率": "PX_consumer_consult_completion_rate",
    "就業支援事業による就職決定者数": "PX_job_placements_careersupport",
}

#: Japanese labels of the employment-support series (from the sources' own wording).
EMPLOYMENT_NAMES: dict[str, str] = {
    "job_placements_career_support_kawasaki": "キャリアサポートかわさき 就職採用決定者数",
    "job_placements_ward_office_kawasaki_ku": "就業マッチング事業 川崎区役所サテライト 就職決定者数",
    "job_placements_ward_office_tama_ku": "就業マッチング事業 多摩区役所サテライト 就職決定者数",
    "career_counselling_sessions_kawasaki_ku": "就業マッチング事業 川崎区役所サテライト 就職相談回数",
    "career_counselling_sessions_tama_ku": "就業マッチング事業 多摩区役所サテライト 就職相談回数",
}

_KINDS = ("actual", "target", "draft_target")
_CALENDAR_NOTE = re.compile(r"calendar[- ]year", re.IGNORECASE)
_APPROX_NOTE = re.compile(rf"{APPROX_JA}|approximate|rounded", re.IGNORECASE)
#: an era-year label without 度 directly before the figure: "平成21年 1,327万人"
_ERA_CALENDAR = re.compile(rf"(?:{ERA_NAMES})\s*(?:\d+|元)\s*年(?!度)\s*[\d,.]+\s*万?人")
_QUALIFIER = re.compile(r"[（(][^（）()]*[）)]$")
#: the plan phase named in a source document: "…第2期実行プログラム (…)"
_PHASE = re.compile(r"第\s*\d+\s*期\s*実行プログラム")



def _observation_period_type(note: str) -> str:
    """kpi_observations' ``fiscal_year`` column holds calendar years where the note says so."""
    if _CALENDAR_NOTE.search(note) or _ERA_CALENDAR.search(note):
        return "calendar_year"
    return "fiscal_year"


def read_kpi_indicators(raw: Path) -> pd.DataFrame:
    """Indicator metadata: indicator_id, name_ja, policy, unit (normalised), unit_original,
    direction, source_url, source."""
    table = read_csv_table(Path(raw) / INDICATORS, Path(raw), INDICATOR_COLUMNS)
    f = table.file
    rows, seen = [], {}
    for i, r in enumerate(table.rows):
        line = table.lines[i]
        ident = text_cell(r["indicator_id"], file=f, row=line, column="indicator_id",
                          pattern=ID_PATTERN, expected="an indicator id such as P7_hotel_guests")
        if ident in seen:
            raise IngestError(f"indicator_id {ident!r} already defined in row {seen[ident]}",
                              file=f, row=line, column="indicator_id")
        seen[ident] = line
        unit_text = text_cell(r["unit"], file=f, row=line, column="unit")
        rows.append({
            "indicator_id": ident,
            "name_ja": text_cell(r["name_ja"], file=f, row=line, column="name_ja"),
            "policy": normalize_text(r["policy"]) or None,
            "unit": normalise_unit(unit_text)[0],
            "unit_original": unit_text,
            "direction": normalize_text(r["direction"]) or None,
            "source_url": normalize_text(r["source_url"]) or None,
            "source": table.source(i),
        })
    return pd.DataFrame(rows)


def read_kpi_observations(raw: Path, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """All rows of kpi_observations.csv, including undated ones (``period`` missing)."""
    raw = Path(raw)
    if indicators is None:
        indicators = read_kpi_indicators(raw)
    meta = indicators.set_index("indicator_id")
    table = read_csv_table(raw / OBSERVATIONS, raw, OBSERVATION_COLUMNS)
    f = table.file
    rows = []
    for i, r in enumerate(table.rows):
        line = table.lines[i]
        ident = text_cell(r["indicator_id"], file=f, row=line, column="indicator_id")
        if ident not in meta.index:
            raise IngestError(f"indicator_id {ident!r} is not in {INDICATORS}", file=f, row=line,
                              column="indicator_id")
        kind = normalize_text(r["kind"])
        if kind not in _KINDS:
            raise IngestError(f"expected kind one of {list(_KINDS)}, found {r['kind']!r}",
                              file=f, row=line, column="kind")
        period = (year_cell(r["fiscal_year"], file=f, row=line, column="fiscal_year")
                  if normalize_text(r["fiscal_year"]) else None)
        note = normalize_text(r["source_note"])
        unit_text = text_cell(r["unit"], file=f, row=line, column="unit")
        unit, factor = normalise_unit(unit_text)
        value = number_cell(r["value"], file=f, row=line, column="value")
        rounded = bool(_APPROX_NOTE.search(note) or _APPROX_NOTE.search(unit_text))
        status = "target" if kind != "actual" else ("rounded" if rounded else "final")
        rows.append(KpiRow(
            indicator_id=ident,
            name_ja=meta.at[ident, "name_ja"],
            unit=unit,
            period_type=_observation_period_type(note),
            period=period,
            kind=kind,
            value=value * factor,
            status=status,
            source=table.source(i),
            direction=(None if kind == "actual"
                       else target_direction(meta.at[ident, "direction"])),
            value_original=value,
            unit_original=unit_text,
            rounded=rounded,
            partial_period=is_partial(unit_text, note),
            policy=meta.at[ident, "policy"],
            indicator_direction=meta.at[ident, "direction"],
            dataset="kpi_observations",
            source_url=normalize_text(r["source_url"]) or None,
            note=note,
        ))
    df = rows_frame(rows)
    df["period"] = df["period"].astype("Int64")
    return df


def _match_indicator(name: str, indicators: pd.DataFrame) -> str | None:
    key = name_key(name)
    exact = [i for i, n in zip(indicators["indicator_id"], indicators["name_ja"], strict=True)
             if name_key(n) == key]
    if len(exact) == 1:
        return exact[0]
    base = [i for i, n in zip(indicators["indicator_id"], indicators["name_ja"], strict=True)
            if name_key(_QUALIFIER.sub("", normalize_text(n))) == key]
    if len(base) == 1:
        return base[0]
    return TARGET_IDS.get(normalize_text(name)) or TARGET_IDS.get(name)


def read_plan_targets(raw: Path, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Draft and final targets of plan_kpi_targets.csv (two rows per input row)."""
    raw = Path(raw)
    if indicators is None:
        indicators = read_kpi_indicators(raw)
    meta = indicators.set_index("indicator_id")
    table = read_csv_table(raw / TARGETS, raw, TARGET_COLUMNS)
    f = table.file
    rows = []
    for i, r in enumerate(table.rows):
        line = table.lines[i]
        name = text_cell(r["indicator_name_ja"], file=f, row=line, column="indicator_name_ja")
        ident = _match_indicator(r["indicator_name_ja"].strip(), indicators)
        if ident is None:
            raise IngestError(f"indicator {name!r} matches no name in {INDICATORS}; add it "
                              "there", file=f, row=line, column="indicator_name_ja")
        known = ident in meta.index
        unit_text = text_cell(r["unit"], file=f, row=line, column="unit")
        unit, factor = normalise_unit(unit_text)
        period = year_cell(r["target_fiscal_year"], file=f, row=line,
                           column="target_fiscal_year")
        document = " ".join(
            p for p in (normalize_text(r["source_document"]), normalize_text(r["source_page"]))
            if p)
        phase = _PHASE.search(normalize_text(r["source_document"]))
        label = (phase.group(0).replace(" ", "") if phase
                 else normalize_text(r["period"]) or None)
        comparison = normalize_text(r["comparison"])
        if comparison and comparison not in OPERATORS:
            raise IngestError(f"expected comparison one of {list(OPERATORS)}, found "
                              f"{r['comparison']!r}", file=f, row=line, column="comparison")
        indicator_direction = meta.at[ident, "direction"] if known else None
        direction = comparison or target_direction(indicator_direction)
        for column, kind in (("draft_target", "draft_target"), ("final_target", "target")):
            value = number_cell(r[column], file=f, row=line, column=column)
            rows.append(KpiRow(
                indicator_id=ident,
                name_ja=meta.at[ident, "name_ja"] if known else name,
                unit=unit,
                period=period,
                kind=kind,
                value=value * factor,
                status="target",
                source=f"{table.source(i)}, column {column}",
                target_label=label,
                direction=direction,
                value_original=value,
                unit_original=unit_text,
                policy=normalize_text(r["policy"]) or None,
                indicator_direction=indicator_direction,
                dataset="plan_kpi_targets",
                source_document=document or None,
                note=f"{normalize_text(r['period'])}; {normalize_text(r['definition_change'])}",
            ))
    return rows_frame(rows)


def read_employment_support(raw: Path) -> pd.DataFrame:
    """employment_support.csv fragments, each series as its own indicator_id."""
    raw = Path(raw)
    table = read_csv_table(raw / EMPLOYMENT, raw, SERIES_COLUMNS)
    f = table.file
    rows = []
    for i, r in enumerate(table.rows):
        line = table.lines[i]
        series = text_cell(r["series"], file=f, row=line, column="series", pattern=ID_PATTERN,
                           expected="a series id such as job_placements_career_support_kawasaki")
        period_type = normalize_text(r["period_type"])
        if period_type not in ("fiscal_year", "calendar_year"):
            raise IngestError(f"expected period_type fiscal_year or calendar_year, found "
                              f"{r['period_type']!r}", file=f, row=line, column="period_type")
        unit_text = text_cell(r["unit"], file=f, row=line, column="unit")
        unit, factor = normalise_unit(unit_text)
        note = normalize_text(r["source_note"])
        status = refine_status(map_status(r["status"], file=f, row=line), unit_text)
        partial = is_partial(unit_text, note)
        value = number_cell(r["value"], file=f, row=line, column="value")
        rows.append(KpiRow(
            indicator_id=series,
            name_ja=EMPLOYMENT_NAMES.get(series, series),
            unit=unit,
            period_type=period_type,
            period=year_cell(r["period"], file=f, row=line, column="period"),
            kind="target" if status == "target" else "actual",
            value=value * factor,
            status=status,
            source=table.source(i),
            value_original=value,
            unit_original=unit_text,
            rounded=status == "rounded",
            partial_period=partial,
            dataset="employment_support",
            source_url=normalize_text(r["source_url"]) or None,
            note=f"area {normalize_text(r['area'])}; "
                 + partial_note(note, unit_text, partial),
        ))
    return rows_frame(rows)


def known_indicators(raw: Path) -> dict[str, Indicator]:
    """The shipped indicator definitions (kpi_indicators.csv, plus the plan-target names
    matched through :data:`TARGET_IDS`): what an analyst's workbook is checked against."""
    raw = Path(raw)
    ind = read_kpi_indicators(raw)
    out = {r.indicator_id: Indicator(r.indicator_id, r.name_ja, r.unit, r.direction or "n/a",
                                     r.source)
           for r in ind.itertuples(index=False)}
    targets = read_plan_targets(raw, ind)
    for r in targets.drop_duplicates("indicator_id").itertuples(index=False):
        if r.indicator_id not in out:
            out[r.indicator_id] = Indicator(r.indicator_id, r.name_ja, r.unit, "higher",
                                            r.source)
    return out


def read_kpi_workbooks(raw: Path, known: dict[str, Indicator] | None = None,
                       paths: list[Path] | None = None) -> pd.DataFrame:
    """Analyst-supplied indicator histories and targets ``data/raw/kpi/NNNN_name.xlsx``
    (all on disk, or the given ``paths``; format and validation:
    :mod:`kawasaki_econ.kpi.workbook`), newest import winning (:mod:`kawasaki_econ.kpi.merge`).
    Empty (with the kpi columns) without workbooks."""
    raw = Path(raw)
    contents = read_stored(raw, known if known is not None else known_indicators(raw),
                           stored_imports(raw, paths))
    rows = combine(contents).rows
    return rows if len(rows) else pd.DataFrame(
        {c: pd.Series(dtype="object") for c in KPI_COLUMNS})


def check_target_clash(shipped: pd.DataFrame, workbooks: pd.DataFrame) -> None:
    """A workbook target may not restate a shipped target (same indicator, kind, year and
    label): the shipped value is the published one; a new target needs its own label."""
    key = [k for k in KEY if k != "period_type"]
    ship = shipped[shipped["kind"] != "actual"][key + ["value", "source"]]
    mine = workbooks[workbooks["kind"] != "actual"]
    both = mine.merge(ship, on=key, suffixes=("", "_shipped"))
    if len(both):
        r = both.iloc[0]
        raise IngestError(f"target {r['indicator_id']} / {r['target_label']} / FY"
                          f"{r['period']} is already given by {r['source_shipped']} "
                          f"({r['value_shipped']:,.10g}); give a new target its own "
                          "target_label", file=str(r["source"]))


def shipped_kpi(raw: Path) -> pd.DataFrame:
    """The kpi rows from the shipped (transcribed) files; undated observations left out."""
    raw = Path(raw)
    indicators = read_kpi_indicators(raw)
    observations = read_kpi_observations(raw, indicators)
    observations = observations[observations["period"].notna()]
    return pd.concat([observations, read_plan_targets(raw, indicators),
                      read_employment_support(raw)], ignore_index=True)


def build_kpi(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """The ``kpi`` long table (see the module docstring): shipped rows plus the analyst's
    imports (newest import winning). A build passes the verified ``inputs``: only the
    workbooks among them are read."""
    raw = Path(raw)
    inputs = reader_inputs(raw, inputs, SPECS["kpi"].inputs)  # the patterns live in schema.py
    for rel in (INDICATORS, OBSERVATIONS, TARGETS, EMPLOYMENT):
        inputs.one(rel)  # a verified build must include each shipped file
    shipped = shipped_kpi(raw)
    workbooks = read_kpi_workbooks(raw, known_indicators(raw), inputs.match(KPI_WORKBOOKS))
    parts = [shipped]
    if len(workbooks):
        check_target_clash(shipped, workbooks)
        parts.append(workbooks[list(KPI_COLUMNS)])
    df = pd.concat(parts, ignore_index=True)
    df["period"] = df["period"].astype("Int64")
    return df
