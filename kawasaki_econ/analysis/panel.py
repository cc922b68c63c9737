"""Every area's census comparisons for one comparable span, computed once: the change of
establishments and employees, the industry shares, the location quotients against the
nation and the shift-share detail of all municipalities (and 東京都区部) — so that the
comparisons of any peer group are slices of it, ranked within the group.

:func:`kawasaki_econ.analysis.peers.peer_change` and its siblings compute the same for
one group directly (and accept a panel to take their slice from it); the findings
(:mod:`.findings`) and the sweep over all municipalities use a panel, built once. The
slices are ranked by the same rules (:func:`~.compare.rank_by_change`,
:func:`~.compare.share_ranks`), and ``tests/analysis/test_panel_equals_direct.py``
checks that both give the same numbers for every kind of group.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .areas import DESIGNATED_CITIES, TOKYO_WARDS, TOKYO_WARDS_CODE, with_tokyo_wards
from .compare import (
    aggregate_base,
    change_units,
    group_source,
    industry_shares,
    nation_base,
    rank_by_change,
    select,
    share_ranks,
    with_base,
)
from .shiftshare import shift_share, shift_share_summary
from .trends import change

MEASURES = ("establishments", "employees")


def _group_label(code: str, focus: str) -> str:
    if code in DESIGNATED_CITIES:
        return "designated_city"
    if code == TOKYO_WARDS_CODE:
        return "tokyo_wards"
    return "focus" if code == focus else "peer"


@dataclass(frozen=True)
class CensusPanel:
    """The comparisons of ``areas`` over ``start``→``end`` (the comparable census years).

    ``levels``: SSDSE-A totals (``industry_code='ALL'``) of both measures, every census
    year; ``changes``: measure -> :func:`~.trends.change` per area (unranked);
    ``shares``: year -> :func:`~.compare.industry_shares` rows (unranked);
    ``nation``: year -> the national base shares (:func:`~.compare.nation_base`);
    ``shift``: the :func:`~.shiftshare.shift_share` detail of every area;
    ``previous``: measure -> the change from the census year before ``start`` to
    ``start`` (computed with ``override=True``: the scopes may differ — the caller
    says so), empty when there is none."""

    start: int
    end: int
    areas: tuple[str, ...]
    levels: pd.DataFrame
    changes: dict[str, pd.DataFrame]
    shares: dict[int, pd.DataFrame]
    nation: dict[int, pd.DataFrame]
    shift: pd.DataFrame
    previous: dict[str, pd.DataFrame]
    before: int | None

    @classmethod
    def build(cls, census: pd.DataFrame, start: int, end: int,
              areas: list[str] | tuple[str, ...] | None = None) -> CensusPanel:
        """The panel of ``areas`` (default: every municipality and 東京都区部)."""
        data = with_tokyo_wards(census)
        if areas is None:
            codes = select(census, industry="ALL", years=(end,))["area_code"]
            areas = sorted(set(codes[~codes.str.endswith("000")]) | {TOKYO_WARDS_CODE})
        areas = tuple(dict.fromkeys(areas))
        levels = pd.concat([select(data, measure=m, industry="ALL", areas=list(areas))
                            for m in MEASURES], ignore_index=True)
        levels = levels[(levels["area_code"] != TOKYO_WARDS_CODE)
                        | (levels["status"] == "derived")]
        changes = {}
        for m in MEASURES:
            rows = levels[(levels["measure"] == m) & levels["census_year"].isin((start, end))]
            changes[m] = change(rows, start, end, period="census_year", by=["area_code"])
        shares = {y: industry_shares(census, y, areas=list(areas)) for y in (start, end)}
        nation = {y: nation_base(census, y) for y in (start, end)}
        shift = shift_share(census, start, end, areas=list(areas))
        earlier = sorted(y for y in levels["census_year"].dropna().astype(int).unique()
                         if y < start)
        before = earlier[-1] if earlier else None
        previous = {}
        for m in MEASURES:
            rows = levels[(levels["measure"] == m) & levels["census_year"].isin((before, start))]
            previous[m] = (change(rows, before, start, period="census_year", by=["area_code"],
                                  override=True) if before is not None else rows.iloc[:0])
        return cls(start, end, areas, levels, changes, shares, nation, shift, previous, before)

    # ------------------------------------------------------------------ group slices

    def peer_change(self, group, measure: str = "employees") -> pd.DataFrame:
        """As :func:`~.peers.peer_change` (same columns and ranks)."""
        full = self.changes[measure]
        out = full[full["area_code"].isin(group.codes)].copy()
        out.insert(1, "area_name", out["area_code"].map(group.names))
        out["group"] = [_group_label(c, group.focus.code) if group.kind == "designated"
                        else ("focus" if c == group.focus.code else "peer")
                        for c in out["area_code"]]
        out["is_focus"] = out["area_code"] == group.focus.code
        out = rank_by_change(out, out["area_code"].isin(group.ranked))
        out["status"] = ["derived" if c == TOKYO_WARDS_CODE else "final"
                         for c in out["area_code"]]
        out.attrs.update(measure=measure, start=self.start, end=self.end,
                         peer_kind=group.kind, units=change_units(measure))
        return out

    def peer_shares(self, group, year: int) -> pd.DataFrame:
        """As :func:`~.peers.peer_shares` (``rank_in_group``; zero shares unranked)."""
        full = self.shares[year]
        out = full[full["area_code"].isin(group.codes)].copy()
        out["is_focus"] = out["area_code"] == group.focus.code
        out["area_name"] = out["area_code"].map(group.names).fillna(out["area_name"])
        out["rank_in_group"] = share_ranks(out, out["area_code"].isin(group.ranked))
        out = out.reset_index(drop=True)
        out.attrs.update(full.attrs)
        out.attrs["peer_kind"] = group.kind
        return out

    def peer_location_quotients(self, group, year: int, base: str = "nation") -> pd.DataFrame:
        """As :func:`~.peers.peer_location_quotients` (nation, or the group reading)."""
        from .peers import LQ_GROUP_BASES

        shares = self.peer_shares(group, year).drop(columns="rank_in_group")
        if base == "nation":
            out = with_base(shares, self.nation[year], base="nation", year=year)
            out.attrs["base_label"] = ("対全国", "vs nation")
        else:
            kind, ja, en = LQ_GROUP_BASES[group.kind]
            full = self.shares[year]
            if kind == "designated":
                members = full[full["area_code"].isin(DESIGNATED_CITIES)]
                base_df = aggregate_base(members, "designated_aggregate",
                                         "sum of the 20 designated cities (SSDSE-A)")
            else:
                codes = [c for c in group.codes if c != TOKYO_WARDS_CODE]
                if TOKYO_WARDS_CODE in group.codes:
                    codes += [c for c in TOKYO_WARDS if c not in codes]
                base_df = aggregate_base(full[full["area_code"].isin(codes)],
                                         "group_aggregate", group_source(len(group.codes)))
            out = with_base(shares, base_df, base=kind, year=year)
            out.attrs["base_label"] = (ja, en)
        out.attrs["peer_kind"] = group.kind
        return out

    def shift_share_summary(self, group) -> pd.DataFrame:
        """:func:`~.shiftshare.shift_share_summary` of ``group.ranked``."""
        detail = self.shift[self.shift["area_code"].isin(group.ranked)]
        detail.attrs.update(self.shift.attrs)
        return shift_share_summary(detail)

    def shift_share_detail(self, group) -> pd.DataFrame:
        """The shift-share rows of ``group.ranked``."""
        detail = self.shift[self.shift["area_code"].isin(group.ranked)].reset_index(drop=True)
        detail.attrs.update(self.shift.attrs)
        return detail


__all__ = ["MEASURES", "CensusPanel"]
