"""Display names of the ``kpi`` table's canonical units in Japanese and English (for
verdict wording and figure labels); units not listed are shown as stored. Also the
precision each unit is printed to (:func:`unit_decimals`, used by the forecast tables of
:mod:`~kawasaki_econ.forecast.display`)."""

from __future__ import annotations

import math
from collections.abc import Iterable

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

#: canonical unit → decimals a value in that unit is printed with: counts of persons,
#: cases, facilities, rooms, sessions and person-nights (and daily averages of boardings,
#: published as whole numbers) are whole numbers; percentages have the one decimal the
#: plan and its sources publish (中小企業の割合 99.2 %). Same keys as :data:`UNIT_LABELS`.
UNIT_DECIMALS: dict[str, int] = {
    "persons": 0,
    "persons/day": 0,
    "件": 0,
    "件 (cumulative)": 0,
    "%": 1,
    "施設": 0,
    "室": 0,
    "sessions": 0,
    "人泊": 0,
}
#: A unit not in :data:`UNIT_DECIMALS` (or none) is printed with this many significant
#: digits of its largest value, at most :data:`MAX_DECIMALS` decimals, trailing zeros dropped.
SIGNIFICANT_DIGITS = 4
MAX_DECIMALS = 6


def unit_decimals(unit: str | None, values: Iterable[float] = ()) -> int:
    """Decimals to print values in ``unit`` with.

    Parameters
    ----------
    unit : str or None
        A canonical unit of the ``kpi`` table (``'persons'``, ``'%'``, …) or any other.
    values : iterable of float, optional
        The values to be printed together (one column): used only for a unit not in
        :data:`UNIT_DECIMALS`, which gets :data:`SIGNIFICANT_DIGITS` significant digits of
        the largest absolute value, no more decimals than the values need, at most
        :data:`MAX_DECIMALS`.

    Returns
    -------
    int
        Number of decimals (0 for whole numbers).

    Examples
    --------
    >>> unit_decimals("persons"), unit_decimals("%"), unit_decimals(None, [0.0523, 0.1])
    (0, 1, 4)
    """
    if unit is not None and str(unit) in UNIT_DECIMALS:
        return UNIT_DECIMALS[str(unit)]
    finite = [abs(float(v)) for v in values if v is not None and math.isfinite(float(v))]
    largest = max(finite, default=0.0)
    if largest == 0:
        return 0
    decimals = min(max(SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(largest)), 0),
                   MAX_DECIMALS)
    while decimals > 0 and all(round(v, decimals - 1) == round(v, decimals) for v in finite):
        decimals -= 1
    return decimals


def unit_label(unit: str | None, lang: str = "en") -> str:
    """``unit`` as shown in ``lang`` (``'ja'`` or ``'en'``); ``''`` for no unit."""
    if not unit:
        return ""
    ja, en = UNIT_LABELS.get(str(unit), (str(unit), str(unit)))
    return ja if lang == "ja" else en
