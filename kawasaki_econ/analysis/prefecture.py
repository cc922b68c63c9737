"""The prefecture as a comparison group next to the designated cities (Chapter 2).

Input is the ``prefecture_panel`` table (``kawasaki_econ.load('prefecture_panel')``:
SSDSE-B 2012–2023 for the 47 prefectures, SSDSE-E for 全国 + 47 prefectures with
per-item years); city values come from the SSDSE-A ``population`` table. Every output is
a tidy frame with ``year_basis`` / ``reference_period`` carried along, ``status`` and
``source`` for each value, and a ``note`` where a value is missing or derived. Nothing is
filled: a missing component gives a missing result with a note.

SSDSE items used (codes and names as in the SSDSE-B header):

=====================  ==========================================  ========================
indicator              items                                       year basis
=====================  ==========================================  ========================
population             A1101 総人口                                1 October (人口推計;
                                                                   国勢調査 2015, 2020)
births / deaths        A4101 出生数 / A4200 死亡数                 calendar year
natural_change         A4101 − A4200                               calendar year
in_migrants            A5101 転入者数（日本人移動者）              calendar year
out_migrants           A5102 転出者数（日本人移動者）              calendar year
net_migration          A5101 − A5102 (Japanese movers only)        calendar year
job_seekers            F3102 月間有効求職者数（一般）              fiscal year
job_openings           F3103 月間有効求人数（一般）                fiscal year
jobs_to_applicants     F3103 / F3102 (有効求人倍率, 一般)          fiscal year
guest_nights           G7101 延べ宿泊者数 (10+-employee frame)     calendar year
foreign_guest_nights   G7102 外国人延べ宿泊者数 (10+-employee)     calendar year
=====================  ==========================================  ========================

SSDSE-B has no item 有効求人倍率: ``jobs_to_applicants`` is the ratio of the annual sums
of the monthly counts F3103 / F3102 (一般, excluding new school graduates). It is the
annual-average ratio of those counts, not necessarily the headline ratio published by
the 労働局, and it has no city counterpart in SSDSE-A.

Per-capita measures (:func:`per_capita`) divide by the population of the *same* year
(A1101 on 1 October of that year): a year without a population gives a missing value with
a note, never the population of another year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ComparabilityError
from .areas import DESIGNATED_CITIES, KAWASAKI


@dataclass(frozen=True)
class Indicator:
    name: str
    items: tuple[str, ...]  # SSDSE item codes
    op: str  # 'item', 'diff' (a − b) or 'ratio' (a / b)
    unit: str
    description: str


INDICATORS: dict[str, Indicator] = {i.name: i for i in (
    Indicator("population", ("A1101",), "item", "人", "総人口 (1 October)"),
    Indicator("births", ("A4101",), "item", "人", "出生数"),
    Indicator("deaths", ("A4200",), "item", "人", "死亡数"),
    Indicator("natural_change", ("A4101", "A4200"), "diff", "人", "births − deaths"),
    Indicator("in_migrants", ("A5101",), "item", "人", "転入者数（日本人移動者）"),
    Indicator("out_migrants", ("A5102",), "item", "人", "転出者数（日本人移動者）"),
    Indicator("net_migration", ("A5101", "A5102"), "diff", "人",
              "転入 − 転出 (Japanese movers, 住民基本台帳人口移動報告)"),
    Indicator("job_seekers", ("F3102",), "item", "人", "月間有効求職者数（一般）, annual sum"),
    Indicator("job_openings", ("F3103",), "item", "人", "月間有効求人数（一般）, annual sum"),
    Indicator("jobs_to_applicants", ("F3103", "F3102"), "ratio", "倍",
              "有効求人倍率 (一般) = F3103 / F3102"),
    Indicator("guest_nights", ("G7101",), "item", "人泊",
              "延べ宿泊者数, facilities with 10+ employees"),
    Indicator("foreign_guest_nights", ("G7102",), "item", "人泊",
              "外国人延べ宿泊者数, facilities with 10+ employees"),
)}

DEFAULT_INDICATORS = ("population", "net_migration", "natural_change", "jobs_to_applicants")

#: SSDSE-A ``population`` table measures for the same indicators (city side). Migration
#: uses the Japanese-mover measures only (SSDSE-A-2020 onwards), the definition of
#: SSDSE-B's A5101/A5102; the earlier all-mover measures are a different definition.
CITY_MEASURES: dict[str, tuple[tuple[str, ...], str]] = {
    "population": (("population_total",), "item"),
    "births": (("births",), "item"),
    "deaths": (("deaths",), "item"),
    "natural_change": (("births", "deaths"), "diff"),
    "in_migrants": (("in_migrants_japanese",), "item"),
    "out_migrants": (("out_migrants_japanese",), "item"),
    "net_migration": (("in_migrants_japanese", "out_migrants_japanese"), "diff"),
}

OUTPUT_COLUMNS = ["area_code", "area_name", "year", "indicator", "value", "unit",
                  "year_basis", "reference_period", "status", "source", "note"]


def _codes(prefecture) -> list[str] | None:
    if prefecture is None:
        return None
    codes = [prefecture] if isinstance(prefecture, (str, int)) else list(prefecture)
    return [f"{int(c):02d}" if str(c).isdigit() and len(str(c)) <= 2 else str(c)[:2]
            for c in codes]


def _combine(parts: list[pd.DataFrame], names: tuple[str, ...], keys: list[str],
             op: str) -> pd.DataFrame:
    """Combine one frame per component (columns keys + value/source/…, component names
    ``names``) with ``op``; a missing component gives a missing value and a note naming
    it."""
    first = parts[0]
    if op == "item":
        out = first.copy()
        out["note"] = np.where(out["value"].isna(), out.get("value_note"), None)
        return out
    a, b = (p.set_index(keys) for p in parts)
    idx = a.index.union(b.index)
    a, b = a.reindex(idx), b.reindex(idx)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = a["value"] - b["value"] if op == "diff" else a["value"] / b["value"]
    if op == "ratio":
        value = value.where(b["value"] != 0)
    out = pd.DataFrame(index=idx)
    out["value"] = value
    out["source"] = [" ; ".join(s for s in (x, y) if isinstance(s, str)) for x, y in
                     zip(a["source"], b["source"], strict=True)]
    na, nb = names
    notes = []
    for x, y in zip(a["value"], b["value"], strict=True):
        gone = [n for v, n in ((x, na), (y, nb)) if v != v]
        notes.append(f"missing component(s): {', '.join(gone)}; not filled" if gone else None)
    out["note"] = notes
    for col in ("area_name", "year_basis", "reference_period"):
        if col in a.columns:
            out[col] = a[col].fillna(b[col])
    return out.reset_index()


def prefecture_indicators(
    panel: pd.DataFrame,
    prefecture: str | list[str] | None = "14",
    indicators: tuple[str, ...] | list[str] = DEFAULT_INDICATORS,
    years: tuple[int, ...] | list[int] | range | None = None,
    *,
    dataset: str = "SSDSE-B",
) -> pd.DataFrame:
    """Indicators of one or more prefectures (``'14'`` = 神奈川県; ``None`` = all) from the
    prefecture panel, one row per area, year and indicator (see :data:`INDICATORS`).

    Items are read from one ``dataset`` (``SSDSE-B`` by default: 2012–2023; ``SSDSE-E``
    holds one year per item). Derived indicators (differences, ratios) get
    ``status='derived'`` and list both component sources; a year where a component is
    missing gives a missing value and a note. ``attrs['units']`` maps indicator → unit.
    """
    unknown = [i for i in indicators if i not in INDICATORS]
    if unknown:
        raise KeyError(f"unknown indicator(s) {unknown}; known: {', '.join(INDICATORS)}")
    sel = panel[panel["dataset"] == dataset]
    codes = _codes(prefecture)
    if codes is not None:
        sel = sel[sel["area_code"].isin(codes)]
    if years is not None:
        sel = sel[sel["year"].isin(list(years))]
    keys = ["area_code", "year"]
    frames = []
    for name in indicators:
        ind = INDICATORS[name]
        parts = []
        for code in ind.items:
            rows = sel[sel["item_code"] == code]
            if rows.duplicated(keys).any():
                raise ComparabilityError(f"item {code}: more than one row per area and year")
            parts.append(rows[keys + ["area_name", "value", "source", "year_basis",
                                      "reference_period", "status", "value_note"]])
        if ind.op != "item" and len({p["year_basis"].iloc[0] for p in parts
                                     if len(p)}) > 1:
            raise ComparabilityError(f"{name}: components have different year bases")
        out = _combine(parts, ind.items, keys, ind.op)
        out["status"] = out["status"] if ind.op == "item" else "derived"
        out["indicator"], out["unit"] = name, ind.unit
        frames.append(out)
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=OUTPUT_COLUMNS)
    result = result[OUTPUT_COLUMNS].sort_values(["area_code", "indicator", "year"],
                                                kind="mergesort").reset_index(drop=True)
    result["year"] = result["year"].astype("int64")
    result.attrs.update(units={n: INDICATORS[n].unit for n in indicators}, dataset=dataset,
                        items={n: INDICATORS[n].items for n in indicators})
    return result


def _year_column(df: pd.DataFrame, year_col: str | None) -> str:
    if year_col is not None:
        return year_col
    for col in ("year", "census_year", "fiscal_year", "period"):
        if col in df.columns:
            return col
    raise KeyError("no year column (year / census_year / fiscal_year / period) in values")


def _area5(code: object) -> str:
    """'14' → '14000', '00' → '00000'; 5-digit codes unchanged."""
    text = str(code)
    return f"{text}000" if len(text) == 2 else text


def population_series(population: pd.DataFrame) -> pd.DataFrame:
    """Total population per (area, year) from the prefecture panel (item ``A1101``), the
    SSDSE-A ``population`` table (measure ``population_total``) or any frame with
    ``area_code``, ``year`` and ``value``. Area codes become 5-digit (``'14'`` → ``'14000'``).

    The same (area, year) from two sources must agree (else :class:`ComparabilityError`).
    """
    pop = population
    if {"area5", "population"} <= set(pop.columns):  # already a population series
        return pop.reset_index(drop=True)
    if "item_code" in pop.columns:
        pop = pop[pop["item_code"] == "A1101"]
    elif "measure" in pop.columns:
        pop = pop[pop["measure"] == "population_total"]
    year = _year_column(pop, None)
    out = pd.DataFrame({
        "area5": pop["area_code"].map(_area5),
        "year": pd.to_numeric(pop[year]).astype("int64"),
        "population": pop["value"].astype("float64"),
        "population_source": pop["source"] if "source" in pop.columns else None,
        "population_basis": (pop["reference_period"] if "reference_period" in pop.columns
                             else None),
    })
    out = out.dropna(subset=["population"])
    dup = out.duplicated(["area5", "year"], keep=False)
    if dup.any():
        d = out[dup]
        clash = d.groupby(["area5", "year"])["population"].nunique()
        if (clash > 1).any():
            area, yr = clash[clash > 1].index[0]
            vals = d[(d.area5 == area) & (d.year == yr)]
            raise ComparabilityError(
                f"two different populations for {area} in {yr}: "
                + "; ".join(f"{v:,.0f} ({s})" for v, s in
                            zip(vals.population, vals.population_source, strict=True)))
        out = out.drop_duplicates(["area5", "year"])
    return out.reset_index(drop=True)


def per_capita(
    values: pd.DataFrame,
    population: pd.DataFrame,
    year: int | None = None,
    *,
    per: float = 1.0,
    value_col: str = "value",
    year_col: str | None = None,
) -> pd.DataFrame:
    """``values`` divided by the population of the same area and the same year.

    ``values`` is any tidy frame with ``area_code`` (2-digit prefecture or 5-digit area
    code) and a year column (``year``, ``census_year``, ``fiscal_year`` or a 'YYYY'
    ``period``); ``population`` is the prefecture panel, the SSDSE-A ``population`` table
    or a frame of (area_code, year, value) — see :func:`population_series`. With ``year``,
    only rows of that year are kept. Adds ``population``, ``population_year``,
    ``population_source``, ``per_capita`` (value / population × ``per``) and
    ``per_capita_note``. A row whose year has no population gets a missing ``per_capita``
    and a note: the population of another year is never used. Population is counted on
    1 October; the caller's values may refer to another date or period of that year
    (``per_capita_note`` says so where the basis differs).
    """
    ycol = _year_column(values, year_col)
    years = values[ycol].astype(str)
    if not years.str.fullmatch(r"\d{4}").all():
        raise ComparabilityError(f"{ycol} must hold years (YYYY); monthly values have no "
                                 "matching annual population")
    out = values.copy()
    if year is not None:
        out = out[years == str(year)].copy()
        years = years[out.index]
    pop = population_series(population)
    key = pd.DataFrame({"area5": out["area_code"].map(_area5).to_numpy(),
                        "year": years.astype("int64").to_numpy()})
    matched = key.merge(pop, on=["area5", "year"], how="left", validate="many_to_one")
    out["population"] = matched["population"].to_numpy()
    out["population_year"] = (matched["year"].where(matched["population"].notna())
                              .astype("Int64").to_numpy())
    out["population_source"] = matched["population_source"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["per_capita"] = (out[value_col].astype("float64") / out["population"]) * per
    notes = []
    basis = out["year_basis"] if "year_basis" in out.columns else pd.Series(None,
                                                                             index=out.index)
    for area, yr, p, b, v in zip(key["area5"], key["year"], out["population"], basis,
                                 out[value_col], strict=True):
        if p != p:
            notes.append(f"no population for {area} in {yr}: per-capita value left missing "
                         "(the population of another year is not used)")
        elif v != v:
            notes.append("value missing")
        elif isinstance(b, str) and b not in ("survey_date",):
            notes.append(f"value is a {b}-year figure; population is that of 1 October {yr}")
        else:
            notes.append(None)
    out["per_capita_note"] = notes
    out.attrs.update(values.attrs)
    out.attrs["per_capita_unit"] = f"per {per:g} persons" if per != 1 else "per person"
    return out


def city_indicators(
    population_table: pd.DataFrame,
    areas: dict[str, str] | list[str] | None = None,
    indicators: tuple[str, ...] | list[str] = ("population", "net_migration",
                                               "natural_change"),
    years: tuple[int, ...] | list[int] | range | None = None,
) -> pd.DataFrame:
    """The same indicators for municipalities from the SSDSE-A ``population`` table
    (default: the 20 designated cities). Only indicators with an SSDSE-A counterpart of
    the same definition are available (:data:`CITY_MEASURES`); migration is Japanese
    movers only, as in SSDSE-B. Output columns as :func:`prefecture_indicators`."""
    unknown = [i for i in indicators if i not in CITY_MEASURES]
    if unknown:
        raise KeyError(f"no SSDSE-A city counterpart for {unknown}; available: "
                       f"{', '.join(CITY_MEASURES)}")
    codes = list(areas or DESIGNATED_CITIES)
    sel = population_table[population_table["area_code"].isin(codes)]
    if years is not None:
        sel = sel[sel["year"].isin(list(years))]
    keys = ["area_code", "year"]
    basis = {"population": ("survey_date", "1 Oct")}
    frames = []
    for name in indicators:
        measures, op = CITY_MEASURES[name]
        parts = []
        for m in measures:
            rows = sel[sel["measure"] == m]
            if rows.duplicated(keys).any():
                raise ComparabilityError(f"measure {m}: more than one row per area and year")
            parts.append(rows[keys + ["area_name", "value", "source", "status"]]
                         .assign(value=lambda d: d["value"].astype("float64")))
        out = _combine(parts, measures, keys, op)
        out["status"] = out["status"] if op == "item" else "derived"
        out["year_basis"], out["reference_period"] = basis.get(name, ("calendar", "Jan–Dec"))
        out["indicator"], out["unit"] = name, INDICATORS[name].unit
        frames.append(out)
    result = pd.concat(frames, ignore_index=True)[OUTPUT_COLUMNS]
    result["year"] = result["year"].astype("int64")
    return result.sort_values(["area_code", "indicator", "year"],
                              kind="mergesort").reset_index(drop=True)


def comparison_group(
    panel: pd.DataFrame,
    population_table: pd.DataFrame,
    prefecture: str = "14",
    cities: dict[str, str] | list[str] | None = None,
    indicators: tuple[str, ...] | list[str] = ("population", "net_migration",
                                               "natural_change"),
    years: tuple[int, ...] | list[int] | range | None = None,
    *,
    per: float = 1000.0,
) -> pd.DataFrame:
    """Designated cities and the prefecture side by side, with rates per ``per`` persons.

    One row per area, year and indicator: ``group`` is ``designated_city`` (川崎市 is
    flagged by ``focus``) or ``prefecture``; area codes are 5-digit (``14000`` = 神奈川県).
    ``rate`` = value / population of the same year × ``per`` (missing, with a note, where
    that year's population is not published: SSDSE-A carries city populations for the
    census years 2015 and 2020 only). Indicators without a city counterpart (e.g.
    ``jobs_to_applicants``) appear for the prefecture only.
    """
    cities_codes = list(cities or DESIGNATED_CITIES)
    city_ind = [i for i in indicators if i in CITY_MEASURES]
    city = city_indicators(population_table, cities_codes, city_ind, years)
    city["group"] = "designated_city"
    pref = prefecture_indicators(panel, prefecture, indicators, years)
    pref["group"] = "prefecture"
    pref["area_code"] = pref["area_code"].map(_area5)
    both = pd.concat([city, pref], ignore_index=True)
    both["focus"] = both["area_code"] == KAWASAKI
    pops = pd.concat([
        population_series(population_table[population_table["area_code"].isin(cities_codes)]),
        population_series(panel[panel["dataset"] == "SSDSE-B"]),
    ], ignore_index=True)
    counts = both["indicator"].map(lambda n: INDICATORS[n].op != "ratio")
    rated = per_capita(both[counts], pops, per=per)
    both["rate"] = np.nan
    both["rate_note"] = None
    both.loc[counts, "rate"] = rated["per_capita"].to_numpy()
    both.loc[counts, "rate_note"] = rated["per_capita_note"].to_numpy()
    both.loc[both["indicator"] == "population", "rate"] = np.nan
    both.loc[both["indicator"] == "population", "rate_note"] = None
    cols = ["group", "area_code", "area_name", "focus", "year", "indicator", "value", "unit",
            "rate", "rate_note", "year_basis", "reference_period", "status", "source", "note"]
    out = both[cols].sort_values(["indicator", "year", "group", "area_code"],
                                 kind="mergesort").reset_index(drop=True)
    out.attrs.update(rate_unit=f"per {per:g} persons (population of the same year)",
                     units={n: INDICATORS[n].unit for n in indicators})
    return out


__all__ = ["INDICATORS", "DEFAULT_INDICATORS", "CITY_MEASURES", "prefecture_indicators",
           "city_indicators", "comparison_group", "per_capita", "population_series"]
