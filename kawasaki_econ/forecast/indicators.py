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
from ..lang import tr
from . import periods
from .attainment import attainment
from .distribution import DIRECTIONS
from .options import TooFewObservations
from .targets import (
    TargetText,
    check_unit,
    indicator_period,
    read_target,
    stored_base,
    stored_relative,
)
from .units import unit_label
from .wording import Note, note_text, target_phrase

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
        raise ForecastError(f"unknown indicator {indicator_id!r}; known: {known}",
                            ja=f"不明な指標 {indicator_id!r}: 既知の指標は {known}")
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
        ident = rows["indicator_id"].iloc[0]
        kind_ja = {"target": "目標", "draft_target": "素案の目標"}.get(kind, kind)
        raise ForecastError(
            f"indicator {ident} has no {kind} in the kpi table; "
            "give one with target= and by= (CLI: --target VALUE --by FY2027)",
            ja=f"指標 {ident} には kpi テーブルに{kind_ja}（{kind}）がない: target= と by= で"
               "指定する（CLI: --target VALUE --by FY2027）",
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
        other = sorted(set(dropped["period_type"]))
        other_ja = "、".join(periods.KIND_JA[periods.period_kind(p)] for p in other)
        notes.append(Note(
            f"{len(dropped)} observation(s) on a different basis ({', '.join(other)}) left out",
            f"集計区分の異なる観測{len(dropped)}件（{other_ja}）は使わない",
        ))
        act = act[act["period_type"] == basis]
    values = {}
    for period, g in act.groupby("period"):
        distinct = g["value"].unique()
        if len(distinct) > 1:
            shown = ", ".join(f"{v:,.0f}" for v in distinct)
            notes.append(Note(
                f"{period}: sources disagree ({shown}); the first listed is used",
                f"{period}: 出典により値が異なる（{shown}）。最初に記載の値を使用",
            ))
        values[int(period)] = float(g["value"].iloc[0])
        if bool(g.get("rounded", pd.Series([False])).fillna(False).any()):
            notes.append(Note(
                f"{period}: the observation is a rounded/approximate figure "
                f"({g['value'].iloc[0]:,.0f})",
                f"{period}: 実績は概数（{g['value'].iloc[0]:,.0f}）",
            ))
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
            f"no monthly guest nights for area {area} ({spec['nationality']}, {spec['frame']})",
            ja=f"地域 {area}（{spec['nationality']}、{spec['frame']}）の月次の延べ宿泊者数がない",
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
                notes.append(Note(
                    f"driver vintage: {len(vintage)} month(s) from release(s) published by "
                    f"{as_of} (incl. preliminary {prelim.min()} – {prelim.max()}); later months "
                    "as revised in the newest release",
                    f"説明系列の版: {len(vintage)}か月分は{as_of}までに公表された版の値（速報値 "
                    f"{prelim.min()}〜{prelim.max()}を含む）。それ以降の月は最新版の改定値",
                ))
    best = best.sort_index()
    best.index = best.index.astype(str)
    best.name = None
    return best, notes


#: Indicators whose data sit under another id: plan indicator → (id holding related data,
#: why it is not the indicator's history). Shown by the status board and in errors.
RELATED: dict[str, tuple[str, str]] = {
    "PX_job_placements_careersupport": (
        "job_placements_career_support_kawasaki",
        Note("キャリアサポートかわさき's job placements for FY2013 through January only (302 "
             "persons, preliminary, a partial year): the same programme, but not a full fiscal "
             "year of the plan indicator, so it is not used as its history",
             "キャリアサポートかわさきの就職者数は2013年度の4月〜1月分のみ（302人、速報値の部分"
             "年度）で、同じ事業だが計画指標の1年度分ではないため履歴には使わない"),
    ),
}


def related_note(indicator_id: str, lang: str = "en") -> str:
    """Sentence naming the id that holds related data, in ``lang`` (empty if none)."""
    if indicator_id not in RELATED:
        return ""
    other, why = RELATED[indicator_id]
    return tr(f"関連データは別ID {other} にある: {note_text(why, 'ja')}",
              f"related data sit under {other}: {why}", lang)


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
    calendar = kind == periods.CALENDAR
    notes.append(Note(
        f"{period} read as {read}: the indicator is counted by "
        f"{'calendar' if calendar else 'fiscal'} year only (the two share 9 of 12 "
        "months; no fiscal-year figure exists to compare with)",
        f"{period}は{read}として読む: 指標は{'暦年' if calendar else '年度'}でのみ集計"
        f"（両者は12か月のうち9か月が重なる。比較できる{'年度' if calendar else '暦年'}の値はない）",
    ))
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
    """Probability that a plan indicator meets its target, or the verdict on a passed one.

    The indicator's observations, unit and targets come from the ``kpi`` table; an
    indicator of :data:`DRIVERS` is modelled as a share of its driver series (monthly
    guest nights, summed over the fiscal year of the target). The forecast itself is
    :func:`~kawasaki_econ.forecast.attainment.attainment`'s.

    Parameters
    ----------
    indicator_id : str
        The plan indicator's id in the ``kpi`` table, e.g. ``"P7_hotel_guests_foreign"``.
    as_of : str or datetime-like, optional
        Hindcast date (``"2018-03"`` = the start of March 2018, or a full date): only the
        data published by then are used (see
        :func:`~kawasaki_econ.forecast.attainment.attainment`).
    target : float or str, optional
        A level in the indicator's unit (``300000``) or a change over ``base``
        (``"+40%"``: the observed base value × 1.40; see
        :mod:`~kawasaki_econ.forecast.targets`). Default: the indicator's latest target of
        ``target_kind`` in the ``kpi`` table, with its direction.
    by : str, optional
        Target year with a given ``target``: ``"FY2027"`` (April 2027 – March 2028),
        ``"2027年度"``, ``"CY2027"`` or ``"2027年"``; a bare year is refused as ambiguous.
        Default: the year of the table's target. A fiscal-year target on an indicator
        counted by calendar year (or the reverse) is compared with the year of the
        indicator's basis that starts in the same calendar year, and the result says so.
    direction : {'>=', '>', '<=', '<'}, optional
        How the indicator must compare with the target; default the table's direction for
        the indicator (``'<='`` for a lower-is-better indicator), else ``'>='``.
    base : str, optional
        Base year of a relative target, e.g. ``"FY2014"`` (an observed year); for the
        table's own relative target, default the base written in its unit
        (``% vs FY2014``).
    target_kind : {'target', 'draft_target'}, default 'target'
        Which of the table's targets to take without ``target``: the plan's final target
        or the draft one.
    n_sims : int, default 10000
        Simulated paths (at least 100).
    seed : int, default 0
        Random seed: the same seed gives the same result.
    **kwargs
        Further options of ``attainment`` (e.g. ``shock``, ``share_sd``, ``method``,
        ``scenario_sd``, ``candidates``).

    Returns
    -------
    AttainmentResult
        As :func:`~kawasaki_econ.forecast.attainment.attainment`'s, with
        ``indicator_id``, ``target_label`` (the plan or phase of the target), ``sources``
        (the ``kpi`` rows' sources and the driver's raw files), ``target_reading`` (how a
        relative or cross-basis target was read) and the target in ``assumptions``.

    Raises
    ------
    ForecastError
        For an unknown indicator (the message lists the known ids); an indicator without a
        target of ``target_kind`` when none is given, or without a target year when
        ``target`` is given without ``by``; a target that cannot be read or whose unit
        cannot be the indicator's; a ``by`` or ``base`` that is a bare year or a month; a
        relative target without a usable base year; and every case of ``attainment``.
    TooFewObservations
        A :class:`~kawasaki_econ.errors.ForecastError`: the indicator has fewer than
        :data:`~kawasaki_econ.forecast.options.MIN_OBSERVATIONS` observations and no driver
        (add its history with ``kawasaki-econ kpi template`` / ``kpi import``).

    Examples
    --------
    宿泊施設の年間宿泊客数（外国人）: one observation (calendar 2019), modelled as a share of
    Kanagawa's monthly foreign guest nights; its plan target (FY2021) has passed, so the
    result is a verdict on the value the driver implies.

    >>> import kawasaki_econ as k
    >>> res = k.forecast.forecast_indicator("P7_hotel_guests_foreign", n_sims=1_000)
    >>> res.by, res.target, res.status(), res.verdict.basis
    ('FY2021', 230000.0, 'missed', 'implied')
    >>> k.forecast.forecast_indicator("P7_hotel_guests_foreign", target=300_000, by="2027")
    Traceback (most recent call last):
    kawasaki_econ.errors.ForecastError: --by 2027 is ambiguous...
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
                    f"{given.words().replace(' ', '')} --base {example} (an observed year)",
                    ja=f"{indicator_id} の目標は変化（{given.words()}、{t.unit}）だが、データに"
                       f"基準年がない: --target {given.words().replace(' ', '')} --base "
                       f"{example}（観測のある年）として指定する",
                )
    else:
        given = read_target(target)
        check_unit(given, unit, found[-1].unit if found else None, indicator_id)
        if by is None:
            if not found:
                raise ForecastError(
                    f"indicator {indicator_id} has no target year in the kpi table: give by= "
                    "(CLI: --by FY2027)",
                    ja=f"指標 {indicator_id} には kpi テーブルに目標年がない: by= を指定する"
                       "（CLI: --by FY2027）",
                )
            by = found[-1].by
        t = Target(indicator_id, given.value, str(by),
                   direction or (found[-1].direction if found else ">="), "given", None, unit)
    if given.relative and base is None:
        raise ForecastError(
            f"a target of {given.words()} is a change: give the base year it is measured "
            f"from (--base FY2014), or a level in {unit or 'the indicator unit'}",
            ja=f"{given.words()} という目標は変化: 変化を測る基準年を指定する（--base FY2014）か、"
               f"水準（単位: {unit_label(unit, 'ja') or '指標の単位'}）を指定する",
        )
    if direction is not None:
        t = Target(t.indicator_id, t.value, t.by, direction, t.kind, t.label, t.unit)
    series, freq, act_notes = _actuals(rows)
    spec = DRIVERS.get(indicator_id)
    # a monthly driver sums to either kind of year: no cross-basis reading needed
    basis = None if spec is not None else freq
    by_period = _cross_basis(indicator_period(t.by), basis, notes)
    name = str(rows["name_ja"].iloc[0])
    if given.relative:
        if series.empty:
            raise ForecastError(f"{indicator_id} has no observation to take the base "
                                f"{base} from: give a level",
                                ja=f"{indicator_id} には観測がなく、基準 {base} の値を取れない: "
                                   "水準で指定する")
        base = str(indicator_period(base, "--base"))
    else:
        base = None
    if spec is None and series.empty:
        related = related_note(indicator_id)
        raise TooFewObservations(
            f"{indicator_id} ({name}) has no observation in the data"
            + (f"; {related}" if related else "")
            + "; add its history with `kawasaki-econ kpi template` / `kpi import`",
            n_obs=0,
            ja=f"{indicator_id}（{name}）の観測がデータにない"
               + (f"。{related_note(indicator_id, 'ja')}" if related else "")
               + "。`kawasaki-econ kpi template` / `kpi import` で履歴を追加する",
        )
    common = dict(as_of=as_of, freq=freq, n_sims=n_sims, seed=seed, name=name, unit=unit,
                  base=base)
    if spec is not None:
        driver, dnotes = driver_series(spec, as_of=as_of)
        notes += dnotes
        kwargs.setdefault("share_lookahead", as_of is not None)
        kwargs.setdefault("driver_unit", spec.get("unit"))
        res = attainment(series, t.value, str(by_period), t.direction, driver=driver, **common,
                         **kwargs)
        res.assumptions.insert(0, Note(f"driver: {spec['label']}", f"説明系列: {spec['label']}"))
        res.driver.label = spec["label"]
    else:
        try:
            res = attainment(series, t.value, str(by_period), t.direction, **common, **kwargs)
        except TooFewObservations as exc:
            related = related_note(indicator_id)
            raise TooFewObservations(f"{indicator_id} ({name}): {exc}"
                                     + (f"; {related}" if related else ""),
                                     n_obs=exc.n_obs,
                                     ja=f"{indicator_id}（{name}）: {exc.text('ja')}"
                                        + (f"。{related_note(indicator_id, 'ja')}"
                                           if related else "")) from None
    sources = sorted({str(s) for s in rows["source"].dropna()})
    res.sources = sources + ([f"kankocho/{f}" for f in DRIVER_FILES] if spec else [])
    res.indicator_id = indicator_id
    res.target_label = t.label
    asked = indicator_period(t.by)
    reading = res.target_reading
    if reading is not None:
        notes.insert(0, Note(reading[1], reading[0]))
    if asked != by_period:  # a fiscal-year target compared through the calendar year
        cross = (f"{asked}は{by_period}（{'暦年' if by_period.kind == periods.CALENDAR else '年度'}）"
                 "の値と比較（指標はその区分でのみ集計）",
                 f"{asked} compared as {by_period} (the indicator is counted by "
                 f"{'calendar' if by_period.kind == periods.CALENDAR else 'fiscal'} year only)")
        reading = ((f"{reading[0]}。{cross[0]}", f"{reading[1]}; {cross[1]}")
                   if reading is not None else cross)
    res.target_reading = reading
    res.assumptions[:0] = notes
    res.assumptions.extend(act_notes)
    kind_ja = {"target": "目標", "draft_target": "素案の目標", "given": "指定"}.get(t.kind, t.kind)
    level = res.target
    median = res.relative is not None and res.relative.basis == "estimated"
    res.assumptions.append(Note(
        f"target: {t.direction} {'median ' if median else ''}{level:,.0f} {unit or ''} in "
        f"{by_period} "
        f"({t.kind}{', ' + t.label if t.label else ''}); sources: {'; '.join(sources)}",
        f"目標: {'（中央値）' if median else ''}"
        f"{target_phrase(level, t.direction, str(by_period), unit, 'ja')}"
        f"（{kind_ja}{'、' + t.label if t.label else ''}）。出典: {'; '.join(sources)}",
    ))
    return res
