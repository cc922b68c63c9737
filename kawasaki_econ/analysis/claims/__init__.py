"""Audit of every number the plan states, against the data.

The registry ``analysis/claims.toml`` lists each quantitative or comparative statement
of the plan with the precision its wording implies — a declared :class:`Tolerance` with
a one-line justification — and the check that tests it. :func:`audit` runs every check
and returns one :class:`ClaimResult` per claim with a ``status``:

- ``confirmed`` — the data reproduce the claim within its declared tolerance;
- ``confirmed_other_vintage`` — the plan names a release (e.g. 速報) and the data hold
  another release of the same statistic (確報) within the declared revision band;
- ``contradicted`` — comparable data disagree beyond the declared tolerance;
- ``unverifiable`` — no comparable data are shipped; the note says what is missing;
- ``plan_statement`` — the plan's own decision or arithmetic (targets, periods, its own
  procedure): no external data can confirm it; reported apart from the evidence.

Modules: ``registry`` (claims, tolerances, statuses, comparison sets), ``*_checks``
(the checks), ``audit`` (running them), ``display`` (tables for people).
"""

from .audit import ClaimResult, audit, check_arithmetic, load_registry
from .checks import CHECKS
from .display import (
    audit_table,
    claims_frame,
    format_table,
    results_from_frame,
    status_counts,
    summary_line,
)
from .outcome import CheckOutcome, Data
from .registry import (
    COMPARISON_SETS,
    EVIDENCE_STATUSES,
    REGISTRY,
    STATUS_LABELS,
    STATUSES,
    Claim,
    Tolerance,
)

__all__ = [
    "CHECKS", "COMPARISON_SETS", "EVIDENCE_STATUSES", "REGISTRY", "STATUSES", "STATUS_LABELS",
    "Claim", "ClaimResult", "Data", "CheckOutcome", "Tolerance", "audit", "audit_table",
    "check_arithmetic", "claims_frame", "format_table", "load_registry", "results_from_frame",
    "status_counts", "summary_line",
]
