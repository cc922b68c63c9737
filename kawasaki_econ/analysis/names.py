"""Municipality names in Japanese and English, and municipalities found by their
romanised name — all from the ``municipal_names`` table (readings of
``data/raw/reference/localgovjp-utf8.csv``, Hepburn by
:mod:`kawasaki_econ.sources.municipal_names`), the one home of the English names.

``name_of('14130', 'en') == 'Kawasaki'``; ``english_names(codes)`` names a set of areas
so that no two share a label (``Misato-shi`` and ``Misato-machi`` where both are shown);
``find_romanised('sapporo')`` finds 01100 (case, macrons, hyphens, apostrophes and
spaces ignored; the suffix may be given: ``Kawasaki-shi``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pandas as pd

from ..paths import processed_dir


@functools.cache
def _names(where: str) -> pd.DataFrame:
    from ..build import load

    table = load("municipal_names")
    return table.set_index("area_code", drop=False)


def municipal_names() -> pd.DataFrame:
    """The ``municipal_names`` table indexed by ``area_code`` (loaded once per project
    root and process)."""
    return _names(str(processed_dir()))


def name_of(code: str, lang: str = "ja") -> str | None:
    """The name of municipality (or designated-city ward, or 13100) ``code`` in ``lang``
    ('ja': as in the file, 'en': ``name_en``); None for a code the table lacks."""
    table = municipal_names()
    if code not in table.index:
        return None
    return str(table.at[code, "name_ja" if lang == "ja" else "name_en"])


def english_names(codes) -> dict[str, str]:
    """Code -> English name for the codes the table has, unique within ``codes``: where
    two share a ``name_en`` they get ``name_en_suffixed`` (Misato-shi, Misato-machi),
    and where that is shared too, the code in brackets (Fuchu-shi (13206))."""
    table = municipal_names()
    known = [c for c in dict.fromkeys(map(str, codes)) if c in table.index]
    out = {c: str(table.at[c, "name_en"]) for c in known}
    for column in ("name_en_suffixed", None):
        counts = pd.Series(list(out.values())).value_counts()
        shared = [c for c in known if counts[out[c]] > 1]
        for c in shared:
            out[c] = (str(table.at[c, column]) if column
                      else f"{table.at[c, 'name_en_suffixed']} ({c})")
    return out


def japanese_names(codes) -> dict[str, str]:
    """Code -> Japanese name for the codes the table has, unique within ``codes``: where
    two share a name they are written with their prefecture (山形県朝日町, 富山県朝日町)."""
    table = municipal_names()
    known = [c for c in dict.fromkeys(map(str, codes)) if c in table.index]
    out = {c: str(table.at[c, "name_ja"]) for c in known}
    counts = pd.Series(list(out.values())).value_counts()
    return {c: (str(table.at[c, "prefecture"]) + name if counts[name] > 1 else name)
            for c, name in out.items()}


def display_names(codes, names_ja: dict[str, str], lang: str) -> pd.Series:
    """The names of ``codes`` (a Series keeps its index) in ``lang``: ``names_ja`` (code
    -> Japanese name, e.g. a peer group's) for 'ja'; for 'en' :func:`english_names`, else
    the Japanese name."""
    codes = codes.astype(str) if isinstance(codes, pd.Series) else pd.Series(
        [str(c) for c in codes], dtype=object)
    if lang == "ja":
        return codes.map(names_ja)
    english = english_names(codes)
    return codes.map(lambda c: english.get(c, names_ja.get(c)))


def romanised_key(text: str) -> str:
    """Lower-case letters only, macrons dropped: 'Fuchū-shi' -> 'fuchushi'."""
    plain = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def find_romanised(text: str) -> pd.DataFrame:
    """Rows of the table (municipalities and 13100, not designated-city wards) whose
    ``name_en`` or ``name_en_suffixed`` is ``text`` (see :func:`romanised_key`)."""
    key = romanised_key(text)
    table = municipal_names()
    table = table[table["kind"] != "ward"]
    if not key:
        return table.iloc[:0]
    hit = (table["name_en"].map(romanised_key) == key) | (
        table["name_en_suffixed"].map(romanised_key) == key)
    return table[hit].reset_index(drop=True)


__all__ = ["display_names", "english_names", "japanese_names", "find_romanised", "municipal_names", "name_of", "romanised_key"]
