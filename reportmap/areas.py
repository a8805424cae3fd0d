"""Area arithmetic: the report's shares applied to official areas.

Every result is a `Range`, because the report's wording is ("more than 80%" is not 80).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportmap.keyed import Keyed
from reportmap.records import ZERO, Bound, OfficialAreas, Range, Report, StatedTotal

# "Roughly N%" is taken as consistent with a computed range that comes within this many
# percentage points of N.
ROUGHLY_POINTS = 1.0


def region_share(report: Report, region_id: str) -> Range:
    """The range of the statement that names the region, in percent (0 where none does).

    A statement naming two regions gives its range for the two together: on the page a region's
    own figure is its measured share, never this; here it only feeds the sums below.
    """
    statement = report.statement_for_region(region_id)
    return statement.share if statement else ZERO


def region_km2(report: Report, areas: OfficialAreas, region_id: str) -> Range:
    """A region's part of its statement's km² (the range on its official area); added up per
    statement, it is the range applied to the regions' combined area. Not shown on its own."""
    return region_share(report, region_id).scaled(areas.km2(region_id))


def controlled_km2(report: Report, areas: OfficialAreas, statement_ids: Iterable[str]) -> Range:
    """Total km² under Russian control in the regions the given statements name."""
    total = ZERO
    for statement_id in statement_ids:
        for region_id in report.statement(statement_id).regions:
            total = total + region_km2(report, areas, region_id)
    return total


def share_of_ukraine(km2: Range, areas: OfficialAreas) -> Range:
    return Range(100 * km2.low / areas.total_km2, 100 * km2.high / areas.total_km2)


def kursk_share(report: Report, areas: OfficialAreas) -> float:
    """Percent of Kursk oblast that the report's ~650 km² amounts to."""
    return 0.0 if report.kursk is None else 100 * report.kursk.km2 / areas.kursk_km2


class Consistency(Keyed):
    """A stated total against the total the report's own figures give: decided here only (`_agrees`)."""

    CONSISTENT = "consistent", "verdict_consistent"
    INCONSISTENT = "inconsistent", "verdict_inconsistent"


@dataclass(frozen=True)
class Reconciled:
    """A total as the report states it, beside ours, with a one-word verdict."""

    stated: StatedTotal
    computed: Range
    consistency: Consistency


def _agrees(stated: StatedTotal, computed: Range) -> Consistency:
    """The one place that decides whether a stated total agrees with the report's own figures."""
    if stated.bound is Bound.OVER:
        agrees = computed.low > stated.value
    else:
        agrees = computed.low - ROUGHLY_POINTS <= stated.value <= computed.high + ROUGHLY_POINTS
    return Consistency.CONSISTENT if agrees else Consistency.INCONSISTENT


def reconcile_area(report: Report, areas: OfficialAreas) -> Reconciled:
    """The report's "over 100,000 km²" against the km² its own per-region figures give."""
    computed = controlled_km2(report, areas, report.stated_area.statements)
    return Reconciled(report.stated_area, computed, _agrees(report.stated_area, computed))


def reconcile_share(report: Report, areas: OfficialAreas) -> Reconciled:
    """The report's "roughly 18%" against the share its per-region figures give."""
    computed = share_of_ukraine(
        controlled_km2(report, areas, report.stated_share.statements), areas
    )
    return Reconciled(report.stated_share, computed, _agrees(report.stated_share, computed))
