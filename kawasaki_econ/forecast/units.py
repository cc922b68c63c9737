"""Display names of the ``kpi`` table's canonical units in Japanese and English (for
verdict wording and figure labels); units not listed are shown as stored."""

from __future__ import annotations

#: canonical unit → (Japanese, English)
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "persons": ("人", "persons"),
    "persons/day": ("人/日", "persons per day"),
    "件": ("件", "cases"),
    "件 (cumulative)": ("件（累計）", "cases (cumulative)"),
    "%": ("%", "%"),
    "施設": ("施設", "facilities"),
    "室": ("室", "rooms"),
    "sessions": ("回", "sessions"),
    "人泊": ("人泊", "person-nights"),
}


def unit_label(unit: str | None, lang: str = "en") -> str:
    """``unit`` as shown in ``lang`` (``'ja'`` or ``'en'``); ``''`` for no unit."""
    if not unit:
        return ""
    ja, en = UNIT_LABELS.get(str(unit), (str(unit), str(unit)))
    return ja if lang == "ja" else en
