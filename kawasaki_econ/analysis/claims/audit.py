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
    """The verdict on one claim: the registry's fields and what the check found.

    Parameters
    ----------
    id, section, page, statement_ja, label_ja, label_en : str
        The claim's fields (:class:`~kawasaki_econ.analysis.claims.Claim`).
    claimed : object
        The plan's value (a number or a dict of them).
    computed : object
        The data's value (plain Python numbers, or None when there is none).
    unit : str
        Unit of ``claimed``.
    status : str
        One of :data:`~kawasaki_econ.analysis.claims.STATUSES`.
    note : str
        The same as ``detail_en`` (kept for older readers).
    sources : list of str
        The raw sources of the data's value.
    tolerance : str
        Every band declared for the claim in words, and the plan's wording.
    tolerance_ja : str, default ''
        The bands in Japanese.
    unit_ja, unit_en : str, default ''
        Unit of ``claimed`` in Japanese and English.
    status_note_ja, status_note_en : str, default ''
        Set when the two readings of a ranking disagree, naming the one that does not
        confirm.
    justification, justification_ja : str, default ''
        Why those bands, in English and Japanese.
    detail_ja, detail_en : str, default ''
        The explanation.
    shown_ja, shown_en : str, default ''
        The data's value in words.
    claimed_ja, claimed_en : str, default ''
        The plan's value in words, where the registry gives it.
    comparison_set : str, optional
        Key of :data:`~kawasaki_econ.analysis.claims.COMPARISON_SETS` where a ranking
        was used.
    alternative_ja, alternative_en : str, default ''
        The reading on the other comparison set.
    arithmetic : {'consistent', 'inconsistent'}, optional
        The verdict on the plan's own arithmetic, where the registry declares one.
    arithmetic_note : str, default ''
        The expression and its value.
    bands_applied : list of str, default []
        The bands the verdict applied, in words.
    tolerances : list of dict, default []
        The declared bands as records: ``role``, ``kind``, ``band``, ``unit``,
        ``justification``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> results = audit(load_registry()[:2])
    >>> [(r.id, r.status, r.computed) for r in results]
    [('ch2-establishments-2016', 'confirmed_other_vintage', 40934),
     ('ch2-employees-2016', 'confirmed_other_vintage', 543812)]
    """

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
        """Return the fields as a dict (for JSON).

        Returns
        -------
        dict
            Field name -> value (lists and dicts copied).

        Examples
        --------
        >>> from kawasaki_econ.analysis.claims import audit, load_registry
        >>> results = audit(load_registry()[:2])
        >>> results[0].to_dict()["claimed"]
        41028
        """
        return asdict(self)


def load_registry(path: Path = REGISTRY) -> list[Claim]:
    """Read the claims registry and check that every check it names exists.

    Parameters
    ----------
    path : pathlib.Path, default REGISTRY
        The registry file (``analysis/claims.toml``).

    Returns
    -------
    list of Claim
        The claims, in the order of the file.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        For a malformed registry (:func:`~.registry.read_registry` lists every
        problem) or a check name not in :data:`~kawasaki_econ.analysis.claims.CHECKS`.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import load_registry
    >>> claims = load_registry()
    >>> claims[0].id, claims[0].check
    ('ch2-establishments-2016', 'census_total')
    """
    claims = read_registry(path)
    unknown = sorted({c.check for c in claims if c.check not in CHECKS})
    if unknown:
        raise KawasakiEconError(f"{path}: unknown checks {unknown}")
    return claims


_ARITH_NAMES = {"date": dt.date, "era": parse_era_year}


def check_arithmetic(spec: dict) -> tuple[str, str]:
    """Evaluate the plan's own arithmetic, as the registry declares it.

    The expression is evaluated without builtins; only numbers, ``date`` (``datetime.date``)
    and ``era`` (:func:`kawasaki_econ.parse.parse_era_year`, e.g. '平成28年') are known.

    Parameters
    ----------
    spec : dict
        ``expression`` (str), ``expected`` (a number, or a list of numbers for a tuple
        expression) and optional ``tolerance`` (default 0, in the expression's unit).

    Returns
    -------
    tuple of str
        ``'consistent'`` or ``'inconsistent'``, and the expression with its value
        (3 decimals, trailing zeros dropped).

    Raises
    ------
    KeyError
        If ``spec`` has no ``expression`` or ``expected``.
    SyntaxError, NameError
        For an expression that does not parse or uses a name other than ``date`` and
        ``era``.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import check_arithmetic
    >>> check_arithmetic({"expression": "1588 / (41028 + 1588) * 100",
    ...                   "expected": 3.7, "tolerance": 0.05})
    ('consistent', '1588 / (41028 + 1588) * 100 = 3.726')
    """
    value = eval(spec["expression"], {"__builtins__": {}}, dict(_ARITH_NAMES))  # noqa: S307
    values = list(value) if isinstance(value, tuple) else [value]
    expected = spec["expected"] if isinstance(spec["expected"], list) else [spec["expected"]]
    ok = len(values) == len(expected) and all(
        abs(v - e) <= spec.get("tolerance", 0) for v, e in zip(values, expected, strict=True))
    shown = ", ".join(f"{v:.3f}".rstrip("0").rstrip(".") for v in values)
    return ("consistent" if ok else "inconsistent"), f"{spec['expression']} = {shown}"


#: The fields of a :class:`~.registry.Claim` that hold declared bands.
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
    """Run the check of one claim, refusing an invalid verdict.

    Parameters
    ----------
    claim : Claim
        The claim (its ``check`` names the function in
        :data:`~kawasaki_econ.analysis.claims.CHECKS`).
    data : Data
        The processed tables.

    Returns
    -------
    CheckOutcome
        What the check found.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If the check returns a status not in
        :data:`~kawasaki_econ.analysis.claims.STATUSES` or applied a band the registry
        does not declare for the claim.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.audit import run_check
    >>> run_check(load_registry()[0], Data()).status
    'confirmed_other_vintage'
    """
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
    """Run the checks of the registry's claims against the processed tables.

    A claim is never confirmed by the plan's own numbers: its internal arithmetic is
    checked apart (``arithmetic``).

    Parameters
    ----------
    claims : list of Claim, optional
        The claims to check (default: the whole registry, :func:`load_registry`).
    data : Data, optional
        The processed tables (default: this checkout's, loaded on first use).

    Returns
    -------
    list of ClaimResult
        One verdict per claim, in the order of ``claims``.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        For a malformed registry, or a check returning an invalid status or applying an
        undeclared band.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import audit, load_registry
    >>> results = audit(load_registry()[:2])
    >>> results[0].status, results[0].claimed, results[0].computed
    ('confirmed_other_vintage', 41028, 40934)
    """
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
