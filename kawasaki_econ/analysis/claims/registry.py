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

#: The claims registry file, ``kawasaki_econ/analysis/claims.toml``.
REGISTRY = Path(__file__).resolve().parent.parent / "claims.toml"

#: Every status, in report order. The first four are verdicts on evidence;
#: ``plan_statement`` marks the plan's own decisions and internal arithmetic.
STATUSES = ("confirmed", "confirmed_other_vintage", "contradicted", "unverifiable",
            "plan_statement")
#: The verdicts on evidence (all statuses but ``plan_statement``).
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

#: The kinds of :class:`Tolerance`.
TOLERANCE_KINDS = ("exact", "absolute", "relative", "rank", "rank_share", "none")
_FLOAT_SLACK = 1e-9  # float noise only: 3.7 - 3.65 must equal 0.05


@dataclass(frozen=True)
class Tolerance:
    """A declared acceptance band: the only way a check may accept a difference.

    Parameters
    ----------
    kind : {'exact', 'absolute', 'relative', 'rank', 'rank_share', 'none'}
        ``exact`` (band 0), ``absolute`` (``|difference| <= band``, in ``unit``),
        ``relative`` (``|difference| <= band``, in % of the claimed value), ``rank``
        (rank <= band), ``rank_share`` (rank / n <= band, in % of the ranked set),
        ``none`` (no external data can be compared: plan statements and claims without
        a shipped source).
    justification, justification_ja : str
        Why this band, in English and Japanese (both required by the registry).
    band : float, optional
        The band, in ``unit``; None only for kind ``none``.
    unit, unit_ja : str, default ''
        The band's unit in English and Japanese (e.g. 'percentage points' /
        'ポイント').

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import load_registry
    >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-2016"]
    >>> claim.tolerance.kind, claim.vintage_tolerance.kind, claim.vintage_tolerance.band
    ('exact', 'relative', 1.0)
    """

    kind: str
    justification: str
    justification_ja: str
    band: float | None = None
    unit: str = ""
    unit_ja: str = ""

    def accepts(self, x: float) -> bool:
        """Tell whether a difference, rank or rank share is inside the band.

        Parameters
        ----------
        x : float
            A difference (data − plan, in ``unit``; in % of the claimed value for kind
            ``relative``), or a rank (kind ``rank``) or rank share in % (kind
            ``rank_share``).

        Returns
        -------
        bool
            ``|x| <= band`` (``x <= band`` for the rank kinds), with a slack of 1e-9
            for float noise only.

        Raises
        ------
        kawasaki_econ.errors.KawasakiEconError
            For a tolerance without a band (kind ``none``).

        Examples
        --------
        >>> from kawasaki_econ.analysis.claims import load_registry
        >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-2016"]
        >>> band = claim.vintage_tolerance
        >>> band.accepts(-0.23), band.accepts(-1.5)
        (True, False)
        """
        if self.band is None:
            raise KawasakiEconError(f"tolerance of kind {self.kind!r} has no band to apply")
        if self.kind in ("rank", "rank_share"):
            return x <= self.band + _FLOAT_SLACK
        return abs(x) <= self.band + _FLOAT_SLACK

    def describe(self, lang: str = "en") -> str:
        """Return the band in words.

        Parameters
        ----------
        lang : {'en', 'ja'}, default 'en'
            Language of the text.

        Returns
        -------
        str
            E.g. '±0.05 percentage points' / '±0.05 ポイント', 'rank 5 or better' /
            '5位以内', 'exact' / '完全一致'.

        Examples
        --------
        >>> from kawasaki_econ.analysis.claims import load_registry
        >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-2016"]
        >>> claim.vintage_tolerance.describe(), claim.vintage_tolerance.describe("ja")
        ('±1 % (relative)', '±1 %（相対差）')
        """
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
        """Return why this band, in one language.

        Parameters
        ----------
        lang : {'en', 'ja'}, default 'en'
            'ja': ``justification_ja``; any other value: ``justification``.

        Returns
        -------
        str
            The justification.

        Examples
        --------
        >>> from kawasaki_econ.analysis.claims import load_registry
        >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-2016"]
        >>> claim.tolerance.justify()
        'The plan writes the full count, so only an identical count reproduces it.'
        """
        return self.justification_ja if lang == "ja" else self.justification


@dataclass(frozen=True)
class Claim:
    """One statement of the plan, as the registry declares it.

    Parameters
    ----------
    id : str
        Unique id (e.g. 'ch2-establishments-2016').
    section, page : str
        Where in the plan (Japanese, e.g. '資料2 第2章 (p.2)').
    statement_ja : str
        The plan's sentence.
    label_ja, label_en : str
        A short label in Japanese and English.
    claimed : object
        The plan's value: a number, or a dict of them (e.g. ``change`` and
        ``pct_change``, ``start`` and ``end``, ``draft_target`` and ``target``).
    unit, unit_ja, unit_en : str
        Unit of ``claimed`` (e.g. '事業所' / 'establishments').
    wording : str
        How the plan words it (the precision its wording implies).
    tolerance : Tolerance
        The precision its wording implies.
    check : str
        The check run on it (a key of :data:`~kawasaki_econ.analysis.claims.CHECKS`).
    params : dict, default {}
        The check's parameters (area code, census or fiscal years, measure …).
    claimed_vintage : str, optional
        The release the plan names ('preliminary' = 速報, 'final' = 確報).
    pct_tolerance : Tolerance, optional
        For changes: the band of the stated percentage.
    vintage_tolerance : Tolerance, optional
        For census figures only: the band within which another release of the same
        statistic is accepted as ``confirmed_other_vintage``.
    claimed_ja, claimed_en : str, optional
        The plan's value in words, where the default formatting does not fit.
    arithmetic : dict, optional
        The plan's own arithmetic: ``expression``, ``expected`` and ``tolerance``
        (:func:`~kawasaki_econ.analysis.claims.check_arithmetic`).

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import load_registry
    >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-2016"]
    >>> claim.claimed, claim.unit_en, claim.check, claim.claimed_vintage
    (41028, 'establishments', 'census_total', 'preliminary')
    """

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
        """Return the bands the registry declares for this claim.

        Returns
        -------
        tuple of Tolerance
            ``tolerance``, then ``pct_tolerance`` and ``vintage_tolerance`` where
            declared: the only bands a check may apply.

        Examples
        --------
        >>> from kawasaki_econ.analysis.claims import load_registry
        >>> claim = {c.id: c for c in load_registry()}["ch2-establishments-2016"]
        >>> [band.kind for band in claim.declared_bands()]
        ['exact', 'relative']
        """
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
    """Parse the claims registry (TOML) into claims.

    Every problem of the file is reported at once. :func:`load_registry` also checks
    that each claim's check exists.

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
        Naming the claim (number and id) and the field, for a malformed claim, a
        tolerance that is not a table, of an unknown kind, with a band its kind does
        not take (or without one it needs), an exact tolerance with a band other than 0,
        a tolerance without a justification in both languages, or a duplicated id.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims.registry import read_registry
    >>> read_registry()[0].id
    'ch2-establishments-2016'
    """
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
