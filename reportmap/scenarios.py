"""Scenarios and readings: what the report's statements would mean on the ground.

A scenario shows the report's statements the way the report itself describes (Putin's hinted
withdrawal; Russia's demand for recognition); it illustrates the report, it does not forecast.
It is a view over the report as published (`ScenarioView`), which it never rewrites. A reading
picks the low, middle or high end of every range.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportmap.keyed import Keyed
from reportmap.records import ZERO, Range, Report, Statement

WITHDRAWAL_POINT = "hinted-withdrawal"
RECOGNITION_CONDITION = "recognition"


class Scenario(Keyed):
    """A view of the report; after its name's key, what it shows under the map (`note_key`) and its
    figures beside the map (`caption_key`; None: the report as published has no caption of its own)."""

    AS_REPORTED = "as-reported", "scenario_as-reported", "scenario_note_as-reported", None
    RUSSIAN_DEMANDS = ("russian-demands", "scenario_russian-demands", "scenario_note_russian-demands",
                       "scenario_caption_russian-demands")
    HINTED_WITHDRAWAL = ("hinted-withdrawal", "scenario_hinted-withdrawal", "scenario_note_hinted-withdrawal",
                         "scenario_caption_hinted-withdrawal")

    @property
    def note_key(self) -> str:
        return self.text_keys[1]

    @property
    def caption_key(self) -> str | None:
        return self.text_keys[2]


class Reading(Keyed):
    LOW = "low", "reading_low"
    MID = "mid", "reading_mid"
    HIGH = "high", "reading_high"


class ColourBy(Keyed):
    """What the map's colours show (its key: the name in the map's choice of colouring): the report's
    classes, one end of every range, or the measurement."""

    WORDING = "wording", "colour_by_wording"
    LOW = "low", "colour_by_low"
    MID = "mid", "colour_by_mid"
    HIGH = "high", "colour_by_high"
    MEASURED = "measured", "colour_by_measured"

    @property
    def reading(self) -> Reading | None:
        """The reading this colouring picks from the report's ranges (None: not a reading)."""
        return Reading(self.value) if self.value in {r.value for r in Reading} else None


DEFAULT_SCENARIO = Scenario.AS_REPORTED
DEFAULT_READING = Reading.MID


def parse(kind: type[Keyed], value: str | None, default: Keyed) -> tuple[Keyed, bool]:
    """The member named by `value`, and whether `value` was usable (absent counts as usable)."""
    if value is None:
        return default, True
    try:
        return kind(value), True
    except ValueError:
        return default, False


def pick(share: Range, reading: Reading) -> float:
    """One number from a range, for colouring and for a total 'at this reading'."""
    return {Reading.LOW: share.low, Reading.MID: share.mid, Reading.HIGH: share.high}[reading]


def withdrawn_statements(report: Report) -> tuple[str, ...]:
    """The statements whose areas Putin hinted Russia could leave."""
    for point in report.points:
        if point.id == WITHDRAWAL_POINT:
            return point.statements
    return ()


def demanded_statements(report: Report) -> tuple[str, ...]:
    """The statements whose territory Russia demands be recognised."""
    for condition in report.conditions:
        if condition.id == RECOGNITION_CONDITION:
            return condition.statements
    return ()


def offered(report: Report) -> bool:
    """Whether the report gives what the scenarios illustrate (Russia's demands, a hinted withdrawal):
    a report without them is shown as reported, and the page offers no scenario."""
    return bool(demanded_statements(report) or withdrawn_statements(report))


@dataclass(frozen=True)
class ScenarioView:
    """The report as a scenario shows it: the report as published, never rewritten, and what the
    scenario makes of its statements. Only the hinted withdrawal changes a figure: the statements
    whose areas Putin hinted Russia could leave are shown returned, Russia's share of them 0."""

    report: Report  # as published
    scenario: Scenario = DEFAULT_SCENARIO

    @property
    def returned(self) -> tuple[str, ...]:
        """The statements the scenario shows returned to Ukraine."""
        return withdrawn_statements(self.report) if self.scenario is Scenario.HINTED_WITHDRAWAL else ()

    def share(self, statement: Statement) -> Range:
        """Russia's share of the statement's regions as the scenario has it (the published one, or 0)."""
        return ZERO if statement.id in self.returned else statement.share
