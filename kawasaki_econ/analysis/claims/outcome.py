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
    """Lazily loaded processed tables for the checks (``loader``: table name -> frame)."""

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
    """What a check found. ``shown_*``: the data value in words; ``bands``: the declared
    tolerances the verdict applied; ``comparison_set``: key of
    :data:`~.registry.COMPARISON_SETS` where a ranking was used, with the other reading
    in ``alternative_*``; ``status_note_*``: set when the two readings disagree, naming
    the one that does not confirm (e.g. '2nd of 21 including 東京都区部')."""

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
    return sorted(set(rows["source"].astype(str)))
