"""Files -> validated records -> the report checked against the measurement -> the joined regions.

The one path every reader of the data takes: the page (through its cache), the command
line and the standalone export, so that they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from reportmap.checks import ReportCheck, check_report
from reportmap.errors import DataError
from reportmap.join import join_figures
from reportmap.loading import AREAS_FILE, BOUNDARIES_FILE, REPORT_FILE, load_areas, load_boundaries, load_report
from reportmap.measured import (
    DAILY_FILE,
    DAILY_MAPS_FILE,
    MANIFEST_FILE,
    OVERLAY_FILE,
    UNIT_AREAS_FILE,
    DailyMaps,
    DayFound,
    MeasuredSeries,
    Measurement,
    load_daily_maps,
    load_overlay,
    load_series,
)
from reportmap.records import OfficialAreas, Report
from reportmap.scenarios import DEFAULT_SCENARIO, Scenario, ScenarioView


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

    @property
    def report_map(self) -> Path:
        """The report date's occupied area: a file of its own, so the first screen reads nothing else."""
        return self.measured.parent / OVERLAY_FILE.name

    @property
    def daily_maps(self) -> Path:
        return self.measured.parent / DAILY_MAPS_FILE.name


@dataclass(frozen=True)
class Loaded:
    published: Report  # the report as published: a scenario never rewrites it
    scenario: Scenario  # what `joined` shows it under (`scenarios.ScenarioView`)
    areas: OfficialAreas
    series: MeasuredSeries
    found: DayFound  # the day asked for (the report's date by default) and the measurement used for it
    check: ReportCheck  # the published report against `measurement`
    joined: gpd.GeoDataFrame  # follows the scenario and the day

    @property
    def measurement(self) -> Measurement:
        return self.found.measurement


def measured_day(published: Report, series: MeasuredSeries, source: Path, day: dt.date | None = None) -> DayFound:
    """The measurement for `day` (default: the report's date), or for the nearest earlier day with a file."""
    day = day or published.info.date
    try:
        return series.on(day)
    except LookupError as error:
        what = "the report's date" if day == published.info.date else str(day)
        raise DataError(source, "measurement", f"none for {what}: {error}") from None


@dataclass(frozen=True)
class Inputs:
    """The files, read and checked once: everything a day's view is computed from."""

    files: Files
    published: Report
    areas: OfficialAreas
    series: MeasuredSeries
    boundaries: gpd.GeoDataFrame


Shared = tuple[OfficialAreas, MeasuredSeries, gpd.GeoDataFrame]


def read_shared(files: Files) -> Shared:
    """What every report of the library is read against: the official areas, the measurement and
    the boundaries. Raises DataError."""
    return load_areas(files.areas), load_series(*files.measured_files), load_boundaries(files.boundaries)


def read_inputs(files: Files | None = None, shared: Shared | None = None) -> Inputs:
    """Files -> validated records (`shared`: those of `read_shared`, already read). Raises DataError."""
    files = files or Files()
    if shared is not None:
        areas, series, boundaries = shared
        return Inputs(files, load_report(files.report, areas=areas), areas, series, boundaries)
    areas = load_areas(files.areas)
    published = load_report(files.report, areas=areas)  # a broken report is named before the rest is read
    return Inputs(files, published, areas, load_series(*files.measured_files), load_boundaries(files.boundaries))


def for_day(inputs: Inputs, scenario: Scenario = DEFAULT_SCENARIO, day: dt.date | None = None) -> Loaded:
    """Everything the map and panels need for one scenario and one day. Raises DataError.

    The report's own figures stay those of its date whatever the day; the measurement, and so
    every verdict and measured share, is the day's. Every day's frame shares the inputs'
    boundary geometries.
    """
    published, areas = inputs.published, inputs.areas
    found = measured_day(published, inputs.series, inputs.files.measured, day)
    check = check_report(published, areas, found.measurement)
    joined = join_figures(inputs.boundaries, ScenarioView(published, scenario), areas, found.measurement, check)
    return Loaded(published, scenario, areas, inputs.series, found, check, joined)


def load(files: Files | None = None, scenario: Scenario = DEFAULT_SCENARIO, day: dt.date | None = None) -> Loaded:
    """Files -> records -> the report checked against the day's measurement -> joined. Raises DataError."""
    return for_day(read_inputs(files), scenario, day)


def day_map_file(files: Files, day: dt.date) -> Path:
    """Where a day's own map file would be (`occupied-YYYY-MM-DD.geojson`, beside the daily table)."""
    return files.measured.parent / f"occupied-{day.isoformat()}.geojson"


def overlay_on(files: Files, day: dt.date, report_date: dt.date, *,
               report_map: Callable[[Path], dict] = load_overlay,
               daily_maps: Callable[[Path], DailyMaps] = load_daily_maps) -> dict:
    """The occupied area (GeoJSON) on a measured `day`; the loaders may be cached ones.

    Always that day's own outline: the day's separate file (the seed report's date has one, so its
    first screen reads nothing else) when there is one and it says it is that day's, else the day
    from the archive of every day's map. `report_date` is kept for the callers' sake."""
    own = day_map_file(files, day)
    if own.is_file():
        collection = report_map(own)
        if all((f.get("properties") or {}).get("date") == day.isoformat() for f in collection["features"]):
            return collection
    return daily_maps(files.daily_maps).on(day)
