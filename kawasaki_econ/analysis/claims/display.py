"""The audit for people: :func:`audit_table` (Japanese or English columns, readable
values), :func:`format_table` (plain text), :func:`summary_line` and
:func:`claims_frame` (the raw fields, one row per claim)."""

from __future__ import annotations

import dataclasses
import math
import textwrap
from typing import Any

import pandas as pd

from .audit import ClaimResult, audit
from .numfmt import num, pct, signed
from .registry import COMPARISON_SETS, EVIDENCE_STATUSES, STATUS_LABELS, STATUSES

#: What a missing cell of :func:`audit_table` shows.
MISSING = "—"

#: audit_table columns: field -> header per language.
COLUMNS: dict[str, dict[str, str]] = {
    "id": {"ja": "ID", "en": "ID"},
    "label": {"ja": "項目", "en": "Item"},
    "page": {"ja": "該当箇所", "en": "Where"},
    "statement": {"ja": "計画の記述", "en": "Statement (plan text)"},
    "claimed": {"ja": "計画の値", "en": "Plan value"},
    "computed": {"ja": "データの値", "en": "Data value"},
    "status": {"ja": "判定", "en": "Status"},
    "tolerance": {"ja": "許容差", "en": "Tolerance"},
    "justification": {"ja": "許容差の根拠", "en": "Why this tolerance"},
    "comparison_set": {"ja": "比較対象", "en": "Comparison set"},
    "alternative": {"ja": "別の比較対象での読み", "en": "Other reading"},
    "detail": {"ja": "説明", "en": "Explanation"},
    "arithmetic": {"ja": "計画内の計算", "en": "Plan arithmetic"},
    "sources": {"ja": "出典", "en": "Sources"},
}
#: The verdicts on the plan's arithmetic per language.
ARITHMETIC_LABELS = {"ja": {"consistent": "整合", "inconsistent": "不整合"},
                     "en": {"consistent": "consistent", "inconsistent": "inconsistent"}}
#: The words for the draft and the final target per language.
TARGET_KEYS = {"ja": ("案", "確定"), "en": ("draft", "final")}


def format_claimed(r: ClaimResult, lang: str = "ja", unit: str = "") -> str:
    """Return the plan's value of a claim in words.

    Parameters
    ----------
    r : ClaimResult
        The verdict on the claim.
    lang : {'ja', 'en'}, default 'ja'
        Language (the registry's ``claimed_ja`` / ``claimed_en`` where given).
    unit : str, default ''
        Unit written after the number (e.g. ``r.unit_ja``).

    Returns
    -------
    str
        E.g. ``41,028 事業所``, ``−1,588 事業所（−3.7 %）``, ``draft 190,000 → final
        230,000 persons``; '—' for no value.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> from kawasaki_econ.analysis.claims.display import format_claimed
    >>> change = audit(load_registry()[2:3])[0]
    >>> format_claimed(change, "ja", change.unit_ja), format_claimed(change, "en", "establishments")
    ('−1,588 事業所（−3.7 %）', '−1,588 establishments (−3.7 %)')
    """
    given = r.claimed_ja if lang == "ja" else r.claimed_en
    if given:
        return given
    c = r.claimed
    sep = ("（", "）") if lang == "ja" else (" (", ")")
    if isinstance(c, (int, float)):
        return f"{num(c)} {unit}".strip()
    if isinstance(c, dict) and {"change", "pct_change"} <= set(c):
        return f"{signed(c['change'])} {unit}{sep[0]}{pct(c['pct_change'])}{sep[1]}"
    if isinstance(c, dict) and set(c) == {"pct_change"}:
        return pct(c["pct_change"], 0)
    if isinstance(c, dict) and {"start", "end"} <= set(c):
        return f"{num(c['start'])} → {num(c['end'])} {unit}".strip()
    if isinstance(c, dict) and {"draft_target", "target"} <= set(c):
        d, f = TARGET_KEYS[lang]
        return (f"{d} {num(c['draft_target'], 1 if c['draft_target'] % 1 else 0)} → {f} "
                f"{num(c['target'], 1 if c['target'] % 1 else 0)} {unit}").strip()
    if c is None:
        return MISSING
    return str(c)


#: The plan's parts as its registry names them (``page``), in English.
PAGE_TERMS = (("資料", "Annex "), ("第", "Ch. "), ("章", ""), ("右図", "right-hand figure"),
              ("下図", "lower figure"), ("左図", "left-hand figure"), ("上図", "upper figure"))


def page_label(page: str, lang: str) -> str:
    """Return where in the plan a claim stands, in the report language.

    Parameters
    ----------
    page : str
        The registry's ``page`` (Japanese, e.g. ``資料2 第2章 (p.2, 右図)``).
    lang : {'ja', 'en'}
        'ja': ``page`` as registered; any other value: its terms in English
        (:data:`PAGE_TERMS`).

    Returns
    -------
    str
        E.g. ``Annex 2 Ch. 2 (p.2, right-hand figure)``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.display import page_label
    >>> page_label("資料2 第2章 (p.2, 右図)", "en")
    'Annex 2 Ch. 2 (p.2, right-hand figure)'
    """
    if lang == "ja":
        return page
    for ja, en in PAGE_TERMS:
        page = page.replace(ja, en)
    return page


def _status(r: ClaimResult, lang: str) -> str:
    label = STATUS_LABELS[lang][r.status]
    note = r.status_note_ja if lang == "ja" else r.status_note_en
    if note:
        return f"{label}（{note}）" if lang == "ja" else f"{label} ({note})"
    return label


def _or_missing(text: Any) -> str:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return MISSING
    text = str(text).strip()
    return text if text and text not in ("None", "nan") else MISSING


def results_from_frame(frame: pd.DataFrame) -> list[ClaimResult]:
    """Return the verdicts held in a :func:`claims_frame` table.

    E.g. the table notebook 05 saves for the report: the joined ``sources`` and
    ``bands_applied`` are split again, missing cells become None (or '' for text
    fields).

    Parameters
    ----------
    frame : pandas.DataFrame
        A :func:`claims_frame` table (one row per claim).

    Returns
    -------
    list of ClaimResult
        One per row, in the frame's order.

    Raises
    ------
    TypeError
        If a row lacks the required fields of ``ClaimResult`` (e.g. ``id``).

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> results = audit(load_registry()[:3])
    >>> from kawasaki_econ.analysis.claims import claims_frame, results_from_frame
    >>> results_from_frame(claims_frame(results)) == results
    True
    """
    names = {f.name: f for f in dataclasses.fields(ClaimResult)}
    out = []
    for rec in frame.to_dict("records"):
        kw = {}
        for key, f in names.items():
            value = rec.get(key)
            if value is not None and not isinstance(value, (dict, list)) and pd.isna(value):
                value = None
            if key in ("sources", "bands_applied"):
                value = [v for v in str(value or "").split("; ") if v]
            elif key == "tolerances":
                value = value if isinstance(value, list) else []
            elif value is None and f.default == "":
                value = ""
            kw[key] = value
        out.append(ClaimResult(**kw))
    return out


def audit_table(results: list[ClaimResult] | pd.DataFrame | None = None,
                lang: str = "ja") -> pd.DataFrame:
    """Return the audit as a table for people, in Japanese or English.

    One row per claim: readable values with thousands separators, the status labels of
    the report language, the tolerance and its justification, the comparison set and
    the other reading, the explanation, the plan's own arithmetic and the sources.

    Parameters
    ----------
    results : list of ClaimResult or pandas.DataFrame, optional
        The verdicts, or a :func:`claims_frame` table of them; None runs the audit of
        the whole registry.
    lang : {'ja', 'en'}, default 'ja'
        Language of the headers and the cells.

    Returns
    -------
    pandas.DataFrame
        All cells str ('—' where missing). Columns (English / Japanese): ID / ID, Item /
        項目, Where / 該当箇所, Statement (plan text) / 計画の記述, Plan value / 計画の値,
        Data value / データの値, Status / 判定, Tolerance / 許容差, Why this tolerance /
        許容差の根拠, Comparison set / 比較対象, Other reading / 別の比較対象での読み,
        Explanation / 説明, Plan arithmetic / 計画内の計算, Sources / 出典
        (:data:`COLUMNS`).

    Raises
    ------
    ValueError
        If ``lang`` is not 'ja' or 'en'.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> results = audit(load_registry()[:3])
    >>> from kawasaki_econ.analysis.claims import audit_table
    >>> table = audit_table(results[:1], "en")
    >>> table.loc[0, ["Plan value", "Data value", "Status"]].tolist()
    ['41,028 establishments', '40,934 establishments (final)', 'confirmed (other release)']
    >>> audit_table(results[:1], "ja").loc[0, ["計画の値", "データの値", "判定"]].tolist()
    ['41,028 事業所', '40,934 事業所（確報）', '別の公表版で確認']
    """
    if lang not in STATUS_LABELS:
        raise ValueError(f"lang must be one of {sorted(STATUS_LABELS)}, not {lang!r}")
    if isinstance(results, pd.DataFrame):
        results = results_from_frame(results)
    results = results if results is not None else audit()
    rows = []
    for r in results:
        ja = lang == "ja"
        arith = (f"{ARITHMETIC_LABELS[lang][r.arithmetic]}: {r.arithmetic_note}"
                 if r.arithmetic else "")
        rows.append({
            "id": r.id,
            "label": r.label_ja if ja else r.label_en,
            "page": page_label(r.page, lang),
            "statement": r.statement_ja,
            "claimed": format_claimed(r, lang, r.unit_ja if lang == "ja" else r.unit_en),
            "computed": r.shown_ja if ja else r.shown_en,
            "status": _status(r, lang),
            "tolerance": r.tolerance_ja if ja else r.tolerance,
            "justification": r.justification_ja if ja else r.justification,
            "comparison_set": COMPARISON_SETS[r.comparison_set][lang]
            if r.comparison_set else "",
            "alternative": r.alternative_ja if ja else r.alternative_en,
            "detail": r.detail_ja if ja else r.detail_en,
            "arithmetic": arith,
            "sources": "; ".join(r.sources),
        })
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df = df.map(_or_missing)
    return df.rename(columns={k: v[lang] for k, v in COLUMNS.items()})


def status_counts(results: list[ClaimResult]) -> dict[str, int]:
    """Return how many verdicts have each status.

    Parameters
    ----------
    results : list of ClaimResult
        The verdicts.

    Returns
    -------
    dict of str to int
        Status -> count, every status of :data:`~.registry.STATUSES` in report order
        (0 where none).

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> results = audit(load_registry()[:3])
    >>> from kawasaki_econ.analysis.claims import status_counts
    >>> status_counts(results)
    {'confirmed': 0, 'confirmed_other_vintage': 2, 'contradicted': 0, 'unverifiable': 1, 'plan_statement': 0}
    """
    counts = pd.Series([r.status for r in results]).value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def summary_line(results: list[ClaimResult], lang: str = "en") -> str:
    """Return the status counts in one line, the plan's own statements apart.

    Parameters
    ----------
    results : list of ClaimResult
        The verdicts.
    lang : {'en', 'ja'}, default 'en'
        Language of the line.

    Returns
    -------
    str
        The evidence-based claims by status, then the plan statements.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> results = audit(load_registry()[:3])
    >>> from kawasaki_econ.analysis.claims import summary_line
    >>> summary_line(results)
    'evidence-based claims 3: confirmed 0, confirmed (other release) 2, contradicted 0, unverifiable 1; plan statements 0'
    """
    n = status_counts(results)
    labels = STATUS_LABELS[lang]
    evidence = sum(n[s] for s in EVIDENCE_STATUSES)
    parts = ", ".join(f"{labels[s]} {n[s]}" for s in EVIDENCE_STATUSES)
    if lang == "ja":
        return (f"データで検証した記述 {evidence}件（{parts.replace(', ', '、')}）／"
                f"{labels['plan_statement']} {n['plan_statement']}件")
    return (f"evidence-based claims {evidence}: {parts}; "
            f"plan statements {n['plan_statement']}")


def claims_frame(results: list[ClaimResult] | None = None) -> pd.DataFrame:
    """Return the audit as a DataFrame of the raw fields.

    Parameters
    ----------
    results : list of ClaimResult, optional
        The verdicts; None runs the audit of the whole registry.

    Returns
    -------
    pandas.DataFrame
        One row per claim; one column per field of
        :class:`~kawasaki_econ.analysis.claims.ClaimResult` (``id``, ``section``,
        ``page``, ``statement_ja``, …, ``status``, …, ``tolerances``), with
        ``sources`` and ``bands_applied`` joined by '; '.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> results = audit(load_registry()[:3])
    >>> from kawasaki_econ.analysis.claims import claims_frame
    >>> claims_frame(results)[["id", "status"]]
                                        id                   status
    0              ch2-establishments-2016  confirmed_other_vintage
    1                   ch2-employees-2016  confirmed_other_vintage
    2  ch2-establishments-change-2014-2016             unverifiable
    """
    results = results if results is not None else audit()
    df = pd.DataFrame([r.to_dict() for r in results])
    df["sources"] = df["sources"].map("; ".join)
    df["bands_applied"] = df["bands_applied"].map("; ".join)
    return df


def format_table(results: list[ClaimResult], lang: str = "en") -> str:
    """Return the audit as plain text for people.

    Parameters
    ----------
    results : list of ClaimResult
        The verdicts.
    lang : {'en', 'ja'}, default 'en'
        Language of the labels and cells.

    Returns
    -------
    str
        One block per claim, starting with its status key (``[confirmed]``, for
        grepping), id and place in the plan, then the statement, the values, the
        status, the tolerance and why, the explanation; the last line is
        :func:`summary_line`.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> results = audit(load_registry()[:3])
    >>> from kawasaki_econ.analysis.claims import format_table
    >>> print(format_table(results[:1]))
    [confirmed_other_vintage] ch2-establishments-2016  (資料2 第2章 (p.2))
      「最新の経済センサス（2016年速報値）では、事業所数41,028事業所」
      Plan value: 41,028 establishments   Data value: 40,934 establishments (final)
    ...
    summary: evidence-based claims 1: confirmed 0, confirmed (other release) 1, contradicted 0, unverifiable 0; plan statements 0
    """
    table = audit_table(results, lang)
    cols = {k: v[lang] for k, v in COLUMNS.items()}
    width = 100 if lang == "en" else 60  # Japanese characters are double width

    def block(key: str, text: str) -> str:
        return textwrap.fill(text, width, initial_indent=f"  {cols[key]}: ",
                             subsequent_indent="        ", break_on_hyphens=False)

    lines = []
    for (_, row), r in zip(table.iterrows(), results, strict=True):
        lines.append(f"[{r.status}] {r.id}  ({r.page})")
        lines.append(textwrap.fill(r.statement_ja, 60, initial_indent="  「",
                                   subsequent_indent="    ") + "」")
        lines.append(f"  {cols['claimed']}: {row[cols['claimed']]}   "
                     f"{cols['computed']}: {row[cols['computed']]}")
        lines.append(f"  {cols['status']}: {row[cols['status']]}")
        lines.append(block("tolerance", row[cols["tolerance"]]))
        lines.append(block("justification", row[cols["justification"]]))
        if r.comparison_set:
            lines.append(block("comparison_set", row[cols["comparison_set"]]))
            lines.append(block("alternative", row[cols["alternative"]]))
        lines.append(block("detail", row[cols["detail"]]))
        if r.arithmetic:
            lines.append(block("arithmetic", row[cols["arithmetic"]]))
        lines.append("")
    lines.append("summary: " + summary_line(results, lang))
    return "\n".join(lines)
