"""Every word of the report in Japanese and English: column headers (with units), sheet
titles and notes, section introductions and the page's fixed text. ``t(key, lang)``
picks one; ``{name}`` and similar fields are filled by the caller."""

from __future__ import annotations

from ..forecast.overview import STATUS_WORDS
from ..lang import tr_pair

#: Column key -> (Japanese header, English header); units in brackets.
HEADERS: dict[str, tuple[str, str]] = {
    "area_code": ("地域コード", "Area code"),
    "area_name": ("地域名", "Area"),
    "census_year": ("調査年", "Census year"),
    "survey": ("調査", "Survey"),
    "scope": ("範囲", "Scope"),
    "establishments": ("事業所数（事業所）", "Establishments"),
    "employees": ("従業者数（人）", "Employees (persons)"),
    "status": ("状態", "Status"),
    "source": ("出典", "Source"),
    "employees_start": ("従業者数 {start}年（人）", "Employees {start} (persons)"),
    "employees_end": ("従業者数 {end}年（人）", "Employees {end} (persons)"),
    "employees_change": ("従業者数の増減（人）", "Change in employees (persons)"),
    "employees_pct": ("従業者数の増減率", "Change in employees (%)"),
    "rank": ("増減率の順位（{n}地域中）", "Rank by % change (of {n})"),
    "establishments_pct": ("事業所数の増減率", "Change in establishments (%)"),
    "share": ("{division}の従業者割合 {year}年", "{division} share of employees {year} (%)"),
    "share_rank": ("{division}の割合の順位 {year}年", "{division} share rank {year}"),
    "note": ("注記", "Note"),
    "operator": ("事業者", "Operator"),
    "station": ("駅名", "Station"),
    "fiscal_year": ("年度", "Fiscal year"),
    "boardings": ("1日平均乗車人員（人/日）", "Daily boardings (persons/day)"),
    "index": ("指数（{base}年度 = 100）", "Index (FY{base} = 100)"),
    "calendar_year": ("暦年", "Calendar year"),
    "nationality": ("国籍", "Nationality"),
    "frame": ("施設の範囲", "Facilities"),
    "guest_nights": ("延べ宿泊者数（人泊）", "Guest nights (person-nights)"),
    "basis": ("基準", "Basis"),
    "file": ("ファイル（data/raw/）", "File (data/raw/)"),
    "publisher": ("発行者", "Publisher"),
    "origin": ("入手元", "Origin"),
    "release": ("公表・版", "Release"),
    "retrieved": ("取得", "Retrieved"),
    "covers": ("内容", "Covers"),
    "caveats": ("注意事項", "Caveats"),
    "license": ("利用条件", "Licence"),
    "sha256": ("SHA-256", "SHA-256"),
    "member": ("比較グループ", "Peer group"),
    "population": ("総人口（{year}年、人）", "Population {year} (persons)"),
    "division_code": ("産業大分類", "JSIC division"),
    "division": ("産業", "Industry"),
    "employees_year": ("従業者数（人）", "Employees (persons)"),
    "share_of_area": ("従業者割合", "Share of employees"),
    "share_of_nation": ("全国の従業者割合", "Share in Japan"),
    "lq": ("特化係数（全国 = 1）", "Location quotient (Japan = 1)"),
    "base_basis": ("全国値の基準", "Basis of the national figure"),
    "value_start": ("従業者数 {start}年（人）", "Employees {start} (persons)"),
    "value_end": ("従業者数 {end}年（人）", "Employees {end} (persons)"),
    "actual_change": ("増減（人）", "Change (persons)"),
    "national_effect": ("全国成長要因（人）", "National growth effect (persons)"),
    "industry_mix_effect": ("産業構造要因（人）", "Industry-mix effect (persons)"),
    "regional_effect": ("地域特殊要因（人）", "Regional effect (persons)"),
    "actual_change_pct": ("増減率", "Change (%)"),
    "regional_effect_pct": ("地域特殊要因（{start}年比）", "Regional effect (% of {start})"),
    "indicator_id": ("指標ID", "Indicator ID"),
    "indicator": ("指標", "Indicator"),
    "unit": ("単位", "Unit"),
    "target_label": ("目標", "Target"),
    "by": ("目標年度", "Target year"),
    "target": ("目標値", "Target value"),
    "board_status": ("状況", "Status"),
    "probability": ("達成確率", "Probability of meeting it"),
    "value": ("値（実績または予測の中央値）", "Value (observed or median forecast)"),
    "lo95": ("95%区間 下限", "95 % interval, low"),
    "hi95": ("95%区間 上限", "95 % interval, high"),
    "claim_id": ("ID", "ID"),
    "item": ("項目", "Item"),
    "component": ("要素", "Component"),
    "plan_value": ("計画の値", "Plan value"),
    "data_value": ("データの値", "Data value"),
    "verdict": ("判定", "Status"),
    "tolerance": ("許容差", "Tolerance"),
    "detail": ("説明", "Explanation"),
}

#: Code -> (Japanese, English) value labels of the tables.
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "scope": {"all": ("全事業所（公務含む）", "all establishments (incl. public)"),
              "private": ("民営事業所", "private establishments")},
    "survey": {"economic_census_basic": ("経済センサス‐基礎調査", "Economic Census, basic survey"),
               "economic_census_activity": ("経済センサス‐活動調査",
                                            "Economic Census, activity survey"),
               "establishment_enterprise_census": ("事業所・企業統計調査",
                                                   "Establishment and Enterprise Census")},
    "status": {"final": ("確報", "final"), "preliminary": ("速報", "preliminary"),
               "estimate": ("推計", "estimate"), "rounded": ("概数", "rounded"),
               "target": ("目標", "target"), "derived": ("加工（合計等）", "derived (sum)"),
               "unknown": ("不明", "unknown")},
    "nationality": {"foreign": ("外国人", "foreign"), "total": ("総数", "total"),
                    "japanese": ("日本人", "Japanese")},
    "frame": {"all_facilities": ("全施設", "all facilities"),
              "employees_10plus": ("従業者数10人以上", "10+ employees")},
    "basis": {"published": ("公表年計", "published annual total"),
              "sum_of_months": ("月次12か月の合計（参考）", "sum of 12 months (reference)")},
    "operator": {"JR東日本": ("JR東日本", "JR East")},
    "member": {"focus": ("対象", "focus"), "peer": ("比較対象", "peer"),
               "reference": ("参考（順位対象外）", "reference (not ranked)")},
    "base_basis": {"official": ("公表された全国値", "official national total"),
                   "municipal_sum": ("市区町村の合計", "sum of the municipalities")},
    "board_status": STATUS_WORDS,  # the forecast status board's own words
}

#: Catalogue values shown on the page's 出典 table (exact catalogue text -> (ja, en));
#: other values are shown as they are catalogued.
CATALOG_TERMS: dict[str, tuple[str, str]] = {
    "public municipal document": ("自治体の公開資料", "public municipal document"),
    "code4fukui (Code for FUKUI)": ("コード・フォー・フクイ（code4fukui）",
                                    "code4fukui (Code for FUKUI)"),
    "JR East public web page; factual figures": ("JR東日本の公開ウェブページ（事実の数値）",
                                                 "JR East public web page; factual figures"),
    "figures quoted from publications; see source_url per row": (
        "公表資料から引用した数値（行ごとの source_url を参照）",
        "figures quoted from publications; see source_url per row"),
    "various (transcribed by the project; source_url per row)": (
        "各種（本プロジェクトが転記。行ごとの source_url を参照）",
        "various (transcribed by the project; source_url per row)"),
    "Government of Japan Standard Terms of Use (政府標準利用規約 2.0)": (
        "政府標準利用規約 2.0", "Government of Japan Standard Terms of Use 2.0"),
    "Government of Japan Standard Terms of Use (政府標準利用規約 2.0, CC BY 4.0 compatible)": (
        "政府標準利用規約 2.0（CC BY 4.0 互換）",
        "Government of Japan Standard Terms of Use 2.0 (CC BY 4.0 compatible)"),
    "NSTAC SSDSE: free to use with attribution (出典: 独立行政法人統計センター 教育用標準データセット)": (
        "出典を明記すれば自由に利用可（出典: 独立行政法人統計センター 教育用標準データセット）",
        "NSTAC SSDSE: free to use with attribution"),
    "独立行政法人統計センター (NSTAC)": ("独立行政法人統計センター",
                                  "National Statistics Center (NSTAC)"),
    "JR東日本 East Japan Railway Company": ("JR東日本", "East Japan Railway Company"),
    "出入国在留管理庁 Immigration Services Agency (e-Stat 出入国管理統計)": (
        "出入国在留管理庁（e-Stat 出入国管理統計）",
        "Immigration Services Agency (e-Stat immigration statistics)"),
    "川崎市経済労働局": ("川崎市経済労働局", "Kawasaki City Economic and Labour Bureau"),
    "総務省": ("総務省", "Ministry of Internal Affairs and Communications"),
    "観光庁 Japan Tourism Agency (extracted by a third party)": (
        "観光庁（第三者による抽出）", "Japan Tourism Agency (extracted by a third party)"),
    "観光庁 Japan Tourism Agency, 宿泊旅行統計調査": (
        "観光庁 宿泊旅行統計調査", "Japan Tourism Agency, Overnight Travel Statistics"),
}

#: Sheet key -> (Japanese title, English title): at most 31 characters (Excel's limit).
SHEETS: dict[str, tuple[str, str]] = {
    "census": ("経済センサス", "Economic census"),
    "peers": ("比較グループ", "Peer comparison"),
    "stations": ("駅乗車人員", "Station ridership"),
    "guest_nights": ("延べ宿泊者数（年）", "Guest nights (annual)"),
    "claims": ("計画の検証", "Claims audit"),
    "lq": ("特化係数", "Location quotients"),
    "shift_share": ("シフト・シェア分析", "Shift-share"),
    "board": ("成果指標の達成見通し", "Indicator status board"),
    "sources": ("出典", "Sources"),
}

#: Sheet key -> (Japanese, English) note in the sheet's first row; {name} = the focus.
SHEET_NOTES: dict[str, tuple[str, str]] = {
    "census": ("{name}と比較グループ（{group}）の事業所数・従業者数。2014年は公務を含む全事業所、"
               "2016・2021年は民営事業所のみで、直接比較できない。",
               "Establishments and employees of {name} and its peer group ({group}). 2014 "
               "covers all establishments incl. public ones; 2016 and 2021 private ones only: "
               "not directly comparable."),
    "peers": ("{name}と比較グループ（{group}）: {start}→{end}年（民営）の従業者数の増減と業種別割合。"
              "{end}年調査は法人番号により把握範囲を拡大。",
              "{name} and its peer group ({group}): change in employees {start}→{end} "
              "(private) and industry shares. The {end} census widened its coverage using "
              "the corporate-number register."),
    "stations": ("JR東日本 {name}内各駅の1日平均乗車人員（年度）。欠けた年度は行がない（補間なし）。",
                 "JR East stations in {name}: average daily boardings by fiscal year. "
                 "Missing years have no row (no interpolation)."),
    "guest_nights": ("観光庁 宿泊旅行統計調査（全施設）: 全国と{pref}。公表年計のない年は月次12か月の"
                     "合計を参考として掲載。",
                     "Japan Tourism Agency accommodation survey (all facilities): Japan and "
                     "{pref}. Years without a published annual total show the sum of the 12 "
                     "months for reference."),
    "claims": ("かわさき産業振興プラン第2期実行プログラム（平成30年3月）の数値の検証結果。",
               "Audit of the numbers stated in Kawasaki's industrial promotion plan "
               "(2nd action programme, March 2018)."),
    "sources": ("data/raw/catalog.toml に登録された原データ。",
                "Raw files registered in data/raw/catalog.toml."),
    "lq": ("{name}の産業大分類別の従業者割合と特化係数（全国 = 1）: {years}年（民営）。"
           "全国値は公表された全国値があればそれを、なければ市区町村の合計を使う。",
           "{name}: share of employees by JSIC division and location quotient (Japan = 1), "
           "{years} (private). The national share is the official national total where "
           "published, else the sum of the municipalities."),
    "shift_share": ("比較グループ（{group}）の従業者数の増減 {start}→{end}年（民営）を全国成長要因・"
                    "産業構造要因・地域特殊要因に分解（3要因の合計 = 増減）。",
                    "Change in employees {start}→{end} (private) of the peer group ({group}), "
                    "split into the national growth, industry-mix and regional effects (they "
                    "add up to the change)."),
    "board": ("成果指標×目標ごとの状況：目標年度が過ぎたものは達成・未達、これからのものは達成確率と"
              "予測区間（kawasaki_econ.forecast）。",
              "Each outcome indicator × target: met / missed where the target year has "
              "passed, else the probability of meeting it with its interval "
              "(kawasaki_econ.forecast)."),
}

#: Fixed text of the HTML page and the report's own sentences.
PAGE: dict[str, tuple[str, str]] = {
    "title": ("{name}の産業の現状 — 公表統計による分析", "{name}: the local economy from published statistics"),
    "subtitle": ("産業振興計画 第2章「産業を取り巻く現状」に相当する分析",
                 "The analysis of an industrial promotion plan's Chapter 2"),
    "built": ("この報告は登録された原データ（data/raw）からノートブックを実行して作成しました。"
              "図の数値はすべて公表データに基づき、欠けた期間は補間していません。表は {excel} にもあります。",
              "This report was built by executing the notebooks on the catalogued raw data "
              "(data/raw); nothing is interpolated. The tables are also in {excel}."),
    "peers": ("比較グループ", "Peer group"),
    "peers_members": ("構成（{n}地域）", "Members ({n} areas)"),
    "claims": ("計画の数値の検証 — 一覧表", "Claims audit — table"),
    "sources": ("出典", "Data sources"),
    "notebook": ("ノートブック", "notebook"),
    "executed_in": ("実行時間 {seconds:.1f} 秒", "executed in {seconds:.1f} s"),
    "other_figures": ("その他の図", "Other figures"),
    "summary": ("判定の内訳", "Summary"),
    "details": ("詳細（許容差・根拠・説明・出典）", "Details (tolerance, reasoning, explanation, sources)"),
    "audit_details": ("計画の記述", "Plan text"),
    "caveat_coverage": ("{end}年調査は法人番号により把握範囲を拡大（増減の一部は把握範囲の拡大による）",
                        "The {end} census widened its coverage using the corporate-number "
                        "register: part of the change is coverage."),
}

#: Notebook prefix -> (Japanese, English) introduction of the report section.
SECTION_INTROS: dict[str, tuple[str, str]] = {
    "01_": ("経済センサスにみる{name}の事業所・従業者", "{name} in the Economic Census"),
    "02_": ("比較グループとの比較", "Comparison with the peer group"),
    "03_": ("{name}内の駅の乗車人員", "Station ridership in {name}"),
    "04_": ("外国人延べ宿泊者数と羽田空港", "Foreign guest nights and Haneda"),
    "05_": ("計画の数値の検証", "Audit of the plan's numbers"),
    "06_": ("成果指標の達成見通し", "Outcome indicators: will they meet their targets?"),
}

#: Notebook prefix -> (Japanese, English) one-paragraph statement of the section.
SECTION_TEXT: dict[str, tuple[str, str]] = {
    "01_": ("{name}の事業所数と従業者数を経済センサスの各調査年で示し、産業大分類別の内訳を描きます。"
            "2014年（公務を含む全事業所、基礎調査）と2016・2021年（民営事業所のみ、活動調査）は"
            "調査範囲が異なるため、線で結びません。",
            "Establishments and employees of {name} in each Economic Census year and by JSIC "
            "major division. 2014 (all establishments, basic survey) and 2016/2021 (private "
            "establishments, activity survey) differ in scope and are never joined by a line."),
    "02_": ("比較グループ（{group}）の中での{name}の位置: 従業者数・事業所数の増減率、"
            "情報通信業と学術研究，専門・技術サービス業の割合、特化係数、シフト・シェア分析。",
            "Where {name} stands in its peer group ({group}): change in employees and "
            "establishments, the shares of information & communications and of scientific "
            "research / professional services, location quotients and shift-share."),
    "03_": ("JR東日本の{name}内各駅の1日平均乗車人員（年度）を指数と実数で示します。欠けた年度は"
            "線を途切れさせます（補間しません）。",
            "Average daily boardings at JR East stations in {name} by fiscal year, as an "
            "index and in persons per day. Lines break at missing years (no interpolation)."),
    "04_": ("観光庁「宿泊旅行統計調査」の外国人延べ宿泊者数（全国と{pref}）と、羽田空港の国際線旅客数。",
            "Foreign guest nights (Japan Tourism Agency) for Japan and {pref}, and Haneda's "
            "international passengers."),
    "05_": ("計画が述べる数値・比較をデータから再計算して判定します。",
            "Every number the plan states, recomputed from the data and judged."),
    "06_": ("成果指標が目標値に達する確率を、系列そのものの予測と過去の予測誤差から評価します。",
            "The probability that each outcome indicator meets its target, from forecasts "
            "calibrated on their own past errors."),
}

_TABLES = {"headers": HEADERS, "sheets": SHEETS, "sheet_notes": SHEET_NOTES, "page": PAGE,
           "intros": SECTION_INTROS, "section_text": SECTION_TEXT}


def t(table: str, key: str, lang: str, **fields: object) -> str:
    """Text ``key`` of ``table`` (headers, sheets, sheet_notes, page, intros,
    section_text) in ``lang``, with ``fields`` filled in."""
    text = tr_pair(_TABLES[table][key], lang)
    return text.format(**fields) if fields else text


def value_label(kind: str, code: object, lang: str) -> str:
    """Label of a coded value (e.g. scope ``private`` → 民営事業所); unknown codes as is."""
    pair = VALUES[kind].get(str(code))
    return tr_pair(pair, lang) if pair else str(code)


def catalog_term(text: object, lang: str) -> str:
    """A catalogue value (licence, publisher) in ``lang`` (:data:`CATALOG_TERMS`)."""
    pair = CATALOG_TERMS.get(str(text))
    return tr_pair(pair, lang) if pair else str(text)


__all__ = ["CATALOG_TERMS", "HEADERS", "PAGE", "SECTION_INTROS", "SECTION_TEXT", "SHEETS", "SHEET_NOTES",
           "VALUES", "catalog_term", "t", "value_label"]
