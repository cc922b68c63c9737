"""Names of every municipality in Japanese, in kana and romanised: the
``municipal_names`` table.

``data/raw/reference/localgovjp-utf8.csv`` (code4fukui/localgovjp, CC0; UTF-8 with a BOM,
one header row) lists every municipality and every ward of a designated city with its
reading in hiragana: ``cid`` (the code without its leading zero: 1100 = 01100 札幌市),
``pref``, ``city`` (``札幌市 中央区`` for a ward), ``citykana`` (``さっぽろし ちゅうおうく``) and
``lgcode`` (the 6-digit local-government code: the 5-digit code and a check digit).

**Romanisation** (:func:`hepburn`, :func:`romanise_name`). The reading is converted to
Hepburn by a fixed kana table (:mod:`kawasaki_econ.sources.hepburn`; no kanji is read by
the program), then long vowels are written without macrons, as in
the common English spellings Osaka, Kyoto, Kobe: ``ou`` and ``oo`` → ``o``, ``uu`` → ``u``
(ちゅうおう → Chuo, きたきゅうしゅう → Kitakyushu); ``ei`` and ``ii`` stay (Iida).
Syllabic ん is ``n`` everywhere (Shinjo, Sanbu), with an apostrophe before a vowel
(かんおんじ → Kan'onji) but not before y (南陽市 なんようし → Nanyo; the city writes Nan'yo). The suffix 市 / 区 / 町 / 村 is not part of ``name_en`` (川崎市 →
Kawasaki, 渡名喜村 → Tonaki); ``name_en_suffixed`` keeps it as read in the file: -shi,
-ku, -machi or -cho (町 まち / ちょう), -mura or -son (村 むら / そん). A designated city's
ward is named with its city and keeps -ku: 札幌市 中央区 → ``Sapporo Chuo-ku``.

Caveat: the kana carry no word boundaries, so ``ou`` is always taken as a long vowel,
also where the う begins the next word: 小海町 こうみまち → Komi (the town writes Koumi).
The readings are the file's; 町 and 村 are read まち/ちょう and むら/そん as the file says.

東京都区部 (13100) is not a row of the file (it is not a municipality but the sum of the 23
special wards, see :mod:`kawasaki_econ.analysis.areas`); the table declares it as
:data:`TOKYO_WARDS_TOTAL` (``status`` ``derived``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from ..catalog import Inputs
from ..errors import IngestError
from ..schema import LOCALGOVJP
from .common import read_csv_table, reader_inputs, text_cell
from .hepburn import romanise

COLUMNS = ("pref", "cid", "city", "citykana", "lgcode")

#: 東京都区部: code, Japanese name, English name (declared here, not in the file).
TOKYO_WARDS_TOTAL = ("13100", "東京都区部", "Tokyo 23 wards")

#: Kanji suffix -> (kind, {reading of the suffix: its romanisation}).
SUFFIXES: dict[str, tuple[str, dict[str, str]]] = {
    "市": ("city", {"し": "shi"}),
    "区": ("ward", {"く": "ku"}),
    "町": ("town", {"まち": "machi", "ちょう": "cho"}),
    "村": ("village", {"むら": "mura", "そん": "son"}),
}
#: Every ``kind`` of the table.
KINDS = ("city", "town", "village", "special_ward", "ward", "aggregate")

_HIRAGANA = re.compile(r"[\u3041-\u3096\u30fc]+")
_LONG_VOWEL = re.compile(r"o[ou]|uu")
_ROMAJI = re.compile(r"[a-z']+")
_CID = re.compile(r"\d{4,5}")
_LGCODE = re.compile(r"\d{6}")


def hepburn(kana: str) -> str:
    """Hepburn romanisation (lower case, no macrons) of a hiragana reading
    (:func:`kawasaki_econ.sources.hepburn.romanise`), with ``ou``/``oo`` written ``o`` and ``uu`` written ``u`` (see the module doc).
    ``hepburn('かわさき') == 'kawasaki'``, ``hepburn('ちゅうおう') == 'chuo'``."""
    if not _HIRAGANA.fullmatch(kana):
        raise ValueError(f"expected a hiragana reading, found {kana!r}")
    text = romanise(kana)
    text = _LONG_VOWEL.sub(lambda m: m.group(0)[0], text)
    if not _ROMAJI.fullmatch(text):
        raise ValueError(f"romanisation of {kana!r} gave {text!r}")
    return text


def _split(name: str, reading: str) -> tuple[str, str, str]:
    """One part (``川崎市`` / ``かわさきし``) -> (kind, base reading, romanised suffix)."""
    suffix = name[-1:]
    if suffix not in SUFFIXES:
        raise ValueError(f"{name!r} does not end in 市, 区, 町 or 村")
    kind, readings = SUFFIXES[suffix]
    for kana, roman in readings.items():
        if reading.endswith(kana) and len(reading) > len(kana):
            return kind, reading[: -len(kana)], roman
    raise ValueError(f"the reading {reading!r} of {name!r} does not end in "
                     f"{' or '.join(readings)}")


def romanise_name(name: str, reading: str) -> tuple[str, str, str]:
    """(kind, name_en, name_en_suffixed) of a municipality or ward from its name and
    reading as in the file: ``('city', 'Kawasaki', 'Kawasaki-shi')``; a designated
    city's ward ``('札幌市 中央区', 'さっぽろし ちゅうおうく')`` →
    ``('ward', 'Sapporo Chuo-ku', 'Sapporo-shi Chuo-ku')``."""
    names, readings = name.split(" "), reading.split(" ")
    if len(names) != len(readings) or len(names) > 2:
        raise ValueError(f"name {name!r} and reading {reading!r} do not have the same parts")
    parts = [_split(n, r) for n, r in zip(names, readings, strict=True)]
    bases = [hepburn(base).capitalize() for _, base, _ in parts]
    suffixed = " ".join(f"{b}-{roman}" for b, (_, _, roman) in zip(bases, parts, strict=True))
    if len(parts) == 2:
        if parts[1][0] != "ward":
            raise ValueError(f"{name!r}: the second part must be a ward (区)")
        return "ward", f"{bases[0]} {bases[1]}-ku", suffixed
    kind = "special_ward" if parts[0][0] == "ward" else parts[0][0]
    return kind, bases[0], suffixed


def _cell(row: dict[str, str], column: str, pattern: re.Pattern | None = None,
          expected: str = "a non-empty value", *, file: str, line: int) -> str:
    return text_cell(row[column], file=file, row=line, column=column, pattern=pattern,
                     expected=expected)


def build_municipal_names(raw: Path, inputs: Inputs | None = None) -> pd.DataFrame:
    """One row per municipality and designated-city ward of the file, plus 東京都区部:
    area_code (5 digits), prefecture, name_ja, reading, kind, name_en, name_en_suffixed,
    status (``final``; ``derived`` for 13100) and source (``<file>:row <line>``)."""
    inputs = reader_inputs(raw, inputs, (LOCALGOVJP,))
    table = read_csv_table(inputs.one(LOCALGOVJP), Path(raw), COLUMNS)
    rows, seen = [], {}
    for i, row in enumerate(table.rows):
        line = table.lines[i]
        cell = functools.partial(_cell, row, file=table.file, line=line)
        cid = cell("cid", _CID, "a 4- or 5-digit code")
        code = cid.zfill(5)
        lgcode = cell("lgcode", _LGCODE, "a 6-digit local-government code")
        if lgcode[:5] != code:
            raise IngestError(f"cid {cid} (= {code}) disagrees with lgcode {lgcode}",
                              file=table.file, row=line, column="cid")
        if code in seen:
            raise IngestError(f"code {code} listed twice (first on row {seen[code]})",
                              file=table.file, row=line, column="cid")
        seen[code] = line
        name = cell("city")
        reading = cell("citykana")
        try:
            kind, name_en, suffixed = romanise_name(name, reading)
        except ValueError as exc:
            raise IngestError(str(exc), file=table.file, row=line, column="citykana") from exc
        rows.append({"area_code": code, "prefecture": cell("pref"), "name_ja": name,
                     "reading": reading, "kind": kind, "name_en": name_en,
                     "name_en_suffixed": suffixed, "status": "final",
                     "source": table.source(i)})
    code, ja, en = TOKYO_WARDS_TOTAL
    if code in seen:
        raise IngestError(f"{code} is a row of the file, but the table declares it as "
                          f"{ja} (the 23 wards together)", file=table.file, row=seen[code])
    rows.append({"area_code": code, "prefecture": "東京都", "name_ja": ja,
                 "reading": "とうきょうとくぶ", "kind": "aggregate", "name_en": en,
                 "name_en_suffixed": en, "status": "derived",
                 "source": "kawasaki_econ/sources/municipal_names.py: TOKYO_WARDS_TOTAL "
                           "(declared; the sum of the 23 special wards 13101–13123)"})
    return pd.DataFrame(rows).sort_values("area_code", ignore_index=True)


__all__ = ["KINDS", "LOCALGOVJP", "SUFFIXES", "TOKYO_WARDS_TOTAL", "build_municipal_names",
           "hepburn", "romanise_name"]
