"""Hiragana → Hepburn romanisation (lower case, with the long vowels as written in kana).

A fixed table, applied left to right: a syllable with a small ゃ / ゅ / ょ is read as one
(きゃ → kya, しょ → sho, じゅ → ju); っ doubles the next consonant (っぽ → ppo, っち → tchi);
ん is ``n``, with an apostrophe before a vowel (かんおんじ → kan'onji, but ぜんゆう →
zenyuu); ー repeats the vowel before it. Long vowels are kept as spelled (ちゅうおう →
chuuou): :mod:`kawasaki_econ.sources.municipal_names` shortens them. The table is that
of ``pykakasi`` 2.3 for the characters it covers (the readings of
``data/raw/reference/localgovjp-utf8.csv`` romanise identically), without loading its
kanji dictionary.
"""

from __future__ import annotations

_ROWS = {
    "": "あいうえお",
    "k": "かきくけこ", "g": "がぎぐげご", "s": "さしすせそ", "z": "ざじずぜぞ",
    "t": "たちつてと", "d": "だぢづでど", "n": "なにぬねの", "h": "はひふへほ",
    "b": "ばびぶべぼ", "p": "ぱぴぷぺぽ", "m": "まみむめも", "r": "らりるれろ",
}
#: Romanisations that are not consonant + vowel.
_IRREGULAR = {"し": "shi", "じ": "ji", "ち": "chi", "ぢ": "ji", "つ": "tsu", "づ": "zu",
              "ふ": "fu"}

#: One kana -> its romanisation.
KANA: dict[str, str] = {
    **{kana: consonant + vowel for consonant, row in _ROWS.items()
       for kana, vowel in zip(row, "aiueo", strict=True)},
    "や": "ya", "ゆ": "yu", "よ": "yo", "わ": "wa", "を": "wo", "ゔ": "vu",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
    **_IRREGULAR,
}
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_VOWELS = "aiueo"


def _digraph(kana: str, small: str) -> str:
    """きゃ → kya, しゃ → sha, じゃ → ja, ちゃ → cha."""
    base = KANA[kana]
    if base in ("shi", "chi", "ji"):
        return base[:-1] + _SMALL_Y[small]
    return base[:-1] + "y" + _SMALL_Y[small]


def syllables(kana: str) -> list[str]:
    """The kana of ``kana`` grouped into syllables (a small ゃ/ゅ/ょ joins the kana before).

    Raises ``ValueError`` for a character the table does not cover."""
    out: list[str] = []
    for ch in kana:
        if ch in _SMALL_Y and out and out[-1] in KANA and KANA[out[-1]].endswith("i"):
            out[-1] += ch
        elif ch in KANA or ch in "っんー":
            out.append(ch)
        else:
            raise ValueError(f"no romanisation for {ch!r} in {kana!r}")
    return out


def romanise(kana: str) -> str:
    """Hepburn romanisation of a hiragana string: ``romanise('かわさき') == 'kawasaki'``,
    ``romanise('さっぽろ') == 'sapporo'``, ``romanise('かんおんじ') == "kan'onji"``."""
    sounds = [(_digraph(s[0], s[1]) if len(s) == 2 else KANA.get(s, s)) for s in syllables(kana)]
    text = []
    for i, sound in enumerate(sounds):
        nxt = sounds[i + 1] if i + 1 < len(sounds) else ""
        if sound == "っ":
            text.append("t" if nxt.startswith("ch") else nxt[:1] if nxt[:1] not in _VOWELS
                        else "")
        elif sound == "ん":
            text.append("n'" if nxt[:1] in tuple(_VOWELS) and nxt else "n")
        elif sound == "ー":
            text.append(text[-1][-1:] if text else "")
        else:
            text.append(sound)
    return "".join(text)
