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

#: The census measures of a panel: 事業所数 (establishments) and 従業者数 (persons).
MEASURES = ("establishments", "employees")


def _group_label(code: str, focus: str) -> str:
    if code in DESIGNATED_CITIES:
        return "designated_city"
    if code == TOKYO_WARDS_CODE:
        return "tokyo_wards"
    return "focus" if code == focus else "peer"


@dataclass(frozen=True)
class CensusPanel:
    """The census comparisons of many areas over two comparable census years.

    Built once by :meth:`build`; its methods slice it for one comparison group and rank
    within the group, with the same columns and ranks as the functions of
    :mod:`kawasaki_econ.analysis.peers`. Census years are economic-census reference
    years (2016 = 経済センサス‐活動調査 2016).

    Parameters
    ----------
    start, end : int
        The comparable census years (same survey and scope, e.g. 2016 and 2021;
        :func:`~kawasaki_econ.analysis.peers.comparable_census_years`).
    areas : tuple of str
        The 5-digit area codes held (13100 = 東京都区部, the sum of the 23 wards).
    levels : pandas.DataFrame
        The ``census`` rows of the totals (``industry_code='ALL'``) of both
        :data:`MEASURES` of ``areas``, every census year (13100: the derived sum only).
    changes : dict of str to pandas.DataFrame
        Measure -> :func:`~kawasaki_econ.analysis.trends.change` from ``start`` to
        ``end`` per area (unranked).
    shares : dict of int to pandas.DataFrame
        Census year (``start``, ``end``) ->
        :func:`~kawasaki_econ.analysis.compare.industry_shares` rows (unranked).
    nation : dict of int to pandas.DataFrame
        Census year -> the national base shares
        (:func:`~kawasaki_econ.analysis.compare.nation_base`).
    shift : pandas.DataFrame
        The :func:`~kawasaki_econ.analysis.shiftshare.shift_share` detail of every area
        (employees, ``start`` → ``end``).
    previous : dict of str to pandas.DataFrame
        Measure -> the change from ``before`` to ``start``, computed with
        ``override=True`` (the scopes may differ, e.g. 2014 all establishments vs 2016
        private: the caller says so); empty when there is no earlier census year.
    before : int or None
        The census year before ``start`` in the data (2014), or None.

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> from kawasaki_econ.analysis.panel import CensusPanel
    >>> census = k.load("census")
    >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
    >>> panel = CensusPanel.build(census, 2016, 2021, areas=group.codes)
    >>> panel.start, panel.end, len(panel.areas)
    (2016, 2021, 21)
    >>> panel.before
    2014
    """

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
        """Build the panel of ``areas`` from the census table.

        Parameters
        ----------
        census : pandas.DataFrame
            The processed ``census`` table (``kawasaki_econ.load("census")``).
        start, end : int
            Comparable census years (same survey and scope), e.g. 2016 and 2021.
        areas : list or tuple of str, optional
            5-digit area codes (13100 = 東京都区部). Default: every municipality with a
            total in ``end``, and 13100.

        Returns
        -------
        CensusPanel
            The panel (see the class for its fields).

        Raises
        ------
        kawasaki_econ.errors.ComparabilityError
            If ``start`` and ``end`` are not comparable (different survey or scope).

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> from kawasaki_econ.analysis.panel import CensusPanel
        >>> census = k.load("census")
        >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
        >>> panel = CensusPanel.build(census, 2016, 2021, areas=group.codes)
        >>> sorted(panel.changes), sorted(panel.shares)
        (['employees', 'establishments'], [2016, 2021])
        """
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
        earlier = sorted(int(y) for y in levels["census_year"].dropna().unique() if y < start)
        before = earlier[-1] if earlier else None
        previous = {}
        for m in MEASURES:
            rows = levels[(levels["measure"] == m) & levels["census_year"].isin((before, start))]
            previous[m] = (change(rows, before, start, period="census_year", by=["area_code"],
                                  override=True) if before is not None else rows.iloc[:0])
        return cls(start, end, areas, levels, changes, shares, nation, shift, previous, before)

    # ------------------------------------------------------------------ group slices

    def peer_change(self, group, measure: str = "employees") -> pd.DataFrame:
        """Return the change of ``measure`` for the areas of ``group``, ranked.

        The same as :func:`~kawasaki_econ.analysis.peers.peer_change` of
        ``start`` → ``end``, taken from the panel.

        Parameters
        ----------
        group : kawasaki_econ.analysis.peers.PeerGroup
            The comparison group; its areas must be in the panel.
        measure : {'employees', 'establishments'}, default 'employees'
            従業者数 (persons) or 事業所数 (establishments).

        Returns
        -------
        pandas.DataFrame
            The columns of :func:`~kawasaki_econ.analysis.peers.peer_change`:
            ``area_code``, ``area_name``, ``start``, ``end``, ``value_start``,
            ``value_end``, ``change``, ``change_pct`` (%), ``cagr_pct`` (% per year),
            ``caveat``, ``group``, ``is_focus``, ``zero_start``, ``rank_in_group``
            (``Int64``, 1 = largest % increase among ``group.ranked``) and ``status``.

        Raises
        ------
        KeyError
            If ``measure`` is not one of :data:`MEASURES`.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> from kawasaki_econ.analysis.panel import CensusPanel
        >>> census = k.load("census")
        >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
        >>> panel = CensusPanel.build(census, 2016, 2021, areas=group.codes)
        >>> ranked = panel.peer_change(group)
        >>> ranked.loc[ranked["is_focus"], ["area_code", "rank_in_group"]]
           area_code  rank_in_group
        16     14130             16
        """
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
        """Return the industry shares of employees for the areas of ``group``, ranked.

        The same as :func:`~kawasaki_econ.analysis.peers.peer_shares`, taken from the
        panel.

        Parameters
        ----------
        group : kawasaki_econ.analysis.peers.PeerGroup
            The comparison group; its areas must be in the panel.
        year : int
            Census year: the panel's ``start`` or ``end``.

        Returns
        -------
        pandas.DataFrame
            The columns of :func:`~kawasaki_econ.analysis.compare.industry_shares`
            (``share_pct`` in % of the area's employees …), ``is_focus`` and
            ``rank_in_group`` (``Int64``, 1 = largest share among ``group.ranked``,
            per division; zero shares unranked).

        Raises
        ------
        KeyError
            If ``year`` is not the panel's ``start`` or ``end``.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> from kawasaki_econ.analysis.panel import CensusPanel
        >>> census = k.load("census")
        >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
        >>> panel = CensusPanel.build(census, 2016, 2021, areas=group.codes)
        >>> shares = panel.peer_shares(group, 2021)
        >>> shares.loc[shares["is_focus"] & (shares["industry_code"] == "G"),
        ...            ["share_pct", "rank_in_group"]].round(2)
             share_pct  rank_in_group
        128       6.55              2
        """
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
        """Return the location quotients of the areas of ``group`` in ``year``.

        The same as :func:`~kawasaki_econ.analysis.peers.peer_location_quotients`,
        taken from the panel.

        Parameters
        ----------
        group : kawasaki_econ.analysis.peers.PeerGroup
            The comparison group; its areas must be in the panel.
        year : int
            Census year: the panel's ``start`` or ``end``.
        base : {'nation', 'group'}, default 'nation'
            'nation': against the nation's shares (official totals where published);
            any other value: against the group's aggregate (the 20 designated cities'
            sum for a designated city's group, else the sum of the group's areas).

        Returns
        -------
        pandas.DataFrame
            The columns of :meth:`peer_shares` without ``rank_in_group``, and
            ``base_share_pct`` (%), ``base_basis``, ``base_source`` and ``lq`` (share /
            base share; 1 = as in the base). ``attrs['base_label']``: the base in
            (Japanese, English).

        Raises
        ------
        KeyError
            If ``year`` is not the panel's ``start`` or ``end``.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> from kawasaki_econ.analysis.panel import CensusPanel
        >>> census = k.load("census")
        >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
        >>> panel = CensusPanel.build(census, 2016, 2021, areas=group.codes)
        >>> lq = panel.peer_location_quotients(group, 2021)
        >>> lq.loc[lq["is_focus"] & (lq["industry_code"] == "G"), "lq"].round(2).tolist()
        [1.91]
        """
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
        """Return the shift-share summary of the ranked areas of ``group``.

        Parameters
        ----------
        group : kawasaki_econ.analysis.peers.PeerGroup
            The comparison group; its areas must be in the panel.

        Returns
        -------
        pandas.DataFrame
            :func:`~kawasaki_econ.analysis.shiftshare.shift_share_summary` of the
            areas of ``group.ranked`` (employees, ``start`` → ``end``): one row per
            area, ``value_start``, ``value_end``, ``actual_change``,
            ``national_effect``, ``industry_mix_effect``, ``regional_effect`` (persons)
            and each as % of ``value_start`` (``*_pct``).

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> from kawasaki_econ.analysis.panel import CensusPanel
        >>> census = k.load("census")
        >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
        >>> panel = CensusPanel.build(census, 2016, 2021, areas=group.codes)
        >>> summary = panel.shift_share_summary(group)
        >>> summary.loc[summary["area_code"] == "14130",
        ...             ["actual_change", "regional_effect_pct"]].round(2)
            actual_change  regional_effect_pct
        18         3659.0                -2.52
        """
        detail = self.shift[self.shift["area_code"].isin(group.ranked)]
        detail.attrs.update(self.shift.attrs)
        return shift_share_summary(detail)

    def shift_share_detail(self, group) -> pd.DataFrame:
        """Return the shift-share rows, per industry division, of ``group.ranked``.

        Parameters
        ----------
        group : kawasaki_econ.analysis.peers.PeerGroup
            The comparison group; its areas must be in the panel.

        Returns
        -------
        pandas.DataFrame
            The rows of :func:`~kawasaki_econ.analysis.shiftshare.shift_share` of the
            areas of ``group.ranked``: ``area_code``, ``area_name``,
            ``industry_code``, ``value_start``, ``value_end``, ``actual_change``,
            ``national_effect``, ``industry_mix_effect`` and ``regional_effect``
            (employees, persons); index reset.

        Examples
        --------
        >>> import kawasaki_econ as k
        >>> from kawasaki_econ.analysis.panel import CensusPanel
        >>> census = k.load("census")
        >>> group = k.analysis.peer_group(k.analysis.resolve_focus(census, "14130"), census)
        >>> panel = CensusPanel.build(census, 2016, 2021, areas=group.codes)
        >>> panel.shift_share_detail(group)["area_code"].nunique()
        20
        """
        detail = self.shift[self.shift["area_code"].isin(group.ranked)].reset_index(drop=True)
        detail.attrs.update(self.shift.attrs)
        return detail


__all__ = ["MEASURES", "CensusPanel"]
