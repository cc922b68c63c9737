"""The sweep: every table, chart input and finding of the report, for every municipality
of SSDSE-A (1,741) and 東京都区部 (13100), in-process (no notebook is executed), checked.

``python -m kawasaki_econ.report.sweep [--jobs N] [--sample N] [CODE …]`` (``make
sweep``) prints its time and exits 1 listing the failures, if any. For each focus it
computes, in both languages where the output has words:

* the peer group and the report's key tables (``census_summary``, ``peer_comparison``,
  ``peer_members``, ``ridership_table`` where the focus has stations,
  ``guest_nights_table``) with the functions the report calls, from the census rows of
  the group's areas (their results depend only on those rows);
* the chart inputs of notebook 02 (``peer_change`` of employees and establishments,
  ``peer_shares`` of both comparable years, the location quotients against the nation
  and the group, the shift-share summary) from a
  :class:`~kawasaki_econ.analysis.panel.CensusPanel` of all areas, built once — the same
  numbers as computing each directly (``tests/analysis/test_panel_equals_direct.py``
  checks every kind of group);
* the findings (:func:`~kawasaki_econ.report.findings.findings_table`, ja and en).

A focus fails if anything raises, if a numeric column holds ±inf, if a rank stands next
to a missing or zero value, or if a sentence shows ``nan`` / ``inf`` / ``None`` — or, for
a focus without a plan registry, a number of Kawasaki's plan (:data:`PLAN_FIGURES`).
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import sys
import time
import traceback
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..analysis.areas import TOKYO_WARDS, TOKYO_WARDS_CODE
from ..analysis.findings import Tables, findings
from ..analysis.panel import CensusPanel
from ..analysis.peers import (
    comparable_census_years,
    municipalities,
    peer_change,
    peer_group,
    peer_shares,
    resolve_focus,
)
from ..analysis.series import guest_nights_annual, station_series, stations_of, tourism_areas
from ..plans import has_plan
from .findings import findings_section_html, findings_table
from .key_tables import (
    census_summary,
    guest_nights_table,
    peer_comparison,
    peer_members,
    ridership_table,
)

#: Marks of Kawasaki's plan that must never appear in another municipality's report: its
#: Haneda figures and KPI target, written as the plan writes them, and its Chapter 2
#: statements (a census count such as 9,975 can be any municipality's real number, so
#: the plan's census figures are checked through its statements, "2016年速報値").
PLAN_FIGURES = ("276万", "1,564万", "230,000", "2016年速報値", "2016, preliminary",
                "計画第2章", "The plan's Chapter 2")
_BAD_WORDS = re.compile(r"\b(nan|NaN|inf|None)\b|<NA>")


@dataclass(frozen=True)
class Failure:
    """One focus that failed: code and what went wrong."""

    code: str
    problem: str


class Sweep:
    """Everything the sweep shares between focuses: the tables, the panel of all areas
    and the census rows by area (built once, before the worker processes fork)."""

    def __init__(self, tables: Tables | None = None):
        self.tables = tables or Tables.load()
        census = self.tables.census
        self.start, self.end = comparable_census_years(census)
        self.panel = CensusPanel.build(census, self.start, self.end)
        self.by_area = {code: rows for code, rows in census.groupby("area_code", sort=False)}
        # the rows peer groups are resolved from (municipalities(): newest SSDSE-A totals)
        directory = municipalities(census)
        self.directory = census[census["area_code"].isin(directory["area_code"])
                                & (census["dataset"] == "SSDSE-A")
                                & (census["industry_code"] == "ALL")
                                & (census["census_year"] == census["census_year"].max())]
        self._prefecture: dict[tuple[str, str], pd.DataFrame] = {}
        gn = self.tables.guest_nights
        self.guest_nights = {pref: gn[gn["area_code"].isin(tourism_areas(pref + "000"))]
                             for pref in {c[:2] for c in self.panel.areas}}

    def codes(self) -> list[str]:
        """Every municipality of the newest census year and 東京都区部."""
        return list(self.panel.areas)

    def census_of(self, codes) -> pd.DataFrame:
        """The census rows of ``codes`` (with the 23 wards where 13100 is among them)."""
        wanted = list(dict.fromkeys(codes))
        if TOKYO_WARDS_CODE in wanted:
            wanted += [c for c in TOKYO_WARDS if c not in wanted]
        parts = [self.by_area[c] for c in wanted if c in self.by_area]
        return pd.concat(parts, ignore_index=True)

    def per_prefecture(self, code: str, key: str, compute) -> pd.DataFrame:
        """An output that depends only on the focus's prefecture (the guest nights:
        published by prefecture), computed once per prefecture and ``key``."""
        pref = tourism_areas(code)[1]
        if (pref, key) not in self._prefecture:
            self._prefecture[(pref, key)] = compute()
        return self._prefecture[(pref, key)]

    def outputs(self, code: str) -> dict[str, object]:
        """Every table, chart input and finding of ``code``'s report (name -> output)."""
        group = peer_group(resolve_focus(self.directory, code), self.directory,
                           self.tables.population, core_cities=self.tables.core_cities)
        census = self.census_of(group.codes)
        # the same tables, limited to the rows this focus's outputs read
        t = replace(self.tables, census=census,
                    guest_nights=self.guest_nights[tourism_areas(group.focus.code)[1]])
        out: dict[str, object] = {}
        for m in ("employees", "establishments"):
            out[f"change_{m}"] = peer_change(census, group, self.start, self.end, measure=m,
                                             panel=self.panel)
        for y in (self.start, self.end):
            out[f"shares_{y}"] = peer_shares(census, group, y, panel=self.panel)
            for base in ("nation", "group"):
                out[f"lq_{base}_{y}"] = self.panel.peer_location_quotients(group, y, base)
        out["shift_share"] = self.panel.shift_share_summary(group)
        out["census_rows"] = census[census["area_code"] == code]
        if stations_of(group.focus.code):
            out["stations"] = station_series(t.ridership, focus=group.focus.code)
        out["guest_nights"] = self.per_prefecture(
            group.focus.code, "chart", lambda: guest_nights_annual(
                t.guest_nights, tourism_areas(group.focus.code)))
        items = findings(group, t, panel=self.panel)
        for lang in ("ja", "en"):
            out[f"census_summary_{lang}"] = census_summary(census, group, lang).frame
            out[f"peer_comparison_{lang}"] = peer_comparison(census, group, lang,
                                                             panel=self.panel).frame
            out[f"members_{lang}"] = peer_members(group, t.population, lang)
            if stations_of(group.focus.code):
                out[f"ridership_{lang}"] = ridership_table(t.ridership, group, lang).frame
            out[f"guest_nights_{lang}"] = self.per_prefecture(
                group.focus.code, lang,
                lambda lang=lang: guest_nights_table(t.guest_nights, group, lang).frame)
            table = findings_table(group, lang, tables=t, panel=self.panel, items=items)
            out[f"findings_{lang}"] = table
            out[f"findings_html_{lang}"] = findings_section_html(table, lang)
        return out


def problems(code: str, outputs: dict[str, object]) -> list[str]:
    """What is wrong with one focus's outputs (empty: nothing)."""
    found = []
    plan = has_plan(code)
    for name, value in outputs.items():
        if isinstance(value, str):
            texts = [value]
        else:
            frame = value
            for col in frame.columns:
                values = frame[col]
                if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(
                        values):
                    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
                    if np.isinf(numbers.to_numpy()).any():
                        found.append(f"{name}: ±inf in column {col!r}")
            for rank_col, value_col in (("rank_in_group", "change_pct"),
                                        ("rank_in_group", "share_pct"),
                                        ("rank_designated", "share_pct")):
                if {rank_col, value_col} <= set(frame.columns):
                    ranked = frame[frame[rank_col].notna()]
                    bad = ranked[ranked[value_col].isna()
                                 | ((value_col == "share_pct") & (ranked[value_col] <= 0))]
                    if len(bad):
                        found.append(f"{name}: {len(bad)} rank(s) of a missing or zero "
                                     f"{value_col}")
            texts = []
            if name.startswith("findings_"):
                texts = [str(v) for v in frame["text"]] + [str(v) for v in frame["note"]]
        for text in texts:
            if _BAD_WORDS.search(text):
                found.append(f"{name}: shows {_BAD_WORDS.search(text).group(0)!r}: {text[:80]}")
            if not plan:
                hit = [f for f in PLAN_FIGURES if f in text]
                if hit:
                    found.append(f"{name}: Kawasaki's plan figure {hit[0]} in {text[:80]}")
    return list(dict.fromkeys(found))


_SWEEP: Sweep | None = None


def _check(code: str) -> list[Failure]:
    try:
        return [Failure(code, p) for p in problems(code, _SWEEP.outputs(code))]
    except Exception as exc:  # the sweep reports every failure, it does not stop at one
        tail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return [Failure(code, f"raised {tail}")]


def run(codes: list[str] | None = None, *, jobs: int = 1, sweep: Sweep | None = None,
        progress=None) -> list[Failure]:
    """Check ``codes`` (default: all); returns the failures. ``jobs`` > 1 forks worker
    processes that share the loaded tables."""
    global _SWEEP
    _SWEEP = sweep or Sweep()
    codes = codes or _SWEEP.codes()
    failures: list[Failure] = []
    if jobs > 1 and len(codes) > 1:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs) as pool:
            for i, result in enumerate(pool.imap_unordered(_check, codes, chunksize=8), 1):
                failures += result
                if progress and i % 200 == 0:
                    progress(f"sweep: {i}/{len(codes)}")
    else:
        for i, code in enumerate(codes, 1):
            failures += _check(code)
            if progress and i % 200 == 0:
                progress(f"sweep: {i}/{len(codes)}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kawasaki_econ.report.sweep",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("codes", nargs="*", help="5-digit codes (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--sample", type=int, default=0,
                        help="every N-th municipality only (0: all)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    sweep = Sweep()
    codes = args.codes or sweep.codes()
    if args.sample:
        codes = codes[::args.sample]
    setup = time.perf_counter() - t0
    failures = run(codes, jobs=args.jobs, sweep=sweep,
                   progress=lambda m: print(m, file=sys.stderr, flush=True))
    total = time.perf_counter() - t0
    for f in failures:
        print(f"FAIL {f.code}: {f.problem}")
    failed = len({f.code for f in failures})
    print(f"sweep: {len(codes)} focus(es), {failed} failed, {args.jobs} job(s), "
          f"{total:.1f} s (setup {setup:.1f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
