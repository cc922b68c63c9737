"""What a check returns (:class:`CheckOutcome`) and the tables it reads (:class:`Data`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from .registry import Tolerance

#: Release labels of the data's ``status`` column, in Japanese.
DATA_VINTAGE_JA = {"final": "確報", "preliminary": "速報", "derived": "加工値", "unknown": "不明",
                   "rounded": "概数", "estimate": "推計", "target": "目標"}


class Data:
    """The processed tables the checks read, each loaded on first use.

    Parameters
    ----------
    loader : callable, optional
        Table name -> DataFrame (default: :func:`kawasaki_econ.build.load`, the
        processed tables of this checkout); tests pass their own.

    Attributes
    ----------
    census, ridership, airport, kpi : pandas.DataFrame
        The processed tables of these names, loaded once on first access.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data
    >>> data = Data()
    >>> "census" in vars(data)
    False
    >>> data.census["value"].dtype
    Int64Dtype()
    >>> "census" in vars(data)
    True
    """

    def __init__(self, loader: Callable[[str], pd.DataFrame] | None = None) -> None:
        from ...build import load

        self.load = loader or load

    @cached_property
    def census(self) -> pd.DataFrame:
        return self.load("census")

    @cached_property
    def ridership(self) -> pd.DataFrame:
        return self.load("ridership")

    @cached_property
    def airport(self) -> pd.DataFrame:
        return self.load("airport")

    @cached_property
    def kpi(self) -> pd.DataFrame:
        return self.load("kpi")


@dataclass
class CheckOutcome:
    """What a check found about one claim.

    Parameters
    ----------
    computed : object
        The data's value (a number, a dict of them, or None when there is none).
    status : str
        One of :data:`~kawasaki_econ.analysis.claims.STATUSES`.
    detail_en, detail_ja : str
        The explanation, in English and Japanese.
    sources : list of str, default []
        The raw sources of the data's value (file:column or file:row).
    shown_en, shown_ja : str, default ''
        The data's value in words.
    bands : tuple of Tolerance, default ()
        The declared tolerances the verdict applied (the registry's own objects).
    comparison_set : str, optional
        Key of :data:`~kawasaki_econ.analysis.claims.COMPARISON_SETS` where a ranking
        was used.
    alternative_en, alternative_ja : str, default ''
        The reading on the other comparison set.
    status_note_en, status_note_ja : str, default ''
        Set when the two readings disagree, naming the one that does not confirm
        (e.g. '2nd of 21 including 東京都区部').

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.checks import CHECKS
    >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-2016"]
    >>> outcome = CHECKS[claim.check](claim, Data())
    >>> outcome.status, outcome.computed, outcome.shown_en
    ('confirmed_other_vintage', 40934, '40,934 establishments (final)')
    """

    computed: Any
    status: str
    detail_en: str
    detail_ja: str
    sources: list[str] = field(default_factory=list)
    shown_en: str = ""
    shown_ja: str = ""
    bands: tuple[Tolerance, ...] = ()
    comparison_set: str | None = None
    alternative_en: str = ""
    alternative_ja: str = ""
    status_note_en: str = ""
    status_note_ja: str = ""


def source_list(rows: pd.DataFrame) -> list[str]:
    """Return the distinct sources of some table rows.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of a processed table (with its ``source`` column).

    Returns
    -------
    list of str
        The distinct ``source`` values (file:column or file:row), sorted.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.claims.outcome import source_list
    >>> kpi = k.load("kpi")
    >>> source_list(kpi[kpi["indicator_id"] == "P7_hotel_guests_foreign"])[:2]
    ['transcribed/kpi_observations.csv:row 2', 'transcribed/plan_kpi_targets.csv:row 4, column draft_target']
    """
    return sorted(set(rows["source"].astype(str)))
