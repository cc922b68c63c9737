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
    """Return the ``municipal_names`` table indexed by ``area_code``.

    Loaded once per project root and process (later calls share the frame: do not
    modify it).

    Returns
    -------
    pandas.DataFrame
        One row per municipality, designated-city ward and 13100 (東京都区部), indexed by
        ``area_code`` (5-digit str). Columns ``area_code``, ``prefecture``, ``name_ja``,
        ``reading`` (hiragana), ``kind`` (``city``, ``town``, ``village``, ``ward``,
        ``special_ward``, ``aggregate``), ``name_en`` (Hepburn, without suffix:
        'Kawasaki'), ``name_en_suffixed`` ('Kawasaki-shi'), ``status`` and ``source``
        (file and row).

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If the ``municipal_names`` table has to be built and its raw file
        (``data/raw/reference/localgovjp-utf8.csv``) is missing or cannot be read.

    Examples
    --------
    >>> from kawasaki_econ.analysis.names import municipal_names
    >>> municipal_names().loc["14130", ["name_ja", "name_en", "name_en_suffixed"]].tolist()
    ['川崎市', 'Kawasaki', 'Kawasaki-shi']
    """
    return _names(str(processed_dir()))


def name_of(code: str, lang: str = "ja") -> str | None:
    """Return the name of one municipality in Japanese or English.

    Parameters
    ----------
    code : str
        5-digit area code of a municipality, a designated-city ward, or 13100
        (東京都区部).
    lang : {'ja', 'en'}, default 'ja'
        'ja': the name as in the file (``name_ja``); any other value: ``name_en``.

    Returns
    -------
    str or None
        The name; None for a code the table lacks.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If the ``municipal_names`` table has to be built and its raw file
        (``data/raw/reference/localgovjp-utf8.csv``) is missing or cannot be read.

    Examples
    --------
    >>> from kawasaki_econ.analysis.names import name_of
    >>> name_of("14130"), name_of("14130", "en")
    ('川崎市', 'Kawasaki')
    >>> name_of("99999") is None
    True
    """
    table = municipal_names()
    if code not in table.index:
        return None
    return str(table.at[code, "name_ja" if lang == "ja" else "name_en"])


def english_names(codes) -> dict[str, str]:
    """Return English names for area codes, no two alike within ``codes``.

    Each code gets its ``name_en``; where two of ``codes`` share a ``name_en`` they get
    ``name_en_suffixed`` (Misato-shi, Misato-machi), and where that is shared too, the
    code in brackets (Fuchu-shi (13206)).

    Parameters
    ----------
    codes : iterable of str
        5-digit area codes (repeats are counted once).

    Returns
    -------
    dict of str to str
        Area code -> English name, for the codes the table has (others are left out),
        in the order of ``codes``.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If the ``municipal_names`` table has to be built and its raw file
        (``data/raw/reference/localgovjp-utf8.csv``) is missing or cannot be read.

    Examples
    --------
    >>> from kawasaki_econ.analysis.names import english_names
    >>> english_names(["14130", "11237"])
    {'14130': 'Kawasaki', '11237': 'Misato'}
    >>> english_names(["13206", "34208", "34302"])
    {'13206': 'Fuchu-shi (13206)', '34208': 'Fuchu-shi (34208)', '34302': 'Fuchu-cho'}
    """
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
    """Return Japanese names for area codes, no two alike within ``codes``.

    Where two of ``codes`` share a name they are written with their prefecture
    (山形県朝日町, 富山県朝日町).

    Parameters
    ----------
    codes : iterable of str
        5-digit area codes (repeats are counted once).

    Returns
    -------
    dict of str to str
        Area code -> Japanese name, for the codes the table has (others are left out),
        in the order of ``codes``.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If the ``municipal_names`` table has to be built and its raw file
        (``data/raw/reference/localgovjp-utf8.csv``) is missing or cannot be read.

    Examples
    --------
    >>> from kawasaki_econ.analysis.names import japanese_names
    >>> japanese_names(["06323", "16343", "14130"])
    {'06323': '山形県朝日町', '16343': '富山県朝日町', '14130': '川崎市'}
    """
    table = municipal_names()
    known = [c for c in dict.fromkeys(map(str, codes)) if c in table.index]
    out = {c: str(table.at[c, "name_ja"]) for c in known}
    counts = pd.Series(list(out.values())).value_counts()
    return {c: (str(table.at[c, "prefecture"]) + name if counts[name] > 1 else name)
            for c, name in out.items()}


def display_names(codes, names_ja: dict[str, str], lang: str) -> pd.Series:
    """Return the names of area codes in the report language.

    Parameters
    ----------
    codes : pandas.Series or iterable of str
        5-digit area codes; a Series keeps its index.
    names_ja : dict of str to str
        Area code -> Japanese name (e.g. a peer group's ``names``): the names in
        Japanese, and the fallback where the table has no English name.
    lang : {'ja', 'en'}
        'ja': ``names_ja``; any other value: :func:`english_names` of ``codes``, else
        the Japanese name.

    Returns
    -------
    pandas.Series
        The names, aligned with ``codes``; missing (NaN or None) for a code neither
        source names.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If the ``municipal_names`` table has to be built and its raw file
        (``data/raw/reference/localgovjp-utf8.csv``) is missing or cannot be read.

    Examples
    --------
    >>> import pandas as pd
    >>> from kawasaki_econ.analysis.names import display_names
    >>> codes = pd.Series(["14130", "13100"])
    >>> display_names(codes, {"14130": "川崎市", "13100": "東京都区部"}, "en").tolist()
    ['Kawasaki', 'Tokyo 23 wards']
    """
    codes = codes.astype(str) if isinstance(codes, pd.Series) else pd.Series(
        [str(c) for c in codes], dtype=object)
    if lang == "ja":
        return codes.map(names_ja)
    english = english_names(codes)
    return codes.map(lambda c: english.get(c, names_ja.get(c)))


def romanised_key(text: str) -> str:
    """Return the key a romanised name is matched by.

    Lower-case letters and digits only: macrons dropped, case, hyphens, apostrophes
    and spaces ignored.

    Parameters
    ----------
    text : str
        A romanised name (e.g. 'Fuchū-shi').

    Returns
    -------
    str
        The key (e.g. 'fuchushi').

    Examples
    --------
    >>> from kawasaki_econ.analysis.names import romanised_key
    >>> romanised_key("Fuchū-shi")
    'fuchushi'
    """
    plain = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def find_romanised(text: str) -> pd.DataFrame:
    """Find municipalities by their romanised name.

    Matches ``name_en`` or ``name_en_suffixed`` of municipalities and 13100 (not
    designated-city wards) by :func:`romanised_key`: case, macrons, hyphens,
    apostrophes and spaces are ignored, and the suffix may be given ('Kawasaki-shi').

    Parameters
    ----------
    text : str
        The romanised name (e.g. 'sapporo', 'Kawasaki-shi').

    Returns
    -------
    pandas.DataFrame
        The matching rows of :func:`municipal_names` (same columns, index reset); empty
        when none matches (several when the name is shared, e.g. 'Misato').

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If the ``municipal_names`` table has to be built and its raw file
        (``data/raw/reference/localgovjp-utf8.csv``) is missing or cannot be read.

    Examples
    --------
    >>> from kawasaki_econ.analysis.names import find_romanised
    >>> find_romanised("sapporo")[["area_code", "name_ja", "name_en"]]
      area_code name_ja  name_en
    0     01100     札幌市  Sapporo
    >>> len(find_romanised("Misato"))
    7
    """
    key = romanised_key(text)
    table = municipal_names()
    table = table[table["kind"] != "ward"]
    if not key:
        return table.iloc[:0]
    hit = (table["name_en"].map(romanised_key) == key) | (
        table["name_en_suffixed"].map(romanised_key) == key)
    return table[hit].reset_index(drop=True)


__all__ = ["display_names", "english_names", "japanese_names", "find_romanised", "municipal_names", "name_of", "romanised_key"]
