"""The workbook's analysis sheets beside the key tables: location quotients of the focus
(against Japan) and the shift-share decomposition of the peer group. The numbers come
from :mod:`kawasaki_econ.analysis` (``location_quotients``, ``shift_share``); this module
only names the columns and sets the number formats."""

from __future__ import annotations

import pandas as pd

from ..analysis import location_quotients, shift_share, shift_share_summary
from ..analysis.peers import PeerGroup, comparable_census_years
from .key_tables import (
    COUNT,
    PERCENT,
    PLAIN,
    RATIO,
    SHARE,
    KeyTable,
    area_names,
    focus_name,
    group_text,
)
from .wording import t, value_label


def _division(code: str, lang: str) -> str:
    from ..figures.labels import division_name

    return division_name(code, lang)


def lq_table(census: pd.DataFrame, group: PeerGroup, lang: str) -> KeyTable:
    """The focus's share of employees by JSIC division, Japan's share and the location
    quotient, for the two newest comparable census years."""
    years = comparable_census_years(census)
    parts = []
    for year in years:
        lq = location_quotients(census, year, base="nation", focus=group.focus.code)
        parts.append(lq[lq["area_code"] == group.focus.code])
    rows = pd.concat(parts, ignore_index=True).sort_values(["census_year", "industry_code"])
    h = {k: t("headers", k, lang) for k in ("census_year", "division_code", "division",
                                             "employees_year", "share_of_area",
                                             "share_of_nation", "lq", "base_basis", "source")}
    frame = pd.DataFrame({
        h["census_year"]: rows["census_year"].astype(int),
        h["division_code"]: rows["industry_code"],
        h["division"]: [_division(c, lang) for c in rows["industry_code"]],
        h["employees_year"]: rows["value"].round().astype("Int64"),
        h["share_of_area"]: rows["share_pct"] / 100.0,
        h["share_of_nation"]: rows["base_share_pct"] / 100.0,
        h["lq"]: rows["lq"],
        h["base_basis"]: [value_label("base_basis", b, lang) for b in rows["base_basis"]],
        h["source"]: rows["source"],
    }).reset_index(drop=True)
    formats = {h["census_year"]: PLAIN, h["employees_year"]: COUNT, h["share_of_area"]: SHARE,
               h["share_of_nation"]: SHARE, h["lq"]: RATIO}
    note = t("sheet_notes", "lq", lang, name=focus_name(group, lang),
             years="・".join(str(y) for y in years) if lang == "ja"
             else " and ".join(str(y) for y in years))
    return KeyTable("lq", t("sheets", "lq", lang), note, frame, formats)


def shift_share_table(census: pd.DataFrame, group: PeerGroup, lang: str) -> KeyTable:
    """Shift-share of the change in employees between the two newest comparable census
    years, one row per ranked member of the group (largest regional effect first)."""
    start, end = comparable_census_years(census)
    s = shift_share_summary(shift_share(census, start, end, areas=list(group.ranked)))
    keys = ("area_code", "area_name", "value_start", "value_end", "actual_change",
            "actual_change_pct", "national_effect", "industry_mix_effect", "regional_effect",
            "regional_effect_pct")
    h = {k: t("headers", k, lang, start=start, end=end) for k in keys}
    frame = pd.DataFrame({
        h["area_code"]: s["area_code"],
        h["area_name"]: area_names(s["area_code"], group, lang),
        h["value_start"]: s["value_start"].round().astype("Int64"),
        h["value_end"]: s["value_end"].round().astype("Int64"),
        h["actual_change"]: s["actual_change"].round().astype("Int64"),
        h["actual_change_pct"]: s["actual_change_pct"] / 100.0,
        h["national_effect"]: s["national_effect"].round().astype("Int64"),
        h["industry_mix_effect"]: s["industry_mix_effect"].round().astype("Int64"),
        h["regional_effect"]: s["regional_effect"].round().astype("Int64"),
        h["regional_effect_pct"]: s["regional_effect_pct"] / 100.0,
    })
    formats = {h[k]: COUNT for k in ("value_start", "value_end", "actual_change",
                                     "national_effect", "industry_mix_effect",
                                     "regional_effect")}
    formats[h["actual_change_pct"]] = PERCENT
    formats[h["regional_effect_pct"]] = PERCENT
    note = t("sheet_notes", "shift_share", lang, group=group_text(group, lang), start=start, end=end)
    return KeyTable("shift_share", t("sheets", "shift_share", lang), note, frame, formats)


__all__ = ["lq_table", "shift_share_table"]
