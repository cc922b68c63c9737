"""The two report languages and how text is picked: the one home of ``LANGS``,
:func:`check_lang` and :func:`tr` / :func:`tr_pair`, used by the figures, the claims
audit and the report ('ja' default, or 'en')."""

from __future__ import annotations

LANGS = ("ja", "en")


def check_lang(lang: str) -> str:
    """``lang`` itself, or ValueError if it is not one of :data:`LANGS`."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def tr(ja: str, en: str, lang: str) -> str:
    """``ja`` or ``en`` according to ``lang``."""
    return ja if check_lang(lang) == "ja" else en


def tr_pair(pair: tuple[str, str], lang: str) -> str:
    """The Japanese or English half of a ``(ja, en)`` pair according to ``lang``."""
    return tr(pair[0], pair[1], lang)


def has_japanese(text: str) -> bool:
    """True if ``text`` holds kana, kanji or full-width forms."""
    return any(
        "\u3000" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
        for ch in text
    )


__all__ = ["LANGS", "check_lang", "has_japanese", "tr", "tr_pair"]
