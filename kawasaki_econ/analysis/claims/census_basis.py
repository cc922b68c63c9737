"""Which basis is the plan's 2016 establishment count on? SSDSE-A ``C2108`` excludes
establishments whose business is unknown (事業内容等不詳); the national 速報 figure
includes them. The national figures of both bases and both releases, held in the census
table, tell how far apart the two readings of Kawasaki's figure would be."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..areas import NATION_CODE
from ..compare import select
from .numfmt import num, pct
from .registry import Claim

#: How the transcribed national rows name the basis that includes unknown-business
#: establishments (industry_name_ja of census_other_sources.csv).
INCLUDES_UNKNOWN = "事業内容等不詳を含む"
#: The A–R total of SSDSE-E (C2108), the same definition as SSDSE-A's municipal C2108.
A_TO_R = "A〜R"


@dataclass(frozen=True)
class BasisEvidence:
    """National figures (establishments, 2016) and what they imply for the plan's figure.

    Parameters
    ----------
    municipal_sum : int
        The sum of all municipalities' SSDSE-A figures (C2108) of the claim's scope.
    final_a_to_r : int
        The national final (確報) figure of divisions A–R (excluding establishments of
        unknown business).
    final_incl_unknown : int
        The national final figure including establishments of unknown business.
    preliminary : int
        The national preliminary (速報) figure (including unknown business).
    revision_pct : float
        Preliminary → final, both including unknown business (%).
    basis_gap_pct : float
        Final including → excluding unknown business (%), negative.
    plan_vs_data_pct : float
        The data (C2108 final) against the plan's figure (%).
    if_incl_unknown_pct : float
        The difference expected (%) if the plan's figure included them.
    en, ja : str
        The reasoning in English and Japanese.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.census_basis import basis_evidence
    >>> claim = load_registry()[0]  # 2016 establishments, 41,028 (速報)
    >>> evidence = basis_evidence(Data().census, claim, 40934)
    >>> evidence.preliminary, evidence.final_incl_unknown, evidence.final_a_to_r
    (5622000, 5578975, 5340783)
    """

    municipal_sum: int
    final_a_to_r: int
    final_incl_unknown: int
    preliminary: int
    revision_pct: float
    basis_gap_pct: float
    plan_vs_data_pct: float
    if_incl_unknown_pct: float
    en: str
    ja: str


def _one(rows: pd.DataFrame, what: str) -> int:
    if len(rows) != 1:
        raise LookupError(f"expected one national 2016 row for {what}, found {len(rows)}")
    return int(rows["value"].iloc[0])


def basis_evidence(census: pd.DataFrame, claim: Claim, value: int) -> BasisEvidence:
    """Return the national evidence on the basis of a 2016 establishment count.

    Parameters
    ----------
    census : pandas.DataFrame
        The processed ``census`` table (its transcribed national 2016 rows).
    claim : Claim
        The claim (``params``: ``year``, ``measure``, ``scope``; ``claimed``: the
        plan's count).
    value : int
        The data's count for the claim (SSDSE-A C2108, final).

    Returns
    -------
    BasisEvidence
        The national figures, the implied differences (%) and the reasoning in words.

    Raises
    ------
    LookupError
        If the census table lacks exactly one national 2016 row of a figure needed.

    Examples
    --------
    >>> from kawasaki_econ.analysis.claims import Data, load_registry
    >>> from kawasaki_econ.analysis.claims.census_basis import basis_evidence
    >>> evidence = basis_evidence(Data().census, load_registry()[0], 40934)
    >>> round(evidence.plan_vs_data_pct, 2), round(evidence.if_incl_unknown_pct, 1)
    (-0.23, -5.0)
    """
    p = claim.params
    year, measure = p["year"], p["measure"]
    nat = census[(census["area_code"] == NATION_CODE) & (census["census_year"] == year)
                 & (census["measure"] == measure) & (census["industry_code"] == "ALL")
                 & (census["dataset"] == "transcribed")]
    names = nat["industry_name_ja"].astype(str)
    incl = _one(nat[names.str.contains(INCLUDES_UNKNOWN) & (nat["status"] == "final")],
                "final incl. unknown business")
    a_to_r = _one(nat[names.str.contains(A_TO_R) & (nat["status"] == "final")], "final A–R")
    prelim = _one(nat[nat["status"] == "preliminary"], "preliminary")
    muni = select(census, measure=measure, years=(year,))
    muni_sum = int(muni.loc[muni["scope"] == p["scope"], "value"].sum())
    revision = (incl / prelim - 1) * 100
    gap = (a_to_r / incl - 1) * 100
    plan_vs = (value / claim.claimed - 1) * 100
    expected = ((1 + revision / 100) * (1 + gap / 100) - 1) * 100
    en = (f"Basis: C2108 excludes establishments whose business is unknown (national sum "
          f"{num(muni_sum)} ≈ the A–R final {num(a_to_r)}, not the {num(incl)} that includes "
          f"them); nationally the preliminary {num(prelim)} includes them and was revised by "
          f"{pct(revision, 2)}. Had the plan's {num(claim.claimed)} included them, the C2108 "
          f"figure would be about {pct(expected, 1)} below it (revision and the national "
          f"{pct(gap, 1)} basis gap); it is {pct(plan_vs, 2)}. So the plan's figure is on the "
          f"C2108 basis (excluding unknown business) unless Kawasaki's share of such "
          f"establishments is far below the national one — the data hold no municipal count "
          f"of them, so this is an inference, not a match")
    ja = (f"集計範囲：C2108は事業内容等不詳の事業所を含まない（全国の市区町村合計 {num(muni_sum)} は"
          f"A〜R確報 {num(a_to_r)} とほぼ一致し、不詳を含む {num(incl)} とは異なる）。全国の速報 "
          f"{num(prelim)} は不詳を含み、確報への改定は {pct(revision, 2)}。計画の {num(claim.claimed)} "
          f"が不詳を含む値なら、C2108の値はそれより約 {pct(expected, 1)}（改定分と全国の範囲差 "
          f"{pct(gap, 1)}）小さいはずだが、実際は {pct(plan_vs, 2)}。したがって計画の値はC2108と"
          f"同じ範囲（不詳を除く）と判断できる。ただし川崎市の不詳の事業所数はデータになく、"
          f"市の不詳の割合が全国より大幅に低い場合は区別できない（推論であり一致の確認ではない）")
    return BasisEvidence(muni_sum, a_to_r, incl, prelim, revision, gap, plan_vs, expected, en, ja)
