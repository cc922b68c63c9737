"""Attainment of the plan indicators from the processed tables.

:func:`forecast_indicator` reads the indicator's observations and target from the ``kpi``
table and, for indicators with too short a history, a driver series from another table
(:data:`DRIVERS`): e.g. 宿泊施設の年間宿泊客数（外国人） (``P7_hotel_guests_foreign``, one
observation: 約28万人 in calendar 2019) is modelled top-down as a share of Kanagawa's
monthly foreign guest nights (観光庁 宿泊旅行統計, all facilities), summed over the fiscal
year of the target (FY2021 = April 2021 – March 2022).

With ``as_of`` the driver uses the release available at that date where the data hold
it (the 2017-09 workbook's preliminary figures for 2017-01 … 2017-09) and the later release's
revised values for the months published by then under the lag rule; the indicator's own
observations published later are used for the share only with a stated look-ahead.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import ForecastError
from . import periods as P
from .attainment import attainment
from .distribution import DIRECTIONS

#: Indicators modelled as a share of a longer driver series:
#: indicator_id → guest-night selection (area_code, nationality, frame) and a description.
DRIVERS: dict[str, dict] = {
    "P7_hotel_guests_foreign": {
        "table": "guest_nights",
        "area_code": "14",
        "nationality": "foreign",
        "frame": "all_facilities",
        "label": "神奈川県 外国人延べ宿泊者数 (観光庁 宿泊旅行統計, all facilities, monthly)",
    },
}


#: Raw files of the guest-night driver (for figure source lines).
DRIVER_FILES = ("guest_nights_monthly_2011-01_2025-11.csv", "shukuhaku_suiihyo_2017-09.xlsx")


def _kpi_rows(indicator_id: str) -> pd.DataFrame:
    from ..build import load

    kpi = load("kpi")
    rows = kpi[kpi["indicator_id"] == indicator_id]
    if rows.empty:
        known = ", ".join(sorted(kpi["indicator_id"].unique()))
        raise ForecastError(f"unknown indicator {indicator_id!r}; known: {known}")
    return rows


@dataclass(frozen=True)
class Target:
    """One target of an indicator: ``value`` (the indicator's unit) at ``by`` (``FY2021`` =
    April 2021 – March 2022, or ``CY2021``), ``direction`` (``>=``, ``>``, ``<=``, ``<``),
    ``kind`` (``target`` / ``draft_target``) and the plan or phase ``label`` if known."""

    indicator_id: str
    value: float
    by: str
    direction: str
    kind: str = "target"
    label: str | None = None
    unit: str | None = None


def _direction(row) -> str:
    """The comparison of a target row: the ``direction`` column when it holds one of
    ``>=, >, <=, <`` (kpi table), else ``<=`` for an indicator whose
    ``indicator_direction`` is 'lower' (lower is better), else ``>=``."""
    v = row.get("direction")
    if isinstance(v, str) and v.strip() in DIRECTIONS:
        return v.strip()
    return "<=" if str(row.get("indicator_direction")) == "lower" else ">="


def _label(row) -> str | None:
    v = row.get("target_label")
    return str(v) if isinstance(v, str) and v.strip() else None


def targets(rows: pd.DataFrame, kinds=("target", "draft_target")) -> list[Target]:
    """Every target row of one indicator's ``kpi`` rows (in ``kinds``), by year."""
    out = []
    sel = rows[rows["kind"].isin(list(kinds)) & rows["period"].notna()]
    for _, t in sel.sort_values(["period", "kind"]).iterrows():
        unit = str(t["unit"])
        by = f"FY{int(t['period'])}" if t["period_type"] == "fiscal_year" else f"CY{int(t['period'])}"
        out.append(Target(str(t["indicator_id"]), float(t["value"]), by, _direction(t),
                          str(t["kind"]), _label(t), unit))
    return out


def _target(rows: pd.DataFrame, kind: str) -> Target:
    """The latest target of ``kind`` (the plan's final target by default)."""
    found = targets(rows, (kind,))
    if not found:
        raise ForecastError(
            f"indicator {rows['indicator_id'].iloc[0]} has no {kind} in the kpi table; "
            "give one with target= and by= (CLI: --target VALUE --by FY2027)"
        )
    t = found[-1]
    if "%" in str(t.unit) and "increase" in str(t.unit):
        raise ForecastError(
            f"the target of {t.indicator_id} is a relative change ({t.unit}) "
            "with no stated base: not supported"
        )
    return t


def _actuals(rows: pd.DataFrame) -> tuple[pd.Series, str | None, list[str]]:
    act = rows[(rows["kind"] == "actual") & rows["period"].notna()]
    notes = []
    if act.empty:
        return pd.Series(dtype=float), None, notes
    types = act["period_type"].value_counts()
    basis = str(types.index[0])
    if len(types) > 1:
        dropped = act[act["period_type"] != basis]
        notes.append(
            f"{len(dropped)} observation(s) on a different basis "
            f"({', '.join(sorted(set(dropped['period_type'])))}) left out"
        )
        act = act[act["period_type"] == basis]
    values = {}
    for period, g in act.groupby("period"):
        distinct = g["value"].unique()
        if len(distinct) > 1:
            notes.append(
                f"{period}: sources disagree ({', '.join(f'{v:,.0f}' for v in distinct)}"
                "); the first listed is used"
            )
        values[int(period)] = float(g["value"].iloc[0])
        if bool(g.get("rounded", pd.Series([False])).fillna(False).any()):
            notes.append(
                f"{period}: the observation is a rounded/approximate figure "
                f"({g['value'].iloc[0]:,.0f})"
            )
    freq = "calendar" if basis == "calendar_year" else "fiscal"
    return pd.Series(values, dtype=float).sort_index(), freq, notes


def guest_nights_series(
    area_code: str, nationality: str = "foreign", frame: str = "all_facilities", as_of=None
) -> tuple[pd.Series, list]:
    """Monthly guest nights (person-nights) as a ``'YYYY-MM'``-indexed Series.

    Without ``as_of``: one row per month by :func:`~kawasaki_econ.prefer.prefer_official`
    (final beats preliminary, newer release wins). With ``as_of``: months held by a release
    published by then take that release's value (the vintage a forecaster had), other months
    the preferred value (later revisions; the lag rule of ``attainment`` decides which of them
    were published by ``as_of``).
    """
    from ..build import load
    from ..prefer import prefer_official, release_order

    gn = load("guest_nights")
    sel = gn[
        (gn["area_code"] == area_code)
        & (gn["nationality"] == nationality)
        & (gn["frame"] == frame)
        & (gn["freq"] == "month")
    ]
    if sel.empty:
        raise ForecastError(
            f"no monthly guest nights for area {area_code} ({nationality}, {frame})"
        )
    notes = []
    best = prefer_official(sel).set_index("period")["value"].astype(float)
    if as_of is not None:
        cutoff = P.month_label(P.as_of_month(as_of) - 1)
        early = sel[sel["release"].map(release_order) <= cutoff]
        if not early.empty:
            vintage = prefer_official(early).set_index("period")["value"].astype(float)
            prelim = early[early["status"] == "preliminary"]["period"]
            best.loc[vintage.index] = vintage
            if len(prelim):
                notes.append(
                    f"driver vintage: {len(vintage)} month(s) from release(s) published by "
                    f"{as_of} (incl. preliminary {prelim.min()} – {prelim.max()}); later months "
                    "as revised in the newest release"
                )
    best = best.sort_index()
    best.index = best.index.astype(str)
    return best, notes


def forecast_indicator(
    indicator_id: str,
    as_of=None,
    *,
    target: float | None = None,
    by=None,
    direction: str | None = None,
    target_kind: str = "target",
    n_sims: int = 10_000,
    seed: int = 0,
    **kwargs,
):
    """Probability that plan indicator ``indicator_id`` meets a target — or, when the
    target year has passed, the verdict (met / missed).

    Without ``target``: the indicator's latest target of ``target_kind`` from the ``kpi``
    table (``'target'``: the final target; or ``'draft_target'``), with its direction.
    With ``target`` (in the indicator's unit) and ``by`` (e.g. ``"FY2027"``; default the
    year of the table's target): any target, ``direction`` ``'>='`` unless given (or the
    table's direction for that indicator). Indicators in :data:`DRIVERS` are modelled as a
    share of their driver. ``as_of`` makes it a hindcast (see
    :func:`~kawasaki_econ.forecast.attainment.attainment`). Extra keyword arguments go to
    ``attainment`` (e.g. ``shock``, ``share_sd``, ``method``).

    Raises :class:`~kawasaki_econ.errors.ForecastError` for an unknown indicator, one without
    a target (and none given), or one with no observation and no driver (add its history
    with the indicator template: ``kawasaki-econ kpi template``).
    """
    rows = _kpi_rows(indicator_id)
    if target is None:
        t = _target(rows, target_kind)
        if by is not None:
            t = Target(t.indicator_id, t.value, str(by), t.direction, t.kind, t.label, t.unit)
    else:
        found = targets(rows)
        if by is None:
            if not found:
                raise ForecastError(
                    f"indicator {indicator_id} has no target year in the kpi table: give by= "
                    "(CLI: --by FY2027)"
                )
            by = found[-1].by
        t = Target(indicator_id, target, str(by),
                   direction or (found[-1].direction if found else ">="), "given", None,
                   found[-1].unit if found else None)
    if direction is not None:
        t = Target(t.indicator_id, t.value, t.by, direction, t.kind, t.label, t.unit)
    series, freq, notes = _actuals(rows)
    name = str(rows["name_ja"].iloc[0])
    unit = t.unit or str(rows["unit"].iloc[0])
    spec = DRIVERS.get(indicator_id)
    common = dict(as_of=as_of, freq=freq, n_sims=n_sims, seed=seed, name=name, unit=unit)
    if spec is not None:
        driver, dnotes = guest_nights_series(
            spec["area_code"], spec["nationality"], spec["frame"], as_of=as_of
        )
        notes += dnotes
        kwargs.setdefault("share_lookahead", as_of is not None)
        res = attainment(series, t.value, t.by, t.direction, driver=driver, **common, **kwargs)
        res.assumptions.insert(0, f"driver: {spec['label']}")
        res.driver.label = spec["label"]
    else:
        if series.empty:
            raise ForecastError(
                f"indicator {indicator_id} ({name}) has no observation in the data; add its "
                "history with `kawasaki-econ kpi template` / `kpi import`"
            )
        res = attainment(series, t.value, t.by, t.direction, **common, **kwargs)
    sources = sorted({str(s) for s in rows["source"].dropna()})
    res.sources = sources + ([f"kankocho/{f}" for f in DRIVER_FILES] if spec else [])
    res.indicator_id = indicator_id
    res.target_label = t.label
    res.assumptions.extend(notes)
    res.assumptions.append(
        f"target: {t.direction} {t.value:,.0f} {unit} in {t.by} "
        f"({t.kind}{', ' + t.label if t.label else ''}); sources: {'; '.join(sources)}"
    )
    return res
