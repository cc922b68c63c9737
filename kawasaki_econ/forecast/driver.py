"""``driver`` mode: an indicator with few observations modelled as ``share × driver``.

The driver (a longer related series, e.g. the prefecture's monthly foreign guest nights) is
simulated as any series; the share comes from the periods where both are observed (fewer
than three: an assumed log-sd, and the result is flagged assumption-driven) and is drawn
once per path (lognormal). The indicator's forecast, probability and verdict all come from
the same draws ``driver draw × share draw``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import ForecastError
from . import periods
from .distribution import FORECAST_COLUMNS, meets, summarise
from .growth import annual_totals, required_growth, required_growth_cross
from .hindcast import cut, hindcast, verdict
from .options import DEFAULT_SHARE_SD, Request
from .result import DriverInfo, Outcome
from .simulation import simulate
from .targets import relative_levels, resolve_base
from .wording import DRIVER, Note


def driver_value(drv: periods.Timeline, per: periods.Period) -> float | None:
    """Driver value for an indicator period (summing months for an annual period)."""
    if drv.kind == periods.MONTH:
        lo, hi = per.months()
        if lo < drv.start or hi > drv.end:
            return None
        vals = drv.values[lo - drv.start : hi - drv.start + 1]
        return None if np.isnan(vals).any() else float(vals.sum())
    if per.kind != drv.kind or not drv.start <= per.ordinal <= drv.end:
        return None
    v = drv.values[per.ordinal - drv.start]
    return None if np.isnan(v) else float(v)


def _indicator(series, drv_full: periods.Timeline, req: Request, assumptions: list):
    ind_full = periods.to_timeline(series, req.freq) if series is not None and len(series) else None
    if ind_full is None or not ind_full.n_obs():
        return None
    if req.as_of is not None and not req.share_lookahead:
        ind = ind_full.until(periods.last_published(ind_full.kind, req.as_of, req.lag))
        return ind if ind.n_obs() else None
    if req.as_of is not None:
        assumptions.append(Note(
            "LOOK-AHEAD: the share uses indicator observations published after "
            f"{req.as_of}; someone forecasting at that date did not have them",
            f"後知恵あり: 比率には{req.as_of}より後に公表された指標の実績を使用（その時点で"
            "予測した人はこれを持っていなかった）",
        ))
    return ind_full


def _share(ind, drv_for_share, req: Request, assumptions: list):
    """Central log share, its sd, the overlap and whether the sd is assumed."""
    shares, overlap = [], []
    if ind is not None:
        for o, v in zip(ind.ordinals, ind.values, strict=False):
            if np.isnan(v):
                continue
            d = driver_value(drv_for_share, periods.Period(ind.kind, int(o)))
            if d is not None and d > 0:
                shares.append(v / d)
                overlap.append((ind.label(o), v, d))
    if req.share is not None:
        sd = DEFAULT_SHARE_SD if req.share_sd is None else req.share_sd
        assumptions.append(Note(f"share assumed = {req.share:.4g} (given), log-sd {sd:.2f}",
                                f"比率を{req.share:.4g}と仮定（指定値）、対数標準偏差 {sd:.2f}"))
        return math.log(req.share), sd, overlap, True
    if not shares:
        raise ForecastError(
            "no period where both the indicator and the driver are observed: the share "
            "cannot be estimated (pass share= to assume one)",
            ja="指標と説明系列の両方に観測がある期間がない: 比率を推定できない（比率を仮定する"
               "には share= を指定する）",
        )
    if len(shares) < 3:
        sd = DEFAULT_SHARE_SD if req.share_sd is None else req.share_sd
        pts = "; ".join(f"{p}: {v:,.0f} / {d:,.0f} = {v / d:.4f}" for p, v, d in overlap)
        given = req.share_sd is not None
        lo, hi = math.exp(-1.96 * sd), math.exp(1.96 * sd)
        assumptions.append(Note(
            f"ASSUMPTION-DRIVEN: the share rests on {len(shares)} overlapping observation(s) "
            f"({pts}); its uncertainty is assumed: log-sd {sd:.2f} "
            f"({'given' if given else 'default DEFAULT_SHARE_SD'}), i.e. 95 % "
            f"of the share within ×{lo:.2f} – ×{hi:.2f}",
            f"仮定に依存: 比率は両系列がそろう{len(shares)}件の観測（{pts}）だけに基づき、"
            f"その不確かさは仮定（対数標準偏差 {sd:.2f}、"
            f"{'指定値' if given else '既定値 DEFAULT_SHARE_SD'}）。比率の95%が×{lo:.2f}〜×{hi:.2f}"
            "の範囲にあるとみなす",
        ))
        return float(np.mean(np.log(shares))), sd, overlap, True
    ls = np.log(shares)
    est = float(ls.std(ddof=1) * math.sqrt(1 + 1 / len(ls)))
    sd = est if req.share_sd is None else req.share_sd
    given = req.share_sd is not None
    share = math.exp(float(ls.mean()))
    assumptions.append(Note(
        f"share estimated from {len(shares)} overlapping observations: "
        f"{share:.4f} (geometric mean), log-sd {sd:.3f}"
        + (" (given)" if given else " (sample sd incl. estimation error)"),
        f"比率は両系列がそろう{len(shares)}件の観測から推定: {share:.4f}（幾何平均）、"
        f"対数標準偏差 {sd:.3f}" + ("（指定値）" if given else "（推定誤差を含む標本標準偏差）"),
    ))
    return float(ls.mean()), sd, overlap, False


def _implied(drv: periods.Timeline, kind: str, share_draws: np.ndarray) -> pd.DataFrame:
    """The indicator implied by each complete year of the driver (``kind`` basis)."""
    if drv.kind == periods.MONTH:
        totals = annual_totals(drv, kind)
    else:
        totals = pd.Series(drv.values, index=drv.ordinals).dropna()
    rows = [{"period": str(periods.Period(kind if drv.kind == periods.MONTH else drv.kind, int(y))),
             **summarise(v * share_draws)} for y, v in totals.items()]
    return pd.DataFrame(rows, columns=FORECAST_COLUMNS)


def attainment_driver(series, driver, req: Request) -> Outcome:
    """Attainment of ``series`` (few observations) as ``share × driver``."""
    assumptions: list[str] = []
    drv_full = periods.to_timeline(driver, req.driver_freq)
    if drv_full.n_obs() == 0:
        raise ForecastError("the driver series has no observation", ja="説明系列に観測がない")
    drv, as_of_text = cut(drv_full, req.as_of, req.driver_lag, assumptions, DRIVER)
    ind = _indicator(series, drv_full, req, assumptions)
    tp = periods.parse_period(
        req.by, req.freq,
        default_kind=(ind.kind if ind is not None and ind.kind != periods.MONTH else None),
    )  # fmt: skip
    base = None
    if req.base is not None:
        if ind is None:
            raise ForecastError(f"the indicator has no observation to take the base {req.base} "
                                "from: give a level",
                                ja=f"指標に観測がなく、基準 {req.base} の値を取れない: "
                                   "水準で指定する")
        base = resolve_base(ind, req.base, req.freq, tp)
    log_share, sd, overlap, driven = _share(
        ind, drv_full if req.share_lookahead else drv, req, assumptions
    )
    if ind is not None and tp.kind != ind.kind:
        kinds = {periods.FISCAL: "年度", periods.CALENDAR: "暦年", periods.MONTH: "月"}
        assumptions.append(Note(
            f"basis: the indicator is observed on a {ind.kind} basis but the target {tp} is "
            f"{tp.kind}; the share is applied across bases as if they were the same",
            f"集計区分: 指標の実績は{kinds.get(ind.kind, ind.kind)}ベース、目標{tp}は"
            f"{kinds.get(tp.kind, tp.kind)}ベース。比率は両者を同じとみなして適用",
        ))
    assumptions.append(Note(
        "the indicator moves in proportion to the driver (constant share); "
        "the share is drawn once per path (lognormal)",
        "指標は説明系列に比例して動く（比率は一定）と仮定。比率は経路ごとに1回、対数正規分布から"
        "抽出",
    ))
    sim = simulate(drv, drv_full, tp, req, assumptions, what=DRIVER)
    rng = np.random.default_rng([req.seed, 7])
    share_draws = np.exp(log_share + sd * rng.standard_normal(req.n_sims))
    draws = sim.target_draws * share_draws
    relative, threshold, level = None, None, req.target
    if base is not None:
        asked, read, observed = base
        base_draws = None
        if observed is None:  # estimated: the driver's total over the year asked × the share
            at_base = sim.draws_at(asked)
            base_draws = None if at_base is None else at_base * share_draws
            read = asked
        relative, threshold, level = relative_levels(req.target, (asked, read, observed),
                                                     base_draws, ind, driver=True)
    # indicator-level forecast: annual totals × share, or each period × share
    if sim.annual is not None:
        rows = []
        for per in sim.annual["period"]:
            d = sim.year_draws(periods.parse_period(per))
            rows.append({"period": per, **summarise(d * share_draws)})
        forecast = pd.DataFrame(rows, columns=FORECAST_COLUMNS)
    else:
        forecast = pd.DataFrame(
            [{"period": p, **summarise(sim.paths[:, j] * share_draws)}
             for j, p in enumerate(sim.forecast["period"])],
            columns=FORECAST_COLUMNS,
        )
    info = DriverInfo(
        share=math.exp(log_share), share_log_sd=sd,
        overlap=[{"period": str(p), "indicator": v, "driver": d} for p, v, d in overlap],
        driver_forecast=sim.forecast,
        implied=_implied(drv, tp.kind if tp.kind != periods.MONTH else periods.FISCAL, share_draws),
        unit=req.driver_unit,
    )  # fmt: skip
    table = None
    if req.as_of is not None:
        table = hindcast(sim)
        if not table.empty:
            table.insert(0, "series", "driver")
            at = table[table["period"].astype(str) == str(tp)]
            if len(at):
                implied = float(at["actual"].iloc[0]) * info.share
                met = bool(meets(np.array([implied]), level, req.direction)[0])
                assumptions.append(Note(
                    f"hindcast: with the actual driver for {tp}, the implied indicator is "
                    f"{implied:,.0f} at the central share: target {'met' if met else 'not met'}",
                    f"事後検証: {tp}の説明系列の実績と中央の比率から推計した指標は{implied:,.0f}、"
                    f"目標は{'達成' if met else '未達'}",
                ))
            in80, in95 = int(table["in80"].sum()), int(table["in95"].sum())
            assumptions.append(Note(
                f"hindcast of the driver: {in80} of {len(table)} actual value(s) inside the "
                f"80 % interval, {in95} inside the 95 % interval",
                f"説明系列の事後検証: 実績{len(table)}件のうち80%区間内に{in80}件、"
                f"95%区間内に{in95}件",
            ))
    outcome_verdict = None
    if sim.observed_target:
        driver_total = float(sim.target_draws[0])
        outcome_verdict = verdict(
            draws, driver_total * info.share, str(tp), level, req.direction,
            basis="implied", unit=req.unit, driver_value=driver_total,
        )  # fmt: skip
    if ind is not None:
        rg = (
            required_growth(ind, tp, level, None)
            if tp.kind == ind.kind
            else required_growth_cross(ind, tp, level)
        )
        drv_hist = required_growth(drv, tp, level, sim.agg)
        rg["historical"] = drv_hist.get("historical")
        rg["recent"] = drv_hist.get("recent")
        rg["history_of"] = "driver"
    else:
        rg = pd.Series(dtype=object)
    return Outcome(
        sim=sim, target_period=tp, draws=draws, forecast=forecast, hindcast=table,
        history=ind.to_series() if ind is not None else pd.Series(dtype=float),
        required_growth=rg, model_probabilities=pd.Series(dtype=float),
        assumptions=assumptions, assumption_driven=driven or sim.assumption_driven,
        as_of=as_of_text, verdict=outcome_verdict, driver=info, target=level,
        threshold=threshold, relative=relative,
    )  # fmt: skip
