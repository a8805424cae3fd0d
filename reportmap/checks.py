"""The report checked against the measurement: one verdict per statement and per total.

The rules are written here once, as numbers, and the Method page prints them from these
numbers. The report's words are never changed; a verdict stands beside them.

A statement the report makes for two regions together ("more than 80% of Donetsk and
Luhansk regions") is checked for the two together: their measured km² over their combined
area. Each region's own measured share is shown as its own figure, never the pair's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from reportmap.areas import ROUGHLY_POINTS, Reconciled, controlled_km2, reconcile_area, reconcile_share
from reportmap.measured import Measurement
from reportmap.records import ControlClass, OfficialAreas, Range, Report, StatedTotal, Statement
from reportmap.scenarios import Reading, Scenario, demanded_statements, pick, withdrawn_statements

# "Entire": the measured share may fall short of 100 by this many points, because DeepState's
# coastline is not Natural Earth's and leaves slivers of the shore uncovered.
ENTIRE_AT_LEAST = 98.0
# "Smaller parts" (no number): every region named has some occupied area, and the two together
# stay below half of the smallest figure the report does give ("around 70%").
SMALLER_PARTS_BELOW = 35.0


class Verdict(StrEnum):
    HOLDS = "holds"
    DOES_NOT_HOLD = "does-not-hold"


def _verdict(holds: bool) -> Verdict:
    return Verdict.HOLDS if holds else Verdict.DOES_NOT_HOLD


def statement_holds(statement: Statement, share: float, region_shares: dict[str, float]) -> bool:
    """Whether a measured share (the statement's regions together) bears out the statement.

    - "Entire": measured at least ENTIRE_AT_LEAST.
    - "More than N%": measured above N (the low end of our reading).
    - "Around N%": measured within our reading's range (N ± 5 points).
    - "Smaller parts": every region above 0, and together below SMALLER_PARTS_BELOW.
    """
    cls = statement.control_class
    if cls is ControlClass.ALL:
        return share >= ENTIRE_AT_LEAST
    if cls is ControlClass.MORE_THAN_80:
        return share > statement.share.low
    if cls is ControlClass.AROUND_70:
        return statement.share.contains(share)
    if cls is ControlClass.SMALLER_PARTS:
        return all(value > 0 for value in region_shares.values()) and share < SMALLER_PARTS_BELOW
    raise ValueError(f"no rule for the class {cls!r}")


def total_holds(stated: StatedTotal, measured: float) -> bool:
    """"Over N": measured above N. "Roughly N": measured within ROUGHLY_POINTS of N."""
    if stated.bound == "over":
        return measured > stated.value
    return abs(measured - stated.value) <= ROUGHLY_POINTS


@dataclass(frozen=True)
class StatementCheck:
    """One statement of the report beside what was measured for its regions, together."""

    statement: Statement  # as the report makes it (never a scenario's rewrite)
    date: dt.date
    km2: float
    area_km2: float
    region_shares: tuple[tuple[str, float], ...]
    verdict: Verdict

    @property
    def share(self) -> float:
        return 100 * self.km2 / self.area_km2

    @property
    def together(self) -> bool:
        """True when the report gives one figure for several regions."""
        return len(self.statement.regions) > 1


def check_statement(statement: Statement, measurement: Measurement) -> StatementCheck:
    regions = statement.regions
    region_shares = {region_id: measurement.share([region_id]) for region_id in regions}
    share = measurement.share(regions)
    return StatementCheck(statement, measurement.date, measurement.km2(regions), measurement.area(regions),
                          tuple(region_shares.items()), _verdict(statement_holds(statement, share, region_shares)))


@dataclass(frozen=True)
class TotalCheck:
    """A total as the report states it, ours from its own figures, and the measurement."""

    stated: StatedTotal
    computed: Range  # from the report's statements on official areas
    consistent: bool  # the stated total against `computed`
    measured: float  # over the regions the total covers, on `date`
    polygon: float  # the occupied polygon's own total (km², or % of Ukraine)
    date: dt.date
    verdict: Verdict  # the stated total against `measured`


def _total(reconciled: Reconciled, measured: float, polygon: float, date: dt.date) -> TotalCheck:
    return TotalCheck(reconciled.stated, reconciled.computed, reconciled.consistent, measured, polygon, date,
                      _verdict(total_holds(reconciled.stated, measured)))


@dataclass(frozen=True)
class ReportCheck:
    """Every statement and total of the report against one day's measurement."""

    date: dt.date
    statements: tuple[StatementCheck, ...]
    area: TotalCheck
    share: TotalCheck

    def for_region(self, region_id: str) -> StatementCheck | None:
        for check in self.statements:
            if region_id in check.statement.regions:
                return check
        return None


def _regions(report: Report, statement_ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(region for statement_id in statement_ids for region in report.statement(statement_id).regions)


def share_regions(report: Report) -> tuple[str, ...]:
    """The regions the report's share of Ukraine ("roughly 18%") is said of."""
    return _regions(report, report.stated_share.statements)


def share_measured(report: Report, measurement: Measurement) -> float:
    """The share of Ukraine's area the report's "roughly 18%" is checked against: the occupied
    km² in the regions it names with it (`share_regions`), over Ukraine's area. The Timeline
    charts this same measure, so its line and the verdict cannot differ."""
    return 100 * measurement.km2(share_regions(report)) / measurement.ukraine_area


def check_report(report: Report, areas: OfficialAreas, measurement: Measurement) -> ReportCheck:
    """`report` as published (before any scenario).

    "Over 100,000 km²" is all the territory Russia controls: it is checked against the occupied
    km² in every Ukrainian region, as the Method page's rule says (on the report's date only the
    regions it names have any; later, parts of Dnipropetrovsk and Sumy too). "Roughly 18%" is
    the report's share for the regions it names with it, and is checked for those regions.
    """
    area = _total(reconcile_area(report, areas), measurement.ukraine_km2, measurement.polygon_km2, measurement.date)
    share = _total(reconcile_share(report, areas), share_measured(report, measurement), measurement.polygon_share,
                   measurement.date)
    statements = tuple(check_statement(statement, measurement) for statement in report.statements)
    return ReportCheck(measurement.date, statements, area, share)


@dataclass(frozen=True)
class Headline:
    """The first screen's figures for one view: what panels and the Method page only format."""

    check: ReportCheck
    scenario: Scenario
    reading: Reading | None
    area_at_reading: float | None  # ours from the report's figures, at the chosen reading
    share_at_reading: float | None
    # Under a scenario: the measured km² it concerns (demanded territory, or what would remain).
    scenario_measured_km2: float | None
    scenario_measured_share: float | None
    scenario_computed_km2: Range | None  # the same from the report's own figures


def headline(report: Report, areas: OfficialAreas, measurement: Measurement, scenario: Scenario,
             reading: Reading | None) -> Headline:
    """`report` as published; the scenario is applied to the figures here, not to the report."""
    if any(statement.reported_share is not None for statement in report.statements):
        raise ValueError("headline() takes the report as published, before any scenario is applied")
    check = check_report(report, areas, measurement)
    area_at = share_at = None
    if reading is not None:
        area_at, share_at = pick(check.area.computed, reading), pick(check.share.computed, reading)
    measured_km2 = computed = None
    if scenario is Scenario.RUSSIAN_DEMANDS:
        ids = demanded_statements(report)
        measured_km2 = measurement.km2(_regions(report, ids))
        computed = controlled_km2(report, areas, ids)
    elif scenario is Scenario.HINTED_WITHDRAWAL:
        kept = tuple(s for s in report.stated_area.statements if s not in withdrawn_statements(report))
        measured_km2 = measurement.km2(_regions(report, kept))
        computed = controlled_km2(report, areas, kept)
    measured_share = None if measured_km2 is None else 100 * measured_km2 / measurement.ukraine_area
    return Headline(check, scenario, reading, area_at, share_at, measured_km2, measured_share, computed)

