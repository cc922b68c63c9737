"""Names in Japanese and English: designated cities, JSIC divisions, stations, areas."""

from __future__ import annotations

from .style import check_lang

#: Area code -> (Japanese, English): the 20 designated cities, 東京都区部, nation, Kanagawa.
AREAS: dict[str, tuple[str, str]] = {
    "01100": ("札幌市", "Sapporo"), "04100": ("仙台市", "Sendai"),
    "11100": ("さいたま市", "Saitama"), "12100": ("千葉市", "Chiba"),
    "14100": ("横浜市", "Yokohama"), "14130": ("川崎市", "Kawasaki"),
    "14150": ("相模原市", "Sagamihara"), "15100": ("新潟市", "Niigata"),
    "22100": ("静岡市", "Shizuoka"), "22130": ("浜松市", "Hamamatsu"),
    "23100": ("名古屋市", "Nagoya"), "26100": ("京都市", "Kyoto"),
    "27100": ("大阪市", "Osaka"), "27140": ("堺市", "Sakai"),
    "28100": ("神戸市", "Kobe"), "33100": ("岡山市", "Okayama"),
    "34100": ("広島市", "Hiroshima"), "40100": ("北九州市", "Kitakyushu"),
    "40130": ("福岡市", "Fukuoka"), "43100": ("熊本市", "Kumamoto"),
    "13100": ("東京都区部", "Tokyo 23 wards"), "00000": ("全国", "Japan"),
    "14000": ("神奈川県", "Kanagawa"),
    # two-digit prefecture codes of the guest-night table
    "00": ("全国", "Japan"), "14": ("神奈川県", "Kanagawa"), "13": ("東京都", "Tokyo"),
}  # fmt: skip

#: JSIC (rev. 13) major divisions: letter -> (short Japanese, short English).
DIVISIONS: dict[str, tuple[str, str]] = {
    "A": ("農業，林業", "Agriculture, forestry"),
    "B": ("漁業", "Fisheries"),
    "C": ("鉱業，採石業，砂利採取業", "Mining, quarrying"),
    "D": ("建設業", "Construction"),
    "E": ("製造業", "Manufacturing"),
    "F": ("電気・ガス・熱供給・水道業", "Electricity, gas, heat, water"),
    "G": ("情報通信業", "Information and communications"),
    "H": ("運輸業，郵便業", "Transport and postal"),
    "I": ("卸売業，小売業", "Wholesale and retail"),
    "J": ("金融業，保険業", "Finance and insurance"),
    "K": ("不動産業，物品賃貸業", "Real estate, goods rental"),
    "L": ("学術研究，専門・技術サービス業", "Scientific research, professional services"),
    "M": ("宿泊業，飲食サービス業", "Accommodation, food services"),
    "N": ("生活関連サービス業，娯楽業", "Living-related services, amusement"),
    "O": ("教育，学習支援業", "Education, learning support"),
    "P": ("医療，福祉", "Medical, health care, welfare"),
    "Q": ("複合サービス事業", "Compound services"),
    "R": ("サービス業（他に分類されないもの）", "Services, n.e.c."),
    "S": ("公務（他に分類されるものを除く）", "Government, n.e.c."),
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

#: JR East stations located in Kawasaki City (矢向 lies in Yokohama and is left out).
KAWASAKI_JR_STATIONS: tuple[str, ...] = (
    "川崎", "武蔵小杉", "武蔵溝ノ口", "登戸", "武蔵中原", "武蔵新城", "稲田堤", "新川崎",
    "鹿島田", "向河原", "平間", "宿河原", "津田山", "川崎新町",
)  # fmt: skip

#: Census measures: (Japanese label, English label, Japanese unit, English unit).
MEASURES: dict[str, tuple[str, str, str, str]] = {
    "establishments": ("事業所数", "Establishments", "事業所", "establishments"),
    "employees": ("従業者数", "Employees", "人", "persons"),
}


def area_name(code: str, lang: str = "ja", default: str | None = None) -> str:
    check_lang(lang)
    if code in AREAS:
        return AREAS[code][0 if lang == "ja" else 1]
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
