"""The audit's numbers as numbers: one row per claim and numeric component (the plan's
value and the data's), with the kind of number, so that a workbook can format them
(:func:`audit_values`). The readable strings stay in :mod:`.display`."""

from __future__ import annotations

import numbers
from typing import Any

import pandas as pd

from .audit import ClaimResult

#: Component key -> kind of number: ``percent`` (in percent units: 3.7 = 3.7 %),
#: ``rank`` / ``year`` (whole numbers), ``count`` (everything else).
KINDS: dict[str, str] = {
    "pct_change": "percent", "share_pct": "percent", "national_share_pct": "percent",
    "rank": "rank", "of": "rank", "rank_with_wards": "rank", "of_with_wards": "rank",
    "start_year": "year",
}  # fmt: skip

#: Component key -> (Japanese, English) label.
COMPONENTS: dict[str, tuple[str, str]] = {
    "": ("値", "value"), "change": ("増減", "change"), "pct_change": ("増減率", "% change"),
    "start": ("始点", "start"), "end": ("終点", "end"),
    "start_other_scope": ("始点（別の調査範囲）", "start (other scope)"),
    "share_pct": ("割合", "share"), "national_share_pct": ("全国の割合", "national share"),
    "rank": ("順位", "rank"), "of": ("地域数", "areas ranked"),
    "rank_with_wards": ("順位（東京都区部を含む）", "rank incl. Tokyo wards"),
    "of_with_wards": ("地域数（東京都区部を含む）", "areas incl. Tokyo wards"),
    "draft_target": ("案の目標", "draft target"), "target": ("目標", "target"),
    "years": ("年数", "years"), "plan_years": ("計画期間（年）", "plan period (years)"),
    "program_years": ("実行プログラム期間（年）", "programme period (years)"),
    "letters": ("意見書（通）", "letters"), "opinions": ("意見（件）", "opinions"),
}  # fmt: skip


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    return None if pd.isna(value) else float(value)


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{"2014": {"rank": 1}}`` -> ``{"2014 rank": 1}``; a scalar -> ``{"": value}``."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(_flat(inner, f"{prefix} {key}".strip()))
        return out
    return {prefix: value}


def kind_of(component: str, unit: str) -> str:
    """The kind of number of ``component`` (its last word) for a claim in ``unit``."""
    key = component.split(" ")[-1]
    if key in KINDS:
        return KINDS[key]
    if unit.strip().startswith("%"):
        return "percent"
    if key in ("", "start", "end") and unit.strip().startswith(("year", "fiscal year")):
        return "year"
    return "count"


def component_label(component: str, lang: str) -> str:
    """``"2014 share_pct"`` -> ``"2014 割合"`` / ``"2014 share"``."""
    *head, key = component.split(" ") if component else [""]
    pair = COMPONENTS.get(key)
    label = (pair[0] if lang == "ja" else pair[1]) if pair else key
    return " ".join([*head, label]).strip()


def audit_values(results: list[ClaimResult]) -> pd.DataFrame:
    """One row per claim × numeric component of the plan's or the data's value:
    ``id``, ``component`` (key, e.g. ``pct_change`` or ``2016 rank``; '' for a single
    number), ``plan`` and ``data`` (floats or None), ``kind`` (see :data:`KINDS`). A claim
    without any number has one row with both values None."""
    rows = []
    for r in results:
        plan = {k: _number(v) for k, v in _flat(r.claimed).items()}
        data = {k: _number(v) for k, v in _flat(r.computed).items()}
        keys = [k for k in dict.fromkeys([*plan, *data])
                if plan.get(k) is not None or data.get(k) is not None]
        for key in keys or [""]:
            rows.append({"id": r.id, "component": key, "plan": plan.get(key),
                         "data": data.get(key), "kind": kind_of(key, r.unit)})
    return pd.DataFrame(rows, columns=["id", "component", "plan", "data", "kind"])


__all__ = ["COMPONENTS", "KINDS", "audit_values", "component_label", "kind_of"]
