"""Probability that an indicator meets its target, from calibrated simulated paths.

>>> res = attainment(series, target=230_000, by="FY2021", direction=">=")  # doctest: +SKIP
>>> res.probability, res.probability_interval                               # doctest: +SKIP
>>> print(res.summary()); res.plot(); res.to_frame()                         # doctest: +SKIP

Conventions
-----------
* Periods: ``FY2016`` = April 2016 – March 2017 (fiscal years are labelled by the calendar
  year in which they start); integer labels are fiscal years unless ``freq="calendar"``;
  ``'YYYY-MM'`` strings are months (see :mod:`kawasaki_econ.forecast.periods`).
* Units: whatever the series is in (persons, person-nights, persons per day, …); the
  target must be in the same unit. Growth rates are fractions per period (0.05 = +5 %).
* A monthly series with an annual target is simulated month by month and each path is
  summed over the twelve months of the fiscal (April–March) or calendar year the target
  names; months of that year already observed enter with their observed values.
* Missing periods are never filled or interpolated: models that cannot handle gaps are
  fitted on the contiguous segment after the last gap (see ``summary()``).

Method
------
1. Rolling-origin backtest of every candidate model on the series itself
   (:mod:`~kawasaki_econ.forecast.backtest`), MASE and interval coverage per model.
2. ``method='auto'``: the combination (equal weights for monthly series, backtest
   inverse-MSE weights for annual ones) unless a single model is far better.
3. Predictive distribution: at every horizon a normal distribution on the working scale
   (lognormal for positive series) centred on the point forecast, whose spread is the
   model's own (robust: from the central 80 % of its simulated paths) times a
   horizon-dependent factor calibrated on its backtest errors, bounded by the largest
   change the series itself has shown over the same distance; the model's rank order of
   the paths is kept so sums over months stay coherent
   (:mod:`~kawasaki_econ.forecast.margins`). The mean therefore stays close to the median
   at every horizon (lognormal: mean / median = exp(sd² / 2)).
4. ``shock`` multipliers are applied to the paths; the probability is the fraction of
   the same paths meeting the target at ``by`` (the forecast table is their quantiles),
   with a 95 % Wilson interval for the Monte-Carlo error (the interval says how precisely
   the simulation estimates the probability *given the model*, not how uncertain the
   model is: compare ``model_probabilities``).
5. A target period already within the data gets a *verdict* instead of a forecast
   (:class:`~kawasaki_econ.forecast.hindcast.Verdict`): the observed value — or in
   ``driver`` mode the implied value with its interval from the share's uncertainty —,
   met / missed, and the probability that it was met.

Modules: :mod:`~.options` (checked arguments), :mod:`~.simulation` (paths),
:mod:`~.growth` (growth needed), :mod:`~.shocks`, :mod:`~.hindcast` (as-of cut, hindcast,
verdict), :mod:`~.driver` (share × driver), :mod:`~.result` (the result object).
"""

from __future__ import annotations

import numpy as np

from ..errors import ForecastError
from . import periods
from .display import unit_frame
from .distribution import meets, summarise, wilson
from .driver import attainment_driver
from .growth import required_growth
from .hindcast import HINDCAST_VALUES, cut, hindcast, hindcast_notes, verdict
from .options import MIN_OBSERVATIONS, Request, TooFewObservations
from .result import AttainmentResult, Outcome
from .simulation import model_probabilities, simulate
from .targets import relative_levels, resolve_base
from .wording import SERIES


def attainment(series, target: float, by, direction: str = ">=", *, driver=None,
               **options) -> AttainmentResult:
    """Probability that ``series`` meets ``target`` at period ``by``.

    The method and the conventions are those of the module
    (:mod:`kawasaki_econ.forecast.attainment`): candidate models backtested on the series
    itself, simulated paths calibrated on their backtest errors, the probability counted
    on the paths; a target period already in the data gets a verdict instead.

    Parameters
    ----------
    series : pandas.Series
        Observed values in the indicator's unit (persons, person-nights, …), indexed by
        period: integer years (fiscal years, FY2016 = April 2016 – March 2017, unless
        ``freq="calendar"``), ``"FY2016"`` / ``"CY2016"`` strings, ``"YYYY-MM"`` months, a
        ``PeriodIndex`` or a monthly ``DatetimeIndex`` (see
        :mod:`~kawasaki_econ.forecast.periods`). ``NaN`` or absent periods are missing and
        stay missing. At least :data:`~kawasaki_econ.forecast.options.MIN_OBSERVATIONS`
        observations, or a ``driver``, or an explicit ``scenario_sd``.
    target : float
        Target value, in the unit of the series; with ``base``, a change in % over the base
        year's value (``10`` = +10 %): the level is the observed base × 1.10, or, for a base
        year after the last observation, the probability is counted path by path,
        P[value at ``by`` ≥ 1.10 × value at ``base`` on the same path] (an *estimated* base;
        ``relative`` of the result says which).
    by : str, int or pandas.Period
        Period of the target: ``"FY2021"``, ``2021`` (fiscal unless ``freq="calendar"``),
        ``"2021-03"``, ``pd.Period("2021", "Y")`` (calendar year). An annual target on a
        monthly series is the sum of the twelve months of that fiscal or calendar year.
    direction : {'>=', '>', '<=', '<'}, default '>='
        How the indicator must compare with the target.
    driver : pandas.Series, optional
        Top-down mode: ``series`` holds the few observations of the indicator, ``driver`` a
        longer related series (e.g. the prefecture's foreign guest nights). The indicator
        is modelled as ``share × driver``; the share and its uncertainty come from the
        overlapping observations (fewer than three: ``share_sd`` or
        :data:`~kawasaki_econ.forecast.options.DEFAULT_SHARE_SD`, and the result is
        flagged assumption-driven).
    **options
        Fields of :class:`~kawasaki_econ.forecast.options.Request` (checked there; an
        unknown name is refused): ``as_of, method, shock, n_sims, seed, freq, share_sd,
        share, share_lookahead, lag, driver_lag, driver_freq, scenario_sd, candidates,
        name, unit, driver_unit, base``. ``n_sims`` (default 10,000, at least 100) paths are
        simulated with random seed ``seed`` (default 0): the same seed gives the same result.

    Returns
    -------
    AttainmentResult
        The probability with its Monte-Carlo interval, the forecast table (``period,
        mean, median, lo80, hi80, lo95, hi95``), the growth needed, the model and its
        backtest, the assumptions, and for a passed target period the ``verdict``.

    Raises
    ------
    TooFewObservations
        A :class:`~kawasaki_econ.errors.ForecastError`: fewer than
        :data:`~kawasaki_econ.forecast.options.MIN_OBSERVATIONS` observations, without a
        ``driver`` or ``scenario_sd``.
    ForecastError
        Bad arguments (an unknown option, direction, method or candidate; a non-finite
        target or one beyond any city statistic; a negative target for a series without
        negative values; ``n_sims=100.5`` or below 100); a series that is not a pandas
        Series, is empty, has no observation, holds non-numeric or infinite values,
        duplicated or mixed kinds of periods; a ``by`` that cannot be read, lies before the
        first observation, is a passed period whose value (or one of whose months) is
        missing, or is a fiscal year for a calendar-year series (or the reverse); an
        ``as_of`` before any published observation; in ``driver`` mode no period where
        both series are observed (and no ``share``).

    Examples
    --------
    Kanagawa's foreign guest nights (人泊) by fiscal year, FY2011 – FY2024, against a
    target of 5,000,000 in FY2027 (April 2027 – March 2028):

    >>> import kawasaki_econ as k
    >>> rows = k.analysis.series.guest_nights_series(k.load("guest_nights"), ("14",))
    >>> nights = k.forecast.aggregate_months(rows.set_index("period")["value"]).dropna()
    >>> res = k.forecast.attainment(nights, 5_000_000, "FY2027", n_sims=1_000, seed=0)
    >>> res.by, res.status(), res.forecast["period"].tolist()
    ('FY2027', 'forecast', [2025, 2026, 2027])
    >>> lo, hi = res.probability_interval
    >>> print(f"P = {res.probability:.1%} (Monte-Carlo 95 %: {lo:.1%} – {hi:.1%})")
    P = ...% (Monte-Carlo 95 %: ...% – ...%)
    """
    req = Request.checked(target=target, by=by, direction=direction, **options)
    if req.target < 0 and req.base is None:
        _refuse_negative_target(req, series if driver is None else driver)
    outcome = (
        attainment_driver(series, driver, req) if driver is not None else _plain(series, req)
    )
    return build_result(req, outcome)


def _plain(series, req: Request) -> Outcome:
    """The series itself is simulated."""
    full = periods.to_timeline(series, req.freq)
    if full.n_obs() == 0:
        raise ForecastError("the series has no observation: nothing to forecast from",
                            ja="系列に観測がない: 予測のもとになるデータがない")
    assumptions: list[str] = []
    tl, as_of_text = cut(full, req.as_of, req.lag, assumptions, SERIES)
    _check_values(tl, req)
    tp = periods.parse_period(req.by, req.freq, default_kind=tl.kind if tl.kind != periods.MONTH else None)
    base = None if req.base is None else resolve_base(tl, req.base, req.freq, tp)
    sim = simulate(tl, full, tp, req, assumptions)
    relative, threshold, level = None, None, req.target
    if base is not None:
        base_draws = sim.draws_at(base[1]) if base[2] is None else None  # estimated base
        relative, threshold, level = relative_levels(req.target, base, base_draws, tl)
    table = None
    if req.as_of is not None:
        table = hindcast(sim)
        hindcast_notes(table, tp, level, req.direction, assumptions)
    outcome_verdict = None
    if sim.observed_target:
        outcome_verdict = verdict(
            sim.target_draws, float(sim.target_draws[0]), str(tp), level, req.direction,
            basis="observed", unit=req.unit,
        )  # fmt: skip
    by_model = (model_probabilities(sim, level, req.direction, base[1], relative.factor)
                if threshold is not None else model_probabilities(sim, level, req.direction))
    return Outcome(
        sim=sim, target_period=tp, draws=sim.target_draws, forecast=sim.forecast, hindcast=table,
        history=tl.to_series(),
        required_growth=required_growth(tl, tp, level, sim.agg),
        model_probabilities=by_model,
        assumptions=assumptions, assumption_driven=sim.assumption_driven, as_of=as_of_text,
        verdict=outcome_verdict, target=level, threshold=threshold, relative=relative,
    )  # fmt: skip


def _refuse_negative_target(req: Request, series) -> None:
    values = periods.to_timeline(series, req.freq).values
    if np.all(values[~np.isnan(values)] >= 0):
        raise ForecastError(
            f"target {req.target:g} is negative, but the series is a count (no negative "
            "value): give a level of 0 or more",
            ja=f"目標 {req.target:g} は負の値だが、系列は負の値のない計数: 0以上の水準を指定する",
        )


def _check_values(full: periods.Timeline, req: Request) -> None:
    """Without a scenario spread: refuse too few observations for a probability."""
    if full.n_obs() < MIN_OBSERVATIONS and req.scenario_sd is None:
        observed = [(o, v) for o, v in zip(full.ordinals, full.values, strict=False) if v == v]
        shown = ", ".join(f"{full.label(o)}: {v:,.0f}" for o, v in observed)
        shown_ja = "、".join(f"{full.period(o).ja()}: {v:,.0f}" for o, v in observed)
        more = MIN_OBSERVATIONS - full.n_obs()
        raise TooFewObservations(
            f"{full.n_obs()} observation(s) ({shown}): a probability needs at least "
            f"{MIN_OBSERVATIONS} ({more} more {'year' if full.kind != periods.MONTH else 'month'}"
            f"{'s' if more > 1 else ''} of data) or a driver series; for a scenario with an "
            "assumed spread, pass scenario_sd= (CLI --scenario-sd 0.1)",
            n_obs=full.n_obs(),
            ja=f"観測が{full.n_obs()}件（{shown_ja}）しかない: 確率には{MIN_OBSERVATIONS}件以上（あと"
               f"{more}{'年' if full.kind != periods.MONTH else 'か月'}分のデータ）か説明系列が必要で、"
               "ばらつきを仮定したシナリオにするには scenario_sd= を指定する（CLI --scenario-sd 0.1）",
        )


def build_result(req: Request, out: Outcome) -> AttainmentResult:
    """The one place an :class:`AttainmentResult` is assembled; its tables print rounded to
    their unit (:mod:`~kawasaki_econ.forecast.display`; the values are unchanged)."""
    target = req.target if out.target is None else out.target
    threshold = target if out.threshold is None else out.threshold
    k = int(np.sum(meets(out.draws, threshold, req.direction)))
    n = len(out.draws)
    rel = out.relative
    # the simulated series: the indicator itself, or in driver mode the driver
    simulated = req.driver_unit if out.driver is not None else req.unit
    if out.driver is not None:
        out.driver.driver_forecast = unit_frame(out.driver.driver_forecast, req.driver_unit)
        out.driver.implied = unit_frame(out.driver.implied, req.unit)
    return AttainmentResult(
        probability=k / n,
        probability_interval=wilson(k, n),
        target=target,
        by=str(out.target_period),
        direction=req.direction,
        forecast=unit_frame(out.forecast, req.unit),
        target_forecast=summarise(out.draws),
        required_growth=out.required_growth,
        model=out.sim.model,
        backtest=out.sim.backtest,
        backtest_errors=unit_frame(out.sim.errors, simulated, ["actual", "point"]),
        hindcast=unit_frame(out.hindcast, simulated, HINDCAST_VALUES,
                            signed_shares=["error_pct"]),
        assumptions=out.assumptions,
        assumption_driven=bool(out.assumption_driven),
        history=out.history,
        model_probabilities=out.model_probabilities,
        n_sims=req.n_sims,
        seed=req.seed,
        simulation=out.sim,
        as_of=out.as_of,
        annual=unit_frame(out.sim.annual, simulated),
        driver=out.driver,
        verdict=out.verdict,
        name=req.name,
        unit=req.unit,
        target_draws=out.draws,
        scenario=req.scenario_sd is not None,
        relative=rel,
        target_reading=(rel.words("ja"), rel.words("en")) if rel is not None else None,
    )
