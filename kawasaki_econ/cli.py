"""The ``kawasaki-econ`` command (also ``python -m kawasaki_econ``).

Exit codes: 0 ok, 1 data or validation error, 2 usage error. Progress goes to stderr.
Heavy libraries are imported inside the sub-commands that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

from .errors import DataWarning, KawasakiEconError
from .version import __version__


def _build(args: argparse.Namespace) -> int:
    from .build import build

    start = time.perf_counter()
    built = build(args.tables or None, force=args.force)
    if built:
        total = sum(built.values())
        print(f"built {len(built)} table(s), {total:,} rows in "
              f"{time.perf_counter() - start:.2f} s", file=sys.stderr)
    else:
        print("processed data up to date: nothing to build", file=sys.stderr)
    return 0


def _data_verify(args: argparse.Namespace) -> int:
    from .catalog import REGISTER_HINT, read_catalog, verify

    problems = verify()
    if problems:
        for problem in problems:
            print(problem)
        print(REGISTER_HINT, file=sys.stderr)
        return 1
    print(f"all {len(read_catalog())} raw files match the catalogue")
    return 0


def _data_list(args: argparse.Namespace) -> int:
    from .build import describe

    records = describe()
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    for rec in records:
        rows = "not built" if rec["rows"] is None else f"{rec['rows']:,} rows"
        state = "" if rec["fresh"] else " (stale: run `kawasaki-econ build`)"
        print(f"{rec['table']:14s} {rows:>14s}{state}")
        print(f"{'':14s} {rec['description']}")
        for src in rec["sources"]:
            print(f"{'':16s}- data/raw/{src}")
    return 0


def _data_register(args: argparse.Namespace) -> int:
    from .catalog import FIELDS, register

    meta = {k: getattr(args, k) for k in FIELDS[2:] if getattr(args, k, None)}
    entry = register(Path(args.file), meta)
    print(f"registered {entry.path} (sha256 {entry.sha256[:12]}…)")
    return 0


def _claims(args: argparse.Namespace) -> int:
    from .analysis.claims import audit, format_table, summary_line

    results = audit()
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=1))
        print(summary_line(results, args.lang), file=sys.stderr)
    else:
        print(format_table(results, args.lang))
    return 0


def _codes(text: str | None) -> list[str] | None:
    """``--peers 14100,27100`` → ['14100', '27100'] (None when not given)."""
    if not text:
        return None
    return [c.strip() for c in text.split(",") if c.strip()]


def _report(args: argparse.Namespace) -> int:
    from .report import notebook_paths, reproduce

    notebooks = None
    if args.notebooks:
        prefixes = tuple(_codes(args.notebooks) or ())
        notebooks = [p for p in notebook_paths() if p.name.startswith(prefixes)]
        if not notebooks:
            print(f"error: no notebook starts with {', '.join(prefixes)}", file=sys.stderr)
            return 2
    path = reproduce(args.focus, lang=args.lang, peers=_codes(args.peers),
                     out_dir=Path(args.out) if args.out else None, timeout=args.timeout,
                     notebooks=notebooks)
    print(f"report written: {path}")
    return 0


def _kpi_template(args: argparse.Namespace) -> int:
    from .commands.kpi_excel_template import write_template

    path = write_template(Path(args.file))
    print(f"template written: {path}")
    return 0


def _kpi_import(args: argparse.Namespace) -> int:
    from .commands.kpi_store import import_workbook

    res = import_workbook(Path(args.file))
    if res.duplicate_of:
        print(f"{Path(args.file).name} is already imported as {res.duplicate_of}: "
              "nothing changed")
        return 0
    for line in res.conversions:
        print(f"unit converted: {line}")
    for change in res.changes:
        print(f"changed (newest import wins): {change}")
    for line in res.shipped_differs:
        print(f"differs from the shipped data: {line}")
    print(f"imported {Path(args.file).name} as {res.name} ({res.file}): {res.rows} value(s) "
          f"and target(s), {len(res.added)} new, {len(res.changes)} changed; rebuilt the kpi "
          "table")
    return 0


def _kpi_list(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .commands.kpi_store import list_imports

    records = list_imports()
    if args.json:
        print(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=1))
        return 0
    if not records:
        print("no KPI workbook imported (kawasaki-econ kpi import FILE.xlsx)")
        return 0
    print(f"{'name':30s} {'imported':25s} {'years':13s} {'values':>6s} {'targets':>7s} "
          f"{'replaced':>8s}  indicators")
    for r in records:
        print(f"{r.name:30s} {r.imported:25s} {r.years:13s} {r.values:6d} {r.targets:7d} "
              f"{r.superseded:8d}  {', '.join(r.indicators)}")
    return 0


def _kpi_remove(args: argparse.Namespace) -> int:
    from .commands.kpi_store import remove_import

    res = remove_import(args.name)
    for change in res.changes:
        print(f"changed: {change}")
    print(f"removed {res.name} ({res.rows} value(s) and target(s)); rebuilt the kpi table")
    return 0


def _forecast(args: argparse.Namespace) -> int:
    if args.all:
        if (args.target is not None or args.by or args.direction or args.as_of or args.base
                or args.scenario_sd is not None):
            print("kawasaki-econ forecast: error: --all takes no --target/--by/--direction/"
                  "--as-of/--base/--scenario-sd", file=sys.stderr)
            return 2
        return _forecast_all(args)
    from .forecast.indicators import forecast_indicator

    extra = {} if args.scenario_sd is None else {"scenario_sd": args.scenario_sd}
    result = forecast_indicator(args.indicator, as_of=args.as_of, target=args.target,
                                by=args.by, direction=args.direction, base=args.base, **extra)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1, default=str))
    else:
        print(result.summary(lang=args.lang))
    return 0


def _forecast_all(args: argparse.Namespace) -> int:
    """Status board: every indicator × target (met / missed / P(meet) / no forecast)."""
    import math

    from .forecast.overview import board_lines, status_board

    board = status_board(lang=args.lang)
    records = [{k: (None if isinstance(v, float) and not math.isfinite(v) else v)
                for k, v in r.items()} for r in board.to_dict("records")]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1, default=str))
        return 0
    print("\n".join(board_lines(board, args.lang)))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kawasaki-econ",
        description="Regional economic analysis for Kawasaki City (かわさき産業振興プラン).",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build processed tables from data/raw (incremental)")
    b.add_argument("tables", nargs="*", help="tables to build (default: all)")
    b.add_argument("--force", action="store_true", help="rebuild even if up to date")
    b.set_defaults(func=_build)

    data = sub.add_parser("data", help="raw-data catalogue and processed tables")
    dsub = data.add_subparsers(dest="data_command", required=True)
    dsub.add_parser("verify", help="check every raw file against catalog.toml").set_defaults(
        func=_data_verify)
    dl = dsub.add_parser("list", help="processed tables, row counts and sources")
    dl.add_argument("--json", action="store_true")
    dl.set_defaults(func=_data_list)
    dr = dsub.add_parser("register", help="register a new raw file / release in catalog.toml")
    dr.add_argument("file", help="path of the file under data/raw/")
    for field in ("publisher", "origin", "retrieved", "release", "encoding", "format",
                  "license", "covers", "caveats"):
        dr.add_argument(f"--{field}", default="")
    dr.set_defaults(func=_data_register)

    c = sub.add_parser("claims", help="audit every number the plan states against the data")
    c.add_argument("--json", action="store_true",
                   help="print a JSON list (one object per claim; the summary goes to stderr)")
    c.add_argument("--lang", choices=("en", "ja"), default="en",
                   help="language of the listing and the summary line (default en)")
    c.set_defaults(func=_claims)

    r = sub.add_parser("report", help="execute notebooks, write figures, HTML and Excel report")
    r.add_argument("--focus", default="14130",
                   help="municipality: 5-digit code or name, e.g. 14100 or 横浜市 "
                   "(default 14130 川崎市)")
    r.add_argument("--lang", choices=("ja", "en"), default="ja", help="report language")
    r.add_argument("--out", default=None, help="output folder (default reports/<code>/ for ja, "
                   "reports/<code>-en/ for en)")
    r.add_argument("--peers", default=None,
                   help="comparison group as 5-digit codes, e.g. 14100,27100 (overrides "
                   "the group by type of municipality)")
    r.add_argument("--notebooks", default=None,
                   help="run only the notebooks whose names start with these prefixes, "
                   "e.g. 01,02 (default: all)")
    r.add_argument("--timeout", type=int, default=300, help="per-cell timeout, seconds")
    r.set_defaults(func=_report)

    k = sub.add_parser("kpi", help="analyst-supplied indicator history (Excel template)")
    ksub = k.add_subparsers(dest="kpi_command", required=True)
    kt = ksub.add_parser("template", help="write the Excel template")
    kt.add_argument("file")
    kt.set_defaults(func=_kpi_template)
    ki = ksub.add_parser("import", help="validate a filled template, register it, rebuild")
    ki.add_argument("file")
    ki.set_defaults(func=_kpi_import)
    kl = ksub.add_parser("list", help="the imported workbooks (newest last)")
    kl.add_argument("--json", action="store_true")
    kl.set_defaults(func=_kpi_list)
    kr = ksub.add_parser("remove", help="remove one import (see `kpi list`) and rebuild")
    kr.add_argument("name", help="import name, e.g. 0002_kpi_history")
    kr.set_defaults(func=_kpi_remove)

    f = sub.add_parser("forecast", help="probability that an indicator meets a target, or "
                       "the verdict for a passed target year; --all: status board")
    which = f.add_mutually_exclusive_group(required=True)
    which.add_argument("--indicator", help="indicator id (see the kpi table)")
    which.add_argument("--all", action="store_true",
                       help="status of every indicator × target: met / missed / P(meet) / no forecast")
    f.add_argument("--target", default=None,
                   help="target: a level in the indicator's unit (300000) or a change over a "
                   "base year (+40%% with --base FY2014); default: the kpi table's target")
    f.add_argument("--base", default=None,
                   help="base year of a relative target, e.g. FY2014: its observed value, or after "
                   "the last observation its value estimated on the same simulated paths")
    f.add_argument("--scenario-sd", dest="scenario_sd", type=float, default=None,
                   help="too few observations: show a scenario with this assumed per-year "
                   "spread (log scale, 0.1 ≈ 10 %%) instead of refusing; labelled a scenario")
    f.add_argument("--lang", choices=("ja", "en"), default="ja",
                   help="language of the answer (default ja)")
    f.add_argument("--by", default=None,
                   help="target year with its kind: FY2027 (April 2027 – March 2028) or CY2027; "
                   "a bare 2027 is refused as ambiguous, as in the KPI workbook")
    f.add_argument("--direction", choices=[">=", ">", "<=", "<"], default=None,
                   help="how the indicator must compare with the target (default >=)")
    f.add_argument("--as-of", dest="as_of", default=None, help="hindcast date, e.g. 2018-03")
    f.add_argument("--json", action="store_true")
    f.set_defaults(func=_forecast)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default", DataWarning)  # each message once
            warnings.showwarning = _show_warning
            return args.func(args)
    except KawasakiEconError as exc:  # in the command's --lang (English without one)
        print(f"error: {exc.text(getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return 1
    except OSError as exc:  # read-only directory, full disk, permissions, …
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: object = None, line: str | None = None) -> None:
    """Data warnings print as one 'warning:' line, without the code location."""
    if issubclass(category, DataWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


if __name__ == "__main__":
    raise SystemExit(main())
