"""Write the KPI workbook template (``kawasaki-econ kpi template FILE.xlsx``).

Sheet ``indicators``: one row per known indicator (the shipped definitions and those an
earlier import added) — ``indicator_id``, ``name_ja``, ``unit`` and ``direction`` filled
in from the definition, ``status`` ``final``, ``note`` empty — and one empty column per
fiscal year FY2010 … the current fiscal year (add later years as ``FY2027`` columns when
they begin). Sheet ``targets``: the target header, empty. Sheet ``説明``: how to fill it
in, with the shipped plan targets as examples. The format is read by
:mod:`kawasaki_econ.kpi.workbook`.
"""

from __future__ import annotations

from pathlib import Path

from ..kpi import rules
from ..kpi.merge import definitions, read_stored
from ..kpi.workbook import INDICATOR_HEADERS, SHEET, STATUSES, TARGET_HEADERS, TARGET_SHEET
from ..paths import raw_dir
from ..sources.kpi import known_indicators, read_plan_targets

FIRST_TEMPLATE_FY = 2010


def write_template(path: Path, root: Path | None = None) -> Path:
    """Write the Excel template to ``path`` (openpyxl); return the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    raw = raw_dir(root)
    shipped = known_indicators(raw)
    known = definitions(shipped, read_stored(raw, shipped))
    years = range(FIRST_TEMPLATE_FY, rules.current_fiscal_year() + 1)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    header = list(INDICATOR_HEADERS) + [f"FY{y}" for y in years]
    ws.append(header)
    for ind in known.values():
        ws.append([ind.indicator_id, ind.name_ja, ind.unit, ind.direction, "final", None])
    first, last = len(INDICATOR_HEADERS) + 1, len(header)
    last_row = ws.max_row + 50
    counts = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True, showErrorMessage=True,
                            error="数値（0以上）を入力してください / enter a number ≥ 0")
    rates = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                           allow_blank=True, showErrorMessage=True,
                           error="0〜100 の数値（%）/ a rate between 0 and 100")
    for validation in (counts, rates):
        ws.add_data_validation(validation)
    units = [ind.unit for ind in known.values()]
    for row in range(2, last_row + 1):
        is_rate = row - 2 < len(units) and units[row - 2] == rules.PERCENT
        (rates if is_rate else counts).add(
            f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}")
    _list_validation(ws, list(STATUSES), f"E2:E{last_row}")
    _list_validation(ws, list(rules.DIRECTIONS), f"D2:D{last_row}")
    _bold(ws, Font, PatternFill)
    ws.freeze_panes = f"{get_column_letter(first)}2"
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 48

    targets = wb.create_sheet(TARGET_SHEET)
    targets.append(list(TARGET_HEADERS))
    _bold(targets, Font, PatternFill)
    _list_validation(targets, list(rules.OPERATORS), "F2:F500")
    targets.column_dimensions["A"].width = 36
    targets.column_dimensions["B"].width = 28

    notes = wb.create_sheet("説明")
    for line in _instructions(raw):
        notes.append(line)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _bold(ws, font, fill) -> None:
    for cell in ws[1]:
        cell.font = font(bold=True)
        cell.fill = fill("solid", fgColor="DDEBF7")


def _list_validation(ws, values: list[str], cells: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                                allow_blank=True)
    ws.add_data_validation(validation)
    validation.add(cells)


def _instructions(raw: Path) -> list[list[object]]:
    scales = "、".join(f"{p}人 (×{s:,})" for p, s in rules.UNIT_SCALES.items())
    lines: list[list[object]] = [[text] for text in (
        "成果指標の実績値・目標値入力用テンプレート (kawasaki_econ)",
        "■ indicators シート: 1行 = 1指標。年度列 (FY2016 = 2016年4月〜2017年3月) に実績値を入力。",
        "  年度の見出しは FY2018 / FY18 / 2018年度 / H30年度 / R3年度 のいずれでも可。列は追加できます。",
        "  不明な年度は空欄のまま（0 を入れないでください）。率 (%) は 0〜100。",
        "  単位は指標の定義の単位。unit 欄を " + scales + " にすると換算して取り込みます。",
        "  新しい指標: 行を追加し indicator_id（英字で始まる英数字と _、3〜64文字）、name_ja、unit、"
        "direction (higher / lower / n/a) を入力。",
        "  status: final（確定）/ preliminary（速報）/ estimate（推計）。",
        "■ targets シート: 1行 = 1目標。indicator_id、target_label（計画・期の名前）、fiscal_year、"
        "value、unit（空欄 = 指標の単位）、direction (>= > <= <; 空欄 = 指標の方向)。",
        "■ 取込: kawasaki-econ kpi import FILE.xlsx（同じ指標・年度は新しい取込が優先）",
        "  一覧: kawasaki-econ kpi list ／ 取消: kawasaki-econ kpi remove NAME",
        "One row per indicator; fiscal-year columns; leave unknown years blank (never 0).",
        "Targets: one row per target in the 'targets' sheet; any number per indicator.",
        "",
        "例 / examples (shipped plan targets, already in the data):",
    )]
    lines.append(list(TARGET_HEADERS[:6]))
    plan = read_plan_targets(raw)
    for r in plan[plan["kind"] == "target"].itertuples(index=False):
        lines.append([r.indicator_id, r.target_label, f"FY{r.period}", r.value, r.unit,
                      r.direction])
    return lines
