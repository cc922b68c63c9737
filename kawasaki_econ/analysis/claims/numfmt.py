"""Number formatting for the audit's explanations and tables: thousands separators, a
true minus sign (−), percentages with a space (``−3.7 %``), 万 for large counts."""

from __future__ import annotations

#: The minus sign of every formatted number (U+2212).
MINUS = "−"


def num(x: float, digits: int = 0) -> str:
    """Format a number with thousands separators and a true minus sign.

    Parameters
    ----------
    x : float
        The number.
    digits : int, default 0
        Decimals shown.

    Returns
    -------
    str
        E.g. ``41,028``; negative numbers with − (U+2212).

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.numfmt import num
    >>> num(41028), num(-3.72, 1)
    ('41,028', '−3.7')
    """
    return f"{x:,.{digits}f}".replace("-", MINUS)


def signed(x: float, digits: int = 0) -> str:
    """Format a number with its sign (+ or −) and thousands separators.

    Parameters
    ----------
    x : float
        The number (a change).
    digits : int, default 0
        Decimals shown.

    Returns
    -------
    str
        E.g. ``−1,588``, ``+208``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.numfmt import signed
    >>> signed(-1588), signed(208)
    ('−1,588', '+208')
    """
    return f"{x:+,.{digits}f}".replace("-", MINUS)


def pct(x: float, digits: int = 1) -> str:
    """Format a signed percentage.

    Parameters
    ----------
    x : float
        The percentage (in %: 3.7 = 3.7 %).
    digits : int, default 1
        Decimals shown.

    Returns
    -------
    str
        E.g. ``−3.7 %`` (a space before %).

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.numfmt import pct
    >>> pct(-3.72), pct(0.6728, 2)
    ('−3.7 %', '+0.67 %')
    """
    return f"{signed(x, digits)} %"


def man(x: float) -> str:
    """Format a count in 万 (units of 10,000), rounded.

    Parameters
    ----------
    x : float
        The count (e.g. passengers).

    Returns
    -------
    str
        E.g. ``1,564万``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.numfmt import man
    >>> man(15640000)
    '1,564万'
    """
    return f"{num(x / 10_000)}万"


def unsigned_pct(x: float, digits: int = 2) -> str:
    """Format a percentage without a sign (a share).

    Parameters
    ----------
    x : float
        The percentage (in %: 7.05 = 7.05 %).
    digits : int, default 2
        Decimals shown.

    Returns
    -------
    str
        E.g. ``7.05 %``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.numfmt import unsigned_pct
    >>> unsigned_pct(7.054)
    '7.05 %'
    """
    return f"{num(x, digits)} %"


def ordinal(n: int) -> str:
    """Format a rank as an English ordinal.

    Parameters
    ----------
    n : int
        The rank (1 = first).

    Returns
    -------
    str
        E.g. '1st', '2nd', '11th', '23rd'.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.numfmt import ordinal
    >>> ordinal(2), ordinal(11), ordinal(23)
    ('2nd', '11th', '23rd')
    """
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
