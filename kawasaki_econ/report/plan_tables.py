"""The plan-specific sheets, written only for a focus with a plan (see
:mod:`kawasaki_econ.analysis.coverage`): the claims audit with its numbers as numbers,
and the outcome indicators' status board."""

from __future__ import annotations

import pandas as pd

from ..analysis.claims import ClaimResult, audit_table
from ..analysis.claims.display import COLUMNS
from ..analysis.claims.values import audit_values, component_label
from .key_tables import COUNT, PLAIN, KeyTable, english_area_names
from .wording import t, value_label

#: Excel number format per kind of audit number (percent values are stored as fractions).
VALUE_FORMATS = {"percent": "0.0%", "rank": "0", "year": "0", "count": "#,##0"}


def _excel_number(value: float | None, kind: str) -> float | None:
    if value is None or pd.isna(value):
        return None
    return round(value / 100.0, 12) if kind == "percent" else value


def claims_sheet(results: list[ClaimResult], lang: str) -> KeyTable:
    """The audit as a sheet: one row per claim and numeric component (the item first, so
    that the printed pages repeat it; the claim's ID last), the plan's and the
    data's value as numbers (format per row: ``#,##0``, ``0.0%``, ``0``), the status,
    and on a claim's first row the tolerance, the explanation, the plan's text, where it
    stands and the sources, in ``lang``."""
    readable = audit_table(results, lang)
    col = {key: names[lang] for key, names in COLUMNS.items()}
    if lang == "en":  # area names of the sentences in English; the plan's own text stays
        readable = readable.map(english_area_names).assign(
            **{col["statement"]: readable[col["statement"]]})
    by_id = readable.set_index(col["id"])
    values = audit_values(results)
    h = {k: t("headers", k, lang) for k in ("claim_id", "item", "component", "plan_value",
                                             "data_value", "unit", "verdict", "tolerance",
                                             "detail", "source")}
    units = {r.id: (r.unit_ja if lang == "ja" else r.unit_en) or r.unit for r in results}
    label, status, tolerance = col["label"], col["status"], col["tolerance"]
    detail, sources = col["detail"], col["sources"]
    frame = pd.DataFrame({
        h["item"]: [by_id.loc[i, label] for i in values["id"]],
        h["component"]: [component_label(c, lang) for c in values["component"]],
        h["plan_value"]: [_excel_number(v, k) for v, k in zip(values["plan"], values["kind"],
                                                              strict=True)],
        h["data_value"]: [_excel_number(v, k) for v, k in zip(values["data"], values["kind"],
                                                              strict=True)],
        h["unit"]: [units[i] if k != "percent" else "%" for i, k in zip(values["id"],
                                                                         values["kind"],
                                                                         strict=True)],
        h["verdict"]: [by_id.loc[i, status] for i in values["id"]],
        h["tolerance"]: [by_id.loc[i, tolerance] for i in values["id"]],
        h["detail"]: [by_id.loc[i, detail] for i in values["id"]],
        col["statement"]: [by_id.loc[i, col["statement"]] for i in values["id"]],
        col["page"]: [by_id.loc[i, col["page"]] for i in values["id"]],
        h["source"]: [by_id.loc[i, sources] for i in values["id"]],
        h["claim_id"]: values["id"],
    })
    repeat = values["id"].duplicated().to_numpy()  # a claim's later components: no long text twice
    for key in (h["tolerance"], h["detail"], col["statement"], col["page"], h["source"]):
        frame.loc[repeat, key] = None
    row_formats = [VALUE_FORMATS[k] for k in values["kind"]]
    return KeyTable("claims", t("sheets", "claims", lang), t("sheet_notes", "claims", lang),
                    frame, {}, {h["plan_value"]: row_formats, h["data_value"]: row_formats})


def status_board_sheet(board: pd.DataFrame, lang: str) -> KeyTable:
    """The forecast status board (:func:`kawasaki_econ.forecast.overview.status_board`,
    made in ``lang``) with headers and statuses in ``lang``, and its notes (why there is no
    forecast, what to do)."""
    keys = ("indicator_id", "indicator", "unit", "target_label", "by", "target",
            "board_status", "probability", "value", "lo95", "hi95")
    h = {k: t("headers", k, lang) for k in keys}
    frame = pd.DataFrame({
        h["indicator_id"]: board["indicator_id"],
        h["indicator"]: board["name_ja"],
        h["unit"]: board["unit"],
        h["target_label"]: board["target_label"],
        h["by"]: board["by"],
        h["target"]: board["target"],
        h["board_status"]: [value_label("board_status", s, lang) for s in board["status"]],
        h["probability"]: board["probability"],
        h["value"]: board["value"],
        h["lo95"]: board["lo95"],
        h["hi95"]: board["hi95"],
        t("headers", "note", lang): board["note"],
    })
    formats = {h["value"]: COUNT, h["lo95"]: COUNT, h["hi95"]: COUNT,
               h["probability"]: "0.0%", h["by"]: PLAIN}
    return KeyTable("board", t("sheets", "board", lang), t("sheet_notes", "board", lang),
                    frame, formats)


__all__ = ["VALUE_FORMATS", "claims_sheet", "status_board_sheet"]
