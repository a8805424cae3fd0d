"""Files -> validated records -> the report checked against the measurement -> the joined regions.

The one path every reader of the data takes: the page (through its cache), the command
line and the standalone export, so that they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from reportmap.checks import ReportCheck, check_report
from reportmap.geo import BOUNDARIES_FILE, join_figures, load_boundaries
from reportmap.loading import AREAS_FILE, REPORT_FILE, DataError, load_areas, load_report
from reportmap.measured import DAILY_FILE, MANIFEST_FILE, UNIT_AREAS_FILE, MeasuredSeries, Measurement, load_series
from reportmap.records import OfficialAreas, Report
from reportmap.scenarios import DEFAULT_SCENARIO, Scenario, apply


@dataclass(frozen=True)
class Files:
    report: Path = REPORT_FILE
    areas: Path = AREAS_FILE
    boundaries: Path = BOUNDARIES_FILE
    measured: Path = DAILY_FILE  # its unit areas and manifest sit beside it

    @property
    def measured_files(self) -> tuple[Path, Path, Path]:
        folder = self.measured.parent
        return self.measured, folder / UNIT_AREAS_FILE.name, folder / MANIFEST_FILE.name

    @property
    def all(self) -> tuple[Path, ...]:
        return (self.report, self.areas, self.boundaries, *self.measured_files)


@dataclass(frozen=True)
class Loaded:
    published: Report  # the report as published
    report: Report  # as the scenario has it
    areas: OfficialAreas
    series: MeasuredSeries
    measurement: Measurement  # on the report's date
    check: ReportCheck  # the published report against `measurement`
    joined: gpd.GeoDataFrame  # follows the scenario


def report_day(published: Report, series: MeasuredSeries, source: Path) -> Measurement:
    try:
        return series.on(published.info.date).measurement
    except LookupError as error:
        raise DataError(source, "measurement", f"none for the report's date: {error}") from None


def load(files: Files | None = None, scenario: Scenario = DEFAULT_SCENARIO,
         series: MeasuredSeries | None = None) -> Loaded:
    """Everything the map and panels need for one scenario. Raises DataError."""
    files = files or Files()
    areas = load_areas(files.areas)
    published = load_report(files.report, areas=areas)
    if series is None:
        series = load_series(*files.measured_files)
    measurement = report_day(published, series, files.measured)
    check = check_report(published, areas, measurement)
    report = apply(published, scenario)
    joined = join_figures(load_boundaries(files.boundaries), report, areas, measurement, check)
    return Loaded(published, report, areas, series, measurement, check, joined)
