"""Pick one row where the processed tables keep several for the same figure.

The tables keep every published figure — two sources that disagree, a preliminary and a
final release, an official figure and a sum computed from final parts — as separate rows
(their ``source`` differs). Everything that needs one value per series and period (the
analyses, the chart data of :mod:`kawasaki_econ.analysis.series`, guest nights'
:func:`prefer_official`) chooses with :func:`prefer_final`,
whose rule is the only one in the package:

1. status, in the order of :data:`STATUS_ORDER`: ``final`` (as published, no revision
   pending), then ``derived`` (exact arithmetic on final figures, e.g. the 47 prefectures
   summed to a national value, the 23 wards to 東京都区部), then ``rounded`` (a final
   figure given to the thousand / 約), ``preliminary`` (速報, revised later — often a lot),
   ``estimate``, ``unknown``, ``target``, then any other status;
2. then the newer ``release`` (if the table has one), by the year and month it names;
3. then, if the caller ranks ``datasets`` (dataset → rank, lower wins; unranked last),
   the better-ranked dataset — e.g. JR East's own top-100 file over transcriptions;
4. then the smallest ``source`` — so the choice is deterministic.

Nothing is interpolated or altered; the input is not modified.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

#: Status preference of :func:`prefer_final`, best first (see the module docstring).
STATUS_ORDER: tuple[str, ...] = (
    "final", "derived", "rounded", "preliminary", "estimate", "unknown", "target",
)  # fmt: skip


def release_order(release: object) -> str:
    """Sort key of a release label: 'YYYY-MM' of the first year (and month) it names
    ('2017-09' → '2017-09', 'SSDSE-B-2026' → '2026-00'); unknown labels sort first."""
    match = re.search(r"(\d{4})(?:-(\d{2}))?", str(release))
    return f"{match.group(1)}-{match.group(2) or '00'}" if match else "0000-00"


def prefer_final(
    df: pd.DataFrame,
    key: list[str] | tuple[str, ...],
    *,
    datasets: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """One row per ``key`` by the rule of this module (see the module docstring); the
    rows keep the input's order and columns."""
    key = list(key)
    if df.empty:
        return df.copy()
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    if datasets and "dataset" in df.columns:
        dataset_rank = df["dataset"].astype(object).map(dict(datasets)).fillna(len(datasets))
    else:
        dataset_rank = pd.Series(0, index=df.index)
    ranks = pd.DataFrame(
        {
            "_status": df["status"].astype(object).map(rank).fillna(len(rank)).astype(int),
            "_release": (df["release"].map(release_order).astype(object)
                         if "release" in df.columns else ""),
            "_dataset": dataset_rank.astype(int),
            "_source": df["source"].astype(object),
        },
        index=df.index,
    )
    ordered = pd.concat([df[key], ranks], axis=1).sort_values(
        key + ["_status", "_release", "_dataset", "_source"],
        ascending=[True] * len(key) + [True, False, True, True],
        kind="mergesort",
    )
    keep = ordered.drop_duplicates(key, keep="first").index
    return df.loc[df.index.isin(keep)].copy()


#: One series and period of the ``guest_nights`` table.
GUEST_NIGHT_KEY = ("area_code", "frame", "nationality", "freq", "period")


def prefer_official(df: pd.DataFrame) -> pd.DataFrame:
    """Keep one row per (area_code, frame, nationality, freq, period) by the package's
    one rule, :func:`prefer_final`: ``final`` (official, 確報)
    beats ``derived`` (the CSV's ``00`` rows: a sum of final prefecture values), which
    beats ``preliminary`` (速報, which the 観光庁 revises heavily — e.g. Kanagawa 2017-08
    total 1,941,560 preliminary vs 2,428,590 final). So the workbook's official 全国 row
    wins for 2011–2016, and the sum of final prefecture values wins over the official
    but preliminary 2017 national row. Then the newer ``release``
    ('2026-02' > 'SSDSE-B-2026' > '2017-09'), then the smallest ``source``. Rows are not
    otherwise dropped or changed; the input keeps its order and is not modified.
    """
    return prefer_final(df, GUEST_NIGHT_KEY)
