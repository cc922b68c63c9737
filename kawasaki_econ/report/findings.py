"""The findings in words (主な結果 / Key findings), in the plan's Chapter 2 style
("○最新の経済センサス（2021年）では、事業所数…"), in Japanese or English.

:func:`findings_table` is the API a notebook uses: one row per statement with its text,
main value, unit, provenance and notes. :func:`findings_section_html` renders the
section the report page opens with; for a focus whose plan registry lists Chapter 2
statements (:mod:`kawasaki_econ.plans`), the plan's statements stand next to what the
data say for the plan's census year and for the newest.

A number that is missing or not finite is never written: a % change from a zero base is
"—" with the reason (2016年0人のため増減率なし); a zero share is given without a rank.
"""

from __future__ import annotations

import html

import pandas as pd

from ..analysis.findings import Finding, Tables, findings, peer_group_of
from ..analysis.panel import CensusPanel
from ..analysis.peers import PeerGroup
from ..figures.labels import DIVISIONS, area_name, station_name
from ..lang import check_lang
from ..plans import plan_for

MISSING = "—"

_SCOPE = {"private": ("民営", "private sector"), "all": ("公営を含む全事業所",
                                                        "all establishments incl. public")}
_MEASURE = {"employees": ("従業者数", "employees", "人", "persons"),
            "establishments": ("事業所数", "establishments", "事業所", "establishments")}
_NOTES: dict[str, tuple[str, str]] = {
    "coverage_2021": ("2021年は法人番号により前回把握できなかった事業所も調査されたため、増減には捕捉範囲拡大の影響を含む。",
                      "The 2021 census also found establishments the 2016 census missed "
                      "(corporate-number register): part of the change is better coverage."),
    "scope_differs": ("{before}年（{scope_before}）と{year}年（{scope}）は調査範囲が異なるため、"
                      "増減は参考値（比較不能）。",
                      "{before} ({scope_before}) and {year} ({scope}) differ in scope: the "
                      "change is for reference only (not comparable)."),
    "prefecture_level": ("延べ宿泊者数は都道府県単位でのみ公表されるため、{pref}の値。",
                         "Guest nights are published by prefecture only: figures for {pref}."),
}


def _pick(pair, lang: str) -> str:
    return pair[0] if lang == "ja" else pair[1]


def _count(v) -> str:
    return MISSING if v is None else f"{round(v):,}"


def _signed(v) -> str:
    return MISSING if v is None else f"{round(v):+,}"


def _pct(v, digits: int = 1, signed: bool = True) -> str:
    if v is None:
        return MISSING
    return f"{v:+.{digits}f}%" if signed else f"{v:.{digits}f}%"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _group_words(kind: str, n: int, lang: str) -> str:
    """'政令指定都市20市中' / 'of 20 designated cities' etc."""
    ja = {"designated": f"政令指定都市{n}市中" if n == 20 else f"政令指定都市と東京都区部{n}地域中",
          "wards": f"特別区{n}区中", "core": f"中核市{n}市中"}.get(kind, f"比較グループ{n}地域中")
    en = {"designated": f"of {n} designated cities" if n == 20
          else f"of {n} (designated cities and Tokyo's 23 wards)",
          "wards": f"of Tokyo's {n} special wards", "core": f"of {n} core cities"}.get(
        kind, f"of {n} in the comparison group")
    return ja if lang == "ja" else en


def _division(code: str, lang: str) -> str:
    return _pick(DIVISIONS.get(code, (code, code)), lang)


def _zero_reason(year, measure: str, lang: str) -> str:
    ja, en, unit_ja, _ = _MEASURE[measure]
    return (f"{year}年{0}{unit_ja}のため増減率なし" if lang == "ja"
            else f"no % change: {en} were 0 in {year}")


def _change_clause(f: Finding, measure: str, year, lang: str) -> str:
    ja, en, unit_ja, unit_en = _MEASURE[measure]
    ch, pct = f.values.get(f"{measure}_change"), f.values.get(f"{measure}_change_pct")
    pct_text = (_pct(pct) if f"zero_start_{measure}" not in f.notes
                else f"{MISSING}、{_zero_reason(year, measure, lang)}" if lang == "ja"
                else f"{MISSING}; {_zero_reason(year, measure, lang)}")
    return (f"{_signed(ch)}{unit_ja}（{pct_text}）" if lang == "ja"
            else f"{_signed(ch)} ({pct_text})")


def _census_latest(f, name, lang, part=None):
    v, p = f.values, f.params
    scope = _pick(_SCOPE.get(p["scope"], (p["scope"], p["scope"])), lang)
    if lang == "ja":
        return (f"○最新の経済センサス（{p['year']}年、{scope}）では、{name}の事業所数"
                f"{_count(v['establishments'])}事業所、従業者数{_count(v['employees'])}人")
    return (f"○ In the latest Economic Census ({p['year']}, {scope}), {name} had "
            f"{_count(v['establishments'])} establishments and {_count(v['employees'])} "
            "employees.")


def _census_change(f, name, lang, part=None):
    p = f.params
    est = _change_clause(f, "establishments", p["start"], lang)
    emp = _change_clause(f, "employees", p["start"], lang)
    if lang == "ja":
        return f"→{p['start']}年（同じ調査・範囲）と比較して、事業所数{est}、従業者数{emp}"
    return (f"→ Compared with {p['start']} (same survey and scope): establishments {est}, "
            f"employees {emp}.")


def _census_previous(f, name, lang, part=None):
    v, p = f.values, f.params
    est = _change_clause(f, "establishments", p["before"], lang)
    emp = _change_clause(f, "employees", p["before"], lang)
    if lang == "ja":
        return (f"○{p['year']}年の経済センサスでは、事業所数{_count(v['establishments'])}事業所、"
                f"従業者数{_count(v['employees'])}人→{p['before']}年と比較して事業所数{est}、"
                f"従業者数{emp}")
    return (f"○ In the {p['year']} Economic Census: {_count(v['establishments'])} "
            f"establishments and {_count(v['employees'])} employees → compared with "
            f"{p['before']}: establishments {est}, employees {emp}.")


def _rank(f, name, lang, part=None):
    v, p = f.values, f.params
    ja, en, unit_ja, unit_en = _MEASURE[p["measure"]]
    span = f"{p['start']}→{p['end']}"
    if v["rank"] is None:
        reason = (_zero_reason(p["start"], p["measure"], lang) if "zero_start" in f.notes
                  else ("データなし" if lang == "ja" else "no data"))
        return (f"○{ja}の増減率（{span}年）：{MISSING}（{reason}、順位なし）" if lang == "ja"
                else f"○ Change in {en} {span}: {MISSING} ({reason}; not ranked).")
    group = _group_words(p["kind"], v["of"], lang)
    tie = ""
    if p["tied"] > 1:
        tie = f"（{p['tied']}地域が同率）" if lang == "ja" else f" (tied with {p['tied'] - 1} other)"
    top = area_name(p["top_code"], lang, default=p["top_name"]) if p["top_code"] else MISSING
    if lang == "ja":
        lead = (f"1位は{top}（{_pct(p['top_change_pct'], 2)}）" if v["rank"] != 1
                else "比較グループで最大の伸び")
        return (f"○{ja}の増減率（{span}年）は{_pct(v['change_pct'], 2)}で、{group}{v['rank']}位"
                f"{tie}（{lead}）")
    lead = (f"first: {top}, {_pct(p['top_change_pct'], 2)}" if v["rank"] != 1
            else "the largest increase in the group")
    return (f"○ Change in {en} {span}: {_pct(v['change_pct'], 2)}, {name} ranks "
            f"{_ordinal(v['rank'])} {group}{tie} ({lead}).")


def _share_part(f, div: str, year, lang) -> str:
    v, p = f.values, f.params
    share, rank, of = v[f"{div}_share_{year}"], v[f"{div}_rank_{year}"], v[f"{div}_of_{year}"]
    group = _group_words(p["kind"], of, lang)
    if share is None:
        return MISSING
    if rank is None:
        return (f"{_pct(share, 2, False)}（割合0のため順位なし）" if lang == "ja"
                else f"{_pct(share, 2, False)} (zero share: not ranked)")
    return (f"{_pct(share, 2, False)}（{group}{rank}位）" if lang == "ja"
            else f"{_pct(share, 2, False)} ({_ordinal(rank)} {group})")


def _plan_shares(f, name, lang, part=None):
    p = f.params
    years = [p["start"], p["end"]] if part is None else [p[part]]
    bits = []
    for div in p["divisions"]:
        parts = [f"{y}年 {_share_part(f, div, y, lang)}" if lang == "ja"
                 else f"{y}: {_share_part(f, div, y, lang)}" for y in years]
        label = _division(div, lang)
        bits.append(f"「{label}」{'、'.join(parts)}" if lang == "ja"
                    else f"{label} {'; '.join(parts)}")
    if lang == "ja":
        return "○従業者に占める割合：" + "、".join(bits)
    return "○ Share of employees: " + "; ".join(bits) + "."


def _distinctive(f, name, lang, part=None):
    v, p = f.values, f.params
    label = _pick(p["group_label"], lang) if p["group_label"] else ""
    items = []
    for i, div in enumerate(p["divisions"], start=1):
        lq_g = v[f"lq_group_{i}"]
        if lang == "ja":
            items.append(f"「{_division(div, lang)}」（{_pct(v[f'share_{i}'], 1, False)}、特化係数 "
                         f"対全国{v[f'lq_nation_{i}']:.2f}・{label}"
                         f"{MISSING if lq_g is None else f'{lq_g:.2f}'}）")
        else:
            items.append(f"{_division(div, lang)} ({_pct(v[f'share_{i}'], 1, False)}; "
                         f"location quotient {v[f'lq_nation_{i}']:.2f} vs nation, "
                         f"{MISSING if lq_g is None else f'{lq_g:.2f}'} {label})")
    if not items:
        return (f"○全国に比べ従業者の割合が高い業種（{p['year']}年、割合{p['min_share']:.0f}%以上）：なし"
                if lang == "ja" else
                f"○ No division with at least {p['min_share']:.0f} % of employees has a "
                f"higher share than the nation ({p['year']}).")
    if lang == "ja":
        return (f"○全国に比べ従業者の割合が高い業種（{p['year']}年、特化係数の高い順）は"
                + "、".join(items))
    return (f"○ The divisions that set {name} apart ({p['year']}, highest location "
            "quotient first): " + "; ".join(items) + ".")


def _shift_share(f, name, lang, part=None):
    v, p = f.values, f.params
    span = f"{p['start']}→{p['end']}"
    rank = ("" if v["rank"] is None else
            (f"、{_group_words(p['kind'], v['of'], lang)}{v['rank']}位" if lang == "ja"
             else f", {_ordinal(v['rank'])} {_group_words(p['kind'], v['of'], lang)}"))
    up, down = _division(p["up_code"], lang), _division(p["down_code"], lang)
    if lang == "ja":
        moved = (f"。最も伸ばした業種は「{up}」（{_signed(v['up_effect'])}人）"
                 if p["up_positive"] else "")
        moved += (f"、最も減らした業種は「{down}」（{_signed(v['down_effect'])}人）"
                  if p["down_negative"] else "")
        return (f"○シフト・シェア分析（{span}年、従業者）：地域特殊要因は{_signed(v['regional_effect'])}人"
                f"（{p['start']}年の{_pct(v['regional_effect_pct'])}{rank}）{moved}")
    moved = (f"; the division that gained most: {up} ({_signed(v['up_effect'])})"
             if p["up_positive"] else "")
    moved += (f"; lost most: {down} ({_signed(v['down_effect'])})"
              if p["down_negative"] else "")
    return (f"○ Shift-share ({span}, employees): regional effect {_signed(v['regional_effect'])} "
            f"persons ({_pct(v['regional_effect_pct'])} of {p['start']}{rank}){moved}.")


def _stations(f, name, lang, part=None):
    v, p = f.values, f.params
    items = []
    for i, st in enumerate(p["stations"], start=1):
        since = v[f"pct_since_base_{i}"]
        label = station_name(st, lang)
        if lang == "ja":
            items.append(f"{label}駅{_count(v[f'boardings_{i}'])}人"
                         + (f"（{p['base_fy']}年度比{_pct(since)}）" if since is not None else ""))
        else:
            items.append(f"{label} {_count(v[f'boardings_{i}'])}"
                         + (f" ({_pct(since)} since FY{p['base_fy']})" if since is not None
                            else ""))
    if lang == "ja":
        return (f"○{name}内のJR東日本の駅の1日平均乗車人員（{p['fiscal_year']}年度、上位）："
                + "、".join(items))
    return (f"○ Daily boardings at JR East stations in {name} (FY{p['fiscal_year']}, "
            "busiest): " + "; ".join(items) + " persons/day.")


def _tourism(f, name, lang, part=None):
    v, p = f.values, f.params
    pref = area_name(p["pref_code"], lang, default=p["pref_name"])
    if lang == "ja":
        return (f"○{pref}（都道府県単位）の外国人延べ宿泊者数は{p['year']}年に{_count(v['guest_nights'])}人泊"
                f"（前年比{_pct(v['pct_vs_previous'])}、{p['reference_year']}年比"
                f"{_pct(v['pct_vs_reference'])}）")
    return (f"○ Foreign guest nights in {pref} (prefecture level): "
            f"{_count(v['guest_nights'])} in {p['year']} ({_pct(v['pct_vs_previous'])} on the "
            f"year before, {_pct(v['pct_vs_reference'])} on {p['reference_year']}).")


_WORDING = {"census_latest": _census_latest, "census_change": _census_change,
            "census_previous": _census_previous, "rank_employees": _rank,
            "rank_establishments": _rank, "plan_shares": _plan_shares,
            "distinctive": _distinctive, "shift_share": _shift_share, "stations": _stations,
            "tourism": _tourism}

#: The finding's main number for the table's ``value`` column.
_MAIN = {"census_latest": "employees", "census_change": "employees_change_pct",
         "census_previous": "employees", "rank_employees": "rank",
         "rank_establishments": "rank", "plan_shares": None, "distinctive": "lq_nation_1",
         "shift_share": "regional_effect", "stations": "boardings_1",
         "tourism": "guest_nights"}


def finding_text(f: Finding, name: str, lang: str, part: str | None = None) -> str:
    """The sentence of one finding (``part``: 'start' / 'end' for a two-year finding)."""
    check_lang(lang)
    return _WORDING[f.key](f, name, lang, part)


def finding_notes(f: Finding, name: str, lang: str) -> str:
    """The caveats of one finding, as sentences."""
    p = dict(f.params)
    fields = {"before": p.get("before"), "year": p.get("year"),
              "scope": _pick(_SCOPE.get(p.get("scope", ""), ("", "")), lang),
              "scope_before": _pick(_SCOPE.get(p.get("scope_before", ""), ("", "")), lang),
              "pref": area_name(p["pref_code"], lang, default=p["pref_name"])
              if "pref_code" in p else ""}
    return " ".join(_pick(_NOTES[n], lang).format(**fields) for n in f.notes if n in _NOTES)


def findings_table(
    focus: str | PeerGroup = "14130",
    lang: str = "ja",
    *,
    tables: Tables | None = None,
    panel: CensusPanel | None = None,
    peers: list[str] | None = None,
    items: list[Finding] | None = None,
) -> pd.DataFrame:
    """The findings of ``focus`` in ``lang``: one row per statement with ``key``,
    ``text``, ``value`` (the main number; missing where not defined), ``unit``,
    ``note`` (caveats), ``provenance`` (table[columns] where rows ← function; raw
    sources). ``attrs['findings']`` holds the :class:`Finding` objects (``items``:
    the findings of ``focus`` already computed, e.g. for the other language)."""
    check_lang(lang)
    tables = tables or Tables.load()
    group = focus if isinstance(focus, PeerGroup) else peer_group_of(focus, tables, peers)
    if items is None:
        items = findings(group, tables, panel=panel)
    name = area_name(group.focus.code, lang, default=group.focus.name)
    rows = []
    for f in items:
        main = _MAIN.get(f.key)
        rows.append({"key": f.key, "text": finding_text(f, name, lang),
                     "value": f.values.get(main) if main else None,
                     "unit": f.units.get(main, "") if main else "",
                     "note": finding_notes(f, name, lang),
                     "provenance": " | ".join(p.text() for p in f.provenance)})
    out = pd.DataFrame(rows, columns=["key", "text", "value", "unit", "note", "provenance"])
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype("float64")
    out.attrs.update(findings=items, focus=group.focus.code, lang=lang, name=name)
    return out


def plan_comparison(table: pd.DataFrame, lang: str) -> pd.DataFrame | None:
    """For a focus whose plan registry lists Chapter 2 statements: one row per
    statement with the plan's text, what the data say for the plan's census year and
    for the newest (None without a plan)."""
    plan = plan_for(table.attrs["focus"])
    if plan is None or "chapter2" not in plan.sections or not plan.chapter2:
        return None
    items = {f.key: f for f in table.attrs["findings"]}
    name = table.attrs["name"]

    def say(keys) -> str:
        texts = []
        for key in keys:
            base, _, part = key.partition(":")
            if base in items:
                texts.append(finding_text(items[base], name, lang, part or None))
        if texts:
            return " ".join(texts)
        return ("比較可能なデータなし" if lang == "ja" else "no comparable data")

    then_year = next((f.params.get("start") for f in items.values()
                      if f.key == "census_change"), "")
    head = (("計画の記述", f"データ（{then_year}年）", "データ（最新）") if lang == "ja"
            else ("The plan", f"The data ({then_year})", "The data (newest)"))
    return pd.DataFrame([{head[0]: s.statement(lang), head[1]: say(s.data_then),
                          head[2]: say(s.data_now)} for s in plan.chapter2])


def findings_section_html(table: pd.DataFrame, lang: str) -> str:
    """The 主な結果 / Key findings section: the statements as a list (notes and
    provenance under each, provenance folded), then — for a focus with a plan — the
    plan's statements next to the data."""
    heading = "主な結果" if lang == "ja" else "Key findings"
    src = "出典・算出元" if lang == "ja" else "Provenance"
    parts = [f'<section id="findings"><h2>{heading}</h2><ul class="findings">']
    for row in table.itertuples():
        note = f'<br><span class="note">{html.escape(row.note)}</span>' if row.note else ""
        parts.append(f"<li>{html.escape(row.text)}{note}<details><summary>{src}</summary>"
                     f"<small>{html.escape(row.provenance)}</small></details></li>")
    parts.append("</ul>")
    comparison = plan_comparison(table, lang)
    if comparison is not None:
        title = ("計画第2章の記述とデータ" if lang == "ja"
                 else "The plan's Chapter 2 and the data")
        head = "".join(f"<th>{html.escape(c)}</th>" for c in comparison.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r)
                       + "</tr>" for r in comparison.itertuples(index=False))
        parts.append(f"<h3>{title}</h3><table><thead><tr>{head}</tr></thead>"
                     f"<tbody>{body}</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def findings_section(focus: str | PeerGroup, lang: str, *, root=None, **kwargs) -> str:
    """The findings section's HTML for ``focus`` (the report page's hook); the tables
    are loaded from ``root`` unless ``tables=`` is given."""
    tables = kwargs.pop("tables", None) or Tables.load(root)
    return findings_section_html(findings_table(focus, lang, tables=tables, **kwargs), lang)


__all__ = ["MISSING", "finding_notes", "finding_text", "findings_section",
           "findings_section_html", "findings_table", "plan_comparison"]
