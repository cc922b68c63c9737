"""Number formatting for the audit's explanations and tables: thousands separators, a
true minus sign (−), percentages with a space (``−3.7 %``), 万 for large counts."""

from __future__ import annotations

MINUS = "−"


def num(x: float, digits: int = 0) -> str:
    """``41028`` -> ``41,028``; negative numbers with − (U+2212)."""
    return f"{x:,.{digits}f}".replace("-", MINUS)


def signed(x: float, digits: int = 0) -> str:
    """``-1588`` -> ``−1,588``; ``208`` -> ``+208``."""
    return f"{x:+,.{digits}f}".replace("-", MINUS)


def pct(x: float, digits: int = 1) -> str:
    """A signed percentage: ``-3.72`` -> ``−3.7 %``."""
    return f"{signed(x, digits)} %"


def man(x: float) -> str:
    """A count in 万 (10,000), rounded: ``15640000`` -> ``1,564万``."""
    return f"{num(x / 10_000)}万"


def unsigned_pct(x: float, digits: int = 2) -> str:
    return f"{num(x, digits)} %"


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th'."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
