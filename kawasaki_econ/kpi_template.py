"""The analyst's indicator-history workbook: write the template, validate and import it.

Kawasaki's own yearly series for its plan indicators are not published in a usable form,
so analysts keep them in a workbook of this format and import it:

``kawasaki-econ kpi template FILE.xlsx`` writes the template: sheet ``indicators`` with
one row per plan indicator — ``indicator_id``, ``name_ja``, ``unit``, ``direction``,
``target_fiscal_year``, ``target``, ``status`` (final / preliminary / estimate; default
final) — and one column per fiscal year (``FY2010`` … ``FY2025``; FY2016 = April 2016 –
March 2017), with number validation on the year cells (no negatives; at most 100 for
rates in %). Sheet ``説明`` explains it.

``kawasaki-econ kpi import FILE.xlsx`` validates the filled workbook — unknown indicator,
text in a number cell, duplicate year column, duplicate indicator row, impossible value
(negative, or a rate over 100 %) each raise :class:`~kawasaki_econ.errors.IngestError`
naming sheet, row and column — then copies it to ``data/raw/kpi/``, registers it in
``data/raw/catalog.toml`` and rebuilds the ``kpi`` table. The shipped data stay untouched.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pandas as pd

from .errors import IngestError, ParseError
from .parse import normalize_text, parse_era_year, parse_number
from .sources.common import rel

SHEET = "indicators"
FIXED = ["indicator_id", "name_ja", "unit", "direction", "target_fiscal_year", "target", "status"]
YEARS = range(2010, 2026)
STATUSES = ("final", "preliminary", "estimate")
_FY_RE = re.compile(r"^FY\s*(\d{4})$", re.IGNORECASE)


def _known_indicators(root: Path | None = None) -> pd.DataFrame:
    """Plan indicators (id, name, unit, direction) and their final targets from the kpi
    table's transcribed sources (analyst workbooks excluded)."""
    from .paths import raw_dir
    from .sources.kpi import read_kpi_indicators, read_plan_targets

    raw = raw_dir(root)
    ind = read_kpi_indicators(raw)
    targets = read_plan_targets(raw, ind)
    final = targets[targets["kind"] == "target"].set_index("indicator_id")
    out = ind[["indicator_id", "name_ja", "unit", "direction"]].drop_duplicates("indicator_id")
    extra = targets[~targets["indicator_id"].isin(out["indicator_id"])]
    if len(extra):
        out = pd.concat([out, extra[["indicator_id", "name_ja", "unit"]].drop_duplicates(
            "indicator_id").assign(direction="higher")], ignore_index=True)
    out["target_fiscal_year"] = out["indicator_id"].map(final["period"])
    out["target"] = out["indicator_id"].map(final["value"])
    return out.reset_index(drop=True)


def write_template(path: Path, root: Path | None = None) -> Path:
    """Write the Excel template to ``path`` (openpyxl)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    known = _known_indicators(root)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    header = FIXED + [f"FY{y}" for y in YEARS]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for rec in known.itertuples(index=False):
        target = None if pd.isna(rec.target) else float(rec.target)
        year = None if pd.isna(rec.target_fiscal_year) else int(rec.target_fiscal_year)
        ws.append([rec.indicator_id, rec.name_ja, rec.unit, rec.direction, year, target,
                   "final"])
    first_year_col = len(FIXED) + 1
    last_row = max(ws.max_row, 2) + 50
    counts = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True, showErrorMessage=True,
                            error="数値（0以上）を入力してください / enter a number ≥ 0")
    ws.add_data_validation(counts)
    rate_rows = [i for i, u in enumerate(known["unit"], start=2) if str(u).strip() == "%"]
    rates = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                           allow_blank=True, showErrorMessage=True,
                           error="0〜100 の数値（%）/ a rate between 0 and 100")
    ws.add_data_validation(rates)
    for row in range(2, last_row + 1):
        target = rates if row in rate_rows else counts
        target.add(f"{get_column_letter(first_year_col)}{row}:"
                   f"{get_column_letter(len(header))}{row}")
    status = DataValidation(type="list", formula1='"final,preliminary,estimate"',
                            allow_blank=True)
    ws.add_data_validation(status)
    status.add(f"G2:G{last_row}")
    ws.freeze_panes = "H2"
    ws.column_dimensions["B"].width = 48
    notes = wb.create_sheet("説明")
    for line in (
        "成果指標の実績値入力用テンプレート (kawasaki_econ)",
        "1行 = 1指標。年度列 (FY2016 = 2016年4月〜2017年3月) に実績値を入力してください。",
        "不明な年度は空欄のまま（0 を入れないでください）。率 (%) は 0〜100。",
        "indicator_id は変更しないでください。新しい指標は kpi_indicators.csv に登録が必要です。",
        "status: final（確定）/ preliminary（速報）/ estimate（推計）。",
        "取込: kawasaki-econ kpi import FILE.xlsx",
        "One row per indicator; fiscal-year columns; leave unknown years blank (never 0).",
    ):
        notes.append([line])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _fy_column(label: object) -> int | None:
    text = normalize_text(label)
    match = _FY_RE.match(text)
    if match:
        return int(match.group(1))
    if text.endswith("年度"):
        try:
            return parse_era_year(text)
        except ParseError:
            return None
    return None


def read_workbook(path: Path, raw: Path | None = None, *, known: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """Validate a filled template and return kpi-table rows (kind ``actual``).

    Raises :class:`IngestError` naming the sheet, row and column of the first problem.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    name = path.name if raw is None else rel(path, raw)
    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises several types for a non-workbook
        raise IngestError(f"not a readable .xlsx workbook ({exc})", file=name) from exc
    if SHEET not in wb.sheetnames:
        raise IngestError(f"sheet '{SHEET}' not found (sheets: {wb.sheetnames})", file=name,
                          sheet=SHEET)
    rows = list(wb[SHEET].iter_rows(values_only=True))
    if not rows:
        raise IngestError("the sheet is empty", file=name, sheet=SHEET)
    header = [normalize_text(h) for h in rows[0]]
    for col in FIXED[:3]:
        if col not in header:
            raise IngestError(f"header lacks column {col!r}", file=name, sheet=SHEET, row=1,
                              column=col)
    years: dict[int, int] = {}
    for j, label in enumerate(header):
        year = _fy_column(label)
        if year is None:
            continue
        if year in years:
            raise IngestError(f"fiscal year {year} appears twice (also column "
                              f"{get_column_letter(years[year] + 1)})", file=name, sheet=SHEET,
                              row=1, column=get_column_letter(j + 1))
        years[year] = j
    if not years:
        raise IngestError("no fiscal-year columns (expected headers like 'FY2016')",
                          file=name, sheet=SHEET, row=1)
    known = known if known is not None else _known_indicators(
        None if raw is None else Path(raw).parent.parent)
    known_ids = set(known["indicator_id"])
    idx = {c: header.index(c) for c in FIXED if c in header}
    seen: dict[str, int] = {}
    out = []
    for i, row in enumerate(rows[1:], start=2):
        ident = normalize_text(row[idx["indicator_id"]]) if idx["indicator_id"] < len(row) else ""
        if not ident:
            if any(v not in (None, "") for v in row):
                raise IngestError("row has values but no indicator_id", file=name,
                                  sheet=SHEET, row=i, column="A")
            continue
        if ident not in known_ids:
            raise IngestError(f"unknown indicator {ident!r} (known: {sorted(known_ids)})",
                              file=name, sheet=SHEET, row=i, column="A")
        if ident in seen:
            raise IngestError(f"indicator {ident} appears twice (also row {seen[ident]})",
                              file=name, sheet=SHEET, row=i, column="A")
        seen[ident] = i
        unit = normalize_text(row[idx["unit"]]) if idx["unit"] < len(row) else ""
        status = normalize_text(row[idx["status"]]) if "status" in idx and idx[
            "status"] < len(row) else ""
        status = status or "final"
        if status not in STATUSES:
            raise IngestError(f"status {status!r} not in {STATUSES}", file=name, sheet=SHEET,
                              row=i, column=get_column_letter(idx["status"] + 1))
        for year, j in years.items():
            cell = row[j] if j < len(row) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            where = dict(file=name, sheet=SHEET, row=i, column=f"{get_column_letter(j + 1)} "
                         f"(FY{year})")
            try:
                value, reason = parse_number(cell)
            except ParseError as exc:
                raise IngestError(f"text in a number cell: {cell!r}", **where) from exc
            if value is None:
                continue  # a publication marker (-, x, …): missing, never zero
            if value < 0:
                raise IngestError(f"impossible value {value:g}: counts and rates are ≥ 0",
                                  **where)
            if unit == "%" and value > 100:
                raise IngestError(f"impossible value {value:g}: a rate over 100 %", **where)
            out.append({
                "indicator_id": ident,
                "name_ja": normalize_text(row[idx["name_ja"]]),
                "unit": unit,
                "period_type": "fiscal_year",
                "period": year,
                "kind": "actual",
                "value": value,
                "status": status,
                "source": f"{name}#{SHEET}!{get_column_letter(j + 1)}{i}",
                "dataset": "analyst_workbook",
            })
    return pd.DataFrame(out, columns=["indicator_id", "name_ja", "unit", "period_type",
                                      "period", "kind", "value", "status", "source", "dataset"])


def import_workbook(path: Path, root: Path | None = None) -> Path:
    """Validate ``path``, copy it to ``data/raw/kpi/`` (a new file name per content: raw
    files are immutable), register it in the catalogue and rebuild the kpi table."""
    from . import catalog, tables
    from .paths import raw_dir

    path = Path(path)
    if not path.is_file():
        raise IngestError("file not found", file=str(path))
    rows = read_workbook(path, known=_known_indicators(root))  # validate before writing
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    dest_dir = raw_dir(root) / "kpi"
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{path.stem}_{digest}.xlsx"
    if not dest.exists():
        tmp = dest.with_suffix(".xlsx.tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(dest)
    catalog.register(dest, {
        "publisher": "analyst-supplied (kawasaki-econ kpi import)",
        "origin": f"imported from {path.name}",
        "retrieved": pd.Timestamp.now().strftime("%Y-%m-%d"),
        "release": f"{len(rows)} values",
        "encoding": "xlsx",
        "format": "kawasaki_econ indicator template (sheet 'indicators', FY columns)",
        "license": "as supplied by the analyst",
        "covers": ", ".join(sorted(set(rows["indicator_id"]))) or "no values",
        "caveats": "analyst-supplied values; check their source before publishing",
    }, root)
    tables.build(["kpi"], root=root, quiet=True)
    return dest
