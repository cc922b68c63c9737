"""Audit of every number the plan states, against the data.

The registry ``claims.toml`` (next to this module) lists each quantitative or
comparative statement of the plan with the precision its wording implies and the check
that tests it. :func:`audit` runs every check and returns one :class:`ClaimResult` per
claim with a ``status``:

- ``confirmed`` — the data reproduce the claim within its stated precision;
- ``confirmed_other_vintage`` — the data hold another release of the same statistic
  (e.g. the final census figure where the plan quotes the preliminary one) and the
  claim is consistent with it; ``note`` gives both numbers and the difference;
- ``contradicted`` — comparable data disagree beyond the stated precision;
- ``unverifiable`` — no comparable data; ``note`` says exactly what is missing.

A claim is never confirmed by the plan's own numbers: the internal arithmetic of a
claim (e.g. 1,588 = 3.7 % of 41,028 + 1,588) is checked separately, in ``arithmetic``.
Data of a different scope or period never confirm a claim (the comparability guard of
:mod:`.guard` is used, and its refusal is reported).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ComparabilityError, KawasakiEconError
from ..parse import parse_era_year
from .areas import DESIGNATED_CITIES, TOKYO_WARDS_CODE
from .compare import industry_shares, national_benchmark, rank_change, select
from .trends import change

REGISTRY = Path(__file__).with_name("claims.toml")
STATUSES = ("confirmed", "confirmed_other_vintage", "contradicted", "unverifiable")


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    page: str
    statement_ja: str
    label_ja: str
    label_en: str
    claimed: Any
    unit: str
    wording: str
    tolerance: dict
    check: str
    params: dict = field(default_factory=dict)
    claimed_vintage: str | None = None
    arithmetic: dict | None = None


@dataclass
class ClaimResult:
    id: str
    section: str
    page: str
    statement_ja: str
    label_ja: str
    label_en: str
    claimed: Any
    computed: Any
    unit: str
    status: str
    note: str
    sources: list[str]
    tolerance: str
    arithmetic: str | None = None  # "consistent" / "inconsistent" / None
    arithmetic_note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def load_registry(path: Path = REGISTRY) -> list[Claim]:
    """Read the claims registry (TOML)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    claims = [Claim(**item) for item in data.get("claim", [])]
    ids = [c.id for c in claims]
    if len(ids) != len(set(ids)):
        raise KawasakiEconError(f"{path}: duplicated claim ids")
    unknown = [c.check for c in claims if c.check not in CHECKS]
    if unknown:
        raise KawasakiEconError(f"{path}: unknown checks {unknown}")
    return claims


class Data:
    """Lazily loaded processed tables for the checks."""

    def __init__(self, loader: Callable[[str], pd.DataFrame] | None = None) -> None:
        from .. import load

        self._load = loader or load

    @cached_property
    def census(self) -> pd.DataFrame:
        return self._load("census")

    @cached_property
    def ridership(self) -> pd.DataFrame:
        return self._load("ridership")

    @cached_property
    def airport(self) -> pd.DataFrame:
        return self._load("airport")

    @cached_property
    def kpi(self) -> pd.DataFrame:
        return self._load("kpi")


Outcome = tuple[Any, str, str, list[str]]  # computed, status, note, sources


def _fmt(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def _sources(rows: pd.DataFrame) -> list[str]:
    return sorted(set(rows["source"].astype(str)))


def check_census_total(claim: Claim, data: Data) -> Outcome:
    p = claim.params
    rows = select(data.census, measure=p["measure"], years=(p["year"],), areas=[p["area"]])
    rows = rows[rows["scope"] == p["scope"]]
    if rows.empty:
        return None, "unverifiable", f"no {p['scope']} {p['measure']} for {p['year']}", []
    value = int(rows["value"].iloc[0])
    status_data = rows["status"].iloc[0]
    diff = value - claim.claimed
    if diff == 0:
        return value, "confirmed", f"data: {_fmt(value)} ({status_data})", _sources(rows)
    note = (f"the plan quotes the {claim.claimed_vintage} figure {_fmt(claim.claimed)}; the data "
            f"hold the {status_data} figure {_fmt(value)} (difference {diff:+,}, "
            f"{diff / claim.claimed * 100:+.2f} %)")
    if claim.claimed_vintage and claim.claimed_vintage != status_data and abs(diff) <= (
            0.02 * claim.claimed):
        return value, "confirmed_other_vintage", note, _sources(rows)
    return value, "contradicted", note, _sources(rows)


def check_census_change(claim: Claim, data: Data) -> Outcome:
    p = claim.params
    measure = p["measure_name"]
    rows = select(data.census, measure=measure, years=(p["start"], p["end"]), areas=[p["area"]])
    implied_start = p["claimed_end"] - claim.claimed["change"]
    try:
        res = change(rows, p["start"], p["end"])
    except ComparabilityError as exc:
        forced = change(rows, p["start"], p["end"], override=True).iloc[0]
        note = (f"the plan's base is the {p['start']} private-sector figure implied as "
                f"{_fmt(implied_start)} ({_fmt(p['claimed_end'])} + {_fmt(abs(claim.claimed['change']))}); "
                f"the data hold no {p['start']} private-sector {measure} for this area. "
                f"Refused comparison: {str(exc).rstrip('.')}. (Forced, it would give "
                f"{forced['change']:+,.0f}, {forced['pct_change']:+.1f} % — not comparable.)")
        computed = {"start_other_scope": forced["value_start"], "end": forced["value_end"]}
        return computed, "unverifiable", note, _sources(rows)
    r = res.iloc[0]
    ok = abs(r["pct_change"] - claim.claimed["pct_change"]) <= claim.tolerance["pct_change"]
    computed = {"change": r["change"], "pct_change": round(r["pct_change"], 2)}
    status = "confirmed" if ok and r["change"] == claim.claimed["change"] else (
        "confirmed_other_vintage" if ok else "contradicted")
    return computed, status, f"data: {r['change']:+,.0f} ({r['pct_change']:+.2f} %)", _sources(rows)


def check_employee_trend_rank(claim: Claim, data: Data) -> Outcome:
    ranks = rank_change(data.census, 2016, 2021)
    focus = ranks[ranks["area_code"] == claim.params["area"]].iloc[0]
    designated = ranks[ranks["rank"].notna()]
    first, last = designated.iloc[0], designated.iloc[-1]
    computed = {"period": "2016→2021 (private)", "pct_change": round(focus["pct_change"], 2),
                "rank": int(focus["rank"]), "of": len(designated)}
    note = (
        "The plan's comparison (a figure, period not stated in the text) was drawn before the "
        "2016 final census, so it covers years up to 2016. The data hold no comparable pair "
        "of census years before 2016: 2014 is the all-establishment basic survey, 2016 the "
        "private-sector activity survey (the comparability guard refuses 2014→2016). For "
        f"context only: over the later period 2016→2021 (private) Kawasaki changed by "
        f"{focus['pct_change']:+.2f} % and ranks {int(focus['rank'])} of {len(designated)} "
        f"designated cities ({first['area_name']} {first['pct_change']:+.2f} % first, "
        f"{last['area_name']} {last['pct_change']:+.2f} % last) — a different period, so it "
        "neither confirms nor contradicts the claim.")
    rows = select(data.census, measure="employees", years=(2016, 2021),
                  areas=list(DESIGNATED_CITIES))
    return computed, "unverifiable", note, _sources(rows)


def check_industry_share_rank(claim: Claim, data: Data) -> Outcome:
    p = claim.params
    computed, notes, sources, ok = {}, [], [], True
    for year in p["years"]:
        shares = industry_shares(data.census, year)
        rows = shares[shares["industry_code"] == p["industry"]]
        focus = rows[rows["area_code"] == p["area"]].iloc[0]
        wards = rows[rows["area_code"] == TOKYO_WARDS_CODE]
        second = rows[(rows["rank_designated"] == 2)].iloc[0]
        rank = int(focus["rank_designated"])
        ok &= rank == 1
        computed[str(year)] = {"share_pct": round(focus["share_pct"], 2), "rank": rank,
                               "scope": focus["scope"]}
        text = (f"{year} ({focus['scope']}): {focus['share_pct']:.2f} %, rank {rank} of 20 "
                f"designated cities (next: {second['area_name']} {second['share_pct']:.2f} %)")
        if len(wards):
            w = wards.iloc[0]
            rel = "higher" if w["share_pct"] > focus["share_pct"] else "lower"
            text += f"; 東京都区部 {w['share_pct']:.2f} % ({rel})"
        notes.append(text)
        sources += _sources(rows[rows["area_code"].isin(list(DESIGNATED_CITIES))].head(1))
        sources += _sources(rows[rows["area_code"] == p["area"]])
    status = "confirmed" if ok else "contradicted"
    return computed, status, "; ".join(notes), sorted(set(sources))


def check_station_growth(claim: Claim, data: Data) -> Outcome:
    p = claim.params
    r = data.ridership
    rows = r[(r["station"] == p["station"]) & (r["operator"] == "JR東日本")
             & (r["measure"] == "boardings_daily_avg")
             & r["fiscal_year"].isin([p["start"], p["end"]])]
    start, end = rows[rows["fiscal_year"] == p["start"]], rows[rows["fiscal_year"] == p["end"]]
    if start.empty or end.empty:
        missing = [y for y, d in ((p["start"], start), (p["end"], end)) if d.empty]
        return None, "unverifiable", f"no JR boardings for {p['station']} in FY{missing}", \
            _sources(rows)
    pcts = [(e / s - 1) * 100 for s in start["value"] for e in end["value"]]
    lo, hi = min(pcts), max(pcts)
    tol = claim.tolerance["pct_change"]
    target = claim.claimed["pct_change"]
    status = "confirmed" if all(abs(x - target) <= tol for x in pcts) else "contradicted"

    def vals(d: pd.DataFrame) -> str:
        return " / ".join(f"{int(v):,} ({s})" for v, s in zip(d["value"], d["status"],
                                                              strict=True))

    note = (f"FY{p['start']} {vals(start)} → FY{p['end']} {vals(end)}: "
            f"{lo:+.1f} %" + ("" if hi - lo < 0.05 else f" to {hi:+.1f} %")
            + f" (claim {target:+.0f} % ± {tol:.0f} points); JR boardings only, one measure "
            "on both ends")
    return {"pct_change": round(lo, 1) if hi - lo < 0.05 else [round(lo, 1), round(hi, 1)]}, \
        status, note, _sources(rows)


def check_haneda_international(claim: Claim, data: Data) -> Outcome:
    p = claim.params
    a = data.airport
    intl = a[(a["segment"] == "international") & (a["measure"] == "passengers_annual")]
    for basis, rows in intl.groupby("basis"):
        ends = {str(p["start"]): rows[rows["period"] == str(p["start"])],
                str(p["end"]): rows[rows["period"] == str(p["end"])]}
        if all(len(d) for d in ends.values()):
            got = {k: float(d["value"].iloc[0]) for k, d in ends.items()}
            tol = claim.tolerance["value"]
            ok = (abs(got[str(p["start"])] - claim.claimed["start"]) <= tol
                  and abs(got[str(p["end"])] - claim.claimed["end"]) <= tol)
            used = pd.concat(list(ends.values()))
            return got, "confirmed" if ok else "contradicted", (
                f"{basis}: {got[str(p['start'])]:,.0f} → {got[str(p['end'])]:,.0f}"), \
                _sources(used)
    held = ", ".join(f"{r.basis.split('_')[0]} {r.period}: {r.value / 1e4:,.0f}万" for r in
                     intl.sort_values("period").itertuples())
    note = (f"the data hold no annual international passenger count for {p['start']} or "
            f"{p['end']} (either calendar or fiscal year). Held: {held}. The claimed growth "
            f"(×{claim.claimed['end'] / claim.claimed['start']:.1f}) is in line with the later "
            "levels but cannot be checked.")
    return None, "unverifiable", note, _sources(intl)


def check_national_share_rank(claim: Claim, data: Data) -> Outcome:
    p = claim.params
    rows = select(data.census, measure="employees", years=(p["year"],), industry=None)
    wide = rows.pivot_table(index=["area_code", "area_name"], columns="industry_code",
                            values="value", aggfunc="sum")
    share = (wide[p["industry"]] / wide["ALL"] * 100).dropna().sort_values(ascending=False)
    codes = share.index.get_level_values(0)
    rank = int(list(codes).index(p["area"])) + 1
    n = len(share)
    bench = national_benchmark(data.census, p["year"])
    official = bench[bench["basis"] == "official"].set_index("industry_code")["value"]
    national = float(official[p["industry"]] / official["ALL"] * 100)
    mine = float(share.iloc[rank - 1])
    ahead = ", ".join(name for _, name in share.index[: rank - 1])
    ok = rank / n <= 0.02 and mine > national
    note = (f"{p['year']} private: {mine:.2f} % of employees, rank {rank} of {n} "
            f"municipalities (top {rank / n * 100:.1f} %), {mine / national:.2f}× the national "
            f"share {national:.2f} % (official). Ahead: {ahead}.")
    return {"share_pct": round(mine, 2), "rank": rank, "of": n,
            "national_share_pct": round(national, 2)}, \
        "confirmed" if ok else "contradicted", note, \
        sorted(set(_sources(rows[rows["area_code"] == p["area"]]))
               | set(bench.loc[bench["basis"] == "official", "source"]))


def check_target_change(claim: Claim, data: Data) -> Outcome:
    p = claim.params
    k = data.kpi[data.kpi["indicator_id"] == p["indicator"]]
    targets = k[k["kind"].isin(["draft_target", "target"])]
    got = {kind: float(v) for kind, v in zip(targets["kind"], targets["value"], strict=True)}
    same = all(abs(got.get(kind, float("nan")) - claim.claimed[kind]) < 1e-9
               for kind in ("draft_target", "target"))
    note = ("a policy decision of the plan itself: the kpi table holds these targets only as "
            "transcribed from this same document (plan_kpi_targets.csv), which is not "
            f"independent evidence; the transcription {'matches' if same else 'DIFFERS'}.")
    if "reached_above" in p:
        lo, hi = p["period"]
        actual = k[k["kind"] == "actual"]
        inside = actual[actual["period"].between(lo, hi)]
        if inside.empty:
            obs = "; ".join(f"{r.period_type} {r.period}: {r.value:,.0f} ({r.status})"
                            for r in actual.itertuples())
            note += (f" The stated reason (a value above {p['reached_above']:,} reached in "
                     f"FY{lo}–FY{hi}) cannot be checked: the data hold no value for that "
                     f"period; observations held: {obs or 'none'}.")
    return got, "unverifiable", note, _sources(targets)


def check_plan_arithmetic_only(claim: Claim, data: Data) -> Outcome:
    return None, "unverifiable", ("internal consistency only (see arithmetic): no external "
                                  "data speak to this statement"), []


CHECKS: dict[str, Callable[[Claim, Data], Outcome]] = {
    "census_total": check_census_total,
    "census_change": check_census_change,
    "employee_trend_rank": check_employee_trend_rank,
    "industry_share_rank": check_industry_share_rank,
    "station_growth": check_station_growth,
    "haneda_international": check_haneda_international,
    "national_share_rank": check_national_share_rank,
    "target_change": check_target_change,
    "plan_arithmetic_only": check_plan_arithmetic_only,
}

_ARITH_NAMES = {"date": dt.date, "era": parse_era_year}


def check_arithmetic(spec: dict) -> tuple[str, str]:
    """Evaluate a registry arithmetic expression (numbers, dates, era years only)."""
    value = eval(spec["expression"], {"__builtins__": {}}, dict(_ARITH_NAMES))  # noqa: S307
    values = list(value) if isinstance(value, tuple) else [value]
    expected = spec["expected"] if isinstance(spec["expected"], list) else [spec["expected"]]
    ok = len(values) == len(expected) and all(
        abs(v - e) <= spec.get("tolerance", 0) for v, e in zip(values, expected, strict=True))
    shown = ", ".join(f"{v:.3f}".rstrip("0").rstrip(".") for v in values)
    return ("consistent" if ok else "inconsistent"), f"{spec['expression']} = {shown}"


def _tolerance_text(tol: dict) -> str:
    return ", ".join(f"{k}: {v}" for k, v in tol.items())


def audit(claims: list[Claim] | None = None, data: Data | None = None) -> list[ClaimResult]:
    """Run every check of the registry (or of ``claims``) against the processed tables."""
    claims = claims if claims is not None else load_registry()
    data = data or Data()
    results = []
    for claim in claims:
        computed, status, note, sources = CHECKS[claim.check](claim, data)
        if status not in STATUSES:
            raise KawasakiEconError(f"claim {claim.id}: invalid status {status!r}")
        arith, arith_note = check_arithmetic(claim.arithmetic) if claim.arithmetic else (None, "")
        results.append(ClaimResult(
            id=claim.id, section=claim.section, page=claim.page,
            statement_ja=claim.statement_ja, label_ja=claim.label_ja,
            label_en=claim.label_en, claimed=claim.claimed,
            computed=_plain(computed), unit=claim.unit, status=status, note=note,
            sources=sources, tolerance=f"{claim.wording} ({_tolerance_text(claim.tolerance)})",
            arithmetic=arith, arithmetic_note=arith_note))
    return results


def _plain(value: Any) -> Any:
    """numpy / pandas scalars → Python (for JSON)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


def claims_frame(results: list[ClaimResult] | None = None) -> pd.DataFrame:
    """The audit as a DataFrame (one row per claim)."""
    results = results if results is not None else audit()
    df = pd.DataFrame([r.to_dict() for r in results])
    df["sources"] = df["sources"].map("; ".join)
    return df


def format_table(results: list[ClaimResult]) -> str:
    """A readable plain-text table of the audit."""
    import textwrap

    lines = []
    counts = pd.Series([r.status for r in results]).value_counts()
    for r in results:
        lines.append(f"[{r.status}] {r.id}  ({r.page})")
        lines.append(textwrap.fill(r.statement_ja, 60, initial_indent="  「",
                                   subsequent_indent="    ") + "」")
        lines.append(f"  claimed: {r.claimed}   computed: {r.computed}   unit: {r.unit}")
        lines.append(textwrap.fill(r.note, 100, initial_indent="  note: ",
                                   subsequent_indent="        "))
        if r.arithmetic:
            lines.append(f"  plan arithmetic: {r.arithmetic} ({r.arithmetic_note})")
        lines.append("")
    lines.append("summary: " + ", ".join(f"{s} {counts.get(s, 0)}" for s in STATUSES))
    return "\n".join(lines)
