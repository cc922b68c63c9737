"""SSDSE-B (県別推移) and SSDSE-E (県別) readers: the ``prefecture_panel`` table, and the
SSDSE-B guest-night rows of the ``guest_nights`` table.

Files (see ``data/raw/catalog.toml``):

* ``ssdse/SSDSE-B-2026.csv`` — 47 prefectures × 2012–2023, 110 items. CP932, CRLF, **two**
  header rows read explicitly: item codes (``SSDSE-B-2026``, ``Code``, ``Prefecture``,
  ``A1101`` …) and Japanese names (``年度``, ``地域コード``, ``都道府県``, ``総人口`` …). One data
  row per (year, prefecture); the year column is labelled 年度 but holds each item's own
  reference year (see :data:`BASES`). Every cell is published.
* ``ssdse/SSDSE-E-2026.csv`` — 全国 (``R00000``) + 47 prefectures, 93 items, **three**
  header rows (code, per-column reference year, name), read with
  :func:`kawasaki_econ.sources.ssdse.read_ssdse`. Its 2021 economic-census columns also
  feed the ``census`` table (built in :mod:`.ssdse`); here they are just items of the panel.

Item registry
-------------
Every item code of each registered release is listed in :data:`ITEMS` with its expected
Japanese name, unit, kind and reference-period basis. A release whose header holds a code
that is not registered, lacks a registered code, or names a code differently (a shifted or
renamed column) is rejected with an :class:`~kawasaki_econ.errors.IngestError` naming the
file, header row and column; a new release must be added to :data:`RELEASES` after its
columns have been checked. ``kind`` is ``count`` (additive counts: persons, facilities,
cases, person-nights), ``amount`` (additive non-count quantities: m², t, ha, yen),
``rate`` (ratios, %, per-capita or per-dwelling figures), ``price`` (land price per m²),
``spending`` (household spending per month) or ``weather``; only ``count`` and ``amount``
add up across prefectures.

Year basis
----------
``year_basis`` says what the row's year means for the item: ``calendar`` (January–December
flows or averages), ``fiscal`` (April–March of the fiscal year that starts in that year),
``survey_date`` (a stock counted at a date in that year; ``reference_period`` names the
date) or ``unknown``. It comes from :data:`BASES` per item — from the survey NSTAC names
for the item (社会・人口統計体系) and, where stated, checked against the data — and is
``unknown`` where it is not established; it is never inferred from the code at run time.
Checks made on the real files (see the notes in :data:`BASES`):

* ``G7101``/``G7102`` (guest nights): calendar years, 10+-employee frame — 2012–2016 equal
  sheets 4-1/5-1 of the 2017-09 推移表 for every prefecture (tested).
* ``H1800`` (new dwellings): the 47-prefecture sums are the fiscal-year national totals
  (2019: 883,687; 2020: 812,164; 2021: 865,909; 2022: 860,828), not the calendar-year ones.
* ``H5609`` (waste): the 47-prefecture sums are the fiscal-year national totals
  (2022: 40,344,086 t).
* ``F3102``/``F3103`` (job seekers / openings, 一般): the ratio of the 47-prefecture sums
  is 1.16 / 1.31 / 1.30 for 2021–2023, the published fiscal-year national ratios, not the
  calendar-year ones (1.13 / 1.28 / 1.31); it rises 2020→2021 and falls 2022→2023 as the
  fiscal-year ratio did. Before 2021 it is below both published ratios (2012: 0.71).

Bad input (wrong encoding, truncated or empty file, renamed / missing / unregistered item
code, a name that does not match its code, a non-numeric or blank cell, a duplicated
(year, area) row, a missing prefecture-year) raises :class:`IngestError` naming the file,
the row (1-based line of the file) and the column. Publication markers (``-``, ``x``, ``…``)
would give a missing value with the reason in ``value_note`` (never zero); the 2026
releases hold none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalog import Inputs
from ..codes import PREFECTURES
from ..errors import IngestError
from ..parse import compact, name_key, plain_floats
from .common import check_row_lengths, numeric_column, read_csv_rows, reader_inputs, rel
from .ssdse import read_ssdse

ENCODING = "cp932"
B_HEADER_ROWS = 2
E_HEADER_ROWS = 3
#: First three columns of SSDSE-B: (code row, name row).
B_LEAD = (("Code", "地域コード"), ("Prefecture", "都道府県"))

YEAR_BASES = ("calendar", "fiscal", "survey_date", "unknown")
KINDS = ("count", "amount", "rate", "price", "spending", "weather")


@dataclass(frozen=True)
class Basis:
    year_basis: str  # one of YEAR_BASES
    reference_period: str  # short: 'Jan–Dec', 'Apr–Mar', '1 Oct', … ('' if unknown)
    note: str  # the survey and the evidence


#: Reference-period basis of each group of items (keys are used in :data:`ITEMS`).
BASES: dict[str, Basis] = {
    "pop": Basis("survey_date", "1 Oct",
                 "人口推計 (1 October); 国勢調査 in the census years 2015 and 2020, which are "
                 "exact counts while the other years are rounded to thousands"),
    "census2020": Basis("survey_date", "1 Oct", "国勢調査 2020 (1 October)"),
    "vital": Basis("calendar", "Jan–Dec", "人口動態統計: events of the calendar year"),
    "migration": Basis("calendar", "Jan–Dec",
                       "住民基本台帳人口移動報告: moves of Japanese nationals (日本人移動者) "
                       "in the calendar year"),
    "weather": Basis("calendar", "Jan–Dec",
                     "気象庁: annual values at the observation station of the prefectural "
                     "capital, not the prefecture as a whole"),
    "area": Basis("survey_date", "",
                  "全国都道府県市区町村別面積調: area at a date in the year (date not "
                  "verified)"),
    "accounts": Basis("fiscal", "Apr–Mar", "県民経済計算 (fiscal year, 2015 base)"),
    "econ2021": Basis("survey_date", "1 Jun",
                      "経済センサス‐活動調査 2021 (1 June 2021), private establishments"),
    "farmland": Basis("survey_date", "15 Jul", "作物統計調査 耕地面積 (15 July)"),
    "starts": Basis("fiscal", "Apr–Mar",
                    "建築着工統計調査; checked: the 47-prefecture sums of H1800 are the "
                    "fiscal-year national totals (FY2019 883,687, FY2020 812,164, FY2021 "
                    "865,909, FY2022 860,828), not the calendar-year ones"),
    "starts_buildings": Basis("fiscal", "Apr–Mar",
                              "建築着工統計調査, the survey of H1800 (checked fiscal); these "
                              "items were not cross-checked themselves"),
    "land_price": Basis("survey_date", "1 Jul",
                        "都道府県地価調査: standard price of residential / commercial land "
                        "(1 July)"),
    "school": Basis("survey_date", "1 May", "学校基本調査 (1 May)"),
    "graduates": Basis("unknown", "",
                       "学校基本調査 of 1 May counts the graduates of the March before; "
                       "whether the row year is the survey year or the school year is not "
                       "established"),
    "jobs": Basis("fiscal", "Apr–Mar",
                  "職業安定業務統計 (一般 = excluding new school graduates), annual sums of "
                  "monthly counts; fiscal year inferred from the data: the ratio of the "
                  "47-prefecture sums F3103/F3102 is 1.16, 1.31, 1.30 for 2021–2023 — the "
                  "published fiscal-year national ratios (1.16, 1.31, 1.29), not the "
                  "calendar-year ones (1.13, 1.28, 1.31); earlier years are lower than "
                  "either published ratio (2012: 0.71)"),
    "guest": Basis("calendar", "Jan–Dec",
                   "宿泊旅行統計調査, facilities with 10 or more employees; checked: SSDSE-B "
                   "2012–2016 equal sheets 4-1/5-1 of the 2017-09 推移表 for every "
                   "prefecture (not the all-facility frame)"),
    "lodging": Basis("unknown", "",
                     "衛生行政報告例 counts facilities at the end of the fiscal year "
                     "(年度末); how SSDSE labels that year is not established"),
    "waste": Basis("fiscal", "Apr–Mar",
                   "一般廃棄物処理実態調査; checked: the 47-prefecture sum of H5609 is the "
                   "national fiscal-year total (FY2022 40,344,086 t)"),
    "medical": Basis("survey_date", "1 Oct", "医療施設調査 (1 October)"),
    "physicians": Basis("survey_date", "31 Dec", "医師・歯科医師・薬剤師統計 (31 December)"),
    "childcare": Basis("survey_date", "",
                       "facilities / places / children / staff counted at a date in the year "
                       "(社会福祉施設等調査 1 October; 待機児童 1 April); the date of each item "
                       "is not verified"),
    "social_education": Basis("survey_date", "1 Oct", "社会教育調査 2021 (1 October 2021)"),
    "housing2023": Basis("survey_date", "1 Oct", "住宅・土地統計調査 2023 (1 October)"),
    "household_spending": Basis("calendar", "Jan–Dec",
                                "家計調査: calendar-year average of monthly spending per "
                                "household of two or more persons in the prefectural capital "
                                "city (not the whole prefecture)"),
    "unknown": Basis("unknown", "", "reference period not established"),
}


@dataclass(frozen=True)
class Item:
    code: str
    name_ja: str
    unit: str | None
    kind: str
    basis: str  # key of BASES
    datasets: str  # 'B', 'E' or 'BE': the registered 2026 releases that carry it


# code | name as published | unit | kind | basis | in SSDSE-B / SSDSE-E (2026 releases)
_ITEM_TABLE = """
A1101|総人口|人|count|pop|BE
A110101|総人口（男）|人|count|pop|B
A110102|総人口（女）|人|count|pop|B
A1102|日本人人口|人|count|pop|BE
A110201|日本人人口（男）|人|count|pop|B
A110202|日本人人口（女）|人|count|pop|B
A1301|15歳未満人口|人|count|pop|BE
A130101|15歳未満人口（男）|人|count|pop|B
A130102|15歳未満人口（女）|人|count|pop|B
A1302|15～64歳人口|人|count|pop|BE
A130201|15～64歳人口（男）|人|count|pop|B
A130202|15～64歳人口（女）|人|count|pop|B
A1303|65歳以上人口|人|count|pop|BE
A130301|65歳以上人口（男）|人|count|pop|B
A130302|65歳以上人口（女）|人|count|pop|B
A1700|外国人人口|人|count|census2020|E
A4101|出生数|人|count|vital|BE
A410101|出生数（男）|人|count|vital|B
A410102|出生数（女）|人|count|vital|B
A4103|合計特殊出生率||rate|vital|BE
A4200|死亡数|人|count|vital|BE
A420001|死亡数（男）|人|count|vital|B
A420002|死亡数（女）|人|count|vital|B
A5101|転入者数（日本人移動者）|人|count|migration|BE
A510101|転入者数（日本人移動者）（男）|人|count|migration|B
A510102|転入者数（日本人移動者）（女）|人|count|migration|B
A5102|転出者数（日本人移動者）|人|count|migration|BE
A510201|転出者数（日本人移動者）（男）|人|count|migration|B
A510202|転出者数（日本人移動者）（女）|人|count|migration|B
A710101|一般世帯数|世帯|count|census2020|E
A710201|一般世帯人員数|人|count|census2020|E
A810105|単独世帯数|世帯|count|census2020|E
A9101|婚姻件数|組|count|vital|BE
A9201|離婚件数|組|count|vital|BE
B1101|総面積（北方地域及び竹島を除く）|ha|amount|area|E
B1103|可住地面積|ha|amount|area|E
B2101|自然公園面積|ha|amount|unknown|E
B4101|年平均気温|℃|weather|weather|B
B4102|最高気温（日最高気温の月平均の最高値）|℃|weather|weather|B
B4103|最低気温（日最低気温の月平均の最低値）|℃|weather|weather|B
B4106|降水日数（年間）|日|weather|weather|B
B4109|降水量（年間）|mm|weather|weather|B
C1121|県内総生産額（平成27年基準）|百万円|amount|accounts|E
C1221|県民所得（平成27年基準）|百万円|amount|accounts|E
C122101|1人当たり県民所得（平成27年基準）|千円|rate|accounts|E
C2108|事業所数（民営）|事業所|count|econ2021|E
C210836|事業所数（民営）（建設業）|事業所|count|econ2021|E
C210837|事業所数（民営）（製造業）|事業所|count|econ2021|E
C210839|事業所数（民営）（情報通信業）|事業所|count|econ2021|E
C210841|事業所数（民営）（卸売業、小売業）|事業所|count|econ2021|E
C210847|事業所数（民営）（宿泊業、飲食サービス業）|事業所|count|econ2021|E
C210848|事業所数（民営）（生活関連サービス業、娯楽業）|事業所|count|econ2021|E
C210850|事業所数（民営）（医療、福祉）|事業所|count|econ2021|E
C2208|従業者数（民営）|人|count|econ2021|E
C220836|従業者数（民営）（建設業）|人|count|econ2021|E
C220837|従業者数（民営）（製造業）|人|count|econ2021|E
C220839|従業者数（民営）（情報通信業）|人|count|econ2021|E
C220841|従業者数（民営）（卸売業、小売業）|人|count|econ2021|E
C220847|従業者数（民営）（宿泊業、飲食サービス業）|人|count|econ2021|E
C220848|従業者数（民営）（生活関連サービス業、娯楽業）|人|count|econ2021|E
C220850|従業者数（民営）（医療、福祉）|人|count|econ2021|E
C310201|農家数（販売農家）|戸|count|unknown|E
C310202|農家数（自給的農家）|戸|count|unknown|E
C3107|耕地面積|ha|amount|farmland|E
C3301|着工建築物数|棟|count|starts_buildings|B
C3302|着工建築物床面積|m²|amount|starts_buildings|B
C3801|旅館営業施設数（ホテルを含む）|施設|count|lodging|BE
C3802|旅館営業施設客室数（ホテルを含む）|室|count|lodging|BE
C5401|標準価格（平均価格）（住宅地）|円/m²|price|land_price|B
C5403|標準価格（平均価格）（商業地）|円/m²|price|land_price|B
E1101|幼稚園数|園|count|school|BE
E1301|幼稚園教員数|人|count|school|B
E1501|幼稚園在園者数|人|count|school|BE
E2101|小学校数|校|count|school|BE
E2401|小学校教員数|人|count|school|B
E2501|小学校児童数|人|count|school|BE
E3101|中学校数|校|count|school|BE
E3401|中学校教員数|人|count|school|B
E3501|中学校生徒数|人|count|school|BE
E3701|中学校卒業者数|人|count|graduates|B
E3702|中学校卒業者のうち進学者数|人|count|graduates|B
E3901|義務教育学校数|校|count|school|E
E3905|義務教育学校前期課程児童数|人|count|school|E
E3906|義務教育学校後期課程生徒数|人|count|school|E
E4101|高等学校数|校|count|school|BE
E4401|高等学校教員数|人|count|school|B
E4501|高等学校生徒数|人|count|school|BE
E4601|高等学校卒業者数|人|count|graduates|B
E4602|高等学校卒業者のうち進学者数|人|count|graduates|B
E6101|短期大学数|校|count|school|BE
E6102|大学数|校|count|school|BE
E6201|短期大学教員数|人|count|school|B
E6202|大学教員数|人|count|school|B
E6301|短期大学学生数|人|count|school|BE
E6302|大学学生数|人|count|school|BE
E6501|短期大学卒業者数|人|count|graduates|B
E650110|短期大学卒業者のうち進学者数|人|count|graduates|B
E6502|大学卒業者数|人|count|graduates|B
E650210|大学卒業者のうち進学者数|人|count|graduates|B
E7101|専修学校数|校|count|school|B
E7102|各種学校数|校|count|school|B
E7201|専修学校生徒数|人|count|school|B
E7202|各種学校生徒数|人|count|school|B
F3101|新規求職申込件数（一般）|件|count|jobs|B
F3102|月間有効求職者数（一般）|人|count|jobs|B
F3103|月間有効求人数（一般）|人|count|jobs|B
F3104|充足数（一般）|件|count|jobs|B
F3105|就職件数（一般）|件|count|jobs|B
G1201|公民館数|施設|count|social_education|E
G1401|図書館数|施設|count|social_education|E
G1501|博物館数|施設|count|social_education|E
G1604|劇場、音楽堂等数|施設|count|social_education|E
G3102|社会体育施設数|施設|count|social_education|E
G3201|民間体育施設数|施設|count|social_education|E
G5101v2|映画館数|施設|count|unknown|E
G5105|一般旅券発行件数|件|count|unknown|BE
G7101|延べ宿泊者数|人泊|count|guest|BE
G7102|外国人延べ宿泊者数|人泊|count|guest|BE
H1100|総住宅数|戸|count|housing2023|E
H110202|空き家数|戸|count|housing2023|E
H1310|持ち家数|戸|count|housing2023|E
H1401|一戸建住宅数|戸|count|housing2023|E
H1800|着工新設住宅戸数|戸|count|starts|B
H1801|着工新設持家数|戸|count|starts|B
H1802|着工新設貸家数|戸|count|starts|B
H1803|着工新設分譲住宅数|戸|count|starts|B
H2130|1住宅当たり延べ面積|m²|rate|housing2023|E
H2600|着工新設住宅床面積|m²|amount|starts|B
H2601|着工新設持家床面積|m²|amount|starts|B
H2602|着工新設分譲住宅床面積|m²|amount|starts|B
H2603|着工新設貸家床面積|m²|amount|starts|B
H5507|総人口（非水洗化人口＋水洗化人口）|人|count|waste|E
H550701|非水洗化人口|人|count|waste|E
H5609|ごみ総排出量（総量）|t|amount|waste|BE
H5610|1人1日当たりの排出量|g|rate|waste|BE
H5614|ごみのリサイクル率|%|rate|waste|BE
H6130|小売店数|事業所|count|econ2021|E
H6131|飲食店数|事業所|count|econ2021|E
H6132|大型小売店数|事業所|count|econ2021|E
I510120|一般病院数|施設|count|medical|BE
I5102|一般診療所数|施設|count|medical|BE
I5103|歯科診療所数|施設|count|medical|BE
I6100|医師数|人|count|physicians|E
I6200|歯科医師数|人|count|physicians|E
I6300|薬剤師数|人|count|physicians|E
J2503|保育所等数|施設|count|childcare|BE
J2505|保育所等定員数|人|count|childcare|B
J250502|保育所等利用待機児童数|人|count|childcare|B
J2506|保育所等在所児数|人|count|childcare|BE
J2526|保育所等保育士数|人|count|childcare|B
L3221|消費支出（二人以上の世帯）|円|spending|household_spending|BE
L322101|食料費（二人以上の世帯）|円|spending|household_spending|BE
L322102|住居費（二人以上の世帯）|円|spending|household_spending|BE
L322103|光熱・水道費（二人以上の世帯）|円|spending|household_spending|B
L322104|家具・家事用品費（二人以上の世帯）|円|spending|household_spending|B
L322105|被服及び履物費（二人以上の世帯）|円|spending|household_spending|B
L322106|保健医療費（二人以上の世帯）|円|spending|household_spending|B
L322107|交通・通信費（二人以上の世帯）|円|spending|household_spending|B
L322108|教育費（二人以上の世帯）|円|spending|household_spending|B
L322109|教養娯楽費（二人以上の世帯）|円|spending|household_spending|BE
L322110|その他の消費支出（二人以上の世帯）|円|spending|household_spending|B
"""


def _parse_items(table: str) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for line in table.strip().splitlines():
        code, name, unit, kind, basis, datasets = line.split("|")
        assert kind in KINDS and basis in BASES and code not in items, line
        items[code] = Item(code, name, unit or None, kind, basis, datasets)
    return items


#: Item code -> registry entry (name, unit, kind, basis key) for every registered release.
ITEMS: dict[str, Item] = _parse_items(_ITEM_TABLE)

#: Registered releases -> the exact item codes their header must hold.
RELEASES: dict[str, tuple[str, ...]] = {
    "SSDSE-B-2026": tuple(c for c, i in ITEMS.items() if "B" in i.datasets),
    "SSDSE-E-2026": tuple(c for c, i in ITEMS.items() if "E" in i.datasets),
}

#: Guest-night items of SSDSE-B -> guest_nights nationality.
GUEST_NIGHT_ITEMS = {"G7101": "total", "G7102": "foreign"}

PANEL_COLUMNS = ["area_code", "area_name", "year", "year_basis", "item_code", "item_name_ja",
                 "value", "unit", "kind", "dataset", "status", "source", "reference_period",
                 "value_note"]


@dataclass
class Wide:
    """One SSDSE-B/E file as a matrix: one row per (area, year), one column per item."""

    file: str  # path relative to data/raw
    release: str  # e.g. 'SSDSE-B-2026'
    dataset: str  # 'SSDSE-B' / 'SSDSE-E'
    codes: list[str]
    names: list[str]
    area_codes: list[str]  # '00'–'47'
    area_names: list[str]
    years: np.ndarray  # (rows,) for SSDSE-B; (items,) per-column years for SSDSE-E
    lines: np.ndarray  # 1-based line number of each data row in the file
    values: np.ndarray  # (rows, items) float, NaN where a marker stands
    reasons: dict[str, list[str | None]]  # item -> marker reasons, only items with markers


def _release(path: Path, dataset: str) -> str:
    match = re.fullmatch(rf"({dataset}-\d{{4}})\.csv", path.name)
    if not match:
        raise IngestError(f"file name should look like {dataset}-2026.csv", file=path.name)
    return match.group(1)


def _check_items(codes: list[str], names: list[str], *, release: str, file: str,
                 name_row: int) -> None:
    """The header's item codes must be exactly the registered ones, each with its name."""
    expected = RELEASES.get(release)
    if expected is None:
        raise IngestError(
            f"release {release} is not registered; check its item codes, names and reference "
            "years, then add it to ITEMS / RELEASES in kawasaki_econ/sources/ssdse_pref.py",
            file=file)
    seen: dict[str, int] = {}
    for j, code in enumerate(codes):
        if code in seen:
            raise IngestError(f"item code {code!r} appears twice in the first header row",
                              file=file, row=1, column=code)
        seen[code] = j
    for code in expected:
        if code not in seen:
            raise IngestError(
                f"item code {code!r} ({ITEMS[code].name_ja}) not found in the first header row "
                "(renamed or missing column?)", file=file, row=1, column=code)
    for code in codes:
        if code not in expected:
            raise IngestError(
                f"unexpected item code {code!r} ({names[seen[code]]!r}) in the first header "
                f"row: not registered for {release} (renamed column?)",
                file=file, row=1, column=code)
    for code, name in zip(codes, names, strict=True):
        if name_key(name) != name_key(ITEMS[code].name_ja):
            raise IngestError(
                f"expected item name {ITEMS[code].name_ja!r} for {code}, found {name!r} "
                "(shifted or renamed column, or a file not encoded in CP932?)",
                file=file, row=name_row, column=code)


def _area(code_cell: str, name_cell: str, *, file: str, line: int, code_col: str,
          name_col: str) -> str:
    match = re.fullmatch(r"R(\d{2})000", code_cell.strip())
    if not match or match.group(1) not in PREFECTURES:
        raise IngestError(f"area code should be 'R00000' (全国) or a prefecture 'R01000'–"
                          f"'R47000', found {code_cell!r}", file=file, row=line,
                          column=code_col)
    code = match.group(1)
    if compact(name_cell) != PREFECTURES[code]:
        raise IngestError(f"area name {name_cell!r} does not match area code {code_cell} "
                          f"({PREFECTURES[code]})", file=file, row=line, column=name_col)
    return code


def _matrix(rows: Sequence[Sequence[str]], first: int, codes: list[str], *, file: str,
            first_line: int) -> tuple[np.ndarray, dict[str, list[str | None]]]:
    """Item cells (columns ``first:``) as floats. Plain numbers take a vectorised path;
    otherwise each column goes through the cell parser, which names a bad cell's row."""
    cells = np.array([r[first:] for r in rows], dtype=object)
    fast = plain_floats(cells)
    if fast is not None:
        return fast, {}
    values = np.empty(cells.shape, dtype=np.float64)
    reasons: dict[str, list[str | None]] = {}
    for j, code in enumerate(codes):
        column = list(cells[:, j])
        for i, cell in enumerate(column):
            if not str(cell).strip():  # SSDSE publishes every cell: a blank is damage
                raise IngestError("empty cell (truncated or damaged file?)", file=file,
                                  row=first_line + i, column=code)
        values[:, j], why = numeric_column(column, file=file, column=code,
                                           first_line=first_line)
        if any(r is not None for r in why):
            reasons[code] = why
    return values, reasons


def read_ssdse_b(raw: Path, path: Path | None = None) -> Wide:
    """Read SSDSE-B (two header rows) and check header, areas, years and completeness."""
    path = Path(path) if path is not None else _only(raw, "SSDSE-B")
    file = rel(path, raw)
    release = _release(path, "SSDSE-B")
    rows = read_csv_rows(path, ENCODING, raw=raw)
    if len(rows) <= B_HEADER_ROWS:
        raise IngestError(f"expected {B_HEADER_ROWS} header rows (item code; name) and data "
                          f"rows, found {len(rows)} rows", file=file)
    codes, names = rows[0], rows[1]
    if len(codes) != len(names):
        raise IngestError(f"the two header rows have {len(codes)} and {len(names)} fields",
                          file=file, row=2)
    lead = ((release, "年度"),) + B_LEAD
    for j, (code, name) in enumerate(lead):
        found = (codes[j] if j < len(codes) else None, names[j] if j < len(names) else None)
        if found != (code, name):
            raise IngestError(
                f"header column {j + 1} should be {code!r} / {name!r}, found {found[0]!r} / "
                f"{found[1]!r} (not an SSDSE-B file, or not CP932-encoded?)",
                file=file, row=1 if found[0] != code else 2, column=name)
    _check_items(codes[3:], names[3:], release=release, file=file, name_row=2)
    data = rows[B_HEADER_ROWS:]
    first_line = B_HEADER_ROWS + 1
    check_row_lengths(data, len(codes), file=file, first_line=first_line)

    years = np.empty(len(data), dtype=np.int64)
    areas, area_names = [], []
    seen: dict[tuple[int, str], int] = {}
    for i, row in enumerate(data):
        line = first_line + i
        if not re.fullmatch(r"\d{4}", row[0].strip()):
            raise IngestError(f"expected a 4-digit year, found {row[0]!r}", file=file,
                              row=line, column="年度")
        years[i] = int(row[0])
        code = _area(row[1], row[2], file=file, line=line, code_col="地域コード",
                     name_col="都道府県")
        if code == "00":
            raise IngestError("SSDSE-B has no 全国 row; found R00000", file=file, row=line,
                              column="地域コード")
        if (years[i], code) in seen:
            raise IngestError(
                f"duplicated (年度, 地域コード) = ({years[i]}, {row[1]}); first in row "
                f"{seen[years[i], code]}", file=file, row=line, column="地域コード")
        seen[years[i], code] = line
        areas.append(code)
        area_names.append(PREFECTURES[code])
    # Every prefecture in every year: a file cut at a line end would otherwise pass.
    all_years = sorted(set(years.tolist()))
    prefs = [c for c in PREFECTURES if c != "00"]
    missing = [(y, c) for y in all_years for c in prefs if (y, c) not in seen]
    if missing:
        shown = ", ".join(f"{y} R{c}000" for y, c in missing[:5])
        raise IngestError(
            f"{len(missing)} (year, prefecture) rows missing, e.g. {shown} (truncated file?)",
            file=file, row=first_line + len(data) - 1)
    if all_years != list(range(all_years[0], all_years[-1] + 1)):
        raise IngestError(f"years are not contiguous: {all_years}", file=file)
    values, reasons = _matrix(data, 3, codes[3:], file=file, first_line=first_line)
    return Wide(file, release, "SSDSE-B", codes[3:], names[3:], areas, area_names, years,
                np.arange(first_line, first_line + len(data)), values, reasons)


def read_ssdse_e(raw: Path, path: Path | None = None) -> Wide:
    """Read SSDSE-E (three header rows: code, per-column year, name) via
    :func:`~kawasaki_econ.sources.ssdse.read_ssdse` and check it like SSDSE-B."""
    path = Path(path) if path is not None else _only(raw, "SSDSE-E")
    release = _release(path, "SSDSE-E")
    f = read_ssdse(path, raw)  # checks header lengths, R-codes, row lengths, duplicates
    file = f.name
    lead = ((release, "", "地域コード"), ("Prefecture", "年度", "都道府県"))
    for j, expected in enumerate(lead):
        found = (f.codes[j], f.years[j], f.names[j]) if j < len(f.codes) else None
        if found != expected:
            raise IngestError(f"header column {j + 1} should be {expected}, found {found}",
                              file=file, row=1, column=expected[2])
    codes, names = f.codes[2:], f.names[2:]
    _check_items(codes, names, release=release, file=file, name_row=3)
    years = np.empty(len(codes), dtype=np.int64)
    for j, code in enumerate(codes):
        year = f.years[j + 2].strip()
        if not re.fullmatch(r"\d{4}", year):
            raise IngestError(f"expected a 4-digit reference year in the year header row, "
                              f"found {f.years[j + 2]!r}", file=file, row=2, column=code)
        years[j] = int(year)
    first_line = E_HEADER_ROWS + 1
    areas = [_area(r[0], r[1], file=file, line=first_line + i, code_col="地域コード",
                   name_col="都道府県") for i, r in enumerate(f.rows)]
    missing = [c for c in PREFECTURES if c not in set(areas)]
    if missing:
        raise IngestError(f"areas missing: {', '.join('R' + c + '000' for c in missing)} "
                          "(truncated file?)", file=file, row=first_line + len(f.rows) - 1)
    values, reasons = _matrix(f.rows, 2, codes, file=file, first_line=first_line)
    return Wide(file, release, "SSDSE-E", codes, names, areas,
                [PREFECTURES[c] for c in areas], years,
                np.arange(first_line, first_line + len(f.rows)), values, reasons)


def _only(raw: Path, dataset: str, inputs: Inputs | None = None) -> Path:
    """The newest release of ``dataset`` among the inputs."""
    pattern = f"ssdse/{dataset}-*.csv"
    files = reader_inputs(raw, inputs, (pattern,)).match(pattern)
    if not files:
        raise IngestError("file not found", file=pattern)
    return files[-1]


def _long(w: Wide) -> pd.DataFrame:
    """Long rows of one wide file: one per (area, year, item)."""
    n, k = w.values.shape
    items = [ITEMS[c] for c in w.codes]
    bases = [BASES[i.basis] for i in items]
    if w.dataset == "SSDSE-B":
        year = np.tile(w.years, k)
    else:
        year = np.repeat(w.years, n)
    code = np.repeat(np.array(w.codes, dtype=object), n)
    line = np.tile(w.lines, k)
    reasons = np.full(n * k, None, dtype=object)
    for j, c in enumerate(w.codes):
        if c in w.reasons:
            reasons[j * n:(j + 1) * n] = w.reasons[c]
    return pd.DataFrame({
        "area_code": np.tile(np.array(w.area_codes, dtype=object), k),
        "area_name": np.tile(np.array(w.area_names, dtype=object), k),
        "year": year,
        "year_basis": np.repeat([b.year_basis for b in bases], n),
        "item_code": code,
        "item_name_ja": np.repeat(np.array(w.names, dtype=object), n),
        "value": w.values.T.ravel(),
        "unit": np.repeat(np.array([i.unit for i in items], dtype=object), n),
        "kind": np.repeat([i.kind for i in items], n),
        "dataset": w.dataset,
        "status": "final",
        "source": [f"{w.file}:{c} row {ln}" for c, ln in zip(code, line, strict=True)],
        "reference_period": np.repeat([b.reference_period or None for b in bases], n),
        "value_note": reasons,
    })


def build_prefecture_panel(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """The ``prefecture_panel`` table: every item of SSDSE-B and SSDSE-E in long form.

    Key (area_code, year, item_code, dataset). SSDSE-B and SSDSE-E rows for the same item
    and year are both kept (``dataset`` differs); they hold the same values where they
    overlap (2023 items).
    """
    raw = Path(raw)
    b, e = _only(raw, "SSDSE-B", inputs), _only(raw, "SSDSE-E", inputs)
    out = pd.concat([_long(read_ssdse_b(raw, b)), _long(read_ssdse_e(raw, e))],
                    ignore_index=True)
    return out[PANEL_COLUMNS]


def items_frame() -> pd.DataFrame:
    """The item registry as a frame: code, name, unit, kind, year basis, reference period,
    the note saying where the basis comes from, and the datasets carrying the item."""
    return pd.DataFrame([
        {"item_code": i.code, "item_name_ja": i.name_ja, "unit": i.unit, "kind": i.kind,
         "year_basis": BASES[i.basis].year_basis,
         "reference_period": BASES[i.basis].reference_period or None,
         "basis_note": BASES[i.basis].note,
         "datasets": ", ".join(f"SSDSE-{d}" for d in i.datasets)}
        for i in ITEMS.values()
    ])


def guest_nights_from_ssdse_b(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """SSDSE-B's guest-night items as ``guest_nights`` rows.

    ``G7101`` (延べ宿泊者数) → ``nationality='total'``, ``G7102`` (外国人延べ宿泊者数) →
    ``'foreign'``; ``frame='employees_10plus'`` (facilities with 10+ employees: the values
    equal sheets 4-1/5-1 of the 2017-09 推移表 for 2012–2016, not the all-facility frame),
    ``freq='year'``, ``period`` = calendar year, ``status='final'``, ``release`` = the
    SSDSE release (``SSDSE-B-2026``). Columns are those of
    :func:`kawasaki_econ.sources.kankocho.build_guest_nights`.
    """
    w = read_ssdse_b(Path(raw), _only(Path(raw), "SSDSE-B", inputs))
    frames = []
    for code, nationality in GUEST_NIGHT_ITEMS.items():
        j = w.codes.index(code)
        values = w.values[:, j]
        why = w.reasons.get(code, [None] * len(values))
        for i, v in enumerate(values):
            if v == v and (v < 0 or not float(v).is_integer()):
                raise IngestError(f"expected a non-negative whole number of person-nights, "
                                  f"found {v!r}", file=w.file, row=int(w.lines[i]), column=code)
        note = (f"{w.release} item {code} ({w.names[j]}): facilities with 10+ employees, "
                "calendar year")
        frames.append(pd.DataFrame({
            "area_code": w.area_codes,
            "area_name": [PREFECTURES[c] for c in w.area_codes],
            "frame": "employees_10plus",
            "nationality": nationality,
            "freq": "year",
            "period": [f"{y:04d}" for y in w.years],
            "value": pd.array([None if v != v else int(v) for v in values], dtype="Int64"),
            "status": "final",
            "release": w.release,
            "source": [f"{w.file}:{code} row {ln}" for ln in w.lines],
            "value_note": [f"{r}; {note}" if r else note for r in why],
        }))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["nationality", "area_code", "period"],
                           kind="mergesort").reset_index(drop=True)


__all__ = ["build_prefecture_panel", "guest_nights_from_ssdse_b", "read_ssdse_b",
           "read_ssdse_e", "items_frame", "ITEMS", "BASES", "RELEASES"]
