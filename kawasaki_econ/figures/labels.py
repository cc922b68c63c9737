"""Names in Japanese and English: designated cities, JSIC divisions, stations, areas."""

from __future__ import annotations

from ..analysis.compare import UNCLASSIFIED
from ..analysis.names import name_of
from ..codes import JSIC_NAMES, PREFECTURES
from ..lang import check_lang

_PREFECTURE_EN: tuple[str, ...] = (
    "Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Ibaraki",
    "Tochigi", "Gunma", "Saitama", "Chiba", "Tokyo", "Kanagawa", "Niigata", "Toyama",
    "Ishikawa", "Fukui", "Yamanashi", "Nagano", "Gifu", "Shizuoka", "Aichi", "Mie", "Shiga",
    "Kyoto", "Osaka", "Hyogo", "Nara", "Wakayama", "Tottori", "Shimane", "Okayama",
    "Hiroshima", "Yamaguchi", "Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga",
    "Nagasaki", "Kumamoto", "Oita", "Miyazaki", "Kagoshima", "Okinawa",
)  # fmt: skip
#: Prefecture code (two digits, JIS X 0401; '00' the nation) -> (Japanese, English); the
#: Japanese names are :data:`~kawasaki_econ.codes.PREFECTURES`.
PREFECTURE_NAMES: dict[str, tuple[str, str]] = {
    code: (name, "Japan" if code == "00" else _PREFECTURE_EN[int(code) - 1])
    for code, name in PREFECTURES.items()
}

#: Area code -> (Japanese, English): the nation and the prefectures (two-digit and PP000
#: codes). Municipalities and 東京都区部: the ``municipal_names`` table
#: (:mod:`kawasaki_econ.analysis.names`).
AREAS: dict[str, tuple[str, str]] = {
    "00000": ("全国", "Japan"),
    # two-digit prefecture codes of the guest-night table, and PP000 census aggregates
    **PREFECTURE_NAMES,
    **{f"{code}000": names for code, names in PREFECTURE_NAMES.items() if code != "00"},
}  # fmt: skip

_DIVISION_EN: dict[str, str] = {
    "A": "Agriculture, forestry", "B": "Fisheries", "C": "Mining, quarrying",
    "D": "Construction", "E": "Manufacturing", "F": "Electricity, gas, heat, water",
    "G": "Information and communications", "H": "Transport and postal",
    "I": "Wholesale and retail", "J": "Finance and insurance", "K": "Real estate, goods rental",
    "L": "Scientific research, professional services", "M": "Accommodation, food services",
    "N": "Living-related services, amusement", "O": "Education, learning support",
    "P": "Medical, health care, welfare", "Q": "Compound services", "R": "Services, n.e.c.",
    "S": "Government, n.e.c.",
}  # fmt: skip

#: JSIC (rev. 13) major divisions: letter -> (Japanese as in SSDSE, English).
DIVISIONS: dict[str, tuple[str, str]] = {
    **{code: (name, _DIVISION_EN[code]) for code, name in JSIC_NAMES.items()},
    UNCLASSIFIED[0]: (UNCLASSIFIED[1], "Unclassifiable"),
    "ALL": ("全産業", "All industries"),
}

#: JR and other stations in (or at the edge of) Kawasaki: Japanese -> English.
STATIONS: dict[str, str] = {
    "川崎": "Kawasaki", "武蔵小杉": "Musashi-Kosugi", "武蔵溝ノ口": "Musashi-Mizonokuchi",
    "登戸": "Noborito", "武蔵中原": "Musashi-Nakahara", "武蔵新城": "Musashi-Shinjo",
    "稲田堤": "Inadazutsumi", "新川崎": "Shin-Kawasaki", "鹿島田": "Kashimada",
    "向河原": "Mukaigawara", "平間": "Hirama", "宿河原": "Shukugawara", "津田山": "Tsudayama",
    "川崎新町": "Kawasaki-Shimmachi", "矢向": "Yako", "京急川崎": "Keikyu Kawasaki",
    "新百合ヶ丘": "Shin-Yurigaoka", "溝の口": "Mizonokuchi",
}  # fmt: skip


#: Census measures: (Japanese label, English label, Japanese unit, English unit).
MEASURES: dict[str, tuple[str, str, str, str]] = {
    "establishments": ("事業所数", "Establishments", "事業所", "establishments"),
    "employees": ("従業者数", "Employees", "人", "persons"),
}


def area_name(code: str, lang: str = "ja", default: str | None = None) -> str:
    """Name of an area in ``lang``: the nation or a prefecture from :data:`AREAS`, a
    municipality or 東京都区部 from the ``municipal_names`` table, else ``default`` (else
    the code)."""
    check_lang(lang)
    if code in AREAS:
        return AREAS[code][0 if lang == "ja" else 1]
    name = name_of(code, lang)
    if name is not None:
        return name
    return default if default is not None else code


def division_name(code: str, lang: str = "ja") -> str:
    check_lang(lang)
    ja, en = DIVISIONS.get(code, (code, code))
    return f"{code} {ja}" if lang == "ja" else f"{code} {en}"


def station_name(name: str, lang: str = "ja") -> str:
    check_lang(lang)
    return name if lang == "ja" else STATIONS.get(name, name)


def measure_label(measure: str, lang: str = "ja") -> str:
    """'従業者数（人）' / 'Employees (persons)'."""
    ja, en, unit_ja, unit_en = MEASURES[measure]
    return f"{ja}（{unit_ja}）" if check_lang(lang) == "ja" else f"{en} ({unit_en})"
