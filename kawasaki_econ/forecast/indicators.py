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
from . import periods
from .attainment import attainment
from .distribution import DIRECTIONS
from .options import TooFewObservations
from .targets import (
    TargetText,
    base_level,
    check_unit,
    indicator_period,
    read_target,
    stored_base,
    stored_relative,
)

#: Indicators modelled as a share of a longer driver series:
#: indicator_id → guest-night selection (area_code, nationality, frame) and a description.
DRIVERS: dict[str, dict] = {
    "P7_hotel_guests_foreign": {
        "table": "guest_nights",
        "area_code": "14",
        "nationality": "foreign",
        "frame": "all_facilities",
        "label": "神奈川県 外国人延べ宿泊者数 (観光庁 宿泊旅行統計, all facilities, monthly)",
        "unit": "人泊",
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
        original = t.get("unit_original")
        unit = str(original) if stored_relative(original) else str(t["unit"])
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
    return found[-1]


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


def driver_series(spec: dict, as_of=None) -> tuple[pd.Series, list]:
    """Monthly driver values (guest nights, person-nights) as a ``'YYYY-MM'``-indexed
    Series, from :func:`kawasaki_econ.analysis.series.guest_nights_series` (one row per
    month by the preference rule: final beats preliminary, newer release wins).

    With ``as_of``: months held by a release published by then take that release's value
    (the vintage a forecaster had), other months the preferred value (later revisions; the
    lag rule of ``attainment`` decides which of them were published by ``as_of``).
    """
    from ..analysis.series import guest_nights_series
    from ..build import load
    from ..prefer import release_order

    table = load(spec["table"])
    area = spec["area_code"]

    def pick(rows: pd.DataFrame) -> pd.DataFrame:
        return guest_nights_series(rows, (area,), nationality=spec["nationality"],
                                   frame=spec["frame"], freq="month")

    chosen = pick(table)
    if chosen.empty:
        raise ForecastError(
            f"no monthly guest nights for area {area} ({spec['nationality']}, {spec['frame']})"
        )
    best = chosen.set_index("period")["value"]
    notes = []
    if as_of is not None:
        cutoff = periods.month_label(periods.as_of_month(as_of) - 1)
        early = pick(table[table["release"].map(release_order) <= cutoff])
        if not early.empty:
            vintage = early.set_index("period")["value"]
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
    best.name = None
    return best, notes


#: Indicators whose data sit under another id: plan indicator → (id holding related data,
#: why it is not the indicator's history). Shown by the status board and in errors.
RELATED: dict[str, tuple[str, str]] = {
    "PX_job_placements_careersupport": (
        "job_placements_career_support_kawasaki",
        "キャリアサポートかわさき's job placements for FY2013 through January only (302 persons, "
        "preliminary, a partial year): the same programme, but not a full fiscal year of the "
        "plan indicator, so it is not used as its history",
    ),
}


def related_note(indicator_id: str) -> str:
    """Sentence naming the id that holds related data (empty if none)."""
    if indicator_id not in RELATED:
        return ""
    other, why = RELATED[indicator_id]
    return f"related data sit under {other}: {why}"


def _indicator_unit(rows: pd.DataFrame) -> str | None:
    """The indicator's unit: that of its observations, else of a level target."""
    for kind in ("actual", "target", "draft_target"):
        units = [u for u in rows.loc[rows["kind"] == kind, "unit"].dropna().astype(str)
                 if not stored_relative(u)]
        if units:
            return units[0]
    return None


def _cross_basis(period: periods.Period, freq: str | None, notes: list) -> periods.Period:
    """A fiscal-year target on a calendar-year series (or the reverse) is read as the year
    of the series' kind that starts in the same calendar year; the result says so."""
    kind = periods.CALENDAR if freq == "calendar" else periods.FISCAL
    if freq is None or period.kind in (kind, periods.MONTH):
        return period
    read = periods.Period(kind, period.ordinal)
    notes.append(
        f"{period} read as {read}: the indicator is counted by "
        f"{'calendar' if kind == periods.CALENDAR else 'fiscal'} year only (the two share 9 of 12 "
        "months; no fiscal-year figure exists to compare with)"
    )
    return read


def forecast_indicator(
    indicator_id: str,
    as_of=None,
    *,
    target=None,
    by=None,
    direction: str | None = None,
    base=None,
    target_kind: str = "target",
    n_sims: int = 10_000,
    seed: int = 0,
    **kwargs,
):
    """Probability that plan indicator ``indicator_id`` meets a target — or, when the
    target year has passed, the verdict (met / missed).

    Without ``target``: the indicator's latest target of ``target_kind`` from the ``kpi``
    table (``'target'``: the final target; or ``'draft_target'``), with its direction.
    With ``target`` and ``by`` (``"FY2027"`` or ``"CY2027"``; a bare year is refused as
    ambiguous; default the year of the table's target): a level in the indicator's unit
    (``300000``) or a change over ``base`` (``"+40%"``, ``base="FY2014"``: the observed base
    value × 1.40; see :mod:`~kawasaki_econ.forecast.targets`); ``direction`` ``'>='`` unless
    given (or the table's direction for that indicator). Indicators in :data:`DRIVERS` are
    modelled as a share of their driver. ``as_of`` makes it a hindcast (see
    :func:`~kawasaki_econ.forecast.attainment.attainment`). Extra keyword arguments go to
    ``attainment`` (e.g. ``shock``, ``share_sd``, ``method``, ``scenario_sd``).

    Raises :class:`~kawasaki_econ.errors.ForecastError` for an unknown indicator, one without
    a target (and none given), a target whose unit cannot be the indicator's, and
    :class:`~kawasaki_econ.forecast.options.TooFewObservations` for an indicator with fewer
    than :data:`~kawasaki_econ.forecast.options.MIN_OBSERVATIONS` observations and no
    driver (add its history with ``kawasaki-econ kpi template``).
    """
    rows = _kpi_rows(indicator_id)
    unit = _indicator_unit(rows)
    found = targets(rows)
    notes: list[str] = []
    if target is None:
        t = _target(rows, target_kind)
        given = TargetText(t.value, stored_relative(t.unit))
        if given.relative and base is None:
            base = stored_base(t.unit)
            if base is None:
                observed = rows.loc[rows["kind"] == "actual", "period"].dropna()
                example = f"FY{int(observed.max())}" if len(observed) else "FY2015"
                raise ForecastError(
                    f"the target of {indicator_id} is a change ({given.words()}, {t.unit}) "
                    f"with no base year in the data: give it as --target "
                    f"{given.words().replace(' ', '')} --base {example} (an observed year)"
                )
    else:
        given = read_target(target)
        check_unit(given, unit, found[-1].unit if found else None, indicator_id)
        if by is None:
            if not found:
                raise ForecastError(
                    f"indicator {indicator_id} has no target year in the kpi table: give by= "
                    "(CLI: --by FY2027)"
                )
            by = found[-1].by
        t = Target(indicator_id, given.value, str(by),
                   direction or (found[-1].direction if found else ">="), "given", None, unit)
    if given.relative and base is None:
        raise ForecastError(
            f"a target of {given.words()} is a change: give the base year it is measured "
            f"from (--base FY2014), or a level in {unit or 'the indicator unit'}"
        )
    if direction is not None:
        t = Target(t.indicator_id, t.value, t.by, direction, t.kind, t.label, t.unit)
    series, freq, act_notes = _actuals(rows)
    spec = DRIVERS.get(indicator_id)
    # a monthly driver sums to either kind of year: no cross-basis reading needed
    basis = None if spec is not None else freq
    by_period = _cross_basis(indicator_period(t.by), basis, notes)
    name = str(rows["name_ja"].iloc[0])
    level = t.value
    if given.relative:
        if series.empty:
            raise ForecastError(f"{indicator_id} has no observation to take the base "
                                f"{base} from: give a level")
        level, reading = base_level(periods.to_timeline(series, freq),
                                    indicator_period(base, "--base"), given)
        notes.insert(0, reading[1])
    if spec is None and series.empty:
        related = related_note(indicator_id)
        raise TooFewObservations(
            f"{indicator_id} ({name}) has no observation in the data"
            + (f"; {related}" if related else "")
            + "; add its history with `kawasaki-econ kpi template` / `kpi import`",
            n_obs=0,
        )
    common = dict(as_of=as_of, freq=freq, n_sims=n_sims, seed=seed, name=name, unit=unit)
    if spec is not None:
        driver, dnotes = driver_series(spec, as_of=as_of)
        notes += dnotes
        kwargs.setdefault("share_lookahead", as_of is not None)
        kwargs.setdefault("driver_unit", spec.get("unit"))
        res = attainment(series, level, str(by_period), t.direction, driver=driver, **common,
                         **kwargs)
        res.assumptions.insert(0, f"driver: {spec['label']}")
        res.driver.label = spec["label"]
    else:
        try:
            res = attainment(series, level, str(by_period), t.direction, **common, **kwargs)
        except TooFewObservations as exc:
            related = related_note(indicator_id)
            raise TooFewObservations(f"{indicator_id} ({name}): {exc}"
                                     + (f"; {related}" if related else ""),
                                     n_obs=exc.n_obs) from None
    sources = sorted({str(s) for s in rows["source"].dropna()})
    res.sources = sources + ([f"kankocho/{f}" for f in DRIVER_FILES] if spec else [])
    res.indicator_id = indicator_id
    res.target_label = t.label
    asked = indicator_period(t.by)
    if asked != by_period:  # a fiscal-year target compared through the calendar year
        cross = (f"{asked}は{by_period}（{'暦年' if by_period.kind == periods.CALENDAR else '年度'}）"
                 "の値と比較（指標はその区分でのみ集計）",
                 f"{asked} compared as {by_period} (the indicator is counted by "
                 f"{'calendar' if by_period.kind == periods.CALENDAR else 'fiscal'} year only)")
        reading = ((f"{reading[0]}。{cross[0]}", f"{reading[1]}; {cross[1]}")
                   if given.relative else cross)
    res.target_reading = reading if given.relative or asked != by_period else None
    res.assumptions[:0] = notes
    res.assumptions.extend(act_notes)
    res.assumptions.append(
        f"target: {t.direction} {level:,.0f} {unit or ''} in {by_period} "
        f"({t.kind}{', ' + t.label if t.label else ''}); sources: {'; '.join(sources)}"
    )
    return res
