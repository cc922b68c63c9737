"""The claims registry (``analysis/claims.toml``): claims, their declared tolerances, the
statuses and the comparison sets — each rule written here once.

A :class:`Tolerance` is the only way a check may accept a difference: every band a check
uses is read from the registry through one, and the check reports the objects it used
(``CheckOutcome.bands``), so a test can assert that no check applies an undeclared band.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import KawasakiEconError

REGISTRY = Path(__file__).resolve().parent.parent / "claims.toml"

#: Every status, in report order. The first four are verdicts on evidence;
#: ``plan_statement`` marks the plan's own decisions and internal arithmetic.
STATUSES = ("confirmed", "confirmed_other_vintage", "contradicted", "unverifiable",
            "plan_statement")
EVIDENCE_STATUSES = STATUSES[:4]

#: Status labels per report language (the one map; charts and reports import it).
STATUS_LABELS: dict[str, dict[str, str]] = {
    "ja": {"confirmed": "確認", "confirmed_other_vintage": "別の公表版で確認",
           "contradicted": "不一致", "unverifiable": "検証不能",
           "plan_statement": "計画内の記述"},
    "en": {"confirmed": "confirmed", "confirmed_other_vintage": "confirmed (other release)",
           "contradicted": "contradicted", "unverifiable": "unverifiable",
           "plan_statement": "plan statement"},
}

#: Comparison sets a share or rank claim can be read against: key -> label per language.
COMPARISON_SETS: dict[str, dict[str, str]] = {
    "designated_cities": {"ja": "政令指定都市20市", "en": "the 20 designated cities"},
    "designated_cities_and_wards": {"ja": "政令指定都市20市＋東京都区部（21地域）",
                                    "en": "the 20 designated cities + 東京都区部 (21 areas)"},
    "municipalities": {"ja": "全国の市区町村（SSDSE-A）",
                       "en": "all municipalities (SSDSE-A)"},
}

TOLERANCE_KINDS = ("exact", "absolute", "relative", "rank", "rank_share", "none")
_FLOAT_SLACK = 1e-9  # float noise only: 3.7 - 3.65 must equal 0.05


@dataclass(frozen=True)
class Tolerance:
    """A declared acceptance band.

    ``kind``: ``exact`` (band 0), ``absolute`` (``|difference| <= band``, in ``unit``),
    ``relative`` (``|difference| <= band``, in % of the claimed value), ``rank`` (rank <= band),
    ``rank_share`` (rank / n <= band, in % of the ranked set), ``none`` (no external data
    can be compared: plan statements and claims without a shipped source).
    """

    kind: str
    justification: str
    justification_ja: str
    band: float | None = None
    unit: str = ""
    unit_ja: str = ""

    def accepts(self, x: float) -> bool:
        """Whether ``x`` (a difference, or a rank / rank share for the rank kinds) is
        inside the band."""
        if self.band is None:
            raise KawasakiEconError(f"tolerance of kind {self.kind!r} has no band to apply")
        if self.kind in ("rank", "rank_share"):
            return x <= self.band + _FLOAT_SLACK
        return abs(x) <= self.band + _FLOAT_SLACK

    def describe(self, lang: str = "en") -> str:
        """The band in words, e.g. '±0.05 percentage points' / '±0.05 ポイント'."""
        unit = self.unit_ja if lang == "ja" else self.unit
        band = "" if self.band is None else f"{self.band:,g}"
        text = {
            "exact": {"ja": "完全一致", "en": "exact"},
            "absolute": {"ja": f"±{band} {unit}", "en": f"±{band} {unit}"},
            "relative": {"ja": f"±{band} %（相対差）", "en": f"±{band} % (relative)"},
            "rank": {"ja": f"{band}位以内", "en": f"rank {band} or better"},
            "rank_share": {"ja": f"上位 {band} % 以内", "en": f"top {band} %"},
            "none": {"ja": "照合する外部データなし", "en": "no external data to compare"},
        }[self.kind][lang]
        return text.strip()

    def justify(self, lang: str = "en") -> str:
        return self.justification_ja if lang == "ja" else self.justification


@dataclass(frozen=True)
class Claim:
    """One statement of the plan. ``tolerance`` is the precision its wording implies;
    ``pct_tolerance`` (changes) the band of the stated percentage;
    ``vintage_tolerance`` (census figures only) the band within which another release of
    the same statistic is accepted as ``confirmed_other_vintage``."""

    id: str
    section: str
    page: str
    statement_ja: str
    label_ja: str
    label_en: str
    claimed: Any
    unit: str
    unit_ja: str
    unit_en: str
    wording: str
    tolerance: Tolerance
    check: str
    params: dict = field(default_factory=dict)
    claimed_vintage: str | None = None
    pct_tolerance: Tolerance | None = None
    vintage_tolerance: Tolerance | None = None
    claimed_ja: str | None = None
    claimed_en: str | None = None
    arithmetic: dict | None = None

    def declared_bands(self) -> tuple[Tolerance, ...]:
        return tuple(t for t in (self.tolerance, self.pct_tolerance, self.vintage_tolerance)
                     if t is not None)


def _tolerance(raw: Any, where: str) -> Tolerance:
    if not isinstance(raw, dict):
        raise KawasakiEconError(f"{where}: tolerance must be a table")
    try:
        tol = Tolerance(**raw)
    except TypeError as exc:
        raise KawasakiEconError(f"{where}: {exc}") from None
    if tol.kind not in TOLERANCE_KINDS:
        raise KawasakiEconError(f"{where}: unknown tolerance kind {tol.kind!r}")
    if (tol.band is None) != (tol.kind == "none"):
        need = "takes no band" if tol.kind == "none" else "needs a band"
        raise KawasakiEconError(f"{where}: kind {tol.kind!r} {need}")
    if tol.kind == "exact" and tol.band != 0:
        raise KawasakiEconError(f"{where}: an exact tolerance has band 0")
    if not (tol.justification.strip() and tol.justification_ja.strip()):
        raise KawasakiEconError(f"{where}: tolerance without a justification (en and ja)")
    return tol


def read_registry(path: Path = REGISTRY) -> list[Claim]:
    """Parse the registry; every problem of the file is reported at once."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    claims, problems = [], []
    for i, item in enumerate(data.get("claim", []), start=1):
        where = f"{path}: claim #{i} ({item.get('id', '?')})"
        try:
            item = dict(item)
            item["tolerance"] = _tolerance(item.get("tolerance"), where + " tolerance")
            for key in ("pct_tolerance", "vintage_tolerance"):
                if key in item:
                    item[key] = _tolerance(item[key], f"{where} {key}")
            claims.append(Claim(**item))
        except (KawasakiEconError, TypeError) as exc:
            problems.append(str(exc) if isinstance(exc, KawasakiEconError) else f"{where}: {exc}")
    ids = [c.id for c in claims]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        problems.append(f"{path}: duplicated claim ids {dup}")
    if problems:
        raise KawasakiEconError("invalid claims registry:\n" + "\n".join(problems[:50]))
    return claims
