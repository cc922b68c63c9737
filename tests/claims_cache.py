"""One run of the claims audit shared by the claims test modules (the audit reads the
whole census table several times; running it once per session keeps the suite fast)."""

from __future__ import annotations

import functools

from kawasaki_econ.analysis.claims import ClaimResult, audit


@functools.cache
def audit_once() -> tuple[ClaimResult, ...]:
    return tuple(audit())
