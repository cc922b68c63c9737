"""Chapter 2 analysis: trends, comparability guard, big-city comparisons, claims audit."""

from . import series  # noqa: F401  (chart data: analysis.series.station_series, …)
from .areas import DESIGNATED_CITIES, TOKYO_WARDS, with_aggregates, with_tokyo_wards
from .compare import (
    industry_shares,
    location_quotients,
    national_benchmark,
    rank_change,
    select,
)
from .guard import CAVEAT_2021, check_comparable
from .peers import (
    FocusError,
    Municipality,
    PeerGroup,
    comparable_census_years,
    peer_change,
    peer_group,
    peer_location_quotients,
    peer_shares,
    resolve_focus,
)
from .shiftshare import shift_share, shift_share_summary, with_unclassified
from .trends import cagr, change, index_to, year_on_year

__all__ = [
    "CAVEAT_2021", "DESIGNATED_CITIES", "TOKYO_WARDS", "cagr", "change", "check_comparable",
    "index_to", "industry_shares", "location_quotients", "national_benchmark", "rank_change",
    "select", "shift_share", "shift_share_summary", "with_aggregates", "with_tokyo_wards",
    "with_unclassified", "year_on_year",
    # peer groups (analysis.peers)
    "FocusError", "Municipality", "PeerGroup", "comparable_census_years", "peer_change",
    "peer_group", "peer_location_quotients", "peer_shares", "resolve_focus",
]  # fmt: skip
