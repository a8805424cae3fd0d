"""Claims checked against the measurement: one verdict per claim, per statement and per total.

The rules are written once, in `reportmap.claims` (the Method page prints them from the same
constants); here a claim meets the measurement of a day. The report's words are never changed; a
verdict stands beside them.

A statement the report makes for two regions together ("more than 80% of Donetsk and
Luhansk regions") is checked for the two together: their measured km² over their combined
area. Each region's own measured share is shown as its own figure, never the pair's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportmap import claims
from reportmap.areas import Consistency, Reconciled, controlled_km2, reconcile_area, reconcile_share
from reportmap.claims import ClaimCheck, Unchecked
from reportmap.measured import MeasuredSeries, Measurement
from reportmap.records import (
    UKRAINE,
    Claim,
    OfficialAreas,
    Range,
    Report,
    ReportInfo,
    StatedTotal,
    Statement,
    Verdict,
)
from reportmap.scenarios import Reading, Scenario, ScenarioView, demanded_statements, pick


def check_claim(claim: Claim, measurement: Measurement) -> ClaimCheck:
    """A claim against one day's measurement, by the rules of `reportmap.claims`.

    A scope the measurement does not cover (Russia's Kursk region) cannot be checked here."""
    known = dict(measurement.unit_areas)
    ids = [*claim.scope, *(claim.whole or ())]
    if any(unit != UKRAINE and unit not in known for unit in ids):
        return claims.cannot_check(claim, Unchecked.SCOPE)
    units = dict(measurement.units)
    measured = claims.measure(claim, units, known, measurement.polygon_km2, measurement.date)
    scope = tuple(known) if claim.scope == (UKRAINE,) else claim.scope
    return claims.judge(claim, measured, measurement.area(scope))


@dataclass(frozen=True)
class StatementCheck:
    """One statement of the report beside what was measured for its regions, together."""

    statement: Statement  # as the report makes it (never a scenario's rewrite)
    date: dt.date
    km2: float
    area_km2: float
    region_shares: tuple[tuple[str, float], ...]
    claim: ClaimCheck  # the verdict, the reading it used and the measured range

    @property
    def verdict(self) -> Verdict:
        return self.claim.verdict

    @property
    def share(self) -> float:
        return 100 * self.km2 / self.area_km2

    @property
    def together(self) -> bool:
        """True when the report gives one figure for several regions."""
        return len(self.statement.regions) > 1


def check_statement(statement: Statement, measurement: Measurement, info: ReportInfo) -> StatementCheck:
    regions = statement.regions
    region_shares = {region_id: measurement.share([region_id]) for region_id in regions}
    check = check_claim(claims.statement_claim(statement, info), measurement)
    return StatementCheck(statement, measurement.date, measurement.km2(regions), measurement.area(regions),
                          tuple(region_shares.items()), check)


@dataclass(frozen=True)
class TotalCheck:
    """A total as the report states it, ours from its own figures, and the measurement."""

    stated: StatedTotal
    computed: Range  # from the report's statements on official areas
    consistency: Consistency  # the stated total against `computed`
    measured: float  # over the regions the total covers, on `date`
    polygon: float  # the occupied polygon's own total (km², or % of Ukraine)
    date: dt.date
    claim: ClaimCheck  # the stated total against the measurement, by the rules

    @property
    def verdict(self) -> Verdict:
        return self.claim.verdict


def _total(reconciled: Reconciled, claim: Claim, measurement: Measurement, measured: float,
           polygon: float) -> TotalCheck:
    return TotalCheck(reconciled.stated, reconciled.computed, reconciled.consistency, measured, polygon,
                      measurement.date, check_claim(claim, measurement))


@dataclass(frozen=True)
class ReportCheck:
    """Every statement and total of the report against one day's measurement."""

    date: dt.date
    statements: tuple[StatementCheck, ...]
    area: TotalCheck | None  # None where the report states no such total
    share: TotalCheck | None
    figures: tuple[ClaimCheck, ...] = ()  # the report's other figures, on the same day

    @property
    def claims(self) -> tuple[ClaimCheck, ...]:
        """Every figure's check, in the report's order: each statement, its totals, its other figures."""
        totals = tuple(total.claim for total in (self.area, self.share) if total is not None)
        return (*(s.claim for s in self.statements), *totals, *self.figures)

    def for_region(self, region_id: str) -> StatementCheck | None:
        for check in self.statements:
            if region_id in check.statement.regions:
                return check
        return None


def _regions(report: Report, statement_ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(region for statement_id in statement_ids for region in report.statement(statement_id).regions)


def share_regions(report: Report) -> tuple[str, ...]:
    """The regions the report's share of Ukraine ("roughly 18%") is said of (none without one)."""
    return () if report.stated_share is None else _regions(report, report.stated_share.statements)


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
    info = report.info
    area = share = None
    if report.stated_area is not None:
        area = _total(reconcile_area(report, areas), claims.area_claim(report.stated_area, info), measurement,
                      measurement.ukraine_km2, measurement.polygon_km2)
    if report.stated_share is not None:
        share = _total(reconcile_share(report, areas),
                       claims.share_claim(report.stated_share, share_regions(report), info),
                       measurement, share_measured(report, measurement), measurement.polygon_share)
    statements = tuple(check_statement(statement, measurement, info) for statement in report.statements)
    # A figure for another day than the report's is measured on the report's day all the same: the
    # page shows one day's measurement; its own words and date stand beside the verdict.
    figures = tuple(check_claim(claim, measurement) for claim in report.figures)
    return ReportCheck(measurement.date, statements, area, share, figures)


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
    """`report` as published (a scenario never rewrites it): the scenario's figures are computed here."""
    check = check_report(report, areas, measurement)
    area_at = share_at = None
    if reading is not None:
        area_at = None if check.area is None else pick(check.area.computed, reading)
        share_at = None if check.share is None else pick(check.share.computed, reading)
    measured_km2 = computed = None
    if scenario is Scenario.RUSSIAN_DEMANDS:
        ids = demanded_statements(report)
        measured_km2 = measurement.km2(_regions(report, ids))
        computed = controlled_km2(report, areas, ids)
    elif scenario is Scenario.HINTED_WITHDRAWAL:
        covered = report.stated_area.statements if report.stated_area else tuple(s.id for s in report.statements)
        kept = tuple(s for s in covered if s not in ScenarioView(report, scenario).returned)
        measured_km2 = measurement.km2(_regions(report, kept))
        computed = controlled_km2(report, areas, kept)
    measured_share = None if measured_km2 is None else 100 * measured_km2 / measurement.ukraine_area
    return Headline(check, scenario, reading, area_at, share_at, measured_km2, measured_share, computed)



def check_claim_on(claim: Claim, series: MeasuredSeries) -> ClaimCheck:
    """A claim against the measurement of its own day (or the nearest earlier day with a file).

    A day before the data's first or after its newest cannot be checked: nothing is extrapolated."""
    if claim.date < series.first:
        return claims.cannot_check(claim, Unchecked.BEFORE_DATA)
    if claim.date > series.last:
        return claims.cannot_check(claim, Unchecked.AFTER_DATA)
    return check_claim(claim, series.on(claim.date).measurement)
