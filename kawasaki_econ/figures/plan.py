"""The plan's own statements (a claims registry: by default the package's
``analysis/claims.toml``, Kawasaki's plan), for marking them on charts. Only what the
plan *says* — never used as data. A report passes the focus's own registry
(``analysis.coverage.claims_registry``) or draws no plan marks at all."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from ..paths import PACKAGE_DIR

CLAIMS_FILE = PACKAGE_DIR / "analysis" / "claims.toml"


@functools.cache
def plan_claims(check: str | None = None, registry: Path | None = None) -> tuple[dict, ...]:
    """Claims of ``registry`` (default :data:`CLAIMS_FILE`): all, or those checked by
    ``check``; empty if the file is missing."""
    path = Path(registry) if registry is not None else CLAIMS_FILE
    if not path.exists():
        return ()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(c for c in data.get("claim", []) if check is None or c.get("check") == check)


def census_points(area: str | None = None) -> list[dict]:
    """The plan's census totals: area, year, measure, value, vintage."""
    out = []
    for claim in plan_claims("census_total"):
        params = claim.get("params", {})
        if not isinstance(claim.get("claimed"), int):
            continue
        if area is not None and params.get("area") != area:
            continue
        out.append({"id": claim["id"], "area": params.get("area"), "year": params.get("year"),
                    "measure": params.get("measure"), "value": claim["claimed"],
                    "vintage": claim.get("claimed_vintage")})
    return out


def station_growth_claims(registry: Path | None = None) -> list[dict]:
    """The plan's station growth statements: station, start, end, pct_change, text."""
    out = []
    for claim in plan_claims("station_growth", registry):
        params, claimed = claim.get("params", {}), claim.get("claimed", {})
        if isinstance(claimed, dict) and "pct_change" in claimed:
            out.append({"id": claim["id"], "station": params.get("station"),
                        "start": int(params.get("start")), "end": int(params.get("end")),
                        "pct_change": float(claimed["pct_change"]),
                        "statement_ja": claim.get("statement_ja", "")})
    return out


def haneda_claims(registry: Path | None = None) -> list[dict]:
    """The plan's Haneda international passenger figures: year, value (persons)."""
    out = []
    for claim in plan_claims("haneda_international", registry):
        params, claimed = claim.get("params", {}), claim.get("claimed", {})
        for key in ("start", "end"):
            if isinstance(claimed, dict) and key in claimed and key in params:
                out.append({"id": claim["id"], "year": int(params[key]),
                            "value": float(claimed[key])})
    return out
