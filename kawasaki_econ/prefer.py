"""Pick one row where the processed tables keep several for the same figure.

The tables keep every published figure — two sources that disagree, a preliminary and a
final release — as separate rows (their ``source`` differs). Analyses that need one value
per series and period choose explicitly with :func:`prefer_final`, whose rule is:

1. status, in the order of ``order`` (default :data:`STATUS_ORDER`: ``final`` first, then
   ``rounded``, ``preliminary``, ``estimate``, ``derived``, ``unknown``, ``target``);
2. then the newer ``release`` (if the table has one), by the year and month it names;
3. then the smallest ``source`` — so the choice is deterministic.

Nothing is interpolated or altered; the input is not modified.
"""

from __future__ import annotations

import re

import pandas as pd

STATUS_ORDER: tuple[str, ...] = (
    "final", "rounded", "preliminary", "estimate", "derived", "unknown", "target",
)  # fmt: skip


def release_order(release: object) -> str:
    """Sort key of a release label: 'YYYY-MM' of the first year (and month) it names
    ('2017-09' → '2017-09', 'SSDSE-B-2026' → '2026-00'); unknown labels sort first."""
    match = re.search(r"(\d{4})(?:-(\d{2}))?", str(release))
    return f"{match.group(1)}-{match.group(2) or '00'}" if match else "0000-00"


def prefer_final(
    df: pd.DataFrame, key: list[str] | tuple[str, ...], order: tuple[str, ...] = STATUS_ORDER
) -> pd.DataFrame:
    """One row per ``key`` by the rule of this module (see the module docstring)."""
    key = list(key)
    if df.empty:
        return df.copy()
    rank = {status: i for i, status in enumerate(order)}
    ranks = pd.DataFrame(
        {
            "_status": df["status"].astype(object).map(rank).fillna(len(order)).astype(int),
            "_release": (df["release"].map(release_order).astype(object)
                         if "release" in df.columns else ""),
            "_source": df["source"].astype(object),
        },
        index=df.index,
    )
    ordered = pd.concat([df[key], ranks], axis=1).sort_values(
        key + ["_status", "_release", "_source"],
        ascending=[True] * len(key) + [True, False, True],
        kind="mergesort",
    )
    keep = ordered.drop_duplicates(key, keep="first").index
    return df.loc[df.index.isin(keep)].copy()
