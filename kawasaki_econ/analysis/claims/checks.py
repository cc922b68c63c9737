"""The registry's check names -> check functions (each ``(Claim, Data) -> CheckOutcome``)."""

from __future__ import annotations

from collections.abc import Callable

from .census_checks import check_census_change, check_census_total
from .outcome import CheckOutcome, Data
from .plan_checks import (
    check_kpi_reached,
    check_no_shipped_source,
    check_plan_arithmetic_only,
    check_target_change,
)
from .rank_checks import (
    check_employee_trend_rank,
    check_industry_share_rank,
    check_national_share_rank,
)
from .registry import Claim
from .transport_checks import check_haneda_international, check_station_growth

#: The registry's check names (a claim's ``check``) -> check functions.
CHECKS: dict[str, Callable[[Claim, Data], CheckOutcome]] = {
    "census_total": check_census_total,
    "census_change": check_census_change,
    "employee_trend_rank": check_employee_trend_rank,
    "industry_share_rank": check_industry_share_rank,
    "station_growth": check_station_growth,
    "haneda_international": check_haneda_international,
    "national_share_rank": check_national_share_rank,
    "target_change": check_target_change,
    "kpi_reached": check_kpi_reached,
    "plan_arithmetic_only": check_plan_arithmetic_only,
    "no_shipped_source": check_no_shipped_source,
}

#: Modules holding check code (scanned by the tolerance test for hidden bands).
CHECK_MODULES = ("census_checks", "rank_checks", "transport_checks", "plan_checks",
                 "haneda", "census_basis")
