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
    """Return the kind of number of a component, for a workbook's format.

    Parameters
    ----------
    component : str
        The component key (e.g. ``'2016 share_pct'``; its last word decides).
    unit : str
        The claim's unit (a unit starting with '%' makes a percentage, one starting
        with 'year' or 'fiscal year' a year).

    Returns
    -------
    str
        ``'percent'`` (in percent units: 3.7 = 3.7 %), ``'rank'``, ``'year'`` or
        ``'count'`` (see :data:`KINDS`).

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.values import kind_of
    >>> kind_of("2016 share_pct", "%"), kind_of("2016 rank", "%"), kind_of("", "事業所")
    ('percent', 'rank', 'count')
    """
    key = component.split(" ")[-1]
    if key in KINDS:
        return KINDS[key]
    if unit.strip().startswith("%"):
        return "percent"
    if key in ("", "start", "end") and unit.strip().startswith(("year", "fiscal year")):
        return "year"
    return "count"


def component_label(component: str, lang: str) -> str:
    """Return the label of a component in one language.

    Parameters
    ----------
    component : str
        The component key (e.g. ``'2014 share_pct'``; its last word is looked up in
        :data:`COMPONENTS`, the words before it are kept).
    lang : {'ja', 'en'}
        Language of the label.

    Returns
    -------
    str
        E.g. ``'2014 割合'`` / ``'2014 share'``; an unknown key is kept as it is.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.values import component_label
    >>> component_label("2014 share_pct", "ja"), component_label("2014 share_pct", "en")
    ('2014 割合', '2014 share')
    """
    *head, key = component.split(" ") if component else [""]
    pair = COMPONENTS.get(key)
    label = (pair[0] if lang == "ja" else pair[1]) if pair else key
    return " ".join([*head, label]).strip()


def audit_values(results: list[ClaimResult]) -> pd.DataFrame:
    """Return the audit's numbers as numbers, one row per claim and component.

    Parameters
    ----------
    results : list of ClaimResult
        The verdicts (:func:`~kawasaki_econ.analysis.claims.audit`).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``component`` (key, e.g. ``pct_change`` or ``2016 rank``; ''
        for a single number), ``plan`` and ``data`` (float; missing where that side has
        no such number) and ``kind`` (see :data:`KINDS`). A claim without any number has
        one row with both values missing.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> from kawasaki_econ.analysis.claims.values import audit_values
    >>> change = {c.id: c for c in load_registry()}["ch2-establishments-change-2014-2016"]
    >>> audit_values(audit([change]))[["component", "plan", "data", "kind"]]
               component    plan     data     kind
    0             change -1588.0      NaN    count
    1         pct_change    -3.7      NaN  percent
    2  start_other_scope     NaN  43149.0    count
    3                end     NaN  40934.0    count
    """
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
