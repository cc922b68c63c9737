"""Run the registry's checks: :func:`audit` returns one :class:`ClaimResult` per claim.

A claim is never confirmed by the plan's own numbers: the internal arithmetic of a claim
(e.g. 1,588 = 3.7 % of 41,028 + 1,588) is checked separately, in ``arithmetic``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ...errors import KawasakiEconError
from ...parse import parse_era_year
from .checks import CHECKS
from .outcome import CheckOutcome, Data
from .registry import REGISTRY, STATUSES, Claim, read_registry


@dataclass
class ClaimResult:
    """The verdict on one claim. ``note`` = ``detail_en`` (kept for older readers);
    ``tolerance`` / ``justification`` describe every band declared for the claim (in words;
    ``tolerances``: the same as records: role, kind, band, unit, justification);
    ``comparison_set``: key of ``COMPARISON_SETS`` where a ranking was used, the other
    reading in ``alternative_en`` / ``alternative_ja``."""

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
    tolerance_ja: str = ""
    unit_ja: str = ""
    unit_en: str = ""
    status_note_ja: str = ""
    status_note_en: str = ""
    justification: str = ""
    justification_ja: str = ""
    detail_ja: str = ""
    detail_en: str = ""
    shown_ja: str = ""
    shown_en: str = ""
    claimed_ja: str = ""
    claimed_en: str = ""
    comparison_set: str | None = None
    alternative_ja: str = ""
    alternative_en: str = ""
    arithmetic: str | None = None  # "consistent" / "inconsistent" / None
    arithmetic_note: str = ""
    bands_applied: list[str] = field(default_factory=list)
    tolerances: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def load_registry(path: Path = REGISTRY) -> list[Claim]:
    """Read the claims registry (TOML) and check that every check it names exists."""
    claims = read_registry(path)
    unknown = sorted({c.check for c in claims if c.check not in CHECKS})
    if unknown:
        raise KawasakiEconError(f"{path}: unknown checks {unknown}")
    return claims


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


BAND_ROLES = ("tolerance", "pct_tolerance", "vintage_tolerance")


def _declared(claim: Claim) -> list[dict]:
    """The declared bands as plain records (for JSON): role, kind, band, unit."""
    out = []
    for role in BAND_ROLES:
        tol = getattr(claim, role)
        if tol is not None:
            out.append({"role": role, "kind": tol.kind, "band": tol.band, "unit": tol.unit,
                        "justification": tol.justification})
    return out


def _bands_text(claim: Claim, lang: str) -> tuple[str, str]:
    names = {"tolerance": ("", ""), "pct_tolerance": ("percentage: ", "割合："),
             "vintage_tolerance": ("another release: ", "別の公表版：")}
    idx = 0 if lang == "en" else 1
    parts, why = [], []
    for key, (en, ja) in names.items():
        tol = getattr(claim, key)
        if tol is not None:
            label = (en, ja)[idx]
            parts.append(label + tol.describe(lang))
            why.append(label + tol.justify(lang))
    sep = "; " if lang == "en" else "；"
    return sep.join(parts), " / ".join(why)


def run_check(claim: Claim, data: Data) -> CheckOutcome:
    """One check; refuses an invalid status or a band the registry does not declare."""
    outcome = CHECKS[claim.check](claim, data)
    if outcome.status not in STATUSES:
        raise KawasakiEconError(f"claim {claim.id}: invalid status {outcome.status!r}")
    declared = claim.declared_bands()
    stray = [b for b in outcome.bands if not any(b is d for d in declared)]
    if stray:
        raise KawasakiEconError(f"claim {claim.id}: check {claim.check} applied a band the "
                                f"registry does not declare: {stray}")
    return outcome


def _plain(value: Any) -> Any:
    """numpy / pandas scalars → Python (for JSON)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


def audit(claims: list[Claim] | None = None, data: Data | None = None) -> list[ClaimResult]:
    """Run every check of the registry (or of ``claims``) against the processed tables."""
    claims = claims if claims is not None else load_registry()
    data = data or Data()
    results = []
    for claim in claims:
        out = run_check(claim, data)
        arith, arith_note = check_arithmetic(claim.arithmetic) if claim.arithmetic else (None, "")
        tol_en, why_en = _bands_text(claim, "en")
        tol_ja, why_ja = _bands_text(claim, "ja")
        results.append(ClaimResult(
            id=claim.id, section=claim.section, page=claim.page,
            statement_ja=claim.statement_ja, label_ja=claim.label_ja, label_en=claim.label_en,
            claimed=claim.claimed, computed=_plain(out.computed), unit=claim.unit,
            status=out.status, note=out.detail_en, sources=out.sources,
            tolerance=f"{tol_en} — {claim.wording}", tolerance_ja=tol_ja,
            justification=why_en, justification_ja=why_ja,
            detail_ja=out.detail_ja, detail_en=out.detail_en,
            shown_ja=out.shown_ja, shown_en=out.shown_en,
            claimed_ja=claim.claimed_ja or "", claimed_en=claim.claimed_en or "",
            comparison_set=out.comparison_set, alternative_ja=out.alternative_ja,
            alternative_en=out.alternative_en, unit_ja=claim.unit_ja, unit_en=claim.unit_en,
            status_note_ja=out.status_note_ja, status_note_en=out.status_note_en,
            arithmetic=arith, arithmetic_note=arith_note,
            bands_applied=[b.describe("en") for b in out.bands], tolerances=_declared(claim)))
    return results
